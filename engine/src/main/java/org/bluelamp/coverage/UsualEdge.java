package org.bluelamp.coverage;

/**
 * The road-edge pass's arithmetic for the usual edge: reached from its two ends only (no unit on
 * it, one profile, no slowed roads), so at most two pieces over the whole edge: from the base node
 * ({@code baseMillis} at metre 0 rising to {@code baseMillis + fwdMillis} at the far end) and from
 * the adjacent node ({@code adjMillis + bwdMillis} at metre 0 falling to {@code adjMillis} at the
 * far end). The evaluator measures such an edge here, in locals, instead of filling the general
 * {@link EdgePieces}; every figure is bit for bit what {@link EdgePieces} gives for the same two
 * pieces (same operations in the same order), so the totals summed in edge order do not change.
 *
 * <p>One instance per evaluator, set per edge ({@link #set}) and then read; not thread-safe.
 * Times in milliseconds (as doubles, as the pieces hold them), lengths in metres.
 */
final class UsualEdge {
    private double lengthMetres;
    private boolean fromBase;
    private boolean fromAdj;
    private double baseAtFrom;
    private double baseAtTo;
    private double adjAtFrom;
    private double adjAtTo;
    private double minMillis;
    private double maxMillis;
    private double reachedMetres;
    /** The span {@link #piece} found, metres from the edge's start. */
    private double pieceLow;

    private double pieceHigh;

    /**
     * Sets the edge: {@code lengthMetres} long, reached from the base node when {@code fromBase}
     * (best time there {@code baseMillis}, {@code fwdMillis} along the edge) and from the adjacent
     * node when {@code fromAdj} ({@code adjMillis}, {@code bwdMillis} back along it).
     */
    void set(
            double lengthMetres,
            boolean fromBase,
            int baseMillis,
            int fwdMillis,
            boolean fromAdj,
            int adjMillis,
            int bwdMillis) {
        this.lengthMetres = lengthMetres;
        this.fromBase = fromBase;
        this.fromAdj = fromAdj;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        if (fromBase) {
            baseAtFrom = baseMillis;
            baseAtTo = (double) baseMillis + fwdMillis;
            min = Math.min(min, Math.min(baseAtFrom, baseAtTo));
            max = Math.max(max, Math.max(baseAtFrom, baseAtTo));
        }
        if (fromAdj) {
            adjAtFrom = (double) adjMillis + bwdMillis;
            adjAtTo = adjMillis;
            min = Math.min(min, Math.min(adjAtFrom, adjAtTo));
            max = Math.max(max, Math.max(adjAtFrom, adjAtTo));
        }
        minMillis = min;
        maxMillis = max;
        reachedMetres = fromBase || fromAdj ? union(Double.POSITIVE_INFINITY) : 0;
    }

    /** Metres reached at all ({@link EdgePieces#metresReached}; 0 when neither end is reached). */
    double reachedMetres() {
        return reachedMetres;
    }

    /**
     * Metres reached within {@code millis}: what the evaluator reads off {@link EdgePieces} (the
     * whole reached length at or above every piece's times, 0 below them, else the pieces' union).
     */
    double metresWithin(double millis) {
        if (millis >= maxMillis) {
            return reachedMetres;
        }
        if (millis < minMillis) {
            return 0;
        }
        return union(millis);
    }

    /** {@link EdgePieces#metresWithin}'s loop over at most two pieces, unrolled. */
    private double union(double millis) {
        double sum = 0;
        double l0 = 0;
        double h0 = -1;
        if (fromBase && piece(baseAtFrom, baseAtTo, millis)) {
            sum += pieceHigh - pieceLow;
            l0 = pieceLow;
            h0 = pieceHigh;
        }
        if (fromAdj && piece(adjAtFrom, adjAtTo, millis)) {
            sum += pieceHigh - pieceLow;
            if (h0 >= l0) {
                sum -= Math.max(0, Math.min(pieceHigh, h0) - Math.max(pieceLow, l0));
            }
        }
        return sum;
    }

    /**
     * Whether the piece reached at {@code ta} at the edge's start and {@code tb} at its end has any
     * part within {@code millis}; that part, in metres from the start, in {@link #pieceLow} and
     * {@link #pieceHigh} (the same floating-point operations as {@link EdgePieces}).
     */
    private boolean piece(double ta, double tb, double millis) {
        final double a = 0;
        final double b = lengthMetres;
        if (ta <= tb) {
            if (!(ta <= millis)) {
                return false;
            }
            pieceLow = a;
            pieceHigh = tb <= millis ? b : a + (millis - ta) / (tb - ta) * (b - a);
        } else {
            if (!(tb <= millis)) {
                return false;
            }
            pieceHigh = b;
            pieceLow = ta <= millis ? a : b - (millis - tb) / (ta - tb) * (b - a);
        }
        return true;
    }
}
