package org.bluelamp.bench.synth;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A uniform bucket grid over a set of points, for nearest-neighbour and emptiness queries.
 *
 * <p>Built once over the ids given; reads the coordinates from the arrays passed in (which must not
 * change while the grid is used). Queries never allocate. Not thread-safe only in that the caller
 * owns the output arrays; the grid itself is read-only after construction.
 */
final class PointGrid {
    private final double[] xs;
    private final double[] ys;
    private final double minX;
    private final double minY;
    private final double cellMetres;
    private final int cols;
    private final int rows;
    private final int[] cellStart;
    private final int[] items;

    /**
     * @param xs         x coordinates by id
     * @param ys         y coordinates by id
     * @param ids        the ids of the points to index
     * @param count      how many of {@code ids} to use
     * @param cellMetres side of a grid cell; about the typical spacing of the points is best
     */
    PointGrid(double[] xs, double[] ys, int[] ids, int count, double cellMetres) {
        this.xs = xs;
        this.ys = ys;
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            x0 = Math.min(x0, xs[id]);
            y0 = Math.min(y0, ys[id]);
            x1 = Math.max(x1, xs[id]);
            y1 = Math.max(y1, ys[id]);
        }
        if (count == 0) {
            x0 = y0 = 0;
            x1 = y1 = 1;
        }
        this.minX = x0;
        this.minY = y0;
        // keep the grid to a sane number of cells whatever the spread
        double cell = Math.max(cellMetres, Math.sqrt((x1 - x0 + 1) * (y1 - y0 + 1) / (4.0 * count + 16)));
        this.cellMetres = cell;
        this.cols = (int) ((x1 - x0) / cell) + 1;
        this.rows = (int) ((y1 - y0) / cell) + 1;
        this.cellStart = new int[cols * rows + 1];
        for (int i = 0; i < count; i++) cellStart[cellOf(ids[i]) + 1]++;
        for (int c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
        int[] fill = Arrays.copyOf(cellStart, cols * rows);
        this.items = new int[count];
        for (int i = 0; i < count; i++) items[fill[cellOf(ids[i])]++] = ids[i];
    }

    private int cellOf(int id) {
        return col(xs[id]) + cols * row(ys[id]);
    }

    private int col(double x) {
        int c = (int) ((x - minX) / cellMetres);
        return c < 0 ? 0 : Math.min(c, cols - 1);
    }

    private int row(double y) {
        int r = (int) ((y - minY) / cellMetres);
        return r < 0 ? 0 : Math.min(r, rows - 1);
    }

    double cellMetres() {
        return cellMetres;
    }

    /**
     * The {@code k} nearest indexed points to ({@code x}, {@code y}), other than {@code self},
     * nearest first.
     *
     * @return how many were found (fewer than {@code k} only if the grid holds fewer points)
     */
    int nearest(double x, double y, int self, int k, int[] outIds, double[] outSquaredMetres) {
        int found = 0;
        int c0 = col(x), r0 = row(y);
        int maxRing = Math.max(cols, rows);
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int r = r0 - ring; r <= r0 + ring; r++) {
                if (r < 0 || r >= rows) continue;
                boolean edgeRow = r == r0 - ring || r == r0 + ring;
                for (int c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * ring) {
                    if (c >= 0 && c < cols) {
                        int cell = c + cols * r;
                        for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
                            int id = items[i];
                            if (id == self) continue;
                            double dx = xs[id] - x, dy = ys[id] - y;
                            double d2 = dx * dx + dy * dy;
                            if (found < k) {
                                found++;
                            } else if (d2 >= outSquaredMetres[k - 1]) {
                                continue;
                            }
                            int j = found - 1;
                            while (j > 0
                                    && (outSquaredMetres[j - 1] > d2
                                            || outSquaredMetres[j - 1] == d2 && outIds[j - 1] > id)) {
                                outSquaredMetres[j] = outSquaredMetres[j - 1];
                                outIds[j] = outIds[j - 1];
                                j--;
                            }
                            outSquaredMetres[j] = d2;
                            outIds[j] = id;
                        }
                    }
                    if (ring == 0) break;
                }
            }
            // every point of the next ring is at least ring * cell away
            if (found == k && outSquaredMetres[k - 1] <= square(ring * cellMetres)) break;
        }
        return found;
    }

    /** The nearest indexed point accepted by {@code accept}, or -1 if none. */
    int nearest(double x, double y, IntPredicate accept) {
        int best = -1;
        double bestD2 = Double.POSITIVE_INFINITY;
        int c0 = col(x), r0 = row(y);
        int maxRing = Math.max(cols, rows);
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int r = r0 - ring; r <= r0 + ring; r++) {
                if (r < 0 || r >= rows) continue;
                boolean edgeRow = r == r0 - ring || r == r0 + ring;
                for (int c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * ring) {
                    if (c >= 0 && c < cols) {
                        int cell = c + cols * r;
                        for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
                            int id = items[i];
                            double dx = xs[id] - x, dy = ys[id] - y;
                            double d2 = dx * dx + dy * dy;
                            if ((d2 < bestD2 || d2 == bestD2 && id < best) && accept.test(id)) {
                                bestD2 = d2;
                                best = id;
                            }
                        }
                    }
                    if (ring == 0) break;
                }
            }
            if (best >= 0 && bestD2 <= square(ring * cellMetres)) break;
        }
        return best;
    }

    /**
     * Whether an indexed point other than {@code skipA} and {@code skipB} lies strictly within
     * {@code radius} of (cx, cy).
     */
    boolean anyWithin(double cx, double cy, double radius, int skipA, int skipB) {
        double r2 = radius * radius * (1 - 1e-9);
        int cA = col(cx - radius), cB = col(cx + radius);
        int rA = row(cy - radius), rB = row(cy + radius);
        for (int r = rA; r <= rB; r++) {
            for (int c = cA; c <= cB; c++) {
                int cell = c + cols * r;
                for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
                    int id = items[i];
                    if (id == skipA || id == skipB) continue;
                    double dx = xs[id] - cx, dy = ys[id] - cy;
                    if (dx * dx + dy * dy < r2) return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an indexed point other than {@code p} and {@code q} lies in their lune: closer to both
     * than they are to each other (the relative-neighbourhood test).
     */
    boolean anyInLune(int p, int q) {
        double d2 = square(xs[p] - xs[q]) + square(ys[p] - ys[q]);
        double limit = d2 * (1 - 1e-9);
        double radius = Math.sqrt(d2);
        int cA = col(xs[p] - radius), cB = col(xs[p] + radius);
        int rA = row(ys[p] - radius), rB = row(ys[p] + radius);
        for (int r = rA; r <= rB; r++) {
            for (int c = cA; c <= cB; c++) {
                int cell = c + cols * r;
                for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
                    int id = items[i];
                    if (id == p || id == q) continue;
                    double dp = square(xs[id] - xs[p]) + square(ys[id] - ys[p]);
                    if (dp >= limit) continue;
                    double dq = square(xs[id] - xs[q]) + square(ys[id] - ys[q]);
                    if (dq < limit) return true;
                }
            }
        }
        return false;
    }

    static double square(double v) {
        return v * v;
    }
}
