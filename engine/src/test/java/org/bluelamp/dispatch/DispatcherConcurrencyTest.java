package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.CongestionProfile;
import org.bluelamp.conditions.InMemoryConditionsStore;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.Polyline;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Races between the fix writer and a ranking, in the narrowest form: one car hops between two
 * junctions of Rutland (Oakham and Uppingham) while one thread ranks the fleet for one incident
 * over and over. Each position has one straight-line distance and one road time (found on the quiet
 * fleet first), and every answer must pair them as one position does: an answer that reports the
 * straight line from one position with the road time from the other ranked a unit that never was.
 * The unit's accuracy radius (1 km) hides its off-road leg and its fixes are fresh, so both
 * positions have the same extra times and only the position tells them apart.
 *
 * <p>The bucket path found the road time in the buckets (applied at one position) and read the
 * unit again to examine it (perhaps at the other): its check of a changed unit compared ranking
 * times only, which the same extra times made equal, so it answered with the old position's road
 * time beside the new position's fix age and straight line. The test stops at the first wrong
 * answer.
 */
class DispatcherConcurrencyTest {
    private static final long T0 = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    private static final GeoPoint OAKHAM = new GeoPoint(52.6702, -0.7296);
    private static final GeoPoint UPPINGHAM = new GeoPoint(52.5886, -0.7246);
    private static final GeoPoint INCIDENT = new GeoPoint(52.6745, -0.7250);
    private static final double ACCURACY_METRES = 1_000;

    @ParameterizedTest
    @EnumSource(
            value = Dispatcher.BucketUse.class,
            names = {"ALWAYS", "NEVER"})
    @Timeout(120)
    void everyAnswerPairsTheRoadTimeWithThePositionItReports(Dispatcher.BucketUse use) throws Exception {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        FleetState fleet = oneCar();
        GeoPoint a = net.nodePoint(nearestNode(net, OAKHAM));
        GeoPoint b = net.nodePoint(nearestNode(net, UPPINGHAM));
        AtomicLong fixTime = new AtomicLong(T0);
        // the clock stays a few seconds after the newest fix: every fix fresh, never stale
        InstantSource clock = () -> Instant.ofEpochMilli(fixTime.get() + 5_000);
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        Dispatcher d = Dispatcher.create(net, fleet, policies, UrbanAreas.loadDefault(), clock);
        d.setBucketUpkeep(Dispatcher.BucketUpkeep.BY_QUERY);
        d.setBucketUse(use);
        IncidentRequest req = new IncidentRequest("Q", INCIDENT, "1", "", Set.of(), 1);

        // the quiet answers: one straight line and one road time per position
        Candidate atA = quietAnswer(d, fleet, fixTime, a, req, use);
        Candidate atB = quietAnswer(d, fleet, fixTime, b, req, use);
        assertNotEquals(atA.straightLineMetres(), atB.straightLineMetres());
        assertNotEquals(atA.roadSeconds(), atB.roadSeconds());
        assertEquals(atA.etaSeconds() - atA.roadSeconds(), atB.etaSeconds() - atB.roadSeconds(), 1e-9);

        long queries = 0;
        long byBuckets = 0;
        String wrong = null;
        Throwable failure;
        try (Race writer = Race.inBackground("writer", i -> {
            GeoPoint p = (i & 1) == 0 ? a : b;
            long t = fixTime.incrementAndGet();
            fleet.recordFix(0, p.latDeg(), p.lonDeg(), t, ACCURACY_METRES, 0, 0, FixReason.PERIODIC);
            LockSupport.parkNanos(50_000); // a query sees a few hops, and often none
        })) {
            long start = System.nanoTime();
            while (wrong == null
                    && Race.goOn(start, queries > 100 && (use != Dispatcher.BucketUse.ALWAYS || byBuckets >= 20))) {
                Recommendation rec = d.recommend(req);
                queries++;
                byBuckets += d.lastAnsweredByBuckets() ? 1 : 0;
                Candidate c = rec.candidates().getFirst();
                Candidate quiet = c.straightLineMetres() == atA.straightLineMetres() ? atA : atB;
                if (c.straightLineMetres() != quiet.straightLineMetres()
                        || c.roadSeconds() != quiet.roadSeconds()
                        || c.distanceMetres() != quiet.distanceMetres()) {
                    wrong = "query " + queries + (d.lastAnsweredByBuckets() ? " (buckets)" : " (Dijkstra)")
                            + ": straight " + c.straightLineMetres() + " m, road " + c.roadSeconds() + " s over "
                            + c.distanceMetres() + " m; at A " + atA.straightLineMetres() + " m, "
                            + atA.roadSeconds() + " s; at B " + atB.straightLineMetres() + " m, "
                            + atB.roadSeconds() + " s";
                }
            }
            failure = writer.failure();
        }
        assertNull(failure);
        assertNull(wrong, wrong);
        assertTrue(queries > 100, queries + " queries");
        if (use == Dispatcher.BucketUse.ALWAYS) {
            assertTrue(byBuckets >= 20, byBuckets + " of " + queries + " answered by buckets");
        }
    }

    /**
     * A closure on the unit's route comes and goes (as another replica changes the stored
     * conditions, which this engine reloads) while one thread ranks over and over: every answer
     * must be wholly before or wholly after each change, its road time that of the conditions it
     * lists as in force.
     */
    @Test
    @Timeout(120)
    void aClosureComingAndGoingWhileRankingsRunGivesAnswersWhollyBeforeOrAfter() throws Exception {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        FleetState fleet = oneCar();
        GeoPoint b = net.nodePoint(nearestNode(net, UPPINGHAM));
        fleet.recordFix(0, b.latDeg(), b.lonDeg(), T0, ACCURACY_METRES, 0, 0, FixReason.PERIODIC);
        InMemoryConditionsStore store = new InMemoryConditionsStore();
        RoadConditions conditions = RoadConditions.create(net, CongestionProfile.none(), List.of(), store);
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        Dispatcher d = Dispatcher.create(
                net,
                fleet,
                policies,
                UrbanAreas.loadDefault(),
                InstantSource.fixed(Instant.ofEpochMilli(T0 + 5_000)),
                conditions);
        d.setBucketUse(Dispatcher.BucketUse.NEVER);
        IncidentRequest req = new IncidentRequest("Q", INCIDENT, "1", "", Set.of(), 1);

        // the quiet answers: open, and with a closure half-way along the open route
        Recommendation open = d.recommend(req);
        Candidate openUnit = open.candidates().getFirst();
        double[][] route = Polyline.decode(openUnit.encodedPolyline(), 1e5);
        int mid = route[0].length / 2;
        Closure closure = new Closure(
                "RACE",
                "race",
                Closure.Circle.of(new GeoPoint(route[0][mid], route[1][mid]), 40, "radius"),
                0,
                Condition.NO_END,
                EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY));
        store.save(closure);
        conditions.reload();
        Recommendation closed = d.recommend(req);
        Candidate closedUnit = closed.candidates().getFirst();
        assertNotEquals(openUnit.roadSeconds(), closedUnit.roadSeconds(), "the closure must lengthen the route");
        List<String> listed = new ArrayList<>(closed.conditionsInForce());
        listed.removeAll(open.conditionsInForce());
        assertEquals(1, listed.size(), closed.conditionsInForce().toString());
        String closureLine = listed.getFirst();

        long queries = 0;
        long withClosure = 0;
        String wrong = null;
        Throwable failure;
        try (Race replica = Race.inBackground("replica", i -> {
            if ((i & 1) == 0) {
                store.delete(closure.id());
            } else {
                store.save(closure);
            }
            conditions.reload();
            LockSupport.parkNanos(200_000);
        })) {
            long start = System.nanoTime();
            while (wrong == null && Race.goOn(start, withClosure > 0 && withClosure < queries)) {
                Recommendation rec = d.recommend(req);
                queries++;
                boolean listsIt = rec.conditionsInForce().contains(closureLine);
                withClosure += listsIt ? 1 : 0;
                Candidate c = rec.candidates().getFirst();
                Candidate quiet = listsIt ? closedUnit : openUnit;
                if (c.roadSeconds() != quiet.roadSeconds() || !c.reasons().equals(quiet.reasons())) {
                    wrong = "query " + queries + " lists " + rec.conditionsInForce() + ": road " + c.roadSeconds()
                            + " s, reasons " + c.reasons() + "; open " + openUnit.roadSeconds() + " s, closed "
                            + closedUnit.roadSeconds() + " s, reasons " + quiet.reasons();
                }
            }
            failure = replica.failure();
        }
        assertNull(failure);
        assertNull(wrong, wrong);
        assertTrue(withClosure > 0 && withClosure < queries, withClosure + " of " + queries + " with the closure");
    }

    /**
     * {@link Dispatcher.BucketUse#AUTO} drops every profile's buckets once the fleet turns dense,
     * on whichever thread's query notices it first, while other queries may be ranking with them: a
     * query that took the bucket path must finish with the buckets it found, not look the profile
     * up again (it found none, or a new build's, part-way through). Here the density flips (the
     * nodes-per-unit threshold) on a second thread that drops the buckets with a query of its own
     * and builds them again, while one thread ranks over and over; the test stops at the first
     * query that failed.
     */
    @Test
    @Timeout(120)
    void bucketsDroppedWhileAQueryRanksWithThemFinishThatQuery() throws Exception {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        FleetState fleet = org.bluelamp.testing.RandomFleet.create(net, 12, 61, T0, false);
        Dispatcher d = DispatcherBucketsTest.dispatcher(net, fleet);
        d.setAutoNodesPerUnit(1); // sparse
        assertTrue(!d.prepare().isEmpty(), "buckets built");
        IncidentRequest req = new IncidentRequest("Q", INCIDENT, "1", "", Set.of(), 3);
        IncidentRequest other = new IncidentRequest("R", UPPINGHAM, "1", "", Set.of(), 3);
        AtomicLong drops = new AtomicLong();
        long queries = 0;
        long byBuckets = 0;
        Throwable failure = null;
        try (Race densityFlipper = Race.inBackground("density flipper", i -> {
            d.setAutoNodesPerUnit(Integer.MAX_VALUE / 64); // dense: this query drops them
            d.recommend(other);
            drops.incrementAndGet();
            d.setAutoNodesPerUnit(1);
            d.recommend(other); // starts their build again
            d.awaitBucketBuilds();
        })) {
            long start = System.nanoTime();
            while (failure == null
                    && densityFlipper.failure() == null
                    && Race.goOn(start, byBuckets > 0 && drops.get() > 10)) {
                try {
                    d.recommend(req);
                } catch (Throwable e) {
                    failure = new AssertionError("query " + queries + " failed", e);
                }
                queries++;
                byBuckets += d.lastAnsweredByBuckets() ? 1 : 0;
            }
            if (failure == null) {
                failure = densityFlipper.failure();
            }
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
        assertTrue(
                byBuckets > 0 && drops.get() > 10, byBuckets + " of " + queries + " by buckets, " + drops + " drops");
    }

    /** A fleet of one available car, U0, with no fix yet. */
    private static FleetState oneCar() {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        fleet.register(
                new UnitSpec("U0", "CS0", UnitKind.CAR, Set.of(), 2, "station"),
                StatusChange.of(UnitStatus.AVAILABLE, T0 - 3_600_000));
        return fleet;
    }

    private static Candidate quietAnswer(
            Dispatcher d,
            FleetState fleet,
            AtomicLong fixTime,
            GeoPoint at,
            IncidentRequest req,
            Dispatcher.BucketUse use) {
        fleet.recordFix(
                0, at.latDeg(), at.lonDeg(), fixTime.incrementAndGet(), ACCURACY_METRES, 0, 0, FixReason.PERIODIC);
        Recommendation rec = d.recommend(req);
        assertEquals(use == Dispatcher.BucketUse.ALWAYS, d.lastAnsweredByBuckets());
        assertEquals(1, rec.candidates().size(), rec.toString());
        return rec.candidates().getFirst();
    }

    private static int nearestNode(RoadNetwork net, GeoPoint p) {
        int best = -1;
        double bestMetres = Double.POSITIVE_INFINITY;
        for (int n = 0; n < net.nodeCount(); n++) {
            GeoPoint q = net.nodePoint(n);
            double m =
                    org.bluelamp.geo.GeoDistance.equirectangularMetres(p.latDeg(), p.lonDeg(), q.latDeg(), q.lonDeg());
            if (m < bestMetres) {
                bestMetres = m;
                best = n;
            }
        }
        return best;
    }
}
