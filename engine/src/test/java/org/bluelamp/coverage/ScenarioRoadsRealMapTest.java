package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionsGeoJson;
import org.bluelamp.conditions.CustomModelExport;
import org.bluelamp.conditions.FieldNames;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Road what-ifs on the real Rutland extract, through the road-conditions mechanism: a scenario
 * closing the roads of Oakham's centre to cars never raises coverage, lowers it in a beat, and
 * reaches no point on an open road sooner; seeded demand points in and around the closure have
 * best times equal to GraphHopper's own route under the equivalent custom model (closed area
 * {@code multiply_by} 0, CH off) within a second, those on closed roads reached at the nearest open
 * point; a closure covering the whole map is refused naming the scenario change's field. Prints
 * the seed on failure.
 */
class ScenarioRoadsRealMapTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());
    private static final long SEED = 4711;
    private static final GeometryFactory JTS = new GeometryFactory();
    /** A box around Oakham's Market Place and High Street (Oakham Police Station lies north of it). */
    private static final String OAKHAM_CENTRE = "{\"type\":\"Feature\",\"properties\":{\"id\":\"OAKHAM-CENTRE\","
            + "\"reason\":\"carnival\",\"profiles\":[\"car\",\"car_emergency\"]},\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[-0.7330,52.6668],[-0.7215,52.6668],[-0.7215,52.6718],[-0.7330,52.6718],"
            + "[-0.7330,52.6668]]]}}";

    private static List<PlannedUnit> cars() {
        return List.of(
                PlannedUnit.at("OAK", UnitKind.CAR, UnitStatus.AT_STATION, new GeoPoint(52.67317, -0.72874)),
                PlannedUnit.at("UPP", UnitKind.CAR, UnitStatus.AT_STATION, new GeoPoint(52.59026, -0.72235)),
                PlannedUnit.at("KET", UnitKind.CAR, UnitStatus.AVAILABLE, new GeoPoint(52.62772, -0.55216)),
                PlannedUnit.at("LAN", UnitKind.CAR, UnitStatus.AVAILABLE, new GeoPoint(52.6560, -0.7420)));
    }

    /** Seeded demand points: most in and around Oakham's centre, some across the county. */
    private static DemandPoints demand(Random rnd, int count) {
        double[] lat = new double[count];
        double[] lon = new double[count];
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            if (i % 4 != 3) {
                lat[i] = 52.6655 + rnd.nextDouble() * 0.0080;
                lon[i] = -0.7350 + rnd.nextDouble() * 0.0160;
            } else {
                lat[i] = 52.56 + rnd.nextDouble() * 0.17;
                lon[i] = -0.80 + rnd.nextDouble() * 0.30;
            }
            w[i] = 1;
        }
        return DemandPoints.fromFile(lat, lon, w, "seeded points");
    }

    private static Scenario closeOakhamCentre() {
        Condition c = ConditionsGeoJson.read(OAKHAM_CENTRE, "closeRoads", "closeRoads")
                .get(0);
        return new Scenario(
                "Oakham centre closed to cars",
                List.of(new ScenarioChange.RoadChange(
                        "scenarios[0].changes[0]", c, n -> "scenarios[0].changes[0].closeRoads." + n)),
                org.bluelamp.coverage.RoadConditions.NONE,
                List.of());
    }

    /**
     * The closed roads are written as their own GeoJSON layer ("closed", its length the closed main
     * roads' length) and drawn on the PNG map with a legend line (saved as
     * {@code target/coverage-closed-oakham.png} to look at); the baseline has no such layer.
     */
    @Test
    void closedRoadsAreWrittenAsTheirOwnLayerAndDrawn() throws Exception {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        Beats beats = Beats.load(Path.of("..", "map-data", "examples", "rutland-beats.geojson"), "beats");
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), beats, demand(new Random(SEED), 60));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment d = new Deployment(cars(), Map.of(), OptionalDouble.empty());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        CoverageReport base = ev.evaluate("baseline", d, "1", org.bluelamp.coverage.RoadConditions.NONE);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new CoverageGeoJson().write(ev, base, d, out);
        for (var f : json.readTree(out.toByteArray()).get("features")) {
            assertNotEquals("closed", f.get("properties").get("layer").asText(), "no closed layer without closures");
        }

        Scenario scenario = ScenarioRoads.resolve(closeOakhamCentre(), net);
        CoverageReport after = ev.evaluate(scenario.name(), scenario.apply(d), "1", scenario.roads());
        long[] closed = ev.roadConditions().closedEdges();
        org.bluelamp.road.TravelTimeGraph g = area.graph(area.roadProfile());
        double closedKm = 0;
        for (int e = 0; e < area.edgeCount(); e++) {
            if (area.isMainEdge(e) && (closed[e >>> 6] & (1L << e)) != 0) {
                closedKm += g.edgeDistanceMetres(e) / 1000;
            }
        }
        assertTrue(closedKm > 0.5, "Oakham centre has more than 500 m of road, got " + closedKm);
        out.reset();
        new CoverageGeoJson().write(ev, after, scenario.apply(d), out);
        com.fasterxml.jackson.databind.JsonNode closedLayer = null;
        for (var f : json.readTree(out.toByteArray()).get("features")) {
            if (f.get("properties").get("layer").asText().equals("closed")) {
                closedLayer = f;
            }
        }
        assertTrue(closedLayer != null, "a closed layer");
        assertEquals(closedKm, closedLayer.get("properties").get("roadKm").asDouble(), 0.001);
        assertEquals("MultiLineString", closedLayer.get("geometry").get("type").asText());
        assertTrue(closedLayer.get("geometry").get("coordinates").size() > 0);

        Path png = Path.of("target", "coverage-closed-oakham.png");
        assertEquals(1, scenario.closureAreas().size(), "the closure's polygon");
        try (var o = java.nio.file.Files.newOutputStream(png)) {
            new CoverageMapImage().write(ev, after, scenario.apply(d), scenario.closureAreas(), 1600, 1200, o);
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        // the same map without the closure's outline differs from it: the outline and its legend line
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        new CoverageMapImage().write(ev, after, scenario.apply(d), 1600, 1200, plain);
        java.awt.image.BufferedImage without =
                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(plain.toByteArray()));
        int differ = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != without.getRGB(x, y)) {
                    differ++;
                }
            }
        }
        assertTrue(differ > 500, "the closure's outline and legend line are drawn, " + differ + " pixels differ");
    }

    @Test
    void closingOakhamCentreLowersCoverageThereAndAgreesWithGraphHopper() {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        Random rnd = new Random(SEED);
        Beats beats = Beats.load(Path.of("..", "map-data", "examples", "rutland-beats.geojson"), "beats");
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), beats, demand(rnd, 120));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment d = new Deployment(cars(), Map.of(), OptionalDouble.of(0.3));
        CoverageReport base = ev.evaluate("baseline", d, "1", org.bluelamp.coverage.RoadConditions.NONE);
        int[] baseBest = new int[area.siteCount()];
        for (int s = 0; s < baseBest.length; s++) {
            baseBest[s] = ev.siteBestMillis(s);
        }

        Scenario scenario = ScenarioRoads.resolve(closeOakhamCentre(), net);
        assertEquals(1, scenario.roadChanges().size(), scenario.roadChanges().toString());
        assertTrue(
                scenario.roadChanges().get(0).startsWith("closeRoads OAKHAM-CENTRE"),
                scenario.roadChanges().get(0));
        CoverageReport after = ev.evaluate(scenario.name(), scenario.apply(d), "1", scenario.roads());
        String ctx = "seed " + SEED;

        // closing roads never improves coverage, anywhere
        ScenarioComparison.Outcome o = ScenarioComparison.compare(base, scenario, after);
        assertTrue(o.roadShareChange() <= 1e-12, ctx + ": road share rose by " + o.roadShareChange());
        assertTrue(o.demandShareChange() <= 1e-12, ctx + ": demand share rose by " + o.demandShareChange());
        boolean someBeatLower = false;
        for (ScenarioComparison.BeatChange b : o.beats()) {
            assertTrue(b.roadShareChange() <= 1e-12, ctx + ": beat " + b.beatId() + " road share rose");
            someBeatLower |= b.roadShareChange() < 0;
        }
        assertTrue(someBeatLower, ctx + ": no beat lost road coverage: " + o.beats());

        // best times: GraphHopper's route under the equivalent custom model, CH off
        GradePolicy grade = ev.gradeWithTarget("1");
        TravelProfile profile = Dispatcher.profileFor(UnitKind.CAR, grade);
        RoadConditions rc = RoadConditions.none(net);
        Closure closure =
                (Closure) ((ScenarioChange.RoadChange) scenario.changes().get(0)).condition();
        rc.add(closure);
        String model = CustomModelExport.json(rc, profile, 0);
        long[] closed = rc.at(profile, 0).closedEdges();
        double speed = POLICY.offRoadMetresPerSecond(UnitKind.CAR);
        int compared = 0;
        int comparedInside = 0;
        int slower = 0;
        for (int site = 0; site < area.siteCount(); site++) {
            GeoPoint point = new GeoPoint(area.siteLatDeg(site), area.siteLonDeg(site));
            EdgePlacement open;
            try {
                open = net.place(profile, "site", point, closed);
            } catch (BluelampException e) {
                continue;
            }
            boolean inside = closure.area()
                    .polygon()
                    .covers(org.locationtech.jts.geom.GeometryFactory.class
                            .cast(new org.locationtech.jts.geom.GeometryFactory())
                            .createPoint(new org.locationtech.jts.geom.Coordinate(point.lonDeg(), point.latDeg())));
            EdgePlacement plain = net.place(profile, "site", point);
            boolean onClosedRoad = (closed[plain.edgeId() >>> 6] & (1L << plain.edgeId())) != 0;
            double best = Double.POSITIVE_INFINITY;
            for (PlannedUnit u : cars()) {
                double unitLeg =
                        Math.round(net.snap(profile, "unit", u.position()).distanceMetres() / speed * 1000) / 1000.0;
                double access = Math.round(open.snapDistanceMetres() / speed * 1000) / 1000.0;
                double road = net.oracle().routeSeconds(profile, u.position(), open.snapped(), model);
                if (Double.isNaN(road)) {
                    continue;
                }
                best = Math.min(best, POLICY.mobilisationMillis(u.status()) / 1000.0 + unitLeg + road + access);
            }
            int got = ev.siteBestMillis(site);
            String at = ctx + ", site " + site + " at " + point + (onClosedRoad ? " (on a closed road)" : "");
            if (Double.isInfinite(best)) {
                assertEquals(ManyToAllSearch.UNREACHED, got, at);
                continue;
            }
            assertNotEquals(ManyToAllSearch.UNREACHED, got, at + ": reference " + best);
            assertEquals(best, got / 1000.0, 1.0, at);
            if (!onClosedRoad) {
                // a point on a closed road is reached at the nearest open point, which may be nearer a unit
                assertTrue(got >= baseBest[site], at + ": faster with the closure");
            }
            compared++;
            comparedInside += inside && onClosedRoad ? 1 : 0;
            slower += got > baseBest[site] ? 1 : 0;
        }
        assertTrue(compared >= 80, ctx + ": only " + compared + " points compared");
        assertTrue(comparedInside >= 10, ctx + ": only " + comparedInside + " points inside the closure compared");
        assertTrue(slower >= 10, ctx + ": only " + slower + " points slower with the closure");
        assertFalse(after.demand().share() > base.demand().share(), ctx);
    }

    @Test
    void aClosureOfTheWholeMapIsRefusedNamingTheChangesField() {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        String all = "{\"type\":\"Feature\",\"properties\":{\"id\":\"ALL\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[-2,51],[1,51],[1,54],[-2,54],[-2,51]]]}}";
        Condition c = ConditionsGeoJson.read(all, "closeRoads", "closeRoads").get(0);
        FieldNames names = n -> "scenarios[2].changes[1].closeRoads.geometry";
        Scenario s = new Scenario(
                "everything shut",
                List.of(new ScenarioChange.RoadChange("scenarios[2].changes[1].closeRoads", c, names)),
                org.bluelamp.coverage.RoadConditions.NONE,
                List.of());
        BluelampException e = assertThrows(BluelampException.class, () -> ScenarioRoads.resolve(s, net));
        assertEquals("scenarios[2].changes[1].closeRoads.geometry", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("whole map"), e.getMessage());
    }
}
