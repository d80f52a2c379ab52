package org.bluelamp.road;

import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;

/**
 * One profile's road graph as primitive arrays, for the engine's own searches: per edge its end
 * nodes, distance and travel time in each direction (the same milliseconds GraphHopper's
 * weighting gives, so that the engine's times agree with GraphHopper's routes), the reversed
 * adjacency in compressed sparse row form for searches that run backwards from an incident, and the
 * forward adjacency in the same form for searches that run outwards from units (coverage).
 *
 * <p>Node and edge ids are GraphHopper's when the graph comes from a {@link RoadNetwork}
 * ({@link #build}); tests draw small graphs with {@link #fromArrays}. An edge
 * direction a profile may not use has time {@link #CLOSED}. The graph knows no GraphHopper type:
 * placing points on it and drawing routes are the {@link RoadNetwork}'s job.
 *
 * <p>Besides times, the graph states two numbers that let a search prove a lower bound on any
 * travel time from a straight-line distance (see {@link #maxMetresPerSecond} and
 * {@link #speedSlackMetres}).
 *
 * <p>Built once per profile; immutable and safe to share between threads.
 */
public final class TravelTimeGraph {
    /** Marks a direction the profile may not travel. */
    public static final int CLOSED = -1;

    /** Edges shorter than this do not count towards the top speed (their times are mostly rounding). */
    static final double TOP_SPEED_MIN_EDGE_METRES = 20;
    /** The top speed is the fastest edge's speed times this. */
    static final double TOP_SPEED_MARGIN = 1.01;

    private final TravelProfile profile;
    private final int nodeCount;
    private final double[] nodeLatDeg;
    private final double[] nodeLonDeg;
    private final int[] edgeBase;
    private final int[] edgeAdj;
    private final int[] edgeFwdMillis;
    private final int[] edgeBwdMillis;
    private final double[] edgeDistanceMetres;
    // reversed adjacency: the arcs (tail -> node) arriving at node are inOffset[node] .. inOffset[node+1]-1
    private final int[] inOffset;
    private final int[] inTail;
    private final int[] inEdge;
    private final int[] inMillis;
    // forward adjacency: the arcs (node -> head) leaving node are outOffset[node] .. outOffset[node+1]-1
    private final int[] outOffset;
    private final int[] outHead;
    private final int[] outEdge;
    private final int[] outMillis;
    private final double maxMetresPerSecond;
    private final double speedSlackMetres;
    /** Per node, the longest edge at it, metres, rounded up: see {@link #longestEdgeMetres}. */
    private final float[] longestEdgeMetres;
    /** The smallest absolute latitude of any node, degrees. */
    private final double minAbsLatDeg;

    private TravelTimeGraph(
            TravelProfile profile,
            double[] nodeLatDeg,
            double[] nodeLonDeg,
            int[] edgeBase,
            int[] edgeAdj,
            double[] edgeDistanceMetres,
            int[] edgeFwdMillis,
            int[] edgeBwdMillis) {
        this.profile = profile;
        this.nodeCount = nodeLatDeg.length;
        this.nodeLatDeg = nodeLatDeg;
        this.nodeLonDeg = nodeLonDeg;
        int edges = edgeBase.length;
        if (nodeLonDeg.length != nodeCount
                || edgeAdj.length != edges
                || edgeDistanceMetres.length != edges
                || edgeFwdMillis.length != edges
                || edgeBwdMillis.length != edges) {
            throw new IllegalArgumentException("node or edge arrays differ in length");
        }
        this.edgeBase = edgeBase;
        this.edgeAdj = edgeAdj;
        this.edgeDistanceMetres = edgeDistanceMetres;
        this.edgeFwdMillis = edgeFwdMillis;
        this.edgeBwdMillis = edgeBwdMillis;
        int[] inDegree = new int[nodeCount + 1];
        int[] outDegree = new int[nodeCount + 1];
        for (int e = 0; e < edges; e++) {
            checkEdge(e);
            if (edgeFwdMillis[e] != CLOSED) {
                inDegree[edgeAdj[e]]++;
                outDegree[edgeBase[e]]++;
            }
            if (edgeBwdMillis[e] != CLOSED) {
                inDegree[edgeBase[e]]++;
                outDegree[edgeAdj[e]]++;
            }
        }
        this.maxMetresPerSecond = topSpeed(edgeDistanceMetres, edgeFwdMillis, edgeBwdMillis);
        this.speedSlackMetres = speedSlack(nodeLatDeg, nodeLonDeg, maxMetresPerSecond);
        this.longestEdgeMetres = longestEdges(nodeLatDeg, nodeLonDeg);
        double minAbsLat = 90;
        for (int n = 0; n < nodeCount; n++) {
            minAbsLat = Math.min(minAbsLat, Math.abs(nodeLatDeg[n]));
        }
        this.minAbsLatDeg = minAbsLat;
        inOffset = new int[nodeCount + 1];
        for (int n = 0; n < nodeCount; n++) {
            inOffset[n + 1] = inOffset[n] + inDegree[n];
        }
        int arcs = inOffset[nodeCount];
        inTail = new int[arcs];
        inEdge = new int[arcs];
        inMillis = new int[arcs];
        int[] fill = new int[nodeCount];
        System.arraycopy(inOffset, 0, fill, 0, nodeCount);
        for (int e = 0; e < edges; e++) {
            if (edgeFwdMillis[e] != CLOSED) {
                int slot = fill[edgeAdj[e]]++;
                inTail[slot] = edgeBase[e];
                inEdge[slot] = e;
                inMillis[slot] = edgeFwdMillis[e];
            }
            if (edgeBwdMillis[e] != CLOSED) {
                int slot = fill[edgeBase[e]]++;
                inTail[slot] = edgeAdj[e];
                inEdge[slot] = e;
                inMillis[slot] = edgeBwdMillis[e];
            }
        }
        outOffset = new int[nodeCount + 1];
        for (int n = 0; n < nodeCount; n++) {
            outOffset[n + 1] = outOffset[n] + outDegree[n];
        }
        outHead = new int[arcs];
        outEdge = new int[arcs];
        outMillis = new int[arcs];
        System.arraycopy(outOffset, 0, fill, 0, nodeCount);
        for (int e = 0; e < edges; e++) {
            if (edgeFwdMillis[e] != CLOSED) {
                int slot = fill[edgeBase[e]]++;
                outHead[slot] = edgeAdj[e];
                outEdge[slot] = e;
                outMillis[slot] = edgeFwdMillis[e];
            }
            if (edgeBwdMillis[e] != CLOSED) {
                int slot = fill[edgeAdj[e]]++;
                outHead[slot] = edgeBase[e];
                outEdge[slot] = e;
                outMillis[slot] = edgeBwdMillis[e];
            }
        }
    }

    private void checkEdge(int e) {
        if (edgeBase[e] < 0 || edgeBase[e] >= nodeCount || edgeAdj[e] < 0 || edgeAdj[e] >= nodeCount) {
            throw new IllegalArgumentException("edge " + e + " joins nodes outside 0.." + (nodeCount - 1));
        }
        if (!(edgeDistanceMetres[e] >= 0) || Double.isInfinite(edgeDistanceMetres[e])) {
            throw new IllegalArgumentException("edge " + e + " has distance " + edgeDistanceMetres[e]);
        }
        for (int ms : new int[] {edgeFwdMillis[e], edgeBwdMillis[e]}) {
            if (ms != CLOSED && (ms < 0 || ms > Integer.MAX_VALUE / 4)) {
                throw new IllegalArgumentException("edge " + e + " has an implausible travel time of " + ms + " ms");
            }
        }
    }

    /**
     * A graph from arrays (tests draw small graphs this way). Node coordinates matter only for
     * {@link #speedSlackMetres}; the arrays are kept, not copied.
     *
     * @param nodeLatDeg latitude of each node
     * @param nodeLonDeg longitude of each node
     * @param edgeBase base node of each edge
     * @param edgeAdj adjacent node of each edge
     * @param edgeDistanceMetres length of each edge
     * @param edgeFwdMillis time base to adj, or {@link #CLOSED}
     * @param edgeBwdMillis time adj to base, or {@link #CLOSED}
     */
    public static TravelTimeGraph fromArrays(
            TravelProfile profile,
            double[] nodeLatDeg,
            double[] nodeLonDeg,
            int[] edgeBase,
            int[] edgeAdj,
            double[] edgeDistanceMetres,
            int[] edgeFwdMillis,
            int[] edgeBwdMillis) {
        return new TravelTimeGraph(
                profile, nodeLatDeg, nodeLonDeg, edgeBase, edgeAdj, edgeDistanceMetres, edgeFwdMillis, edgeBwdMillis);
    }

    /**
     * The graph of one profile of an opened road network: built on first use (tens of
     * milliseconds per 100k edges), then the same instance for everyone who asks (ranking, road
     * conditions, coverage), see {@link RoadNetwork#travelTimeGraph}.
     */
    public static TravelTimeGraph build(RoadNetwork network, TravelProfile profile) {
        return network.travelTimeGraph(profile);
    }

    /**
     * The top speed: {@link #TOP_SPEED_MARGIN} above the fastest edge of at least
     * {@link #TOP_SPEED_MIN_EDGE_METRES} (the speeds of very short edges are distorted by rounding
     * to whole milliseconds; {@link #speedSlackMetres} accounts for them exactly).
     */
    private static double topSpeed(double[] metres, int[] fwd, int[] bwd) {
        double fastest = 0;
        for (int e = 0; e < metres.length; e++) {
            int ms = Math.min(
                    fwd[e] == CLOSED ? Integer.MAX_VALUE : fwd[e], bwd[e] == CLOSED ? Integer.MAX_VALUE : bwd[e]);
            if (ms != Integer.MAX_VALUE && ms > 0 && metres[e] >= TOP_SPEED_MIN_EDGE_METRES) {
                fastest = Math.max(fastest, metres[e] / ms * 1000);
            }
        }
        return fastest * TOP_SPEED_MARGIN;
    }

    /**
     * The distance no travel time accounts for at the top speed {@code v}: for each edge, its
     * excess is how much longer it is than {@code v} covers in its rounded time (in a direction it
     * may be travelled), its length being the larger of its stored distance and the great-circle
     * distance between its end nodes; the slack is the sum of all excesses plus twice the largest
     * (a route uses an edge at most once in full, and the edges of its two ends at most once more in
     * part), plus what measuring the two partial edges on the plane rather than the sphere may
     * lose, plus the half-millisecond rounding of each of the two partial times. See
     * {@link #speedSlackMetres}.
     */
    private double speedSlack(double[] lat, double[] lon, double v) {
        if (v <= 0) {
            return 0;
        }
        double metresPerMilli = v / 1000;
        double sum = 0;
        double largest = 0;
        double longest = 0;
        double maxAbsLat = 0;
        for (int n = 0; n < nodeCount; n++) {
            maxAbsLat = Math.max(maxAbsLat, Math.abs(lat[n]));
        }
        for (int e = 0; e < edgeBase.length; e++) {
            double length = Math.max(
                    edgeDistanceMetres[e],
                    GeoPoint.haversineMetres(lat[edgeBase[e]], lon[edgeBase[e]], lat[edgeAdj[e]], lon[edgeAdj[e]]));
            longest = Math.max(longest, length);
            double excess = 0;
            if (edgeFwdMillis[e] != CLOSED) {
                excess = Math.max(excess, length - edgeFwdMillis[e] * metresPerMilli);
            }
            if (edgeBwdMillis[e] != CLOSED) {
                excess = Math.max(excess, length - edgeBwdMillis[e] * metresPerMilli);
            }
            sum += excess;
            largest = Math.max(largest, excess);
        }
        double plane = 2 * longest * GeoDistance.equirectangularRelativeErrorBound(longest, maxAbsLat);
        return sum + 2 * largest + plane + 2 * 0.5 * metresPerMilli;
    }

    /**
     * An upper bound on speed anywhere on this graph ({@link #TOP_SPEED_MARGIN} above the fastest
     * edge of {@link #TOP_SPEED_MIN_EDGE_METRES} or more), metres per second.
     */
    public double maxMetresPerSecond() {
        return maxMetresPerSecond;
    }

    /**
     * What makes {@link #maxMetresPerSecond} a proven bound. For any route on this graph between
     * two placements {@code a} and {@code b} (a source and a target of a search), its road time in
     * milliseconds is at least
     *
     * <pre>(haversine(a.snapped, b.snapped) - speedSlackMetres) / maxMetresPerSecond * 1000</pre>
     *
     * <p>Proof: each edge's time, in a direction it may be used, is at least (its length - its
     * excess) / v, its length being at least the great-circle distance between its end nodes; a
     * route crosses distinct edges in full and two partial edges, whose times are the edge's time
     * scaled by the part's length, rounded; the great-circle distance between the snapped points is
     * at most the sum of those lengths (triangle inequality). The excesses come from edges whose
     * rounded time is faster than v (short edges); the slack is exact for this graph, computed
     * when it is built (see {@code TravelTimeGraphTest}).
     *
     * <p>Slowing edges down (road conditions) keeps the bound; speeding them up needs a new graph.
     */
    public double speedSlackMetres() {
        return speedSlackMetres;
    }

    /**
     * Milliseconds to travel from a placement to the edge's base node, or {@link #CLOSED}.
     * GraphHopper times a part of an edge as the part's length over the edge's speed; so do we.
     */
    public int millisToBase(EdgePlacement p) {
        return partMillis(edgeBwdMillis[p.edgeId()], p.edgeId(), p.toBaseMetres());
    }

    /** Milliseconds to travel from a placement to the edge's adjacent node, or {@link #CLOSED}. */
    public int millisToAdj(EdgePlacement p) {
        return partMillis(edgeFwdMillis[p.edgeId()], p.edgeId(), p.toAdjMetres());
    }

    /** Milliseconds to travel from the edge's base node to a placement on it, or {@link #CLOSED}. */
    public int millisFromBase(EdgePlacement p) {
        return partMillis(edgeFwdMillis[p.edgeId()], p.edgeId(), p.toBaseMetres());
    }

    /** Milliseconds to travel from the edge's adjacent node to a placement on it, or {@link #CLOSED}. */
    public int millisFromAdj(EdgePlacement p) {
        return partMillis(edgeBwdMillis[p.edgeId()], p.edgeId(), p.toAdjMetres());
    }

    /**
     * Milliseconds to travel along one edge from placement {@code a} to placement {@code b} on
     * the same edge without leaving it, or {@link #CLOSED}.
     */
    public int millisAlongEdge(EdgePlacement a, EdgePlacement b) {
        if (a.edgeId() != b.edgeId()) {
            throw new IllegalArgumentException("placements on different edges: " + a.edgeId() + " and " + b.edgeId());
        }
        double metres = b.toBaseMetres() - a.toBaseMetres();
        int e = a.edgeId();
        return metres >= 0 ? partMillis(edgeFwdMillis[e], e, metres) : partMillis(edgeBwdMillis[e], e, -metres);
    }

    /** The time of {@code metres} of an edge whose full time is {@code fullMillis}: the part's share, rounded. */
    int partMillis(int fullMillis, int edge, double metres) {
        return partMillis(fullMillis, edgeDistanceMetres[edge], metres);
    }

    /**
     * The time of part of an edge: {@code metres} of an edge {@code fullMetres} long that takes
     * {@code fullMillis} in full ({@link #CLOSED} stays closed), rounded to the millisecond.
     */
    static int partMillis(int fullMillis, double fullMetres, double metres) {
        if (metres <= 0) {
            return 0; // already at the node, whichever way the edge may be travelled
        }
        if (fullMillis == CLOSED) {
            return CLOSED;
        }
        if (fullMetres <= 0) {
            return 0;
        }
        return (int) Math.round(fullMillis * (metres / fullMetres));
    }

    public TravelProfile profile() {
        return profile;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int edgeCount() {
        return edgeBase.length;
    }

    public int edgeBase(int edge) {
        return edgeBase[edge];
    }

    public int edgeAdj(int edge) {
        return edgeAdj[edge];
    }

    /** The node at the other end of {@code edge} from {@code node}. */
    public int otherNode(int edge, int node) {
        return edgeBase[edge] == node ? edgeAdj[edge] : edgeBase[edge];
    }

    /**
     * Road distance of a route, metres, as {@link ManyToOneSearch#roadMetres} counts it: the
     * source's partial edge to the first node, every edge, and the target's partial edge from the
     * last node (or, along the target's own edge, the distance between the two positions).
     */
    public double roadMetres(RoadPath path) {
        EdgePlacement from = path.from();
        EdgePlacement to = path.to();
        if (path.alongTargetEdge()) {
            return Math.abs(from.toBaseMetres() - to.toBaseMetres());
        }
        int[] nodes = path.nodes();
        int first = nodes[0];
        int last = nodes[nodes.length - 1];
        double metres = first == edgeBase[from.edgeId()] ? from.toBaseMetres() : from.toAdjMetres();
        for (int e : path.edges()) {
            metres += edgeDistanceMetres[e];
        }
        return metres + (last == edgeBase[to.edgeId()] ? to.toBaseMetres() : to.toAdjMetres());
    }

    public double edgeDistanceMetres(int edge) {
        return edgeDistanceMetres[edge];
    }

    /** Travel time base to adj in milliseconds, or {@link #CLOSED}. */
    public int edgeFwdMillis(int edge) {
        return edgeFwdMillis[edge];
    }

    /** Travel time adj to base in milliseconds, or {@link #CLOSED}. */
    public int edgeBwdMillis(int edge) {
        return edgeBwdMillis[edge];
    }

    // Raw arrays for the search loops of this package: never modified after construction.
    /**
     * Per node, the longest edge at it: every point of every edge at a node lies within this
     * great-circle distance of the node. An edge's length is taken as the larger of its stored
     * distance and the great-circle distance between its end nodes (as {@link #speedSlackMetres}
     * takes it), plus 1 m for rounding, rounded up to a float.
     */
    private float[] longestEdges(double[] lat, double[] lon) {
        float[] longest = new float[nodeCount];
        for (int e = 0; e < edgeBase.length; e++) {
            int a = edgeBase[e];
            int b = edgeAdj[e];
            double length =
                    Math.max(edgeDistanceMetres[e], GeoPoint.haversineMetres(lat[a], lon[a], lat[b], lon[b])) + 1;
            float f = (float) length;
            if (f < length) {
                f = Math.nextUp(f);
            }
            longest[a] = Math.max(longest[a], f);
            longest[b] = Math.max(longest[b], f);
        }
        return longest;
    }

    /** See {@link #longestEdges}; shared, not to be written. */
    float[] longestEdgeMetres() {
        return longestEdgeMetres;
    }

    /** Node latitudes, degrees; shared, not to be written. */
    double[] nodeLatitudes() {
        return nodeLatDeg;
    }

    /** Node longitudes, degrees; shared, not to be written. */
    double[] nodeLongitudes() {
        return nodeLonDeg;
    }

    /** The smallest absolute latitude of any node, degrees. */
    double minAbsLatDeg() {
        return minAbsLatDeg;
    }

    int[] inOffset() {
        return inOffset;
    }

    int[] inTail() {
        return inTail;
    }

    int[] inEdge() {
        return inEdge;
    }

    int[] inMillis() {
        return inMillis;
    }

    int[] outOffset() {
        return outOffset;
    }

    int[] outHead() {
        return outHead;
    }

    int[] outEdge() {
        return outEdge;
    }

    int[] outMillis() {
        return outMillis;
    }

    private volatile int[] outArcs;

    /**
     * The forward arcs interleaved, three ints per arc in {@link #outOffset} order: head, millis,
     * edge (arc {@code i} at {@code 3 * i}), so that a search relaxing a node's arcs reads one run
     * of memory instead of three arrays. Built on first use and shared (immutable once built; a race
     * may build it twice, both equal).
     */
    int[] outArcs() {
        int[] a = outArcs;
        if (a == null) {
            a = new int[Math.multiplyExact(outHead.length, 3)];
            for (int i = 0; i < outHead.length; i++) {
                a[3 * i] = outHead[i];
                a[3 * i + 1] = outMillis[i];
                a[3 * i + 2] = outEdge[i];
            }
            outArcs = a;
        }
        return a;
    }

    /** Latitude of a node, degrees. */
    public double nodeLatDeg(int node) {
        return nodeLatDeg[node];
    }

    /** Longitude of a node, degrees. */
    public double nodeLonDeg(int node) {
        return nodeLonDeg[node];
    }

    int[] edgeFwdMillisArray() {
        return edgeFwdMillis;
    }

    int[] edgeBwdMillisArray() {
        return edgeBwdMillis;
    }
}
