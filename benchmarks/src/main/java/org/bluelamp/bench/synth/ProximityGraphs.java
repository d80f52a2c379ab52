package org.bluelamp.bench.synth;

import java.util.Arrays;

/**
 * Planar proximity graphs over a point set: the relative-neighbourhood graph (RNG) and the Gabriel
 * graph, both subgraphs of the Delaunay triangulation, so their edges do not cross.
 *
 * <p>Candidate pairs are each point's {@code k} nearest neighbours, so a very long Delaunay edge in
 * a sparse corner can be missed; the caller repairs connectivity afterwards. The emptiness tests
 * themselves are exact. Stateless.
 */
final class ProximityGraphs {
    /** Edges found, as {@code (min << 32) | max} pairs in increasing order. */
    record Edges(long[] relativeNeighbourhood, long[] gabrielOnly) {}

    private ProximityGraphs() {}

    static Edges build(double[] xs, double[] ys, int[] ids, int count, int k, double cellMetres) {
        PointGrid grid = new PointGrid(xs, ys, ids, count, cellMetres);
        long[] pairs = new long[count * k];
        int pairCount = 0;
        int[] near = new int[k];
        double[] nearD2 = new double[k];
        for (int i = 0; i < count; i++) {
            int p = ids[i];
            int n = grid.nearest(xs[p], ys[p], p, k, near, nearD2);
            for (int j = 0; j < n; j++) pairs[pairCount++] = key(p, near[j]);
        }
        Arrays.sort(pairs, 0, pairCount);
        long[] rng = new long[pairCount];
        long[] gabriel = new long[pairCount];
        int rngCount = 0, gabrielCount = 0;
        long last = -1;
        for (int i = 0; i < pairCount; i++) {
            long pair = pairs[i];
            if (pair == last) continue;
            last = pair;
            int p = (int) (pair >>> 32), q = (int) pair;
            double mx = (xs[p] + xs[q]) / 2, my = (ys[p] + ys[q]) / 2;
            double half = Math.sqrt(PointGrid.square(xs[p] - xs[q]) + PointGrid.square(ys[p] - ys[q])) / 2;
            if (grid.anyWithin(mx, my, half, p, q)) continue;
            if (grid.anyInLune(p, q)) gabriel[gabrielCount++] = pair;
            else rng[rngCount++] = pair;
        }
        return new Edges(Arrays.copyOf(rng, rngCount), Arrays.copyOf(gabriel, gabrielCount));
    }

    static long key(int a, int b) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }
}
