package org.bluelamp.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.BucketManyToOneSearch;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;

/**
 * One thread's ranking of the fleet for one incident at a time: takes units nearest-first
 * ({@link NearestFirstFetch}), checks each ({@link Eligibility}), places the eligible ones on
 * their profile's graph and adds them to that profile's search ({@link ProfileRanking}), and
 * advances the searches up to the proven ceiling ({@link ReachBound}) until the fastest K listable
 * units and the best achievable response plan are proven. Units left out are counted by reason.
 * {@link RecommendationAssembler} turns the outcome into an answer.
 *
 * <p><b>Sparse fleets</b> ({@link #rank} with buckets allowed): when no closure, slowdown or
 * typical-traffic factor applies to any profile of the grade, each profile's units are ranked
 * first by one {@link BucketManyToOneSearch} over its {@link ProfileBuckets} (the k best by the
 * same ranking time, with this class's eligibility and extra times as the search's cost), for k
 * one more than the units and plan slots the request needs. The units faster than the slowest
 * returned by any full answer are then proven: if they hold the fastest K listable units and a
 * complete plan, the query examines units nearest-first as the Dijkstra path does, only out to the
 * farthest of them (for the straight-line ranks, the order of profiles and of units, which break
 * ties exactly as the Dijkstra path does), and confirms them with their bucket times; otherwise,
 * or if a unit changed in between (examined at another position than the buckets hold, or with
 * another ranking time), it answers by the Dijkstra path. Each unit is read once when examined and
 * the answer says of it only what that read gives, beside the road time of that very position
 * ({@code DispatcherConcurrencyTest}). The units examined, and so the
 * split of the exclusion counts between "not examined" and "not among the fastest", can differ
 * from the Dijkstra path's; the answer's units, times, order, reasons and routes' times do not.
 *
 * <p>Not thread-safe: one per query thread (the {@link Dispatcher} keeps one per thread), reused
 * for every query; its per-unit work allocates nothing once its arrays have grown.
 */
final class RankingQuery {
    private static final int PROFILES = TravelProfile.values().length;
    private static final ManyToOneSearch.Goal NEVER = (source, total) -> false;
    /** With every unit examined and several profiles, searches advance in steps of this, doubling. */
    private static final int FIRST_STEP_MILLIS = 60_000;

    private final ProfileGraphs graphs;
    final RoadConditions conditions;
    private final FleetState fleet;
    private final PolicyBook policies;
    private final CapabilityRegistry capabilities;
    private final UnitReading reading = new UnitReading();
    final Eligibility eligibility;
    final NearestFirstFetch fetch = new NearestFirstFetch();

    // per query
    int maxCandidates;
    long nowMillis;
    GradePolicy grade;
    GeoPoint location;
    boolean allExamined;
    private int planSlotsWhenAll = -1;
    final int[] excluded = new int[ExclusionReason.values().length];

    // the response plan's slots
    long[] slotMasks = new long[0];
    String[] slotLabels = new String[0];
    int slotCount;
    final PlanMatcher matcher = new PlanMatcher();

    // the incident on each profile's graph, placed once per query when first needed
    private final boolean[] incidentPlaced = new boolean[PROFILES];
    private final EdgePlacement[] incidentPlacement = new EdgePlacement[PROFILES];
    private final BluelampException[] incidentPlacementFailure = new BluelampException[PROFILES];
    private double incidentSnapBound = -1;
    /** The incident's distance to the nearest road of any profile it was placed on, or NaN if none. */
    double incidentRoadDistanceMetres = Double.NaN;

    /**
     * The road conditions of this query, taken once when it begins: every profile's searches and
     * what the answer says of closures and slowdowns are of this one set, wholly before or wholly
     * after a change made while the query runs.
     */
    private RoadConditions.View pinned;

    // road conditions of each profile this query, computed when the profile is first needed
    private List<Closure> whatIf = List.of();
    private int[][] whatIfEdges = new int[0][];
    private final boolean[] conditionsReady = new boolean[PROFILES];
    private final EdgeConditions[] edgeConditions = new EdgeConditions[PROFILES];
    private final boolean[] hasWhatIf = new boolean[PROFILES];
    private final long[][] whatIfBits = new long[PROFILES][];
    private final long[][] closedUnion = new long[PROFILES][];
    /** The incident's placement before it was moved out of a closure, or null when not moved. */
    private final EdgePlacement[] incidentInsideClosure = new EdgePlacement[PROFILES];

    // the profiles in use this query, in the order first needed
    private final ProfileRanking[] byProfile = new ProfileRanking[PROFILES];
    private final boolean[] profileTried = new boolean[PROFILES];
    final ProfileRanking[] profiles = new ProfileRanking[PROFILES];
    int profileCount;

    // bucket mode: the buckets held (read-locked) until the answer is assembled, and per unit what
    // this query's bucket searches found (valid where unitStamp equals bucketStamp)
    private final Function<TravelProfile, ProfileBuckets> bucketsOf;
    private final BucketManyToOneSearch[] bucketSearch = new BucketManyToOneSearch[PROFILES];
    private final BucketManyToOneSearch.Answer[] bucketAnswer = new BucketManyToOneSearch.Answer[PROFILES];
    private final ProfileBuckets[] held = new ProfileBuckets[PROFILES];
    private int heldCount;
    /**
     * The buckets this query found, by profile ordinal (null where none), used to its end even if the
     * dispatcher drops them meanwhile; those read-locked are also in {@code held}.
     */
    private final ProfileBuckets[] bucketsFound = new ProfileBuckets[PROFILES];

    private final boolean[] bucketFull = new boolean[PROFILES];
    private boolean bucketQuery;
    private int bucketStamp;
    private int[] unitStamp = new int[0];
    private int[] unitRoadMillis = new int[0];
    private int[] unitTotalMillis = new int[0];
    private int[] unitPurposes = new int[0];
    private long[] unitMask = new long[0];
    private int bucketCutoffMillis;
    private int bucketFound;
    private boolean bucketMismatch;
    private final PlanMatcher bucketPlan = new PlanMatcher();
    private final UnitReading costReading = new UnitReading();
    private final UnitCost cost = new UnitCost();
    /** Whether the last query was answered from buckets. */
    boolean answeredByBuckets;
    /**
     * Fleets up to this size are examined by one pass in bucket mode ({@link #examineNearestDirect});
     * set by the {@link Dispatcher} before each query ({@link Dispatcher#DIRECT_SCAN_UNITS} unless a
     * benchmark changed it).
     */
    int directScanUnits = Dispatcher.DIRECT_SCAN_UNITS;
    /** Set by the {@link Dispatcher} before each query: see {@link Dispatcher#setConfirmByExtraTimes}. */
    boolean confirmByExtraTimes = true;

    private double[] straight = new double[0];
    private int[] nearestOrder = new int[0];
    /** Units examined by {@link #examineNearestDirect} this query, or -1 when the grid fetched them. */
    private int directExamined = -1;
    /** Units the grid handed out this query that were not examined (the search stopped before them). */
    private int fetchedNotExamined;

    /**
     * After the first batch, units are examined in steps of this many, the searches advanced to
     * the proven ceiling after each step: a query that needs a second batch (four times the
     * first) mostly stops well before its far end (benchmarks/RESULTS.md, issue 13 point 4,
     * eighth round). The first batch is examined whole, so that small fleets count exclusions as
     * before.
     */
    static final int EXAMINE_STEP_UNITS = 64;

    /** Set by the {@link Dispatcher} before each query: see {@link Dispatcher#setExamineStepUnits}. */
    int examineStepUnits = EXAMINE_STEP_UNITS;

    /**
     * The least gain of a frontier ceiling over the last ceiling for the searches to be advanced
     * to it before more units are examined (smaller gains examine the next step instead).
     */
    static final int FRONTIER_STEP_MILLIS = 1_000;

    /** Set by the {@link Dispatcher} before each query: see {@link Dispatcher#setFrontierCeilings}. */
    boolean frontierCeilings = true;

    RankingQuery(ProfileGraphs graphs, FleetState fleet, PolicyBook policies, RoadConditions conditions) {
        this(graphs, fleet, policies, conditions, p -> null);
    }

    /** @param bucketsOf a profile's buckets, or null where the profile has none (no hierarchy) */
    RankingQuery(
            ProfileGraphs graphs,
            FleetState fleet,
            PolicyBook policies,
            RoadConditions conditions,
            Function<TravelProfile, ProfileBuckets> bucketsOf) {
        this.bucketsOf = bucketsOf;
        this.graphs = graphs;
        this.conditions = conditions;
        this.fleet = fleet;
        this.policies = policies;
        this.capabilities = fleet.options().capabilities();
        this.eligibility = new Eligibility(policies);
    }

    /**
     * Ranks the fleet for one incident.
     *
     * @param plan the response plan's requirements (empty for none)
     * @param requiredMask capabilities every listed unit must have
     * @param whatIfClosures closures of this request only
     */
    void rank(
            GeoPoint location,
            GradePolicy grade,
            List<Requirement> plan,
            long requiredMask,
            int maxCandidates,
            long nowMillis,
            List<Closure> whatIfClosures) {
        rank(location, grade, plan, requiredMask, maxCandidates, nowMillis, whatIfClosures, false);
    }

    /**
     * Ranks the fleet for one incident, from buckets where they apply and the answer is proven
     * by them (see the class comment), else by the Dijkstra path. The caller must
     * {@link #releaseBuckets} once the answer is assembled.
     */
    void rank(
            GeoPoint location,
            GradePolicy grade,
            List<Requirement> plan,
            long requiredMask,
            int maxCandidates,
            long nowMillis,
            List<Closure> whatIfClosures,
            boolean buckets) {
        answeredByBuckets = false;
        directExamined = -1;
        fetchedNotExamined = 0;
        if (buckets) {
            prepare(location, grade, plan, requiredMask, maxCandidates, nowMillis, whatIfClosures);
            if (rankWithBuckets()) {
                answeredByBuckets = true;
                return;
            }
            releaseBuckets();
            directExamined = -1;
        }
        double snapBound = prepare(location, grade, plan, requiredMask, maxCandidates, nowMillis, whatIfClosures);
        fetch.begin(fleet, location, maxCandidates + slotCount);
        ReachBound bound = graphs.reachBound();
        boolean firstBatch = true;
        while (true) {
            fetch.next();
            int fresh = fetch.freshCount();
            boolean batchHoldsEveryUnit = fetch.reachedEveryUnit();
            // the first batch whole; a later one (four times larger) in steps, nearest first, so
            // that the search can stop before the far end of the batch is examined
            int step = firstBatch ? Integer.MAX_VALUE : examineStepUnits;
            firstBatch = false;
            int j = 0;
            do {
                int end = (int) Math.min(fresh, (long) j + step);
                for (; j < end; j++) {
                    examine(fetch.freshUnit(j));
                }
                boolean everyUnit = batchHoldsEveryUnit && j == fresh;
                // no unit not examined yet is nearer than the batch's next unit (or, the batch
                // done, than its last: the units beyond it are no nearer)
                int ceiling = everyUnit
                        ? Integer.MAX_VALUE
                        : bound.ceilingMillis(j < fresh ? fetch.freshMetres(j) : fetch.reachedMetres(), snapBound);
                if (advance(ceiling, everyUnit) || everyUnit) {
                    fetchedNotExamined = fresh - j;
                    return;
                }
                // the searches' progress may prove more than the straight line alone: advance on
                // while it does, before examining further units
                if (frontierCeilings) {
                    double nextMetres = j < fresh ? fetch.freshMetres(j) : fetch.reachedMetres();
                    while (true) {
                        int better = frontierCeiling(bound, nextMetres, snapBound);
                        if (better - (long) ceiling < FRONTIER_STEP_MILLIS) {
                            break;
                        }
                        ceiling = better;
                        if (advance(ceiling, false)) {
                            fetchedNotExamined = fresh - j;
                            return;
                        }
                    }
                }
            } while (j < fresh);
        }
    }

    /**
     * The proven ceiling for every unit not examined yet, at least {@code straightMetres} from the
     * incident, using how far the searches have gone: per profile a unit of this grade could use,
     * the frontier ceiling of its search ({@link ReachBound#ceilingMillis(double, double, int,
     * double)}) when it runs, else the plain ceiling at that profile's own top speed (no unit of it
     * examined yet); the least of them. Never below the plain ceiling of {@link #rank}.
     */
    private int frontierCeiling(ReachBound bound, double straightMetres, double snapBound) {
        long least = Math.min(
                profileCeiling(grade.carProfile(), straightMetres, snapBound),
                Math.min(
                        profileCeiling(TravelProfile.FOOT, straightMetres, snapBound),
                        profileCeiling(TravelProfile.BIKE, straightMetres, snapBound)));
        return (int) Math.max(least, bound.ceilingMillis(straightMetres, snapBound));
    }

    /** {@link #frontierCeiling}'s term for one profile; {@code Integer.MAX_VALUE - 1} when none of its units ranks. */
    private int profileCeiling(TravelProfile p, double straightMetres, double snapBound) {
        if (!graphs.has(p) || placeIncident(p) == null) {
            return Integer.MAX_VALUE - 1; // no unit of this profile can be ranked
        }
        ReachBound own = graphs.reachBound(p);
        ProfileRanking pr = byProfile[p.ordinal()];
        if (profileTried[p.ordinal()] && pr != null && pr.incident != null && !pr.bucketMode()) {
            return own.ceilingMillis(straightMetres, snapBound, pr.search.frontierMillis(), pr.search.coverMetres());
        }
        return own.ceilingMillis(straightMetres, snapBound);
    }

    /** Starts a query and places the incident; returns the incident's snap bound over its profiles. */
    private double prepare(
            GeoPoint location,
            GradePolicy grade,
            List<Requirement> plan,
            long requiredMask,
            int maxCandidates,
            long nowMillis,
            List<Closure> whatIfClosures) {
        begin(location, grade, plan, requiredMask, maxCandidates, nowMillis);
        whatIf = whatIfClosures;
        whatIfEdges = new int[whatIfClosures.size()][];
        for (int i = 0; i < whatIfEdges.length; i++) {
            String prefix = "whatIfClosures[" + i + "].";
            whatIfEdges[i] = conditions.edgesOf(whatIfClosures.get(i), canonical -> prefix + canonical);
        }
        // the incident on every road a unit could use for this grade; refused when on none
        double snapBound = incidentSnapBound();
        if (Double.isNaN(incidentRoadDistanceMetres)) {
            throw firstIncidentPlacementFailure();
        }
        return snapBound;
    }

    /**
     * The bucket path (see the class comment): true when it answered; false, with nothing of
     * the answer set, when buckets do not apply or do not prove the answer.
     */
    private boolean rankWithBuckets() {
        int k = maxCandidates + slotCount + 1;
        if (k > 64) {
            return false;
        }
        TravelProfile[] candidates = {grade.carProfile(), TravelProfile.FOOT, TravelProfile.BIKE};
        int[] use = new int[candidates.length];
        int uses = 0;
        boolean missing = false;
        for (TravelProfile p : candidates) {
            int o = p.ordinal();
            if (!graphs.has(p) || placeIncident(p) == null) {
                continue;
            }
            if (!BucketManyToOneSearch.appliesTo(conditionsFor(p))
                    || hasWhatIf[o]
                    || incidentInsideClosure[o] != null) {
                return false;
            }
            ProfileBuckets found = bucketsOf.apply(p);
            if (found == null) {
                missing = true; // asked for every profile, so that builds off the query path start together
                continue;
            }
            bucketsFound[o] = found; // used from here on: see below
            use[uses++] = o;
        }
        if (missing) {
            return false;
        }
        if (++bucketStamp == Integer.MAX_VALUE) {
            Arrays.fill(unitStamp, 0);
            bucketStamp = 1;
        }
        int cutoff = Integer.MAX_VALUE;
        for (int j = 0; j < uses; j++) {
            int o = use[j];
            // The buckets found above, not looked up again: the dispatcher may drop a profile's
            // buckets at any moment (a fleet turned dense, noticed by another thread's query), and a
            // second look-up would find none (or a new build's) part-way through this query, which
            // finishes with the ones it found.
            ProfileBuckets b = bucketsFound[o];
            if (!b.acquireCurrent()) {
                return false; // the writer did not catch up: the Dijkstra path answers
            }
            held[heldCount++] = b;
            SourceBuckets store = b.store();
            BucketManyToOneSearch bs = bucketSearch[o];
            if (bs == null) {
                bs = new BucketManyToOneSearch(store.hierarchy());
                bucketSearch[o] = bs;
                bucketAnswer[o] = new BucketManyToOneSearch.Answer();
            }
            BucketManyToOneSearch.Answer a = bucketAnswer[o];
            cost.start(TravelProfile.values()[o], store, incidentPlacement[o]);
            int got = bs.queryWithCost(store, incidentPlacement[o], k, cost, a);
            bucketFull[o] = got == k;
            if (got == k) {
                cutoff = Math.min(cutoff, a.totalMillis(k - 1));
            }
        }
        // the proven units: every unit faster than the slowest of any full answer
        bucketPlan.reset(slotMasks, slotCount);
        int proven = 0;
        int listable = 0;
        for (int j = 0; j < uses; j++) {
            int o = use[j];
            BucketManyToOneSearch.Answer a = bucketAnswer[o];
            for (int r = 0; r < a.count(); r++) {
                int u = a.source(r);
                unitStamp[u] = bucketStamp;
                unitRoadMillis[u] = a.roadMillis(r);
                unitTotalMillis[u] = a.totalMillis(r);
                if (a.totalMillis(r) < cutoff) {
                    proven++;
                    if ((unitPurposes[u] & Eligibility.LISTABLE) != 0) {
                        listable++;
                    }
                    if ((unitPurposes[u] & Eligibility.PLAN_FILLER) != 0 && !bucketPlan.complete()) {
                        bucketPlan.offer(unitMask[u]);
                    }
                }
            }
        }
        boolean all = cutoff == Integer.MAX_VALUE;
        if (!all && (listable < maxCandidates || bucketPlan.filled() < slotCount)) {
            return false;
        }
        // examine nearest-first out to the farthest proven unit, as the Dijkstra path does
        bucketQuery = true;
        bucketCutoffMillis = cutoff;
        bucketFound = 0;
        bucketMismatch = false;
        try {
            if (fleet.unitCount() <= directScanUnits) {
                examineNearestDirect();
            } else {
                fetch.begin(fleet, location, maxCandidates + slotCount);
                while (true) {
                    fetch.next();
                    for (int j = 0; j < fetch.freshCount(); j++) {
                        examine(fetch.freshUnit(j));
                    }
                    if (bucketFound == proven || fetch.reachedEveryUnit()) {
                        break;
                    }
                }
                allExamined = fetch.reachedEveryUnit();
            }
        } finally {
            bucketQuery = false;
        }
        return bucketFound == proven && !bucketMismatch;
    }

    /**
     * Bucket mode, small fleets: examines, in the grid's order (straight-line distance by the same
     * equirectangular formula, ties by unit index), every unit with a position out to the farthest
     * proven unit, found by one pass over the fleet instead of the grid's growing rings (which, for
     * a hundred units over a country, visit tens of thousands of empty cells per batch).
     */
    private void examineNearestDirect() {
        int units = fleet.unitCount();
        if (straight.length < units) {
            straight = new double[Math.max(units, straight.length * 2)];
            nearestOrder = new int[straight.length];
        }
        double lat = location.latDeg();
        double lon = location.lonDeg();
        double far = 0;
        int withFix = 0;
        for (int u = 0; u < units; u++) {
            fleet.readUnit(u, costReading);
            if (!costReading.hasFix()) {
                straight[u] = Double.NaN;
                continue;
            }
            withFix++;
            double d = GeoDistance.equirectangularMetres(lat, lon, costReading.latDeg(), costReading.lonDeg());
            straight[u] = d;
            if (u < unitStamp.length && unitStamp[u] == bucketStamp && unitTotalMillis[u] < bucketCutoffMillis) {
                far = Math.max(far, d);
            }
        }
        // the Dijkstra path examines at least its first batch (the nearest 64, or eight times the
        // units asked for); so does this, so that small fleets count exclusions alike
        int firstBatch = Math.max(64, 8 * (maxCandidates + slotCount));
        boolean sortAll = withFix <= firstBatch;
        int n = 0;
        for (int u = 0; u < units; u++) {
            if (sortAll ? !Double.isNaN(straight[u]) : straight[u] <= far) { // NaN: no position
                nearestOrder[n++] = u;
            }
        }
        if (!sortAll && n < firstBatch) {
            n = 0;
            for (int u = 0; u < units; u++) {
                if (!Double.isNaN(straight[u])) {
                    nearestOrder[n++] = u;
                }
            }
            sortAll = true;
        }
        // shell sort by (distance, unit): n is small, nothing allocated
        int[] order = nearestOrder;
        for (int gap = n / 2; gap > 0; gap /= 2) {
            for (int i = gap; i < n; i++) {
                int u = order[i];
                int j = i;
                while (j >= gap && nearer(u, order[j - gap])) {
                    order[j] = order[j - gap];
                    j -= gap;
                }
                order[j] = u;
            }
        }
        int examined = sortAll ? Math.min(n, Math.max(firstBatch, countWithin(order, n, far))) : n;
        for (int i = 0; i < examined; i++) {
            examine(order[i]);
        }
        directExamined = examined;
        n = examined;
        allExamined = n == withFix;
    }

    /** How many of the first {@code n} units of a sorted order are within {@code far} metres. */
    private int countWithin(int[] order, int n, double far) {
        int c = 0;
        while (c < n && straight[order[c]] <= far) {
            c++;
        }
        return c;
    }

    private boolean nearer(int a, int b) {
        return straight[a] < straight[b] || (straight[a] == straight[b] && a < b);
    }

    /**
     * Bucket mode: a unit just added to a profile's ranking as source {@code src}, examined at
     * ({@code latDeg}, {@code lonDeg}).
     */
    private void bucketAdded(ProfileRanking pr, int unit, int src, double latDeg, double lonDeg) {
        if (unit >= unitStamp.length || unitStamp[unit] != bucketStamp) {
            return;
        }
        if (unitTotalMillis[unit] >= bucketCutoffMillis) {
            pr.markReached(src);
            return;
        }
        pr.confirm(src, unitRoadMillis[unit]);
        bucketFound++;
        // The unit changed between the bucket search and now. Its position is checked first, on
        // its own: the road time comes from the position the buckets hold, the answer reports the
        // one just examined, and a fix between the two can leave every extra time (and so the
        // ranking time) the same (same status, accuracy hiding the off-road leg, a fresh fix).
        if (!bucketsFound[pr.profile.ordinal()].holdsAt(unit, latDeg, lonDeg)
                || pr.rankingMillis(src) != unitTotalMillis[unit]) {
            bucketMismatch = true;
        }
    }

    /** Releases the buckets a query read (after its answer is assembled); idempotent. */
    void releaseBuckets() {
        for (int i = 0; i < heldCount; i++) {
            held[i].release();
            held[i] = null;
        }
        heldCount = 0;
        Arrays.fill(bucketsFound, null);
        // keep no store past the query: the dispatcher may drop a profile's buckets (a fleet
        // turned dense), and this thread's state must not keep them from being collected
        cost.store = null;
        for (ProfileRanking pr : byProfile) {
            if (pr != null) {
                pr.forgetBucketStore();
            }
        }
    }

    /**
     * The bucket search's cost of a unit: its eligibility and the extra times of
     * {@link #examine}, from the placement the buckets hold.
     */
    private final class UnitCost implements BucketManyToOneSearch.SourceCost {
        private TravelProfile profile;
        private SourceBuckets store;
        private EdgePlacement incident;

        void start(TravelProfile p, SourceBuckets s, EdgePlacement at) {
            this.profile = p;
            this.store = s;
            this.incident = at;
            int units = fleet.unitCount();
            if (unitStamp.length < units) {
                int len = Math.max(units, unitStamp.length * 2);
                unitStamp = Arrays.copyOf(unitStamp, len);
                unitRoadMillis = Arrays.copyOf(unitRoadMillis, len);
                unitTotalMillis = Arrays.copyOf(unitTotalMillis, len);
                unitPurposes = Arrays.copyOf(unitPurposes, len);
                unitMask = Arrays.copyOf(unitMask, len);
            }
        }

        @Override
        public int extraMillis(int unit) {
            if (unit >= unitStamp.length || !store.contains(unit)) {
                return -1;
            }
            UnitReading r = costReading;
            fleet.readUnit(unit, r);
            int purposes = eligibility.check(r, nowMillis);
            UnitKind kind = r.kind();
            if (purposes == 0 || ProfileGraphs.profileFor(kind, grade) != profile) {
                return -1;
            }
            EdgePlacement p = store.placement(unit);
            double accuracy = r.accuracyMetres();
            double offRoadMetres = Math.max(0, p.snapDistanceMetres() - (Double.isNaN(accuracy) ? 0 : accuracy));
            double speed = policies.offRoadMetresPerSecond(kind);
            int offRoadMillis = (int) Math.round(offRoadMetres / speed * 1000);
            int accessMillis = (int) Math.round(incident.snapDistanceMetres() / speed * 1000);
            int mobilisation = policies.mobilisationMillis(r.status().status());
            int penalty = policies.stalePenaltyMillis(eligibility.fixAgeMillis(), r.isStale(nowMillis));
            unitPurposes[unit] = purposes;
            unitMask[unit] = r.capabilityMask();
            return mobilisation + offRoadMillis + accessMillis + penalty;
        }
    }

    private void begin(
            GeoPoint location,
            GradePolicy grade,
            List<Requirement> plan,
            long requiredMask,
            int maxCandidates,
            long nowMillis) {
        this.location = location;
        this.grade = grade;
        this.maxCandidates = maxCandidates;
        this.nowMillis = nowMillis;
        this.pinned = conditions.view();
        planSlotsWhenAll = -1;
        allExamined = false;
        Arrays.fill(incidentPlaced, false);
        Arrays.fill(incidentPlacement, null);
        Arrays.fill(incidentPlacementFailure, null);
        Arrays.fill(conditionsReady, false);
        Arrays.fill(edgeConditions, null);
        Arrays.fill(incidentInsideClosure, null);
        whatIf = List.of();
        whatIfEdges = new int[0][];
        incidentSnapBound = -1;
        incidentRoadDistanceMetres = Double.NaN;
        profileCount = 0;
        Arrays.fill(profileTried, false);
        Arrays.fill(excluded, 0);
        int slots = 0;
        for (Requirement req : plan) {
            slots += req.units();
        }
        slotMasks = new long[slots];
        slotLabels = new String[slots];
        slotCount = 0;
        for (Requirement req : plan) {
            long mask = requiredMask | capabilities.maskOf(req.capabilities());
            for (int u = 0; u < req.units(); u++) {
                slotMasks[slotCount] = mask;
                slotLabels[slotCount] = req.label();
                slotCount++;
            }
        }
        matcher.reset(slotMasks, slotCount);
        eligibility.reset(grade, requiredMask, slotMasks, slotCount);
    }

    /**
     * Checks one unit against the policy and, if eligible, adds it to its profile's search. The
     * unit is read once here, and everything the answer says of it (status, fix age, straight
     * line, placement and so road time) comes from that one read, not from the read that fetched
     * it (the grid's, or {@link #examineNearestDirect}'s).
     */
    private void examine(int unit) {
        UnitReading r = reading;
        fleet.readUnit(unit, r);
        int purposes = eligibility.check(r, nowMillis);
        if (purposes == 0) {
            exclude(eligibility.exclusion());
            return;
        }
        long age = eligibility.fixAgeMillis();
        TravelProfile profile = ProfileGraphs.profileFor(r.kind(), grade);
        ProfileRanking pr = profileRanking(profile);
        if (pr == null) {
            exclude(ExclusionReason.NO_ROAD_ROUTE); // the incident is not on this profile's network
            return;
        }
        PlacementCache.Placed placed = graphs.placements(profile).get(unit, r.latDeg(), r.lonDeg());
        if (placed.placement() == null) {
            exclude(ExclusionReason.OFF_ROAD_NETWORK);
            return;
        }
        EdgePlacement p = placed.placement();
        double accuracy = r.accuracyMetres();
        double offRoadMetres = Math.max(0, p.snapDistanceMetres() - (Double.isNaN(accuracy) ? 0 : accuracy));
        double offRoadMetresPerSecond = policies.offRoadMetresPerSecond(r.kind());
        int offRoadMillis = (int) Math.round(offRoadMetres / offRoadMetresPerSecond * 1000);
        int accessMillis = (int) Math.round(pr.incident.snapDistanceMetres() / offRoadMetresPerSecond * 1000);
        UnitStatus status = r.status().status();
        int mobilisation = policies.mobilisationMillis(status);
        boolean stale = r.isStale(nowMillis);
        int penalty = policies.stalePenaltyMillis(age, stale);
        // The straight line reported is the one of the position examined, the position the road
        // time is found for: the distance the unit was fetched by came from an earlier read, and a
        // fix landing in between would pair one position's straight line with another's road time.
        // The same formula and argument order as the grid's (and examineNearestDirect's), so an
        // unmoved unit's distance is the same to the bit.
        double straightMetres =
                GeoDistance.equirectangularMetres(location.latDeg(), location.lonDeg(), r.latDeg(), r.lonDeg());
        int src = pr.add(
                unit,
                status,
                p,
                mobilisation,
                offRoadMillis,
                accessMillis,
                penalty,
                purposes,
                r.capabilityMask(),
                age,
                stale,
                eligibility.divertedFromGrade(),
                straightMetres,
                offRoadMetresPerSecond);
        if (bucketQuery) {
            bucketAdded(pr, unit, src, r.latDeg(), r.lonDeg());
        }
    }

    void exclude(ExclusionReason reason) {
        excluded[reason.ordinal()]++;
    }

    /**
     * The query part of a profile, starting it (placing the incident) on first use; null if the
     * incident cannot be placed on the profile's graph.
     */
    private ProfileRanking profileRanking(TravelProfile profile) {
        int o = profile.ordinal();
        if (profileTried[o]) {
            ProfileRanking pr = byProfile[o];
            return pr != null && pr.incident != null ? pr : null;
        }
        profileTried[o] = true;
        ProfileRanking pr = byProfile[o];
        if (pr == null) {
            pr = new ProfileRanking(profile, graphs.graph(profile));
            byProfile[o] = pr;
        }
        EdgePlacement incident = placeIncident(profile);
        if (incident == null) {
            pr.incident = null;
            return null;
        }
        if (bucketQuery) {
            pr.startBuckets(
                    incident, bucketSearch[o], bucketsFound[o].store(), !bucketFull[o], bucketSearch[o].settledNodes());
        } else {
            pr.search.setConfirmByExtraTimes(confirmByExtraTimes);
            pr.search.setCoverTracking(frontierCeilings);
            pr.start(incident, conditionsFor(profile), hasWhatIf[o] ? whatIfBits[o] : null);
        }
        profiles[profileCount++] = pr;
        return pr;
    }

    /**
     * The road conditions of a profile at this query's time (once per query and profile), and the
     * request's own closures of that profile as bits ({@link #whatIfBits}, reused between queries).
     */
    EdgeConditions conditionsFor(TravelProfile profile) {
        int o = profile.ordinal();
        if (!conditionsReady[o]) {
            conditionsReady[o] = true;
            edgeConditions[o] = pinned.at(profile, nowMillis);
            hasWhatIf[o] = false;
            if (whatIfEdges.length > 0) {
                int words = EdgeConditions.words(edgeConditions[o].graph().edgeCount());
                if (whatIfBits[o] == null || whatIfBits[o].length != words) {
                    whatIfBits[o] = new long[words];
                    closedUnion[o] = new long[words];
                }
                long[] bits = whatIfBits[o];
                Arrays.fill(bits, 0);
                for (int i = 0; i < whatIfEdges.length; i++) {
                    Closure c = whatIf.get(i);
                    if (c.appliesTo(profile) && c.inForceAt(nowMillis)) {
                        for (int e : whatIfEdges[i]) {
                            bits[e >>> 6] |= 1L << e;
                            hasWhatIf[o] = true;
                        }
                    }
                }
                if (hasWhatIf[o]) {
                    long[] closed = edgeConditions[o].closedEdges();
                    long[] union = closedUnion[o];
                    for (int i = 0; i < words; i++) {
                        union[i] = bits[i] | (closed == null ? 0 : closed[i]);
                    }
                }
            }
        }
        return edgeConditions[o];
    }

    /** Whether an edge is closed to a profile this query (conditions in force or the request's own). */
    boolean isClosed(TravelProfile profile, int edge) {
        int o = profile.ordinal();
        EdgeConditions c = conditionsFor(profile);
        return c.isClosed(edge) || (hasWhatIf[o] && (whatIfBits[o][edge >>> 6] & (1L << edge)) != 0);
    }

    /** Whether an edge is touched by a closure or slowdown for a profile this query. */
    boolean isMarked(TravelProfile profile, int edge) {
        return conditionsFor(profile).isMarked(edge) || isClosed(profile, edge);
    }

    /** The closures (in force and the request's own) of a profile that touch an edge: their labels. */
    List<String> closuresOn(TravelProfile profile, int edge) {
        List<String> out = new ArrayList<>();
        for (RoadConditions.Entry e : pinned.inForceAt(nowMillis)) {
            if (e.condition() instanceof Closure && e.condition().appliesTo(profile) && e.touches(edge)) {
                out.add(e.condition().label());
            }
        }
        for (int i = 0; i < whatIfEdges.length; i++) {
            Closure c = whatIf.get(i);
            if (c.appliesTo(profile) && c.inForceAt(nowMillis) && Arrays.binarySearch(whatIfEdges[i], edge) >= 0) {
                out.add(c.label() + " (this request)");
            }
        }
        return out;
    }

    /** The slowdowns in force of a profile that touch an edge: their labels. */
    List<String> slowdownsOn(TravelProfile profile, int edge) {
        List<String> out = new ArrayList<>();
        for (RoadConditions.Entry e : pinned.inForceAt(nowMillis)) {
            if (e.condition() instanceof Slowdown && e.condition().appliesTo(profile) && e.touches(edge)) {
                out.add(e.condition().label());
            }
        }
        return out;
    }

    /** Where the incident was placed before it was moved out of a closure for a profile, or null. */
    EdgePlacement incidentInsideClosure(TravelProfile profile) {
        return incidentInsideClosure[profile.ordinal()];
    }

    /** The closures and slowdowns in force for this query (of the conditions it ranked with). */
    List<RoadConditions.Entry> conditionsInForce() {
        return pinned.inForceAt(nowMillis);
    }

    /** The request's own closures. */
    List<Closure> whatIfClosures() {
        return whatIf;
    }

    /** The incident placed on a profile's graph (once per query), or null when it cannot be. */
    private EdgePlacement placeIncident(TravelProfile profile) {
        int o = profile.ordinal();
        if (!incidentPlaced[o]) {
            incidentPlaced[o] = true;
            try {
                EdgePlacement p = graphs.placeIncident(profile, location);
                if (isClosed(profile, p.edgeId())) {
                    // inside a closure: units reach it at the nearest open point
                    incidentInsideClosure[o] = p;
                    long[] closed = hasWhatIf[o]
                            ? closedUnion[o]
                            : conditionsFor(profile).closedEdges();
                    try {
                        p = graphs.placeIncidentAvoiding(profile, location, closed);
                    } catch (BluelampException e) {
                        throw new BluelampException(
                                e.kind(),
                                e.field(),
                                e.getMessage() + "; the nearest road is closed by "
                                        + String.join(", ", closuresOn(profile, p.edgeId())),
                                e);
                    }
                }
                incidentPlacement[o] = p;
            } catch (BluelampException e) {
                incidentPlacementFailure[o] = e;
            }
        }
        return incidentPlacement[o];
    }

    /**
     * The largest snap distance of the incident over every profile a unit could use for this
     * grade (computed once per query): the part of a straight line no road time accounts for.
     */
    private double incidentSnapBound() {
        if (incidentSnapBound < 0) {
            double bound = 0;
            for (TravelProfile p : new TravelProfile[] {grade.carProfile(), TravelProfile.FOOT, TravelProfile.BIKE}) {
                if (graphs.has(p)) {
                    EdgePlacement e = placeIncident(p);
                    if (e != null) {
                        bound = Math.max(bound, e.snapDistanceMetres());
                        incidentRoadDistanceMetres = Double.isNaN(incidentRoadDistanceMetres)
                                ? e.snapDistanceMetres()
                                : Math.min(incidentRoadDistanceMetres, e.snapDistanceMetres());
                    }
                }
            }
            incidentSnapBound = bound;
        }
        return incidentSnapBound;
    }

    /** Why the incident could be placed on no profile of this grade (the first profile's reason). */
    private BluelampException firstIncidentPlacementFailure() {
        for (TravelProfile p : new TravelProfile[] {grade.carProfile(), TravelProfile.FOOT, TravelProfile.BIKE}) {
            if (incidentPlacementFailure[p.ordinal()] != null) {
                return incidentPlacementFailure[p.ordinal()];
            }
        }
        return BluelampException.invalid(
                "location", "location " + location + ": no travel profile of this grade is prepared on this map");
    }

    /**
     * Advances the searches as far as the ceiling allows; true once the fastest K and the best
     * achievable response plan are proven.
     *
     * @param everyUnit whether every unit with a position has been examined (the ceiling is then
     *     unlimited and the goal shrinks to what the examined units can give)
     */
    private boolean advance(int ceiling, boolean everyUnit) {
        this.allExamined = everyUnit;
        int needListable = maxCandidates;
        int planSlots = slotCount;
        if (everyUnit) {
            int listable = 0;
            for (int k = 0; k < profileCount; k++) {
                listable += profiles[k].listableCount;
            }
            needListable = Math.min(needListable, listable);
            planSlots = achievablePlanSlots();
        }
        if (profileCount == 0) {
            return needListable == 0 && planSlots == 0;
        }
        if (profileCount == 1) {
            return profiles[0].runToGoal(withAccessLeg(ceiling, profiles[0]), needListable, planSlots, matcher);
        }
        // several profiles: advance all in step, to the ceiling or (all examined) to doubling
        // time limits, and check the goal over the units all of them have confirmed
        int limit = everyUnit ? FIRST_STEP_MILLIS : ceiling;
        while (true) {
            boolean allExhausted = true;
            for (int k = 0; k < profileCount; k++) {
                profiles[k].search.run(NEVER, limit);
                allExhausted &= profiles[k].search.exhausted();
            }
            if (goalMetAcrossProfiles(needListable, planSlots)) {
                return true;
            }
            if (!everyUnit || limit == Integer.MAX_VALUE) {
                return false;
            }
            // once every graph is exhausted, one last pass without a limit confirms what is pending
            limit = allExhausted || limit >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : limit * 2;
        }
    }

    /**
     * The ceiling for one profile's units not yet examined, raised by the incident's access leg on
     * that profile's graph: every such unit's ranking time is its road time (at least {@code
     * ceiling}) plus that leg at its kind's off-road speed, at least the leg at the fastest kind's.
     * (Rounded as {@link #examine} rounds it, which keeps the order.) Unchanged for every unit
     * examined ({@code Integer.MAX_VALUE}).
     */
    private int withAccessLeg(int ceiling, ProfileRanking pr) {
        if (ceiling == Integer.MAX_VALUE || pr.incident == null) {
            return ceiling;
        }
        double fastest = 0;
        for (UnitKind kind : UnitKind.values()) {
            fastest = Math.max(fastest, policies.offRoadMetresPerSecond(kind));
        }
        if (!(fastest > 0) || Double.isInfinite(fastest)) {
            return ceiling;
        }
        long access = Math.round(pr.incident.snapDistanceMetres() / fastest * 1000);
        return (int) Math.min(Integer.MAX_VALUE - 1, ceiling + Math.max(0, access));
    }

    private boolean goalMetAcrossProfiles(int needListable, int planSlots) {
        int listable = 0;
        for (int k = 0; k < profileCount; k++) {
            ManyToOneSearch s = profiles[k].search;
            for (int i = 0; i < s.confirmedCount(); i++) {
                if ((profiles[k].purposes[s.confirmedSource(i)] & Eligibility.LISTABLE) != 0) {
                    listable++;
                }
            }
        }
        if (listable < needListable) {
            return false;
        }
        if (planSlots == 0) {
            return true;
        }
        matcher.reset(slotMasks, slotCount);
        for (int k = 0; k < profileCount; k++) {
            ManyToOneSearch s = profiles[k].search;
            for (int i = 0; i < s.confirmedCount(); i++) {
                int src = s.confirmedSource(i);
                if ((profiles[k].purposes[src] & Eligibility.PLAN_FILLER) != 0) {
                    matcher.offer(profiles[k].capabilityMask[src]);
                }
            }
        }
        return matcher.filled() >= planSlots;
    }

    /** How many plan slots all examined units together could fill (computed once per query). */
    private int achievablePlanSlots() {
        if (slotCount == 0) {
            return 0;
        }
        if (planSlotsWhenAll < 0) {
            PlanMatcher probe = new PlanMatcher();
            probe.reset(slotMasks, slotCount);
            for (int k = 0; k < profileCount && !probe.complete(); k++) {
                ProfileRanking pr = profiles[k];
                for (int src = 0; src < pr.count && !probe.complete(); src++) {
                    if ((pr.purposes[src] & Eligibility.PLAN_FILLER) != 0) {
                        probe.offer(pr.capabilityMask[src]);
                    }
                }
            }
            planSlotsWhenAll = probe.filled();
        }
        return planSlotsWhenAll;
    }

    /** Road nodes settled by the searches of this query. */
    long settledNodes() {
        long settled = 0;
        for (int k = 0; k < profileCount; k++) {
            settled += profiles[k].settledNodes();
        }
        return settled;
    }

    /** Units handed out by the grid this query. */
    int examinedCount() {
        return directExamined >= 0 ? directExamined : fetch.handedOutCount() - fetchedNotExamined;
    }

    FleetState fleet() {
        return fleet;
    }
}
