package org.bluelamp.road;

/**
 * Road conditions as one profile's searches see them at one instant: which edges are closed and
 * by how much each edge's travel time is multiplied. The one value every search over a
 * {@link TravelTimeGraph} takes for conditions (the ranking's {@link ManyToOneSearch}, and
 * coverage's multi-source search), built by the conditions package for a profile and an instant.
 *
 * <ul>
 *   <li>{@link #closedEdges}: bit {@code e % 64} of word {@code e / 64} is set when edge {@code e}
 *       may not be travelled (either way), or null when none is closed.
 *   <li>{@link #timeFactors}: the time of edge {@code e} becomes {@code round(time × factor[e])}
 *       milliseconds in each direction it may be travelled, and a part of an edge is timed as that
 *       part of the scaled time; null when every factor is 1. Factors are at least 1 (conditions
 *       only slow roads down), so the graph's {@link TravelTimeGraph#maxMetresPerSecond} and
 *       {@link TravelTimeGraph#speedSlackMetres} stay proven bounds: {@code round(t × f) >= t} for
 *       a whole number {@code t} and {@code f >= 1}.
 *   <li>{@link #markedEdges}: the edges any closure or slowdown touches (closed edges included,
 *       the time-of-day congestion profile not): a search records how soon it first met one, which
 *       tells the ranking which answers the conditions may have changed.
 * </ul>
 *
 * <p>The scaled times are computed once, when the value is made (milliseconds for a county),
 * so that a search reads them as it reads the graph's own: nothing is multiplied and nothing
 * allocated per query. Immutable and safe to share between threads; the arrays it returns are
 * its own and must not be modified.
 */
public final class EdgeConditions {
    /** The largest time factor accepted: a road slower than this is closed, not slowed. */
    public static final double MAX_TIME_FACTOR = 100;

    private final TravelTimeGraph graph;
    private final long[] closedEdges;
    private final double[] timeFactors;
    private final long[] markedEdges;
    private final int[] fwdMillis;
    private final int[] bwdMillis;
    private final int[] arcMillis;
    private final int closedCount;

    private EdgeConditions(TravelTimeGraph graph, long[] closedEdges, double[] timeFactors, long[] markedEdges) {
        this.graph = graph;
        int edges = graph.edgeCount();
        checkWords(graph, closedEdges, markedEdges);
        if (timeFactors != null && timeFactors.length != edges) {
            throw new IllegalArgumentException(
                    "timeFactors has " + timeFactors.length + " entries for " + edges + " edges");
        }
        int closed = count(closedEdges);
        closedEdges = closed == 0 ? null : closedEdges;
        this.closedEdges = closedEdges;
        this.closedCount = closed;
        this.markedEdges = withClosed(markedEdges, closedEdges);
        int[] fwd = graph.edgeFwdMillisArray();
        int[] bwd = graph.edgeBwdMillisArray();
        int[] arcs = graph.inMillis();
        boolean anyFactor = false;
        if (timeFactors != null) {
            for (int e = 0; e < edges; e++) {
                double f = timeFactors[e];
                if (!(f >= 1 && f <= MAX_TIME_FACTOR)) {
                    throw new IllegalArgumentException("time factor of edge " + e + " is " + f
                            + "; factors must be between 1 and " + MAX_TIME_FACTOR);
                }
                anyFactor |= f != 1;
            }
        }
        if (anyFactor) {
            this.timeFactors = timeFactors;
            fwd = scaled(fwd, timeFactors);
            bwd = scaled(bwd, timeFactors);
            int[] inEdge = graph.inEdge();
            int[] scaledArcs = new int[arcs.length];
            for (int i = 0; i < arcs.length; i++) {
                scaledArcs[i] = scale(arcs[i], timeFactors[inEdge[i]]);
            }
            arcs = scaledArcs;
        } else {
            this.timeFactors = null;
        }
        this.fwdMillis = fwd;
        this.bwdMillis = bwd;
        this.arcMillis = arcs;
    }

    /** The factors and scaled times of {@code base} (shared, not recomputed) with other edge bits. */
    private EdgeConditions(EdgeConditions base, long[] closedEdges, long[] markedEdges) {
        this.graph = base.graph;
        checkWords(graph, closedEdges, markedEdges);
        int closed = count(closedEdges);
        closedEdges = closed == 0 ? null : closedEdges;
        this.closedEdges = closedEdges;
        this.closedCount = closed;
        this.markedEdges = withClosed(markedEdges, closedEdges);
        this.timeFactors = base.timeFactors;
        this.fwdMillis = base.fwdMillis;
        this.bwdMillis = base.bwdMillis;
        this.arcMillis = base.arcMillis;
    }

    private static void checkWords(TravelTimeGraph graph, long[] closedEdges, long[] markedEdges) {
        int edges = graph.edgeCount();
        int words = words(edges);
        if (closedEdges != null && closedEdges.length != words) {
            throw new IllegalArgumentException(
                    "closedEdges has " + closedEdges.length + " words; the graph's " + edges + " edges need " + words);
        }
        if (markedEdges != null && markedEdges.length != words) {
            throw new IllegalArgumentException(
                    "markedEdges has " + markedEdges.length + " words; the graph's " + edges + " edges need " + words);
        }
    }

    private static int count(long[] bits) {
        int n = 0;
        if (bits != null) {
            for (long w : bits) {
                n += Long.bitCount(w);
            }
        }
        return n;
    }

    /** Closed edges count as marked: a search meets them first through the marked bits. */
    private static long[] withClosed(long[] markedEdges, long[] closedEdges) {
        if (closedEdges == null) {
            return markedEdges;
        }
        if (markedEdges == null) {
            return closedEdges.clone();
        }
        for (int i = 0; i < markedEdges.length; i++) {
            markedEdges[i] |= closedEdges[i];
        }
        return markedEdges;
    }

    /** No conditions: the graph as it is. */
    public static EdgeConditions none(TravelTimeGraph graph) {
        return new EdgeConditions(graph, null, null, null);
    }

    /**
     * Conditions on a graph. The arrays are taken over, not copied: the caller must not change them
     * afterwards ({@code markedEdges} gets the closed edges added).
     *
     * @param closedEdges closed edges as bits (see the class comment), or null
     * @param timeFactors time multiplier per edge, 1 to {@link #MAX_TIME_FACTOR}, or null
     * @param markedEdges edges touched by closures and slowdowns (see the class comment), or null
     * @throws IllegalArgumentException for arrays of the wrong length or a factor out of range
     */
    public static EdgeConditions of(
            TravelTimeGraph graph, long[] closedEdges, double[] timeFactors, long[] markedEdges) {
        return new EdgeConditions(graph, closedEdges, timeFactors, markedEdges);
    }

    /**
     * These time factors with other closed and marked edges (arrays taken over as by {@link #of}):
     * the scaled times are shared with this value, not computed again, so closures on top of the
     * congestion of an hour cost bits, not arrays sized to the graph.
     */
    public EdgeConditions withEdges(long[] closedEdges, long[] markedEdges) {
        return new EdgeConditions(this, closedEdges, markedEdges);
    }

    /** Words of a bit set over {@code edgeCount} edges. */
    public static int words(int edgeCount) {
        return (edgeCount + 63) >>> 6;
    }

    private static int[] scaled(int[] millis, double[] factors) {
        int[] out = new int[millis.length];
        for (int e = 0; e < millis.length; e++) {
            out[e] = scale(millis[e], factors[e]);
        }
        return out;
    }

    /** {@code round(millis × factor)}; {@link TravelTimeGraph#CLOSED} stays closed. */
    static int scale(int millis, double factor) {
        if (millis == TravelTimeGraph.CLOSED || factor == 1) {
            return millis;
        }
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.round(millis * factor));
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    /** Whether nothing is closed and nothing slowed. */
    public boolean isEmpty() {
        return closedEdges == null && timeFactors == null && markedEdges == null;
    }

    /** Closed edges as bits over edge ids, or null when none is closed. Read-only. */
    public long[] closedEdges() {
        return closedEdges;
    }

    /** Time multiplier per edge (each at least 1), or null when none differs from 1. Read-only. */
    public double[] timeFactors() {
        return timeFactors;
    }

    /** Edges touched by closures and slowdowns as bits, or null when none. Read-only. */
    public long[] markedEdges() {
        return markedEdges;
    }

    /** Number of closed edges. */
    public int closedEdgeCount() {
        return closedCount;
    }

    public boolean isClosed(int edge) {
        return closedEdges != null && (closedEdges[edge >>> 6] & (1L << edge)) != 0;
    }

    public boolean isMarked(int edge) {
        return markedEdges != null && (markedEdges[edge >>> 6] & (1L << edge)) != 0;
    }

    /** The time multiplier of an edge (1 when not slowed). */
    public double timeFactor(int edge) {
        return timeFactors == null ? 1 : timeFactors[edge];
    }

    /** Scaled travel time base to adj, milliseconds, or {@link TravelTimeGraph#CLOSED} (closures aside). */
    public int edgeFwdMillis(int edge) {
        return fwdMillis[edge];
    }

    /** Scaled travel time adj to base, milliseconds, or {@link TravelTimeGraph#CLOSED} (closures aside). */
    public int edgeBwdMillis(int edge) {
        return bwdMillis[edge];
    }

    /** As {@link TravelTimeGraph#millisToBase}, with the scaled time. */
    public int millisToBase(EdgePlacement p) {
        return part(bwdMillis, p.edgeId(), p.toBaseMetres());
    }

    /** As {@link TravelTimeGraph#millisToAdj}, with the scaled time. */
    public int millisToAdj(EdgePlacement p) {
        return part(fwdMillis, p.edgeId(), p.toAdjMetres());
    }

    /** As {@link TravelTimeGraph#millisFromBase}, with the scaled time. */
    public int millisFromBase(EdgePlacement p) {
        return part(fwdMillis, p.edgeId(), p.toBaseMetres());
    }

    /** As {@link TravelTimeGraph#millisFromAdj}, with the scaled time. */
    public int millisFromAdj(EdgePlacement p) {
        return part(bwdMillis, p.edgeId(), p.toAdjMetres());
    }

    /** As {@link TravelTimeGraph#millisAlongEdge}, with the scaled time. */
    public int millisAlongEdge(EdgePlacement a, EdgePlacement b) {
        if (a.edgeId() != b.edgeId()) {
            throw new IllegalArgumentException("placements on different edges: " + a.edgeId() + " and " + b.edgeId());
        }
        double metres = b.toBaseMetres() - a.toBaseMetres();
        int e = a.edgeId();
        return metres >= 0 ? part(fwdMillis, e, metres) : part(bwdMillis, e, -metres);
    }

    /**
     * The time of a route found by a search, with this value's times (closures aside): the
     * source's partial edge, every edge, the target's partial edge, milliseconds; or -1 when a
     * part may not be travelled in that direction.
     */
    public long routeMillis(RoadPath path) {
        int[] nodes = path.nodes();
        int[] edges = path.edges();
        if (nodes.length == 0) {
            int along = millisAlongEdge(path.from(), path.to());
            return along == TravelTimeGraph.CLOSED ? -1 : along;
        }
        EdgePlacement from = path.from();
        int first = nodes[0] == graph.edgeBase(from.edgeId()) ? millisToBase(from) : millisToAdj(from);
        EdgePlacement to = path.to();
        int last = nodes[nodes.length - 1] == graph.edgeBase(to.edgeId()) ? millisFromBase(to) : millisFromAdj(to);
        if (first == TravelTimeGraph.CLOSED || last == TravelTimeGraph.CLOSED) {
            return -1;
        }
        long total = (long) first + last;
        for (int i = 0; i < edges.length; i++) {
            int e = edges[i];
            int ms = graph.edgeBase(e) == nodes[i] ? fwdMillis[e] : bwdMillis[e];
            if (ms == TravelTimeGraph.CLOSED) {
                return -1;
            }
            total += ms;
        }
        return total;
    }

    private int part(int[] full, int edge, double metres) {
        return TravelTimeGraph.partMillis(full[edge], graph.edgeDistanceMetres(edge), metres);
    }

    /** Scaled arc times aligned with the graph's reversed adjacency (for this package's searches). */
    int[] arcMillis() {
        return arcMillis;
    }

    @Override
    public String toString() {
        return "EdgeConditions[" + graph.profile() + ", " + closedCount + " closed edges, "
                + (timeFactors == null ? "no" : "with") + " time factors]";
    }
}
