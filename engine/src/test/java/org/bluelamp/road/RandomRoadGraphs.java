package org.bluelamp.road;

import java.util.Random;
import org.bluelamp.geo.GeoPoint;

/**
 * Seeded random road graphs shared by the search tests that compare with a textbook Dijkstra, in the
 * way of GraphHopper's {@code RandomizedRoutingTest}: 20 to 170 junctions on a rough grid, one-way
 * and closed directions, zero-length and very short edges (whose rounded times are faster than the
 * top speed), several components. The same seed always draws the same graph.
 */
final class RandomRoadGraphs {

    private RandomRoadGraphs() {}

    /**
     * Forty seeds from {@code first}, or the one seed given as {@code -Dbluelamp.seed=N} to re-run a
     * failure.
     */
    static long[] seeds(long first) {
        String one = System.getProperty("bluelamp.seed");
        if (one != null) {
            return new long[] {Long.parseLong(one)};
        }
        long[] seeds = new long[40];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = first + i;
        }
        return seeds;
    }

    /** Draws a random graph from {@code rnd}; the caller goes on drawing its queries from the same source. */
    static DrawnGraph draw(Random rnd) {
        DrawnGraph g = new DrawnGraph();
        int nodes = 20 + rnd.nextInt(150);
        int columns = 1 + (int) Math.sqrt(nodes);
        for (int n = 0; n < nodes; n++) {
            g.node(n, n / columns + rnd.nextInt(2), n % columns);
        }
        int edges = nodes + rnd.nextInt(2 * nodes);
        for (int i = 0; i < edges; i++) {
            int a = rnd.nextInt(nodes);
            int b = rnd.nextBoolean() ? Math.min(nodes - 1, a + 1 + rnd.nextInt(3)) : rnd.nextInt(nodes);
            double straight = GeoPoint.haversineMetres(
                    g.point(a).latDeg(),
                    g.point(a).lonDeg(),
                    g.point(b).latDeg(),
                    g.point(b).lonDeg());
            double kind = rnd.nextDouble();
            // mostly a road at least as long as the straight line; some zero-length, some very short
            double metres = kind < 0.05 ? 0 : kind < 0.15 ? rnd.nextDouble() * 2 : straight * (1 + rnd.nextDouble());
            double speed = 2 + rnd.nextDouble() * 35;
            int millis = (int) Math.round(metres / speed * 1000);
            double dir = rnd.nextDouble();
            int fwd = dir < 0.1 ? TravelTimeGraph.CLOSED : millis;
            int bwd = dir > 0.75 ? TravelTimeGraph.CLOSED : dir > 0.6 ? millis + rnd.nextInt(3000) : millis;
            if (fwd == TravelTimeGraph.CLOSED && bwd == TravelTimeGraph.CLOSED) {
                bwd = millis;
            }
            g.edge(a, b, metres, fwd, bwd);
        }
        return g;
    }
}
