package org.bluelamp.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The growth figure of issue 13 point 5 as per-query CPU time, two builds in one JVM: each jar (a
 * {@code benchmarks.jar}) is loaded by its own class loader and runs its own {@link
 * RecommendBenchmark} (the same fleet, incidents and intake thread as the JMH benchmark), and the
 * measuring thread times every {@code manyToOne} call by its own CPU clock. Rounds of the
 * benchmark's 64 incidents alternate between the builds (which goes first alternating by round),
 * so both see the same load and the same JIT history of the JVM; a p99 read this way is the
 * query's own work, not a collector pause or a time off the core, which wall-clock sampling (JMH
 * {@code SampleTime}, one fork) counts.
 *
 * <p>Prints per build p50 / p90 / p99 / p99.9 µs over {@code rounds × 64} queries after {@code
 * warm} rounds each, the p99 of each third of the rounds (its spread within the run), and the
 * before / after ratios. Single-threaded (besides each benchmark's intake thread).
 *
 * <pre>java -Xmx12g -XX:+UseParallelGC -Dbluelamp.shared.dir=... -Dbluelamp.bench.cache=... -cp benchmarks.jar
 *     org.bluelamp.bench.GrowthCpuTime before.jar after.jar map:units site [rounds] [warm]</pre>
 */
public final class GrowthCpuTime {
    private GrowthCpuTime() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 4) {
            System.err.println("usage: GrowthCpuTime <before.jar> <after.jar> <map:units> <site> [rounds] [warm]");
            System.exit(2);
        }
        String map = args[2].substring(0, args[2].indexOf(':'));
        int units = Integer.parseInt(args[2].substring(args[2].indexOf(':') + 1));
        String site = args[3];
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 90;
        int warm = args.length > 5 ? Integer.parseInt(args[5]) : 60;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Object[] benches = new Object[2];
        MethodHandle[] query = new MethodHandle[2];
        for (int b = 0; b < 2; b++) {
            benches[b] = benchmark(args[b], map, units, site);
            query[b] = MethodHandles.publicLookup()
                    .unreflect(benches[b].getClass().getMethod("manyToOne"))
                    .asType(MethodType.methodType(Object.class, Object.class))
                    .bindTo(benches[b]);
        }
        long[][] cpu = new long[2][rounds * 64];
        long[][] wall = new long[2][rounds * 64];
        long[] scratch = new long[64];
        long[] scratchWall = new long[64];
        long gcCount0 = 0;
        long gcMillis0 = 0;
        int sink = 0;
        for (int r = 0; r < warm + rounds; r++) {
            for (int o = 0; o < 2; o++) {
                int b = (r + o) & 1;
                for (int q = 0; q < 64; q++) {
                    long w0 = System.nanoTime();
                    long c0 = clock.getCurrentThreadCpuTime();
                    Object answer = query[b].invokeExact();
                    scratch[q] = clock.getCurrentThreadCpuTime() - c0;
                    scratchWall[q] = System.nanoTime() - w0;
                    sink += answer.hashCode() & 1;
                }
                if (r >= warm) {
                    System.arraycopy(scratch, 0, cpu[b], (r - warm) * 64, 64);
                    System.arraycopy(scratchWall, 0, wall[b], (r - warm) * 64, 64);
                }
            }
            if (r == warm - 1) {
                gcCount0 = gcCount();
                gcMillis0 = gcMillis();
            }
        }
        long gcs = gcCount() - gcCount0;
        long gcMillis = gcMillis() - gcMillis0;
        for (Object bench : benches) {
            bench.getClass().getMethod("tearDown").invoke(bench);
        }
        String[] name = {"before", "after"};
        double[][] pct = new double[2][];
        for (int b = 0; b < 2; b++) {
            pct[b] = percentiles(cpu[b]);
            int third = rounds / 3 * 64;
            StringBuilder thirds = new StringBuilder();
            for (int t = 0; t < 3; t++) {
                double[] p = percentiles(Arrays.copyOfRange(cpu[b], t * third, (t + 1) * third));
                thirds.append(t == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", p[2]));
            }
            double[] w = percentiles(wall[b]);
            // the slowest 1% by wall clock: how many spent over half their time off the thread's CPU
            Integer[] order = new Integer[wall[b].length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            long[] wb = wall[b];
            Arrays.sort(order, (x, y) -> Long.compare(wb[y], wb[x]));
            int tail = Math.max(1, order.length / 100);
            int offCpu = 0;
            for (int i = 0; i < tail; i++) {
                if (wb[order[i]] - cpu[b][order[i]] > wb[order[i]] / 2) {
                    offCpu++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "GROWTH-WALL %s:%d %s %s p50 / p99 us %.0f / %.0f; of its slowest 1%% (%d), %d spent over half"
                            + " their time off the CPU%n",
                    map,
                    units,
                    site,
                    name[b],
                    w[0],
                    w[2],
                    tail,
                    offCpu);
            System.out.printf(
                    Locale.ROOT,
                    "GROWTH-CPU %s:%d %s %s p50 / p90 / p99 / p99.9 us %.0f / %.0f / %.0f / %.0f"
                            + " (p99 of each third of the rounds %s; %d queries)%n",
                    map,
                    units,
                    site,
                    name[b],
                    pct[b][0],
                    pct[b][1],
                    pct[b][2],
                    pct[b][3],
                    thirds,
                    cpu[b].length);
        }
        System.out.printf(
                Locale.ROOT,
                "GROWTH-CPU %s:%d %s before/after p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f (load %s;"
                        + " %d collections, %d ms, while measured)%s%n",
                map,
                units,
                site,
                pct[0][0] / pct[1][0],
                pct[0][1] / pct[1][1],
                pct[0][2] / pct[1][2],
                pct[0][3] / pct[1][3],
                loadAverage(),
                gcs,
                gcMillis,
                sink == -1 ? " " : "");
        System.exit(0);
    }

    private static Object benchmark(String jar, String map, int units, String site) throws Exception {
        return BuildBenchmark.setUp(
                jar,
                "org.bluelamp.bench.RecommendBenchmark",
                Map.of("map", map, "units", units, "site", site),
                "setup");
    }

    /** p50, p90, p99, p99.9 in µs. */
    private static double[] percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        return new double[] {
            s[n / 2] / 1e3, s[n * 90 / 100] / 1e3, s[n * 99 / 100] / 1e3, s[Math.min(n - 1, n * 999 / 1000)] / 1e3
        };
    }

    private static long gcCount() {
        long n = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
