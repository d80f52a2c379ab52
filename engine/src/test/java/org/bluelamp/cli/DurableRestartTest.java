package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.CloseIncidentRequest;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.ListAuditResponse;
import org.bluelamp.proto.v1.ListIncidentsRequest;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.4 for real: {@code dispatch serve --redis} as a separate process against a real
 * redis-server, driven over gRPC by the stock grpc-java client, killed with SIGKILL and started
 * again. Every acknowledged registration, status change, assignment, incident and audit entry must
 * be there after the restart, and the positions and tracks those of the journal.
 *
 * <p>The kill loop runs {@code -Dbluelamp.killCycles} cycles (3 in the suite, to keep it short; the documented
 * 100-cycle run sets 100) under concurrent writers, counting acknowledged writes lost (must be 0)
 * and writes applied twice (must be 0).
 */
class DurableRestartTest {
    static final double LAT = 43.7393;
    static final double LON = 7.4278;

    static ServeProcess serve(RedisServer redis, String force) throws Exception {
        // no coverage planning: nothing here uses it, and preparing it is most of a start after the map
        return ServeProcess.start(
                "--redis", redis.uri(), "--force", force, "--demo-units", "0", "--instance", "e1", "--no-planning");
    }

    static ManagedChannel channel(ServeProcess p) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", p.port)
                .usePlaintext()
                .build();
    }

    static JsonNode health(ServeProcess p) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body());
    }

    static Unit unit(String id, UnitStatus status) {
        return Unit.newBuilder()
                .setId(id)
                .setCallsign("C" + id)
                .setKind(UnitKind.UNIT_KIND_CAR)
                .setStatus(status)
                .build();
    }

    @Test
    void aKilledEngineRestartsWithEveryAcknowledgedChange() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            ServeProcess first = serve(redis, "kill1");
            ManagedChannel ch = channel(first);
            Map<String, Object> before = new HashMap<>();
            try {
                var fleet = FleetGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                var dispatch = DispatchGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                for (String id : List.of("A1", "A2", "A3")) {
                    fleet.registerUnit(RegisterUnitRequest.newBuilder()
                            .setUnit(unit(id, UnitStatus.UNIT_STATUS_AVAILABLE).toBuilder()
                                    .setLastFix(GpsFix.newBuilder()
                                            .setPosition(LatLon.newBuilder()
                                                    .setLatDeg(LAT)
                                                    .setLonDeg(LON))))
                            .build());
                }
                long now = System.currentTimeMillis();
                // four status changes, two assignments (one closed again), a recommendation
                fleet.setStatus(status("A1", UnitStatus.UNIT_STATUS_AT_STATION, now + 1));
                fleet.setStatus(status("A1", UnitStatus.UNIT_STATUS_AVAILABLE, now + 2));
                fleet.setStatus(status("A3", UnitStatus.UNIT_STATUS_REFRESHMENT, now + 3));
                fleet.setStatus(status("A3", UnitStatus.UNIT_STATUS_AT_STATION, now + 4));
                dispatch.recommend(RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setId("INC-1")
                                .setGrade("1")
                                .setLocation(
                                        LatLon.newBuilder().setLatDeg(43.7311).setLonDeg(7.4197)))
                        .build());
                dispatch.assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-1")
                        .setUnitId("A1")
                        .setGrade("1")
                        .build());
                dispatch.assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-2")
                        .setUnitId("A2")
                        .setGrade("2")
                        .setLocation(LatLon.newBuilder().setLatDeg(43.735).setLonDeg(7.42))
                        .build());
                dispatch.closeIncident(
                        CloseIncidentRequest.newBuilder().setIncidentId("INC-2").build());
                // 287 track points for A3, then wait until the journal has them
                sendFixes(ch, "A3", 287, now - 300_000);
                long end = System.nanoTime() + 10_000_000_000L;
                while (health(first)
                                        .path("store")
                                        .path("journal")
                                        .path("pending")
                                        .asLong()
                                > 0
                        && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                before.put(
                        "units",
                        fleet.listUnits(ListUnitsRequest.getDefaultInstance()).getUnitsList().stream()
                                .map(DurableRestartTest::comparable)
                                .toList());
                before.put(
                        "track",
                        fleet.getTrack(GetTrackRequest.newBuilder()
                                        .setUnitId("A3")
                                        .build())
                                .getPointsList());
                before.put("incidents", dispatch.listIncidents(ListIncidentsRequest.getDefaultInstance()));
                before.put("audit", audit(dispatch));
            } finally {
                ch.shutdownNow();
                first.kill(); // SIGKILL: nothing is flushed on the way out
            }
            ServeProcess second = serve(redis, "kill1");
            ch = channel(second);
            try {
                var fleet = FleetGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                var dispatch = DispatchGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                assertEquals(
                        before.get("units"),
                        fleet.listUnits(ListUnitsRequest.getDefaultInstance()).getUnitsList().stream()
                                .map(DurableRestartTest::comparable)
                                .toList());
                assertEquals(
                        before.get("track"),
                        fleet.getTrack(GetTrackRequest.newBuilder()
                                        .setUnitId("A3")
                                        .build())
                                .getPointsList());
                assertEquals(
                        before.get("incidents"), dispatch.listIncidents(ListIncidentsRequest.getDefaultInstance()));
                ListAuditResponse audit = audit(dispatch);
                assertEquals(before.get("audit"), audit);
                // the trail tells who was offered what and who was sent, in order
                List<String> kinds = audit.getEntriesList().stream()
                        .filter(e -> e.getIncidentId().equals("INC-1"))
                        .map(e -> e.getKind().name())
                        .toList();
                assertEquals(List.of("AUDIT_KIND_RECOMMENDATION", "AUDIT_KIND_ASSIGNMENT"), kinds);
                assertEquals(
                        UnitStatus.UNIT_STATUS_EN_ROUTE,
                        fleet.getUnit(GetUnitRequest.newBuilder()
                                        .setUnitId("A1")
                                        .build())
                                .getStatus());
            } finally {
                ch.shutdownNow();
                second.close();
            }
        }
    }

    /** A unit as compared across a restart (its fix age and staleness are "now"-dependent). */
    static Unit comparable(Unit u) {
        return u.toBuilder().clearFixAgeSeconds().clearStale().build();
    }

    static SetStatusRequest status(String unit, UnitStatus status, long time) {
        return SetStatusRequest.newBuilder()
                .setUnitId(unit)
                .setStatus(status)
                .setStatusTimeEpochMillis(time)
                .build();
    }

    static ListAuditResponse audit(DispatchGrpc.DispatchBlockingStub dispatch) {
        return dispatch.listAudit(ListAuditRequest.getDefaultInstance());
    }

    /** Streams {@code n} fixes of one unit, one a second from {@code t0}, and waits for the acknowledgement. */
    static void sendFixes(ManagedChannel ch, String unit, int n, long t0) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(1);
        FixBatchAck[] ack = new FixBatchAck[1];
        StreamObserver<FixBatch> out = TrackingGrpc.newStub(ch).streamFixes(new StreamObserver<>() {
            @Override
            public void onNext(FixBatchAck value) {
                ack[0] = value;
                acked.countDown();
            }

            @Override
            public void onError(Throwable t) {
                acked.countDown();
            }

            @Override
            public void onCompleted() {}
        });
        FixBatch.Builder b = FixBatch.newBuilder().setBatchId(1);
        for (int i = 0; i < n; i++) {
            b.addFixes(GpsFix.newBuilder()
                    .setUnitId(unit)
                    .setPosition(LatLon.newBuilder().setLatDeg(LAT + i * 1e-5).setLonDeg(LON))
                    .setPositionTimeEpochMillis(t0 + i * 1000L)
                    .setAccuracyMetres(5));
        }
        out.onNext(b.build());
        assertTrue(acked.await(30, TimeUnit.SECONDS));
        out.onCompleted();
        assertEquals(n, ack[0].getAcceptedCount(), ack[0].toString());
    }

    // ------------------------------------------------------------------ the kill loop

    /** The last acknowledged write of a unit: its status and status time. */
    record Acked(UnitStatus status, long timeMillis) {}

    @Test
    void killCyclesUnderConcurrentWritesLoseNoAcknowledgedWrite() throws Exception {
        int cycles = Integer.getInteger("bluelamp.killCycles", 3);
        long seed = Long.getLong("bluelamp.seed", System.nanoTime());
        Random random = new Random(seed);
        int writers = 3;
        try (RedisServer redis = RedisServer.launch()) {
            long started = System.nanoTime();
            Map<String, Acked> acked = new ConcurrentHashMap<>();
            AtomicLong ackedWrites = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong registrations = new AtomicLong();
            ServeProcess[] current = {serve(redis, "loop")};
            ManagedChannel[] channel = {channel(current[0])};
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    long time = System.currentTimeMillis();
                    int unitNo = 0;
                    String unit = null;
                    boolean atStation = false;
                    while (running.get()) {
                        ManagedChannel ch = channel[0];
                        try {
                            var fleet = FleetGrpc.newBlockingStub(ch).withDeadlineAfter(3, TimeUnit.SECONDS);
                            if (unit == null || random(writer, unitNo) == 0) {
                                String id = "W" + writer + "-" + unitNo;
                                try {
                                    fleet.registerUnit(RegisterUnitRequest.newBuilder()
                                            .setUnit(unit(id, UnitStatus.UNIT_STATUS_AVAILABLE).toBuilder()
                                                    .setStatusTimeEpochMillis(time))
                                            .build());
                                } catch (StatusRuntimeException e) {
                                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                                        throw e; // unknown outcome: retried; ALREADY_EXISTS means it was made
                                    }
                                }
                                acked.put(id, new Acked(UnitStatus.UNIT_STATUS_AVAILABLE, time));
                                registrations.incrementAndGet();
                                unit = id;
                                unitNo++;
                                atStation = false;
                            }
                            // each write has its own status time: it is found exactly once in the change stream
                            time = Math.max(time + 1, System.currentTimeMillis());
                            UnitStatus next =
                                    atStation ? UnitStatus.UNIT_STATUS_AVAILABLE : UnitStatus.UNIT_STATUS_AT_STATION;
                            long t = time;
                            while (true) { // the same write until acknowledged (a retry after a kill)
                                try {
                                    FleetGrpc.newBlockingStub(channel[0])
                                            .withDeadlineAfter(3, TimeUnit.SECONDS)
                                            .setStatus(status(unit, next, t));
                                    break;
                                } catch (StatusRuntimeException e) {
                                    refused.incrementAndGet();
                                    if (!running.get()) {
                                        return;
                                    }
                                    Thread.sleep(50);
                                }
                            }
                            acked.put(unit, new Acked(next, t));
                            ackedWrites.incrementAndGet();
                            atStation = !atStation;
                        } catch (StatusRuntimeException e) {
                            refused.incrementAndGet();
                            sleepQuietly(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            try {
                for (int cycle = 0; cycle < cycles; cycle++) {
                    // each engine acknowledges at least one write before it is killed (a loaded machine
                    // can take seconds to serve the first call), then lives a random while longer
                    awaitAnotherAck(ackedWrites);
                    Thread.sleep(300 + random.nextInt(700));
                    current[0].kill();
                    ServeProcess next = serve(redis, "loop");
                    ManagedChannel old = channel[0];
                    channel[0] = channel(next);
                    old.shutdownNow();
                    current[0] = next;
                    System.out.printf(
                            "kill cycle %d of %d done at %.1f s, %d writes acknowledged%n",
                            cycle + 1, cycles, (System.nanoTime() - started) / 1e9, ackedWrites.get());
                }
                awaitAnotherAck(ackedWrites);
                Thread.sleep(500);
            } finally {
                running.set(false);
                for (Thread t : threads) {
                    t.join(10_000);
                }
            }
            // one more kill, then the state after a restart must hold every acknowledged write
            current[0].kill();
            ServeProcess last = serve(redis, "loop");
            ManagedChannel ch = channel(last);
            long lost = 0;
            try {
                var fleet = FleetGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
                Map<String, Unit> units = new HashMap<>();
                for (Unit u : fleet.listUnits(ListUnitsRequest.newBuilder()
                                .setMaxUnits(10_000)
                                .build())
                        .getUnitsList()) {
                    units.put(u.getId(), u);
                }
                for (Map.Entry<String, Acked> e : acked.entrySet()) {
                    Unit u = units.get(e.getKey());
                    // an acknowledged write is there, or a later one (acknowledged or not) replaced it
                    if (u == null || u.getStatusTimeEpochMillis() < e.getValue().timeMillis()) {
                        lost++;
                    }
                }
            } finally {
                ch.shutdownNow();
                last.close();
            }
            long twice = appliedTwice(redis, "loop");
            String summary = String.format(
                    "kill cycles %d (seed %d) in %.1f s: %d status changes and %d registrations acknowledged, %d "
                            + "calls refused or cut by a kill (retried), acknowledged writes lost %d, writes applied "
                            + "twice %d",
                    cycles + 1,
                    seed,
                    (System.nanoTime() - started) / 1e9,
                    ackedWrites.get(),
                    registrations.get(),
                    refused.get(),
                    lost,
                    twice);
            System.out.println(summary);
            assertTrue(ackedWrites.get() > cycles, summary);
            assertEquals(0, lost, summary);
            assertEquals(0, twice, summary);
        }
    }

    /**
     * Unit records in the change stream with the same status and status time more than once (each
     * write of the loop has its own time, so a second entry is a write applied twice).
     */
    static long appliedTwice(RedisServer redis, String force) throws Exception {
        String out = redis.cli("--no-raw", "XRANGE", "bl:{" + force + "}:changes", "-", "+");
        // redis-cli prints each field and value on its own line; group them per entry by "record"
        Map<String, Integer> seen = new HashMap<>();
        String record = null;
        String status = null;
        String time = null;
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replaceAll("^\\s*\\d+\\)\\s*", "").replaceAll("^\"|\"$", "");
            String v = i + 1 < lines.length
                    ? lines[i + 1].replaceAll("^\\s*\\d+\\)\\s*", "").replaceAll("^\"|\"$", "")
                    : "";
            switch (l) {
                case "record" -> record = v;
                case "status" -> status = v;
                case "statusTime" -> {
                    time = v;
                    if (record != null && record.startsWith("unit:") && status != null) {
                        seen.merge(record + "|" + status + "|" + time, 1, Integer::sum);
                    }
                    record = null;
                    status = null;
                }
                default -> {}
            }
        }
        return seen.values().stream().filter(n -> n > 1).count();
    }

    /** About one write in 30 registers a new unit. */
    private static int random(int writer, int unitNo) {
        return (int) (Math.random() * 30);
    }

    /** Waits (at most 60 s) until one more write than now is acknowledged. */
    private static void awaitAnotherAck(AtomicLong ackedWrites) throws InterruptedException {
        long before = ackedWrites.get();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ackedWrites.get() == before && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
