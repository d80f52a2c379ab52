package org.bluelamp.road;

import java.util.Arrays;
import java.util.Objects;

/**
 * The fastest road route from one placement to another, exactly: A* over a {@link TravelTimeGraph}
 * guided by the lower bounds of its {@link Landmarks}. The route and its time are those
 * {@link ManyToOneSearch} finds for the same two placements (the same whole milliseconds per
 * edge, the same partial edges at both ends, the direct way along an edge they share), so a
 * simulated unit drives exactly the time the engine ranks it by; only the work differs. Where a
 * many-to-one search from the destination settles every node closer than the unit, this one
 * settles mostly the nodes along the way.
 *
 * <p>Why it is exact: the potential of a node is the smaller, over the target edge's two end
 * nodes, of the landmarks' lower bound to that end plus the partial time from it to the target.
 * Each landmark term is consistent (the triangle inequality over exact shortest times), and so is
 * their maximum and the minimum over the two ends; with a consistent potential A* settles each
 * node at its exact time, and the search stops only when no node left in the queue could lead to
 * a faster route than the best found. No contraction hierarchy is used: GraphHopper's hierarchy
 * was built with its own double-valued weights, and whole milliseconds per edge can order two
 * near-equal routes differently (see {@link ContractionHierarchy}).
 *
 * <p>No conditions: the open network at free-flow speeds (the landmarks' bounds assume no edge is
 * faster than in the graph; closures would keep them valid but the search does not read any).
 *
 * <p>State is sized to the graph once and reset by stamping; a query allocates only its answer's
 * path. Not thread-safe: one per thread.
 */
public final class RouteSearch {
    /** The road time of {@link #route} when the network does not connect the two placements. */
    public static final int NO_ROUTE = -1;

    private static final int ALONG_EDGE = -2;
    private static final int NONE = -1;

    private final Landmarks landmarks;
    private final TravelTimeGraph graph;
    private final int[] outOffset;
    private final int[] outHead;
    private final int[] outEdge;
    private final int[] outMillis;

    private final int[] millis;
    private final int[] potential;
    private final int[] parentEdge;
    private final int[] reachedStamp;
    private final int[] settledStamp;
    private int stamp;
    private final LongMinHeap heap = new LongMinHeap(1024);

    // this query's target
    private int targetBase;
    private int targetAdj;
    private int fromBase;
    private int fromAdj;

    // this query's answer
    private EdgePlacement from;
    private EdgePlacement to;
    private int bestMillis;
    private int bestNode;
    private int settledNodes;

    /** A search over the graph of {@code landmarks}; allocates its per-node arrays once. */
    public RouteSearch(Landmarks landmarks) {
        this.landmarks = Objects.requireNonNull(landmarks, "landmarks");
        this.graph = landmarks.graph();
        this.outOffset = graph.outOffset();
        this.outHead = graph.outHead();
        this.outEdge = graph.outEdge();
        this.outMillis = graph.outMillis();
        int n = graph.nodeCount();
        millis = new int[n];
        potential = new int[n];
        parentEdge = new int[n];
        reachedStamp = new int[n];
        settledStamp = new int[n];
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    /**
     * Finds the fastest route from {@code from} to {@code to} (placements on this search's graph);
     * read it with {@link #path}.
     *
     * @return the road time in milliseconds, or {@link #NO_ROUTE}
     */
    public int route(EdgePlacement from, EdgePlacement to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(reachedStamp, 0);
            Arrays.fill(settledStamp, 0);
            stamp = 1;
        }
        heap.clear();
        settledNodes = 0;
        bestMillis = Integer.MAX_VALUE;
        bestNode = NONE;
        int te = to.edgeId();
        targetBase = graph.edgeBase(te);
        targetAdj = graph.edgeAdj(te);
        fromBase = graph.millisFromBase(to);
        fromAdj = graph.millisFromAdj(to);
        int se = from.edgeId();
        if (se == te) {
            int direct = graph.millisAlongEdge(from, to);
            if (direct != TravelTimeGraph.CLOSED) {
                bestMillis = direct;
                bestNode = ALONG_EDGE;
            }
        }
        if (fromBase != TravelTimeGraph.CLOSED || fromAdj != TravelTimeGraph.CLOSED) {
            int toBase = graph.millisToBase(from);
            if (toBase != TravelTimeGraph.CLOSED) {
                reach(graph.edgeBase(se), toBase, NONE);
            }
            int toAdj = graph.millisToAdj(from);
            if (toAdj != TravelTimeGraph.CLOSED) {
                reach(graph.edgeAdj(se), toAdj, NONE);
            }
            search();
        }
        return bestNode == NONE ? NO_ROUTE : bestMillis;
    }

    private void search() {
        int cur = stamp;
        int[] millis = this.millis;
        int[] potential = this.potential;
        int[] settledStamp = this.settledStamp;
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int v = LongMinHeap.id(top);
            int key = LongMinHeap.key(top);
            if (key >= bestMillis) {
                return; // no route through a node left can be faster: every key is a lower bound
            }
            if (settledStamp[v] == cur || key != millis[v] + potential[v]) {
                continue; // settled, or reached faster since this entry was pushed
            }
            settledStamp[v] = cur;
            settledNodes++;
            int d = millis[v];
            if (v == targetBase && fromBase != TravelTimeGraph.CLOSED && d + fromBase < bestMillis) {
                bestMillis = d + fromBase;
                bestNode = v;
            }
            if (v == targetAdj && fromAdj != TravelTimeGraph.CLOSED && d + fromAdj < bestMillis) {
                bestMillis = d + fromAdj;
                bestNode = v;
            }
            for (int i = outOffset[v], end = outOffset[v + 1]; i < end; i++) {
                int w = outHead[i];
                if (settledStamp[w] != cur) {
                    reach(w, d + outMillis[i], outEdge[i]);
                }
            }
        }
    }

    private void reach(int node, int ms, int viaEdge) {
        if (reachedStamp[node] != stamp) {
            reachedStamp[node] = stamp;
            potential[node] = potential(node);
        } else if (ms >= millis[node]) {
            return;
        }
        if (potential[node] == Landmarks.UNREACHED) {
            millis[node] = ms;
            return; // it cannot reach the target: never expanded
        }
        millis[node] = ms;
        parentEdge[node] = viaEdge;
        heap.push(LongMinHeap.pack(ms + potential[node], node));
    }

    /**
     * The lower bound from {@code node} to the target placement: the better of its two end nodes
     * ({@link Landmarks#UNREACHED} when it can reach neither).
     */
    private int potential(int node) {
        int best = Landmarks.UNREACHED;
        if (fromBase != TravelTimeGraph.CLOSED) {
            int b = landmarks.lowerBoundMillis(node, targetBase);
            if (b != Landmarks.UNREACHED) {
                best = b + fromBase;
            }
        }
        if (fromAdj != TravelTimeGraph.CLOSED) {
            int a = landmarks.lowerBoundMillis(node, targetAdj);
            if (a != Landmarks.UNREACHED) {
                best = Math.min(best, a + fromAdj);
            }
        }
        return best;
    }

    /**
     * The route the last {@link #route} found (which must have found one): the nodes from the
     * end of the source's edge where it joins the graph to the end of the target's edge, and the
     * edges between them; no nodes when the way is along the edge the two share.
     */
    public RoadPath path() {
        if (bestNode == NONE) {
            throw new IllegalStateException("the last query found no route");
        }
        if (bestNode == ALONG_EDGE) {
            return new RoadPath(from, new int[0], new int[0], to);
        }
        int length = 1;
        for (int v = bestNode; parentEdge[v] != NONE; v = graph.otherNode(parentEdge[v], v)) {
            length++;
        }
        int[] nodes = new int[length];
        int[] edges = new int[length - 1];
        int v = bestNode;
        for (int k = length - 1; k >= 0; k--) {
            nodes[k] = v;
            if (k > 0) {
                edges[k - 1] = parentEdge[v];
                v = graph.otherNode(parentEdge[v], v);
            }
        }
        return new RoadPath(from, nodes, edges, to);
    }

    /** Nodes the last query settled (the measure of its work). */
    public int settledNodes() {
        return settledNodes;
    }
}
