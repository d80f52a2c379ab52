package org.bluelamp.conditions;

import java.util.List;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.LinearComponentExtracter;

/**
 * The boundary of an area (every ring of every polygon) as segments in primitive arrays, bucketed
 * in a uniform grid over the area's envelope (about one segment per cell, at most 512 × 512
 * cells), answering whether a segment meets the boundary (touching counts) without allocating.
 *
 * <p>The test per pair of segments is JTS's ({@code RobustLineIntersector.computeIntersect}):
 * the envelopes must meet, then neither segment may lie strictly on one side of the other by
 * {@link CGAlgorithmsDD#orientationIndex} (exact), and collinear segments must overlap. So the
 * answer is JTS's segment intersector's, the one {@code PreparedPolygon.intersects} uses for a
 * line.
 *
 * <p>Immutable after construction; safe for any number of threads.
 */
final class AreaBoundary {
    private static final int MAX_CELLS_PER_SIDE = 512;

    private final double[] x0;
    private final double[] y0;
    private final double[] x1;
    private final double[] y1;
    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;
    private final double cellWidth;
    private final double cellHeight;
    private final int cols;
    private final int rows;
    /** Segments of cell {@code c}: {@code cellSegments[cellStart[c]] .. cellSegments[cellStart[c + 1] - 1]}. */
    private final int[] cellStart;

    private final int[] cellSegments;

    AreaBoundary(Geometry area) {
        // every linear component (each polygon's rings), as JTS's segment intersector takes them
        List<?> rings = LinearComponentExtracter.getLines(area);
        int n = 0;
        for (Object ring : rings) {
            n += Math.max(0, ((LineString) ring).getNumPoints() - 1);
        }
        x0 = new double[n];
        y0 = new double[n];
        x1 = new double[n];
        y1 = new double[n];
        int k = 0;
        for (Object ring : rings) {
            k = addRing((LineString) ring, k);
        }
        Envelope env = area.getEnvelopeInternal();
        minX = env.getMinX();
        minY = env.getMinY();
        maxX = env.getMaxX();
        maxY = env.getMaxY();
        int side = (int) Math.max(1, Math.min(MAX_CELLS_PER_SIDE, Math.ceil(Math.sqrt(n))));
        cols = side;
        rows = side;
        cellWidth = (maxX - minX) / cols;
        cellHeight = (maxY - minY) / rows;
        int[] counts = new int[cols * rows + 1];
        for (int s = 0; s < n; s++) {
            int c0 = col(Math.min(x0[s], x1[s]));
            int c1 = col(Math.max(x0[s], x1[s]));
            int r0 = row(Math.min(y0[s], y1[s]));
            int r1 = row(Math.max(y0[s], y1[s]));
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    counts[r * cols + c + 1]++;
                }
            }
        }
        for (int c = 0; c < cols * rows; c++) {
            counts[c + 1] += counts[c];
        }
        cellStart = counts;
        cellSegments = new int[counts[cols * rows]];
        int[] fill = new int[cols * rows];
        for (int s = 0; s < n; s++) {
            int c0 = col(Math.min(x0[s], x1[s]));
            int c1 = col(Math.max(x0[s], x1[s]));
            int r0 = row(Math.min(y0[s], y1[s]));
            int r1 = row(Math.max(y0[s], y1[s]));
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    int cell = r * cols + c;
                    cellSegments[cellStart[cell] + fill[cell]++] = s;
                }
            }
        }
    }

    private int addRing(LineString ring, int k) {
        int points = ring.getNumPoints();
        for (int i = 0; i + 1 < points; i++) {
            Coordinate a = ring.getCoordinateN(i);
            Coordinate b = ring.getCoordinateN(i + 1);
            x0[k] = a.x;
            y0[k] = a.y;
            x1[k] = b.x;
            y1[k] = b.y;
            k++;
        }
        return k;
    }

    /** The grid column of a longitude, clamped to the grid (monotone, so box overlaps share a cell). */
    private int col(double x) {
        int c = (int) Math.floor((x - minX) / cellWidth);
        return c < 0 ? 0 : c >= cols ? cols - 1 : c;
    }

    private int row(double y) {
        int r = (int) Math.floor((y - minY) / cellHeight);
        return r < 0 ? 0 : r >= rows ? rows - 1 : r;
    }

    /** Whether the segment from (ax, ay) to (bx, by) meets the boundary (touching counts). */
    boolean meets(double ax, double ay, double bx, double by) {
        double qMinX = Math.min(ax, bx);
        double qMaxX = Math.max(ax, bx);
        double qMinY = Math.min(ay, by);
        double qMaxY = Math.max(ay, by);
        if (qMaxX < minX || qMinX > maxX || qMaxY < minY || qMinY > maxY) {
            return false;
        }
        int c0 = col(qMinX);
        int c1 = col(qMaxX);
        int r0 = row(qMinY);
        int r1 = row(qMaxY);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = r * cols + c;
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int s = cellSegments[k];
                    if (segmentsMeet(ax, ay, bx, by, x0[s], y0[s], x1[s], y1[s])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** JTS's {@code RobustLineIntersector.computeIntersect} reduced to "do they meet". */
    static boolean segmentsMeet(
            double p1x, double p1y, double p2x, double p2y, double q1x, double q1y, double q2x, double q2y) {
        // Envelope.intersects(p1, p2, q1, q2)
        if (Math.min(p1x, p2x) > Math.max(q1x, q2x)
                || Math.max(p1x, p2x) < Math.min(q1x, q2x)
                || Math.min(p1y, p2y) > Math.max(q1y, q2y)
                || Math.max(p1y, p2y) < Math.min(q1y, q2y)) {
            return false;
        }
        int pq1 = CGAlgorithmsDD.orientationIndex(p1x, p1y, p2x, p2y, q1x, q1y);
        int pq2 = CGAlgorithmsDD.orientationIndex(p1x, p1y, p2x, p2y, q2x, q2y);
        if ((pq1 > 0 && pq2 > 0) || (pq1 < 0 && pq2 < 0)) {
            return false;
        }
        int qp1 = CGAlgorithmsDD.orientationIndex(q1x, q1y, q2x, q2y, p1x, p1y);
        int qp2 = CGAlgorithmsDD.orientationIndex(q1x, q1y, q2x, q2y, p2x, p2y);
        if ((qp1 > 0 && qp2 > 0) || (qp1 < 0 && qp2 < 0)) {
            return false;
        }
        if (pq1 == 0 && pq2 == 0 && qp1 == 0 && qp2 == 0) {
            // computeCollinearIntersection: some pair of endpoints each in the other's envelope
            boolean q1inP = inBox(p1x, p1y, p2x, p2y, q1x, q1y);
            boolean q2inP = inBox(p1x, p1y, p2x, p2y, q2x, q2y);
            boolean p1inQ = inBox(q1x, q1y, q2x, q2y, p1x, p1y);
            boolean p2inQ = inBox(q1x, q1y, q2x, q2y, p2x, p2y);
            return (q1inP && q2inP)
                    || (p1inQ && p2inQ)
                    || (q1inP && p1inQ)
                    || (q1inP && p2inQ)
                    || (q2inP && p1inQ)
                    || (q2inP && p2inQ);
        }
        return true;
    }

    /** Envelope.intersects(a, b, q): q in the box of a and b. */
    private static boolean inBox(double ax, double ay, double bx, double by, double qx, double qy) {
        return qx >= Math.min(ax, bx) && qx <= Math.max(ax, bx) && qy >= Math.min(ay, by) && qy <= Math.max(ay, by);
    }
}
