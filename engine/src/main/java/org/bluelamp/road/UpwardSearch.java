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

    private final int[] millis;
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
        int n = ch.nodeCount();
        millis = new int[n];
        reachedStamp = new int[n];
        settledStamp = new int[n];
    }

    /**
     * Runs one search. A start node of {@link #NONE} is skipped.
     *
     * @param forward true to follow arcs out of nodes (from a source), false into nodes (towards a target)
     * @param limitMillis nodes further than this are not settled ({@code Integer.MAX_VALUE}: no limit)
     */
    void run(boolean forward, int startA, int millisA, int startB, int millisB, int limitMillis) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(reachedStamp, 0);
            Arrays.fill(settledStamp, 0);
            stamp = 1;
        }
        int cur = stamp;
        heap.clear();
        resultCount = 0;
        settledCount = 0;
        if (startA != NONE) {
            reach(startA, millisA, cur);
        }
        if (startB != NONE) {
            reach(startB, millisB, cur);
        }
        int[] expandStart = forward ? outStart : inStart;
        int[] expandNode = forward ? outHead : inTail;
        int[] expandMillis = forward ? outMillis : inMillis;
        int[] stallStart = forward ? inStart : outStart;
        int[] stallNode = forward ? inTail : outHead;
        int[] stallMillis = forward ? inMillis : outMillis;
        int[] millis = this.millis;
        int[] reachedStamp = this.reachedStamp;
        int[] settledStamp = this.settledStamp;
        while (!heap.isEmpty()) {
            long top = heap.poll();
            int node = LongMinHeap.id(top);
            int d = LongMinHeap.key(top);
            if (settledStamp[node] == cur || d > millis[node]) {
                continue;
            }
            if (d > limitMillis) {
                break;
            }
            settledStamp[node] = cur;
            settledCount++;
            boolean stalled = false;
            for (int i = stallStart[node], end = stallStart[node + 1]; i < end; i++) {
                int w = stallNode[i];
                if (reachedStamp[w] == cur && millis[w] + stallMillis[i] < d) {
                    stalled = true;
                    break;
                }
            }
            if (stalled) {
                continue;
            }
            if (resultCount == resultNode.length) {
                resultNode = Arrays.copyOf(resultNode, resultCount * 2);
                resultMillis = Arrays.copyOf(resultMillis, resultCount * 2);
            }
            resultNode[resultCount] = node;
            resultMillis[resultCount++] = d;
            for (int i = expandStart[node], end = expandStart[node + 1]; i < end; i++) {
                int w = expandNode[i];
                int next = d + expandMillis[i];
                if (reachedStamp[w] != cur || next < millis[w]) {
                    reachedStamp[w] = cur;
                    millis[w] = next;
                    heap.push(LongMinHeap.pack(next, w));
                }
            }
        }
    }

    private void reach(int node, int ms, int cur) {
        if (reachedStamp[node] != cur || ms < millis[node]) {
            reachedStamp[node] = cur;
            millis[node] = ms;
            heap.push(LongMinHeap.pack(ms, node));
        }
    }

    /** Settled, unstalled nodes of the last run. */
    int resultCount() {
        return resultCount;
    }

    int resultNode(int i) {
        return resultNode[i];
    }

    int resultMillis(int i) {
        return resultMillis[i];
    }

    /** Nodes settled by the last run, stalled or not: the measure of its work. */
    int settledCount() {
        return settledCount;
    }
}
