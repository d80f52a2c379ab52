package org.bluelamp.simulation;

import java.util.Arrays;

/**
 * Where one unit truly is over time: a sequence of segments, each along one road edge from one
 * distance from the edge's base node to another between two times, at constant speed within a
 * segment (the way GraphHopper and the engine time a part of an edge: proportional to its
 * length). A unit standing still is one segment whose two distances are equal. The plan is
 * replaced whenever the unit gets new orders ({@link #restartFrom}), starting where the unit is
 * at that moment, so a unit is never in two places.
 *
 * <p>Not thread-safe: one per unit, read and written by the simulation thread; allocation-free once
 * its arrays have grown to the longest plan.
 */
final class Motion {
    /** Marks the end of a plan that never ends (standing still until further orders). */
    static final long FOREVER = Long.MAX_VALUE;

    private int[] edge = new int[16];
    private double[] fromMetres = new double[16];
    private double[] toMetres = new double[16];
    private long[] startMillis = new long[16];
    private long[] endMillis = new long[16];
    private int count;
    private int cursor;

    // the position found by the last locate
    private int locatedEdge;
    private double locatedMetres;

    /**
     * Starts a new plan: the unit stands at {@code metres} from the base of {@code edgeId} from
     * {@code atMillis} until {@link #FOREVER} (append segments after it by {@link #append}, which
     * first ends this stand at the new segment's start).
     */
    void restartFrom(int edgeId, double metres, long atMillis) {
        count = 0;
        cursor = 0;
        append(edgeId, metres, metres, atMillis, FOREVER);
    }

    /**
     * Appends a segment. The previous segment, if it stands still until {@link #FOREVER}, ends when
     * this one starts; otherwise this one must start when and where the previous one ends.
     */
    void append(int edgeId, double from, double to, long t0, long t1) {
        if (count > 0) {
            int last = count - 1;
            if (endMillis[last] == FOREVER) {
                endMillis[last] = t0;
            } else if (endMillis[last] != t0) {
                throw new IllegalStateException("segment starts at " + t0 + ", previous ends at " + endMillis[last]);
            }
        }
        if (count == edge.length) {
            compactOrGrow();
        }
        edge[count] = edgeId;
        fromMetres[count] = from;
        toMetres[count] = to;
        startMillis[count] = t0;
        endMillis[count] = t1;
        count++;
    }

    private void compactOrGrow() {
        if (cursor > count / 2) {
            int keep = count - cursor;
            System.arraycopy(edge, cursor, edge, 0, keep);
            System.arraycopy(fromMetres, cursor, fromMetres, 0, keep);
            System.arraycopy(toMetres, cursor, toMetres, 0, keep);
            System.arraycopy(startMillis, cursor, startMillis, 0, keep);
            System.arraycopy(endMillis, cursor, endMillis, 0, keep);
            count = keep;
            cursor = 0;
            return;
        }
        int len = edge.length * 2;
        edge = Arrays.copyOf(edge, len);
        fromMetres = Arrays.copyOf(fromMetres, len);
        toMetres = Arrays.copyOf(toMetres, len);
        startMillis = Arrays.copyOf(startMillis, len);
        endMillis = Arrays.copyOf(endMillis, len);
    }

    /** When the plan's last segment ends ({@link #FOREVER} when the unit then stands still for good). */
    long endMillis() {
        return endMillis[count - 1];
    }

    /** The edge of the plan's last segment. */
    int endEdge() {
        return edge[count - 1];
    }

    /** Where on its edge the plan's last segment ends, metres from the base node. */
    double endMetres() {
        return toMetres[count - 1];
    }

    /** The edge of the plan's last segment that moves (-1 if none): the way the unit last came. */
    int lastMovingEdge() {
        for (int i = count - 1; i >= cursor; i--) {
            if (fromMetres[i] != toMetres[i]) {
                return edge[i];
            }
        }
        return -1;
    }

    /**
     * Finds where the unit is at {@code millis} (not before the segment last located: time only
     * moves forward); read it with {@link #edge()} and {@link #metres()}. At or after the end of the
     * plan it is where the plan ends.
     */
    void locate(long millis) {
        while (cursor < count - 1 && endMillis[cursor] <= millis) {
            cursor++;
        }
        int i = cursor;
        locatedEdge = edge[i];
        long t0 = startMillis[i];
        long t1 = endMillis[i];
        if (millis <= t0 || fromMetres[i] == toMetres[i]) {
            locatedMetres = fromMetres[i];
        } else if (t1 == FOREVER || millis >= t1) {
            locatedMetres = toMetres[i];
        } else {
            double f = (double) (millis - t0) / (t1 - t0);
            locatedMetres = fromMetres[i] + f * (toMetres[i] - fromMetres[i]);
        }
    }

    int edge() {
        return locatedEdge;
    }

    double metres() {
        return locatedMetres;
    }

    /** Segments in the plan from the one last located on (for checks and tests). */
    int remainingSegments() {
        return count - cursor;
    }
}
