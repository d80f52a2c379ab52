package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dispatcher ranks sparse fleets from buckets over the contraction hierarchy
 * ({@link Dispatcher.BucketUse#ALWAYS}) with the same answer as its Dijkstra
 * ({@link Dispatcher.BucketUse#NEVER}): for seeded random fleets and incidents on real extracts,
 * the same units in the same order with the same times to the millisecond, reasons, response
 * plan, target met; every listed route takes exactly the unit's road time. Also while units move
 * from edge to edge, go off duty and come back, and under a closure (where buckets do not apply
 * and the Dijkstra answers). Prints the seed on failure.
 */
class DispatcherBucketsTest {
    static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    static final String[] GRADES = {"1", "2", "3"};

    @ParameterizedTest(name = "{0}, {1} units, seed {2}")
    @CsvSource({
        "rutland, 12, 21",
        "rutland, 60, 22",
        "rutland, 250, 23",
        "monaco, 40, 24",
        "andorra, 30, 25",
    })
    void bucketsGiveTheDijkstrasAnswer(String map, int units, long seed) {
        RoadNetwork net = network(map);
        FleetState fleet = RandomFleet.create(net, units, seed, NOW, true);
        Dispatcher d = dispatcher(net, fleet);
        Random rnd = new Random(seed);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 16, seed * 31);
        int byBuckets = 0;
        for (int i = 0; i < incidents.size(); i++) {
            IncidentRequest req = request(i, incidents.get(i), rnd);
            String ctx = "seed " + seed + ", incident " + i + " at " + req.location() + " " + req;
            if (compare(d, req, ctx, net)) {
                byBuckets++;
            }
        }
        assertTrue(byBuckets >= incidents.size() / 2, "seed " + seed + ": only " + byBuckets + " answered by buckets");
    }

    @Test
    void unitsMovingEdgeToEdgeGoingOffDutyAndBackKeepTheSameAnswer() {
        long seed = 31;
        RoadNetwork net = network("rutland");
        FleetState fleet = RandomFleet.create(net, 40, seed, NOW, true);
        Dispatcher d = dispatcher(net, fleet);
        Random rnd = new Random(seed);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 6, seed * 31);
        long t = NOW;
        int byBuckets = 0;
        for (int step = 0; step < 12; step++) {
            // a third of the units move: a few metres (usually the same edge) or hundreds (another edge)
            for (int u = 0; u < fleet.unitCount(); u++) {
                if (rnd.nextInt(3) != 0) {
                    continue;
                }
                var r = fleet.snapshot(u);
                if (!r.hasFix()) {
                    continue;
                }
                GeoPoint at = new GeoPoint(r.latDeg(), r.lonDeg());
                double metres = rnd.nextBoolean() ? 5 : 400;
                double lat = at.latDeg() + (rnd.nextDouble() - 0.5) * metres / 111_000;
                double lon = at.lonDeg() + (rnd.nextDouble() - 0.5) * metres / 68_000;
                fleet.recordFix(u, lat, lon, ++t - 30_000, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
            }
            // one unit goes off duty, one comes back
            String off = fleet.unit(rnd.nextInt(fleet.unitCount())).id();
            if (fleet.getStatus(off).status().canChangeTo(UnitStatus.OFF_DUTY)) {
                fleet.setStatus(off, UnitStatus.OFF_DUTY, null, ++t - 60_000);
            }
            String back = fleet.unit(rnd.nextInt(fleet.unitCount())).id();
            if (fleet.getStatus(back).status().canChangeTo(UnitStatus.AVAILABLE)) {
                fleet.setStatus(back, UnitStatus.AVAILABLE, null, ++t - 60_000);
            }
            GeoPoint incident = incidents.get(step % incidents.size());
            IncidentRequest req = request(step, incident, rnd);
            if (compare(d, req, "seed " + seed + ", step " + step + " " + req, net)) {
                byBuckets++;
            }
        }
        assertTrue(byBuckets >= 6, "only " + byBuckets + " of 12 answered by buckets");
    }

    /**
     * {@link Dispatcher.BucketUpkeep#BY_QUERY} (the simulator's): every query brings the buckets up
     * to date itself however far behind they are (here every unit moved between two queries, well
     * past {@link ProfileBuckets#CATCH_UP_CHANGES}), so buckets answer (where they prove the answer), with the
     * Dijkstra's answer; two dispatchers sharing one {@link SharedRoadGraphs} (graphs and hierarchies) (over their own
     * fleets) answer as they would alone.
     */
    @Test
    void byQueryUpkeepAnswersFromBucketsHoweverFarBehindWithSharedRoadGraphs() {
        long seed = 41;
        RoadNetwork net = network("rutland");
        SharedRoadGraphs shared = new SharedRoadGraphs(net);
        PolicyBook policies = PolicyBook.loadDefault(
                RandomFleet.create(net, 1, seed, NOW, true).options().capabilities());
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(NOW));
        Random rnd = new Random(seed);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 8, seed * 31);
        for (int copy = 0; copy < 2; copy++) {
            FleetState fleet = RandomFleet.create(net, 60, seed + copy, NOW, true);
            Dispatcher d = Dispatcher.create(net, fleet, policies, UrbanAreas.loadDefault(), clock, shared);
            d.setBucketUpkeep(Dispatcher.BucketUpkeep.BY_QUERY);
            assertEquals(Dispatcher.BucketUpkeep.BY_QUERY, d.bucketUpkeep());
            long t = NOW;
            int byBuckets = 0;
            for (int step = 0; step < 8; step++) {
                int moved = 0;
                for (int u = 0; u < fleet.unitCount(); u++) {
                    var r = fleet.snapshot(u);
                    if (!r.hasFix()) {
                        continue;
                    }
                    double lat = r.latDeg() + (rnd.nextDouble() - 0.5) * 400 / 111_000;
                    double lon = r.lonDeg() + (rnd.nextDouble() - 0.5) * 400 / 68_000;
                    fleet.recordFix(u, lat, lon, ++t - 30_000, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
                    moved++;
                }
                assertTrue(moved > ProfileBuckets.CATCH_UP_CHANGES, "moved " + moved);
                IncidentRequest req = request(step, incidents.get(step), rnd);
                String ctx = "seed " + seed + ", fleet " + copy + ", step " + step + " " + req;
                if (compare(d, req, ctx, net)) {
                    byBuckets++;
                }
            }
            // with the writer, such a query ranks by the Dijkstra unless the writer happened to catch up first
            assertTrue(byBuckets >= 6, "fleet " + copy + ": only " + byBuckets + " of 8 answered by buckets");
        }
    }

    @Test
    void queriesWhileFixesStreamAlwaysRankAConsistentFleet() throws Exception {
        long seed = 41;
        RoadNetwork net = network("rutland");
        FleetState fleet = RandomFleet.create(net, 60, seed, NOW, false);
        Dispatcher d = dispatcher(net, fleet);
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 4, seed);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random rnd = new Random(seed);
            long t = NOW - 20_000;
            try {
                for (int i = 0; i < 20_000; i++) {
                    int u = rnd.nextInt(fleet.unitCount());
                    GeoPoint at = RandomFleet.nearRandomNode(net, rnd);
                    fleet.recordFix(
                            u, at.latDeg(), at.lonDeg(), ++t, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        int queries = 0;
        while (writer.isAlive() || queries < 20) {
            GeoPoint at = incidents.get(queries % incidents.size());
            Recommendation rec = d.recommend(new IncidentRequest("Q" + queries, at, "1", "", Set.of(), 5));
            assertEquals(5, rec.candidates().size(), "query " + queries);
            for (int r = 1; r < rec.candidates().size(); r++) {
                assertTrue(rec.candidates().get(r).rankingSeconds()
                        >= rec.candidates().get(r - 1).rankingSeconds());
            }
            queries++;
        }
        writer.join();
        assertNull(failure.get());
        // once the stream stops, buckets and Dijkstra agree again
        for (int i = 0; i < incidents.size(); i++) {
            compare(d, new IncidentRequest("F" + i, incidents.get(i), "1", "", Set.of(), 5), "after the stream", net);
        }
    }

    @Test
    void prepareBuildsTheBucketsBeforeTheFirstQuery() {
        RoadNetwork net = network("rutland");
        Dispatcher probe = dispatcher(net, RandomFleet.create(net, 0, 71, NOW, true));
        // sparse enough that AUTO ranks it by buckets, so prepare builds them
        int units = Math.max(4, largestCarGraphNodes(probe) / Dispatcher.AUTO_NODES_PER_UNIT / 2);
        FleetState fleet = RandomFleet.create(net, units, 71, NOW, true);
        Dispatcher d = dispatcher(net, fleet);
        assertEquals(0, d.bucketMemoryBytes(), "nothing built before prepare");
        List<TravelProfile> ready = d.prepare();
        assertTrue(ready.contains(d.policies().getGrade("1").carProfile()), ready.toString());
        long bytes = d.bucketMemoryBytes();
        assertTrue(bytes > 0, "buckets built by prepare");
        assertEquals(ready, d.prepare(), "idempotent");
        assertEquals(bytes, d.bucketMemoryBytes(), "nothing built twice");
        GeoPoint incident = RandomFleet.incidents(net, 1, 72).get(0);
        assertTrue(compare(d, new IncidentRequest("P", incident, "1", "", Set.of(), 5), "after prepare", net));
        assertEquals(bytes, d.bucketMemoryBytes(), "the query built nothing more");
    }

    /**
     * The Dijkstra path examines a second batch of units in steps and stops as soon as the answer
     * is proven, part-way through the batch: the same answer as the bucket path, which does not
     * examine by batches at all.
     */
    @Test
    void theDijkstraStopsPartWayThroughALaterBatchWithTheBucketsAnswer() {
        long seed = 91;
        RoadNetwork net = network("rutland");
        FleetState fleet = RandomFleet.create(net, 600, seed, NOW, true);
        Dispatcher d = dispatcher(net, fleet);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 24, seed * 31);
        int firstBatch = 64; // eight times the five units asked for, at least 64
        int stoppedPartWay = 0;
        for (int i = 0; i < incidents.size(); i++) {
            IncidentRequest req = new IncidentRequest("B" + i, incidents.get(i), "1", "", Set.of(), 5);
            String ctx = "seed " + seed + ", incident " + i + " at " + req.location();
            compare(d, req, ctx, net);
            d.setBucketUse(Dispatcher.BucketUse.NEVER);
            Recommendation r = d.recommend(req);
            int examined = fleet.unitCount() - r.excluded().getOrDefault(ExclusionReason.NOT_EXAMINED, 0);
            if (examined > firstBatch && examined < 4 * firstBatch) {
                stoppedPartWay++;
            }
        }
        assertTrue(stoppedPartWay > 0, "no query stopped part-way through its second batch");
    }

    @Test
    void prepareBuildsNoBucketsForADenseFleetNorForAnEmptyOne() {
        RoadNetwork net = network("rutland");
        Dispatcher empty = dispatcher(net, RandomFleet.create(net, 0, 81, NOW, true));
        assertEquals(List.of(), empty.prepare(), "no units: the density is not known, nothing built");
        assertEquals(0, empty.bucketMemoryBytes());
        int dense = largestCarGraphNodes(empty) / Dispatcher.AUTO_NODES_PER_UNIT + 1;
        Dispatcher d = dispatcher(net, RandomFleet.create(net, dense, 82, NOW, true));
        assertEquals(List.of(), d.prepare(), dense + " units: AUTO ranks them by the Dijkstra");
        assertEquals(0, d.bucketMemoryBytes(), "nothing built by prepare");
        for (GeoPoint incident : RandomFleet.incidents(net, 4, 83)) {
            d.recommend(new IncidentRequest("D", incident, "1", "", Set.of(), 5));
            assertFalse(d.lastAnsweredByBuckets());
        }
        d.awaitBucketBuilds();
        assertEquals(0, d.bucketMemoryBytes(), "no query asked for buckets, none was built");
    }

    @Test
    void aSparseFleetGetsItsBucketsOffTheQueryPathWhileTheDijkstraAnswers() {
        RoadNetwork net = network("rutland");
        Dispatcher probe = dispatcher(net, RandomFleet.create(net, 0, 84, NOW, true));
        int sparse = Math.max(4, largestCarGraphNodes(probe) / Dispatcher.AUTO_NODES_PER_UNIT / 4);
        FleetState fleet = RandomFleet.create(net, sparse, 84, NOW, true);
        // no prepare: as a service whose units registered after it started
        Dispatcher d = dispatcher(net, fleet);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 8, 85);
        IncidentRequest first = new IncidentRequest("S0", incidents.get(0), "1", "", Set.of(), 5);
        Recommendation whileBuilding = d.recommend(first);
        assertFalse(d.lastAnsweredByBuckets(), "the first query ranks by the Dijkstra, not waiting for the build");
        d.awaitBucketBuilds();
        assertTrue(d.bucketMemoryBytes() > 0, "the buckets were built off the query path");
        assertEquals(
                List.of(TravelProfile.CAR_EMERGENCY, TravelProfile.FOOT, TravelProfile.BIKE),
                d.bucketsReady(),
                "every profile of the grade started by that one query");
        int byBuckets = 0;
        for (int i = 0; i < incidents.size(); i++) {
            IncidentRequest req = new IncidentRequest("S" + i, incidents.get(i), "1", "", Set.of(), 5);
            Recommendation auto = d.recommend(req);
            byBuckets += d.lastAnsweredByBuckets() ? 1 : 0;
            d.setBucketUse(Dispatcher.BucketUse.NEVER);
            Recommendation dijkstra = d.recommend(req);
            d.setBucketUse(Dispatcher.BucketUse.AUTO);
            assertEquals(strip(dijkstra), strip(auto), "incident " + i + " at " + req.location());
            if (i == 0) {
                assertEquals(strip(whileBuilding), strip(auto), "the same answer before and after the build");
            }
        }
        assertTrue(byBuckets > 0, sparse + " units: AUTO ranked none by buckets once built");
    }

    private static int largestCarGraphNodes(Dispatcher d) {
        int nodes = 0;
        for (GradePolicy g : d.policies().grades()) {
            nodes = Math.max(nodes, d.graph(g.carProfile()).nodeCount());
        }
        return nodes;
    }

    @Test
    void underAClosureTheDijkstraAnswersAndHonoursIt() {
        long seed = 51;
        RoadNetwork net = network("rutland");
        FleetState fleet = RandomFleet.create(net, 30, seed, NOW, false);
        Dispatcher d = dispatcher(net, fleet);
        GeoPoint oakham = new GeoPoint(52.6702, -0.7296);
        Closure closure = new Closure(
                "W1",
                "test",
                Closure.Circle.of(oakham, 400, "radius"),
                0,
                Condition.NO_END,
                EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY));
        GeoPoint incident = new GeoPoint(52.6745, -0.7250);
        IncidentRequest open = new IncidentRequest("O", incident, "1", "", Set.of(), 5);
        IncidentRequest closed = new IncidentRequest("C", incident, "1", "", Set.of(), 5, List.of(closure));
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        Recommendation withBuckets = d.recommend(closed);
        assertFalse(d.lastAnsweredByBuckets(), "a closure: the Dijkstra must answer");
        d.setBucketUse(Dispatcher.BucketUse.NEVER);
        assertEquals(strip(d.recommend(closed)), strip(withBuckets));
        // the answer honours it: no unit is faster than without it, and the answers differ
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        Recommendation openAnswer = d.recommend(open);
        assertTrue(d.lastAnsweredByBuckets(), "no closure: buckets answer");
        for (Candidate c : withBuckets.candidates()) {
            openAnswer.candidates().stream()
                    .filter(o -> o.unitId().equals(c.unitId()))
                    .findFirst()
                    .ifPresent(o -> assertTrue(c.roadSeconds() >= o.roadSeconds(), c.unitId()));
        }
        assertNotEquals(strip(openAnswer).substring(2), strip(withBuckets).substring(2));
    }

    /** Both ways; asserts the same answer and each route's time; true if buckets answered. */
    static boolean compare(Dispatcher d, IncidentRequest req, String ctx, RoadNetwork net) {
        Recommendation dijkstra;
        Recommendation buckets;
        d.setBucketUse(Dispatcher.BucketUse.NEVER);
        try {
            dijkstra = d.recommend(req);
        } catch (BluelampException e) {
            d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
            BluelampException again = assertThrows(BluelampException.class, () -> d.recommend(req), ctx);
            assertEquals(e.getMessage(), again.getMessage(), ctx);
            return false;
        }
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        buckets = d.recommend(req);
        boolean byBuckets = d.lastAnsweredByBuckets();
        assertEquals(strip(dijkstra), strip(buckets), ctx + (byBuckets ? " (buckets)" : " (fell back)"));
        int listedOrCounted = buckets.candidates().size()
                + (int) buckets.responsePlan().stream()
                        .filter(p -> buckets.candidates().stream()
                                .noneMatch(c -> c.unitId().equals(p.unitId())))
                        .count()
                + buckets.excluded().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
        assertEquals(d.fleet().unitCount(), listedOrCounted, ctx + ": every unit listed or counted");
        return byBuckets;
    }

    /** The answer without what may differ between the two ways: timing, work, exclusion split and route shape. */
    static String strip(Recommendation r) {
        StringBuilder s = new StringBuilder();
        s.append(r.incidentId())
                .append(' ')
                .append(r.grade())
                .append(' ')
                .append(r.urban())
                .append(' ')
                .append(r.targetSeconds())
                .append(" fulfilled ")
                .append(r.planFulfilled())
                .append(" unmet ")
                .append(r.unmetRequirements())
                .append('\n');
        for (Candidate c : r.candidates()) {
            s.append(candidate(c)).append('\n');
        }
        s.append("plan\n");
        for (Candidate c : r.responsePlan()) {
            s.append(candidate(c)).append('\n');
        }
        return s.toString();
    }

    private static String candidate(Candidate c) {
        // every field but the polyline (two routes of the same time can take other roads)
        return c.rank() + " " + c.unitId() + " " + c.kind() + " " + c.profile() + " " + c.status() + " "
                + c.divertedFromGrade() + " eta " + c.etaSeconds() + " road " + c.roadSeconds() + " mob "
                + c.mobilisationSeconds() + " off " + c.offRoadSeconds() + " access " + c.accessSeconds()
                + " straight " + c.straightLineMetres() + " #" + c.straightLineRank() + " meets " + c.meetsTarget()
                + " age " + c.fixAgeSeconds() + " stale " + c.stale() + " ranking " + c.rankingSeconds() + " plan "
                + c.inResponsePlan() + " reasons " + c.reasons();
    }

    static IncidentRequest request(int i, GeoPoint at, Random rnd) {
        String grade = GRADES[rnd.nextInt(GRADES.length)];
        String type = rnd.nextInt(4) == 0 ? "firearms" : "";
        Set<String> caps = rnd.nextInt(6) == 0 ? Set.of("first_aid") : Set.of();
        int k = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(12) : 5;
        return new IncidentRequest("I" + i, at, grade, type, caps, k);
    }

    static Dispatcher dispatcher(RoadNetwork net, FleetState fleet) {
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        return Dispatcher.create(
                net, fleet, policies, UrbanAreas.loadDefault(), InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    }

    static RoadNetwork network(String map) {
        return TestMaps.network(
                switch (map) {
                    case "rutland" -> TestMaps.shared(TestMaps.RUTLAND);
                    case "monaco" -> TestMaps.monaco();
                    case "andorra" -> TestMaps.shared(TestMaps.ANDORRA);
                    default -> throw new IllegalArgumentException(map);
                });
    }
}
