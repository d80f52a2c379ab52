package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.TravelProfile;

/**
 * Move-up advice: which free units should drive to which standby posts to restore the most
 * coverage after units were committed (issue 12 point 4). Greedy, one move at a time: each move is
 * the (free unit, post) pair that raises the objective most, taking into account what the unit's
 * departure loses where it is now, and a move is only proposed when that net gain is positive, so
 * a unit whose departure loses more than its arrival gains is never moved and advice never lowers
 * coverage. The objective is the demand share within the grade's target (maximal covering), or
 * MEXCLP's expected share when the deployment has a busy fraction q (Daskin 1983).
 *
 * <p><b>How a move's gain is computed, without a second search.</b> The posts' coverage is a
 * {@link CoverageMatrix} built once (a unit standing by at a post is {@code AVAILABLE}: no
 * mobilisation delay). Each step runs the {@link CoverageEvaluator} once on the deployment as it
 * stands (the moves so far applied), counts only ({@link CoverageEvaluator#runCounts}: no road
 * edges, bands, beats or worst places): it gives every demand site's count of units within target.
 * Without q, a site's count is kept up to 2 and a site reached by exactly one unit is reached by its
 * best unit, so what a unit's departure loses is exactly the sites only it reaches; with q, the
 * counts without each free unit come from one evaluation of the deployment without it. A post's
 * gain is then read from its matrix column against those counts. The chosen move is checked by the
 * next step's evaluation (the unit placed at the post); if that evaluation does not confirm a
 * gain the move is dropped and advice stops, so every proposed move raises the evaluated share.
 *
 * <p><b>Which units move.</b> Units {@code AVAILABLE} or {@code AT_STATION} whose kind travels with
 * the posts' profile for the grade (the matrix's; cars, vans and motorcycles under the default
 * policy), each at most once per advice. Committed units count for nothing (their status is not
 * eligible) and never move.
 *
 * <p><b>Cost.</b> Without q: {@code moves + 1} evaluations and, per step, one pass over the demand
 * sites plus one pass over each post's column. With q: also one evaluation per free unit per
 * step. Each proposed move's travel time and road distance come from one {@link ManyToOneSearch}
 * on the unit's ordinary (not blue-light) profile: the engine's own road time from the unit's
 * snapped position to the post's.
 *
 * <p>Thread-safety: thread-safe (immutable apart from one route search per thread and profile,
 * made on first use); {@link #advise} uses the caller's evaluator (one per thread).
 */
public final class MoveUpPlanner {
    /** The statuses of units that may be moved to a post. */
    public static final Set<UnitStatus> MOVABLE = Set.of(UnitStatus.AVAILABLE, UnitStatus.AT_STATION);

    /** The most moves one advice may propose. */
    public static final int MAX_MOVES = 10;

    /**
     * One proposed move.
     *
     * @param unitIndex the unit's index in the deployment advised on
     * @param unitId its id
     * @param postIndex the post's index in {@link #posts()}
     * @param post the standby post
     * @param travelMillis the road time from the unit's position to the post on its ordinary
     *     profile, ms (-1 when the roads do not connect them)
     * @param travelMetres the road distance of that route, metres (NaN when not connected)
     * @param shareAfter the objective's share after this move and the ones before it (evaluated)
     * @param gainShare what this move added to the share (positive)
     */
    public record Move(
            int unitIndex,
            String unitId,
            int postIndex,
            CandidateSite post,
            long travelMillis,
            double travelMetres,
            double shareAfter,
            double gainShare) {
        public Move {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(post, "post");
        }
    }

    /**
     * An advice.
     *
     * @param objective what was maximised (expected coverage when the deployment had q)
     * @param shareNow the objective's share before any move
     * @param moves the moves in the order chosen, each raising the share; empty when none helps
     * @param evaluations coverage evaluations run
     * @param computeMillis the time the advice took, ms
     */
    public record Advice(
            UnitPlacement.Objective objective,
            double shareNow,
            List<Move> moves,
            int evaluations,
            double computeMillis) {
        public Advice {
            Objects.requireNonNull(objective, "objective");
            moves = List.copyOf(moves);
        }

        /** The share after every move (the share now when there is none). */
        public double shareAfter() {
            return moves.isEmpty() ? shareNow : moves.get(moves.size() - 1).shareAfter();
        }
    }

    private static final ManyToOneSearch.Goal FIRST = (source, totalMillis) -> true;

    private final CoverageArea area;
    private final GradePolicy grade;
    private final TravelProfile postProfile;
    private final CoverageMatrix posts;
    private final double totalWeight;
    /** Each thread's route searches by profile (per-node arrays: made once per thread, not per advice). */
    private final ThreadLocal<ManyToOneSearch[]> routes =
            ThreadLocal.withInitial(() -> new ManyToOneSearch[TravelProfile.values().length]);

    private MoveUpPlanner(CoverageArea area, GradePolicy grade, CoverageMatrix posts) {
        this.area = area;
        this.grade = grade;
        this.postProfile = Dispatcher.profileFor(UnitKind.CAR, grade);
        this.posts = posts;
        double t = 0;
        for (int i = 0; i < area.siteCount(); i++) {
            t += area.siteWeight(i);
        }
        this.totalWeight = t;
    }

    /**
     * Prepares advice for a grade over standby posts: one bounded search per post (the covering
     * matrix of cars standing by there, {@code AVAILABLE}), under free-flowing roads.
     *
     * @param posts the standby posts (stations, standby points); may be empty (advice is then empty)
     * @param threads worker threads for the matrix (at least 1)
     * @throws BluelampException INVALID_ARGUMENT naming {@code grade} for a grade without targets
     */
    public static MoveUpPlanner prepare(
            CoverageArea area, PolicyBook policies, String gradeCode, List<CandidateSite> posts, int threads) {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(posts, "posts");
        GradePolicy grade = new CoverageEvaluator(area, policies).gradeWithTarget(gradeCode);
        CoverageMatrix m = CoverageMatrix.build(
                area, policies, grade, posts, UnitKind.CAR, UnitStatus.AVAILABLE, RoadConditions.NONE, threads);
        return new MoveUpPlanner(area, grade, m);
    }

    /** The standby posts, in the order given. */
    public List<CandidateSite> posts() {
        return posts.candidates();
    }

    /** The area coverage is measured over (evaluators given to {@link #advise} must measure it). */
    public CoverageArea area() {
        return area;
    }

    /** The grade whose target the advice restores. */
    public GradePolicy grade() {
        return grade;
    }

    /**
     * Advice for a deployment (the live fleet as reported, or a simulated one).
     *
     * @param ev an evaluator over this planner's area (the caller's thread's)
     * @param fleet the units as they stand, in their statuses
     * @param maxMoves the most moves to propose, 0 to {@link #MAX_MOVES}
     */
    public Advice advise(CoverageEvaluator ev, Deployment fleet, int maxMoves) {
        long t0 = System.nanoTime();
        if (ev.area() != area) {
            throw new IllegalArgumentException("the evaluator measures another area");
        }
        if (maxMoves < 0 || maxMoves > MAX_MOVES) {
            throw BluelampException.invalid(
                    "max_moves", "max_moves must be from 0 to " + MAX_MOVES + ", got " + maxMoves);
        }
        boolean expected = fleet.busyFraction().isPresent();
        double q = expected ? fleet.busyFraction().getAsDouble() : Double.NaN;
        UnitPlacement.Objective objective =
                expected ? UnitPlacement.Objective.EXPECTED : UnitPlacement.Objective.COVERAGE;
        int sites = area.siteCount();
        int evaluations = 0;
        ev.runCounts(fleet, grade, RoadConditions.NONE);
        evaluations++;
        double valueNow = value(ev.siteCounts(), q);
        double shareNow = share(valueNow);
        List<Move> moves = new ArrayList<>();
        if (maxMoves == 0 || posts.candidateCount() == 0 || totalWeight <= 0) {
            return new Advice(objective, shareNow, moves, evaluations, (System.nanoTime() - t0) / 1e6);
        }
        List<PlannedUnit> units = new ArrayList<>(fleet.units());
        boolean[] moved = new boolean[units.size()];
        int[] without = new int[sites];
        double value = valueNow;
        double[] qPow = UnitPlacement.powers(expected ? q : 0, CoverageEvaluator.MAX_LABELS + 1);
        while (moves.size() < maxMoves) {
            int[] counts = ev.siteCounts();
            int[] sole = expected ? null : soleUnits(ev, counts);
            int bestUnit = -1;
            int bestPost = -1;
            double bestGain = 1e-12 * totalWeight; // a move must gain more than rounding
            for (int u = 0; u < units.size(); u++) {
                if (moved[u] || !movable(units.get(u))) {
                    continue;
                }
                double valueWithout;
                if (expected) {
                    List<PlannedUnit> others = new ArrayList<>(units);
                    others.remove(u);
                    ev.runCounts(
                            new Deployment(others, fleet.stations(), fleet.busyFraction()), grade, RoadConditions.NONE);
                    evaluations++;
                    int[] c = ev.siteCounts();
                    System.arraycopy(c, 0, without, 0, sites);
                    valueWithout = value(without, q);
                } else {
                    valueWithout = value;
                    for (int s = 0; s < sites; s++) {
                        without[s] = counts[s];
                        if (sole[s] == u) {
                            without[s] = 0;
                            valueWithout -= area.siteWeight(s);
                        }
                    }
                }
                for (int p = 0; p < posts.candidateCount(); p++) {
                    if (!posts.isPlaced(p)) {
                        continue;
                    }
                    double net = valueWithout + postGain(p, without, q, qPow) - value;
                    if (net > bestGain) {
                        bestGain = net;
                        bestUnit = u;
                        bestPost = p;
                    }
                }
            }
            if (bestUnit < 0) {
                break;
            }
            PlannedUnit unit = units.get(bestUnit);
            CandidateSite post = posts.candidates().get(bestPost);
            units.set(
                    bestUnit,
                    new PlannedUnit(unit.id(), unit.kind(), UnitStatus.AVAILABLE, post.position(), "", Double.NaN));
            Deployment after = new Deployment(units, fleet.stations(), fleet.busyFraction());
            ev.runCounts(after, grade, RoadConditions.NONE);
            evaluations++;
            double valueAfter = value(ev.siteCounts(), q);
            if (valueAfter <= value + 1e-12 * totalWeight) {
                break; // the evaluation does not confirm the gain the matrix promised: stop here
            }
            TravelProfile travel = travelProfile(unit.kind());
            ManyToOneSearch[] mine = routes.get();
            ManyToOneSearch route = mine[travel.ordinal()];
            if (route == null) {
                route = new ManyToOneSearch(area.graph(travel));
                mine[travel.ordinal()] = route;
            }
            long travelMillis = -1;
            double travelMetres = Double.NaN;
            EdgePlacement from = place(travel, unit);
            EdgePlacement to = place(travel, post);
            if (from != null && to != null) {
                route.start(to);
                int source = route.addSource(from, 0);
                route.run(FIRST, Integer.MAX_VALUE);
                if (route.isConfirmed(source)) {
                    travelMillis = route.roadMillis(source);
                    travelMetres = route.roadMetres(source);
                }
            }
            moved[bestUnit] = true;
            moves.add(new Move(
                    fleet.indexOf(unit.id()),
                    unit.id(),
                    bestPost,
                    post,
                    travelMillis,
                    travelMetres,
                    share(valueAfter),
                    share(valueAfter) - share(value)));
            value = valueAfter;
        }
        return new Advice(objective, shareNow, moves, evaluations, (System.nanoTime() - t0) / 1e6);
    }

    /** Whether a unit may be moved to a post: free, and travelling with the posts' profile. */
    private boolean movable(PlannedUnit u) {
        return MOVABLE.contains(u.status())
                && grade.eligibleStatuses().contains(u.status())
                && Dispatcher.profileFor(u.kind(), grade) == postProfile;
    }

    /** The profile a unit drives to a post with: its ordinary one, not under blue lights. */
    private TravelProfile travelProfile(UnitKind kind) {
        TravelProfile p = switch (kind) {
            case CAR, VAN, MOTORCYCLE -> TravelProfile.CAR;
            case FOOT -> TravelProfile.FOOT;
            case BICYCLE -> TravelProfile.BIKE;
        };
        return area.graph(p) != null ? p : postProfile;
    }

    private EdgePlacement place(TravelProfile profile, PlannedUnit unit) {
        try {
            return area.roads().place(profile, "position", unit.position());
        } catch (BluelampException e) {
            return null;
        }
    }

    private EdgePlacement place(TravelProfile profile, CandidateSite post) {
        try {
            return area.roads().place(profile, "post", post.position());
        } catch (BluelampException e) {
            return null;
        }
    }

    /**
     * For each site reached by exactly one unit, that unit (its best: the one within target);
     * -1 elsewhere.
     */
    private int[] soleUnits(CoverageEvaluator ev, int[] counts) {
        int[] sole = new int[counts.length];
        for (int s = 0; s < counts.length; s++) {
            sole[s] = counts[s] == 1 ? ev.siteBestUnit(s) : -1;
        }
        return sole;
    }

    /** What a unit at post {@code p} adds to sites with {@code counts} units within target. */
    private double postGain(int p, int[] counts, double q, double[] qPow) {
        long[] bits = posts.coverBits(p);
        double g = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long b = bits[w]; b != 0; b &= b - 1) {
                int site = w * 64 + Long.numberOfTrailingZeros(b);
                if (Double.isNaN(q)) {
                    if (counts[site] == 0) {
                        g += area.siteWeight(site);
                    }
                } else {
                    g += area.siteWeight(site) * (1 - q) * UnitPlacement.pow(qPow, q, counts[site]);
                }
            }
        }
        return g;
    }

    /** The objective's weight for these counts: covered weight, or expected weight with q. */
    private double value(int[] counts, double q) {
        double v = 0;
        for (int s = 0; s < counts.length; s++) {
            if (Double.isNaN(q)) {
                v += counts[s] > 0 ? area.siteWeight(s) : 0;
            } else {
                v += area.siteWeight(s) * (1 - Math.pow(q, counts[s]));
            }
        }
        return v;
    }

    private double share(double value) {
        return totalWeight > 0 ? value / totalWeight : 0;
    }
}
