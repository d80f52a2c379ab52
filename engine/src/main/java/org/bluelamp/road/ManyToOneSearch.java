package org.bluelamp.road;

import java.util.Arrays;
import org.bluelamp.geo.GeoDistance;

/**
 * Travel times from many sources (units placed on the road graph) to one target (an incident)
 * in a single search: Dijkstra's algorithm run backwards from the target over the reversed graph,
 * settling road nodes in order of travel time to the target. Each source sits on an edge and is
 * attached to that edge's end nodes with the time of its partial leg; its road time is found when
 * an end node is settled. A source is <em>confirmed</em> once no other source could still have a
 * smaller total (road time plus extra time): its total is not above the smallest tentative node
 * time in the queue (the frontier), or is below the frontier plus the least extra time and shorter
 * end leg of the sources not yet confirmed (a unit's mobilisation, off-road leg or the incident's
 * access leg cannot be gained back on the road, so the search need not settle the streets that
 * time would cover). Sources are confirmed exactly in order of total time, and the search stops
 * as soon as its {@link Goal} has what it needs. Every time is exact: the same milliseconds
 * GraphHopper's own route gives for the same profile and points.
 *
 * <p>All state lives in primitive arrays sized to the graph once and reset only where the last
 * query touched them: a query allocates nothing proportional to the graph. Not thread-safe: use
 * one instance per thread (they are cheap to keep in a {@code ThreadLocal} or a pool).
 *
 * <p>Road conditions come per query: {@link #start(EdgePlacement, EdgeConditions)} searches with
 * an {@link EdgeConditions}' closed edges and scaled times (read from arrays it computed once,
 * nothing is multiplied here), and {@link #blockEdges} closes further edges for one query (a
 * console's "what if this road is shut"). A source on a closed edge may still leave along its own
 * edge to either end (a unit already inside a closure drives out the way it can); beyond, closed
 * edges are not travelled. The search records the smallest time at which it met an edge the
 * conditions touch ({@link #conditionsMetMillis}): every source confirmed below it has the time it
 * would have without closures and slowdowns. The search
 * knows no GraphHopper type: a route comes out as nodes and edges ({@link #path}), which
 * {@link RoadNetwork#geometry} draws; tests run it on graphs drawn from arrays.
 */
public final class ManyToOneSearch {
    /** What a search is for: told of each confirmed source in order, it says when to stop. */
    @FunctionalInterface
    public interface Goal {
        /**
         * Called once per confirmed source, in increasing order of total time.
         *
         * @return true to stop the search: nothing more is needed
         */
        boolean accept(int source, int totalMillis);
    }

    private static final int UNREACHED = Integer.MAX_VALUE;

    private final TravelTimeGraph graph;
    private final EdgeConditions plain;
    private final int[] inOffset;
    private final int[] inTail;
    private final int[] inEdge;
    private final double[] nodeLat;
    private final double[] nodeLon;
    private final float[] longestEdge;

    // the region covered this query (see coverMetres): centre, the cosine the distances use, and
    // the largest node distance (by that cosine) plus the node's longest edge so far
    private double centreLat;
    private double centreLon;
    private double coverCos;
    private double coverRawMetres;
    private boolean trackCover = true;
    /** Whether the cover is kept up to date as nodes settle (from its first use in a query). */
    private boolean coverLive;

    // this query's conditions
    private EdgeConditions conditions;
    private int[] arcMillis;
    private long[] blocked;
    private long[] marked;
    private int conditionsMetMillis;
    private long[] unionBlocked;
    private long[] unionMarked;

    // per node
    private final int[] nodeMillis;
    private final int[] parentEdge;
    private final int[] attachHead;
    private final boolean[] settled;
    private int[] touched;
    private int touchedCount;

    // per attachment (a source on an end node of its edge)
    private int[] attachNext = new int[64];
    private int[] attachSource = new int[64];
    private int[] attachMillis = new int[64];
    private double[] attachMetres = new double[64];
    private int attachCount;

    // per source
    private EdgePlacement[] sourcePlacement = new EdgePlacement[32];
    private int[] sourceExtraMillis = new int[32];
    private int[] sourceRoadMillis = new int[32];
    private double[] sourcePartialMetres = new double[32];
    private int[] sourceVia = new int[32];
    private boolean[] sourceConfirmed = new boolean[32];
    private int sourceCount;
    /**
     * Unconfirmed sources by their extra time plus the shorter leg to an end node they attach to
     * (packed key and source; confirmed ones are dropped when they reach the top): a source not yet
     * proven has a total of at least the frontier plus this, which lets a source be confirmed before
     * the frontier reaches its total (see {@link #confirmUpTo}).
     */
    private final LongMinHeap openKeys = new LongMinHeap(64);

    private final LongMinHeap queue;
    private final LongMinHeap pending = new LongMinHeap(64);
    private int[] confirmed = new int[32];
    private int confirmedCount;

    private EdgePlacement target;
    private int settledNodes;
    private boolean confirmByExtraTimes = true;
    private boolean exhausted;

    /** A search over {@code graph}; allocates its per-node arrays once. */
    public ManyToOneSearch(TravelTimeGraph graph) {
        this.graph = graph;
        this.inOffset = graph.inOffset();
        this.inTail = graph.inTail();
        this.inEdge = graph.inEdge();
        this.nodeLat = graph.nodeLatitudes();
        this.nodeLon = graph.nodeLongitudes();
        this.longestEdge = graph.longestEdgeMetres();
        this.plain = EdgeConditions.none(graph);
        this.conditions = plain;
        this.arcMillis = plain.arcMillis();
        int n = graph.nodeCount();
        nodeMillis = new int[n];
        parentEdge = new int[n];
        attachHead = new int[n];
        settled = new boolean[n];
        Arrays.fill(nodeMillis, UNREACHED);
        Arrays.fill(attachHead, -1);
        touched = new int[256];
        queue = new LongMinHeap(1024);
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    /** Starts a new query towards {@code target} without conditions, forgetting the previous one. */
    public void start(EdgePlacement target) {
        start(target, plain);
    }

    /**
     * Starts a new query towards {@code target} under {@code conditions} (of this search's graph),
     * forgetting the previous one. The target's own edge is travelled at its scaled time even when
     * closed: place an incident inside a closure at the nearest open point first
     * ({@link RoadNetwork#place(TravelProfile, String, org.bluelamp.geo.GeoPoint, long[])}).
     */
    public void start(EdgePlacement target, EdgeConditions conditions) {
        if (conditions.graph() != graph) {
            throw new IllegalArgumentException("conditions of another graph: " + conditions);
        }
        for (int i = 0; i < touchedCount; i++) {
            int node = touched[i];
            nodeMillis[node] = UNREACHED;
            attachHead[node] = -1;
            settled[node] = false;
        }
        touchedCount = 0;
        Arrays.fill(sourcePlacement, 0, sourceCount, null);
        sourceCount = 0;
        attachCount = 0;
        confirmedCount = 0;
        queue.clear();
        pending.clear();
        openKeys.clear();
        this.conditions = conditions;
        this.arcMillis = conditions.arcMillis();
        this.blocked = conditions.closedEdges();
        this.marked = conditions.markedEdges();
        settledNodes = 0;
        exhausted = false;
        this.target = target;
        int e = target.edgeId();
        centreLat = target.snapped().latDeg();
        centreLon = target.snapped().lonDeg();
        coverCos = Math.cos(Math.toRadians(Math.min(graph.minAbsLatDeg(), Math.min(90, Math.abs(centreLat)))));
        coverRawMetres = 0;
        coverLive = false;
        conditionsMetMillis = conditions.isMarked(e) ? 0 : UNREACHED;
        int fromBase = conditions.millisFromBase(target);
        if (fromBase != TravelTimeGraph.CLOSED) {
            improve(graph.edgeBase(e), fromBase, -1);
        }
        int fromAdj = conditions.millisFromAdj(target);
        if (fromAdj != TravelTimeGraph.CLOSED) {
            improve(graph.edgeAdj(e), fromAdj, -1);
        }
    }

    /**
     * Closes edges for this query only, besides those its conditions close (a bit set over edge
     * ids: bit {@code e % 64} of word {@code e / 64}); call after {@link #start} and before
     * {@link #run}. With conditions that close or mark edges already, the two sets are merged into
     * arrays this search keeps (sized to the graph once, then reused).
     */
    public void blockEdges(long[] edgeBits) {
        int words = EdgeConditions.words(graph.edgeCount());
        if (edgeBits.length < words) {
            throw new IllegalArgumentException("edgeBits has " + edgeBits.length + " words; " + words + " needed");
        }
        if (blocked == null && marked == null) {
            blocked = edgeBits;
            marked = edgeBits;
            return;
        }
        if (unionBlocked == null) {
            unionBlocked = new long[words];
            unionMarked = new long[words];
        }
        long[] b = conditions.closedEdges();
        long[] m = conditions.markedEdges();
        for (int i = 0; i < words; i++) {
            unionBlocked[i] = (b == null ? 0 : b[i]) | edgeBits[i];
            unionMarked[i] = (m == null ? 0 : m[i]) | edgeBits[i];
        }
        blocked = unionBlocked;
        marked = unionMarked;
    }

    /**
     * Adds a source. Call after {@link #start}; sources may be added between calls to
     * {@link #run} too (a source whose end node is already settled gets its time at once), as
     * long as no source added later could have a total time below the ceiling of an earlier run.
     *
     * @param placement where the source is on this search's graph
     * @param extraMillis time added to its road time when ranking (e.g. mobilisation, off-road leg)
     * @return the source's index in this query, 0, 1, 2, ... in the order added
     */
    public int addSource(EdgePlacement placement, int extraMillis) {
        if (extraMillis < 0) {
            throw new IllegalArgumentException("extraMillis must be >= 0, got " + extraMillis);
        }
        int s = sourceCount++;
        if (s == sourcePlacement.length) {
            int len = s * 2;
            sourcePlacement = Arrays.copyOf(sourcePlacement, len);
            sourceExtraMillis = Arrays.copyOf(sourceExtraMillis, len);
            sourceRoadMillis = Arrays.copyOf(sourceRoadMillis, len);
            sourcePartialMetres = Arrays.copyOf(sourcePartialMetres, len);
            sourceVia = Arrays.copyOf(sourceVia, len);
            sourceConfirmed = Arrays.copyOf(sourceConfirmed, len);
        }
        sourcePlacement[s] = placement;
        sourceExtraMillis[s] = extraMillis;
        sourceRoadMillis[s] = UNREACHED;
        sourcePartialMetres[s] = Double.NaN;
        sourceVia[s] = -1;
        sourceConfirmed[s] = false;
        int e = placement.edgeId();
        if (e == target.edgeId()) {
            int direct = conditions.millisAlongEdge(placement, target);
            if (direct != TravelTimeGraph.CLOSED) {
                sourceRoadMillis[s] = direct;
                sourcePartialMetres[s] = Math.abs(placement.toBaseMetres() - target.toBaseMetres());
                sourceVia[s] = -2;
                pending.push(LongMinHeap.pack(direct + extraMillis, s));
            }
        }
        int toBase = conditions.millisToBase(placement);
        long shorterLeg = Integer.MAX_VALUE;
        if (toBase != TravelTimeGraph.CLOSED) {
            attach(graph.edgeBase(e), s, toBase, placement.toBaseMetres());
            shorterLeg = toBase;
        }
        int toAdj = conditions.millisToAdj(placement);
        if (toAdj != TravelTimeGraph.CLOSED) {
            attach(graph.edgeAdj(e), s, toAdj, placement.toAdjMetres());
            shorterLeg = Math.min(shorterLeg, toAdj);
        }
        openKeys.push(LongMinHeap.pack((int) Math.min(Integer.MAX_VALUE, shorterLeg + extraMillis), s));
        return s;
    }

    private void attach(int node, int source, int millis, double metres) {
        if (settled[node]) {
            int road = nodeMillis[node] + millis;
            if (road < sourceRoadMillis[source]) {
                sourceRoadMillis[source] = road;
                sourcePartialMetres[source] = metres;
                sourceVia[source] = node;
                pending.push(LongMinHeap.pack(road + sourceExtraMillis[source], source));
            }
            return;
        }
        if (attachCount == attachNext.length) {
            int len = attachCount * 2;
            attachNext = Arrays.copyOf(attachNext, len);
            attachSource = Arrays.copyOf(attachSource, len);
            attachMillis = Arrays.copyOf(attachMillis, len);
            attachMetres = Arrays.copyOf(attachMetres, len);
        }
        int a = attachCount++;
        touch(node);
        attachNext[a] = attachHead[node];
        attachSource[a] = source;
        attachMillis[a] = millis;
        attachMetres[a] = metres;
        attachHead[node] = a;
    }

    private void touch(int node) {
        if (nodeMillis[node] == UNREACHED && attachHead[node] == -1) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = node;
        }
    }

    private void improve(int node, int millis, int viaEdge) {
        touch(node);
        nodeMillis[node] = millis;
        parentEdge[node] = viaEdge;
        queue.push(LongMinHeap.pack(millis, node));
    }

    /**
     * Runs (or resumes) the search. Confirms sources in order of total time while each is proven
     * (see the class comment) and at most {@code ceilingMillis}, and stops when
     * {@code goal} says so, when the next node to settle is beyond the ceiling (the caller may add
     * sources and resume with a higher ceiling), or when every reachable node is settled.
     *
     * @param ceilingMillis no source not yet added can have a total time below this; confirmations
     *     never pass it. {@code Integer.MAX_VALUE} when every source has been added.
     * @return true when the goal was met
     */
    public boolean run(Goal goal, int ceilingMillis) {
        while (true) {
            while (!queue.isEmpty() && LongMinHeap.key(queue.peek()) > nodeMillis[LongMinHeap.id(queue.peek())]) {
                queue.poll(); // a stale entry: the node was reached faster since
            }
            int frontier = queue.isEmpty() ? Integer.MAX_VALUE : LongMinHeap.key(queue.peek());
            if (confirmUpTo(frontier, ceilingMillis, goal)) {
                return true;
            }
            if (queue.isEmpty()) {
                exhausted = true;
                return false;
            }
            if (frontier > ceilingMillis) {
                return false;
            }
            long top = queue.poll();
            int millis = LongMinHeap.key(top);
            int node = LongMinHeap.id(top);
            settled[node] = true;
            settledNodes++;
            if (coverLive) {
                cover(node);
            }
            for (int a = attachHead[node]; a >= 0; a = attachNext[a]) {
                int s = attachSource[a];
                int road = millis + attachMillis[a];
                if (road < sourceRoadMillis[s]) {
                    sourceRoadMillis[s] = road;
                    sourcePartialMetres[s] = attachMetres[a];
                    sourceVia[s] = node;
                    pending.push(LongMinHeap.pack(road + sourceExtraMillis[s], s));
                }
            }
            long[] marks = marked;
            int[] arcs = arcMillis;
            for (int i = inOffset[node], end = inOffset[node + 1]; i < end; i++) {
                int edge = inEdge[i];
                if (marks != null && (marks[edge >>> 6] & (1L << edge)) != 0) {
                    if (conditionsMetMillis == UNREACHED) {
                        conditionsMetMillis = millis; // nodes settle in time order: the first is the least
                    }
                    if (blocked != null && (blocked[edge >>> 6] & (1L << edge)) != 0) {
                        continue;
                    }
                }
                int tail = inTail[i];
                int next = millis + arcs[i];
                if (next < nodeMillis[tail]) {
                    improve(tail, next, edge);
                }
            }
        }
    }

    /** Widens the covered region to the edges at a node (see {@link #coverMetres}). */
    private void cover(int node) {
        double dLat = nodeLat[node] - centreLat;
        double dLon = (nodeLon[node] - centreLon) * coverCos;
        double d = Math.sqrt(dLat * dLat + dLon * dLon) * GeoDistance.METRES_PER_DEGREE + longestEdge[node];
        if (d > coverRawMetres) {
            coverRawMetres = d;
        }
    }

    /**
     * A great-circle radius around the target's snapped point that holds every point of every
     * edge at a node settled so far and of the target's own edge (its end nodes count as settled
     * here). With {@link #frontierMillis} it bounds the road time of a source placed outside it:
     * such a source's route leaves its own edge at a node not settled, and reaches the first settled
     * node of the route (or the target's edge) from a node {@code p} not settled but within this
     * radius, whose time to the target is at least the frontier; so the route takes at least the
     * frontier plus its time to {@code p}, at least as far as the source is beyond this radius
     * ({@code ReachBound} in the dispatcher turns that into a time).
     *
     * <p>Each node's distance is measured on the plane with the cosine of the smallest absolute
     * latitude of the target and the graph's nodes, which bounds the haversine from above up to the
     * factor {@code 1 / sqrt(1 - (d / 2R)^2)} applied here; each edge adds its
     * {@link TravelTimeGraph#longestEdgeMetres longest} length at the node. Computed from the
     * settled nodes on its first call in a query, then kept as nodes settle (a query that never
     * asks pays nothing).
     */
    public double coverMetres() {
        if (!trackCover) {
            return Double.POSITIVE_INFINITY;
        }
        if (!coverLive) {
            // first use this query: the nodes settled so far (all touched), then kept as they settle
            int e = target.edgeId();
            cover(graph.edgeBase(e));
            cover(graph.edgeAdj(e));
            for (int i = 0; i < touchedCount; i++) {
                if (settled[touched[i]]) {
                    cover(touched[i]);
                }
            }
            coverLive = true;
        }
        double y = coverRawMetres / (2 * GeoDistance.EARTH_RADIUS_METRES);
        if (y >= 0.5) {
            return Double.POSITIVE_INFINITY;
        }
        return coverRawMetres / Math.sqrt(1 - y * y) * (1 + 1e-9);
    }

    /**
     * The least tentative time of a node not settled (the frontier), ms: every node not settled
     * has a time to the target of at least this. {@code Integer.MAX_VALUE} when every reachable
     * node is settled.
     */
    public int frontierMillis() {
        while (!queue.isEmpty() && LongMinHeap.key(queue.peek()) > nodeMillis[LongMinHeap.id(queue.peek())]) {
            queue.poll();
        }
        return queue.isEmpty() ? Integer.MAX_VALUE : LongMinHeap.key(queue.peek());
    }

    /**
     * Confirms pending sources in order of total time while each is proven, up to {@code
     * ceilingMillis}; true when the goal is met. A pending source's total {@code t} is proven when
     * {@code t <= frontier}, or when {@code t < frontier + k} for {@code k} the least extra time plus
     * shorter end leg of the unconfirmed sources: every unconfirmed source's road time is either its
     * tentative one (its total then pending, not below {@code t}) or reached through a node not yet
     * settled, at least {@code frontier} plus its end leg, so its total is at least {@code frontier
     * + k > t}. That includes the source itself, whose tentative road time is then final. The strict
     * bound keeps ties in the order the frontier alone gives (by source index among equal totals):
     * any source whose total equals {@code t} is already pending.
     */
    private boolean confirmUpTo(int frontierMillis, int ceilingMillis, Goal goal) {
        while (!pending.isEmpty()) {
            long p = pending.peek();
            int total = LongMinHeap.key(p);
            if (total > ceilingMillis) {
                return false;
            }
            if (total > frontierMillis) {
                if (!confirmByExtraTimes) {
                    return false;
                }
                while (!openKeys.isEmpty() && sourceConfirmed[LongMinHeap.id(openKeys.peek())]) {
                    openKeys.poll();
                }
                long proven =
                        openKeys.isEmpty() ? Long.MAX_VALUE : (long) frontierMillis + LongMinHeap.key(openKeys.peek());
                if (total >= proven) {
                    return false;
                }
            }
            pending.poll();
            int s = LongMinHeap.id(p);
            if (sourceConfirmed[s] || total != sourceRoadMillis[s] + sourceExtraMillis[s]) {
                continue;
            }
            sourceConfirmed[s] = true;
            if (confirmedCount == confirmed.length) {
                confirmed = Arrays.copyOf(confirmed, confirmedCount * 2);
            }
            confirmed[confirmedCount++] = s;
            if (goal.accept(s, total)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether sources may be confirmed below the frontier by the extra times of those not yet
     * confirmed (see the class comment; on by default). Off, a source is confirmed only once the
     * frontier reaches its total, as before that rule: for benchmarks measuring the rule in the
     * same run. The answers are the same either way; only where the search stops differs.
     */
    public void setConfirmByExtraTimes(boolean on) {
        this.confirmByExtraTimes = on;
    }

    /**
     * Whether the search keeps its {@link #coverMetres} (on by default; one distance per settled
     * node once asked for). Off, the cover is unbounded (nothing is proven outside it): for benchmarks measuring
     * the search as it was before the cover, in the same run. Set before {@link #start}.
     */
    public void setCoverTracking(boolean on) {
        this.trackCover = on;
    }

    /** Sources confirmed by the last run, in increasing order of total time. */
    public int confirmedCount() {
        return confirmedCount;
    }

    /** The {@code i}-th confirmed source of the last run. */
    public int confirmedSource(int i) {
        return confirmed[i];
    }

    /** Whether the last run proved this source's time (see the class comment). */
    public boolean isConfirmed(int source) {
        return sourceConfirmed[source];
    }

    /** Road time of a confirmed source to the target, in milliseconds. */
    public int roadMillis(int source) {
        return sourceRoadMillis[source];
    }

    /**
     * Road distance of a confirmed source's fastest route to the target, in metres: its partial
     * edge, the edges of the search tree from its end node to the target's edge, and the target's
     * partial edge. Computed on request (the search itself tracks only times).
     */
    public double roadMetres(int source) {
        int node = sourceVia[source];
        if (node == -2) {
            return sourcePartialMetres[source]; // along the target's own edge
        }
        if (node < 0) {
            return Double.NaN;
        }
        double metres = sourcePartialMetres[source];
        while (parentEdge[node] >= 0) {
            int edge = parentEdge[node];
            metres += graph.edgeDistanceMetres(edge);
            node = graph.otherNode(edge, node);
        }
        int e = target.edgeId();
        return metres + (node == graph.edgeBase(e) ? target.toBaseMetres() : target.toAdjMetres());
    }

    /**
     * Whether the search has settled every node it can reach. After a run with an unlimited
     * ceiling, a source still unconfirmed then has no route to the target.
     */
    public boolean exhausted() {
        return exhausted;
    }

    /**
     * The smallest node time at which this query's search met an edge that its closures or
     * slowdowns touch ({@link EdgeConditions#markedEdges}, and edges closed with
     * {@link #blockEdges}), or {@code Integer.MAX_VALUE} if it met none: 0 when the target's own
     * edge is touched. A source whose road time is below this, and whose own edge is untouched, has
     * the time it would have without those conditions (every node settled before the first
     * touched edge was met was settled exactly as without them, and a route faster than that time
     * passes only such nodes).
     */
    public int conditionsMetMillis() {
        return conditionsMetMillis;
    }

    /** The conditions of this query (none when started without). */
    public EdgeConditions conditions() {
        return conditions;
    }

    /** Road nodes settled by the last run: the measure of its work. */
    public int settledNodes() {
        return settledNodes;
    }

    public int sourceCount() {
        return sourceCount;
    }

    /**
     * The route of a confirmed source to the target through the search tree: its placement, the
     * nodes and edges it travels, the target's placement ({@link RoadNetwork#geometry} draws it).
     * Allocates; meant for the few units an answer lists.
     */
    public RoadPath path(int source) {
        if (!sourceConfirmed[source]) {
            throw new IllegalStateException("source " + source + " is not confirmed");
        }
        int first = sourceVia[source];
        if (first < 0) {
            return new RoadPath(sourcePlacement[source], new int[0], new int[0], target);
        }
        int hops = 0;
        for (int node = first; parentEdge[node] >= 0; node = graph.otherNode(parentEdge[node], node)) {
            hops++;
        }
        int[] nodes = new int[hops + 1];
        int[] edges = new int[hops];
        int node = first;
        nodes[0] = node;
        for (int i = 0; i < hops; i++) {
            edges[i] = parentEdge[node];
            node = graph.otherNode(edges[i], node);
            nodes[i + 1] = node;
        }
        return new RoadPath(sourcePlacement[source], nodes, edges, target);
    }
}
