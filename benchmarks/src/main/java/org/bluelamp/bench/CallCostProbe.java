package org.bluelamp.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.ListUnitsResponse;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.TrackingGrpcClient;
import org.bluelamp.proto.v1.Unit;

/**
 * The service's CPU per gRPC call, split by thread group: a running {@code dispatch serve} (any
 * build; its JMX agent open on loopback) is offered a paced rate of one kind of unary call at a
 * time, in alternated blocks, and the server's threads' CPU time over each block (read over JMX,
 * per thread, grouped by name) is divided by the calls answered. Two kinds: {@code GetUnit} (the
 * cheapest unary call the service has: a look-up on the event loop, so it is the fixed per-call
 * cost of our gRPC path) and {@code Recommend} with {@code max_candidates 5} at incidents beside
 * the fleet's own units (the demonstration fleet of {@code serve}: its units stand on roads).
 *
 * <p>Groups: event loops ({@code vert.x-eventloop-thread-*}), search pool ({@code bluelamp-search-*}),
 * intake ({@code bluelamp-fix-intake}), the JMX agent's own threads ({@code RMI *}, {@code JMX *}:
 * the probe's reading, left out of the total), other Java threads, and "not Java threads" (the
 * process CPU less every Java thread's: GC, JIT). The probe itself uses one event loop and prints its
 * own process CPU per call too. Medians over the blocks of each kind.
 *
 * <p>Usage: {@code CallCostProbe <host:port> <jmx host:port> <calls/s> <seconds per block> <blocks per
 * kind> [label]}. Not thread-safe; a tool main.
 */
public final class CallCostProbe {
    private static final int WARMUP_SECONDS = Integer.getInteger("bluelamp.probe.warmup", 20);
    private static final String[] GROUPS = {
        "eventLoops", "search", "intake", "otherJava", "notJava", "jmx", "eventLoopsUser", "gc", "jit"
    };

    private CallCostProbe() {}

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String jmx = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int blocks = Integer.parseInt(args[4]);
        String label = args.length > 5 ? args[5] : "";
        long pid = args.length > 6 ? Long.parseLong(args[6]) : -1;
        String host = target.substring(0, target.lastIndexOf(':'));
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BluelampClient client = BluelampClient.connect(vertx, host, port, null, null, false);
        JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi"), Map.of());
        MBeanServerConnection mbeans = connector.getMBeanServerConnection();
        com.sun.management.ThreadMXBean threads =
                ManagementFactory.getPlatformMXBean(mbeans, com.sun.management.ThreadMXBean.class);
        com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getPlatformMXBean(mbeans, com.sun.management.OperatingSystemMXBean.class);
        com.sun.management.OperatingSystemMXBean ownOs =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        ListUnitsResponse fleet = client.call(
                        FleetGrpcClient.ListUnits,
                        ListUnitsRequest.newBuilder().setMaxUnits(1000).build())
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        List<Unit> placed = new ArrayList<>();
        for (Unit u : fleet.getUnitsList()) {
            if (u.hasLastFix()) {
                placed.add(u);
            }
        }
        if (placed.isEmpty()) {
            throw new IllegalStateException("the service has no unit with a position: serve a demonstration fleet");
        }
        String unitId = placed.get(0).getId();
        System.out.printf(
                "# %s target %s, %d units with a position, %d calls/s, %d s a block, %d blocks a kind%n",
                label, target, placed.size(), rate, seconds, blocks);

        String[] kinds =
                System.getProperty("bluelamp.probe.kinds", "GetUnit,Recommend").split(",");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (String k : kinds) {
            results.put(k, new ArrayList<>());
        }
        SplittableRandom random = new SplittableRandom(7);
        // a warm-up block of each kind, not counted
        for (String k : kinds) {
            runBlock(vertx, client, k, unitId, placed, random, rate, WARMUP_SECONDS);
        }
        for (int b = 0; b < blocks; b++) {
            for (String k : kinds) {
                Map<Long, Long> cpu0 = timesByThread(threads, false);
                Map<Long, Long> user0 = timesByThread(threads, true);
                long process0 = os.getProcessCpuTime();
                long[] native0 = nativeThreads(pid);
                long own0 = ownOs.getProcessCpuTime();
                long answered = runBlock(vertx, client, k, unitId, placed, random, rate, seconds);
                long own1 = ownOs.getProcessCpuTime();
                long process1 = os.getProcessCpuTime();
                long[] native1 = nativeThreads(pid);
                Map<Long, Long> cpu1 = timesByThread(threads, false);
                Map<Long, Long> user1 = timesByThread(threads, true);
                double[] byGroup = new double[GROUPS.length + 2];
                long javaTotal = 0;
                long[] ids = cpu1.keySet().stream().mapToLong(Long::longValue).toArray();
                java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
                for (int i = 0; i < ids.length; i++) {
                    if (infos[i] == null) {
                        continue;
                    }
                    long d = cpu1.get(ids[i]) - cpu0.getOrDefault(ids[i], 0L);
                    javaTotal += d;
                    int g = group(infos[i].getThreadName());
                    byGroup[g] += d;
                    if (g == 0) {
                        byGroup[6] += user1.getOrDefault(ids[i], 0L) - user0.getOrDefault(ids[i], 0L);
                    }
                }
                byGroup[4] = Math.max(0, (process1 - process0) - javaTotal);
                byGroup[7] = native1[0] - native0[0];
                byGroup[8] = native1[1] - native0[1];
                double total = 0;
                for (int g = 0; g < 5; g++) {
                    total += byGroup[g];
                }
                byGroup[GROUPS.length] = total;
                byGroup[GROUPS.length + 1] = own1 - own0;
                for (int g = 0; g < byGroup.length; g++) {
                    byGroup[g] = byGroup[g] / 1000.0 / Math.max(1, answered);
                }
                results.get(k).add(byGroup);
                System.out.printf("%s block %d %-9s answered %6d  µs/call: %s%n", label, b, k, answered, line(byGroup));
            }
        }
        for (String k : kinds) {
            List<double[]> r = results.get(k);
            double[] median = new double[GROUPS.length + 2];
            for (int g = 0; g < median.length; g++) {
                double[] v = new double[r.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get(i)[g];
                }
                Arrays.sort(v);
                median[g] = v[v.length / 2];
            }
            System.out.printf("%s median %-9s µs/call: %s%n", label, k, line(median));
        }
        connector.close();
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String line(double[] byGroup) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < GROUPS.length; g++) {
            b.append(String.format("%s %.1f  ", GROUPS[g], byGroup[g]));
        }
        b.append(String.format("| server %.1f  probe %.1f", byGroup[GROUPS.length], byGroup[GROUPS.length + 1]));
        return b.toString();
    }

    private static int group(String name) {
        if (name.startsWith("vert.x-eventloop-thread")) {
            return 0;
        }
        if (name.startsWith("bluelamp-search")) {
            return 1;
        }
        if (name.startsWith("bluelamp-fix-intake")) {
            return 2;
        }
        if (name.startsWith("RMI ") || name.startsWith("JMX ")) {
            return 5;
        }
        return 3;
    }

    /** Each live thread's CPU time so far (nanoseconds; its user-mode part only when {@code userOnly}), by id. */
    private static Map<Long, Long> timesByThread(com.sun.management.ThreadMXBean threads, boolean userOnly) {
        long[] ids = threads.getAllThreadIds();
        long[] cpu = userOnly ? threads.getThreadUserTime(ids) : threads.getThreadCpuTime(ids);
        Map<Long, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                m.put(ids[i], cpu[i]);
            }
        }
        return m;
    }

    /**
     * CPU nanoseconds so far of the process's garbage collector threads and JIT compiler threads
     * (from /proc, by thread name; at the kernel's tick resolution), or zeros without a pid.
     */
    private static long[] nativeThreads(long pid) {
        long[] gcJit = new long[2];
        if (pid < 0) {
            return gcJit;
        }
        java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return gcJit;
        }
        long nanosPerTick = 10_000_000L; // USER_HZ 100
        for (java.io.File t : tasks) {
            try {
                String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (name.startsWith("Z") || name.startsWith("GC") || name.startsWith("G1")) {
                    gcJit[0] += ticks * nanosPerTick;
                } else if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
                    gcJit[1] += ticks * nanosPerTick;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended meanwhile
            }
        }
        return gcJit;
    }

    private static final int FIXES_PER_BATCH = 500;

    private static List<String> kindsList() {
        return List.of(
                System.getProperty("bluelamp.probe.kinds", "GetUnit,Recommend").split(","));
    }

    /**
     * Streams {@code rate} fix batches a second of {@link #FIXES_PER_BATCH} fixes (the load tool's
     * batch; the units with a position in turn, each fix where its unit last stood) on one stream for
     * {@code seconds}, at most 16 unacknowledged; returns the fixes acknowledged.
     */
    private static long streamFixes(Vertx vertx, BluelampClient client, List<Unit> placed, int rate, int seconds)
            throws Exception {
        AtomicLong acked = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long total = (long) rate * seconds;
        long[] sent = {0};
        int[] next = {0};
        vertx.runOnContext(v -> client.open(TrackingGrpcClient.StreamFixes)
                .onFailure(e -> {
                    System.err.println("StreamFixes failed: " + e);
                    done.countDown();
                })
                .onSuccess(req -> {
                    req.response().onSuccess(resp -> {
                        resp.handler((FixBatchAck ack) -> {
                            if (acked.addAndGet(FIXES_PER_BATCH) == total * FIXES_PER_BATCH) {
                                req.end();
                                done.countDown();
                            }
                        });
                    });
                    long start = System.nanoTime();
                    vertx.setPeriodic(1, id -> {
                        long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
                        while (sent[0] < due && sent[0] - acked.get() / FIXES_PER_BATCH < 16) {
                            FixBatch.Builder b = FixBatch.newBuilder().setBatchId(sent[0]);
                            long now = System.currentTimeMillis();
                            for (int i = 0; i < FIXES_PER_BATCH; i++) {
                                Unit u = placed.get(next[0]);
                                next[0] = (next[0] + 1) % placed.size();
                                LatLon at = u.getLastFix().getPosition();
                                b.addFixes(GpsFix.newBuilder()
                                        .setUnitId(u.getId())
                                        .setPosition(LatLon.newBuilder()
                                                .setLatDeg(at.getLatDeg() + (i % 7) * 1e-6)
                                                .setLonDeg(at.getLonDeg()))
                                        .setPositionTimeEpochMillis(now - FIXES_PER_BATCH + i)
                                        .setAccuracyMetres(5));
                            }
                            req.write(b.build());
                            sent[0]++;
                        }
                        if (sent[0] == total) {
                            vertx.cancelTimer(id);
                        }
                    });
                }));
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fix batches still unacknowledged a minute after the block");
        }
        return acked.get();
    }

    /** Offers {@code rate} calls a second of one kind for {@code seconds}; returns the calls answered OK. */
    private static long runBlock(
            Vertx vertx,
            BluelampClient client,
            String kind,
            String unitId,
            List<Unit> placed,
            SplittableRandom random,
            int rate,
            int seconds)
            throws Exception {
        if (kind.equals("Fixes")) {
            return streamFixes(vertx, client, placed, rate / 10, seconds);
        }
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] sent = {0};
        GetUnitRequest get = GetUnitRequest.newBuilder().setUnitId(unitId).build();
        vertx.runOnContext(v -> vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
            while (sent[0] < due) {
                sent[0]++;
                outstanding.incrementAndGet();
                Future<?> f;
                if (kind.equals("GetUnit")) {
                    f = client.call(FleetGrpcClient.GetUnit, get);
                } else {
                    LatLon at = placed.get(random.nextInt(placed.size()))
                            .getLastFix()
                            .getPosition();
                    LatLon near = LatLon.newBuilder()
                            .setLatDeg(at.getLatDeg() + (random.nextDouble() - 0.5) * 0.0004)
                            .setLonDeg(at.getLonDeg() + (random.nextDouble() - 0.5) * 0.0004)
                            .build();
                    f = client.call(
                            DispatchGrpcClient.Recommend,
                            RecommendRequest.newBuilder()
                                    .setMaxCandidates(5)
                                    .setIncident(
                                            Incident.newBuilder().setGrade("1").setLocation(near))
                                    .build());
                }
                f.onComplete(ar -> {
                    if (ar.succeeded()) {
                        ok.incrementAndGet();
                    } else if (failed.incrementAndGet() <= 3) {
                        System.err.println(kind + " failed: " + ar.cause());
                    }
                    if (outstanding.decrementAndGet() == 0 && sent[0] == total) {
                        done.countDown();
                    }
                });
            }
            if (sent[0] == total) {
                vertx.cancelTimer(id);
            }
        }));
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException(kind + ": calls still unanswered a minute after the block");
        }
        return ok.get();
    }
}
