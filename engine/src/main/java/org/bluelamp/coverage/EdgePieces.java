package org.bluelamp.coverage;

import java.util.Arrays;

/**
 * The response time along one road edge, as the minimum of linear pieces: each piece is a way of
 * reaching the edge (from its base node driving towards the adjacent node, from the adjacent node
 * the other way, or from a unit standing on the edge in either direction) and gives, for every point
 * it reaches, the time there. Positions are metres from the edge's base node. Answers the measure of
 * the edge reached within a time and the reached stretches themselves (for drawing), exactly (no
 * sampling).
 *
 * <p>Not thread-safe: scratch state of one evaluator; allocation-free once its arrays have grown.
 */
final class EdgePieces {
    private double[] from = new double[16];
    private double[] to = new double[16];
    private double[] timeAtFrom = new double[16];
    private double[] timeAtTo = new double[16];
    private int count;
    private double[] lo = new double[16];
    private double[] hi = new double[16];

    private double minMillis = Double.POSITIVE_INFINITY;
    private double maxMillis = Double.NEGATIVE_INFINITY;

    void clear() {
        count = 0;
        minMillis = Double.POSITIVE_INFINITY;
        maxMillis = Double.NEGATIVE_INFINITY;
    }

    /**
     * The least time at any piece's end: {@link #metresWithin} of less is exactly 0 (every piece is
     * skipped). +infinity without pieces.
     */
    double minMillis() {
        return minMillis;
    }

    /**
     * The greatest time at any piece's end: {@link #metresWithin} of this or more is exactly
     * {@link #metresReached} (every piece counts whole, as for +infinity).
     */
    double maxMillis() {
        return maxMillis;
    }

    int size() {
        return count;
    }

    /**
     * Adds a piece over {@code [fromMetres, toMetres]} whose time goes linearly from
     * {@code millisAtFrom} to {@code millisAtTo}.
     */
    void add(double fromMetres, double toMetres, double millisAtFrom, double millisAtTo) {
        if (!(toMetres >= fromMetres)) {
            return;
        }
        if (count == from.length) {
            int len = count * 2;
            from = Arrays.copyOf(from, len);
            to = Arrays.copyOf(to, len);
            timeAtFrom = Arrays.copyOf(timeAtFrom, len);
            timeAtTo = Arrays.copyOf(timeAtTo, len);
            lo = Arrays.copyOf(lo, len);
            hi = Arrays.copyOf(hi, len);
        }
        from[count] = fromMetres;
        to[count] = toMetres;
        timeAtFrom[count] = millisAtFrom;
        timeAtTo[count] = millisAtTo;
        count++;
        minMillis = Math.min(minMillis, Math.min(millisAtFrom, millisAtTo));
        maxMillis = Math.max(maxMillis, Math.max(millisAtFrom, millisAtTo));
    }

    /** Metres of the edge reached within {@code millis} (the measure of the union of the pieces' parts). */
    double metresWithin(double millis) {
        if (count <= 2) { // the usual edge: reached from one or both ends, no unit on it
            double sum = 0;
            double l0 = 0;
            double h0 = -1;
            for (int i = 0; i < count; i++) {
                double a = from[i];
                double b = to[i];
                double ta = timeAtFrom[i];
                double tb = timeAtTo[i];
                double l;
                double h;
                if (ta <= tb) {
                    if (ta > millis) {
                        continue;
                    }
                    l = a;
                    h = tb <= millis ? b : a + (millis - ta) / (tb - ta) * (b - a);
                } else {
                    if (tb > millis) {
                        continue;
                    }
                    h = b;
                    l = ta <= millis ? a : b - (millis - tb) / (ta - tb) * (b - a);
                }
                sum += h - l;
                if (h0 >= l0) {
                    sum -= Math.max(0, Math.min(h, h0) - Math.max(l, l0));
                }
                l0 = l;
                h0 = h;
            }
            return sum;
        }
        int n = intervals(millis);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += hi[i] - lo[i];
        }
        return sum;
    }

    /** Metres of the edge reached at all. */
    double metresReached() {
        return metresWithin(Double.POSITIVE_INFINITY);
    }

    /**
     * The stretches reached within {@code millis}, merged and sorted: {@link #low(int)} and
     * {@link #high(int)} of the returned count of intervals (valid until the next call).
     */
    int intervals(double millis) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            double a = from[i];
            double b = to[i];
            double ta = timeAtFrom[i];
            double tb = timeAtTo[i];
            double l;
            double h;
            if (ta <= tb) {
                if (ta > millis) {
                    continue;
                }
                l = a;
                h = tb <= millis ? b : a + (millis - ta) / (tb - ta) * (b - a);
            } else {
                if (tb > millis) {
                    continue;
                }
                h = b;
                l = ta <= millis ? a : b - (millis - tb) / (ta - tb) * (b - a);
            }
            // insertion by start
            int j = n++;
            while (j > 0 && lo[j - 1] > l) {
                lo[j] = lo[j - 1];
                hi[j] = hi[j - 1];
                j--;
            }
            lo[j] = l;
            hi[j] = h;
        }
        if (n == 0) {
            return 0;
        }
        int m = 0;
        for (int i = 1; i < n; i++) {
            if (lo[i] <= hi[m]) {
                hi[m] = Math.max(hi[m], hi[i]);
            } else {
                m++;
                lo[m] = lo[i];
                hi[m] = hi[i];
            }
        }
        return m + 1;
    }

    private double[] bandLo = new double[16];
    private double[] bandHi = new double[16];
    private double[] keepLo = new double[16];
    private double[] keepHi = new double[16];

    /**
     * The stretches whose best time is above {@code aboveMillis} and at most {@code upToMillis}
     * ({@code aboveMillis} -infinity for "within", {@code upToMillis} +infinity for "reached at all"),
     * as {@link #bandLow(int)} and {@link #bandHigh(int)} of the returned count.
     */
    int band(double aboveMillis, double upToMillis) {
        int n = intervals(upToMillis);
        ensureBand(2 * n + 2);
        if (keepLo.length < n) {
            keepLo = new double[lo.length];
            keepHi = new double[lo.length];
        }
        System.arraycopy(lo, 0, keepLo, 0, n);
        System.arraycopy(hi, 0, keepHi, 0, n);
        int cut = aboveMillis == Double.NEGATIVE_INFINITY ? 0 : intervals(aboveMillis);
        ensureBand(2 * n + 2 * cut + 2);
        int m = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            double a = keepLo[i];
            double b = keepHi[i];
            while (j < cut && hi[j] <= a) {
                j++;
            }
            int k = j;
            while (k < cut && lo[k] < b) {
                if (lo[k] > a) {
                    bandLo[m] = a;
                    bandHi[m++] = lo[k];
                }
                a = Math.max(a, hi[k]);
                k++;
            }
            if (a < b) {
                bandLo[m] = a;
                bandHi[m++] = b;
            }
        }
        return m;
    }

    /**
     * The stretches of [0, {@code lengthMetres}] not reached within {@code millis} (+infinity: never
     * reached), as {@link #bandLow(int)} and {@link #bandHigh(int)} of the returned count.
     */
    int beyond(double millis, double lengthMetres) {
        int n = intervals(millis);
        int m = 0;
        double at = 0;
        ensureBand(n + 1);
        for (int i = 0; i < n; i++) {
            if (lo[i] > at) {
                bandLo[m] = at;
                bandHi[m++] = lo[i];
            }
            at = Math.max(at, hi[i]);
        }
        if (at < lengthMetres) {
            bandLo[m] = at;
            bandHi[m++] = lengthMetres;
        }
        return m;
    }

    private void ensureBand(int n) {
        if (bandLo.length < n) {
            bandLo = new double[n * 2];
            bandHi = new double[n * 2];
        }
    }

    double bandLow(int i) {
        return bandLo[i];
    }

    double bandHigh(int i) {
        return bandHi[i];
    }

    double low(int i) {
        return lo[i];
    }

    double high(int i) {
        return hi[i];
    }

    /** The best time at a position, or +infinity when no piece reaches it. */
    double millisAt(double metres) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            if (metres < from[i] || metres > to[i]) {
                continue;
            }
            double span = to[i] - from[i];
            double t = span <= 0
                    ? Math.min(timeAtFrom[i], timeAtTo[i])
                    : timeAtFrom[i] + (timeAtTo[i] - timeAtFrom[i]) * (metres - from[i]) / span;
            best = Math.min(best, t);
        }
        return best;
    }
}
