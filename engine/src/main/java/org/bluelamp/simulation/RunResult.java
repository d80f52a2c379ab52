package org.bluelamp.simulation;

import java.util.List;

/**
 * What one run (a scenario, a policy, a seed) produced: every incident's outcome, the units' time,
 * the run's counts, and where the run's wall time went. Everything but {@link Timing} depends only
 * on the scenario, the policy and the seed (the same inputs give the same values, bit for bit).
 *
 * @param policy the policy's name
 * @param seed the replication's seed
 * @param days simulated days of calls
 * @param incidents the counted incidents as drawn (shared by every policy of the seed; those of the
 *     scenario's warm-up are simulated but not here), indexing every per-incident array
 * @param assignMillis per incident: when the first unit was sent, or -1
 * @param arrivalMillis per incident: when the first unit arrived, or -1 (unattended)
 * @param queued per incident: whether it waited because no unit could be sent when it was ready
 * @param requeued per incident: times a unit on its way was diverted away from it
 * @param counts the run's counts
 * @param busyMillis time units spent on incidents (sent, travelling, at the scene), summed, from the
 *     end of the warm-up
 * @param onDutyMillis time units were on duty, summed, from the end of the warm-up
 * @param assignments every unit sent, in order (kept only when the run audits itself, else empty)
 * @param timing where the wall time went (not deterministic)
 */
public record RunResult(
        String policy,
        long seed,
        int days,
        Incidents incidents,
        long[] assignMillis,
        long[] arrivalMillis,
        boolean[] queued,
        int[] requeued,
        Counts counts,
        long busyMillis,
        long onDutyMillis,
        List<Assignment> assignments,
        Timing timing) {

    /**
     * The run's counts: those of the fleet's behaviour from the end of the scenario's warm-up, those
     * of the run's effort (recommendations, routes, events) over the whole run.
     *
     * @param diversions units pulled off a lower-grade task for a higher one
     * @param leftSceneEarly diversions of units already at the scene (that task ends early)
     * @param breaksTaken refreshment breaks started
     * @param breaksInterrupted breaks cut short to send the unit to an incident
     * @param breaksMissed breaks due but never started before the shift's last hour
     * @param fixesSent position reports the radios sent (periodic and with status changes)
     * @param fixesLost reports never received
     * @param fixesLate reports received late
     * @param recommendations decisions asked of the policy
     * @param routes routes driven (to incidents, stations, standby points)
     * @param moveUps moves to standby points ordered
     * @param events events processed
     */
    public record Counts(
            long diversions,
            long leftSceneEarly,
            long breaksTaken,
            long breaksInterrupted,
            long breaksMissed,
            long fixesSent,
            long fixesLost,
            long fixesLate,
            long recommendations,
            long routes,
            long moveUps,
            long events) {}

    /**
     * One unit sent to an incident (audit).
     *
     * @param incident the incident's index
     * @param unit the fleet's unit index
     * @param atMillis when it was sent
     * @param mobilisationMillis delay before it moved (its status's, from the policy)
     * @param roadMillis its road time from where it truly was
     * @param accessMillis the incident's access leg from the road
     * @param diverted whether it was taken off another task
     * @param trueLatDeg where the unit truly was when sent (latitude)
     * @param trueLonDeg where the unit truly was when sent (longitude)
     * @param fixErrorMetres how far its last reported position (what the policy saw) was from there
     */
    public record Assignment(
            int incident,
            int unit,
            long atMillis,
            long mobilisationMillis,
            long roadMillis,
            long accessMillis,
            boolean diverted,
            double trueLatDeg,
            double trueLonDeg,
            double fixErrorMetres) {
        /** The same assignment with the incident renumbered. */
        Assignment withIncident(int index) {
            return new Assignment(
                    index,
                    unit,
                    atMillis,
                    mobilisationMillis,
                    roadMillis,
                    accessMillis,
                    diverted,
                    trueLatDeg,
                    trueLonDeg,
                    fixErrorMetres);
        }
    }

    /**
     * Where the run's wall time went, nanoseconds.
     *
     * @param totalNanos the whole run, setup (fleet, dispatcher, incidents) included
     * @param cpuNanos CPU time of the run's thread over the whole run (what one core spent on it,
     *     which other work on a shared machine disturbs far less than wall time); -1 where the JVM
     *     cannot measure it
     * @param setupNanos building the run's fleet and dispatcher and drawing the incidents
     * @param decideNanos the policy's decisions (the engine's rankings or the straight-line search)
     * @param routeNanos route searches for units sent or returning
     * @param reportNanos true positions, patrol walks and position reports into the fleet
     */
    public record Timing(
            long totalNanos, long cpuNanos, long setupNanos, long decideNanos, long routeNanos, long reportNanos) {
        /** Simulated hours per second of the run's wall time (setup included). */
        public double simulatedHoursPerSecond(double simulatedHours) {
            return simulatedHours / (totalNanos / 1e9);
        }

        /** Simulated hours per second of the run thread's CPU time (NaN where not measured). */
        public double simulatedHoursPerCpuSecond(double simulatedHours) {
            return cpuNanos > 0 ? simulatedHours / (cpuNanos / 1e9) : Double.NaN;
        }
    }

    /** Number of incidents. */
    public int incidentCount() {
        return incidents.count;
    }

    /** The grade index (in the scenario's grade list) of an incident. */
    public int grade(int incident) {
        return incidents.grade[incident];
    }

    public boolean urban(int incident) {
        return incidents.urban[incident];
    }

    public long callMillis(int incident) {
        return incidents.callMillis[incident];
    }

    public long readyMillis(int incident) {
        return incidents.readyMillis[incident];
    }

    /** Attendance target of an incident in milliseconds, or -1 when its grade has none. */
    public long targetMillis(int incident) {
        return incidents.targetMillis[incident];
    }

    public int hourOfDay(int incident) {
        return incidents.hourOfDay[incident];
    }

    /** Response time of an incident (call to first arrival) in milliseconds, or -1 when unattended. */
    public long responseMillis(int incident) {
        return arrivalMillis[incident] < 0 ? -1 : arrivalMillis[incident] - incidents.callMillis[incident];
    }
}
