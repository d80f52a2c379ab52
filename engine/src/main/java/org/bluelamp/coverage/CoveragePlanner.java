package org.bluelamp.coverage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;

/**
 * Coverage for a service: evaluations and placements over one prepared {@link CoverageArea}, from
 * any number of threads at once. Each call borrows a {@link CoverageEvaluator} (its arrays are
 * per-node and reused) from a pool that grows to the number of threads calling concurrently, so a
 * call allocates no per-node arrays once the pool is warm.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class CoveragePlanner {
    private final CoverageArea area;
    private final PolicyBook policies;
    private final org.bluelamp.road.RoadNetwork network;
    private final ConcurrentLinkedQueue<CoverageEvaluator> idle = new ConcurrentLinkedQueue<>();
    private final List<CandidateSite> posts;
    private final java.util.concurrent.ConcurrentHashMap<String, MoveUpPlanner> moveUps =
            new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Covering matrices over every junction, by grade and status: like the hierarchy, they depend
     * only on the map, the grade's targets and the status's mobilisation, so they are built by the
     * first placement that asks and kept (while all kept take at most {@link #MAX_KEPT_MATRIX_BYTES}).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, CoverageMatrix> junctionMatrices =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicInteger matricesBuilt =
            new java.util.concurrent.atomic.AtomicInteger();

    /** The most bytes of covering matrices over every junction kept between placements, all together. */
    static final long MAX_KEPT_MATRIX_BYTES = 256L << 20;

    private final java.util.concurrent.atomic.AtomicLong keptMatrixBytes = new java.util.concurrent.atomic.AtomicLong();

    /** A planner over a prepared area, under a force's policy book. */
    public CoveragePlanner(CoverageArea area, PolicyBook policies) {
        this(area, policies, null);
    }

    /**
     * A planner whose what-ifs may close and slow roads of {@code network} (the network the area's
     * roads come from; null refuses road what-ifs).
     */
    public CoveragePlanner(CoverageArea area, PolicyBook policies, org.bluelamp.road.RoadNetwork network) {
        this(area, policies, network, List.of());
    }

    /**
     * A planner as {@link #CoveragePlanner(CoverageArea, PolicyBook, org.bluelamp.road.RoadNetwork)}
     * whose move-up advice chooses among {@code posts} (stations and standby points; empty: advice
     * is always empty).
     */
    public CoveragePlanner(
            CoverageArea area, PolicyBook policies, org.bluelamp.road.RoadNetwork network, List<CandidateSite> posts) {
        this.area = Objects.requireNonNull(area, "area");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.network = network;
        this.posts = List.copyOf(posts);
    }

    /** The standby posts move-up advice chooses among. */
    public List<CandidateSite> posts() {
        return posts;
    }

    /**
     * Move-up advice for a fleet ({@link MoveUpPlanner}); the posts' covering matrix is built on the
     * first call for a grade and kept.
     *
     * @param maxMoves the most moves, 0 to {@link MoveUpPlanner#MAX_MOVES}
     * @throws BluelampException INVALID_ARGUMENT naming {@code grade} for a grade without targets,
     *     or {@code max_moves} out of range
     */
    public MoveUpPlanner.Advice moveUp(String gradeCode, Deployment fleet, int maxMoves) {
        MoveUpPlanner mp = moveUps.computeIfAbsent(gradeCode, g -> MoveUpPlanner.prepare(area, policies, g, posts, 1));
        CoverageEvaluator ev = borrow();
        try {
            return mp.advise(ev, fleet, maxMoves);
        } finally {
            idle.add(ev);
        }
    }

    public CoverageArea area() {
        return area;
    }

    public PolicyBook policies() {
        return policies;
    }

    /**
     * Evaluates a baseline and its what-ifs side by side under free-flowing roads for the baseline
     * and each scenario's own road conditions.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code grade} for a grade without targets,
     *     or the field of a scenario change that does not apply
     */
    public ScenarioComparison evaluate(String name, String gradeCode, Deployment baseline, List<Scenario> scenarios) {
        CoverageEvaluator ev = borrow();
        try {
            ev.gradeWithTarget(gradeCode);
            List<Scenario> resolved = new java.util.ArrayList<>();
            for (Scenario s : scenarios) {
                resolved.add(withRoads(s));
            }
            return ScenarioComparison.run(ev, name, baseline, RoadConditions.NONE, gradeCode, resolved);
        } finally {
            idle.add(ev);
        }
    }

    /**
     * As {@link #evaluate}, and when asked, each report's response-time bands as geometry ({@link
     * CoverageBands}, from the same run: the baseline's first, then each scenario's).
     *
     * @throws BluelampException as {@link #evaluate}
     */
    public Compared evaluateWithBands(
            String name, String gradeCode, Deployment baseline, List<Scenario> scenarios, boolean withBands) {
        CoverageEvaluator ev = borrow();
        try {
            ev.gradeWithTarget(gradeCode);
            List<Scenario> resolved = new java.util.ArrayList<>();
            for (Scenario s : scenarios) {
                resolved.add(withRoads(s));
            }
            List<CoverageBands> bands = new java.util.ArrayList<>();
            CoverageReport base = ev.evaluate(name, baseline, gradeCode, RoadConditions.NONE);
            if (withBands) {
                bands.add(CoverageBands.of(ev));
            }
            List<ScenarioComparison.Outcome> outcomes = new java.util.ArrayList<>();
            for (Scenario s : resolved) {
                CoverageReport r = ev.evaluate(s.name(), s.apply(baseline), gradeCode, s.roads());
                if (withBands) {
                    bands.add(CoverageBands.of(ev));
                }
                outcomes.add(ScenarioComparison.compare(base, s, r));
            }
            return new Compared(new ScenarioComparison(base, outcomes), withBands ? bands : null);
        } finally {
            idle.add(ev);
        }
    }

    /**
     * A comparison and, when asked, its bands.
     *
     * @param comparison the baseline and its what-ifs
     * @param bands the baseline's bands then each what-if's, or null when not asked for
     */
    public record Compared(ScenarioComparison comparison, List<CoverageBands> bands) {}

    /**
     * Evaluates one deployment under free-flowing roads.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code grade} for a grade without targets
     */
    public CoverageReport evaluateOne(String name, String gradeCode, Deployment deployment) {
        CoverageEvaluator ev = borrow();
        try {
            return ev.evaluate(name, deployment, gradeCode, RoadConditions.NONE);
        } finally {
            idle.add(ev);
        }
    }

    /**
     * Evaluates one deployment under free-flowing roads and, when asked, its gaps as geometry (the
     * road not reached within target, from the same run).
     *
     * @return the report and the gaps (null unless {@code withGaps})
     */
    public Evaluated evaluateWithGaps(String name, String gradeCode, Deployment deployment, boolean withGaps) {
        CoverageEvaluator ev = borrow();
        try {
            CoverageReport r = ev.evaluate(name, deployment, gradeCode, RoadConditions.NONE);
            return new Evaluated(r, withGaps ? CoverageGaps.of(ev) : null);
        } finally {
            idle.add(ev);
        }
    }

    /**
     * One evaluation.
     *
     * @param report the report
     * @param gaps the road not reached within target as geometry, or null when not asked for
     */
    public record Evaluated(CoverageReport report, CoverageGaps gaps) {}

    /** Whether the grade is known and has an attendance target (coverage can be measured for it). */
    public boolean hasTarget(String gradeCode) {
        return policies.findGrade(gradeCode)
                .map(g -> !(Double.isNaN(g.urbanTargetSeconds()) && Double.isNaN(g.ruralTargetSeconds())))
                .orElse(false);
    }

    /**
     * A placement and what it was computed over.
     *
     * @param result the greedy placement
     * @param candidates the candidates considered
     * @param computeMillis the time the matrix and the greedy took, milliseconds
     */
    public record Placement(UnitPlacement.Result result, int candidates, double computeMillis) {}

    /**
     * Greedy placement of {@code units} units of kind car in {@code status} over {@code candidates}
     * (null: every road junction), keeping the units of {@code keep} where they are.
     *
     * @param busyFraction MEXCLP's q (then the expected-coverage objective), or NaN for maximal covering
     */
    public Placement place(
            String gradeCode,
            int units,
            List<CandidateSite> candidates,
            double busyFraction,
            UnitStatus status,
            Deployment keep) {
        CoverageEvaluator ev = borrow();
        try {
            GradePolicy grade = ev.gradeWithTarget(gradeCode);
            int[] kept = null;
            if (!keep.units().isEmpty()) {
                ev.run(keep, grade, RoadConditions.NONE);
                kept = ev.siteCounts();
            }
            long t0 = System.nanoTime();
            CoverageMatrix m = candidates != null ? build(grade, candidates, status) : junctionMatrix(grade, status);
            List<CandidateSite> sites = m.candidates();
            UnitPlacement.Objective objective =
                    Double.isNaN(busyFraction) ? UnitPlacement.Objective.COVERAGE : UnitPlacement.Objective.EXPECTED;
            UnitPlacement.Result r = UnitPlacement.greedy(m, units, objective, busyFraction, kept);
            return new Placement(r, sites.size(), (System.nanoTime() - t0) / 1e6);
        } finally {
            idle.add(ev);
        }
    }

    /**
     * Builds now, for placements of available units over every junction for {@code gradeCode}, the
     * covering matrix the first such placement would build (seconds on a county), when it is small
     * enough to keep ({@link #MAX_KEPT_MATRIX_BYTES}); on a larger map it does nothing. The service
     * calls it on a background thread after start.
     *
     * @return whether the matrix is kept
     */
    public boolean prepareJunctionMatrix(String gradeCode) {
        long bytes = (long) CoverageMatrix.junctions(area).size() * ((area.siteCount() + 63) / 64) * Long.BYTES;
        if (bytes > MAX_KEPT_MATRIX_BYTES) {
            return false;
        }
        CoverageEvaluator ev = borrow();
        GradePolicy grade;
        try {
            grade = ev.gradeWithTarget(gradeCode);
        } finally {
            idle.add(ev);
        }
        junctionMatrix(grade, UnitStatus.AVAILABLE);
        return junctionMatrices.containsKey(grade.code() + "/" + UnitStatus.AVAILABLE.name());
    }

    /** The matrix over every junction for {@code grade} and {@code status}: kept, or built (and kept). */
    private CoverageMatrix junctionMatrix(GradePolicy grade, UnitStatus status) {
        String key = grade.code() + "/" + status.name();
        CoverageMatrix m = junctionMatrices.get(key);
        if (m == null) {
            m = build(grade, CoverageMatrix.junctions(area), status);
            long bytes = m.bytes();
            if (keptMatrixBytes.addAndGet(bytes) <= MAX_KEPT_MATRIX_BYTES) {
                CoverageMatrix first = junctionMatrices.putIfAbsent(key, m);
                if (first != null) {
                    keptMatrixBytes.addAndGet(-bytes);
                    m = first;
                }
            } else {
                keptMatrixBytes.addAndGet(-bytes); // not kept: the matrices kept already fill the budget
            }
        }
        return m;
    }

    private CoverageMatrix build(GradePolicy grade, List<CandidateSite> sites, UnitStatus status) {
        matricesBuilt.incrementAndGet();
        return CoverageMatrix.build(area, policies, grade, sites, UnitKind.CAR, status, RoadConditions.NONE, 1);
    }

    /** Covering matrices built so far (each placement with its own candidates builds one). */
    int matricesBuilt() {
        return matricesBuilt.get();
    }

    private CoverageEvaluator borrow() {
        CoverageEvaluator ev = idle.poll();
        return ev != null ? ev : new CoverageEvaluator(area, policies);
    }

    private Scenario withRoads(Scenario s) {
        if (network != null) {
            return ScenarioRoads.resolve(s, network);
        }
        for (ScenarioChange c : s.changes()) {
            if (c instanceof ScenarioChange.RoadChange r) {
                throw org.bluelamp.error.BluelampException.invalid(
                        r.path(), r.path() + ": this planner has no road network to close or slow roads on");
            }
        }
        return s;
    }
}
