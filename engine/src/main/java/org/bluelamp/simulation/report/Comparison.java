package org.bluelamp.simulation.report;

import java.util.List;
import java.util.Objects;

/**
 * A comparison of policies on one scenario: what was simulated and each policy's summary over the
 * same seeds. What {@link ResultsJson} writes and {@link ResultPlots} draws. Immutable.
 *
 * @param scenario the scenario's name
 * @param map the extract's file name
 * @param days simulated days of calls per run
 * @param seeds the replications' seeds
 * @param demand what the demand points are
 * @param incidentsPerDay the scenario's mean incidents a day
 * @param units units in the scenario
 * @param gradeCodes the scenario's grades, in order
 * @param targetMinutes per grade: {urban, rural} target minutes (NaN for none)
 * @param policies each policy's summary, in the order asked for
 */
public record Comparison(
        String scenario,
        String map,
        int days,
        List<Long> seeds,
        String demand,
        double incidentsPerDay,
        int units,
        List<String> gradeCodes,
        List<double[]> targetMinutes,
        List<PolicySummary> policies) {
    public Comparison {
        Objects.requireNonNull(scenario);
        seeds = List.copyOf(seeds);
        gradeCodes = List.copyOf(gradeCodes);
        targetMinutes = List.copyOf(targetMinutes);
        policies = List.copyOf(policies);
    }

    /** The policy others are compared with: road-time when present, else the first. */
    public PolicySummary baseline() {
        for (PolicySummary p : policies) {
            if (p.policy().equals("road-time")) {
                return p;
            }
        }
        return policies.get(0);
    }
}
