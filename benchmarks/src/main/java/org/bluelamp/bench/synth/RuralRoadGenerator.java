package org.bluelamp.bench.synth;

import com.carrotsearch.hppc.IntArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the sparse rural lanes between and around the settlements.
 *
 * <p>Lane junctions are scattered uniformly over the land outside the settlements; they and the
 * settlements' outline vertices are joined by their relative-neighbourhood graph (connected,
 * planar, mostly degree 2-3 like real lanes) plus {@value #GABRIEL_SHARE} of the remaining Gabriel
 * edges for the occasional crossroads. Edges between two outline vertices of the same settlement
 * are dropped (they would cut through its streets). {@value #SPUR_SHARE} of the rural budget are
 * dead-end farm and hamlet spurs to the nearest lane junction. All start as {@code unclassified};
 * {@link RoadHierarchy} upgrades some. Stateless.
 */
final class RuralRoadGenerator {
    static final double GABRIEL_SHARE = 0.15;
    static final double SPUR_SHARE = 0.12;
    static final int NEIGHBOUR_CANDIDATES = 8;
    static final double SPUR_MAX_METRES = 1_500;

    private RuralRoadGenerator() {}

    /**
     * @param ruralVertices how many rural vertices (lane junctions and spur ends) to add
     * @param gateways      the settlements' outline vertices
     */
    static void build(
            RoadGraph g,
            List<Settlement> settlements,
            IntArrayList gateways,
            double side,
            double ruralVertices,
            long seed) {
        SplittableRandom rnd = Seeds.stream(seed, Seeds.RURAL, 0);
        FootprintMask mask = new FootprintMask(side, settlements, Math.sqrt(side * side / Math.max(1, ruralVertices)));
        int spurCount = (int) Math.round(ruralVertices * SPUR_SHARE);
        int laneCount = (int) Math.round(ruralVertices) - spurCount;

        int[] ids = new int[laneCount + gateways.size()];
        int count = 0;
        int attempts = 0;
        while (count < laneCount && attempts++ < 50L * laneCount + 1000) {
            double x = side * rnd.nextDouble(), y = side * rnd.nextDouble();
            if (mask.covers(x, y)) continue;
            ids[count++] = g.addVertex(x, y, RoadGraph.RURAL);
        }
        int lanes = count;
        for (int i = 0; i < gateways.size(); i++) ids[count++] = gateways.get(i);

        double spacing = Math.sqrt(mask.freeAreaM2() / Math.max(1, lanes));
        ProximityGraphs.Edges edges = ProximityGraphs.build(g.xs(), g.ys(), ids, count, NEIGHBOUR_CANDIDATES, spacing);
        addLanes(g, edges.relativeNeighbourhood(), 1.0, rnd);
        addLanes(g, edges.gabrielOnly(), GABRIEL_SHARE, rnd);

        // dead-end spurs to the nearest lane junction
        if (lanes == 0) return;
        PointGrid laneGrid = new PointGrid(g.xs(), g.ys(), ids, lanes, spacing);
        int[] nearest = new int[1];
        double[] nearestD2 = new double[1];
        int added = 0;
        attempts = 0;
        while (added < spurCount && attempts++ < 50L * spurCount + 1000) {
            double x = side * rnd.nextDouble(), y = side * rnd.nextDouble();
            if (mask.covers(x, y)) continue;
            if (laneGrid.nearest(x, y, -1, 1, nearest, nearestD2) == 0
                    || nearestD2[0] > SPUR_MAX_METRES * SPUR_MAX_METRES) continue;
            if (nearestD2[0] < 40 * 40) continue;
            int end = g.addVertex(x, y, RoadGraph.RURAL);
            g.addEdge(nearest[0], end, Highway.UNCLASSIFIED, 0);
            added++;
        }
    }

    private static void addLanes(RoadGraph g, long[] pairs, double share, SplittableRandom rnd) {
        for (long pair : pairs) {
            int a = (int) (pair >>> 32), b = (int) pair;
            if (share < 1 && rnd.nextDouble() >= share) continue;
            int sa = g.settlement(a), sb = g.settlement(b);
            if (sa != RoadGraph.RURAL && sa == sb) continue;
            g.addEdge(a, b, Highway.UNCLASSIFIED, 0);
        }
    }

    /** A raster of the settlements' outlines plus a margin: where rural junctions must not go. */
    static final class FootprintMask {
        private final double cellMetres;
        private final int cols;
        private final BitSet covered;
        private final double side;

        FootprintMask(double side, List<Settlement> settlements, double ruralSpacing) {
            this.side = side;
            this.cellMetres = Math.max(100, side / 4000);
            this.cols = (int) (side / cellMetres) + 1;
            this.covered = new BitSet(cols * cols);
            double margin = 0.5 * ruralSpacing;
            for (Settlement s : settlements) {
                double reach = s.maxRadiusMetres() + margin;
                int c0 = clamp((int) ((s.centreX - reach) / cellMetres)),
                        c1 = clamp((int) ((s.centreX + reach) / cellMetres));
                int r0 = clamp((int) ((s.centreY - reach) / cellMetres)),
                        r1 = clamp((int) ((s.centreY + reach) / cellMetres));
                for (int r = r0; r <= r1; r++) {
                    for (int c = c0; c <= c1; c++) {
                        double dx = (c + 0.5) * cellMetres - s.centreX, dy = (r + 0.5) * cellMetres - s.centreY;
                        double d = Math.sqrt(dx * dx + dy * dy);
                        if (d > reach) continue;
                        if (d <= s.boundaryMetres(StrictMath.atan2(dy, dx)) + margin) covered.set(c + cols * r);
                    }
                }
            }
        }

        boolean covers(double x, double y) {
            return covered.get(clamp((int) (x / cellMetres)) + cols * clamp((int) (y / cellMetres)));
        }

        double freeAreaM2() {
            return Math.max(side * side * 0.05, side * side - covered.cardinality() * cellMetres * cellMetres);
        }

        private int clamp(int v) {
            return v < 0 ? 0 : Math.min(v, cols - 1);
        }
    }
}
