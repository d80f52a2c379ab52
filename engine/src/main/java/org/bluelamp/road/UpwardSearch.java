package org.bluelamp.road;

import java.util.Arrays;

/**
 * Dijkstra's algorithm restricted to the upward arcs of a {@link ContractionHierarchy}, from up
 * to two start nodes with start times, with stall-on-demand: a node whose label a higher neighbour
 * already beats by an arc leading down to it is not on any shortest upward path, so it is neither
 * reported nor expanded. Forward searches follow arcs out of nodes (a unit driving away), backward
 * searches follow arcs into nodes (towards an incident).
 *
 * <p>Reports each settled, unstalled node with its time, in settling order. State is sized to the
 * graph once and reset by stamping, so a search allocates nothing once its result arrays have
 * grown to the largest search space seen. Not thread-safe: one per thread.
 */
final class UpwardSearch {
    static final int NONE = -1;

    private final int[] outStart;
    private final int[] outHead;
    private final int[] outMillis;
    private final int[] inStart;
    private final int[] inTail;
    private final int[] inMillis;
    private final int[] outEdge;
    private final int[] inEdge;

    private final int[] millis;
    /** Per reached node: the node it was reached from (NONE at a start) and the CH edge between them. */
    private final int[] parentNode;

    private final int[] parentEdge;
    private final int[] reachedStamp;
    private final int[] settledStamp;
    private int stamp;
    private final LongMinHeap heap = new LongMinHeap(256);

    private int[] resultNode = new int[256];
    private int[] resultMillis = new int[256];
    private int resultCount;
    private int settledCount;

    UpwardSearch(ContractionHierarchy ch) {
        outStart = ch.upOutStart();
        outHead = ch.upOutHead();
        outMillis = ch.upOutMillis();
        inStart = ch.upInStart();
        inTail = ch.upInTail();
        inMillis = ch.upInMillis();
        outEdge = ch.upOutEdge();
        inEdge = ch.upInEdge();
        int n = ch.nodeCount();
        millis = new int[n];
        parentNode = new int[n];
        parentEdge = new int[n];
        reachedStamp = new int[n];
        settledStamp = new int[n];
    }

    private boolean forward;
    private int node;
    private int nodeMillis;

    /**
     * Runs one search to the end and keeps its settled, unstalled nodes ({@link #resultNode}).
     * A start node of {@link #NONE} is skipped.
     *
     * @param forward true to follow arcs out of nodes (from a source), false into nodes (towards a target)
     */
    void run(boolean forward, int startA, int millisA, int startB, int millisB) {
        start(forward, startA, millisA, startB, millisB);
        resultCount = 0;
        while (next(Integer.MAX_VALUE)) {
            if (resultCount == resultNode.length) {
                resultNode = Arrays.copyOf(resultNode, resultCount * 2);
                resultMillis = Arrays.copyOf(resultMillis, resultCount * 2);
            }
            resultNode[resultCount] = node;
            resultMillis[resultCount++] = nodeMillis;
        }
    }

    /** Starts a search to be driven by {@link #next}. */
    void start(boolean forward, int startA, int millisA, int startB, int millisB) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(reachedStamp, 0);
            Arrays.fill(settledStamp, 0);
            stamp = 1;
        }
        this.forward = forward;
        heap.clear();
        resultCount = 0;
        settledCount = 0;
        if (startA != NONE) {
            reach(startA, millisA, stamp);
        }
        if (startB != NONE) {
            reach(startB, millisB, stamp);
        }
    }

    /**
     * Settles nodes until one is not stalled and expands it; its id and time are then
     * {@link #node()} and {@link #nodeMillis()}.
     *
     * @param limitMillis nodes further than this are left unsettled
     * @return false when no node within the limit remains
     */
    boolean next(int limitMillis) {
        int cur = stamp;
        int[] expandStart = forward ? outStart : inStart;
        int[] expandNode = forward ? outHead : inTail;
        int[] expandMillis = forward ? outMillis : inMillis;
        int[] expandEdge = forward ? outEdge : inEdge;
        int[] stallStart = forward ? inStart : outStart;
        int[] stallNode = forward ? inTail : outHead;
        int[] stallMillis = forward ? inMillis : outMillis;
        int[] millis = this.millis;
        int[] reachedStamp = this.reachedStamp;
        int[] settledStamp = this.settledStamp;
        while (!heap.isEmpty()) {
            long top = heap.peek();
            int v = LongMinHeap.id(top);
            int d = LongMinHeap.key(top);
            if (settledStamp[v] == cur || d > millis[v]) {
                heap.poll();
                continue;
            }
            if (d > limitMillis) {
                return false;
            }
            heap.poll();
            settledStamp[v] = cur;
            settledCount++;
            boolean stalled = false;
            for (int i = stallStart[v], end = stallStart[v + 1]; i < end; i++) {
                int w = stallNode[i];
                if (reachedStamp[w] == cur && millis[w] + stallMillis[i] < d) {
                    stalled = true;
                    break;
                }
            }
            if (stalled) {
                continue;
            }
            for (int i = expandStart[v], end = expandStart[v + 1]; i < end; i++) {
                int w = expandNode[i];
                int nd = d + expandMillis[i];
                if (reachedStamp[w] != cur || nd < millis[w]) {
                    reachedStamp[w] = cur;
                    millis[w] = nd;
                    parentNode[w] = v;
                    parentEdge[w] = expandEdge[i];
                    heap.push(LongMinHeap.pack(nd, w));
                }
            }
            node = v;
            nodeMillis = d;
            return true;
        }
        return false;
    }

    /** The node the last successful {@link #next} settled. */
    int node() {
        return node;
    }

    /** Its time from the start, milliseconds. */
    int nodeMillis() {
        return nodeMillis;
    }

    private void reach(int node, int ms, int cur) {
        if (reachedStamp[node] != cur || ms < millis[node]) {
            reachedStamp[node] = cur;
            millis[node] = ms;
            parentNode[node] = NONE;
            heap.push(LongMinHeap.pack(ms, node));
        }
    }

    /**
     * The node a node settled by the current search was reached from ({@link #NONE} for a start
     * node): its neighbour towards the start.
     */
    int parentNode(int node) {
        return parentNode[node];
    }

    /** The CH edge between a settled node and its {@link #parentNode} (see {@link ContractionHierarchy#unpack}). */
    int parentEdge(int node) {
        return parentEdge[node];
    }

    /** Settled, unstalled nodes of the last {@link #run}. */
    int resultCount() {
        return resultCount;
    }

    int resultNode(int i) {
        return resultNode[i];
    }

    int resultMillis(int i) {
        return resultMillis[i];
    }

    /** Nodes settled since the last start, stalled or not: the measure of the work. */
    int settledCount() {
        return settledCount;
    }
}
