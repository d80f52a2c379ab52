package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coverage on the real Rutland extract. Agreement: for seeded random deployments (cars and officers
 * on foot, at stations or available) and random demand points, every point's best response time
 * from the one multi-source search per profile equals the best over the units of GraphHopper's own
 * route from each unit (plus its mobilisation delay, its off-road leg and the point's access leg),
 * within one second, and the number of units within the point's target equals the count of those
 * routes within it. Invariants: closing roads never improves coverage, adding a unit never worsens
 * it, a mobilisation delay only lowers it. Prints the seed on failure.
 */
class CoverageRealMapTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());

    private static RoadNetwork net() {
        return TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
    }

    private static List<PlannedUnit> randomUnits(RoadNetwork net, Random rnd, int count) {
        List<PlannedUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UnitKind kind = rnd.nextDouble() < 0.75 ? UnitKind.CAR : UnitKind.FOOT;
            UnitStatus status = rnd.nextBoolean() ? UnitStatus.AVAILABLE : UnitStatus.AT_STATION;
            units.add(PlannedUnit.at("U" + i, kind, status, RandomFleet.nearRandomNode(net, rnd)));
        }
        return units;
    }

    private static DemandPoints randomDemand(RoadNetwork net, Random rnd, int count) {
        double[] lat = new double[count];
        double[] lon = new double[count];
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(net, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1 + rnd.nextInt(3);
        }
        return DemandPoints.fromFile(lat, lon, w, "random points");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void everyPointsTimeAndCountAgreeWithOneGraphHopperRoutePerUnit(long seed) {
        RoadNetwork net = net();
        Random rnd = new Random(seed);
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), randomDemand(net, rnd, 60));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        List<PlannedUnit> units = randomUnits(net, rnd, 8);
        Deployment d = new Deployment(units, Map.of(), OptionalDouble.of(0.3));
        GradePolicy grade = ev.gradeWithTarget("1");
        ev.run(d, grade, RoadConditions.NONE);
        int compared = 0;
        int countsCompared = 0;
        for (int site = 0; site < area.siteCount(); site++) {
            GeoPoint point = new GeoPoint(area.siteLatDeg(site), area.siteLonDeg(site));
            double best = Double.POSITIVE_INFINITY;
            List<Double> times = new ArrayList<>();
            for (PlannedUnit u : units) {
                TravelProfile profile = Dispatcher.profileFor(u.kind(), grade);
                double speed = POLICY.offRoadMetresPerSecond(u.kind());
                double t;
                try {
                    double unitLeg =
                            Math.round(net.snap(profile, "unit", u.position()).distanceMetres() / speed * 1000)
                                    / 1000.0;
                    double access =
                            Math.round(net.snap(profile, "site", point).distanceMetres() / speed * 1000) / 1000.0;
                    t = POLICY.mobilisationMillis(u.status()) / 1000.0
                            + unitLeg
                            + net.route(profile, u.position(), point).timeSeconds()
                            + access;
                } catch (BluelampException e) {
                    continue;
                }
                times.add(t);
                best = Math.min(best, t);
            }
            int got = ev.siteBestMillis(site);
            String ctx = "seed " + seed + ", site " + site + " at " + point;
            if (Double.isInfinite(best)) {
                assertEquals(ManyToAllSearch.UNREACHED, got, ctx);
                continue;
            }
            assertNotEquals(ManyToAllSearch.UNREACHED, got, ctx + ": reference " + best);
            assertEquals(best, got / 1000.0, 1.0, ctx);
            compared++;
            double target = ev.siteTargetMillis(site) / 1000.0;
            if (times.stream().allMatch(t -> Math.abs(t - target) > 1.5)) {
                long within = times.stream().filter(t -> t <= target).count();
                assertEquals(Math.min(within, ev.labels()), ev.siteWithin(site), ctx + ": units within target");
                countsCompared++;
            }
        }
        assertTrue(compared >= 40, "seed " + seed + ": only " + compared + " points compared");
        assertTrue(countsCompared >= 30, "seed " + seed + ": only " + countsCompared + " counts compared");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {201, 202})
    void closingRoadsNeverImprovesAddingAUnitNeverWorsensMobilisingOnlyLowers(long seed) {
        RoadNetwork net = net();
        Random rnd = new Random(seed);
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        GradePolicy grade = ev.gradeWithTarget("1");
        List<PlannedUnit> units = randomUnits(net, rnd, 3);
        String ctx = "seed " + seed;
        double[] base = shares(ev, units, grade, RoadConditions.NONE);

        // close a random tenth of the roads, then a random fifth (a superset): never better
        TravelTimeGraph g = area.graph(area.roadProfile());
        long[] some = new long[(g.edgeCount() + 63) / 64];
        long[] more = new long[some.length];
        BitSet picked = new BitSet();
        for (int e = 0; e < g.edgeCount(); e++) {
            double x = rnd.nextDouble();
            if (x < 0.2) {
                more[e >>> 6] |= 1L << e;
                picked.set(e);
                if (x < 0.1) {
                    some[e >>> 6] |= 1L << e;
                }
            }
        }
        double[] closedSome = shares(ev, units, grade, profile -> new EdgeConditions(some, null));
        double[] closedMore = shares(ev, units, grade, profile -> new EdgeConditions(more, null));
        assertNotWorse(closedSome, base, ctx + ": a tenth closed vs none");
        assertNotWorse(closedMore, closedSome, ctx + ": a fifth closed vs a tenth");
        assertTrue(closedMore[0] < base[0], ctx + ": closing a fifth of the roads must cost some road coverage");

        // slowing roads never improves
        double[] factors = new double[g.edgeCount()];
        for (int e = 0; e < factors.length; e++) {
            factors[e] = 1 + rnd.nextDouble();
        }
        assertNotWorse(shares(ev, units, grade, profile -> new EdgeConditions(null, factors)), base, ctx + ": slowed");

        // adding a unit never worsens, whatever it is
        List<PlannedUnit> plus = new ArrayList<>(units);
        plus.add(PlannedUnit.at("EXTRA", UnitKind.CAR, UnitStatus.AVAILABLE, RandomFleet.nearRandomNode(net, rnd)));
        assertNotWorse(base, shares(ev, plus, grade, RoadConditions.NONE), ctx + ": with a unit added");

        // the same units mobilising from a station instead of available: never better
        List<PlannedUnit> atStation = units.stream()
                .map(u -> PlannedUnit.at(u.id(), u.kind(), UnitStatus.AT_STATION, u.position()))
                .toList();
        List<PlannedUnit> available = units.stream()
                .map(u -> PlannedUnit.at(u.id(), u.kind(), UnitStatus.AVAILABLE, u.position()))
                .toList();
        assertNotWorse(
                shares(ev, atStation, grade, RoadConditions.NONE),
                shares(ev, available, grade, RoadConditions.NONE),
                ctx + ": mobilising from a station");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {301, 302})
    void aCountsOnlyRunGivesEverySitesTimeUnitAndCountAsTheFullRun(long seed) {
        RoadNetwork net = net();
        Random rnd = new Random(seed);
        // the map's demand (sites on nodes) and random points (sites placed on edges), with and without q,
        // without conditions (the sweep) and with a tenth of the roads closed (Dijkstra, points re-placed)
        for (DemandPoints demand : List.of(DemandPoints.fromMap(net), randomDemand(net, rnd, 80))) {
            CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), demand);
            TravelTimeGraph g = area.graph(area.roadProfile());
            long[] closed = new long[(g.edgeCount() + 63) / 64];
            for (int e = 0; e < g.edgeCount(); e++) {
                if (rnd.nextDouble() < 0.1) {
                    closed[e >>> 6] |= 1L << e;
                }
            }
            CoverageEvaluator full = new CoverageEvaluator(area, POLICY);
            CoverageEvaluator counts = new CoverageEvaluator(area, POLICY);
            GradePolicy grade = full.gradeWithTarget("1");
            List<PlannedUnit> units = randomUnits(net, rnd, 6);
            for (OptionalDouble q : List.of(OptionalDouble.empty(), OptionalDouble.of(0.4))) {
                for (RoadConditions c : List.of(RoadConditions.NONE, profile -> new EdgeConditions(closed, null))) {
                    Deployment d = new Deployment(units, Map.of(), q);
                    full.run(d, grade, c);
                    counts.runCounts(d, grade, c);
                    String ctx = "seed " + seed + ", " + demand.description() + ", q " + q;
                    assertArrayEquals(full.siteCounts(), counts.siteCounts(), ctx);
                    int reached = 0;
                    for (int s = 0; s < area.siteCount(); s++) {
                        assertEquals(full.siteBestMillis(s), counts.siteBestMillis(s), ctx + ", site " + s);
                        assertEquals(full.siteBestUnit(s), counts.siteBestUnit(s), ctx + ", site " + s);
                        reached += full.siteWithin(s) > 0 ? 1 : 0;
                    }
                    assertTrue(reached > 0, ctx + ": no site within target, nothing compared");
                    assertThrows(IllegalStateException.class, () -> counts.report("x"));
                    // the same evaluator's full run after a counts-only one answers again
                    counts.run(d, grade, c);
                    assertEquals(full.demandShare(), counts.demandShare(), ctx);
                }
            }
        }
    }

    /** Road share, demand share, expected share (q = 0.3). */
    private static double[] shares(
            CoverageEvaluator ev, List<PlannedUnit> units, GradePolicy grade, RoadConditions conditions) {
        ev.run(new Deployment(units, Map.of(), OptionalDouble.of(0.3)), grade, conditions);
        return new double[] {ev.roadShare(), ev.demandShare(), ev.expectedShare()};
    }

    private static void assertNotWorse(double[] worse, double[] better, String ctx) {
        String[] names = {"road share", "demand share", "expected share"};
        for (int i = 0; i < worse.length; i++) {
            assertTrue(worse[i] <= better[i] + 1e-9, ctx + ": " + names[i] + " " + worse[i] + " > " + better[i]);
        }
    }
}
