package org.bluelamp.coverage;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitSnapshot;
import org.bluelamp.geo.GeoPoint;

/**
 * The live fleet's coverage for one grade (Grade 1 by default): the fleet's units with a fresh
 * position, in their current statuses (a committed unit counts for nothing, a unit at its station
 * starts with the station's mobilisation delay), evaluated with the same multi-source search as a
 * planned deployment. Computed on demand and kept: a request gets the kept answer while it is
 * younger than {@code minIntervalMillis}, else the fleet is read again and re-evaluated, so status
 * changes and movement show within that interval and however many consoles ask, the fleet is
 * evaluated at most once per interval. A refresh that reads the fleet exactly as it was last
 * evaluated (the same units, statuses and positions; no unit gone stale) reuses that evaluation:
 * live coverage has no road conditions, so the answer would be the same; a quiet fleet then costs
 * one read of the fleet per interval, not a search. The gaps' geometry ({@link CoverageGaps}) is built only
 * when asked for: a kept answer without it is evaluated again with it (so at most two evaluations
 * per interval), and a kept answer with it serves both kinds of request.
 *
 * <p>Thread-safety: thread-safe; one evaluation at a time (callers meanwhile wait for its answer).
 */
public final class LiveCoverage {
    /**
     * One evaluation of the live fleet.
     *
     * @param computedAtEpochMillis when the fleet was read, ms since 1970
     * @param report the coverage report
     * @param deployment the units as evaluated
     * @param gaps the road not reached within target as geometry, or null when not asked for
     */
    public record Snapshot(
            long computedAtEpochMillis, CoverageReport report, Deployment deployment, CoverageGaps gaps) {
        /** Age of this evaluation at {@code nowEpochMillis}, ms (at least 0). */
        public long ageMillis(long nowEpochMillis) {
            return Math.max(0, nowEpochMillis - computedAtEpochMillis);
        }
    }

    private final CoveragePlanner planner;
    private final FleetState fleet;
    private final InstantSource clock;
    private final String grade;
    private final long minIntervalMillis;
    private Snapshot last;
    private long evaluations;

    /**
     * @param grade the grade whose targets apply (it must have one)
     * @param minIntervalMillis the least time between two evaluations, ms (at least 0)
     */
    public LiveCoverage(
            CoveragePlanner planner, FleetState fleet, InstantSource clock, String grade, long minIntervalMillis) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grade = Objects.requireNonNull(grade, "grade");
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("minIntervalMillis must be >= 0, got " + minIntervalMillis);
        }
        this.minIntervalMillis = minIntervalMillis;
    }

    public String grade() {
        return grade;
    }

    /** The least time between two evaluations, ms: how old a served answer can be (plus its compute time). */
    public long minIntervalMillis() {
        return minIntervalMillis;
    }

    /** The current coverage without the gaps' geometry: the kept one if younger than the interval, else now. */
    public Snapshot current() {
        return current(false);
    }

    /**
     * The current coverage: the kept one if younger than the interval (and holding the gaps'
     * geometry when {@code withGaps}), else evaluated now.
     */
    public synchronized Snapshot current(boolean withGaps) {
        long now = clock.millis();
        if (last != null
                && now - last.computedAtEpochMillis() < minIntervalMillis
                && (!withGaps || last.gaps() != null)) {
            return last;
        }
        Deployment d = deployment(fleet, now);
        if (last != null && d.equals(last.deployment()) && (!withGaps || last.gaps() != null)) {
            // the same units in the same statuses at the same positions: the same coverage (live
            // coverage has no road conditions), so the last evaluation is reused, read now
            last = new Snapshot(now, last.report(), d, last.gaps());
            return last;
        }
        CoveragePlanner.Evaluated r = planner.evaluateWithGaps("live fleet", grade, d, withGaps);
        last = new Snapshot(now, r.report(), d, r.gaps());
        evaluations++;
        return last;
    }

    /**
     * Evaluations made so far: a refresh that finds the fleet as it was (same units, statuses and
     * positions) reuses the last evaluation and does not count. A new evaluation (a new
     * {@link Snapshot#report} instance) is what a watcher is sent.
     */
    public synchronized long evaluations() {
        return evaluations;
    }

    /** The clock this coverage reads. */
    public InstantSource clock() {
        return clock;
    }

    /**
     * Move-up advice for the fleet as it is now.
     *
     * @param computedAtEpochMillis when the fleet was read, ms since 1970
     * @param advice the advice
     * @param posts the standby posts it chose from
     */
    public record MoveUps(long computedAtEpochMillis, MoveUpPlanner.Advice advice, int posts) {}

    private MoveUps lastMoveUps;
    private int lastMaxMoves = -1;

    /**
     * Move-up advice for the live fleet ({@link CoveragePlanner#moveUp}), for this grade: the kept
     * advice when it is younger than the interval and was asked for with the same {@code maxMoves},
     * else the fleet is read again; so advice too is computed at most once per interval.
     *
     * @param maxMoves the most moves, 0 to {@link MoveUpPlanner#MAX_MOVES}
     */
    public synchronized MoveUps moveUps(int maxMoves) {
        long now = clock.millis();
        if (lastMoveUps != null
                && maxMoves == lastMaxMoves
                && now - lastMoveUps.computedAtEpochMillis() < minIntervalMillis) {
            return lastMoveUps;
        }
        Deployment d = deployment(fleet, now);
        MoveUpPlanner.Advice a = planner.moveUp(grade, d, maxMoves);
        lastMoveUps = new MoveUps(now, a, planner.posts().size());
        lastMaxMoves = maxMoves;
        return lastMoveUps;
    }

    /**
     * The fleet at {@code nowEpochMillis} as a deployment: every unit with a position that is not
     * stale, in its status, at its newest position.
     */
    public static Deployment deployment(FleetState fleet, long nowEpochMillis) {
        List<PlannedUnit> units = new ArrayList<>();
        int n = fleet.unitCount();
        for (int i = 0; i < n; i++) {
            UnitSnapshot s = fleet.snapshot(i);
            if (!s.hasFix() || s.isStale(nowEpochMillis)) {
                continue;
            }
            units.add(new PlannedUnit(
                    s.unit().id(),
                    s.unit().kind(),
                    s.status().status(),
                    new GeoPoint(s.latDeg(), s.lonDeg()),
                    "",
                    s.accuracyMetres()));
        }
        return new Deployment(units, Map.of(), OptionalDouble.empty());
    }
}
