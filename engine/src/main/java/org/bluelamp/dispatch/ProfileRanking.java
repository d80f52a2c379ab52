package org.bluelamp.dispatch;

import java.util.Arrays;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.BucketManyToOneSearch;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadPath;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * One profile's part of a query: its many-to-one search from the incident and, per source of that
 * search, the unit behind it and the parts of its ETA. Sources are numbered 0, 1, 2, ... in the
 * order units are added (the search's own numbering); the columns below are indexed by source.
 *
 * <p>This is the only class that drives a {@link ManyToOneSearch}; a query's road conditions are
 * applied when the search starts ({@link #start}). In <em>bucket mode</em> ({@link #startBuckets})
 * there is no search: the units' road times come from a {@link BucketManyToOneSearch} over the
 * profile's {@link SourceBuckets}, the query confirms the ones it proved ({@link #confirm}), and
 * their routes are unpacked from the hierarchy. Readers of the outcome use the methods below
 * ({@link #confirmedCount}, {@link #roadMillis}, {@link #path}, ...), the same in both modes.
 *
 * <p>Not thread-safe: one per profile per query thread, reused; allocation-free once its columns
 * have grown to the largest query.
 */
final class ProfileRanking implements ManyToOneSearch.Goal {
    final TravelProfile profile;
    final ManyToOneSearch search;
    /** The incident placed on this profile's graph, or null when it could not be placed this query. */
    EdgePlacement incident;
    /** Sources (units) added this query. */
    int count;

    // per source
    int[] unitIndex = new int[64];
    int[] mobilisationMillis = new int[64];
    int[] offRoadMillis = new int[64];
    int[] penaltyMillis = new int[64];
    /** Time from the road to the incident at the unit's off-road speed (the incident's access leg). */
    int[] accessMillis = new int[64];
    /** {@link Eligibility#LISTABLE} and {@link Eligibility#PLAN_FILLER} bits. */
    int[] purposes = new int[64];

    /** The unit's off-road speed, metres per second (its access leg's speed). */
    double[] offRoadMetresPerSecond = new double[64];

    long[] capabilityMask = new long[64];
    long[] fixAgeMillis = new long[64];
    boolean[] stale = new boolean[64];
    double[] straightMetres = new double[64];
    String[] divertedFrom = new String[64];
    UnitStatus[] status = new UnitStatus[64];

    /** Sources added this query that are {@link Eligibility#LISTABLE}. */
    int listableCount;
    /** Listable sources confirmed so far (when this profile runs on its own). */
    int confirmedListable;

    private ManyToOneSearch reference;

    // bucket mode: the search that timed the units, its store, and the confirmed sources
    private boolean bucketMode;
    private BucketManyToOneSearch buckets;
    private SourceBuckets bucketStore;
    private boolean bucketsExhausted;
    private int bucketSettled;
    private int[] bucketRoadMillis = new int[64];
    private boolean[] bucketConfirmed = new boolean[64];
    private boolean[] bucketReached = new boolean[64];
    private RoadPath[] bucketPath = new RoadPath[64];
    private int[] bucketConfirmedList = new int[64];
    private int bucketConfirmedCount;

    // the goal of runToGoal, held in fields so that the search's callback allocates nothing
    private int goalListable;
    private int goalPlanSlots;
    private PlanMatcher goalMatcher;

    ProfileRanking(TravelProfile profile, TravelTimeGraph graph) {
        this.profile = profile;
        this.search = new ManyToOneSearch(graph);
    }

    /**
     * The search that times units without the closures and slowdowns (typical traffic only), to
     * say what the conditions cost them; made on first use, then reused.
     */
    ManyToOneSearch referenceSearch() {
        if (reference == null) {
            reference = new ManyToOneSearch(search.graph());
        }
        return reference;
    }

    /**
     * Starts this profile's search for a new query towards the incident placed on its graph, under
     * the query's road conditions and the request's own closures ({@code extraClosed}, or null).
     */
    void start(EdgePlacement incident, EdgeConditions conditions, long[] extraClosed) {
        this.incident = incident;
        search.start(incident, conditions);
        if (extraClosed != null) {
            search.blockEdges(extraClosed);
        }
        reset(false);
    }

    /**
     * Starts this profile for a query answered from buckets: units are added without a search
     * and {@link #confirm}ed with the road times {@code bucketSearch} found over {@code store}
     * (which must not change until the answer is assembled).
     *
     * @param exhausted whether the bucket search returned every unit that can reach the incident
     *     (a unit added but not {@link #confirm}ed nor {@link #markReached} then has no route)
     * @param settled nodes the bucket search settled
     */
    void startBuckets(
            EdgePlacement incident,
            BucketManyToOneSearch bucketSearch,
            SourceBuckets store,
            boolean exhausted,
            int settled) {
        this.incident = incident;
        reset(true);
        this.buckets = bucketSearch;
        this.bucketStore = store;
        this.bucketsExhausted = exhausted;
        this.bucketSettled = settled;
    }

    /** Lets go of the bucket store once the answer is assembled (it must not be read after). */
    void forgetBucketStore() {
        bucketStore = null;
    }

    private void reset(boolean bucketsNow) {
        Arrays.fill(divertedFrom, 0, count, null);
        if (bucketMode) {
            Arrays.fill(bucketPath, 0, count, null);
            Arrays.fill(bucketConfirmed, 0, count, false);
            Arrays.fill(bucketReached, 0, count, false);
        }
        bucketMode = bucketsNow;
        buckets = null;
        bucketStore = null;
        bucketConfirmedCount = 0;
        count = 0;
        listableCount = 0;
        confirmedListable = 0;
    }

    /** Bucket mode: a source's road time is proven and it takes part in the answer. */
    void confirm(int source, int roadMillis) {
        bucketRoadMillis[source] = roadMillis;
        bucketConfirmed[source] = true;
        bucketReached[source] = true;
        bucketConfirmedList[bucketConfirmedCount++] = source;
    }

    /** Bucket mode: a source can reach the incident (it is slower than the answer needs). */
    void markReached(int source) {
        bucketReached[source] = true;
    }

    boolean bucketMode() {
        return bucketMode;
    }

    /** Sources whose time is proven, in the order proven (Dijkstra) or confirmed (buckets). */
    int confirmedCount() {
        return bucketMode ? bucketConfirmedCount : search.confirmedCount();
    }

    int confirmedSource(int i) {
        return bucketMode ? bucketConfirmedList[i] : search.confirmedSource(i);
    }

    boolean isConfirmed(int source) {
        return bucketMode ? bucketConfirmed[source] : search.isConfirmed(source);
    }

    /** Road time of a confirmed source, ms. */
    int roadMillis(int source) {
        return bucketMode ? bucketRoadMillis[source] : search.roadMillis(source);
    }

    /** Whether an added source that was not confirmed has no route to the incident. */
    boolean noRoute(int source) {
        if (bucketMode) {
            return !bucketReached[source] && bucketsExhausted;
        }
        return !search.isConfirmed(source) && search.exhausted();
    }

    /** The route of a confirmed source (allocates). */
    RoadPath path(int source) {
        if (!bucketMode) {
            return search.path(source);
        }
        if (bucketPath[source] == null) {
            bucketPath[source] = buckets.path(bucketStore, unitIndex[source]);
        }
        return bucketPath[source];
    }

    /** Road distance of a confirmed source's route, metres. */
    double roadMetres(int source) {
        return bucketMode ? search.graph().roadMetres(path(source)) : search.roadMetres(source);
    }

    /** See {@link ManyToOneSearch#conditionsMetMillis}; no conditions in bucket mode. */
    int conditionsMetMillis() {
        return bucketMode ? Integer.MAX_VALUE : search.conditionsMetMillis();
    }

    /** Nodes settled for this profile this query. */
    int settledNodes() {
        return bucketMode ? bucketSettled : search.settledNodes();
    }

    TravelTimeGraph graph() {
        return search.graph();
    }

    /**
     * Adds an eligible unit as a source of the search: ranked by road time plus mobilisation,
     * off-road leg, the incident's access leg and staleness penalty.
     *
     * @return its source index
     */
    int add(
            int unit,
            UnitStatus unitStatus,
            EdgePlacement placement,
            int mobilisation,
            int offRoad,
            int access,
            int penalty,
            int unitPurposes,
            long mask,
            long ageMillis,
            boolean isStale,
            String diverted,
            double straight,
            double offRoadSpeed) {
        if (count == unitIndex.length) {
            grow(count * 2);
        }
        int s = count;
        if (!bucketMode) {
            int added = search.addSource(placement, mobilisation + offRoad + access + penalty);
            assert added == s;
        }
        unitIndex[s] = unit;
        mobilisationMillis[s] = mobilisation;
        offRoadMillis[s] = offRoad;
        accessMillis[s] = access;
        penaltyMillis[s] = penalty;
        purposes[s] = unitPurposes;
        capabilityMask[s] = mask;
        fixAgeMillis[s] = ageMillis;
        stale[s] = isStale;
        divertedFrom[s] = diverted;
        status[s] = unitStatus;
        straightMetres[s] = straight;
        offRoadMetresPerSecond[s] = offRoadSpeed;
        if ((unitPurposes & Eligibility.LISTABLE) != 0) {
            listableCount++;
        }
        count++;
        return s;
    }

    private void grow(int len) {
        unitIndex = Arrays.copyOf(unitIndex, len);
        mobilisationMillis = Arrays.copyOf(mobilisationMillis, len);
        offRoadMillis = Arrays.copyOf(offRoadMillis, len);
        penaltyMillis = Arrays.copyOf(penaltyMillis, len);
        accessMillis = Arrays.copyOf(accessMillis, len);
        purposes = Arrays.copyOf(purposes, len);
        capabilityMask = Arrays.copyOf(capabilityMask, len);
        fixAgeMillis = Arrays.copyOf(fixAgeMillis, len);
        stale = Arrays.copyOf(stale, len);
        straightMetres = Arrays.copyOf(straightMetres, len);
        offRoadMetresPerSecond = Arrays.copyOf(offRoadMetresPerSecond, len);
        divertedFrom = Arrays.copyOf(divertedFrom, len);
        status = Arrays.copyOf(status, len);
        bucketRoadMillis = Arrays.copyOf(bucketRoadMillis, len);
        bucketConfirmed = Arrays.copyOf(bucketConfirmed, len);
        bucketReached = Arrays.copyOf(bucketReached, len);
        bucketPath = Arrays.copyOf(bucketPath, len);
        bucketConfirmedList = Arrays.copyOf(bucketConfirmedList, len);
    }

    /** The time a source is ranked by: road time, mobilisation, off-road and access legs, staleness penalty, ms. */
    long rankingMillis(int source) {
        return (long) roadMillis(source)
                + mobilisationMillis[source]
                + offRoadMillis[source]
                + accessMillis[source]
                + penaltyMillis[source];
    }

    /**
     * Runs this profile's search on its own (the only profile in the query): confirms units in
     * ranking order up to the ceiling and stops once the fastest {@code needListable} and a plan
     * with {@code planSlots} filled slots are proven.
     *
     * @return true when that goal is met
     */
    boolean runToGoal(int ceilingMillis, int needListable, int planSlots, PlanMatcher matcher) {
        if (confirmedListable >= needListable && matcher.filled() >= planSlots) {
            return true;
        }
        goalListable = needListable;
        goalPlanSlots = planSlots;
        goalMatcher = matcher;
        try {
            return search.run(this, ceilingMillis);
        } finally {
            goalMatcher = null;
        }
    }

    /** The goal of {@link #runToGoal}, told of each confirmed source in ranking order. */
    @Override
    public boolean accept(int source, int totalMillis) {
        if ((purposes[source] & Eligibility.LISTABLE) != 0) {
            confirmedListable++;
        }
        if (goalPlanSlots > 0
                && (purposes[source] & Eligibility.PLAN_FILLER) != 0
                && goalMatcher.filled() < goalPlanSlots) {
            goalMatcher.offer(capabilityMask[source]);
        }
        return confirmedListable >= goalListable && goalMatcher.filled() >= goalPlanSlots;
    }
}
