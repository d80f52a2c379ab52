package org.bluelamp.road;

import java.util.Arrays;

/**
 * Exact travel times from and to a few landmark nodes of a {@link TravelTimeGraph}, the lower
 * bounds that make {@link RouteSearch} (A* with landmarks, "ALT", Goldberg and Harrelson 2005) fast
 * without changing its answer. For any nodes {@code v}, {@code t} and landmark {@code L}, the
 * triangle inequality gives {@code d(v,t) >= d(L,t) - d(L,v)} and {@code d(v,t) >= d(v,L) - d(t,L)};
 * the bound is the largest of these over the landmarks. The distances are this graph's own whole
 * milliseconds per edge (the times {@link ManyToOneSearch} adds), so the bound is exact arithmetic
 * and never above the true time.
 *
 * <p>Landmarks are chosen by the farthest-point rule: the first is the node farthest by road time
 * from the first node that has an arc, each next one the node (reached from the last landmark)
 * whose smallest round-trip time to the landmarks chosen so far is largest. A node a landmark does
 * not reach, or that does not reach it, gets no bound from it, or the proof that it cannot reach
 * the target (see {@link #lowerBoundMillis}).
 *
 * <p>Memory: two ints per node and landmark (16 landmarks on New York's 264,000 nodes: 34 MB).
 * Building runs two Dijkstra searches over the whole graph per landmark, plus one (2 to 3 s of
 * CPU for New York's car graph). Immutable after construction; thread-safe.
 */
public final class Landmarks {
    /** A node the landmark cannot reach, or that cannot reach it; also a bound proving no route. */
    public static final int UNREACHED = Integer.MAX_VALUE;

    private final TravelTimeGraph graph;
    private final int count;
    private final int[] landmarkNodes;
    // per node, then per landmark: fromLandmark[v * count + i] = d(L_i, v); toLandmark[v * count + i] = d(v, L_i)
    private final int[] fromLandmark;
    private final int[] toLandmark;

    private Landmarks(TravelTimeGraph graph, int count) {
        this.graph = graph;
        int n = graph.nodeCount();
        this.count = n == 0 ? 0 : Math.min(count, n);
        this.landmarkNodes = new int[this.count];
        this.fromLandmark = new int[n * this.count];
        this.toLandmark = new int[n * this.count];
        if (this.count == 0) {
            return;
        }
        int[] from = new int[n];
        int[] to = new int[n];
        long[] nearest = new long[n]; // smallest (from + to) time to any landmark so far
        Arrays.fill(nearest, Long.MAX_VALUE);
        FullDijkstra dijkstra = new FullDijkstra(n);
        // start from the farthest node of node 0's reach, which lies on the edge of the main network
        // for graphs whose node 0 is in it (GraphHopper numbers nodes as the import meets them)
        dijkstra.run(graph.outOffset(), graph.outHead(), graph.outMillis(), firstNodeWithArcs(), from);
        int next = farthest(from);
        for (int i = 0; i < this.count; i++) {
            landmarkNodes[i] = next;
            dijkstra.run(graph.outOffset(), graph.outHead(), graph.outMillis(), next, from);
            dijkstra.run(graph.inOffset(), graph.inTail(), graph.inMillis(), next, to);
            for (int v = 0; v < n; v++) {
                fromLandmark[v * this.count + i] = from[v];
                toLandmark[v * this.count + i] = to[v];
                if (from[v] != UNREACHED && to[v] != UNREACHED) {
                    nearest[v] = Math.min(nearest[v], (long) from[v] + to[v]);
                }
            }
            next = farthestFromAll(nearest, from);
        }
    }

    /**
     * The landmarks of a graph.
     *
     * @param count how many (more make each bound tighter and cost memory and building time; 8 to
     *     16 is usual), at least 1
     */
    public static Landmarks build(TravelTimeGraph graph, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return new Landmarks(graph, count);
    }

    private int firstNodeWithArcs() {
        int[] out = graph.outOffset();
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (out[v + 1] > out[v]) {
                return v;
            }
        }
        return 0;
    }

    private static int farthest(int[] millis) {
        int best = 0;
        long bestMillis = -1;
        for (int v = 0; v < millis.length; v++) {
            if (millis[v] != UNREACHED && millis[v] > bestMillis) {
                bestMillis = millis[v];
                best = v;
            }
        }
        return best;
    }

    /** The node reached from the landmarks whose nearest landmark is farthest (ties: lowest id). */
    private static int farthestFromAll(long[] nearest, int[] reachedFromLast) {
        int best = 0;
        long bestMillis = -1;
        for (int v = 0; v < nearest.length; v++) {
            if (nearest[v] != Long.MAX_VALUE && nearest[v] > bestMillis && reachedFromLast[v] != UNREACHED) {
                bestMillis = nearest[v];
                best = v;
            }
        }
        return best;
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    /** How many landmarks. */
    public int count() {
        return count;
    }

    /** The node of landmark {@code i}. */
    public int landmarkNode(int i) {
        return landmarkNodes[i];
    }

    /**
     * A lower bound on the road time from node {@code v} to node {@code t}, milliseconds: 0 when no
     * landmark gives one, {@link #UNREACHED} when a landmark proves that {@code v} cannot reach
     * {@code t} ({@code t} reaches the landmark and {@code v} does not).
     *
     * <p>Consistent: for every arc {@code u -> v} of {@code w} milliseconds, the bound from
     * {@code u} is at most {@code w} plus the bound from {@code v} (each term by the triangle
     * inequality; a term undefined at {@code v} is undefined at {@code u} too, or proves {@code v}
     * cannot reach {@code t}).
     */
    public int lowerBoundMillis(int v, int t) {
        int best = 0;
        int[] from = fromLandmark;
        int[] to = toLandmark;
        int vi = v * count;
        int ti = t * count;
        for (int i = 0; i < count; i++) {
            int lt = from[ti + i];
            int lv = from[vi + i];
            if (lt != UNREACHED && lv != UNREACHED && lt - lv > best) {
                best = lt - lv;
            }
            int tl = to[ti + i];
            if (tl != UNREACHED) {
                int vl = to[vi + i];
                if (vl == UNREACHED) {
                    return UNREACHED; // t reaches the landmark, v does not: v cannot reach t
                }
                if (vl - tl > best) {
                    best = vl - tl;
                }
            }
        }
        return best;
    }

    /** Bytes held by the distance arrays. */
    public long memoryBytes() {
        return 4L * (fromLandmark.length + toLandmark.length);
    }

    /** A Dijkstra over a whole CSR adjacency into a caller's array of times (UNREACHED where not reached). */
    private static final class FullDijkstra {
        private final boolean[] settled;
        private final LongMinHeap heap = new LongMinHeap(1024);

        FullDijkstra(int n) {
            settled = new boolean[n];
        }

        void run(int[] offset, int[] head, int[] millis, int start, int[] dist) {
            Arrays.fill(dist, UNREACHED);
            Arrays.fill(settled, false);
            heap.clear();
            dist[start] = 0;
            heap.push(LongMinHeap.pack(0, start));
            while (!heap.isEmpty()) {
                long top = heap.poll();
                int v = LongMinHeap.id(top);
                if (settled[v]) {
                    continue;
                }
                settled[v] = true;
                int d = LongMinHeap.key(top);
                for (int i = offset[v], end = offset[v + 1]; i < end; i++) {
                    int w = head[i];
                    int nd = d + millis[i];
                    if (nd < dist[w]) {
                        dist[w] = nd;
                        heap.push(LongMinHeap.pack(nd, w));
                    }
                }
            }
        }
    }
}
