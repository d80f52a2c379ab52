package org.bluelamp.simulation.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A measure's mean over independent replications with its 95% confidence interval (Student's t
 * with n - 1 degrees of freedom: mean ± t(0.975, n-1) · s / √n). Immutable.
 *
 * @param mean the mean over replications (NaN when no replication has a value)
 * @param halfWidth half the width of the 95% interval (NaN with fewer than two values)
 * @param n replications with a value (NaN values, e.g. no urban incident in a run, are left out)
 */
public record Estimate(double mean, double halfWidth, int n) {
    /** The estimate of the values' mean; NaN values are left out. */
    public static Estimate of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(mean, t * sd / Math.sqrt(n), n);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }
}
