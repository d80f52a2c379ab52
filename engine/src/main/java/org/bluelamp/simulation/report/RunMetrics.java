package org.bluelamp.simulation.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bluelamp.simulation.RunResult;

/**
 * The measures of one run, per grade: how many incidents, the share attended within the grade's
 * target (urban, rural and all; an incident never attended counts as late), the mean, median and
 * 90th percentile response (call to first arrival, attended incidents only), late arrivals, the
 * incidents that queued and how long they waited; and the fleet's utilisation. Plus Grade-by-hour
 * compliance (by the hour of the call) for the plots. Immutable.
 *
 * @param policy the run's policy
 * @param seed the run's seed
 * @param grades per scenario grade, in the scenario's order
 * @param utilisation time units spent on incidents over time on duty, all units
 * @param counts the run's counts
 */
public record RunMetrics(
        String policy, long seed, List<GradeMetrics> grades, double utilisation, RunResult.Counts counts) {

    /**
     * One grade's measures in one run.
     *
     * @param grade the grade code
     * @param incidents incidents of the grade
     * @param unattended incidents never attended by the end of the run
     * @param compliance share within target, urban and rural together (NaN without a target)
     * @param urbanCompliance share within target of urban incidents (NaN when none or no target)
     * @param ruralCompliance share within target of rural incidents (NaN when none or no target)
     * @param meanMinutes mean response, minutes (NaN when none attended)
     * @param medianMinutes median response, minutes
     * @param p90Minutes 90th percentile response, minutes
     * @param late incidents attended after their target or not at all (0 without a target)
     * @param queued incidents that waited because no unit could be sent when they were ready
     * @param meanQueueMinutes mean wait of the incidents that queued, from ready to first unit sent
     * @param hourCompliance share within target by hour of the call, 24 values (NaN for hours without incidents)
     * @param hourIncidents incidents by hour of the call, 24 values
     * @param responseMinutes every attended incident's response, minutes, in incident order
     */
    public record GradeMetrics(
            String grade,
            int incidents,
            int unattended,
            double compliance,
            double urbanCompliance,
            double ruralCompliance,
            double meanMinutes,
            double medianMinutes,
            double p90Minutes,
            int late,
            int queued,
            double meanQueueMinutes,
            double[] hourCompliance,
            int[] hourIncidents,
            double[] responseMinutes) {}

    /** The measures of a run. */
    public static RunMetrics of(RunResult r, List<String> gradeCodes) {
        List<GradeMetrics> out = new ArrayList<>();
        for (int g = 0; g < gradeCodes.size(); g++) {
            out.add(grade(r, g, gradeCodes.get(g)));
        }
        double utilisation = r.onDutyMillis() > 0 ? (double) r.busyMillis() / r.onDutyMillis() : Double.NaN;
        return new RunMetrics(r.policy(), r.seed(), List.copyOf(out), utilisation, r.counts());
    }

    private static GradeMetrics grade(RunResult r, int g, String code) {
        int n = 0;
        int unattended = 0;
        int withTarget = 0;
        int within = 0;
        int urban = 0;
        int urbanWithin = 0;
        int rural = 0;
        int ruralWithin = 0;
        int late = 0;
        int queued = 0;
        double queueMinutes = 0;
        double[] responses = new double[r.incidentCount()];
        int attended = 0;
        int[] hourTarget = new int[24];
        int[] hourWithin = new int[24];
        int[] hourIncidents = new int[24];
        for (int i = 0; i < r.incidentCount(); i++) {
            if (r.grade(i) != g) {
                continue;
            }
            n++;
            int hour = r.hourOfDay(i);
            hourIncidents[hour]++;
            long response = r.responseMillis(i);
            if (response < 0) {
                unattended++;
            } else {
                responses[attended++] = response / 60_000.0;
            }
            if (r.queued()[i]) {
                queued++;
                long sent = r.assignMillis()[i];
                queueMinutes += sent >= 0 ? (sent - r.readyMillis(i)) / 60_000.0 : 0;
            }
            long target = r.targetMillis(i);
            if (target >= 0) {
                withTarget++;
                boolean ok = response >= 0 && response <= target;
                hourTarget[hour]++;
                if (ok) {
                    within++;
                    hourWithin[hour]++;
                } else {
                    late++;
                }
                if (r.urban(i)) {
                    urban++;
                    urbanWithin += ok ? 1 : 0;
                } else {
                    rural++;
                    ruralWithin += ok ? 1 : 0;
                }
            }
        }
        double[] sorted = Arrays.copyOf(responses, attended);
        double[] inOrder = sorted.clone();
        Arrays.sort(sorted);
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        double[] hourCompliance = new double[24];
        for (int h = 0; h < 24; h++) {
            hourCompliance[h] = hourTarget[h] > 0 ? (double) hourWithin[h] / hourTarget[h] : Double.NaN;
        }
        return new GradeMetrics(
                code,
                n,
                unattended,
                share(within, withTarget),
                share(urbanWithin, urban),
                share(ruralWithin, rural),
                attended > 0 ? mean / attended : Double.NaN,
                Quantiles.of(sorted, 0.5),
                Quantiles.of(sorted, 0.9),
                late,
                queued,
                queued > 0 ? queueMinutes / queued : 0,
                hourCompliance,
                hourIncidents,
                inOrder);
    }

    private static double share(int k, int n) {
        return n > 0 ? (double) k / n : Double.NaN;
    }

    /** A grade's measures by code. */
    public GradeMetrics grade(String code) {
        for (GradeMetrics g : grades) {
            if (g.grade().equals(code)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no grade " + code);
    }
}
