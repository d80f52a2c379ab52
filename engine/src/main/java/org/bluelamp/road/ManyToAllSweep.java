package org.bluelamp.road;

import java.util.Arrays;

/**
 * The k nearest distinct sources of every road node, and their times, from the contraction
 * hierarchy GraphHopper prepared: PHAST (Delling, Goldberg, Nowatzyk and Werneck 2011) with k
 * labels per node. It answers what {@link ManyToAllSearch} answers (which runs it when given a
 * hierarchy and no road conditions) without a priority queue over the whole graph.
 *
 * <p><b>Phase 1</b>: from every source (both ends of its edge, at its start time plus the part of
 * its edge, exactly as {@link ManyToAllSearch} seeds them) a Dijkstra search along upward arcs
 * only; each node it settles offers it (time, source) to the node's upward list, which keeps the
 * node's k best distinct sources (further labels only up to the further limit). A search does not
 * go on from a node whose list the offer did not enter: the k sources there reach everything above
 * it at least as early. <b>Phase 2</b>: one pass over all nodes from the highest level down (array
 * order of {@link SweepOrder}); a node's final list is merged from its upward list and, for every
 * arc arriving from a higher node u, u's final list plus the arc's milliseconds. Every shortest
 * path climbs and then descends the hierarchy, so its last arc comes from a higher node whose list
 * is final before the node is reached; and if a source is not among u's k nearest, u's k nearer
 * sources are nearer through u too (ties apart, which may swap sources of equal time), so k labels
 * per node are exact. The first higher list a node's empty list meets is copied (plus the arc);
 * later ones are merged with it in one pass of the two sorted lists ({@code mergeTail}). A node's
 * best time and source are also written by node id as its list becomes final, so readers that
 * walk the graph's own numbering ({@link #bestMillis}) do not go through the sweep order.
 *
 * <p>Limits as {@link ManyToAllSearch#run}: best times up to {@code firstLimitMillis}, labels after
 * a node's first only up to {@code furtherLimitMillis}. Times are the hierarchy's milliseconds: the
 * sums of per-edge milliseconds of {@link TravelTimeGraph}, along GraphHopper's shortcuts (see the
 * rounding caveat in {@link ContractionHierarchy}).
 *
 * <p>Work: phase 1 is small (the upward search spaces of the sources), phase 2 reads every
 * downward arc once, streaming the node arrays. All state lives in primitive arrays allocated once
 * (the upward lists in a pool that grows to the largest query seen): a query allocates nothing.
 * Not thread-safe: one instance per thread.
 */
public final class ManyToAllSweep {
    private static final int FREE = -1;

    private final TravelTimeGraph graph;
    private final SweepOrder order;
    private final int labelsPerNode;
    private final int stride;
    /** Per sweep index: the count, then (millis, source) pairs in time order. */
    private final int[] labels;
    /** Per node (graph numbering): its best time ({@link ManyToAllSearch#UNREACHED} when none) and source (-1). */
    private final int[] bestMillisByNode;

    private final int[] bestSourceByNode;

    // phase 1: the upward lists, in blocks of a pool, per sweep index
    private final int[] upBlock;
    private int[] upPool;
    private int upPoolUsed;
    private int[] upTouched = new int[1024];
    private int upTouchedCount;
    // one source's upward search
    private final int[] dist;
    private int[] distTouched = new int[1024];
    private int distTouchedCount;
    private final LongMinHeap heap = new LongMinHeap(1024);

    // the sweep's merges: per source, the stamp of the last merge that took it; the merged list
    private int[] seenInMerge = new int[64];
    private int mergeStamp;
    private final int[] merged;

    private long upSettled;
    private long labelsSet;

    /**
     * A sweep over a hierarchy that has a {@link ContractionHierarchy#sweepOrder}, keeping up to
     * {@code labelsPerNode} labels per node; allocates its per-node arrays once.
     *
     * @throws IllegalArgumentException when the hierarchy has no sweep order (nodes share a level)
     */
    public ManyToAllSweep(ContractionHierarchy ch, int labelsPerNode) {
        if (labelsPerNode < 1 || labelsPerNode > 64) {
            throw new IllegalArgumentException("labelsPerNode must be 1 to 64, got " + labelsPerNode);
        }
        SweepOrder o = ch.sweepOrder();
        if (o == null) {
            throw new IllegalArgumentException("the hierarchy has nodes of equal level: no sweep order");
        }
        this.graph = ch.graph();
        this.order = o;
        this.labelsPerNode = labelsPerNode;
        this.stride = 1 + 2 * labelsPerNode;
        int n = o.nodeCount;
        labels = new int[Math.multiplyExact(n, stride)];
        bestMillisByNode = new int[n];
        bestSourceByNode = new int[n];
        upBlock = new int[n];
        Arrays.fill(upBlock, FREE);
        upPool = new int[64 * stride];
        dist = new int[n];
        Arrays.fill(dist, Integer.MAX_VALUE);
        merged = new int[2 * labelsPerNode];
    }

    /** The most labels a node keeps. */
    public int labelsPerNode() {
        return labelsPerNode;
    }

    /**
     * Runs a query: every node's k nearest sources.
     *
     * @param sourcePlacement where each source is placed (sources 0 to {@code sourceCount - 1})
     * @param sourceStartMillis when each source sets off, milliseconds
     * @param firstLimitMillis best times are found up to this ({@code Integer.MAX_VALUE}: every
     *     reachable node)
     * @param furtherLimitMillis labels after a node's first are kept only up to this
     */
    public void run(
            EdgePlacement[] sourcePlacement,
            int[] sourceStartMillis,
            int sourceCount,
            int firstLimitMillis,
            int furtherLimitMillis) {
        final int further = labelsPerNode > 1 ? Math.min(furtherLimitMillis, firstLimitMillis) : -1;
        clearUpward();
        startMerges(sourceCount);
        upSettled = 0;
        for (int s = 0; s < sourceCount; s++) {
            upward(s, sourcePlacement[s], sourceStartMillis[s], firstLimitMillis, further);
        }
        sweep(firstLimitMillis, further);
    }

    /** Resets the merges' stamps for a query of {@code sourceCount} sources. */
    void startMerges(int sourceCount) {
        if (seenInMerge.length < sourceCount) {
            seenInMerge = new int[Math.max(sourceCount, 2 * seenInMerge.length)];
        } else {
            Arrays.fill(seenInMerge, 0, sourceCount, 0);
        }
        mergeStamp = 0;
    }

    private void clearUpward() {
        for (int i = 0; i < upTouchedCount; i++) {
            upBlock[upTouched[i]] = FREE;
        }
        upTouchedCount = 0;
        upPoolUsed = 0;
    }

    /** One source's upward Dijkstra, offering each settled node to its upward list. */
    private void upward(int source, EdgePlacement p, int startMillis, int firstLimit, int further) {
        final int[] idx = order.indexOfNode;
        final int[] d = dist;
        final LongMinHeap h = heap;
        h.clear();
        int e = p.edgeId();
        int toBase = graph.partMillis(graph.edgeBwdMillis(e), e, p.toBaseMetres());
        if (toBase != TravelTimeGraph.CLOSED) {
            seed(idx[graph.edgeBase(e)], startMillis + (long) toBase);
        }
        int toAdj = graph.partMillis(graph.edgeFwdMillis(e), e, p.toAdjMetres());
        if (toAdj != TravelTimeGraph.CLOSED) {
            seed(idx[graph.edgeAdj(e)], startMillis + (long) toAdj);
        }
        final int[] start = order.upStart;
        final int[] head = order.upHead;
        final int[] ms = order.upMillis;
        long settled = 0;
        while (!h.isEmpty()) {
            long key = h.poll();
            int millis = LongMinHeap.key(key);
            int i = LongMinHeap.id(key);
            if (millis != d[i]) {
                continue; // improved since pushed
            }
            d[i] = -1; // settled
            settled++;
            if (!offerUp(i, source, millis, firstLimit, further)) {
                continue;
            }
            for (int a = start[i], end = start[i + 1]; a < end; a++) {
                int j = head[a];
                long t = (long) millis + ms[a];
                if (t < d[j] && d[j] >= 0) {
                    if (d[j] == Integer.MAX_VALUE) {
                        touchDist(j);
                    }
                    d[j] = (int) t;
                    h.push(LongMinHeap.pack((int) t, j));
                }
            }
        }
        upSettled += settled;
        for (int i = 0; i < distTouchedCount; i++) {
            d[distTouched[i]] = Integer.MAX_VALUE;
        }
        distTouchedCount = 0;
    }

    private void seed(int i, long millis) {
        if (millis >= Integer.MAX_VALUE || millis >= dist[i]) {
            return;
        }
        if (dist[i] == Integer.MAX_VALUE) {
            touchDist(i);
        }
        dist[i] = (int) millis;
        heap.push(LongMinHeap.pack((int) millis, i));
    }

    private void touchDist(int i) {
        if (distTouchedCount == distTouched.length) {
            distTouched = Arrays.copyOf(distTouched, distTouchedCount * 2);
        }
        distTouched[distTouchedCount++] = i;
    }

    /** Offers a source's upward time to a node's upward list; false when it does not enter. */
    private boolean offerUp(int i, int source, int millis, int firstLimit, int further) {
        int block = upBlock[i];
        if (block == FREE) {
            if (millis > firstLimit) {
                return false;
            }
            if (upPoolUsed + stride > upPool.length) {
                upPool = Arrays.copyOf(upPool, upPool.length * 2);
            }
            block = upPoolUsed;
            upPoolUsed += stride;
            upBlock[i] = block;
            upPool[block] = 0;
            if (upTouchedCount == upTouched.length) {
                upTouched = Arrays.copyOf(upTouched, upTouchedCount * 2);
            }
            upTouched[upTouchedCount++] = i;
        }
        return insert(upPool, block, millis, source, firstLimit, further) != STOP;
    }

    static final int STOP = 0;
    private static final int SKIPPED = 1;
    private static final int ENTERED = 2;

    /**
     * Inserts (millis, source) into the sorted list at {@code block} of {@code lab}: the k best
     * distinct sources, labels after the first only up to {@code further}. Returns {@link #STOP}
     * when neither this label nor any later one (of the same or a greater time) can enter,
     * {@link #SKIPPED} when the source is already there at least as early, else {@link #ENTERED}.
     */
    int insert(int[] lab, int block, int millis, int source, int firstLimit, int further) {
        if (millis > firstLimit) {
            return STOP;
        }
        final int k = labelsPerNode;
        int c = lab[block];
        if (c > 0) {
            if (millis > further && lab[block + 1] <= millis) {
                return STOP;
            }
            if (c == k && lab[block + 2 * k - 1] <= millis) {
                return STOP;
            }
            for (int m = 0; m < c; m++) {
                int at = block + 1 + 2 * m;
                if (lab[at + 1] == source) {
                    if (lab[at] <= millis) {
                        return SKIPPED;
                    }
                    // later than this offer: take it out
                    System.arraycopy(lab, at + 2, lab, at, 2 * (c - m - 1));
                    c--;
                    break;
                }
            }
        }
        int p = c;
        while (p > 0 && lab[block + 1 + 2 * (p - 1)] > millis) {
            p--;
        }
        int moved = Math.min(c, k - 1) - p;
        if (moved > 0) {
            System.arraycopy(lab, block + 1 + 2 * p, lab, block + 3 + 2 * p, 2 * moved);
        }
        lab[block + 1 + 2 * p] = millis;
        lab[block + 2 + 2 * p] = source;
        c = Math.min(c + 1, k);
        if (p == 0 && c > 1 && lab[block + 3] > further) {
            c = 1; // the former first is now a further label beyond the limit, and so is every later one
        }
        lab[block] = c;
        return ENTERED;
    }

    /**
     * Phase 2: every node's final list, from the highest level down. Lists of one or two labels
     * (the live coverage's k) and longer ones take separate passes ({@link #sweepFew},
     * {@link #sweepMany}) with merges of their own: the JIT compiles each from the branch profile
     * of its own label count, so a JVM that ran one k first does not compile the other k's merges
     * from that k's branch frequencies. (A method call per node instead of one loop per pass cost
     * New York's evaluation 11%, measured in one JVM.)
     */
    private void sweep(int firstLimit, int further) {
        labelsSet = labelsPerNode <= 2 ? sweepFew(firstLimit, further) : sweepMany(firstLimit, further);
    }

    /** Nodes a call of a pass's range method sweeps (see {@link #sweepMany}). */
    private static final int CHUNK_NODES = 2048;

    /**
     * The pass for k of 3 or more, in ranges of {@link #CHUNK_NODES} nodes; returns the labels set.
     * The range method is called about a hundred times an evaluation on a county, so the JIT
     * compiles it as a method from a profile of many ranges, not once by on-stack replacement in
     * the middle of the first sweep (whose compiled code differed between JVM runs by up to 1.6x).
     */
    private long sweepMany(int firstLimit, int further) {
        final int n = order.nodeCount;
        long set = 0;
        for (int from = 0; from < n; from += CHUNK_NODES) {
            set += sweepManyRange(from, Math.min(n, from + CHUNK_NODES), firstLimit, further);
        }
        return set;
    }

    /** {@link #sweepMany} for the nodes of sweep index {@code from} to {@code to} (exclusive). */
    private long sweepManyRange(int from, int to, int firstLimit, int further) {
        final int n = to;
        final int str = stride;
        final int[] lab = labels;
        final int[] up = upBlock;
        final int[] pool = upPool;
        final int[] start = order.downStart;
        final int[] tail = order.downTail;
        final int[] ms = order.downMillis;
        final int[] nodeAt = order.nodeAtIndex;
        final int[] bestMs = bestMillisByNode;
        final int[] bestSrc = bestSourceByNode;
        long set = 0;
        for (int i = from, block = from * str; i < n; i++, block += str) {
            int u = up[i];
            if (u == FREE) {
                lab[block] = 0;
            } else {
                System.arraycopy(pool, u, lab, block, 1 + 2 * pool[u]);
            }
            for (int a = start[i], end = start[i + 1]; a < end; a++) {
                int tb = tail[a] * str;
                int tc = lab[tb];
                if (tc == 0) {
                    continue;
                }
                if (lab[block] == 0) {
                    copyShifted(lab, tb, tc, ms[a], block, firstLimit, further);
                } else {
                    mergeTail(lab, block, tb, tc, ms[a], firstLimit, further);
                }
            }
            int c = lab[block];
            int node = nodeAt[i];
            bestMs[node] = c == 0 ? ManyToAllSearch.UNREACHED : lab[block + 1];
            bestSrc[node] = c == 0 ? -1 : lab[block + 2];
            set += c;
        }
        return set;
    }

    /** The pass for k of 1 or 2; returns the labels set. */
    private long sweepFew(int firstLimit, int further) {
        final int n = order.nodeCount;
        final int str = stride;
        final int[] lab = labels;
        final int[] up = upBlock;
        final int[] pool = upPool;
        final int[] start = order.downStart;
        final int[] tail = order.downTail;
        final int[] ms = order.downMillis;
        final int[] nodeAt = order.nodeAtIndex;
        final int[] bestMs = bestMillisByNode;
        final int[] bestSrc = bestSourceByNode;
        long set = 0;
        for (int i = 0, block = 0; i < n; i++, block += str) {
            int u = up[i];
            if (u == FREE) {
                lab[block] = 0;
            } else {
                System.arraycopy(pool, u, lab, block, 1 + 2 * pool[u]);
            }
            for (int a = start[i], end = start[i + 1]; a < end; a++) {
                int tb = tail[a] * str;
                int tc = lab[tb];
                if (tc == 0) {
                    continue;
                }
                if (lab[block] == 0) {
                    copyShiftedFew(lab, tb, tc, ms[a], block, firstLimit, further);
                } else {
                    mergeFew(lab, block, tb, tc, ms[a], firstLimit, further);
                }
            }
            int c = lab[block];
            int node = nodeAt[i];
            bestMs[node] = c == 0 ? ManyToAllSearch.UNREACHED : lab[block + 1];
            bestSrc[node] = c == 0 ? -1 : lab[block + 2];
            set += c;
        }
        return set;
    }

    /**
     * {@link #copyShifted} for k of 1 or 2 ({@code tc} is 1 or 2): the higher list's first label
     * within the first limit, its second (k = 2) within the further limit.
     */
    static void copyShiftedFew(int[] lab, int tb, int tc, int w, int block, int firstLimit, int further) {
        long first = (long) lab[tb + 1] + w;
        if (first > firstLimit || first >= Integer.MAX_VALUE) {
            return;
        }
        lab[block + 1] = (int) first;
        lab[block + 2] = lab[tb + 2];
        int c = 1;
        if (tc == 2) {
            long t = (long) lab[tb + 3] + w;
            if (t <= further && t <= firstLimit && t < Integer.MAX_VALUE) {
                lab[block + 3] = (int) t;
                lab[block + 4] = lab[tb + 4];
                c = 2;
            }
        }
        lab[block] = c;
    }

    /**
     * {@link #mergeTail} for k of 1 or 2, without its loop and stamps: the merged list's first label
     * is the earlier of the two lists' first (the node's own on equal times); its second, the
     * earlier of each list's next label of another source (again the node's own on equal times),
     * kept when within the further limit. Exactly mergeTail's result ({@code ManyToAllSweepMergeTest}).
     */
    void mergeFew(int[] lab, int block, int tb, int tc, int w, int firstLimit, int further) {
        final int c = lab[block];
        final int a0 = lab[block + 1];
        final long b0 = (long) lab[tb + 1] + w;
        if (b0 > firstLimit
                || b0 >= Integer.MAX_VALUE
                || (b0 > further && a0 <= b0)
                || (c == labelsPerNode && lab[block + 2 * c - 1] <= b0)) {
            return; // as mergeTail: nothing of the arc's list enters
        }
        final int y0 = lab[tb + 2];
        if (labelsPerNode == 1) {
            lab[block + 1] = (int) b0; // here b0 < a0
            lab[block + 2] = y0;
            return;
        }
        final int x0 = lab[block + 2];
        // each list's labels after the merged first, as (time, source); NONE when there is none
        final long none = Long.MAX_VALUE;
        long b1 = none;
        int y1 = -1;
        if (tc == 2) {
            long t = (long) lab[tb + 3] + w;
            if (t <= firstLimit && t < Integer.MAX_VALUE) {
                b1 = t;
                y1 = lab[tb + 4];
            }
        }
        long a1 = c == 2 ? lab[block + 3] : none;
        int x1 = c == 2 ? lab[block + 4] : -1;
        int t0;
        int s0;
        long nextA;
        int nextASource;
        long nextB;
        int nextBSource;
        if (b0 < a0) {
            t0 = (int) b0;
            s0 = y0;
            nextA = x0 != s0 ? a0 : a1;
            nextASource = x0 != s0 ? x0 : x1;
            nextB = b1;
            nextBSource = y1;
        } else {
            t0 = a0;
            s0 = x0;
            nextA = a1;
            nextASource = x1;
            nextB = y0 != s0 ? b0 : b1;
            nextBSource = y0 != s0 ? y0 : y1;
        }
        long t1 = nextA <= nextB ? nextA : nextB;
        int s1 = nextA <= nextB ? nextASource : nextBSource;
        lab[block + 1] = t0;
        lab[block + 2] = s0;
        if (t1 <= further) {
            lab[block + 3] = (int) t1;
            lab[block + 4] = s1;
            lab[block] = 2;
        } else {
            lab[block] = 1;
        }
    }

    /**
     * Merges a higher node's list (at {@code tb}, {@code tc > 0} labels) plus the arc's {@code w}
     * milliseconds into the non-empty list at {@code block}: exactly what {@link #insert}ing its
     * labels one by one gives, in one merge of the two sorted lists. The result is the k first
     * labels of distinct sources in time order, the list's own before the arc's on equal times
     * (insert places a label after those of its time already there), a source's earlier label
     * kept over its later one, labels after the first only within the further limit. The list's
     * labels up to the arc's first stay in place (only their sources are noted); whether a
     * source is already in the result is one look-up in {@link #seenInMerge} (the merge's stamp),
     * not a scan of the list.
     */
    void mergeTail(int[] lab, int block, int tb, int tc, int w, int firstLimit, int further) {
        final int k = labelsPerNode;
        final int c = lab[block];
        long bt = (long) lab[tb + 1] + w;
        // what insert's STOP on the arc's first label decides: nothing of this list enters
        if (bt > firstLimit
                || bt >= Integer.MAX_VALUE
                || (bt > further && lab[block + 1] <= bt)
                || (c == k && lab[block + 2 * k - 1] <= bt)) {
            return;
        }
        final int[] seen = seenInMerge;
        final int[] out = merged;
        final int stamp = ++mergeStamp;
        // the node's own labels up to the arc's first (ties included) stay where they are
        int p = 0;
        while (p < c && lab[block + 1 + 2 * p] <= bt) {
            seen[lab[block + 2 + 2 * p]] = stamp;
            p++;
        }
        int o = p;
        int i = p;
        int j = 0;
        int bc = tc;
        while (o < k) {
            int t;
            int src;
            if (j < bc && (i >= c || bt < lab[block + 1 + 2 * i])) {
                t = (int) bt;
                src = lab[tb + 2 + 2 * j];
                j++;
                if (j < bc) {
                    bt = (long) lab[tb + 1 + 2 * j] + w;
                    if (bt > firstLimit || bt >= Integer.MAX_VALUE) {
                        bc = j; // the rest of the arc's list is beyond the limit
                    }
                }
            } else if (i < c) {
                t = lab[block + 1 + 2 * i];
                src = lab[block + 2 + 2 * i];
                i++;
            } else {
                break;
            }
            if (o > 0 && t > further) {
                break; // only a first label may lie beyond the further limit; all later ones do
            }
            if (seen[src] == stamp) {
                continue; // the source is in already, as early or earlier
            }
            seen[src] = stamp;
            out[2 * o] = t;
            out[2 * o + 1] = src;
            o++;
        }
        System.arraycopy(out, 2 * p, lab, block + 1 + 2 * p, 2 * (o - p));
        lab[block] = o;
    }

    /**
     * An empty list at {@code block} takes a higher node's list (at {@code tb}, {@code tc > 0}
     * labels of distinct sources in time order) plus the arc's {@code w} milliseconds: what
     * {@link #insert}ing its labels one by one gives (each lands last; the first within the first
     * limit, the others within the further limit), without the searches of a general insert.
     */
    static void copyShifted(int[] lab, int tb, int tc, int w, int block, int firstLimit, int further) {
        long first = (long) lab[tb + 1] + w;
        if (first > firstLimit || first >= Integer.MAX_VALUE) {
            return;
        }
        lab[block + 1] = (int) first;
        lab[block + 2] = lab[tb + 2];
        int c = 1;
        for (int m = 1; m < tc; m++) {
            long t = (long) lab[tb + 1 + 2 * m] + w;
            if (t > further || t > firstLimit || t >= Integer.MAX_VALUE) {
                break;
            }
            lab[block + 1 + 2 * c] = (int) t;
            lab[block + 2 + 2 * c] = lab[tb + 2 + 2 * m];
            c++;
        }
        lab[block] = c;
    }

    /** Nodes settled by the last run's upward searches. */
    public long upwardSettled() {
        return upSettled;
    }

    /** Labels the last run's sweep set, over all nodes. */
    public long labelsSet() {
        return labelsSet;
    }

    /** A node's best time, milliseconds, or {@link ManyToAllSearch#UNREACHED}; read without the sweep order. */
    public int bestMillis(int node) {
        return bestMillisByNode[node];
    }

    /** The source of a node's best time, or -1 when none reaches it. */
    public int bestSource(int node) {
        return bestSourceByNode[node];
    }

    /**
     * Writes every node's count of distinct sources within its limit ({@link #countWithin}) into
     * {@code counts} (indexed by node): {@code millisIfSet} for a node whose bit is set in
     * {@code nodeBits} (bit {@code n % 64} of word {@code n / 64}), else {@code millisIfClear}. One
     * pass in sweep order, so the labels stream.
     */
    public void countWithinPerNode(long[] nodeBits, int millisIfSet, int millisIfClear, byte[] counts) {
        final int n = order.nodeCount;
        final int str = stride;
        final int[] lab = labels;
        final int[] nodeAt = order.nodeAtIndex;
        for (int i = 0, block = 0; i < n; i++, block += str) {
            int node = nodeAt[i];
            int c = lab[block];
            int within = 0;
            if (c > 0) {
                int limit = (nodeBits[node >>> 6] & (1L << node)) != 0 ? millisIfSet : millisIfClear;
                while (within < c && lab[block + 1 + 2 * within] <= limit) {
                    within++;
                }
            }
            counts[node] = (byte) within;
        }
    }

    /** Labels a node holds: 0 (unreached) to {@link #labelsPerNode}. */
    public int labelCount(int node) {
        return labels[order.indexOfNode[node] * stride];
    }

    /** The time of a node's {@code i}-th label (0 = best), milliseconds. */
    public int labelMillis(int node, int i) {
        return labels[order.indexOfNode[node] * stride + 1 + 2 * i];
    }

    /** The source of a node's {@code i}-th label. */
    public int labelSource(int node, int i) {
        return labels[order.indexOfNode[node] * stride + 2 + 2 * i];
    }

    /** Distinct sources reaching a node within {@code millis}, as {@link ManyToAllSearch#countWithin}. */
    public int countWithin(int node, int millis) {
        int block = order.indexOfNode[node] * stride;
        int c = labels[block];
        int n = 0;
        while (n < c && labels[block + 1 + 2 * n] <= millis) {
            n++;
        }
        return n;
    }
}
