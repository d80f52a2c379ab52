package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.RemoveConditionRequest;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadsGrpc;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.4 with issue 10.4's harness: road closures added through {@code Roads} to
 * {@code dispatch serve --redis} (a separate process, a real redis-server), the engine killed with
 * SIGKILL and started again: the closures are listed again and the ranking still routes around
 * them; a removal survives a restart; and closures added while the engine is killed mid-write
 * lose none that was acknowledged.
 */
class DurableConditionsRestartTest {
    static final double PALACE_LAT = 43.7311;
    static final double PALACE_LON = 7.4197;

    static LatLon at(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    static RoadClosure circle(String id, double lat, double lon, double metres) {
        return RoadClosure.newBuilder()
                .setId(id)
                .setReason("test " + id)
                .setCircle(Circle.newBuilder().setCentre(at(lat, lon)).setRadiusMetres(metres))
                .addProfiles("car")
                .addProfiles("car_emergency")
                .build();
    }

    static RoadsGrpc.RoadsBlockingStub roads(ManagedChannel ch) {
        return RoadsGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static List<String> listed(ManagedChannel ch) {
        return roads(ch).listConditions(ListConditionsRequest.getDefaultInstance()).getConditionsList().stream()
                .map(c -> c.getClosure().getId())
                .toList();
    }

    /** The route-bound part of a recommendation: units, road seconds and metres (no fix ages). */
    static List<String> routes(ManagedChannel ch) {
        RecommendResponse r = DispatchGrpc.newBlockingStub(ch)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .recommend(RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setLocation(at(PALACE_LAT, PALACE_LON))
                                .setGrade("1"))
                        .build());
        List<String> out = new ArrayList<>();
        r.getCandidatesList()
                .forEach(c -> out.add(c.getUnitId() + " " + c.getRoadSeconds() + " s " + c.getDistanceMetres() + " m"));
        out.add("in force: " + r.getConditionsInForceList());
        return out;
    }

    @Test
    void closuresSurviveAKillAndTheRankingStillRoutesAroundThem() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            ServeProcess first = DurableRestartTest.serve(redis, "roads1");
            ManagedChannel ch = DurableRestartTest.channel(first);
            List<String> open;
            List<String> closed;
            try {
                FleetGrpc.newBlockingStub(ch)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(DurableRestartTest.unit("A1", UnitStatus.UNIT_STATUS_AVAILABLE).toBuilder()
                                        .setLastFix(GpsFix.newBuilder()
                                                .setPosition(at(DurableRestartTest.LAT, DurableRestartTest.LON))))
                                .build());
                open = routes(ch);
                // the roads around the incident shut: it is reached at the nearest open road
                roads(ch).addClosure(circle("C1", PALACE_LAT, PALACE_LON, 60));
                roads(ch).addClosure(circle("C2", 43.7405, 7.4290, 40));
                roads(ch).addClosure(circle("GONE", 43.7350, 7.4200, 40));
                roads(ch)
                        .removeCondition(RemoveConditionRequest.newBuilder()
                                .setId("GONE")
                                .build());
                closed = routes(ch);
                assertNotEquals(open.get(0), closed.get(0), "the closure changes the route: " + open + " " + closed);
                assertEquals(List.of("C1", "C2"), listed(ch));
            } finally {
                ch.shutdownNow();
                first.kill();
            }
            ServeProcess second = DurableRestartTest.serve(redis, "roads1");
            ch = DurableRestartTest.channel(second);
            try {
                assertEquals(List.of("C1", "C2"), listed(ch), "the closures are back, the removed one is not");
                assertEquals(closed, routes(ch), "and the ranking routes around them as before the kill");
                roads(ch)
                        .removeCondition(
                                RemoveConditionRequest.newBuilder().setId("C1").build());
            } finally {
                ch.shutdownNow();
                second.kill();
            }
            ServeProcess third = DurableRestartTest.serve(redis, "roads1");
            ch = DurableRestartTest.channel(third);
            try {
                assertEquals(List.of("C2"), listed(ch), "the removal survived the restart");
            } finally {
                ch.shutdownNow();
                third.close();
            }
        }
    }

    @Test
    void aKillMidWriteLosesNoAcknowledgedClosure() throws Exception {
        long seed = Long.getLong("bluelamp.seed", System.nanoTime());
        Random random = new Random(seed);
        int cycles = Integer.getInteger("bluelamp.conditionKillCycles", 1);
        try (RedisServer redis = RedisServer.launch()) {
            Set<String> acked = ConcurrentHashMap.newKeySet();
            ServeProcess[] current = {DurableRestartTest.serve(redis, "roads2")};
            ManagedChannel[] channel = {DurableRestartTest.channel(current[0])};
            AtomicBoolean running = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                int n = 0;
                Random r = new Random(seed + 1);
                while (running.get()) {
                    String id = "K" + n;
                    RoadClosure c = circle(id, 43.733 + r.nextDouble() * 0.008, 7.418 + r.nextDouble() * 0.012, 25);
                    try {
                        RoadsGrpc.newBlockingStub(channel[0])
                                .withDeadlineAfter(5, TimeUnit.SECONDS)
                                .addClosure(c);
                        acked.add(id);
                        n++;
                    } catch (StatusRuntimeException e) {
                        switch (e.getStatus().getCode()) {
                            case ALREADY_EXISTS -> n++; // the write cut by the kill was made
                            case INVALID_ARGUMENT -> n++; // no road there: next
                            default -> sleep(50);
                        }
                    }
                }
            });
            try {
                for (int cycle = 0; cycle < cycles; cycle++) {
                    int before = acked.size();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (acked.size() < before + 3 && System.nanoTime() < end) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(random.nextInt(400));
                    current[0].kill();
                    ServeProcess next = DurableRestartTest.serve(redis, "roads2");
                    ManagedChannel old = channel[0];
                    channel[0] = DurableRestartTest.channel(next);
                    old.shutdownNow();
                    current[0] = next;
                }
                Thread.sleep(500);
            } finally {
                running.set(false);
                writer.join(10_000);
            }
            current[0].kill();
            ServeProcess last = DurableRestartTest.serve(redis, "roads2");
            ManagedChannel ch = DurableRestartTest.channel(last);
            try {
                Set<String> restored = new TreeSet<>(listed(ch));
                Set<String> lost = new TreeSet<>(acked);
                lost.removeAll(restored);
                String summary = String.format(
                        "seed %d: %d closures acknowledged over %d kills, %d restored, lost %s",
                        seed, acked.size(), cycles + 1, restored.size(), lost);
                System.out.println(summary);
                assertTrue(acked.size() > cycles, summary);
                assertEquals(Set.of(), lost, summary);
            } finally {
                ch.shutdownNow();
                last.close();
            }
            channel[0].shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
