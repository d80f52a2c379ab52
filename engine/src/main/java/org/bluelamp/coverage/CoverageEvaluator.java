package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Evaluates a deployment for a grade: one forward {@link ManyToAllSearch} per travel profile from
 * all of that profile's units at once (not one search per unit), each unit starting after its
 * mobilisation delay (the policy book's, by status) and its off-road leg; then every road node's
 * best time and the number of units within its target (urban or rural, by the same urban areas the
 * ranking uses); every demand place's time (through its road, plus its access leg at the unit's
 * off-road speed); every road edge's reached length, exactly, from the times at its ends and from
 * any unit on it; and the totals, per beat, the worst places and MEXCLP expected coverage.
 *
 * <p><b>Which search.</b> Each profile's search is given the profile's contraction hierarchy when
 * the roads have one ({@link CoverageRoads#hierarchy}); {@link ManyToAllSearch} then runs the
 * hierarchy's k-label sweep for runs without road conditions and its Dijkstra for runs with closed
 * or slowed roads (the choice is made there, and only there).
 *
 * <p><b>Counting units within target.</b> The searches keep each node's nearest
 * {@link #labelsFor k} distinct units (k labels per node, further labels only up to the largest
 * target), so a count is exact up to k and "k or more" beyond. With busy fraction q, MEXCLP credits
 * a place reached by k units with 1 − q^k; counting stops at the smallest k ≥ 2 with q^k ≤
 * {@link #EXPECTED_TOLERANCE} (at most {@link #MAX_LABELS}), so the expected share is understated by
 * at most q^k, which the report states. Without q, k = 2: enough to know which places only one unit
 * reaches (what coverage loses if that unit goes).
 *
 * <p>Not thread-safe: one evaluator per thread. A run allocates nothing proportional to the graph
 * and nothing per unit once a unit's position has been placed (placements are cached by position);
 * {@link #report} allocates the answer.
 */
public final class CoverageEvaluator {
    /** The largest understatement of the expected share the label cap may cause (when q is given). */
    public static final double EXPECTED_TOLERANCE = 0.001;
    /** The most labels (nearest units) kept per node. */
    public static final int MAX_LABELS = 10;

    private static final int PROFILES = TravelProfile.values().length;
    private static final int BANDS = CoverageReport.BAND_NAMES.size();
    private static final int WORST_CANDIDATES = 256;
    private static final int WORST_LISTED = 10;

    private final CoverageArea area;
    private final PolicyBook policies;
    private final ManyToAllSearch[][] searches = new ManyToAllSearch[PROFILES][MAX_LABELS + 1];
    private final PlacementCache placements = new PlacementCache();

    /** One profile's part of a run. */
    private static final class ProfileRun {
        TravelProfile profile;
        TravelTimeGraph graph;
        ManyToAllSearch search;
        double[] factors;
        long[] closed;
        double offRoadMetresPerSecond;
        int[] sourceUnit = new int[32];
        int sources;
        /** (edge << 32 | source) of every source, sorted: the units standing on each edge. */
        long[] byEdge = new long[32];
        /** The edges some source stands on (bit {@code e % 64} of word {@code e / 64}); null until first used. */
        long[] unitEdges;
        /** Entries of {@link #byEdge} whose edges are set in {@link #unitEdges}. */
        int unitEdgesSet;

        /**
         * Marks the first {@code sources} entries of {@link #byEdge} in {@link #unitEdges} (a filter:
         * a bit left set would only cost a search of {@link #byEdge}, which finds no source there).
         */
        void markUnitEdges() {
            if (unitEdges == null) {
                unitEdges = new long[(graph.edgeCount() + 63) / 64];
            }
            for (int s = 0; s < sources; s++) {
                int e = (int) (byEdge[s] >>> 32);
                unitEdges[e >>> 6] |= 1L << e;
            }
            unitEdgesSet = sources;
        }

        void clearUnitEdges() {
            for (int s = 0; s < unitEdgesSet; s++) {
                int e = (int) (byEdge[s] >>> 32);
                unitEdges[e >>> 6] &= ~(1L << e);
            }
            unitEdgesSet = 0;
        }

        /** Whether a source of this run stands on edge {@code e}. */
        boolean hasUnitOn(int e) {
            return (unitEdges[e >>> 6] & (1L << e)) != 0;
        }
    }

    private final ProfileRun[] runs = new ProfileRun[PROFILES];
    private final ProfileRun[] active = new ProfileRun[PROFILES];
    private int activeCount;

    // per unit of the last run
    private int unitCount;
    private int[] unitProfile = new int[32];
    private int[] unitStartMillis = new int[32];
    private double[] unitSnapMetres = new double[32];
    private String[] unitExclusion = new String[32];
    private double[] unitOnlyWeight = new double[32];
    private List<PlannedUnit> units = List.of();

    // per node and per site of the last run
    private final int[] nodeBest;
    private final int[] nodeBestUnit;
    private final byte[] nodeWithin;
    private final int[] siteBest;
    private final int[] siteBestUnit;
    private final byte[] siteWithin;
    private int[] scratchUnits = new int[64];

    private final EdgePieces pieces = new EdgePieces();
    private final UsualEdge usualEdge = new UsualEdge();
    private final long[] worstHeap = new long[WORST_CANDIDATES];

    // the last run's parameters and totals
    private GradePolicy grade;
    private int urbanTargetMillis;
    private RoadConditions lastConditions;
    private int ruralTargetMillis;
    private int labels;
    private double busyFraction = Double.NaN;
    private long settledLabels;
    private double roadMetres;
    private double roadWithin;
    private double urbanMetres;
    private double urbanWithin;
    private final double[] bandMetres = new double[BANDS];
    private double demandWeight;
    private double demandWithin;
    private final double[] bandWeight = new double[BANDS];
    private final double[] withinByCount = new double[4];
    private double expectedWeight;
    private double[] beatRoad = new double[0];
    private double[] beatRoadWithin = new double[0];
    private double[] beatDemand = new double[0];
    private double[] beatDemandWithin = new double[0];
    private double[] beatExpected = new double[0];
    private double[] beatWorstMillis = new double[0];
    private long runNanos;
    /** Whether the last run was {@link #runCounts} (only the sites' values are current). */
    private boolean countsOnly;

    /** An evaluator for one thread over a prepared area, under a force's policy book. */
    public CoverageEvaluator(CoverageArea area, PolicyBook policies) {
        this.area = Objects.requireNonNull(area);
        this.policies = Objects.requireNonNull(policies);
        nodeBest = new int[area.nodeCount()];
        nodeBestUnit = new int[area.nodeCount()];
        nodeWithin = new byte[area.nodeCount()];
        siteBest = new int[area.siteCount()];
        siteBestUnit = new int[area.siteCount()];
        siteWithin = new byte[area.siteCount()];
        for (int i = 0; i < PROFILES; i++) {
            runs[i] = new ProfileRun();
        }
        int beats = area.beats().size();
        beatRoad = new double[beats];
        beatRoadWithin = new double[beats];
        beatDemand = new double[beats];
        beatDemandWithin = new double[beats];
        beatExpected = new double[beats];
        beatWorstMillis = new double[beats];
    }

    public CoverageArea area() {
        return area;
    }

    public PolicyBook policies() {
        return policies;
    }

    /**
     * Labels kept per node for busy fraction {@code q} (NaN: none given): the smallest k ≥ 2 with
     * q^k ≤ {@link #EXPECTED_TOLERANCE}, at most {@link #MAX_LABELS}.
     */
    public static int labelsFor(double q) {
        if (Double.isNaN(q) || q <= 0) {
            return 2;
        }
        int k = 2;
        while (k < MAX_LABELS && Math.pow(q, k) > EXPECTED_TOLERANCE) {
            k++;
        }
        return k;
    }

    /**
     * The grade's policy, checked to have an attendance target.
     *
     * @throws BluelampException INVALID_ARGUMENT naming "grade" for an unknown grade or one without
     *     targets
     */
    public GradePolicy gradeWithTarget(String gradeCode) {
        GradePolicy g = policies.getGrade(gradeCode);
        if (Double.isNaN(g.urbanTargetSeconds()) && Double.isNaN(g.ruralTargetSeconds())) {
            throw BluelampException.invalid(
                    "grade",
                    "grade " + g.code() + " (" + g.name() + ") has no attendance target: coverage is measured"
                            + " against a target; use a grade that has one");
        }
        return g;
    }

    /**
     * Evaluates a deployment and returns the full report.
     *
     * @param name the deployment's name, for the report
     * @param gradeCode the grade (its targets, car profile and eligible statuses)
     * @param conditions road conditions per profile
     */
    public CoverageReport evaluate(String name, Deployment deployment, String gradeCode, RoadConditions conditions) {
        run(deployment, gradeWithTarget(gradeCode), conditions);
        return report(name);
    }

    /**
     * Runs the searches and computes the totals (everything but the answer's lists); read them with
     * {@link #roadShare()}, {@link #demandShare()}, {@link #expectedShare()} or {@link #report}.
     */
    public void run(Deployment deployment, GradePolicy grade, RoadConditions conditions) {
        long t0 = System.nanoTime();
        search(deployment, grade, conditions);
        combineNodes();
        evaluateSites();
        measureRoads();
        sumDemand();
        countsOnly = false;
        runNanos = System.nanoTime() - t0;
    }

    /**
     * Runs the searches and only what demand sites' counts need: each site's best time, its unit
     * and its units within target ({@link #siteCounts()}, {@link #siteBestUnit}), the same as
     * {@link #run} gives them, for the move-up advice. Nodes away from demand sites, road edges,
     * totals, bands, beats and worst places are not computed: {@link #report} and the shares refuse
     * until the next {@link #run}.
     */
    public void runCounts(Deployment deployment, GradePolicy grade, RoadConditions conditions) {
        long t0 = System.nanoTime();
        search(deployment, grade, conditions);
        countsOnly = true;
        evaluateSitesOnly();
        runNanos = System.nanoTime() - t0;
    }

    /** Places the units and runs one search per profile. */
    private void search(Deployment deployment, GradePolicy grade, RoadConditions conditions) {
        this.grade = grade;
        this.lastConditions = conditions;
        double urbanS = grade.urbanTargetSeconds();
        double ruralS = grade.ruralTargetSeconds();
        urbanTargetMillis = (int) Math.round((Double.isNaN(urbanS) ? ruralS : urbanS) * 1000);
        ruralTargetMillis = (int) Math.round((Double.isNaN(ruralS) ? urbanS : ruralS) * 1000);
        int maxTarget = Math.max(urbanTargetMillis, ruralTargetMillis);
        busyFraction = deployment.busyFraction().orElse(Double.NaN);
        labels = labelsFor(busyFraction);
        units = deployment.units();
        placeUnits(grade);
        settledLabels = 0;
        for (int a = 0; a < activeCount; a++) {
            ProfileRun r = active[a];
            EdgeConditions c = conditions.forProfile(r.profile);
            r.search = search(r.profile, labels);
            r.search.start();
            r.search.closeEdges(c.closedEdges());
            r.search.scaleEdges(c.timeFactors());
            r.factors = c.timeFactors();
            r.closed = c.closedEdges();
            for (int s = 0; s < r.sources; s++) {
                int u = r.sourceUnit[s];
                r.search.addSource(placement(u), unitStartMillis[u]);
                r.byEdge[s] = ((long) placement(u).edgeId() << 32) | s;
            }
            Arrays.sort(r.byEdge, 0, r.sources);
            r.markUnitEdges();
            r.search.run(Integer.MAX_VALUE, maxTarget);
            settledLabels += r.search.settledLabels();
        }
    }

    /** Checks and places each unit, and groups the counted ones by profile. */
    private void placeUnits(GradePolicy grade) {
        int n = units.size();
        if (unitProfile.length < n) {
            int len = Math.max(n, unitProfile.length * 2);
            unitProfile = new int[len];
            unitStartMillis = new int[len];
            unitSnapMetres = new double[len];
            unitExclusion = new String[len];
            unitOnlyWeight = new double[len];
            unitPlacements = new EdgePlacement[len];
        }
        unitCount = n;
        activeCount = 0;
        for (ProfileRun r : runs) {
            if (r.unitEdges != null) {
                r.clearUnitEdges();
            }
            r.sources = 0;
        }
        for (int u = 0; u < n; u++) {
            PlannedUnit unit = units.get(u);
            unitProfile[u] = -1;
            unitOnlyWeight[u] = 0;
            unitSnapMetres[u] = Double.NaN;
            unitStartMillis[u] = 0;
            unitPlacements[u] = null;
            if (!grade.eligibleStatuses().contains(unit.status())) {
                unitExclusion[u] = "status_not_eligible";
                continue;
            }
            TravelProfile profile = Dispatcher.profileFor(unit.kind(), grade);
            if (area.graph(profile) == null) {
                unitExclusion[u] = "profile_not_prepared";
                continue;
            }
            EdgePlacement p = place(profile, unit);
            if (p == null) {
                unitExclusion[u] = "off_road_network";
                continue;
            }
            unitExclusion[u] = "";
            unitPlacements[u] = p;
            unitSnapMetres[u] = p.snapDistanceMetres();
            double accuracy = unit.accuracyMetres();
            double offRoadMetres = Math.max(0, p.snapDistanceMetres() - (Double.isNaN(accuracy) ? 0 : accuracy));
            int offRoad = (int) Math.round(offRoadMetres / policies.offRoadMetresPerSecond(unit.kind()) * 1000);
            unitStartMillis[u] = policies.mobilisationMillis(unit.status()) + offRoad;
            unitProfile[u] = profile.ordinal();
            ProfileRun r = runs[profile.ordinal()];
            if (r.sources == 0) {
                r.profile = profile;
                r.graph = area.graph(profile);
                r.offRoadMetresPerSecond = policies.offRoadMetresPerSecond(kindOf(profile));
                active[activeCount++] = r;
            }
            if (r.sources == r.sourceUnit.length) {
                r.sourceUnit = Arrays.copyOf(r.sourceUnit, r.sources * 2);
                r.byEdge = Arrays.copyOf(r.byEdge, r.sources * 2);
            }
            r.sourceUnit[r.sources++] = u;
        }
    }

    private EdgePlacement[] unitPlacements = new EdgePlacement[32];

    private EdgePlacement placement(int unit) {
        return unitPlacements[unit];
    }

    /**
     * A unit's placement on a profile's graph, cached by position (keyed by primitives: a cached
     * placement allocates nothing); null when it is too far from a road.
     */
    private EdgePlacement place(TravelProfile profile, PlannedUnit unit) {
        double lat = unit.position().latDeg();
        double lon = unit.position().lonDeg();
        Object cached = placements.get(profile.ordinal(), lat, lon);
        if (cached == null) {
            try {
                cached = area.roads().place(profile, "position", unit.position());
            } catch (BluelampException e) {
                cached = e.getMessage();
            }
            placements.put(profile.ordinal(), lat, lon, cached);
        }
        return cached instanceof EdgePlacement p ? p : null;
    }

    /** The search of a profile keeping {@code k} labels per node, made once per thread. */
    private ManyToAllSearch search(TravelProfile profile, int k) {
        ManyToAllSearch s = searches[profile.ordinal()][k];
        if (s == null) {
            // the hierarchy's sweep where GraphHopper prepared one; ManyToAllSearch chooses per query
            s = new ManyToAllSearch(area.graph(profile), k, area.roads().hierarchy(profile));
            searches[profile.ordinal()][k] = s;
        }
        return s;
    }

    /** The kind whose off-road speed a profile's units leave and reach the road at. */
    static UnitKind kindOf(TravelProfile profile) {
        return switch (profile) {
            case CAR, CAR_EMERGENCY -> UnitKind.CAR;
            case FOOT -> UnitKind.FOOT;
            case BIKE -> UnitKind.BICYCLE;
        };
    }

    private int nodeTarget(int node) {
        return area.isUrbanNode(node) ? urbanTargetMillis : ruralTargetMillis;
    }

    private int siteTarget(int site) {
        return area.isUrbanSite(site) ? urbanTargetMillis : ruralTargetMillis;
    }

    private int edgeTarget(int edge) {
        return area.isUrbanEdge(edge) ? urbanTargetMillis : ruralTargetMillis;
    }

    /** Every node's best time, its unit, and the units within its target, over all profiles. */
    private void combineNodes() {
        int nodes = area.nodeCount();
        if (activeCount == 1) {
            // one profile (the usual deployment: cars): its own answers, read in bulk; the counts
            // within target are at most labels, as combineNode caps them
            ProfileRun r = active[0];
            ManyToAllSearch s = r.search;
            s.countWithinPerNode(area.urbanNodeBits(), urbanTargetMillis, ruralTargetMillis, nodeWithin);
            int[] sourceUnit = r.sourceUnit;
            for (int n = 0; n < nodes; n++) {
                int source = s.bestSource(n);
                nodeBest[n] = s.bestMillis(n);
                nodeBestUnit[n] = source < 0 ? -1 : sourceUnit[source];
            }
            return;
        }
        for (int n = 0; n < nodes; n++) {
            combineNode(n);
        }
    }

    /** One node's best time, its unit, and the units within its target, over all profiles. */
    private void combineNode(int n) {
        int best = ManyToAllSearch.UNREACHED;
        int bestUnit = -1;
        int within = 0;
        int target = nodeTarget(n);
        for (int a = 0; a < activeCount; a++) {
            ManyToAllSearch s = active[a].search;
            int t = s.bestMillis(n);
            if (t < best) {
                best = t;
                bestUnit = active[a].sourceUnit[s.bestSource(n)];
            }
            if (t <= target) {
                within += s.countWithin(n, target);
            }
        }
        nodeBest[n] = best;
        nodeBestUnit[n] = bestUnit;
        nodeWithin[n] = (byte) Math.min(within, labels);
    }

    /** As {@link #evaluateSites} with each site node's values computed for that node only. */
    private void evaluateSitesOnly() {
        int sites = area.siteCount();
        for (int site = 0; site < sites; site++) {
            int node = area.siteNode(site);
            if (node >= 0) {
                combineNode(node);
                siteBest[site] = nodeBest[node];
                siteBestUnit[site] = nodeBestUnit[node];
                siteWithin[site] = nodeWithin[node];
            } else {
                evaluatePoint(site);
            }
        }
    }

    /** Every demand site's best time, unit, and units within target. */
    private void evaluateSites() {
        int sites = area.siteCount();
        for (int site = 0; site < sites; site++) {
            int node = area.siteNode(site);
            if (node >= 0) {
                siteBest[site] = nodeBest[node];
                siteBestUnit[site] = nodeBestUnit[node];
                siteWithin[site] = nodeWithin[node];
            } else {
                evaluatePoint(site);
            }
        }
    }

    /** A demand point's placement on the nearest road open to a run's profile, or null when none is near. */
    private EdgePlacement openPlacement(ProfileRun r, int site) {
        try {
            return area.roads()
                    .place(r.profile, "demand", new GeoPoint(area.siteLatDeg(site), area.siteLonDeg(site)), r.closed);
        } catch (BluelampException e) {
            return null;
        }
    }

    /** A demand point: through the ends of its edge on every profile, or straight along it from a unit on it. */
    private void evaluatePoint(int site) {
        int target = siteTarget(site);
        int best = ManyToAllSearch.UNREACHED;
        int bestUnit = -1;
        int seen = 0;
        for (int a = 0; a < activeCount; a++) {
            ProfileRun r = active[a];
            EdgePlacement p = area.sitePlacement(r.profile, site);
            if (p == null) {
                continue;
            }
            if (r.closed != null && (r.closed[p.edgeId() >>> 6] & (1L << p.edgeId())) != 0) {
                // on a closed road: reached at the nearest open point, as the ranking reaches an incident
                p = openPlacement(r, site);
                if (p == null) {
                    continue;
                }
            }
            TravelTimeGraph g = r.graph;
            ManyToAllSearch s = r.search;
            int e = p.edgeId();
            double f = r.factors == null ? 1 : r.factors[e];
            int fwd = scaled(g.edgeFwdMillis(e), f);
            int bwd = scaled(g.edgeBwdMillis(e), f);
            int access = (int) Math.round(p.snapDistanceMetres() / r.offRoadMetresPerSecond * 1000);
            // from the base node along the edge, and from the adjacent node back along it
            for (int end = 0; end < 2; end++) {
                int node = end == 0 ? g.edgeBase(e) : g.edgeAdj(e);
                int full = end == 0 ? fwd : bwd;
                if (full == TravelTimeGraph.CLOSED && (end == 0 ? p.toBaseMetres() : p.toAdjMetres()) > 0) {
                    continue;
                }
                int part = partMillis(g, full, e, end == 0 ? p.toBaseMetres() : p.toAdjMetres());
                for (int i = 0, c = s.labelCount(node); i < c; i++) {
                    long t = (long) s.labelMillis(node, i) + part + access;
                    int unit = r.sourceUnit[s.labelSource(node, i)];
                    if (t < best) {
                        best = (int) t;
                        bestUnit = unit;
                    }
                    if (t <= target) {
                        seen = addDistinct(seen, unit);
                    }
                }
            }
            // units standing on the same edge
            int from = r.hasUnitOn(e) ? firstOnEdge(r, e) : r.sources;
            for (int j = from; j < r.sources && (int) (r.byEdge[j] >>> 32) == e; j++) {
                int src = (int) r.byEdge[j];
                int unit = r.sourceUnit[src];
                EdgePlacement up = unitPlacements[unit];
                double metres = p.toBaseMetres() - up.toBaseMetres();
                int leg = metres >= 0 ? partMillis(g, fwd, e, metres) : partMillis(g, bwd, e, -metres);
                if (leg == TravelTimeGraph.CLOSED) {
                    continue;
                }
                long t = (long) unitStartMillis[unit] + leg + access;
                if (t < best) {
                    best = (int) t;
                    bestUnit = unit;
                }
                if (t <= target) {
                    seen = addDistinct(seen, unit);
                }
            }
        }
        siteBest[site] = best;
        siteBestUnit[site] = bestUnit;
        siteWithin[site] = (byte) Math.min(seen, labels);
    }

    private int addDistinct(int seen, int unit) {
        for (int i = 0; i < seen; i++) {
            if (scratchUnits[i] == unit) {
                return seen;
            }
        }
        if (seen == scratchUnits.length) {
            scratchUnits = Arrays.copyOf(scratchUnits, seen * 2);
        }
        scratchUnits[seen] = unit;
        return seen + 1;
    }

    private static int firstOnEdge(ProfileRun r, int edge) {
        long key = (long) edge << 32;
        int lo = 0;
        int hi = r.sources;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r.byEdge[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int scaled(int millis, double factor) {
        return millis == TravelTimeGraph.CLOSED || factor == 1 ? millis : (int) Math.round(millis * factor);
    }

    /** The time of {@code metres} of an edge whose full time is {@code full}, GraphHopper's way; CLOSED stays. */
    private static int partMillis(TravelTimeGraph g, int full, int edge, double metres) {
        if (metres <= 0) {
            return 0;
        }
        if (full == TravelTimeGraph.CLOSED) {
            return TravelTimeGraph.CLOSED;
        }
        double length = g.edgeDistanceMetres(edge);
        return length <= 0 ? 0 : (int) Math.round(full * (metres / length));
    }

    /**
     * Fills {@link #pieces} with the ways edge {@code e} is reached: from either end on every
     * profile whose units may travel along it that way, and from units standing on it.
     */
    EdgePieces fillPieces(int e) {
        EdgePieces pc = pieces;
        pc.clear();
        for (int a = 0; a < activeCount; a++) {
            ProfileRun r = active[a];
            TravelTimeGraph g = r.graph;
            double length = g.edgeDistanceMetres(e);
            double f = r.factors == null ? 1 : r.factors[e];
            int fwd = scaled(g.edgeFwdMillis(e), f);
            int bwd = scaled(g.edgeBwdMillis(e), f);
            ManyToAllSearch s = r.search;
            int tBase = s.bestMillis(g.edgeBase(e));
            int tAdj = s.bestMillis(g.edgeAdj(e));
            if (fwd != TravelTimeGraph.CLOSED && tBase != ManyToAllSearch.UNREACHED) {
                pc.add(0, length, tBase, (double) tBase + fwd);
            }
            if (bwd != TravelTimeGraph.CLOSED && tAdj != ManyToAllSearch.UNREACHED) {
                pc.add(0, length, (double) tAdj + bwd, tAdj);
            }
            int from = r.hasUnitOn(e) ? firstOnEdge(r, e) : r.sources;
            for (int j = from; j < r.sources && (int) (r.byEdge[j] >>> 32) == e; j++) {
                int unit = r.sourceUnit[(int) r.byEdge[j]];
                double x = Math.min(length, unitPlacements[unit].toBaseMetres());
                double start = unitStartMillis[unit];
                if (length <= 0) {
                    pc.add(0, 0, start, start);
                    continue;
                }
                if (fwd != TravelTimeGraph.CLOSED) {
                    pc.add(x, length, start, start + fwd * (length - x) / length);
                }
                if (bwd != TravelTimeGraph.CLOSED) {
                    pc.add(0, x, start + bwd * x / length, start);
                }
            }
        }
        return pc;
    }

    /** Reached length of every main-network edge: within its target, by band, urban and rural, per beat. */
    private void measureRoads() {
        roadMetres = 0;
        roadWithin = 0;
        urbanMetres = 0;
        urbanWithin = 0;
        Arrays.fill(bandMetres, 0);
        Arrays.fill(beatRoad, 0);
        Arrays.fill(beatRoadWithin, 0);
        int edges = area.edgeCount();
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        TravelTimeGraph g = area.graph(area.roadProfile());
        // the usual edge (one profile, no slowed roads, no unit on it) is measured in locals from
        // the times at its two ends; the others through the general pieces
        ProfileRun one = activeCount == 1 && active[0].factors == null ? active[0] : null;
        UsualEdge ue = usualEdge;
        for (int e = 0; e < edges; e++) {
            if (!area.isMainEdge(e)) {
                continue;
            }
            double length = g.edgeDistanceMetres(e);
            if (length <= 0) {
                continue;
            }
            if (one != null && !one.hasUnitOn(e)) {
                setUsualEdge(ue, one.graph, e);
                sumEdge(e, length, ue);
                continue;
            }
            EdgePieces pc = fillPieces(e);
            boolean urban = area.isUrbanEdge(e);
            // each threshold at or above every piece's times gives the reached length, below them 0:
            // exactly what metresWithin would, without its pass (most edges are reached well within)
            double reached = pc.size() == 0 ? 0 : pc.metresReached();
            double within = metresWithin(pc, edgeTarget(e), reached);
            addRoad(e, length, urban, within);
            double below = 0;
            for (int b = 0; b < limits.length; b++) {
                double upTo = metresWithin(pc, limits[b] * 60_000.0, reached);
                bandMetres[b] += upTo - below;
                below = upTo;
            }
            bandMetres[limits.length] += reached - below;
            bandMetres[limits.length + 1] += length - reached;
        }
    }

    /**
     * Sets {@code ue} to edge {@code e} as {@link #fillPieces} would fill it for the one profile
     * (no slowed roads, no unit on the edge): from either end whose time is known and whose
     * direction is open. With one profile, {@link #nodeBest} holds that profile's best times.
     */
    private void setUsualEdge(UsualEdge ue, TravelTimeGraph rg, int e) {
        int fwd = rg.edgeFwdMillis(e);
        int bwd = rg.edgeBwdMillis(e);
        int tBase = nodeBest[rg.edgeBase(e)];
        int tAdj = nodeBest[rg.edgeAdj(e)];
        ue.set(
                rg.edgeDistanceMetres(e),
                fwd != TravelTimeGraph.CLOSED && tBase != ManyToAllSearch.UNREACHED,
                tBase,
                fwd,
                bwd != TravelTimeGraph.CLOSED && tAdj != ManyToAllSearch.UNREACHED,
                tAdj,
                bwd);
    }

    /** Adds edge {@code e}'s length and its metres within target to the totals: all, urban, its beat's. */
    private void addRoad(int e, double length, boolean urban, double within) {
        roadMetres += length;
        roadWithin += within;
        if (urban) {
            urbanMetres += length;
            urbanWithin += within;
        }
        int beat = area.edgeBeat(e);
        if (beat >= 0) {
            beatRoad[beat] += length;
            beatRoadWithin[beat] += within;
        }
    }

    /** Adds a usual edge's lengths (total, within target, urban, per beat, per band) to the totals. */
    private void sumEdge(int e, double length, UsualEdge ue) {
        boolean urban = area.isUrbanEdge(e);
        double reached = ue.reachedMetres();
        double within = ue.metresWithin(urban ? urbanTargetMillis : ruralTargetMillis);
        addRoad(e, length, urban, within);
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        double[] bands = bandMetres;
        double below = 0;
        for (int b = 0; b < limits.length; b++) {
            double upTo = ue.metresWithin(limits[b] * 60_000.0);
            bands[b] += upTo - below;
            below = upTo;
        }
        bands[limits.length] += reached - below;
        bands[limits.length + 1] += length - reached;
    }

    /** {@code pc.metresWithin(millis)}, read off the pieces' time range where that decides it. */
    private static double metresWithin(EdgePieces pc, double millis, double reached) {
        if (millis >= pc.maxMillis()) {
            return reached;
        }
        if (millis < pc.minMillis()) {
            return 0;
        }
        return pc.metresWithin(millis);
    }

    /** Demand totals, bands, counts, MEXCLP, per beat, and each unit's sole coverage. */
    private void sumDemand() {
        demandWeight = 0;
        demandWithin = 0;
        expectedWeight = 0;
        Arrays.fill(bandWeight, 0);
        Arrays.fill(withinByCount, 0);
        Arrays.fill(beatDemand, 0);
        Arrays.fill(beatDemandWithin, 0);
        Arrays.fill(beatExpected, 0);
        Arrays.fill(beatWorstMillis, Double.NaN);
        double q = busyFraction;
        double[] qPow = UnitPlacement.powers(Double.isNaN(q) ? 0 : q, MAX_LABELS);
        int sites = area.siteCount();
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        for (int site = 0; site < sites; site++) {
            double w = area.siteWeight(site);
            int best = siteBest[site];
            int within = best <= siteTarget(site) ? siteWithin[site] : 0;
            demandWeight += w;
            int band = limits.length + 1;
            if (best != ManyToAllSearch.UNREACHED) {
                band = limits.length;
                for (int b = 0; b < limits.length; b++) {
                    if (best < limits[b] * 60_000) {
                        band = b;
                        break;
                    }
                }
            }
            bandWeight[band] += w;
            withinByCount[Math.min(3, within)] += w;
            double expected = Double.isNaN(q) ? 0 : w * (1 - UnitPlacement.pow(qPow, q, within));
            expectedWeight += expected;
            if (within > 0) {
                demandWithin += w;
            }
            if (within == 1) {
                unitOnlyWeight[siteBestUnit[site]] += w;
            }
            int beat = area.siteBeat(site);
            if (beat >= 0) {
                beatDemand[beat] += w;
                beatExpected[beat] += expected;
                if (within > 0) {
                    beatDemandWithin[beat] += w;
                }
                double t = best == ManyToAllSearch.UNREACHED ? Double.POSITIVE_INFINITY : best;
                if (Double.isNaN(beatWorstMillis[beat]) || t > beatWorstMillis[beat]) {
                    beatWorstMillis[beat] = t;
                }
            }
        }
        if (Double.isNaN(q)) {
            expectedWeight = Double.NaN;
        }
    }

    private void requireFullRun() {
        if (countsOnly) {
            throw new IllegalStateException("the last run counted units at demand sites only (runCounts)");
        }
    }

    /** Share of road length within target of the last run. */
    public double roadShare() {
        requireFullRun();
        return roadMetres > 0 ? roadWithin / roadMetres : 0;
    }

    /** Share of demand within target of the last run. */
    public double demandShare() {
        requireFullRun();
        return demandWeight > 0 ? demandWithin / demandWeight : 0;
    }

    /** MEXCLP expected share of the last run (NaN without q). */
    public double expectedShare() {
        requireFullRun();
        return demandWeight > 0 ? expectedWeight / demandWeight : Double.NaN;
    }

    /** Total demand weight. */
    public double demandWeight() {
        requireFullRun();
        return demandWeight;
    }

    /** Labels kept per node in the last run. */
    public int labels() {
        return labels;
    }

    // ------------------------------------------------------------------ read by outputs and live coverage

    /** The last run's best time at a node, ms ({@link ManyToAllSearch#UNREACHED} when none). */
    int nodeBestMillis(int node) {
        return nodeBest[node];
    }

    /** The unit (index in the deployment) giving a node its best time, or -1. */
    int nodeBestUnit(int node) {
        return nodeBestUnit[node];
    }

    /** Units within the node's target (capped at {@link #labels()}). */
    int nodeWithin(int node) {
        return nodeWithin[node];
    }

    int siteBestMillis(int site) {
        return siteBest[site];
    }

    int siteBestUnit(int site) {
        return siteBestUnit[site];
    }

    int siteWithin(int site) {
        return site < 0 ? 0 : siteBest[site] <= siteTarget(site) ? siteWithin[site] : 0;
    }

    /** The road conditions of the last run on the road profile (the network coverage measures). */
    EdgeConditions roadConditions() {
        return lastConditions == null ? EdgeConditions.NONE : lastConditions.forProfile(area.roadProfile());
    }

    int edgeTargetMillis(int edge) {
        return edgeTarget(edge);
    }

    int siteTargetMillis(int site) {
        return siteTarget(site);
    }

    /** Units within target of every demand site in the last run (capped at {@link #labels()}), for placement. */
    public int[] siteCounts() {
        int[] out = new int[area.siteCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = siteWithin(i);
        }
        return out;
    }

    /** Demand weight only unit {@code u} reaches within target (last run). */
    double unitOnlyWeight(int u) {
        return unitOnlyWeight[u];
    }

    /** Whether unit {@code u} counted in the last run. */
    boolean unitCounted(int u) {
        return unitProfile[u] >= 0;
    }

    /** Where unit {@code u} was placed in the last run, or null. */
    EdgePlacement unitPlacement(int u) {
        return unitPlacements[u];
    }

    List<PlannedUnit> units() {
        return units;
    }

    GradePolicy grade() {
        return grade;
    }

    // ------------------------------------------------------------------ the answer

    /** The report of the last run. */
    public CoverageReport report(String name) {
        requireFullRun();
        List<CoverageReport.BeatCoverage> beatList = new ArrayList<>();
        List<Beats.Beat> beats = area.beats().list();
        for (int b = 0; b < beats.size(); b++) {
            beatList.add(new CoverageReport.BeatCoverage(
                    beats.get(b).id(),
                    beats.get(b).name(),
                    beatRoad[b] / 1000,
                    beatRoadWithin[b] / 1000,
                    beatDemand[b],
                    beatDemandWithin[b],
                    Double.isNaN(busyFraction) ? Double.NaN : beatExpected[b],
                    beatWorstMillis[b] / 1000));
        }
        double[] bandKm = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            bandKm[b] = bandMetres[b] / 1000;
        }
        CoverageReport.RoadCoverage road = new CoverageReport.RoadCoverage(
                roadMetres / 1000,
                roadWithin / 1000,
                urbanMetres / 1000,
                urbanWithin / 1000,
                (roadMetres - urbanMetres) / 1000,
                (roadWithin - urbanWithin) / 1000,
                bandKm);
        CoverageReport.DemandCoverage demand = new CoverageReport.DemandCoverage(
                area.demand().description(),
                demandWeight,
                demandWithin,
                bandWeight.clone(),
                withinByCount.clone(),
                busyFraction,
                expectedWeight,
                Double.isNaN(busyFraction) ? 0 : Math.pow(busyFraction, labels),
                area.unplacedDemandPoints());
        List<CoverageReport.UnitCoverage> unitList = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) {
            PlannedUnit unit = units.get(u);
            TravelProfile profile = Dispatcher.profileFor(unit.kind(), grade);
            boolean counted = unitProfile[u] >= 0;
            unitList.add(new CoverageReport.UnitCoverage(
                    unit.id(),
                    unit.kind().name().toLowerCase(Locale.ROOT),
                    unit.status().name().toLowerCase(Locale.ROOT),
                    profile.profileName(),
                    counted,
                    unitExclusion[u],
                    counted ? unitStartMillis[u] / 1000.0 : Double.NaN,
                    unitSnapMetres[u],
                    unitOnlyWeight[u]));
        }
        return new CoverageReport(
                name,
                grade.code(),
                grade.name(),
                urbanTargetMillis / 1000.0,
                ruralTargetMillis / 1000.0,
                road,
                demand,
                beatList,
                worstPlaces(),
                unitList,
                labels,
                settledLabels,
                runNanos / 1e6);
    }

    /** The worst-served demand places, worst first, at least {@link CoverageReport#WORST_SEPARATION_METRES} apart. */
    private List<CoverageReport.WorstPlace> worstPlaces() {
        // the WORST_CANDIDATES slowest placed sites, by a min-heap of (time << 32 | site)
        int size = 0;
        long[] heap = worstHeap;
        for (int site = 0; site < area.siteCount(); site++) {
            if (area.siteNode(site) < 0 && !placedSomewhere(site)) {
                continue;
            }
            long key = ((long) siteBest[site] << 32) | site;
            if (size < heap.length) {
                heap[size++] = key;
                if (size == heap.length) {
                    Arrays.sort(heap);
                }
            } else if (key > heap[0]) {
                heap[0] = key;
                siftDown(heap, size);
            }
        }
        long[] sorted = Arrays.copyOf(heap, size);
        Arrays.sort(sorted);
        List<CoverageReport.WorstPlace> out = new ArrayList<>();
        List<Beats.Beat> beats = area.beats().list();
        for (int i = sorted.length - 1; i >= 0 && out.size() < WORST_LISTED; i--) {
            int site = (int) sorted[i];
            double lat = area.siteLatDeg(site);
            double lon = area.siteLonDeg(site);
            boolean far = true;
            for (CoverageReport.WorstPlace w : out) {
                if (GeoDistance.equirectangularMetres(lat, lon, w.latDeg(), w.lonDeg())
                        < CoverageReport.WORST_SEPARATION_METRES) {
                    far = false;
                    break;
                }
            }
            if (!far) {
                continue;
            }
            int best = siteBest[site];
            int beat = area.siteBeat(site);
            out.add(new CoverageReport.WorstPlace(
                    lat,
                    lon,
                    best == ManyToAllSearch.UNREACHED ? Double.POSITIVE_INFINITY : best / 1000.0,
                    siteTarget(site) / 1000.0,
                    area.isUrbanSite(site),
                    beat < 0 ? "" : beats.get(beat).id(),
                    area.siteWeight(site)));
        }
        return out;
    }

    private boolean placedSomewhere(int site) {
        for (TravelProfile p : TravelProfile.values()) {
            if (area.sitePlacement(p, site) != null) {
                return true;
            }
        }
        return false;
    }

    private static void siftDown(long[] h, int n) {
        int i = 0;
        long x = h[0];
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && h[c + 1] < h[c]) {
                c++;
            }
            if (x <= h[c]) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = x;
    }
}
