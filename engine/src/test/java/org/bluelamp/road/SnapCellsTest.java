package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ring-0 fast path ({@link SnapCells}) against the index's ordinary search (the fast path off,
 * which {@code EdgeSnapIndexTest} checks against GraphHopper): for seeded points on junctions and
 * within 15 m, 50 m and 500 m of one, every profile, 4 and 8 cells a tile side, the same outcome,
 * edge, closest node, way index, position, snapped point, distance and distances to both ends, to
 * the last bit; and the fast path answers most of the points near roads. Prints the seed and the
 * point on failure.
 */
class SnapCellsTest {

    @ParameterizedTest(name = "{0} seed {1}, {2} cells a side")
    @CsvSource({"rutland, 21, 8", "andorra, 22, 8", "leeds, 23, 8", "rutland, 24, 4", "andorra, 25, 4", "leeds, 26, 4"})
    void theFastPathGivesTheSearchsAnswerToTheLastBit(String map, long seed, int perSide) {
        RoadNetwork net = ManyToOneSearchTest.network(map);
        EdgeSnapIndex search = EdgeSnapIndex.buildWithCells(net, 0);
        EdgeSnapIndex fast = EdgeSnapIndex.buildWithCells(net, perSide);
        assertEquals(perSide, fast.cellsPerSide());
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        Random rnd = new Random(seed);
        EdgeSnap expected = new EdgeSnap();
        EdgeSnap got = new EdgeSnap();
        double[] spreadMetres = {0, 15, 50, 500};
        int[] fastByKind = new int[spreadMetres.length];
        int[] byKind = new int[spreadMetres.length];
        int snaps = 16_000;
        for (int i = 0; i < snaps; i++) {
            int kind = i % spreadMetres.length;
            int node = rnd.nextInt(g.getNodes());
            double lat = na.getLat(node);
            double lon = na.getLon(node);
            if (spreadMetres[kind] > 0) {
                double r = spreadMetres[kind] * Math.sqrt(rnd.nextDouble());
                double angle = rnd.nextDouble() * 2 * Math.PI;
                lat += r * Math.sin(angle) / 111_195.0;
                lon += r * Math.cos(angle) / (111_195.0 * Math.cos(Math.toRadians(lat)));
            }
            TravelProfile profile = TravelProfile.values()[(i / spreadMetres.length) % TravelProfile.values().length];
            search.snap(profile, lat, lon, expected);
            fast.snap(profile, lat, lon, got);
            String where = map + " seed " + seed + " cells " + perSide + " snap " + i + " point " + lat + "," + lon
                    + " " + profile + " (fast path " + got.fromFastPath() + ")";
            assertEquals(expected.outcome(), got.outcome(), where);
            assertEquals(expected.edgeId(), got.edgeId(), where);
            assertEquals(expected.closestNode(), got.closestNode(), where);
            assertEquals(expected.wayIndex(), got.wayIndex(), where);
            assertEquals(expected.position(), got.position(), where);
            assertEquals(expected.snappedLatDeg(), got.snappedLatDeg(), 0, where);
            assertEquals(expected.snappedLonDeg(), got.snappedLonDeg(), 0, where);
            assertEquals(expected.distanceMetres(), got.distanceMetres(), 0, where);
            assertEquals(expected.toBaseMetres(), got.toBaseMetres(), 0, where);
            assertEquals(expected.toAdjMetres(), got.toAdjMetres(), 0, where);
            assertFalse(expected.fromFastPath(), where);
            byKind[kind]++;
            fastByKind[kind] += got.fromFastPath() ? 1 : 0;
        }
        System.out.printf(
                "snap cells vs search, %s seed %d, %d cells a side: %d snaps identical; fast path on nodes %d/%d,"
                        + " within 15 m %d/%d, 50 m %d/%d, 500 m %d/%d; cells %.1f MB of %.1f MB; %s%n",
                map,
                seed,
                perSide,
                snaps,
                fastByKind[0],
                byKind[0],
                fastByKind[1],
                byKind[1],
                fastByKind[2],
                byKind[2],
                fastByKind[3],
                byKind[3],
                fast.cellsMemoryBytes() / 1e6,
                fast.memoryBytes() / 1e6,
                fast.cellsSummary());
        assertTrue(fastByKind[1] > byKind[1] / 2, map + ": the fast path answered " + fastByKind[1] + " within 15 m");
    }
}
