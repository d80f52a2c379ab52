package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.TravelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage on a road drawn by hand whose answers can be worked out on paper: a straight road of
 * eight equal stretches, 0 - 1 - 2 - ... - 8, each taking 5 minutes under blue lights, under the
 * default England and Wales policy (Grade 1: 15 minutes urban, 20 rural; 2 minutes to mobilise
 * from a station, none when available).
 */
class CoverageEvaluatorDrawnTest {
    private static final int FIVE_MINUTES = 300_000;
    private static final double LAT = 52.6;
    private static final double STEP_DEG = 0.05;
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());

    @TempDir
    Path dir;

    private final DrawnRoads road = new DrawnRoads();
    private final int[] stretch = new int[8];

    CoverageEvaluatorDrawnTest() {
        for (int n = 0; n <= 8; n++) {
            road.node(n, LAT, -0.9 + n * STEP_DEG);
        }
        for (int i = 0; i < 8; i++) {
            stretch[i] = road.both(i, i + 1, FIVE_MINUTES);
        }
    }

    private CoverageArea area(UrbanAreas urban, Beats beats, DemandPoints demand) {
        return CoverageArea.build(road, urban, beats, demand);
    }

    private CoverageArea plainArea() {
        return area(UrbanAreas.none(), Beats.none(), DemandPoints.roadLength("test"));
    }

    private static Deployment deployment(double q, PlannedUnit... units) {
        return new Deployment(
                List.of(units), Map.of(), Double.isNaN(q) ? OptionalDouble.empty() : OptionalDouble.of(q));
    }

    private PlannedUnit car(String id, UnitStatus status, int node) {
        return PlannedUnit.at(id, UnitKind.CAR, status, road.point(node));
    }

    private double km() {
        return road.edgeMetres(0) / 1000;
    }

    @Test
    void oneAvailableCarAtTheEndReachesHalfTheRoadWithinTheRuralTarget() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        CoverageReport r =
                ev.evaluate("one", deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0)), "1", RoadConditions.NONE);
        assertEquals(8 * km(), r.road().totalKm(), 1e-6);
        assertEquals(0.5, r.road().share(), 1e-9);
        double[] bands = r.road().bandKm();
        double[] expected = {1, 1, 1, 1, 4, 0};
        for (int b = 0; b < bands.length; b++) {
            assertEquals(expected[b] * km(), bands[b], 1e-6, CoverageReport.BAND_NAMES.get(b));
        }
        assertEquals(1200, r.ruralTargetSeconds());
        assertEquals(2, r.labelsPerNode());
        // the worst place is the far end, 40 minutes away
        assertEquals(2400, r.worst().get(0).bestSeconds(), 1e-6);
        assertEquals(road.point(8).lonDeg(), r.worst().get(0).lonDeg(), 1e-9);
    }

    @Test
    void mobilisingFromTheStationTakesTwoMinutesOfTheTarget() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        CoverageReport r = ev.evaluate(
                "station", deployment(Double.NaN, car("A", UnitStatus.AT_STATION, 0)), "1", RoadConditions.NONE);
        assertEquals(18.0 / 40, r.road().share(), 1e-9); // 18 minutes of driving out of 40
        assertEquals(120, r.units().get(0).startSeconds(), 1e-9);
    }

    @Test
    void aSecondCarAtTheOtherEndCoversEverything() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        CoverageReport r = ev.evaluate(
                "two",
                deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0), car("B", UnitStatus.AVAILABLE, 8)),
                "1",
                RoadConditions.NONE);
        assertEquals(1.0, r.road().share(), 1e-9);
        // demand is road length, node by node: node 0 weighs half a stretch, nodes 1 to 7 one each; both
        // cars reach node 4 in 20 minutes, so car A alone reaches nodes 0 to 3: what coverage loses if it goes
        double total = r.demand().totalWeight();
        assertEquals(8 * road.edgeMetres(0), total, 1e-6);
        assertEquals(total * 3.5 / 8, r.units().get(0).onlyUnitWeight(), 1e-6);
        assertEquals(total * 1 / 8, r.demand().unitsWithinTargetWeight()[2], 1e-6);
    }

    @Test
    void aCarThatIsBusyDoesNotCount() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        CoverageReport r = ev.evaluate(
                "busy",
                deployment(
                        Double.NaN,
                        new PlannedUnit("A", UnitKind.CAR, UnitStatus.OFF_DUTY, road.point(0), "", Double.NaN)),
                "1",
                RoadConditions.NONE);
        assertEquals(0, r.road().share());
        assertFalse(r.units().get(0).counted());
        assertEquals("status_not_eligible", r.units().get(0).excludedReason());
        assertEquals(8 * km(), r.road().bandKm()[5], 1e-6);
    }

    @Test
    void aClosedStretchCutsOffTheRoadBeyondIt() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        long[] closed = new long[1];
        closed[0] |= 1L << stretch[2];
        RoadConditions shut = p -> new EdgeConditions(closed, null);
        CoverageReport r = ev.evaluate("closed", deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0)), "1", shut);
        // stretches 0 and 1, and the closed stretch itself from node 2 (places on a closed road are
        // reached from its ends, the ranking's rule); nothing beyond it
        assertEquals(3.0 / 8, r.road().share(), 1e-9);
        assertEquals(5 * km(), r.road().bandKm()[5], 1e-6);
    }

    @Test
    void aSlowedStretchDelaysEverythingBeyondIt() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        double[] factors = new double[8];
        java.util.Arrays.fill(factors, 1);
        factors[stretch[0]] = 2; // the first stretch takes 10 minutes
        RoadConditions slow = p -> new EdgeConditions(null, factors);
        CoverageReport r = ev.evaluate("slow", deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0)), "1", slow);
        assertEquals(3.0 / 8, r.road().share(), 1e-9); // 10 + 5 + 5 minutes
    }

    @Test
    void urbanRoadsHaveTheShorterTarget() throws IOException {
        // an urban area around the western half (stretches 0 to 3)
        Path urban = dir.resolve("urban.geojson");
        Files.writeString(
                urban,
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                        + "{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[-0.91,52.59],[-0.69,52.59],[-0.69,52.61],[-0.91,52.61],"
                        + "[-0.91,52.59]]]}}]}");
        CoverageEvaluator ev = new CoverageEvaluator(
                area(UrbanAreas.load(urban), Beats.none(), DemandPoints.roadLength("test")), POLICY);
        CoverageReport r = ev.evaluate(
                "urban", deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0)), "1", RoadConditions.NONE);
        // stretch 3 ends at 20 minutes: beyond the urban 15
        assertEquals(3.0 / 8, r.road().share(), 1e-9);
        assertEquals(4 * km(), r.road().urbanKm(), 1e-6);
        assertEquals(3 * km(), r.road().urbanWithinKm(), 1e-6);
    }

    @Test
    void beatsAreReportedEachOnItsOwn() {
        String json = "{\"type\":\"FeatureCollection\",\"features\":["
                + beat("W", -0.91, -0.7)
                + ","
                + beat("E", -0.7, -0.49)
                + "]}";
        Beats beats = Beats.parse(json, "test", "beats");
        CoverageEvaluator ev =
                new CoverageEvaluator(area(UrbanAreas.none(), beats, DemandPoints.roadLength("test")), POLICY);
        CoverageReport r = ev.evaluate(
                "beats", deployment(Double.NaN, car("A", UnitStatus.AVAILABLE, 0)), "1", RoadConditions.NONE);
        assertEquals(2, r.beats().size());
        assertEquals("W", r.beats().get(0).id());
        assertEquals(1.0, r.beats().get(0).roadShare(), 1e-9);
        assertEquals(0.0, r.beats().get(1).roadShare(), 1e-9);
        assertEquals(4 * km(), r.beats().get(1).roadKm(), 1e-6);
        assertEquals(2400, r.beats().get(1).worstSeconds(), 1e-6);
    }

    private static String beat(String id, double west, double east) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + west + ",52.5],[" + east + ",52.5],[" + east + ",52.7],[" + west + ",52.7],["
                + west + ",52.5]]]}}";
    }

    @Test
    void mexclpCreditsEachPlaceWithOneMinusQToTheNumberOfUnitsWithinTarget() {
        // demand: 2 calls at node 1, 1 call at node 7
        DemandPoints demand = DemandPoints.fromFile(
                new double[] {LAT, LAT},
                new double[] {road.point(1).lonDeg(), road.point(7).lonDeg()},
                new double[] {2, 1},
                "test");
        CoverageArea area = area(UrbanAreas.none(), Beats.none(), demand);
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        List<PlannedUnit> two =
                new ArrayList<>(List.of(car("A", UnitStatus.AVAILABLE, 0), car("B", UnitStatus.AVAILABLE, 8)));
        CoverageReport r =
                ev.evaluate("two", new Deployment(two, Map.of(), OptionalDouble.of(0.5)), "1", RoadConditions.NONE);
        assertEquals(1.0, r.demand().share(), 1e-9);
        assertEquals(0.5, r.demand().expectedShare(), 1e-9); // each place by one unit: 1 - 0.5
        assertEquals(3, r.demand().unitsWithinTargetWeight()[1], 1e-9);
        assertEquals(2, r.units().get(0).onlyUnitWeight(), 1e-9);
        assertEquals(1, r.units().get(1).onlyUnitWeight(), 1e-9);
        two.add(car("C", UnitStatus.AVAILABLE, 4)); // 15 minutes from both places
        r = ev.evaluate("three", new Deployment(two, Map.of(), OptionalDouble.of(0.5)), "1", RoadConditions.NONE);
        assertEquals(0.75, r.demand().expectedShare(), 1e-9); // two units each: 1 - 0.25
        assertEquals(3, r.demand().unitsWithinTargetWeight()[2], 1e-9);
        assertEquals(0, r.units().get(0).onlyUnitWeight(), 1e-9);
        assertEquals(CoverageEvaluator.labelsFor(0.5), r.labelsPerNode());
        assertEquals(Math.pow(0.5, r.labelsPerNode()), r.demand().expectedErrorBound(), 1e-12);
    }

    @Test
    void aUnitHalfwayAlongAStretchDrivesBothWays() {
        CoverageEvaluator ev = new CoverageEvaluator(plainArea(), POLICY);
        PlannedUnit mid = PlannedUnit.at("M", UnitKind.CAR, UnitStatus.AVAILABLE, road.along(stretch[4], 0.5));
        CoverageReport r = ev.evaluate("mid", deployment(Double.NaN, mid), "1", RoadConditions.NONE);
        // from position 4.5: 20 minutes reach 4 stretches each way, [0.5, 8]; 5 minutes one each way
        assertEquals(7.5 / 8, r.road().share(), 1e-6);
        assertEquals(2 * km(), r.road().bandKm()[0], 1e-6);
        assertEquals(0.5 * km(), r.road().bandKm()[4], 1e-6);
    }

    @Test
    void labelsForBusyFractions() {
        assertEquals(2, CoverageEvaluator.labelsFor(Double.NaN));
        assertEquals(2, CoverageEvaluator.labelsFor(0));
        assertEquals(6, CoverageEvaluator.labelsFor(0.3)); // 0.3^6 = 0.00073
        assertEquals(10, CoverageEvaluator.labelsFor(0.5)); // 0.5^10 = 0.00098
        assertEquals(CoverageEvaluator.MAX_LABELS, CoverageEvaluator.labelsFor(0.9));
        assertTrue(TravelProfile.values().length > 0);
    }
}
