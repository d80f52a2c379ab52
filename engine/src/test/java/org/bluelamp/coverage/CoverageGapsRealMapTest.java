package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gaps' geometry on the real Rutland extract, for seeded random deployments: its length on the
 * graph is the report's gaps and its drawn length agrees with it; coordinates have at most five
 * decimals; no two lines that merely continue each other are left unmerged; and, against
 * GraphHopper's own route from every unit (mobilisation, off-road leg, road, access leg), every
 * sampled point of a gap line is reached later than the target and every sampled point of the
 * covered road within it (tolerance one second, as the agreement test: GraphHopper rounds its route
 * times differently from per-edge milliseconds; points within 10 m of a cut are not sampled).
 * Prints the seed on failure.
 */
class CoverageGapsRealMapTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RoadNetwork net() {
        return TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
    }

    private static List<PlannedUnit> randomUnits(RoadNetwork net, Random rnd, int count) {
        List<PlannedUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UnitKind kind = rnd.nextDouble() < 0.8 ? UnitKind.CAR : UnitKind.FOOT;
            UnitStatus status = rnd.nextBoolean() ? UnitStatus.AVAILABLE : UnitStatus.AT_STATION;
            units.add(PlannedUnit.at("U" + i, kind, status, RandomFleet.nearRandomNode(net, rnd)));
        }
        return units;
    }

    private static DemandPoints someDemand(RoadNetwork net, Random rnd) {
        double[] lat = new double[10];
        double[] lon = new double[10];
        double[] w = new double[10];
        for (int i = 0; i < 10; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(net, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1;
        }
        return DemandPoints.fromFile(lat, lon, w, "random points");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {301, 302})
    void gapLengthIsTheReportsAndLinesAreMergedAndRounded(long seed) throws Exception {
        RoadNetwork net = net();
        Random rnd = new Random(seed);
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), someDemand(net, rnd));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment d = new Deployment(randomUnits(net, rnd, 4), Map.of(), OptionalDouble.empty());
        CoverageReport report = ev.evaluate("test", d, "1", RoadConditions.NONE);
        CoverageGaps gaps = CoverageGaps.of(ev);
        String ctx = "seed " + seed;
        double reportGapsKm = report.road().totalKm() - report.road().withinTargetKm();
        assertTrue(reportGapsKm > 1, ctx + ": four units leave gaps in Rutland, got " + reportGapsKm);
        assertEquals(reportGapsKm, gaps.graphKm(), 1e-6, ctx);
        assertEquals(0, gaps.simplifiedDegrees(), ctx + ": a county is never simplified");

        JsonNode feature =
                JSON.readTree(gaps.toGeoJson("1", 42)).get("features").get(0);
        assertEquals("MultiLineString", feature.get("geometry").get("type").asText());
        assertEquals(reportGapsKm, feature.get("properties").get("gapsKm").asDouble(), 0.0005, ctx);
        JsonNode lines = feature.get("geometry").get("coordinates");
        double drawnKm = 0;
        Map<String, Integer> ends = new HashMap<>();
        Set<String> inner = new HashSet<>();
        for (JsonNode line : lines) {
            assertTrue(line.size() >= 2, ctx + ": a line of one point");
            for (int i = 0; i < line.size(); i++) {
                for (JsonNode c : line.get(i)) {
                    assertTrue(c.decimalValue().scale() <= 5, ctx + ": " + c + " has more than 5 decimals");
                }
                if (i > 0) {
                    drawnKm += metres(line.get(i - 1), line.get(i)) / 1000;
                }
                String key = line.get(i).toString();
                if (i == 0 || i == line.size() - 1) {
                    ends.merge(key, 1, Integer::sum);
                } else {
                    inner.add(key);
                }
            }
        }
        assertEquals(reportGapsKm, drawnKm, reportGapsKm * 0.01, ctx + ": drawn length against the graph's");
        for (Map.Entry<String, Integer> e : ends.entrySet()) {
            if (e.getValue() == 2 && !inner.contains(e.getKey())) {
                // two line ends meet here and nothing else: allowed only for a closed line
                long closed = 0;
                for (JsonNode line : lines) {
                    if (line.get(0).toString().equals(e.getKey())
                            && line.get(line.size() - 1).toString().equals(e.getKey())) {
                        closed++;
                    }
                }
                assertEquals(1, closed, ctx + ": two lines meet end to end at " + e.getKey() + " but were not merged");
            }
        }
    }

    /**
     * The size cap: beyond it the lines are simplified (fewer points, the same graph length, stated
     * in the GeoJSON); beyond it even simplified, the geometry is refused with RESOURCE_EXHAUSTED
     * naming include_gaps. (The real cap is 250,000 coordinates; these caps are scaled to Rutland.)
     */
    @org.junit.jupiter.api.Test
    void beyondTheCapTheGapsAreSimplifiedThenRefused() throws Exception {
        RoadNetwork net = net();
        Random rnd = new Random(321);
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), someDemand(net, rnd));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment d = new Deployment(randomUnits(net, rnd, 1), Map.of(), OptionalDouble.empty());
        ev.evaluate("one unit", d, "1", RoadConditions.NONE);
        CoverageGaps exact = CoverageGaps.of(ev);
        int n = exact.coordinateCount();
        assertTrue(n > 1000, "one unit leaves most of Rutland as gaps: " + n + " points");

        CoverageGaps simplified = CoverageGaps.of(ev, n - 1);
        assertEquals(CoverageGaps.SIMPLIFY_DEGREES, simplified.simplifiedDegrees());
        assertTrue(simplified.coordinateCount() < n, simplified.coordinateCount() + " against " + n);
        assertEquals(exact.graphKm(), simplified.graphKm(), 1e-9);
        JsonNode props = JSON.readTree(simplified.toGeoJson("1", 0))
                .get("features")
                .get(0)
                .get("properties");
        assertEquals(
                CoverageGaps.SIMPLIFY_DEGREES, props.get("simplifiedDegrees").asDouble());

        CoverageGaps tooMany = CoverageGaps.of(ev, 10);
        BluelampException e = assertThrows(BluelampException.class, () -> tooMany.toGeoJson("1", 0));
        assertEquals(org.bluelamp.error.ErrorKind.RESOURCE_EXHAUSTED, e.kind());
        assertEquals("include_gaps", e.field());
        assertTrue(e.getMessage().contains("more than the 10"), e.getMessage());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {311, 312})
    void gapPointsAreLaterThanTheTargetAndCoveredPointsNot(long seed) throws Exception {
        RoadNetwork net = net();
        Random rnd = new Random(seed);
        // no urban areas: one target, so a point's target does not depend on which edge it lies on
        CoverageArea area = CoverageArea.build(net, UrbanAreas.none(), Beats.none(), someDemand(net, rnd));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        List<PlannedUnit> units = randomUnits(net, rnd, 4);
        Deployment d = new Deployment(units, Map.of(), OptionalDouble.empty());
        GradePolicy grade = ev.gradeWithTarget("1");
        ev.run(d, grade, RoadConditions.NONE);
        CoverageGaps gaps = CoverageGaps.of(ev);
        double target = grade.ruralTargetSeconds();
        String ctx = "seed " + seed;

        // points of the served gap lines, away from their ends
        JsonNode lines = JSON.readTree(gaps.toGeoJson("1", 0))
                .get("features")
                .get(0)
                .get("geometry")
                .get("coordinates");
        int gapChecked = 0;
        for (int tries = 0; tries < 2000 && gapChecked < 40; tries++) {
            JsonNode line = lines.get(rnd.nextInt(lines.size()));
            int i = 1 + rnd.nextInt(line.size() - 1);
            double segment = metres(line.get(i - 1), line.get(i));
            double along = lineMetres(line, i - 1);
            double total = lineMetres(line, line.size() - 1);
            double f = rnd.nextDouble();
            double at = along + f * segment;
            if (segment < 1 || at < 10 || total - at < 10) {
                continue;
            }
            GeoPoint p = new GeoPoint(
                    lat(line.get(i - 1)) + f * (lat(line.get(i)) - lat(line.get(i - 1))),
                    lon(line.get(i - 1)) + f * (lon(line.get(i)) - lon(line.get(i - 1))));
            double t = bestSeconds(net, units, grade, p);
            assertTrue(t > target - 1.0, ctx + ": gap point " + p + " reached in " + t + " s, target " + target);
            gapChecked++;
        }
        assertTrue(gapChecked >= 30, ctx + ": only " + gapChecked + " gap points checked");

        // points of the covered road, away from the cuts
        TravelTimeGraph g = area.graph(area.roadProfile());
        EdgeShape shape = new EdgeShape();
        int coveredChecked = 0;
        for (int tries = 0; tries < 20_000 && coveredChecked < 40; tries++) {
            int e = rnd.nextInt(area.edgeCount());
            double length = g.edgeDistanceMetres(e);
            if (!area.isMainEdge(e) || length < 30) {
                continue;
            }
            EdgePieces pc = ev.fillPieces(e);
            int n = pc.intervals(ev.edgeTargetMillis(e));
            if (n == 0) {
                continue;
            }
            int k = rnd.nextInt(n);
            double lo = pc.low(k) + 10;
            double hi = pc.high(k) - 10;
            if (hi <= lo) {
                continue;
            }
            double x = lo + rnd.nextDouble() * (hi - lo);
            shape.set(area.roads().edgeGeometry(e), length);
            double[] ll = new double[2];
            shape.cut(x, x, (la, lo2) -> {
                ll[0] = la;
                ll[1] = lo2;
            });
            GeoPoint p = new GeoPoint(ll[0], ll[1]);
            double t = bestSeconds(net, units, grade, p);
            assertTrue(t <= target + 1.0, ctx + ": covered point " + p + " reached in " + t + " s, target " + target);
            coveredChecked++;
        }
        assertTrue(coveredChecked >= 30, ctx + ": only " + coveredChecked + " covered points checked");
    }

    /** The best response time at a point over GraphHopper's routes from every unit. */
    private static double bestSeconds(RoadNetwork net, List<PlannedUnit> units, GradePolicy grade, GeoPoint point) {
        double best = Double.POSITIVE_INFINITY;
        for (PlannedUnit u : units) {
            TravelProfile profile = Dispatcher.profileFor(u.kind(), grade);
            double speed = POLICY.offRoadMetresPerSecond(u.kind());
            try {
                double unitLeg =
                        Math.round(net.snap(profile, "unit", u.position()).distanceMetres() / speed * 1000) / 1000.0;
                double access = Math.round(net.snap(profile, "site", point).distanceMetres() / speed * 1000) / 1000.0;
                double t = POLICY.mobilisationMillis(u.status()) / 1000.0
                        + unitLeg
                        + net.route(profile, u.position(), point).timeSeconds()
                        + access;
                best = Math.min(best, t);
            } catch (BluelampException e) {
                // no route from this unit
            }
        }
        return best;
    }

    private static double lineMetres(JsonNode line, int upTo) {
        double m = 0;
        for (int i = 1; i <= upTo; i++) {
            m += metres(line.get(i - 1), line.get(i));
        }
        return m;
    }

    private static double metres(JsonNode a, JsonNode b) {
        return GeoDistance.haversineMetres(lat(a), lon(a), lat(b), lon(b));
    }

    private static double lat(JsonNode c) {
        return c.get(1).asDouble();
    }

    private static double lon(JsonNode c) {
        return c.get(0).asDouble();
    }
}
