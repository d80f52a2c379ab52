package org.bluelamp.simulation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One policy's measures over replications (seeds), each as an {@link Estimate}: per grade the
 * compliance (all, urban, rural), the mean, median and 90th percentile response, late arrivals,
 * unattended and queued incidents per day, the mean queue wait; for the fleet the utilisation and
 * diversions per day. Immutable.
 *
 * @param policy the policy's name
 * @param runs the runs it summarises, one per seed, in seed order
 * @param grades per grade code (scenario order): measure name to estimate
 * @param fleet fleet-wide measures: name to estimate
 */
public record PolicySummary(
        String policy, List<RunMetrics> runs, Map<String, Map<String, Estimate>> grades, Map<String, Estimate> fleet) {

    /** Names of the per-grade measures, in the order results list them. */
    public static final List<String> GRADE_MEASURES = List.of(
            "compliance",
            "urbanCompliance",
            "ruralCompliance",
            "meanMinutes",
            "medianMinutes",
            "p90Minutes",
            "latePerDay",
            "unattendedPerDay",
            "queuedPerDay",
            "meanQueueMinutes");

    /** Summarises a policy's runs (all of the same scenario and days). */
    public static PolicySummary of(String policy, List<RunMetrics> runs, List<String> gradeCodes, int days) {
        Map<String, Map<String, Estimate>> grades = new LinkedHashMap<>();
        for (String code : gradeCodes) {
            Map<String, Estimate> m = new LinkedHashMap<>();
            for (String measure : GRADE_MEASURES) {
                m.put(measure, estimate(runs, r -> gradeMeasure(r.grade(code), measure, days)));
            }
            grades.put(code, m);
        }
        Map<String, Estimate> fleet = new LinkedHashMap<>();
        fleet.put("utilisation", estimate(runs, RunMetrics::utilisation));
        fleet.put("diversionsPerDay", estimate(runs, r -> (double) r.counts().diversions() / days));
        fleet.put(
                "breaksInterruptedPerDay",
                estimate(runs, r -> (double) r.counts().breaksInterrupted() / days));
        return new PolicySummary(policy, List.copyOf(runs), grades, fleet);
    }

    /** One per-grade measure of one run. */
    static double gradeMeasure(RunMetrics.GradeMetrics g, String measure, int days) {
        return switch (measure) {
            case "compliance" -> g.compliance();
            case "urbanCompliance" -> g.urbanCompliance();
            case "ruralCompliance" -> g.ruralCompliance();
            case "meanMinutes" -> g.meanMinutes();
            case "medianMinutes" -> g.medianMinutes();
            case "p90Minutes" -> g.p90Minutes();
            case "latePerDay" -> (double) g.late() / days;
            case "unattendedPerDay" -> (double) g.unattended() / days;
            case "queuedPerDay" -> (double) g.queued() / days;
            case "meanQueueMinutes" -> g.meanQueueMinutes();
            default -> throw new IllegalArgumentException("no measure " + measure);
        };
    }

    private static Estimate estimate(List<RunMetrics> runs, ToDoubleFunction<RunMetrics> f) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(runs.get(i));
        }
        return Estimate.of(v);
    }

    /**
     * The difference this policy minus {@code baseline} in one per-grade measure, run by run on the
     * same seeds (paired: both faced the same incidents, so the interval is much narrower than the
     * two intervals suggest).
     */
    public Estimate pairedDifference(PolicySummary baseline, String grade, String measure, int days) {
        List<Double> diffs = new ArrayList<>();
        for (RunMetrics r : runs) {
            for (RunMetrics b : baseline.runs) {
                if (b.seed() == r.seed()) {
                    diffs.add(
                            gradeMeasure(r.grade(grade), measure, days) - gradeMeasure(b.grade(grade), measure, days));
                }
            }
        }
        double[] v = new double[diffs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = diffs.get(i);
        }
        return Estimate.of(v);
    }
}
