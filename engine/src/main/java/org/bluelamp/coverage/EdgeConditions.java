package org.bluelamp.coverage;

/**
 * Road conditions for one travel profile in the form the searches take them: closed edges as a
 * bit set over edge ids (bit {@code e % 64} of word {@code e / 64}) and travel-time factors per
 * edge (the time of edge {@code e} becomes {@code round(time × factors[e])}), either null for none.
 * This is the seam with the road-conditions mechanism (issue 11), which produces both for a
 * profile, an instant and a scenario's closures and slowdowns. Immutable by convention: the arrays
 * are not copied and must not change after construction.
 *
 * @param closedEdges closed edges, or null
 * @param timeFactors time factors, or null
 */
public record EdgeConditions(long[] closedEdges, double[] timeFactors) {
    /** No closures, no slowdowns. */
    public static final EdgeConditions NONE = new EdgeConditions(null, null);

    public EdgeConditions {
        if (timeFactors != null) {
            for (int e = 0; e < timeFactors.length; e++) {
                double f = timeFactors[e];
                if (!(f > 0) || Double.isInfinite(f)) {
                    throw new IllegalArgumentException("time factor of edge " + e + " must be positive, got " + f);
                }
            }
        }
    }

    /** Whether there is nothing to apply. */
    public boolean isNone() {
        return closedEdges == null && timeFactors == null;
    }
}
