package org.bluelamp.road;

import java.util.Arrays;

/**
 * Travel times from many sources (units placed on the road graph) to every road node in a single
 * search: Dijkstra's algorithm run forwards over the graph (units travel to places) from all
 * sources at once, each source starting at its own time (its mobilisation delay and off-road leg).
 * For every node it finds its best time and the source that gives it, and, when asked for more
 * than one label per node, the next fastest <em>distinct</em> sources too, up to
 * {@code labelsPerNode} of them: the k nearest sources of every node, which is what counting "how
 * many units can reach this place within its target" needs (MEXCLP coverage).
 *
 * <p><b>Labels.</b> A label is (time, source) at a node. A node's first label is its best time
 * over all sources; its later labels are the fastest times of other sources, in order. The search
 * is label-setting: labels leave a priority queue in order of time, and a node keeps a label only
 * if it has fewer than {@code labelsPerNode} and none from the same source. This is exact: if a
 * source {@code s} is not among the k nearest sources of a node {@code u} on its fastest route to
 * {@code v}, the k sources nearer to {@code u} are all nearer to {@code v} too, so {@code s} is not
 * among the k nearest of {@code v} either (ties apart, which may swap sources of equal time).
 *
 * <p><b>Limits.</b> {@link #run(int, int)} takes two limits: first labels (best times) are found up
 * to {@code firstLimitMillis} (unlimited for a whole-map evaluation; the largest target for a
 * candidate site's coverage), further labels only up to {@code furtherLimitMillis} (the largest
 * attendance target: a unit that arrives later does not count). A node's further labels therefore
 * list every source within that limit, up to {@code labelsPerNode} in all.
 *
 * <p><b>Road conditions</b>, per query: closed edges ({@link #closeEdges}, a bit set over edge ids,
 * bit {@code e % 64} of word {@code e / 64}, as {@link ManyToOneSearch#blockEdges} takes) and
 * travel-time factors ({@link #scaleEdges}: the time of edge {@code e} becomes
 * {@code round(time × factors[e])}). A source on a closed edge may still leave along its own edge
 * (a unit already inside a closure drives out of it), the same rule as the ranking's search.
 *
 * <p>Every time is exact: the same milliseconds GraphHopper's weighting gives per edge, and partial
 * edges timed as GraphHopper's query graph times them (see {@link TravelTimeGraph#millisToBase}).
 *
 * <p><b>The hierarchy's sweep.</b> Given the {@link ContractionHierarchy} GraphHopper prepared for
 * the profile ({@link #ManyToAllSearch(TravelTimeGraph, int, ContractionHierarchy)}), a query
 * without road conditions runs {@link ManyToAllSweep} (PHAST with k labels: small upward searches
 * from the sources, then one pass over all nodes from the top of the hierarchy down) instead of
 * Dijkstra's algorithm, with the same answers (ties apart, and the hierarchy's millisecond
 * rounding, see {@link ContractionHierarchy}); the accessors read whichever ran. A query with closed
 * or slowed edges, or a search without a hierarchy (a profile GraphHopper prepared none for, or
 * nodes of equal level), runs Dijkstra's algorithm. This is the only place that choice is made.
 *
 * <p>All state lives in primitive arrays sized to the graph once and reset only where the last
 * query touched them: a query allocates nothing proportional to the graph, and nothing per source
 * once its source columns have grown. Not thread-safe: one instance per thread.
 */
public final class ManyToAllSearch {
    /** The time of a node no source reaches (within the limit). */
    public static final int UNREACHED = Integer.MAX_VALUE;

    private final TravelTimeGraph graph;
    private final int labelsPerNode;
    private final int[] outOffset;
    // (head, millis, edge) per forward arc, interleaved
    private final int[] outArcs;

    // per node, one block of stride 2 + 2 * labelsPerNode ints: the settled label count, the held
    // label count (settled and pending), then (millis, source) of each held label: the settled ones
    // first, in time order, then the pending ones in no order; so that a node's labels share a
    // cache line with their counts
    private final int stride;
    private int[] labels;
    private final ManyToAllSweep sweep;
    private boolean swept;
    private int[] touched = new int[1024];
    private int touchedCount;

    // per source
    private EdgePlacement[] sourcePlacement = new EdgePlacement[32];
    private int[] sourceStartMillis = new int[32];
    private int sourceCount;

    private final LabelHeap heap = new LabelHeap(1024);
    private long[] closedEdges;
    private double[] timeFactors;
    private long settledLabels;
    private long pushedLabels;
    private boolean ran;

    /**
     * A search over {@code graph} keeping up to {@code labelsPerNode} labels per node (1 for best
     * times only); allocates its per-node arrays once.
     */
    public ManyToAllSearch(TravelTimeGraph graph, int labelsPerNode) {
        this(graph, labelsPerNode, null);
    }

    /**
     * A search over {@code graph} that runs the hierarchy's sweep ({@link ManyToAllSweep}) for
     * queries without road conditions when {@code hierarchy} (of this graph) is given and has a
     * {@link ContractionHierarchy#sweepOrder sweep order}, Dijkstra's algorithm otherwise; the
     * arrays of the one not used are allocated at its first use.
     */
    public ManyToAllSearch(TravelTimeGraph graph, int labelsPerNode, ContractionHierarchy hierarchy) {
        if (labelsPerNode < 1 || labelsPerNode > 64) {
            throw new IllegalArgumentException("labelsPerNode must be 1 to 64, got " + labelsPerNode);
        }
        this.graph = graph;
        this.labelsPerNode = labelsPerNode;
        this.outOffset = graph.outOffset();
        this.outArcs = graph.outArcs();
        stride = 2 + 2 * labelsPerNode;
        if (hierarchy != null && hierarchy.graph() != graph) {
            throw new IllegalArgumentException("the hierarchy is of another graph");
        }
        sweep = hierarchy != null && hierarchy.sweepOrder() != null
                ? new ManyToAllSweep(hierarchy, labelsPerNode)
                : null;
        if (sweep == null) {
            labels = new int[Math.multiplyExact(graph.nodeCount(), stride)];
        }
    }

    /** Whether this search runs the hierarchy's sweep for queries without road conditions. */
    public boolean hasSweep() {
        return sweep != null;
    }

    /** Whether the last run was the hierarchy's sweep (else Dijkstra's algorithm). */
    public boolean swept() {
        return swept;
    }

    public TravelTimeGraph graph() {
        return graph;
    }

    /** The most labels a node keeps. */
    public int labelsPerNode() {
        return labelsPerNode;
    }

    /** Starts a new query: no sources, no conditions; forgets the previous query. */
    public void start() {
        int[] t = touched;
        swept = false;
        for (int i = 0; i < touchedCount; i++) {
            int node = t[i];
            labels[node * stride] = 0;
            labels[node * stride + 1] = 0;
        }
        touchedCount = 0;
        Arrays.fill(sourcePlacement, 0, sourceCount, null);
        sourceCount = 0;
        heap.clear();
        closedEdges = null;
        timeFactors = null;
        settledLabels = 0;
        pushedLabels = 0;
        ran = false;
    }

    /**
     * Closes edges for this query only (bit {@code e % 64} of word {@code e / 64}); null for none.
     * Call after {@link #start} and before {@link #run}.
     */
    public void closeEdges(long[] edgeBits) {
        if (edgeBits != null && edgeBits.length < (graph.edgeCount() + 63) / 64) {
            throw new IllegalArgumentException(
                    "edge bits cover " + edgeBits.length * 64 + " edges; the graph has " + graph.edgeCount());
        }
        this.closedEdges = edgeBits;
    }

    /**
     * Multiplies edge travel times for this query only: the time of edge {@code e} (either way,
     * and of its parts) becomes {@code round(time × factors[e])}; null for none. Factors must be
     * positive and finite. Call after {@link #start} and before adding sources.
     */
    public void scaleEdges(double[] factors) {
        if (factors != null && factors.length < graph.edgeCount()) {
            throw new IllegalArgumentException(
                    factors.length + " time factors for a graph of " + graph.edgeCount() + " edges");
        }
        if (sourceCount > 0) {
            throw new IllegalStateException("scale edges before adding sources");
        }
        this.timeFactors = factors;
    }

    /**
     * Adds a source: a unit placed on the graph that sets off at {@code startMillis} (its
     * mobilisation delay and off-road leg) and reaches the ends of its edge along it.
     *
     * @return its index in this query, 0, 1, 2, ... in the order added
     */
    public int addSource(EdgePlacement placement, int startMillis) {
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be >= 0, got " + startMillis);
        }
        if (ran) {
            throw new IllegalStateException("add sources before run");
        }
        int s = sourceCount++;
        if (s == sourcePlacement.length) {
            sourcePlacement = Arrays.copyOf(sourcePlacement, s * 2);
            sourceStartMillis = Arrays.copyOf(sourceStartMillis, s * 2);
        }
        sourcePlacement[s] = placement;
        sourceStartMillis[s] = startMillis;
        return s;
    }

    /**
     * Runs the search (once per query).
     *
     * @param firstLimitMillis best times are found up to this ({@code Integer.MAX_VALUE}: every
     *     reachable node)
     * @param furtherLimitMillis labels after a node's first are kept only up to this
     */
    public void run(int firstLimitMillis, int furtherLimitMillis) {
        if (ran) {
            throw new IllegalStateException("run once per query: call start first");
        }
        ran = true;
        if (sweep != null && closedEdges == null && timeFactors == null) {
            sweep.run(sourcePlacement, sourceStartMillis, sourceCount, firstLimitMillis, furtherLimitMillis);
            swept = true;
            settledLabels = sweep.upwardSettled() + sweep.labelsSet();
            pushedLabels = settledLabels;
            return;
        }
        if (labels == null) {
            labels = new int[Math.multiplyExact(graph.nodeCount(), stride)];
        }
        final int k = labelsPerNode;
        final int further = k > 1 ? Math.min(furtherLimitMillis, firstLimitMillis) : -1;
        for (int s = 0; s < sourceCount; s++) {
            EdgePlacement p = sourcePlacement[s];
            int e = p.edgeId();
            double f = timeFactors == null ? 1 : timeFactors[e];
            int toBase = graph.partMillis(scaled(graph.edgeBwdMillis(e), f), e, p.toBaseMetres());
            if (toBase != TravelTimeGraph.CLOSED) {
                offer(graph.edgeBase(e), s, sourceStartMillis[s] + (long) toBase, firstLimitMillis, further);
            }
            int toAdj = graph.partMillis(scaled(graph.edgeFwdMillis(e), f), e, p.toAdjMetres());
            if (toAdj != TravelTimeGraph.CLOSED) {
                offer(graph.edgeAdj(e), s, sourceStartMillis[s] + (long) toAdj, firstLimitMillis, further);
            }
        }
        final int[] lab = labels;
        final int str = stride;
        final int[] off = outOffset;
        final int[] arcs = outArcs;
        final long[] closed = closedEdges;
        final double[] factors = timeFactors;
        final LabelHeap h = heap;
        long settled = 0;
        while (!h.isEmpty()) {
            h.poll();
            long key = h.polledKey();
            int millis = LongMinHeap.key(key);
            int node = LongMinHeap.id(key);
            int source = h.polledPayload();
            int block = node * str;
            int c = lab[block];
            int held = lab[block + 1];
            // still pending? (else evicted or improved since it was pushed)
            int at = -1;
            for (int i = c; i < held; i++) {
                int a = block + 2 + 2 * i;
                if (lab[a + 1] == source) {
                    if (lab[a] == millis) {
                        at = a;
                    }
                    break;
                }
            }
            if (at < 0) {
                continue;
            }
            // settle: move it to the end of the settled labels (settled labels are in time order)
            int first = block + 2 + 2 * c;
            lab[at] = lab[first];
            lab[at + 1] = lab[first + 1];
            lab[first] = millis;
            lab[first + 1] = source;
            lab[block] = c + 1;
            settled++;
            for (int i = 3 * off[node], end = 3 * off[node + 1]; i < end; i += 3) {
                int w = arcs[i + 1];
                if (closed != null || factors != null) {
                    int edge = arcs[i + 2];
                    if (closed != null && (closed[edge >>> 6] & (1L << edge)) != 0) {
                        continue;
                    }
                    if (factors != null) {
                        w = (int) Math.round(w * factors[edge]);
                    }
                }
                offer(arcs[i], source, (long) millis + w, firstLimitMillis, further);
            }
        }
        settledLabels = settled;
    }

    /**
     * Offers a label to {@code node}: kept among the node's pending labels (and pushed) only if it
     * can still be one of the node's final labels. Pruning at push: a node holds at most
     * {@link #labelsPerNode} labels, settled and pending, of distinct sources; a label worse than
     * all of a full node's pending ones is dropped, and a better one evicts the worst pending label
     * (whose source then has {@code labelsPerNode} other sources at least as near: it is not among
     * the node's nearest, and by the argument in the class's javadoc not among its successors'
     * either). A label beyond the further limit can only be a node's first, so it is kept only as
     * the node's only label. Evicted or improved labels stay in the heap and are skipped when
     * polled ({@link #run}).
     */
    private void offer(int node, int source, long millisLong, int firstLimit, int further) {
        if (millisLong >= UNREACHED) {
            return;
        }
        final int millis = (int) millisLong;
        final int[] lab = labels;
        final int block = node * stride;
        final int settled = lab[block];
        final int k = labelsPerNode;
        if (settled >= k) {
            return;
        }
        final int held = lab[block + 1];
        // the same source already held: keep the better time
        for (int i = 0; i < held; i++) {
            int at = block + 2 + 2 * i;
            if (lab[at + 1] == source) {
                if (lab[at] <= millis) {
                    return;
                }
                lab[at] = millis; // pending (a settled label is never worse than a later offer)
                push(node, source, millis);
                return;
            }
        }
        if (millis > further) {
            // only as the node's first label: no label settled, none pending as good
            if (settled > 0 || millis > firstLimit || (held > 0 && lab[block + 2] <= millis)) {
                return;
            }
            // held > 0 here means one pending label beyond the further limit, which this one betters
            if (held == 0) {
                touch(node);
            }
            lab[block + 1] = 1;
            lab[block + 2] = millis;
            lab[block + 3] = source;
            push(node, source, millis);
            return;
        }
        if (held == 1 && settled == 0 && lab[block + 2] > further) {
            // the only pending label is beyond the further limit: this one betters it
            lab[block + 2] = millis;
            lab[block + 3] = source;
        } else if (held < k) {
            if (held == 0) {
                touch(node);
            }
            int at = block + 2 + 2 * held;
            lab[at] = millis;
            lab[at + 1] = source;
            lab[block + 1] = held + 1;
        } else {
            // full: evict the worst pending label if this one is better
            int worstAt = -1;
            int worst = millis;
            for (int i = settled; i < held; i++) {
                int at = block + 2 + 2 * i;
                if (lab[at] > worst) {
                    worst = lab[at];
                    worstAt = at;
                }
            }
            if (worstAt < 0) {
                return;
            }
            lab[worstAt] = millis;
            lab[worstAt + 1] = source;
        }
        push(node, source, millis);
    }

    private void push(int node, int source, int millis) {
        heap.push(LongMinHeap.pack(millis, node), source);
        pushedLabels++;
    }

    private void touch(int node) {
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = node;
    }

    /** {@code millis} scaled by {@code factor}, rounded; {@link TravelTimeGraph#CLOSED} stays closed. */
    static int scaled(int millis, double factor) {
        return millis == TravelTimeGraph.CLOSED || factor == 1 ? millis : (int) Math.round(millis * factor);
    }

    /** The best time to a node in milliseconds (start included), or {@link #UNREACHED}. */
    public int bestMillis(int node) {
        if (swept) {
            return sweep.bestMillis(node);
        }
        int block = node * stride;
        return labels[block] == 0 ? UNREACHED : labels[block + 2];
    }

    /** The source giving a node its best time, or -1 when none reaches it. */
    public int bestSource(int node) {
        if (swept) {
            return sweep.bestSource(node);
        }
        int block = node * stride;
        return labels[block] == 0 ? -1 : labels[block + 3];
    }

    /** Labels a node holds: 0 (unreached) to {@link #labelsPerNode}. */
    public int labelCount(int node) {
        if (swept) {
            return sweep.labelCount(node);
        }
        return labels[node * stride];
    }

    /** The time of a node's {@code i}-th label (0 = best), milliseconds. */
    public int labelMillis(int node, int i) {
        if (swept) {
            return sweep.labelMillis(node, i);
        }
        return labels[node * stride + 2 + 2 * i];
    }

    /** The source of a node's {@code i}-th label. */
    public int labelSource(int node, int i) {
        if (swept) {
            return sweep.labelSource(node, i);
        }
        return labels[node * stride + 3 + 2 * i];
    }

    /**
     * Distinct sources reaching a node within {@code millis} (at most {@link #labelsPerNode}: a
     * count equal to it means "that many or more"). Exact only for limits up to the run's further
     * limit (beyond it only the first label is known).
     */
    public int countWithin(int node, int millis) {
        if (swept) {
            return sweep.countWithin(node, millis);
        }
        int block = node * stride;
        int c = labels[block];
        int n = 0;
        while (n < c && labels[block + 2 + 2 * n] <= millis) {
            n++;
        }
        return n;
    }

    /**
     * Every node's {@link #countWithin} at once, into {@code counts} (indexed by node, at least
     * {@link TravelTimeGraph#nodeCount} long): a node whose bit is set in {@code nodeBits} (bit
     * {@code n % 64} of word {@code n / 64}) counted within {@code millisIfSet}, others within
     * {@code millisIfClear}. The sweep's labels are read in its own order, so they stream.
     */
    public void countWithinPerNode(long[] nodeBits, int millisIfSet, int millisIfClear, byte[] counts) {
        if (swept) {
            sweep.countWithinPerNode(nodeBits, millisIfSet, millisIfClear, counts);
            return;
        }
        int n = graph.nodeCount();
        for (int node = 0; node < n; node++) {
            int limit = (nodeBits[node >>> 6] & (1L << node)) != 0 ? millisIfSet : millisIfClear;
            counts[node] = (byte) countWithin(node, limit);
        }
    }

    /** Sources added this query. */
    public int sourceCount() {
        return sourceCount;
    }

    /** Where source {@code s} is placed. */
    public EdgePlacement sourcePlacement(int s) {
        return sourcePlacement[s];
    }

    /** The start time of source {@code s}, milliseconds. */
    public int sourceStartMillis(int s) {
        return sourceStartMillis[s];
    }

    /** The time factor of an edge this query (1 without factors). */
    public double timeFactor(int edge) {
        return timeFactors == null ? 1 : timeFactors[edge];
    }

    /** Whether an edge is closed this query. */
    public boolean isClosed(int edge) {
        return closedEdges != null && (closedEdges[edge >>> 6] & (1L << edge)) != 0;
    }

    /**
     * Labels settled by the last run: the measure of its work (for the sweep, the nodes its upward
     * searches settled plus the labels it set).
     */
    public long settledLabels() {
        return settledLabels;
    }

    /**
     * Labels pushed on the heap by the last run: settled ones, plus those later evicted or
     * improved (the waste pruning at push keeps small).
     */
    public long pushedLabels() {
        return pushedLabels;
    }
}
