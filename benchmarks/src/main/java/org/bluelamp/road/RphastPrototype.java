package org.bluelamp.road;

import java.util.Arrays;

/**
 * RPHAST (restricted PHAST) for many sources and one target, built only to measure it against
 * the bucket search ({@link BucketManyToOneSearch}) in {@code SparseFleetBenchmark}; not used by
 * the engine. Selection (when the sources change): every node reachable upwards from the sources'
 * end nodes, ordered from the highest level down, with its upward arcs inside that set. Query:
 * one upward search backwards from the target, then one sweep over the selected nodes from the
 * top down, each taking the best of its own backward label and its upward arcs to nodes already
 * swept; a source's time is then read at its edge's end nodes. Exact on the same metric as the
 * buckets. Lives in the benchmarks module under the road package to reach the hierarchy's arrays.
 * Not thread-safe.
 */
public final class RphastPrototype {
    private static final int INF = SourceBuckets.UNREACHABLE;

    private final ContractionHierarchy ch;
    private final TravelTimeGraph graph;
    private final UpwardSearch search;
    private final int[] posOf;
    private int[] order = new int[0];
    private int[] arcStart = new int[1];
    private int[] arcHeadPos = new int[0];
    private int[] arcMillis = new int[0];
    private int[] dist = new int[0];
    private EdgePlacement[] sources = new EdgePlacement[0];

    public RphastPrototype(ContractionHierarchy ch) {
        this.ch = ch;
        this.graph = ch.graph();
        this.search = new UpwardSearch(ch);
        this.posOf = new int[ch.nodeCount()];
        Arrays.fill(posOf, -1);
    }

    /** The selection phase for a set of sources (allocates; run when the sources change). */
    public void select(EdgePlacement[] placements) {
        for (int v : order) {
            posOf[v] = -1;
        }
        sources = placements.clone();
        int[] start = ch.upOutStart();
        int[] head = ch.upOutHead();
        int[] millis = ch.upOutMillis();
        int[] queue = new int[1024];
        int n = 0;
        boolean[] seen = new boolean[ch.nodeCount()];
        for (EdgePlacement p : placements) {
            for (int v : new int[] {graph.edgeBase(p.edgeId()), graph.edgeAdj(p.edgeId())}) {
                if (!seen[v]) {
                    seen[v] = true;
                    if (n == queue.length) {
                        queue = Arrays.copyOf(queue, n * 2);
                    }
                    queue[n++] = v;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int v = queue[i];
            for (int a = start[v]; a < start[v + 1]; a++) {
                int w = head[a];
                if (!seen[w]) {
                    seen[w] = true;
                    if (n == queue.length) {
                        queue = Arrays.copyOf(queue, n * 2);
                    }
                    queue[n++] = w;
                }
            }
        }
        long[] byLevel = new long[n];
        for (int i = 0; i < n; i++) {
            byLevel[i] = ((long) (Integer.MAX_VALUE - ch.level(queue[i])) << 32) | queue[i];
        }
        Arrays.sort(byLevel);
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) byLevel[i];
            posOf[order[i]] = i;
        }
        arcStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int v = order[i];
            arcStart[i + 1] = arcStart[i] + (start[v + 1] - start[v]);
        }
        arcHeadPos = new int[arcStart[n]];
        arcMillis = new int[arcStart[n]];
        for (int i = 0; i < n; i++) {
            int v = order[i];
            int k = arcStart[i];
            for (int a = start[v]; a < start[v + 1]; a++) {
                arcHeadPos[k] = posOf[head[a]];
                arcMillis[k++] = millis[a];
            }
        }
        dist = new int[n];
        Arrays.fill(dist, INF);
    }

    /** Nodes selected. */
    public int selectedNodes() {
        return order.length;
    }

    /** Road milliseconds of every source to the target (INF: no route), into {@code out}. */
    public void query(EdgePlacement target, int[] out) {
        int f = target.edgeId();
        int fromBase = graph.millisFromBase(target);
        int fromAdj = graph.millisFromAdj(target);
        search.run(
                false,
                fromBase == TravelTimeGraph.CLOSED ? UpwardSearch.NONE : graph.edgeBase(f),
                fromBase,
                fromAdj == TravelTimeGraph.CLOSED ? UpwardSearch.NONE : graph.edgeAdj(f),
                fromAdj);
        int[] dist = this.dist;
        for (int r = 0; r < search.resultCount(); r++) {
            int pos = posOf[search.resultNode(r)];
            if (pos >= 0) {
                dist[pos] = search.resultMillis(r);
            }
        }
        for (int i = 0, n = order.length; i < n; i++) {
            int d = dist[i];
            for (int a = arcStart[i], end = arcStart[i + 1]; a < end; a++) {
                int via = arcMillis[a] + dist[arcHeadPos[a]];
                if (via < d) {
                    d = via;
                }
            }
            dist[i] = d;
        }
        for (int s = 0; s < sources.length; s++) {
            EdgePlacement p = sources[s];
            int toBase = graph.millisToBase(p);
            int toAdj = graph.millisToAdj(p);
            int best = INF;
            if (toBase != TravelTimeGraph.CLOSED) {
                best = Math.min(best, toBase + dist[posOf[graph.edgeBase(p.edgeId())]]);
            }
            if (toAdj != TravelTimeGraph.CLOSED) {
                best = Math.min(best, toAdj + dist[posOf[graph.edgeAdj(p.edgeId())]]);
            }
            if (p.edgeId() == f) {
                int direct = graph.millisAlongEdge(p, target);
                if (direct != TravelTimeGraph.CLOSED) {
                    best = Math.min(best, direct);
                }
            }
            out[s] = best;
        }
        Arrays.fill(dist, INF);
    }
}
