package org.bluelamp.road;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.DistancePlaneProjection;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;

/**
 * One profile's road graph as primitive arrays, for the engine's own searches: per edge its end
 * nodes, distance and travel time in each direction (the same milliseconds GraphHopper's
 * weighting gives, so that the engine's times agree with GraphHopper's routes), and the reversed
 * adjacency in compressed sparse row form for searches that run backwards from an incident.
 *
 * <p>Node and edge ids are GraphHopper's. An edge direction a profile may not use has time -1.
 * Built once per profile; immutable and safe to share between threads.
 */
public final class TravelTimeGraph {
    /** Marks a direction the profile may not travel. */
    public static final int CLOSED = -1;

    private final RoadNetwork network;
    private final TravelProfile profile;
    private final int nodeCount;
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
    private final double maxMetresPerSecond;

    private TravelTimeGraph(RoadNetwork network, TravelProfile profile) {
        this.network = network;
        this.profile = profile;
        BaseGraph g = network.graphHopper().getBaseGraph();
        Weighting w = network.weighting(profile);
        nodeCount = g.getNodes();
        int edges = g.getEdges();
        edgeBase = new int[edges];
        edgeAdj = new int[edges];
        edgeFwdMillis = new int[edges];
        edgeBwdMillis = new int[edges];
        edgeDistanceMetres = new double[edges];
        int[] inDegree = new int[nodeCount + 1];
        var all = g.getAllEdges();
        while (all.next()) {
            int e = all.getEdge();
            edgeBase[e] = all.getBaseNode();
            edgeAdj[e] = all.getAdjNode();
            edgeDistanceMetres[e] = all.getDistance();
            edgeFwdMillis[e] = millis(w, all, false);
            edgeBwdMillis[e] = millis(w, all, true);
            if (edgeFwdMillis[e] != CLOSED) {
                inDegree[edgeAdj[e]]++;
            }
            if (edgeBwdMillis[e] != CLOSED) {
                inDegree[edgeBase[e]]++;
            }
        }
        double fastest = 0;
        for (int e = 0; e < edges; e++) {
            int ms = Math.min(
                    edgeFwdMillis[e] == CLOSED ? Integer.MAX_VALUE : edgeFwdMillis[e],
                    edgeBwdMillis[e] == CLOSED ? Integer.MAX_VALUE : edgeBwdMillis[e]);
            // speeds of very short edges are distorted by rounding to whole milliseconds; callers
            // allow for that rounding (under 1 ms an edge) separately
            if (ms != Integer.MAX_VALUE && ms > 0 && edgeDistanceMetres[e] >= 20) {
                fastest = Math.max(fastest, edgeDistanceMetres[e] / ms * 1000);
            }
        }
        maxMetresPerSecond = fastest * 1.01;
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
    }

    private static int millis(Weighting w, EdgeIteratorState edge, boolean reverse) {
        if (!Double.isFinite(w.calcEdgeWeight(edge, reverse))) {
            return CLOSED;
        }
        long ms = w.calcEdgeMillis(edge, reverse);
        if (ms < 0 || ms > Integer.MAX_VALUE / 4) {
            throw new IllegalStateException(
                    "edge " + edge.getEdge() + " has an implausible travel time of " + ms + " ms");
        }
        return (int) ms;
    }

    /** Builds the graph of one profile from an opened road network (tens of milliseconds per 100k edges). */
    public static TravelTimeGraph build(RoadNetwork network, TravelProfile profile) {
        return new TravelTimeGraph(network, profile);
    }

    /**
     * Places a point on this graph: snaps it to the nearest edge the profile may use (see
     * {@link RoadNetwork#snap}) and measures where along the edge it lies.
     *
     * @param field the request field named in any error
     * @throws BluelampException INVALID_ARGUMENT when no usable road is within the snap limit
     */
    public EdgePlacement place(String field, GeoPoint point) {
        Snap snap = network.snapRaw(profile, field, point);
        EdgeIteratorState closest = snap.getClosestEdge();
        int edge = closest.getEdge();
        double distanceMetres = snap.getQueryDistance();
        var sp = snap.getSnappedPoint();
        GeoPoint snapped = new GeoPoint(sp.getLat(), sp.getLon());
        if (snap.getSnappedPosition() == Snap.Position.TOWER) {
            int node = snap.getClosestNode();
            boolean atBase = node == edgeBase[edge];
            double full = edgeDistanceMetres[edge];
            return new EdgePlacement(point, snapped, distanceMetres, edge, atBase ? 0 : full, atBase ? full : 0);
        }
        // Measure the two parts of the edge the way GraphHopper's query graph cuts it: plane
        // projection distances along the geometry, in the orientation of the closest edge.
        PointList full = closest.fetchWayGeometry(FetchMode.ALL);
        int wayIndex = snap.getWayIndex();
        boolean onPillar = snap.getSnappedPosition() == Snap.Position.PILLAR;
        double toStart = 0;
        for (int i = 1; i <= wayIndex; i++) {
            toStart += DistancePlaneProjection.DIST_PLANE.calcDist(
                    full.getLat(i - 1), full.getLon(i - 1), full.getLat(i), full.getLon(i));
        }
        double toEnd = 0;
        int from = wayIndex + 1;
        if (!onPillar) {
            toStart += DistancePlaneProjection.DIST_PLANE.calcDist(
                    full.getLat(wayIndex), full.getLon(wayIndex), sp.getLat(), sp.getLon());
            toEnd += DistancePlaneProjection.DIST_PLANE.calcDist(
                    sp.getLat(), sp.getLon(), full.getLat(from), full.getLon(from));
        } else {
            from = wayIndex;
        }
        for (int i = from + 1; i < full.size(); i++) {
            toEnd += DistancePlaneProjection.DIST_PLANE.calcDist(
                    full.getLat(i - 1), full.getLon(i - 1), full.getLat(i), full.getLon(i));
        }
        boolean reversed = closest.getBaseNode() != edgeBase[edge]
                || (edgeBase[edge] == edgeAdj[edge] && closest.get(EdgeIteratorState.REVERSE_STATE));
        double toBaseMetres = reversed ? toEnd : toStart;
        double toAdjMetres = reversed ? toStart : toEnd;
        return new EdgePlacement(point, snapped, distanceMetres, edge, toBaseMetres, toAdjMetres);
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

    private int partMillis(int fullMillis, int edge, double metres) {
        if (metres <= 0) {
            return 0; // already at the node, whichever way the edge may be travelled
        }
        if (fullMillis == CLOSED) {
            return CLOSED;
        }
        double full = edgeDistanceMetres[edge];
        if (full <= 0) {
            return 0;
        }
        return (int) Math.round(fullMillis * (metres / full));
    }

    /**
     * An upper bound on speed anywhere on this graph (1% above the fastest edge of 20 m or more),
     * metres per second: no journey of straight-line length L takes less than L divided by it,
     * less the rounding of each edge's time to whole milliseconds.
     */
    public double maxMetresPerSecond() {
        return maxMetresPerSecond;
    }

    public TravelProfile profile() {
        return profile;
    }

    public RoadNetwork network() {
        return network;
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

    // Raw arrays for the search loops of this package and of dispatch: never modified after construction.
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
}
