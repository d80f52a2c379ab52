package org.bluelamp.dispatch;

import java.util.Arrays;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * One profile's part of a query: its many-to-one search from the incident and, per source of that
 * search, the unit behind it and the parts of its ETA. Sources are numbered 0, 1, 2, ... in the
 * order units are added (the search's own numbering); the columns below are indexed by source.
 *
 * <p>This is the only class that drives a {@link ManyToOneSearch}; a query's road conditions are
 * applied when the search starts ({@link #start}), and it is where a second search (contraction-hierarchy buckets
 * for sparse fleets) would be chosen: it uses only {@code start}, {@code addSource}, {@code run},
 * the confirmed sources and their times.
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
        Arrays.fill(divertedFrom, 0, count, null);
        count = 0;
        listableCount = 0;
        confirmedListable = 0;
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
        int s = search.addSource(placement, mobilisation + offRoad + access + penalty);
        assert s == count;
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
    }

    /** The time a source is ranked by: road time, mobilisation, off-road and access legs, staleness penalty, ms. */
    long rankingMillis(int source) {
        return (long) search.roadMillis(source)
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
