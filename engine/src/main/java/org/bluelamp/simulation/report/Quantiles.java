package org.bluelamp.simulation.report;

/**
 * Quantiles of sorted samples, by linear interpolation between closest ranks (the R-7 / NumPy
 * default definition). Stateless.
 */
final class Quantiles {
    private Quantiles() {}

    /** The {@code q} quantile (0 to 1) of {@code sorted} (ascending), NaN when empty. */
    static double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
