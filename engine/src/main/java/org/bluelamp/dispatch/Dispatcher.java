package org.bluelamp.dispatch;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.Polyline;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Recommends units for an incident: every unit of the fleet is checked against the grade's
 * policy (status, capabilities, age of position), the eligible ones are placed on the road graph
 * of their own kind's profile, and one many-to-one search per profile ({@link ManyToOneSearch})
 * ranks them by ETA = mobilisation delay + off-road leg + road travel time, stopping as soon as the
 * fastest K and a complete response plan are proven. Units left out are counted by reason.
 *
 * <p>Thread-safety: {@link #recommend} may be called from any number of threads at once, while
 * fixes and status changes are applied to the fleet. Each thread keeps its own search state
 * (primitive arrays sized to the graph, allocated once per thread); the road graphs are
 * immutable; placements are cached lock-free.
 */
public final class Dispatcher {
    private final RoadNetwork network;
    private final FleetState fleet;
    private final PolicyBook policies;
    private final UrbanAreas urbanAreas;
    private final InstantSource clock;
    private final CapabilityRegistry capabilities;
    private final Map<TravelProfile, TravelTimeGraph> graphs = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, PlacementCache> placements = new EnumMap<>(TravelProfile.class);
    private final ThreadLocal<QueryContext> contexts = ThreadLocal.withInitial(QueryContext::new);
    private final double maxMetresPerSecond;

    private Dispatcher(
            RoadNetwork network, FleetState fleet, PolicyBook policies, UrbanAreas urbanAreas, InstantSource clock) {
        this.network = network;
        this.fleet = fleet;
        this.policies = policies;
        this.urbanAreas = urbanAreas;
        this.clock = clock;
        this.capabilities = fleet.options().capabilities();
        for (TravelProfile p : network.options().profiles()) {
            TravelTimeGraph g = TravelTimeGraph.build(network, p);
            graphs.put(p, g);
            placements.put(p, new PlacementCache(g));
        }
        double fastest = 0;
        for (TravelTimeGraph g : graphs.values()) {
            fastest = Math.max(fastest, g.maxMetresPerSecond());
        }
        this.maxMetresPerSecond = fastest;
    }

    /**
     * A dispatcher over an opened road network and a fleet. Builds one compact travel-time graph
     * per profile (a fraction of a second for a county).
     */
    public static Dispatcher create(
            RoadNetwork network, FleetState fleet, PolicyBook policies, UrbanAreas urbanAreas, InstantSource clock) {
        return new Dispatcher(
                Objects.requireNonNull(network),
                Objects.requireNonNull(fleet),
                Objects.requireNonNull(policies),
                Objects.requireNonNull(urbanAreas),
                Objects.requireNonNull(clock));
    }

    public PolicyBook policies() {
        return policies;
    }

    public FleetState fleet() {
        return fleet;
    }

    public RoadNetwork network() {
        return network;
    }

    public UrbanAreas urbanAreas() {
        return urbanAreas;
    }

    /** The travel-time graph of a profile. */
    public TravelTimeGraph graph(TravelProfile profile) {
        TravelTimeGraph g = graphs.get(profile);
        if (g == null) {
            throw BluelampException.invalid("profile", "profile " + profile + " is not prepared on this road network");
        }
        return g;
    }

    /** The profile a unit of this kind travels with for this grade. */
    public static TravelProfile profileFor(UnitKind kind, GradePolicy grade) {
        return switch (kind) {
            case CAR, VAN, MOTORCYCLE -> grade.carProfile();
            case FOOT -> TravelProfile.FOOT;
            case BICYCLE -> TravelProfile.BIKE;
        };
    }

    /** Unit positions snapped so far, over all profiles (each new position is snapped once per profile). */
    public long snapCount() {
        long n = 0;
        for (PlacementCache c : placements.values()) {
            n += c.snapCount();
        }
        return n;
    }

    /**
     * Ranks the fleet's units for an incident.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the field for an unknown grade, incident
     *     type or capability, or an incident location off the road network
     */
    public Recommendation recommend(IncidentRequest request) {
        long t0 = System.nanoTime();
        long now = clock.millis();
        GradePolicy grade = policies.getGrade(request.grade());
        List<Requirement> plan = List.of();
        if (!request.incidentType().isEmpty()) {
            plan = policies.findResponsePlan(request.incidentType())
                    .orElseThrow(() -> BluelampException.invalid(
                            "incidentType",
                            "unknown incident type '" + request.incidentType() + "'; known types are "
                                    + policies.incidentTypes()));
        }
        long requiredMask;
        try {
            requiredMask = capabilities.maskOf(request.requiredCapabilities());
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid("requiredCapabilities", e.getMessage());
        }
        boolean urban = urbanAreas.isUrban(request.location());
        OptionalDouble target = grade.targetSeconds(urban);
        QueryContext q = contexts.get();
        q.begin(plan, requiredMask, capabilities, fleet, request.maxCandidates());
        double maxSnapMetres = network.options().maxSnapDistanceMetres();
        int batch = Math.max(64, 8 * (request.maxCandidates() + q.slotCount));
        GeoPoint at = request.location();
        while (true) {
            int found = q.spatial.nearest(at.latDeg(), at.lonDeg(), batch, org.bluelamp.fleet.UnitFilter.ALL);
            for (int j = 0; j < found; j++) {
                int unit = q.spatial.resultUnitIndex(j);
                if (q.markExamined(unit)) {
                    examine(q, unit, q.spatial.resultDistanceMetres(j), grade, now, at);
                }
            }
            boolean allExamined = found < batch;
            int ceiling = Integer.MAX_VALUE;
            if (!allExamined) {
                // No unit not yet examined is nearer than the last one found; none can reach the
                // incident by road faster than the straight line, less its own snap (at most the
                // limit) and the incident's, at the graphs' top speed, less a millisecond of
                // rounding per edge.
                double slackMetres = maxSnapMetres + q.incidentSnapBound(this, grade, at);
                double bound =
                        (q.spatial.resultDistanceMetres(found - 1) - slackMetres) / maxMetresPerSecond * 1000 - 2000;
                ceiling = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, bound));
            }
            if (q.advance(ceiling, allExamined) || allExamined) {
                break;
            }
            batch = (int) Math.min(Integer.MAX_VALUE / 2, batch * 4L);
        }
        if (q.profileCount == 0 && q.incidentFailure != null) {
            throw q.incidentFailure;
        }
        long settled = 0;
        for (int k = 0; k < q.profileCount; k++) {
            settled += q.profiles[k].search.settledNodes();
        }
        return q.finish(request, grade, urban, target, settled, t0, this);
    }

    /** Checks one unit against the policy and, if eligible, adds it to its profile's search. */
    private void examine(QueryContext q, int unit, double straightMetres, GradePolicy grade, long now, GeoPoint at) {
        UnitReading r = q.reading;
        fleet.readUnit(unit, r);
        UnitStatus status = r.status().status();
        int bit = 1 << status.ordinal();
        String divertedFrom = null;
        if ((grade.eligibleMask() & bit) == 0) {
            String committed = r.status().committedGrade();
            GradePolicy current = (grade.divertibleMask() & bit) != 0 && committed != null
                    ? policies.findGrade(committed).orElse(null)
                    : null;
            if (current == null || current.priority() <= grade.priority()) {
                q.exclude(ExclusionReason.WRONG_STATUS);
                return;
            }
            divertedFrom = committed;
        }
        long mask = r.capabilityMask();
        int reqBits = (mask & q.requiredMask) == q.requiredMask ? 1 : 0;
        for (int s = 0; s < q.slotCount; s++) {
            if ((mask & q.slotMasks[s]) == q.slotMasks[s]) {
                reqBits |= 2;
                break;
            }
        }
        if (reqBits == 0) {
            q.exclude(ExclusionReason.MISSING_CAPABILITY);
            return;
        }
        if (!r.hasFix()) {
            q.exclude(ExclusionReason.NO_POSITION);
            return;
        }
        long age = Math.max(0, r.fixAgeMillis(now));
        if (age > policies.maxFixAgeMillis()) {
            q.exclude(ExclusionReason.STALE_BEYOND_LIMIT);
            return;
        }
        TravelProfile profile = profileFor(r.kind(), grade);
        ProfileQuery pq = q.profileQuery(profile, this, at);
        if (pq == null) {
            q.exclude(ExclusionReason.NO_ROAD_ROUTE); // the incident is not on this profile's network
            return;
        }
        PlacementCache.Placed placed = placements.get(profile).get(unit, r.latDeg(), r.lonDeg());
        if (placed.placement() == null) {
            q.exclude(ExclusionReason.OFF_ROAD_NETWORK);
            return;
        }
        EdgePlacement p = placed.placement();
        double accuracy = r.accuracyMetres();
        double offRoadMetres = Math.max(0, p.snapDistanceMetres() - (Double.isNaN(accuracy) ? 0 : accuracy));
        int offRoadMillis = (int) Math.round(offRoadMetres / policies.offRoadMetresPerSecond(r.kind()) * 1000);
        int mobilisation = policies.mobilisationMillis(status);
        boolean stale = r.isStale(now);
        int penalty = policies.stalePenaltyMillis(age, stale);
        pq.add(
                unit,
                status,
                p,
                mobilisation,
                offRoadMillis,
                penalty,
                reqBits,
                mask,
                age,
                stale,
                divertedFrom,
                straightMetres);
    }

    /** The per-profile part of a query: its search and the units added to it. */
    private static final class ProfileQuery {
        final TravelProfile profile;
        final ManyToOneSearch search;
        EdgePlacement incident;
        int count;
        int[] unitIndex = new int[64];
        int[] mobilisationMillis = new int[64];
        int[] offRoadMillis = new int[64];
        int[] penaltyMillis = new int[64];
        int[] reqBits = new int[64];
        long[] capMask = new long[64];
        long[] fixAgeMillis = new long[64];
        boolean[] stale = new boolean[64];
        double[] straightMetres = new double[64];
        String[] divertedFrom = new String[64];
        UnitStatus[] status = new UnitStatus[64];
        int generalCount;

        ProfileQuery(TravelProfile profile, TravelTimeGraph graph) {
            this.profile = profile;
            this.search = new ManyToOneSearch(graph);
        }

        void start(EdgePlacement incident) {
            this.incident = incident;
            search.start(incident);
            Arrays.fill(divertedFrom, 0, count, null);
            count = 0;
            generalCount = 0;
        }

        void add(
                int unit,
                UnitStatus unitStatus,
                EdgePlacement p,
                int mobilisation,
                int offRoad,
                int penalty,
                int bits,
                long mask,
                long age,
                boolean isStale,
                String diverted,
                double straight) {
            if (count == unitIndex.length) {
                int len = count * 2;
                unitIndex = Arrays.copyOf(unitIndex, len);
                mobilisationMillis = Arrays.copyOf(mobilisationMillis, len);
                offRoadMillis = Arrays.copyOf(offRoadMillis, len);
                penaltyMillis = Arrays.copyOf(penaltyMillis, len);
                reqBits = Arrays.copyOf(reqBits, len);
                capMask = Arrays.copyOf(capMask, len);
                fixAgeMillis = Arrays.copyOf(fixAgeMillis, len);
                stale = Arrays.copyOf(stale, len);
                straightMetres = Arrays.copyOf(straightMetres, len);
                divertedFrom = Arrays.copyOf(divertedFrom, len);
                status = Arrays.copyOf(status, len);
            }
            int s = search.addSource(p, mobilisation + offRoad + penalty);
            assert s == count;
            unitIndex[s] = unit;
            mobilisationMillis[s] = mobilisation;
            offRoadMillis[s] = offRoad;
            penaltyMillis[s] = penalty;
            reqBits[s] = bits;
            capMask[s] = mask;
            fixAgeMillis[s] = age;
            stale[s] = isStale;
            divertedFrom[s] = diverted;
            status[s] = unitStatus;
            straightMetres[s] = straight;
            if ((bits & 1) != 0) {
                generalCount++;
            }
            count++;
        }

        /** Units confirmed so far that count towards the fastest K; plan slots filled by confirmed units. */
        int confirmedGeneral;

        void resetGoal() {
            confirmedGeneral = 0;
        }

        /**
         * Runs this profile's search on its own (the only profile in the query): confirms units in
         * ETA order up to the ceiling and stops once the fastest {@code needGeneral} and a plan
         * with {@code planTarget} filled slots are proven.
         */
        boolean runToGoal(int ceiling, int needGeneral, int planTarget, PlanMatcher m) {
            if (confirmedGeneral >= needGeneral && m.filled() >= planTarget) {
                return true;
            }
            return search.run(
                    (source, total) -> {
                        if ((reqBits[source] & 1) != 0) {
                            confirmedGeneral++;
                        }
                        if (planTarget > 0 && (reqBits[source] & 2) != 0 && m.filled() < planTarget) {
                            m.offer(capMask[source]);
                        }
                        return confirmedGeneral >= needGeneral && m.filled() >= planTarget;
                    },
                    ceiling);
        }
    }

    /** One thread's reusable state for queries. */
    private static final class QueryContext {
        final UnitReading reading = new UnitReading();
        org.bluelamp.fleet.SpatialSearch spatial;
        FleetState spatialFleet;
        int[] examinedStamp = new int[0];
        int stamp;
        int examined;
        int maxCandidates;
        long requiredMask;
        int planTargetWhenAll = -1;
        boolean allExamined;
        final EdgePlacement[] incidentPlacement = new EdgePlacement[TravelProfile.values().length];
        final BluelampException[] incidentPlacementFailure = new BluelampException[TravelProfile.values().length];
        final boolean[] incidentPlaced = new boolean[TravelProfile.values().length];
        double incidentSnapBound = -1;
        final EnumMap<TravelProfile, ProfileQuery> byProfile = new EnumMap<>(TravelProfile.class);
        final ProfileQuery[] profiles = new ProfileQuery[TravelProfile.values().length];
        final boolean[] profileTried = new boolean[TravelProfile.values().length];
        int profileCount;
        BluelampException incidentFailure;
        final int[] excluded = new int[ExclusionReason.values().length];
        long[] slotMasks = new long[0];
        String[] slotLabels = new String[0];
        int slotCount;
        final PlanMatcher matcher = new PlanMatcher();

        void begin(List<Requirement> plan, long requiredMask, CapabilityRegistry registry, FleetState fleet, int k) {
            if (spatialFleet != fleet) {
                spatial = fleet.newSpatialSearch();
                spatialFleet = fleet;
            }
            int units = fleet.unitCount();
            if (examinedStamp.length < units) {
                examinedStamp = new int[Math.max(units, examinedStamp.length * 2)];
                stamp = 0;
            }
            if (++stamp == 0) {
                Arrays.fill(examinedStamp, 0);
                stamp = 1;
            }
            examined = 0;
            maxCandidates = k;
            this.requiredMask = requiredMask;
            planTargetWhenAll = -1;
            allExamined = false;
            Arrays.fill(incidentPlaced, false);
            Arrays.fill(incidentPlacement, null);
            Arrays.fill(incidentPlacementFailure, null);
            incidentSnapBound = -1;
            profileCount = 0;
            Arrays.fill(profileTried, false);
            incidentFailure = null;
            Arrays.fill(excluded, 0);
            int slots = 0;
            for (Requirement req : plan) {
                slots += req.units();
            }
            slotMasks = new long[slots];
            slotLabels = new String[slots];
            slotCount = 0;
            for (Requirement req : plan) {
                long mask = requiredMask | registry.maskOf(req.capabilities());
                for (int u = 0; u < req.units(); u++) {
                    slotMasks[slotCount] = mask;
                    slotLabels[slotCount] = req.label();
                    slotCount++;
                }
            }
            matcher.reset(slotMasks, slotCount);
        }

        /** The incident placed on a profile's graph (once per query), or null when it cannot be. */
        EdgePlacement placeIncident(TravelProfile profile, Dispatcher d, GeoPoint location) {
            int o = profile.ordinal();
            if (!incidentPlaced[o]) {
                incidentPlaced[o] = true;
                try {
                    incidentPlacement[o] = d.graph(profile).place("location", location);
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
        double incidentSnapBound(Dispatcher d, GradePolicy grade, GeoPoint location) {
            if (incidentSnapBound < 0) {
                double bound = 0;
                for (TravelProfile p :
                        new TravelProfile[] {grade.carProfile(), TravelProfile.FOOT, TravelProfile.BIKE}) {
                    if (d.graphs.containsKey(p)) {
                        EdgePlacement e = placeIncident(p, d, location);
                        if (e != null) {
                            bound = Math.max(bound, e.snapDistanceMetres());
                        }
                    }
                }
                incidentSnapBound = bound;
            }
            return incidentSnapBound;
        }

        /** Marks a unit examined in this query; false if it already was. */
        boolean markExamined(int unit) {
            if (unit >= examinedStamp.length) {
                examinedStamp = Arrays.copyOf(examinedStamp, Math.max(unit + 1, examinedStamp.length * 2));
            }
            if (examinedStamp[unit] == stamp) {
                return false;
            }
            examinedStamp[unit] = stamp;
            examined++;
            return true;
        }

        /**
         * Advances the searches as far as the ceiling allows; true once the fastest K and the best
         * achievable response plan are proven.
         *
         * @param allExamined whether every unit with a position has been examined (the ceiling is
         *     then unlimited and the goal shrinks to what the examined units can give)
         */
        boolean advance(int ceiling, boolean allExamined) {
            this.allExamined = allExamined;
            int needGeneral = maxCandidates;
            int planTarget = slotCount;
            if (allExamined) {
                int general = 0;
                for (int k = 0; k < profileCount; k++) {
                    general += profiles[k].generalCount;
                }
                needGeneral = Math.min(needGeneral, general);
                planTarget = achievablePlan();
            }
            if (profileCount == 0) {
                return needGeneral == 0 && planTarget == 0;
            }
            if (profileCount == 1) {
                ProfileQuery pq = profiles[0];
                return pq.runToGoal(ceiling, needGeneral, planTarget, matcher);
            }
            // several profiles: advance all in step, to the ceiling or (all examined) to doubling
            // time limits, and check the goal over the units all of them have confirmed
            int limit = allExamined ? 60_000 : ceiling;
            while (true) {
                boolean allExhausted = true;
                for (int k = 0; k < profileCount; k++) {
                    profiles[k].search.run(NEVER, limit);
                    allExhausted &= profiles[k].search.exhausted();
                }
                if (goalMetAcrossProfiles(needGeneral, planTarget)) {
                    return true;
                }
                if (!allExamined || limit == Integer.MAX_VALUE) {
                    return false;
                }
                // once every graph is exhausted, one last pass without a limit confirms what is pending
                limit = allExhausted || limit >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : limit * 2;
            }
        }

        private static final ManyToOneSearch.Goal NEVER = (source, total) -> false;

        private boolean goalMetAcrossProfiles(int needGeneral, int planTarget) {
            int general = 0;
            for (int k = 0; k < profileCount; k++) {
                ManyToOneSearch s = profiles[k].search;
                for (int i = 0; i < s.confirmedCount(); i++) {
                    if ((profiles[k].reqBits[s.confirmedSource(i)] & 1) != 0) {
                        general++;
                    }
                }
            }
            if (general < needGeneral) {
                return false;
            }
            if (planTarget == 0) {
                return true;
            }
            matcher.reset(slotMasks, slotCount);
            for (int k = 0; k < profileCount; k++) {
                ManyToOneSearch s = profiles[k].search;
                for (int i = 0; i < s.confirmedCount(); i++) {
                    int src = s.confirmedSource(i);
                    if ((profiles[k].reqBits[src] & 2) != 0) {
                        matcher.offer(profiles[k].capMask[src]);
                    }
                }
            }
            return matcher.filled() >= planTarget;
        }

        /** How many plan slots all examined units together could fill (computed once per query). */
        private int achievablePlan() {
            if (slotCount == 0) {
                return 0;
            }
            if (planTargetWhenAll < 0) {
                PlanMatcher probe = new PlanMatcher();
                probe.reset(slotMasks, slotCount);
                for (int k = 0; k < profileCount && !probe.complete(); k++) {
                    ProfileQuery pq = profiles[k];
                    for (int src = 0; src < pq.count && !probe.complete(); src++) {
                        if ((pq.reqBits[src] & 2) != 0) {
                            probe.offer(pq.capMask[src]);
                        }
                    }
                }
                planTargetWhenAll = probe.filled();
            }
            return planTargetWhenAll;
        }

        void exclude(ExclusionReason reason) {
            excluded[reason.ordinal()]++;
        }

        /** The query part of a profile, starting it (placing the incident) on first use; null if the incident cannot be placed. */
        ProfileQuery profileQuery(TravelProfile profile, Dispatcher d, GeoPoint location) {
            int o = profile.ordinal();
            if (profileTried[o]) {
                ProfileQuery pq = byProfile.get(profile);
                return pq != null && pq.incident != null ? pq : null;
            }
            profileTried[o] = true;
            ProfileQuery pq = byProfile.get(profile);
            if (pq == null) {
                pq = new ProfileQuery(profile, d.graph(profile));
                byProfile.put(profile, pq);
            }
            EdgePlacement incident = placeIncident(profile, d, location);
            if (incident == null) {
                pq.incident = null;
                if (incidentFailure == null) {
                    incidentFailure = incidentPlacementFailure[o];
                }
                return null;
            }
            pq.start(incident);
            pq.resetGoal();
            profiles[profileCount++] = pq;
            return pq;
        }

        Recommendation finish(
                IncidentRequest request,
                GradePolicy grade,
                boolean urban,
                OptionalDouble target,
                long settled,
                long t0,
                Dispatcher d) {
            // merge the confirmed units of every profile by ranking time
            int total = 0;
            for (int k = 0; k < profileCount; k++) {
                total += profiles[k].search.confirmedCount();
            }
            long[] order = new long[total];
            int n = 0;
            for (int k = 0; k < profileCount; k++) {
                ManyToOneSearch s = profiles[k].search;
                for (int i = 0; i < s.confirmedCount(); i++) {
                    int src = s.confirmedSource(i);
                    ProfileQuery pq = profiles[k];
                    long key = (long) s.roadMillis(src)
                            + pq.mobilisationMillis[src]
                            + pq.offRoadMillis[src]
                            + pq.penaltyMillis[src];
                    order[n++] = (key << 24) | ((long) k << 20) | src;
                }
            }
            Arrays.sort(order, 0, n);
            List<Candidate> candidates = new ArrayList<>();
            List<int[]> planPicks = new ArrayList<>();
            if (slotCount > 0) {
                matcher.reset(slotMasks, slotCount);
            }
            boolean[][] listed = new boolean[profileCount][];
            for (int k = 0; k < profileCount; k++) {
                listed[k] = new boolean[profiles[k].count];
            }
            for (int i = 0; i < n; i++) {
                int k = (int) ((order[i] >>> 20) & 0xf);
                int src = (int) (order[i] & 0xfffff);
                ProfileQuery pq = profiles[k];
                if ((pq.reqBits[src] & 1) != 0 && candidates.size() < request.maxCandidates()) {
                    candidates.add(d.candidate(candidates.size() + 1, this, pq, src, target, urban, ""));
                    listed[k][src] = true;
                }
                if (slotCount > 0 && (pq.reqBits[src] & 2) != 0 && !matcher.complete()) {
                    int h = matcher.offer(pq.capMask[src]);
                    if (h >= 0) {
                        planPicks.add(new int[] {k, src, h});
                        listed[k][src] = true;
                    }
                }
            }
            List<Candidate> planCandidates = new ArrayList<>();
            for (int[] pick : planPicks) {
                int slot = matcher.slotOf(pick[2]);
                planCandidates.add(d.candidate(
                        planCandidates.size() + 1,
                        this,
                        profiles[pick[0]],
                        pick[1],
                        target,
                        urban,
                        slot >= 0 ? slotLabels[slot] : ""));
            }
            List<String> unmet = new ArrayList<>();
            if (slotCount > 0) {
                Map<String, Integer> missing = new java.util.LinkedHashMap<>();
                for (int s = 0; s < slotCount; s++) {
                    if (!matcher.isFilled(s)) {
                        missing.merge(slotLabels[s].substring(slotLabels[s].indexOf(" x ") + 3), 1, Integer::sum);
                    }
                }
                missing.forEach((caps, count) -> unmet.add(count + " x " + caps));
            }
            // eligible units not listed: no route (search exhausted) or simply not among the fastest
            for (int k = 0; k < profileCount; k++) {
                ProfileQuery pq = profiles[k];
                for (int src = 0; src < pq.count; src++) {
                    if (!listed[k][src]) {
                        boolean noRoute = !pq.search.isConfirmed(src) && pq.search.exhausted();
                        exclude(noRoute ? ExclusionReason.NO_ROAD_ROUTE : ExclusionReason.NOT_AMONG_FASTEST);
                    }
                }
            }
            int notExamined = d.fleet.unitCount() - examined;
            if (notExamined > 0) {
                // every unit with a position was examined unless the search stopped early
                excluded[(allExamined ? ExclusionReason.NO_POSITION : ExclusionReason.NOT_EXAMINED).ordinal()] +=
                        notExamined;
            }
            Map<ExclusionReason, Integer> excludedMap = new EnumMap<>(ExclusionReason.class);
            for (ExclusionReason reason : ExclusionReason.values()) {
                if (excluded[reason.ordinal()] > 0) {
                    excludedMap.put(reason, excluded[reason.ordinal()]);
                }
            }
            long micros = (System.nanoTime() - t0) / 1000;
            return new Recommendation(
                    request.incidentId(),
                    grade.code(),
                    grade.name(),
                    urban,
                    target,
                    candidates,
                    planCandidates,
                    slotCount == 0 || matcher.complete(),
                    unmet,
                    excludedMap,
                    settled,
                    micros);
        }
    }

    private Candidate candidate(
            int rank, QueryContext q, ProfileQuery pq, int src, OptionalDouble target, boolean urban, String planSlot) {
        ManyToOneSearch s = pq.search;
        var u = fleet.unit(pq.unitIndex[src]);
        UnitStatus unitStatus = pq.status[src];
        double road = s.roadMillis(src) / 1000.0;
        double mobil = pq.mobilisationMillis[src] / 1000.0;
        double offRoad = pq.offRoadMillis[src] / 1000.0;
        double eta = road + mobil + offRoad;
        double ranking = eta + pq.penaltyMillis[src] / 1000.0;
        boolean meets = target.isPresent() && eta <= target.getAsDouble();
        int straightRank = 1; // among every eligible unit of every profile
        for (int k = 0; k < q.profileCount; k++) {
            ProfileQuery other = q.profiles[k];
            for (int i = 0; i < other.count; i++) {
                if (other.straightMetres[i] < pq.straightMetres[src]) {
                    straightRank++;
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        String diverted = pq.divertedFrom[src];
        reasons.add(statusReason(unitStatus, diverted, mobil));
        reasons.add(String.format(
                Locale.ROOT,
                "ETA %s: %s by road (%s, %.1f km)%s",
                duration(eta),
                duration(road),
                pq.profile,
                s.roadMetres(src) / 1000,
                offRoad >= 1 ? ", " + duration(offRoad) + " from its position to the road" : ""));
        if (target.isPresent()) {
            double t = target.getAsDouble();
            reasons.add(
                    meets
                            ? String.format(
                                    Locale.ROOT, "meets the %s %s target", duration(t), urban ? "urban" : "rural")
                            : String.format(
                                    Locale.ROOT,
                                    "misses the %s %s target by %s",
                                    duration(t),
                                    urban ? "urban" : "rural",
                                    duration(eta - t)));
        }
        double ageSeconds = pq.fixAgeMillis[src] / 1000.0;
        if (pq.stale[src]) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "position is stale (%s old): ranked as if %s slower",
                    duration(ageSeconds),
                    duration(pq.penaltyMillis[src] / 1000.0)));
        } else {
            reasons.add("position " + duration(ageSeconds) + " old");
        }
        if (straightRank > 1) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%s nearest in a straight line (%.1f km)",
                    ordinal(straightRank),
                    pq.straightMetres[src] / 1000));
        } else {
            reasons.add(
                    String.format(Locale.ROOT, "nearest in a straight line (%.1f km)", pq.straightMetres[src] / 1000));
        }
        if (!planSlot.isEmpty()) {
            reasons.add("fills response plan requirement " + planSlot);
        }
        double[][] geometry = s.routeGeometry(src);
        return new Candidate(
                rank,
                u.id(),
                u.spec().callsign(),
                u.kind(),
                pq.profile,
                unitStatus,
                diverted,
                eta,
                road,
                mobil,
                offRoad,
                s.roadMetres(src),
                pq.straightMetres[src],
                straightRank,
                meets,
                ageSeconds,
                pq.stale[src],
                ranking,
                planSlot,
                reasons,
                Polyline.encode(geometry[0], geometry[1], 1e5));
    }

    private static String statusReason(UnitStatus status, String diverted, double mobilisationSeconds) {
        String s = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String base = diverted != null ? s + ": would be diverted from a grade " + diverted + " task" : s;
        return mobilisationSeconds >= 1 ? base + " (+" + duration(mobilisationSeconds) + " to get going)" : base;
    }

    static String duration(double seconds) {
        long total = Math.round(Math.max(0, seconds));
        long h = total / 3600;
        long m = (total % 3600) / 60;
        long s = total % 60;
        if (h > 0) {
            return h + " h " + m + " min";
        }
        if (m > 0) {
            return s == 0 ? m + " min" : m + " min " + s + " s";
        }
        return s + " s";
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13)
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
