package org.bluelamp.road;

import java.util.Arrays;

/**
 * A {@link ContractionHierarchy}'s nodes renumbered for a downward sweep (PHAST): by depth (the
 * longest chain of downward arcs from the top of the hierarchy), then by node id, as PHAST reorders
 * them for locality; every arc is stored with both ends as sweep indexes, so that the sweep
 * ({@link ManyToAllSweep}) walks its per-node arrays in array order and finds the lists of the
 * higher nodes it reads from earlier in the same arrays.
 *
 * <p>{@code up*} holds, per sweep index, the arcs leaving the node towards higher nodes (the
 * upward searches from units run along them; their heads have smaller indexes); {@code down*}
 * holds, per sweep index, the arcs arriving at the node from higher nodes (the sweep merges their
 * tails' lists; the tails have smaller indexes). Times are the hierarchy's milliseconds.
 *
 * <p>Built once per hierarchy ({@link ContractionHierarchy#sweepOrder}) only when every node has a
 * level of its own (GraphHopper contracted every node): with nodes of equal level, arcs run both
 * ways between them and no single order sweeps them. Immutable and safe to share.
 */
public final class SweepOrder {
    final int nodeCount;
    /** Sweep index of each node. */
    final int[] indexOfNode;
    /** Node at each sweep index. */
    final int[] nodeAtIndex;

    final int[] upStart;
    final int[] upHead;
    final int[] upMillis;
    final int[] downStart;
    final int[] downTail;
    final int[] downMillis;

    private SweepOrder(ContractionHierarchy ch, int[] nodeAtIndex) {
        int n = ch.nodeCount();
        this.nodeCount = n;
        this.nodeAtIndex = nodeAtIndex;
        indexOfNode = new int[n];
        for (int i = 0; i < n; i++) {
            indexOfNode[nodeAtIndex[i]] = i;
        }
        int[] outStart = ch.upOutStart();
        int[] outHead = ch.upOutHead();
        int[] outMs = ch.upOutMillis();
        int[] inStart = ch.upInStart();
        int[] inTail = ch.upInTail();
        int[] inMs = ch.upInMillis();
        upStart = new int[n + 1];
        downStart = new int[n + 1];
        upHead = new int[outHead.length];
        upMillis = new int[outHead.length];
        downTail = new int[inTail.length];
        downMillis = new int[inTail.length];
        int up = 0;
        int down = 0;
        for (int i = 0; i < n; i++) {
            int node = nodeAtIndex[i];
            upStart[i] = up;
            for (int a = outStart[node]; a < outStart[node + 1]; a++) {
                upHead[up] = indexOfNode[outHead[a]];
                upMillis[up++] = outMs[a];
            }
            downStart[i] = down;
            for (int a = inStart[node]; a < inStart[node + 1]; a++) {
                downTail[down] = indexOfNode[inTail[a]];
                downMillis[down++] = inMs[a];
            }
        }
        upStart[n] = up;
        downStart[n] = down;
    }

    /** The sweep order of a hierarchy, or null when two nodes share a level (no order sweeps them). */
    static SweepOrder of(ContractionHierarchy ch) {
        int n = ch.nodeCount();
        long[] byLevel = new long[n];
        for (int node = 0; node < n; node++) {
            // descending level: sort ascending on the negated level
            byLevel[node] = ((long) -ch.level(node) << 32) | node;
        }
        Arrays.sort(byLevel);
        for (int i = 1; i < n; i++) {
            if ((byLevel[i] >> 32) == (byLevel[i - 1] >> 32)) {
                return null;
            }
        }
        // PHAST's reordering: a node's depth is the longest chain of downward arcs from the top to
        // it, so every arc's tail is shallower than its head; sweeping by depth, then by node id
        // (the graph's own, spatially ordered, numbering), keeps the tails a node reads near it
        int[] depth = new int[n];
        int[] inStart = ch.upInStart();
        int[] inTail = ch.upInTail();
        long[] byDepth = new long[n];
        for (int i = 0; i < n; i++) {
            int node = (int) byLevel[i];
            int d = 0;
            for (int a = inStart[node]; a < inStart[node + 1]; a++) {
                d = Math.max(d, depth[inTail[a]] + 1);
            }
            depth[node] = d;
            byDepth[i] = ((long) d << 32) | node;
        }
        Arrays.sort(byDepth);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) byDepth[i];
        }
        return new SweepOrder(ch, order);
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** Bytes held by this order's arrays. */
    public long memoryBytes() {
        return 4L * (2L * nodeCount + upStart.length + downStart.length) + 8L * (upHead.length + downTail.length);
    }
}
