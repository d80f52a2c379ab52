package org.bluelamp.conditions;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgeShapes;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Road conditions on the real Rutland network: the edge index finds exactly the edges a scan with
 * GraphHopper's own test (a prepared polygon intersecting the edge's line) would,
 * conditions take effect and expire by themselves, slowdowns and congestion combine as documented,
 * and every kind of bad input is refused naming its field, with nothing half-applied.
 */
class RoadConditionsTest {
    static final Set<TravelProfile> CARS = EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY);
    static final GeometryFactory FACTORY = new GeometryFactory();

    /** Conditions of {@code net} with a congestion profile, no urban areas, kept in memory. */
    private static RoadConditions withCongestion(RoadNetwork net, CongestionProfile congestion) {
        return RoadConditions.create(net, congestion, List.of(), new InMemoryConditionsStore());
    }

    private static CongestionProfile testCongestion() {
        return CongestionProfile.parse(ConditionsExactnessTest.TEST_CONGESTION, "test", "congestion");
    }

    @Test
    void prepareBuildsWhatTheFirstQueryWouldWaitFor() {
        RoadNetwork net = TestMaps.rutland();
        var oakham = ConditionsExactnessTest.star(net.nodePoint(0), new Random(3), 500, 2000);
        RoadConditions rc = RoadConditions.create(
                net, CongestionProfile.none(), List.of(oakham.polygon()), new InMemoryConditionsStore());
        assertFalse(rc.prepared(), "nothing built before it is asked for");
        rc.prepare();
        assertTrue(rc.prepared(), "the edge index and the urban edges are built");
    }

    @Test
    void theEdgeIndexFindsExactlyTheEdgesAScanFinds() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = RoadConditions.none(net);
        EdgeShapes shapes = rc.index().shapes();
        Random rnd = new Random(5);
        for (int i = 0; i < 8; i++) {
            ConditionArea area =
                    ConditionsExactnessTest.star(net.nodePoint(rnd.nextInt(net.nodeCount())), rnd, 200, 3000);
            int[] found = rc.index().edgesIntersecting(area.polygon());
            // GraphHopper's test of an area: a prepared polygon against the edge's line
            var prepared = org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(area.polygon());
            int expected = 0;
            for (int e = 0; e < shapes.edgeCount(); e++) {
                int from = shapes.pointOffset()[e];
                int to = shapes.pointOffset()[e + 1];
                Coordinate[] line = new Coordinate[Math.max(2, to - from)];
                for (int k = from; k < to; k++) {
                    line[k - from] = new Coordinate(shapes.lonDeg()[k], shapes.latDeg()[k]);
                }
                if (to - from == 1) {
                    line[1] = line[0];
                }
                boolean in = prepared.intersects(FACTORY.createLineString(line));
                assertEquals(in, java.util.Arrays.binarySearch(found, e) >= 0, "polygon " + i + ", edge " + e);
                expected += in ? 1 : 0;
            }
            assertEquals(expected, found.length);
        }
    }

    @Test
    void aClosureTakesEffectAndExpiresByItself() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = RoadConditions.none(net);
        long t1 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        long t2 = t1 + 3_600_000;
        GeoPoint oakham = new GeoPoint(52.6702, -0.7296);
        RoadConditions.Entry e =
                rc.add(new Closure("C1", "market", Closure.Circle.of(oakham, 300, "radius"), t1, t2, CARS));
        assertTrue(e.edgeCount() > 10, "edges " + e.edgeCount());
        int edge = e.edges()[0];
        assertFalse(rc.at(TravelProfile.CAR, t1 - 1).isClosed(edge));
        assertTrue(rc.at(TravelProfile.CAR, t1).isClosed(edge));
        assertTrue(rc.at(TravelProfile.CAR_EMERGENCY, t2 - 1).isClosed(edge));
        assertFalse(rc.at(TravelProfile.FOOT, t1).isClosed(edge), "not closed to officers on foot");
        assertFalse(rc.at(TravelProfile.CAR, t2).isClosed(edge));
        assertEquals(1, rc.inForceAt(t1).size());
        assertEquals(0, rc.inForceAt(t2).size());
        assertEquals(e.edgeCount(), rc.at(TravelProfile.CAR, t1).closedEdgeCount());
        rc.remove("C1", "id");
        assertFalse(rc.at(TravelProfile.CAR, t1).isClosed(edge));
        assertTrue(rc.list().isEmpty());
    }

    @Test
    void slowdownsTakeTheSlowestAndCongestionMultiplies() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = withCongestion(net, testCongestion());
        long peak = ConditionsExactnessTest.NOW;
        rc.add(new Slowdown(
                "S1", "", new Slowdown.RoadClasses(Set.of(RoadClass.PRIMARY)), 0.5, 0, Condition.NO_END, CARS));
        rc.add(new Slowdown(
                "S2", "", new Slowdown.RoadClasses(Set.of(RoadClass.PRIMARY)), 0.25, 0, Condition.NO_END, CARS));
        EdgeShapes shapes = rc.index().shapes();
        int primary = -1;
        int residential = -1;
        for (int e = 0; e < shapes.edgeCount() && (primary < 0 || residential < 0); e++) {
            if (shapes.roadClass(e) == RoadClass.PRIMARY) {
                primary = e;
            } else if (shapes.roadClass(e) == RoadClass.RESIDENTIAL) {
                residential = e;
            }
        }
        EdgeConditions car = rc.at(TravelProfile.CAR, peak);
        assertEquals(4 / 0.8, car.timeFactor(primary), 1e-9, "slowest slowdown (x4) times congestion (1/0.8)");
        assertEquals(1 / 0.9, car.timeFactor(residential), 1e-9);
        assertTrue(car.isMarked(primary));
        assertFalse(car.isMarked(residential), "congestion alone does not mark");
        EdgeConditions emergency = rc.at(TravelProfile.CAR_EMERGENCY, peak);
        assertEquals(4 * (1 + 0.4 * (1 / 0.8 - 1)), emergency.timeFactor(primary), 1e-9, "blue lights: 40% of delay");
        assertEquals(1, rc.at(TravelProfile.FOOT, peak).timeFactor(primary), "officers on foot are not slowed");
        EdgeConditions typical = rc.typicalAt(TravelProfile.CAR, peak);
        assertEquals(1 / 0.8, typical.timeFactor(primary), 1e-9);
        assertEquals(4, rc.at(TravelProfile.CAR, peak + 3 * 3_600_000).timeFactor(primary), 1e-9, "after the peak");
    }

    @Test
    void aServiceRunningThroughTheDayKeepsOnlyTheLatestHoursValues() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = withCongestion(net, CongestionProfile.loadDefault());
        rc.add(new Closure("C1", "", Closure.Circle.of(net.nodePoint(0), 300, "radius"), 0, Condition.NO_END, CARS));
        long monday0600 = Instant.parse("2026-11-23T06:00:00Z").toEpochMilli();
        for (int h = 0; h < 14; h++) { // through the morning peak and the day
            for (TravelProfile p : TravelProfile.values()) {
                rc.at(p, monday0600 + h * 3_600_000L + 60_000);
                rc.typicalAt(p, monday0600 + h * 3_600_000L + 60_000);
            }
            int perHour = 2 * TravelProfile.values().length; // the hour's congestion and the closure on it
            assertTrue(
                    rc.cachedValues() <= HourCache.HOURS_KEPT * perHour,
                    "after hour " + h + ": " + rc.cachedValues() + " values kept, at most "
                            + HourCache.HOURS_KEPT * perHour);
        }
    }

    @Test
    void withNothingInForceTheConditionsAreTheHoursCongestionAndClosuresShareItsTimes() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = withCongestion(net, testCongestion());
        long peak = ConditionsExactnessTest.NOW;
        EdgeConditions typical = rc.typicalAt(TravelProfile.CAR, peak);
        assertNotNull(typical.timeFactors(), "the test profile slows cars at this hour");
        assertSame(typical, rc.at(TravelProfile.CAR, peak), "nothing in force: the hour's congestion, shared");
        rc.add(new Closure("C1", "", Closure.Circle.of(net.nodePoint(0), 300, "radius"), 0, Condition.NO_END, CARS));
        EdgeConditions closed = rc.at(TravelProfile.CAR, peak);
        assertNotSame(typical, closed);
        assertTrue(closed.closedEdgeCount() > 0);
        assertSame(typical.timeFactors(), closed.timeFactors(), "a closure adds bits, not a copy of the factors");
        EdgeConditions fresh = EdgeConditions.of(
                typical.graph(),
                closed.closedEdges().clone(),
                typical.timeFactors().clone(),
                null);
        for (int e = 0; e < net.edgeCount(); e++) {
            assertEquals(fresh.edgeFwdMillis(e), closed.edgeFwdMillis(e), "edge " + e);
            assertEquals(fresh.edgeBwdMillis(e), closed.edgeBwdMillis(e), "edge " + e);
            assertEquals(fresh.isClosed(e), closed.isClosed(e), "edge " + e);
            assertEquals(fresh.isMarked(e), closed.isMarked(e), "edge " + e);
        }
    }

    @Test
    void theNextMinutesConditionsArePreparedBeforeAQueryAsks() throws Exception {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = withCongestion(net, CongestionProfile.loadDefault());
        long beforePeak = Instant.parse("2026-11-24T06:59:30Z").toEpochMilli(); // Tuesday, GMT
        List<TravelProfile> cars = List.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY);
        try (ConditionsAhead ahead = ConditionsAhead.start(
                rc,
                cars,
                () -> java.time.Instant.ofEpochMilli(beforePeak),
                java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(60))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            int expected = 2 * 2 * cars.size(); // two hours, each with its congestion and the conditions on it
            while (rc.cachedValues() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(expected, rc.cachedValues(), "06:00 and 07:00 prepared");
            int before = rc.cachedValues();
            EdgeConditions peak = rc.at(TravelProfile.CAR, beforePeak + 45_000);
            assertEquals(before, rc.cachedValues(), "the query at 07:00:15 found its conditions made");
            assertNotNull(peak.timeFactors(), "the morning peak slows cars");
        }
    }

    @Test
    void theShippedCongestionProfileFollowsLocalTime() {
        CongestionProfile p = CongestionProfile.loadDefault();
        int tuesday1730 = 24 + 17;
        assertEquals(
                tuesday1730, p.hourOfWeek(Instant.parse("2026-11-24T17:30:00Z").toEpochMilli()), "GMT");
        assertEquals(
                tuesday1730, p.hourOfWeek(Instant.parse("2026-07-07T16:30:00Z").toEpochMilli()), "BST");
        assertEquals("weekday evening peak", p.periodName(tuesday1730));
        assertEquals(0.835, p.speedFactor(tuesday1730, true, RoadClass.RESIDENTIAL), 1e-9);
        assertEquals(1, p.speedFactor(tuesday1730, false, RoadClass.RESIDENTIAL), 1e-9);
        assertEquals(0.907, p.speedFactor(24 + 8, false, RoadClass.TRUNK), 1e-9);
        assertEquals(1, p.speedFactor(5 * 24 + 8, true, RoadClass.PRIMARY), 1e-9, "Saturday");
        assertTrue(p.isFlat(24 + 17, TravelProfile.FOOT));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = RoadConditions.none(net);
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[-0.73,52.66],[-0.72,52.67],[-0.72,52.66],"
                + "[-0.73,52.67],[-0.73,52.66]]]}";
        BluelampException e = assertThrows(BluelampException.class, () -> ConditionArea.parse(bowTie, "closure.area"));
        assertEquals("closure.area", e.field());
        assertTrue(e.getMessage().contains("self-intersection"), e.getMessage());
        e = assertThrows(
                BluelampException.class,
                () -> ConditionArea.parse(
                        "{\"type\":\"Polygon\",\"coordinates\":[[[-0.73,52.66],[-0.73,52.66],[-0.73,52.66],"
                                + "[-0.73,52.66]]]}",
                        "closure.area"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(
                BluelampException.class,
                () -> ConditionArea.parse("{\"type\":\"Point\",\"coordinates\":[-0.73,52.66]}", "closure.area"));
        assertTrue(e.getMessage().contains("Polygon"), e.getMessage());
        e = assertThrows(BluelampException.class, () -> ConditionArea.parse("{nope", "closure.area"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Slowdown.Scope primary = new Slowdown.RoadClasses(Set.of(RoadClass.PRIMARY));
        for (double f : new double[] {0, 1.5, Double.NaN, 0.01}) {
            e = assertThrows(
                    BluelampException.class,
                    () -> Slowdown.of("S", "", primary, f, 0, Condition.NO_END, CARS, c -> "slowdown." + c));
            assertEquals("slowdown.speedFactor", e.field(), "factor " + f);
        }
        e = assertThrows(
                BluelampException.class,
                () -> Slowdown.of("S", "", primary, 0.5, 2000, 1000, CARS, c -> "slowdown." + c));
        assertEquals("slowdown.endEpochMillis", e.field());
        assertTrue(e.getMessage().contains("end after it starts"), e.getMessage());
        e = assertThrows(BluelampException.class, () -> ConditionRules.profile("tractor", "closure.profiles[0]"));
        assertEquals("closure.profiles[0]", e.field());
        e = assertThrows(
                BluelampException.class,
                () -> Closure.of(
                        "C",
                        "",
                        new Closure.Road(new GeoPoint(52.6, -0.7), new GeoPoint(52.61, -0.7)),
                        0,
                        Condition.NO_END,
                        Set.of(),
                        c -> "closure." + c));
        assertEquals("closure.profiles", e.field());
        GeoBounds b = net.bounds();
        String whole = String.format(
                java.util.Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                b.minLonDeg() - 0.1,
                b.minLatDeg() - 0.1,
                b.maxLonDeg() + 0.1,
                b.minLatDeg() - 0.1,
                b.maxLonDeg() + 0.1,
                b.maxLatDeg() + 0.1,
                b.minLonDeg() - 0.1,
                b.maxLatDeg() + 0.1,
                b.minLonDeg() - 0.1,
                b.minLatDeg() - 0.1);
        Closure everything =
                new Closure("ALL", "", new Closure.Area(ConditionArea.parse(whole, "area")), 0, Condition.NO_END, CARS);
        e = assertThrows(BluelampException.class, () -> rc.add(everything, c -> "closure." + c));
        assertEquals("closure.area", e.field());
        assertTrue(e.getMessage().contains("covers the whole map"), e.getMessage());
        assertTrue(rc.list().isEmpty(), "nothing applied");
        Closure ok = new Closure(
                "C1", "", Closure.Circle.of(new GeoPoint(52.6702, -0.7296), 200, "r"), 0, Condition.NO_END, CARS);
        rc.add(ok);
        e = assertThrows(BluelampException.class, () -> rc.add(ok, c -> "closure." + c));
        assertEquals(ErrorKind.ALREADY_EXISTS, e.kind());
        assertEquals("closure.id", e.field());
        e = assertThrows(BluelampException.class, () -> rc.remove("C2", "id"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }

    @Test
    void aConditionTheStoreRefusesIsNotApplied() {
        RoadNetwork net = TestMaps.rutland();
        ConditionsStore failing = new ConditionsStore() {
            @Override
            public List<Condition> load() {
                return List.of();
            }

            @Override
            public void save(Condition condition) {
                throw new BluelampException(ErrorKind.UNAVAILABLE, "", "store unreachable");
            }

            @Override
            public boolean delete(String id) {
                return false;
            }
        };
        RoadConditions rc = RoadConditions.create(net, CongestionProfile.none(), List.of(), failing);
        long version = rc.version();
        Closure c = new Closure(
                "C1", "", Closure.Circle.of(new GeoPoint(52.6702, -0.7296), 200, "r"), 0, Condition.NO_END, CARS);
        assertThrows(BluelampException.class, () -> rc.add(c));
        assertEquals(version, rc.version());
        assertTrue(rc.list().isEmpty());
        assertEquals(0, rc.at(TravelProfile.CAR, 0).closedEdgeCount());
    }

    @Test
    void conditionsKeptInTheStoreAreLoadedAtStart() {
        RoadNetwork net = TestMaps.rutland();
        InMemoryConditionsStore store = new InMemoryConditionsStore();
        RoadConditions first = RoadConditions.create(net, CongestionProfile.none(), List.of(), store);
        first.add(new Closure(
                "C1", "flood", Closure.Circle.of(new GeoPoint(52.6702, -0.7296), 200, "r"), 0, Condition.NO_END, CARS));
        RoadConditions second = RoadConditions.create(net, CongestionProfile.none(), List.of(), store);
        assertEquals(1, second.list().size());
        assertEquals(
                first.at(TravelProfile.CAR, 0).closedEdgeCount(),
                second.at(TravelProfile.CAR, 0).closedEdgeCount());
    }
}
