package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The snap cells' fast path ({@link SnapCells}, rings 0 and 1) against the index's ordinary search
 * (the fast path off, which {@code EdgeSnapIndexTest} checks against GraphHopper): for seeded points
 * on junctions and within 15 m, 50 m and 500 m of one and near tile borders, every profile, 4 and 8
 * cells a tile side, cells split above K = 1 (deep: most points read a cell split four times), 3, 4
 * and 6 (the default) candidates, with ring 1's sections and without them (ring 0 only, as the cells
 * are built for a network whose ring-1 sections would not fit), the same outcome, edge, closest
 * node, way index, position, snapped point, distance and distances to both ends, to the last bit;
 * and the fast path answers most of the points near roads. Prints the seed and the point on failure.
 */
class SnapCellsTest {

    @ParameterizedTest(name = "{0} seed {1}, {2} cells a side, split above {3}, ring 1 {4}")
    @CsvSource({
        "rutland, 21, 8, 6, true",
        "andorra, 22, 8, 6, true",
        "leeds, 23, 8, 6, true",
        "rutland, 24, 8, 1, true",
        "andorra, 25, 8, 1, true",
        "leeds, 26, 8, 1, true",
        "rutland, 27, 8, 4, true",
        "leeds, 28, 4, 3, true",
        "rutland, 29, 8, 6, false",
        "leeds, 30, 8, 1, false"
    })
    void theFastPathGivesTheSearchsAnswerToTheLastBit(
            String map, long seed, int perSide, int maxCandidates, boolean ringOne) {
        RoadNetwork net = ManyToOneSearchTest.network(map);
        EdgeSnapIndex search = EdgeSnapIndex.buildWithCells(net, 0);
        EdgeSnapIndex fast = EdgeSnapIndex.buildWithCells(net, perSide, maxCandidates, ringOne);
        assertEquals(perSide, fast.cellsPerSide());
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        Random rnd = new Random(seed);
        EdgeSnap expected = new EdgeSnap();
        EdgeSnap got = new EdgeSnap();
        // kinds: on a node, within 15, 50, 500 m of one, and (-1) near a tile border: a node's point moved onto the
        // border of its tile nearest to it, then up to 40 m either side of it (ring 0's border is then near, and the
        // nearest road often in the next tile: GraphHopper goes on to ring 1)
        double[] spreadMetres = {0, 15, 50, 500, -1};
        double[] grid = fast.tileGrid();
        int[] fastByKind = new int[spreadMetres.length];
        int[] ringOneByKind = new int[spreadMetres.length];
        int[] byKind = new int[spreadMetres.length];
        int[] byDepth = new int[SnapCells.MAX_DEPTH + 1];
        int snaps = 16_000;
        for (int i = 0; i < snaps; i++) {
            int kind = i % spreadMetres.length;
            int node = rnd.nextInt(g.getNodes());
            double lat = na.getLat(node);
            double lon = na.getLon(node);
            if (spreadMetres[kind] < 0) {
                double fy = (lat - grid[0]) / grid[2];
                double fx = (lon - grid[1]) / grid[3];
                double dy = Math.abs(fy - Math.rint(fy)) * grid[2] * 111_195.0;
                double dx = Math.abs(fx - Math.rint(fx)) * grid[3] * 111_195.0 * Math.cos(Math.toRadians(lat));
                double off = (rnd.nextDouble() * 2 - 1) * 40;
                if (dy < dx) {
                    lat = grid[0] + Math.rint(fy) * grid[2] + off / 111_195.0;
                } else {
                    lon = grid[1] + Math.rint(fx) * grid[3] + off / (111_195.0 * Math.cos(Math.toRadians(lat)));
                }
            } else if (spreadMetres[kind] > 0) {
                double r = spreadMetres[kind] * Math.sqrt(rnd.nextDouble());
                double angle = rnd.nextDouble() * 2 * Math.PI;
                lat += r * Math.sin(angle) / 111_195.0;
                lon += r * Math.cos(angle) / (111_195.0 * Math.cos(Math.toRadians(lat)));
            }
            TravelProfile profile = TravelProfile.values()[(i / spreadMetres.length) % TravelProfile.values().length];
            search.snap(profile, lat, lon, expected);
            fast.snap(profile, lat, lon, got);
            int probe = fast.cellProbe(lat, lon);
            if (probe >= 0) {
                byDepth[probe / 1000]++;
            }
            String where = map + " seed " + seed + " cells " + perSide + " K " + maxCandidates + " ring 1 " + ringOne
                    + " snap " + i
                    + " point " + lat + "," + lon + " " + profile + " (fast path " + got.fromFastPath() + ")";
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
            ringOneByKind[kind] += got.fastPathOutcome() == SnapCells.RING1_ANSWER ? 1 : 0;
        }
        System.out.printf(
                "snap cells vs search, %s seed %d, %d cells a side, K %d: %d snaps identical; blobs read by depth"
                        + " (0, 1, ...): %s; fast path on nodes %d/%d, within 15 m %d/%d, 50 m %d/%d, 500 m %d/%d,"
                        + " near tile borders %d/%d; of those from ring 1: %s; cells %.1f MB of %.1f MB; %s%n",
                map,
                seed,
                perSide,
                maxCandidates,
                snaps,
                java.util.Arrays.toString(byDepth),
                fastByKind[0],
                byKind[0],
                fastByKind[1],
                byKind[1],
                fastByKind[2],
                byKind[2],
                fastByKind[3],
                byKind[3],
                fastByKind[4],
                byKind[4],
                java.util.Arrays.toString(ringOneByKind),
                fast.cellsMemoryBytes() / 1e6,
                fast.memoryBytes() / 1e6,
                fast.cellsSummary());
        if (maxCandidates == 1) {
            assertTrue(byDepth[SnapCells.MAX_DEPTH] > snaps / 10, map + ": cells split twice were read by too few");
        }
        assertTrue(fastByKind[1] > byKind[1] / 2, map + ": the fast path answered " + fastByKind[1] + " within 15 m");
        if (ringOne) {
            assertTrue(
                    ringOneByKind[4] > byKind[4] / 8,
                    map + ": ring 1 answered " + ringOneByKind[4] + " of " + byKind[4] + " near tile borders");
        } else { // as on a network too large for ring 1's sections (the national one): ring 0 only
            assertEquals(0, java.util.Arrays.stream(ringOneByKind).sum(), map + ": ring 1 answered without sections");
        }
    }
}
