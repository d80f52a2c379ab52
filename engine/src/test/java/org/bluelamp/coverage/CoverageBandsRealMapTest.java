package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * The response-time bands as geometry on the real Rutland extract, for a seeded deployment: each
 * band's length on the graph is the report's {@code bandKm} and its drawn length agrees with it,
 * coordinates have at most five decimals, the GeoJSON names each band with its colour; the size
 * of the answer (printed for ARCHITECTURE.md); beyond the cap the bands are simplified (same graph
 * lengths, fewer points, stated) and beyond it even simplified refused with RESOURCE_EXHAUSTED
 * naming include_bands. Prints the seed on failure.
 */
class CoverageBandsRealMapTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 401;

    private record Run(CoverageEvaluator ev, CoverageReport report) {}

    private static Run evaluated(Random rnd, int unitCount) {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        double[] lat = new double[10];
        double[] lon = new double[10];
        double[] w = new double[10];
        for (int i = 0; i < 10; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(net, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1;
        }
        CoverageArea area = CoverageArea.build(
                net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromFile(lat, lon, w, "random points"));
        List<PlannedUnit> units = new ArrayList<>();
        for (int i = 0; i < unitCount; i++) {
            units.add(
                    PlannedUnit.at("U" + i, UnitKind.CAR, UnitStatus.AVAILABLE, RandomFleet.nearRandomNode(net, rnd)));
        }
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        CoverageReport r =
                ev.evaluate("test", new Deployment(units, Map.of(), OptionalDouble.empty()), "1", RoadConditions.NONE);
        return new Run(ev, r);
    }

    @Test
    void bandLengthsAreTheReportsAndTheAnswerIsBounded() throws Exception {
        Random rnd = new Random(SEED);
        Run run = evaluated(rnd, 3);
        CoverageReport report = run.report();
        CoverageBands bands = CoverageBands.of(run.ev());
        String ctx = "seed " + SEED;
        assertEquals(0, bands.simplifiedDegrees(), ctx + ": Rutland is never simplified");
        int nonEmpty = 0;
        for (int b = 0; b < CoverageReport.BAND_NAMES.size(); b++) {
            assertEquals(report.road().bandKm()[b], bands.graphKm(b), 1e-6, ctx + " band " + b);
            if (bands.graphKm(b) > 0) {
                nonEmpty++;
            }
        }
        assertTrue(nonEmpty >= 3, ctx + ": three cars in Rutland give several bands, got " + nonEmpty);
        String geo = bands.toGeoJson("1");
        JsonNode features = JSON.readTree(geo).get("features");
        assertEquals(CoverageReport.BAND_NAMES.size(), features.size());
        for (int b = 0; b < features.size(); b++) {
            JsonNode f = features.get(b);
            assertEquals(
                    CoverageReport.BAND_NAMES.get(b),
                    f.get("properties").get("band").asText());
            assertEquals(b, f.get("properties").get("index").asInt());
            assertEquals(
                    CoverageGeoJson.BAND_COLOURS.get(b),
                    f.get("properties").get("stroke").asText());
            assertEquals(
                    report.road().bandKm()[b], f.get("properties").get("roadKm").asDouble(), 0.0005, ctx);
            double drawnKm = 0;
            for (JsonNode line : f.get("geometry").get("coordinates")) {
                assertTrue(line.size() >= 2, ctx + ": a line of one point");
                for (int i = 0; i < line.size(); i++) {
                    for (JsonNode c : line.get(i)) {
                        assertTrue(c.decimalValue().scale() <= 5, ctx + ": " + c + " has more than 5 decimals");
                    }
                    if (i > 0) {
                        drawnKm += GeoDistance.haversineMetres(
                                        line.get(i - 1).get(1).asDouble(),
                                        line.get(i - 1).get(0).asDouble(),
                                        line.get(i).get(1).asDouble(),
                                        line.get(i).get(0).asDouble())
                                / 1000;
                    }
                }
            }
            double km = report.road().bandKm()[b];
            assertEquals(km, drawnKm, km * 0.01 + 0.01, ctx + " band " + b + ": drawn length against the graph's");
        }
        int bytes = geo.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(
                "Rutland bands (3 cars, seed %d): %d coordinates, %d bytes of GeoJSON (cap %d coordinates)%n",
                SEED, bands.coordinateCount(), bytes, CoverageBands.MAX_COORDINATES);
        assertTrue(bands.coordinateCount() <= CoverageBands.MAX_COORDINATES);
    }

    @Test
    void beyondTheCapTheBandsAreSimplifiedThenRefused() throws Exception {
        CoverageEvaluator ev = evaluated(new Random(SEED), 3).ev();
        CoverageBands exact = CoverageBands.of(ev);
        int exactPoints = exact.coordinateCount();
        CoverageBands simplified = CoverageBands.of(ev, exactPoints / 2);
        assertTrue(simplified.simplifiedDegrees() > 0);
        assertTrue(simplified.coordinateCount() < exactPoints);
        for (int b = 0; b < CoverageReport.BAND_NAMES.size(); b++) {
            assertEquals(exact.graphKm(b), simplified.graphKm(b), 1e-9, "graph lengths do not change");
        }
        if (simplified.coordinateCount() <= exactPoints / 2) {
            assertTrue(simplified.toGeoJson("1").contains("\"simplifiedDegrees\""));
        }
        CoverageBands tooBig = CoverageBands.of(ev, 10);
        BluelampException e = assertThrows(BluelampException.class, () -> tooBig.toGeoJson("1"));
        assertEquals(ErrorKind.RESOURCE_EXHAUSTED, e.kind());
        assertEquals("include_bands", e.field());
        assertTrue(e.getMessage().startsWith("include_bands: the bands have "), e.getMessage());
    }
}
