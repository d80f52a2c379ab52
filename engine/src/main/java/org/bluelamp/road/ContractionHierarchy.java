package org.bluelamp.road;

import com.carrotsearch.hppc.IntArrayList;
import com.graphhopper.storage.CHStorage;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.RoutingCHGraphImpl;
import java.util.Arrays;

/**
 * The contraction hierarchy GraphHopper prepared for a profile, as upward arcs over primitive
 * arrays timed in the engine's own milliseconds, for many-to-one searches that start at both
 * ends ({@link SourceBuckets}, {@link BucketManyToOneSearch}).
 *
 * <p>GraphHopper contracts nodes one by one and adds a shortcut wherever a shortest path ran
 * through a contracted node; every shortest path then climbs to its highest node and descends.
 * This class keeps GraphHopper's node order and shortcuts, but times every arc as the sum of the
 * per-edge milliseconds of the road edges it stands for ({@link TravelTimeGraph}, GraphHopper's
 * own {@code calcEdgeMillis} per edge), so that an upward-downward search returns the same
 * milliseconds as {@link ManyToOneSearch}. GraphHopper chose its shortcuts by its double-valued
 * weights (seconds); whole milliseconds per edge can order two near-equal paths differently,
 * so in principle a path can be missed that is shorter by the rounding of its edges (under a
 * millisecond each); the oracle tests compare every time with {@link ManyToOneSearch} and report
 * the largest difference.
 *
 * <p>Arcs: {@code upOut} holds, per node, the arcs leaving it towards higher nodes (an upward
 * search from a unit runs along them); {@code upIn} holds, per node, the arcs arriving at it from
 * higher nodes (an upward search backwards from an incident runs against them). Nodes of equal
 * level (none when GraphHopper contracted every node) get arcs both ways.
 *
 * <p>Built once per profile (seconds for millions of nodes); immutable and safe to share (its
 * {@link #sweepOrder} is built at first use).
 */
public final class ContractionHierarchy {
    private static final int UNKNOWN = -2;

    private final TravelTimeGraph graph;
    private final int nodeCount;
    private final int[] level;
    private final int[] upOutStart;
    private final int[] upOutHead;
    private final int[] upOutMillis;
    private final int[] upInStart;
    private final int[] upInTail;
    private final int[] upInMillis;
    /** Per upward arc, the CH edge it stands for: a road edge id, or {@code baseEdges + shortcut}. */
    private final int[] upOutEdge;

    private final int[] upInEdge;
    private final int shortcutCount;
    private final int baseEdgeCount;
    // per shortcut: its end nodes and its two halves (CH edges), the half touching A first
    private final int[] shortcutA;
    private final int[] shortcutB;
    private final int[] shortcutFirst;
    private final int[] shortcutSecond;

    // construction only
    private CHStorage store;
    private int baseEdges;
    private int[] shortcutFwd;
    private int[] shortcutBwd;

    private ContractionHierarchy(RoadNetwork network, TravelTimeGraph graph) {
        this.graph = graph;
        String profileName = graph.profile().profileName();
        RoutingCHGraph ch = network.graphHopper().getCHGraphs().get(profileName);
        if (ch == null) {
            throw new IllegalStateException("GraphHopper has no contraction hierarchy for profile " + profileName);
        }
        if (ch.isEdgeBased()) {
            throw new IllegalStateException("the contraction hierarchy of " + profileName + " is edge-based");
        }
        if (!(ch instanceof RoutingCHGraphImpl impl)) {
            throw new IllegalStateException("unexpected contraction hierarchy " + ch.getClass());
        }
        store = impl.getCHStorage();
        nodeCount = graph.nodeCount();
        baseEdges = graph.edgeCount();
        if (ch.getNodes() != nodeCount || ch.getEdges() - ch.getShortcuts() != baseEdges) {
            throw new IllegalStateException("contraction hierarchy and travel-time graph differ in size");
        }
        level = new int[nodeCount];
        for (int n = 0; n < nodeCount; n++) {
            level[n] = ch.getLevel(n);
        }
        shortcutCount = ch.getShortcuts();
        shortcutFwd = new int[shortcutCount];
        shortcutBwd = new int[shortcutCount];
        Arrays.fill(shortcutFwd, UNKNOWN);
        Arrays.fill(shortcutBwd, UNKNOWN);

        // every directed arc (tail, head, millis): road edges, then shortcuts in the directions they may be used
        int maxArcs = 2 * baseEdges + 2 * shortcutCount;
        int[] arcTail = new int[maxArcs];
        int[] arcHead = new int[maxArcs];
        int[] arcMillis = new int[maxArcs];
        int[] arcEdge = new int[maxArcs];
        int arcs = 0;
        for (int e = 0; e < baseEdges; e++) {
            int a = graph.edgeBase(e);
            int b = graph.edgeAdj(e);
            if (a == b) {
                continue; // a loop never shortens a path
            }
            if (graph.edgeFwdMillis(e) != TravelTimeGraph.CLOSED) {
                arcTail[arcs] = a;
                arcHead[arcs] = b;
                arcEdge[arcs] = e;
                arcMillis[arcs++] = graph.edgeFwdMillis(e);
            }
            if (graph.edgeBwdMillis(e) != TravelTimeGraph.CLOSED) {
                arcTail[arcs] = b;
                arcHead[arcs] = a;
                arcEdge[arcs] = e;
                arcMillis[arcs++] = graph.edgeBwdMillis(e);
            }
        }
        for (int s = 0; s < shortcutCount; s++) {
            long ptr = store.toShortcutPointer(s);
            int a = store.getNodeA(ptr);
            int b = store.getNodeB(ptr);
            if (store.getFwdAccess(ptr)) {
                int ms = shortcutMillis(s, true);
                if (ms != TravelTimeGraph.CLOSED) {
                    arcTail[arcs] = a;
                    arcHead[arcs] = b;
                    arcEdge[arcs] = baseEdges + s;
                    arcMillis[arcs++] = ms;
                }
            }
            if (store.getBwdAccess(ptr)) {
                int ms = shortcutMillis(s, false);
                if (ms != TravelTimeGraph.CLOSED) {
                    arcTail[arcs] = b;
                    arcHead[arcs] = a;
                    arcEdge[arcs] = baseEdges + s;
                    arcMillis[arcs++] = ms;
                }
            }
        }
        // the halves of every shortcut, to unpack the routes drawn for listed units
        baseEdgeCount = baseEdges;
        shortcutA = new int[shortcutCount];
        shortcutB = new int[shortcutCount];
        shortcutFirst = new int[shortcutCount];
        shortcutSecond = new int[shortcutCount];
        for (int s = 0; s < shortcutCount; s++) {
            long ptr = store.toShortcutPointer(s);
            int a = store.getNodeA(ptr);
            int b = store.getNodeB(ptr);
            int skip1 = store.getSkippedEdge1(ptr);
            int skip2 = store.getSkippedEdge2(ptr);
            shortcutA[s] = a;
            shortcutB[s] = b;
            boolean oneFirst = hasEnd(skip1, a) && hasEnd(skip2, b) && other(skip1, a) == other(skip2, b);
            shortcutFirst[s] = oneFirst ? skip1 : skip2;
            shortcutSecond[s] = oneFirst ? skip2 : skip1;
        }
        store = null;
        shortcutFwd = null;
        shortcutBwd = null;

        UpArcs up = UpArcs.of(nodeCount, level, arcs, arcTail, arcHead, arcMillis, arcEdge);
        upOutStart = up.outStart;
        upOutHead = up.outHead;
        upOutMillis = up.outMillis;
        upOutEdge = up.outEdge;
        upInStart = up.inStart;
        upInTail = up.inTail;
        upInMillis = up.inMillis;
        upInEdge = up.inEdge;
    }

    /**
     * A hierarchy drawn by hand over a small graph, for tests: the given levels, and the given
     * directed arcs (road edges and shortcuts alike, timed by the caller; the CH edge of each is
     * recorded as -1, so no route through it can be unpacked).
     */
    ContractionHierarchy(TravelTimeGraph graph, int[] level, int[] arcTail, int[] arcHead, int[] arcMillis) {
        this.graph = graph;
        this.nodeCount = graph.nodeCount();
        this.level = level.clone();
        this.baseEdgeCount = graph.edgeCount();
        this.shortcutCount = 0;
        shortcutA = new int[0];
        shortcutB = new int[0];
        shortcutFirst = new int[0];
        shortcutSecond = new int[0];
        int[] edge = new int[arcTail.length];
        Arrays.fill(edge, -1);
        UpArcs up = UpArcs.of(nodeCount, this.level, arcTail.length, arcTail, arcHead, arcMillis, edge);
        upOutStart = up.outStart;
        upOutHead = up.outHead;
        upOutMillis = up.outMillis;
        upOutEdge = up.outEdge;
        upInStart = up.inStart;
        upInTail = up.inTail;
        upInMillis = up.inMillis;
        upInEdge = up.inEdge;
    }

    /** The upward arcs both ways, as compressed rows per node. */
    private record UpArcs(
            int[] outStart,
            int[] outHead,
            int[] outMillis,
            int[] outEdge,
            int[] inStart,
            int[] inTail,
            int[] inMillis,
            int[] inEdge) {
        static UpArcs of(
                int nodeCount, int[] level, int arcs, int[] arcTail, int[] arcHead, int[] arcMillis, int[] arcEdge) {
            int[] upOutStart = new int[nodeCount + 1];
            int[] upInStart = new int[nodeCount + 1];
            for (int i = 0; i < arcs; i++) {
                int t = arcTail[i];
                int h = arcHead[i];
                if (level[h] >= level[t]) {
                    upOutStart[t + 1]++;
                }
                if (level[t] >= level[h]) {
                    upInStart[h + 1]++;
                }
            }
            for (int n = 0; n < nodeCount; n++) {
                upOutStart[n + 1] += upOutStart[n];
                upInStart[n + 1] += upInStart[n];
            }
            int[] upOutHead = new int[upOutStart[nodeCount]];
            int[] upOutMillis = new int[upOutStart[nodeCount]];
            int[] upInTail = new int[upInStart[nodeCount]];
            int[] upInMillis = new int[upInStart[nodeCount]];
            int[] upOutEdge = new int[upOutStart[nodeCount]];
            int[] upInEdge = new int[upInStart[nodeCount]];
            int[] outFill = Arrays.copyOf(upOutStart, nodeCount);
            int[] inFill = Arrays.copyOf(upInStart, nodeCount);
            for (int i = 0; i < arcs; i++) {
                int t = arcTail[i];
                int h = arcHead[i];
                if (level[h] >= level[t]) {
                    int slot = outFill[t]++;
                    upOutHead[slot] = h;
                    upOutMillis[slot] = arcMillis[i];
                    upOutEdge[slot] = arcEdge[i];
                }
                if (level[t] >= level[h]) {
                    int slot = inFill[h]++;
                    upInTail[slot] = t;
                    upInMillis[slot] = arcMillis[i];
                    upInEdge[slot] = arcEdge[i];
                }
            }
            return new UpArcs(upOutStart, upOutHead, upOutMillis, upOutEdge, upInStart, upInTail, upInMillis, upInEdge);
        }
    }

    /**
     * Builds the hierarchy of a travel-time graph's profile from GraphHopper's prepared CH of the
     * network the graph was built from.
     */
    public static ContractionHierarchy build(RoadNetwork network, TravelTimeGraph graph) {
        return new ContractionHierarchy(network, graph);
    }

    /** Milliseconds along a shortcut, A to B ({@code forward}) or B to A, summed over its road edges. */
    private int shortcutMillis(int s, boolean forward) {
        int[] memo = forward ? shortcutFwd : shortcutBwd;
        if (memo[s] != UNKNOWN) {
            return memo[s];
        }
        long ptr = store.toShortcutPointer(s);
        int a = store.getNodeA(ptr);
        int b = store.getNodeB(ptr);
        int skip1 = store.getSkippedEdge1(ptr);
        int skip2 = store.getSkippedEdge2(ptr);
        // the leg touching A comes first; the contracted node v joins the two legs
        int first;
        int second;
        int via;
        if (hasEnd(skip1, a) && hasEnd(skip2, b) && other(skip1, a) == other(skip2, b)) {
            first = skip1;
            second = skip2;
        } else if (hasEnd(skip2, a) && hasEnd(skip1, b) && other(skip2, a) == other(skip1, b)) {
            first = skip2;
            second = skip1;
        } else {
            throw new IllegalStateException("shortcut " + s + " (" + a + "-" + b + ") does not join its skipped edges "
                    + skip1 + " and " + skip2);
        }
        via = other(first, a);
        int total;
        if (forward) {
            total = add(edgeMillis(first, a), edgeMillis(second, via));
        } else {
            total = add(edgeMillis(second, b), edgeMillis(first, via));
        }
        memo[s] = total;
        return total;
    }

    private static int add(int x, int y) {
        return x == TravelTimeGraph.CLOSED || y == TravelTimeGraph.CLOSED ? TravelTimeGraph.CLOSED : x + y;
    }

    /** Milliseconds along a CH edge (road edge or shortcut) leaving {@code from}. */
    private int edgeMillis(int chEdge, int from) {
        if (chEdge < baseEdges) {
            return graph.edgeBase(chEdge) == from ? graph.edgeFwdMillis(chEdge) : graph.edgeBwdMillis(chEdge);
        }
        int s = chEdge - baseEdges;
        return shortcutMillis(s, store.getNodeA(store.toShortcutPointer(s)) == from);
    }

    private boolean hasEnd(int chEdge, int node) {
        if (chEdge < baseEdges) {
            return graph.edgeBase(chEdge) == node || graph.edgeAdj(chEdge) == node;
        }
        long ptr = store.toShortcutPointer(chEdge - baseEdges);
        return store.getNodeA(ptr) == node || store.getNodeB(ptr) == node;
    }

    private int other(int chEdge, int node) {
        if (chEdge < baseEdges) {
            return graph.edgeBase(chEdge) == node ? graph.edgeAdj(chEdge) : graph.edgeBase(chEdge);
        }
        long ptr = store.toShortcutPointer(chEdge - baseEdges);
        return store.getNodeA(ptr) == node ? store.getNodeB(ptr) : store.getNodeA(ptr);
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** GraphHopper's contraction level of a node (its rank: higher is contracted later). */
    public int level(int node) {
        return level[node];
    }

    public int shortcutCount() {
        return shortcutCount;
    }

    private volatile Object sweepOrder;

    /**
     * The nodes renumbered for a downward sweep ({@link ManyToAllSweep}), built at first use and
     * kept (a race may build it twice, with the same result); null when two nodes share a level.
     */
    public SweepOrder sweepOrder() {
        Object o = sweepOrder;
        if (o == null) {
            SweepOrder built = SweepOrder.of(this);
            o = built == null ? Boolean.FALSE : built;
            sweepOrder = o;
        }
        return o instanceof SweepOrder order ? order : null;
    }

    /** Upward arcs: forward out of nodes, backward into nodes. */
    public int upArcCount() {
        return upOutHead.length + upInTail.length;
    }

    /** Bytes held by this hierarchy's arrays. */
    public long memoryBytes() {
        return 4L * (level.length + upOutStart.length + upInStart.length)
                + 12L * (upOutHead.length + upInTail.length)
                + 16L * shortcutCount;
    }

    /**
     * Appends to {@code out} the road edges a CH edge (a road edge id, or the number of road edges
     * plus a shortcut's index, as {@link #upOutEdge} and {@link #upInEdge} hold) stands for, in
     * travel order when entered at node {@code from}.
     */
    void unpack(int chEdge, int from, IntArrayList out) {
        if (chEdge < baseEdgeCount) {
            out.add(chEdge);
            return;
        }
        int s = chEdge - baseEdgeCount;
        if (from == shortcutA[s]) {
            unpack(shortcutFirst[s], from, out);
            unpack(shortcutSecond[s], chOther(shortcutFirst[s], from), out);
        } else if (from == shortcutB[s]) {
            unpack(shortcutSecond[s], from, out);
            unpack(shortcutFirst[s], chOther(shortcutSecond[s], from), out);
        } else {
            throw new IllegalArgumentException("node " + from + " is not an end of shortcut " + s);
        }
    }

    /** The other end of a CH edge entered at {@code node}. */
    int chOther(int chEdge, int node) {
        if (chEdge < baseEdgeCount) {
            return graph.otherNode(chEdge, node);
        }
        int s = chEdge - baseEdgeCount;
        return shortcutA[s] == node ? shortcutB[s] : shortcutA[s];
    }

    int[] upOutEdge() {
        return upOutEdge;
    }

    int[] upInEdge() {
        return upInEdge;
    }

    // raw arrays for the searches of this package: never modified after construction
    int[] upOutStart() {
        return upOutStart;
    }

    int[] upOutHead() {
        return upOutHead;
    }

    int[] upOutMillis() {
        return upOutMillis;
    }

    int[] upInStart() {
        return upInStart;
    }

    int[] upInTail() {
        return upInTail;
    }

    int[] upInMillis() {
        return upInMillis;
    }
}
