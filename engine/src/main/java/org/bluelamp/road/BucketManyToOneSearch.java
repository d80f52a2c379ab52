package org.bluelamp.road;

import com.carrotsearch.hppc.IntArrayList;
import java.util.Arrays;
import java.util.Objects;

/**
 * Travel times from every source of a {@link SourceBuckets} store to one target, over the
 * contraction hierarchy: one upward search backwards from the target's edge, and at every node it
 * settles a scan of the bucket of sources whose own upward searches reached that node. A source's
 * time is the smallest of (its time to an end node of its edge + that node's time up to the
 * meeting node + the meeting node's time down to the target); sources on the target's own edge
 * also get the direct time along it. The times are {@link ManyToOneSearch}'s: the same
 * milliseconds per edge and the same partial edges at both ends (see
 * {@link ContractionHierarchy} for the one way they can differ).
 *
 * <p>The work depends on the hierarchy, not on how far the sources are: a few hundred settled
 * nodes on a national network, whether the nearest unit is 1 or 60 minutes away. That is what a
 * sparse fleet needs; a dense fleet is answered faster by {@link ManyToOneSearch}, which stops
 * as soon as the nearest units are proven.
 *
 * <p><b>Closures and slowdowns.</b> The hierarchy is built for the open network at free-flow
 * speeds: a query cannot honour closed edges or scaled times. When any edge is blocked or slowed
 * ({@link #appliesTo(EdgeConditions)}), use {@link ManyToOneSearch} with the same conditions.
 *
 * <p>State is sized to the graph once per instance and reset only where a query touched it; a
 * query allocates nothing once its arrays have grown to the store's size. Not thread-safe: one
 * per thread; the store must not change during a query (see {@link SourceBuckets}).
 */
public final class BucketManyToOneSearch {
    /** Which sources may be ranked (e.g. eligible units); called at most once per source and query. */
    @FunctionalInterface
    public interface SourceFilter {
        boolean accept(int source);
    }

    /**
     * The time a query adds to each source's road time (e.g. mobilisation, off-road legs and a
     * staleness penalty as of the query), or whether the source is left out.
     */
    @FunctionalInterface
    public interface SourceCost {
        /**
         * Called at most once per source and query, only for sources the query meets.
         *
         * @return milliseconds, 0 or more (below 1,000,000,000), or a negative value to leave the source out
         */
        int extraMillis(int source);
    }

    /**
     * The answer of a query, fastest first: a reusable holder so that queries allocate nothing.
     * Not thread-safe.
     */
    public static final class Answer {
        private int count;
        private int[] source = new int[16];
        private int[] roadMillis = new int[16];
        private int[] totalMillis = new int[16];

        /** Sources ranked. */
        public int count() {
            return count;
        }

        /** The source at rank {@code i} (0 = fastest). */
        public int source(int i) {
            check(i);
            return source[i];
        }

        /** Road time of the source at rank {@code i}, milliseconds. */
        public int roadMillis(int i) {
            check(i);
            return roadMillis[i];
        }

        /** Road time plus the source's extra time, milliseconds: what the ranking is by. */
        public int totalMillis(int i) {
            check(i);
            return totalMillis[i];
        }

        private void check(int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("rank " + i + " of " + count);
            }
        }

        private void ensure(int n) {
            if (n > source.length) {
                int len = Math.max(n, source.length * 2);
                source = Arrays.copyOf(source, len);
                roadMillis = Arrays.copyOf(roadMillis, len);
                totalMillis = Arrays.copyOf(totalMillis, len);
            }
        }
    }

    private final ContractionHierarchy ch;
    private final TravelTimeGraph graph;
    private final UpwardSearch search;

    private int[] bestMillis = new int[0];
    private int[] touched = new int[64];
    private int touchedCount;
    private long[] ranked = new long[64];

    // the k best so far (k <= MAX_BOUNDED_K), as (total << 32 | source) ascending, and their bound
    private static final int MAX_BOUNDED_K = 64;
    private long[] topKey = new long[8];
    private int topK;
    private int topCount;
    private int boundMillis;
    private SourceFilter topFilter;
    private SourceCost topCost;
    private SourceBuckets topStore;
    private int[] queryExtra = new int[0]; // per source accepted this query: its extra time
    /** Per source met this query: {@code 2 * node + (0 via base, 1 via adj)} of its best meeting node, or ALONG. */
    private int[] meet = new int[0];

    private static final int ALONG = -2;
    private final UpwardSearch pathSearch;
    private int[] acceptedStamp = new int[0]; // per source: +stamp accepted by this query's filter, -stamp refused
    private int queryStamp;
    private int scannedEntries;
    private int settledNodes;
    private EdgePlacement lastTarget;

    public BucketManyToOneSearch(ContractionHierarchy ch) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.graph = ch.graph();
        this.search = new UpwardSearch(ch);
        this.pathSearch = new UpwardSearch(ch);
    }

    /**
     * Whether a query answers exactly under these road conditions: only when nothing is closed,
     * slowed or marked (a closure, a slowdown, typical traffic at that hour, a request's own
     * closures all make it false).
     *
     * @param conditions the conditions of the query, or null for none
     */
    public static boolean appliesTo(EdgeConditions conditions) {
        return conditions == null || conditions.isEmpty();
    }

    /**
     * Whether a query answers exactly under these closures: only when no edge is blocked.
     *
     * @param blockedEdges a bit set over edge ids as {@link ManyToOneSearch#blockEdges} takes, or null
     */
    public static boolean appliesTo(long[] blockedEdges) {
        if (blockedEdges == null) {
            return true;
        }
        for (long word : blockedEdges) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ranks the sources of {@code store} by road time to {@code target} plus their extra time, and
     * keeps the {@code k} fastest that {@code filter} accepts (ties: lower source id first).
     * Sources with no route to the target are left out.
     *
     * @param filter which sources may be ranked, or null for all
     * @return the number ranked, also {@code answer.count()}
     */
    public int query(SourceBuckets store, EdgePlacement target, int k, SourceFilter filter, Answer answer) {
        return query(store, target, k, filter, null, answer);
    }

    /**
     * Ranks the sources of {@code store} by road time to {@code target} plus the extra time
     * {@code cost} gives each for this query (instead of the store's), and keeps the {@code k}
     * fastest it does not leave out (ties: lower source id first). {@code k} is at most 64. After
     * the query, {@link #path} draws the route of each ranked source.
     *
     * @return the number ranked, also {@code answer.count()}
     */
    public int queryWithCost(SourceBuckets store, EdgePlacement target, int k, SourceCost cost, Answer answer) {
        if (k > MAX_BOUNDED_K) {
            throw new IllegalArgumentException(
                    "k must be at most " + MAX_BOUNDED_K + " with a per-query cost, got " + k);
        }
        return query(store, target, k, null, Objects.requireNonNull(cost, "cost"), answer);
    }

    private int query(
            SourceBuckets store, EdgePlacement target, int k, SourceFilter filter, SourceCost cost, Answer answer) {
        if (store.hierarchy() != ch) {
            throw new IllegalArgumentException("the store was built over another hierarchy");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int capacity = store.sourceCapacity();
        if (bestMillis.length < capacity) {
            int old = bestMillis.length;
            bestMillis = Arrays.copyOf(bestMillis, Math.max(capacity, old * 2));
            Arrays.fill(bestMillis, old, bestMillis.length, SourceBuckets.UNREACHABLE);
        }
        int[] best = bestMillis;
        boolean bounded = k <= MAX_BOUNDED_K;
        if (bounded) {
            startTop(k, filter, cost, store, capacity);
        }
        if (meet.length < capacity) {
            meet = Arrays.copyOf(meet, Math.max(capacity, meet.length * 2));
        }
        lastTarget = target;
        int f = target.edgeId();
        // sources on the target's own edge may go straight along it
        for (int s = store.firstOnEdge(f); s >= 0; s = store.nextOnEdge(s)) {
            int direct = graph.millisAlongEdge(store.placementUnchecked(s), target);
            if (direct != TravelTimeGraph.CLOSED && direct < best[s]) {
                if (best[s] == SourceBuckets.UNREACHABLE) {
                    touch(s);
                }
                best[s] = direct;
                meet[s] = ALONG;
                if (bounded) {
                    offer(s, direct);
                }
            }
        }
        int fromBase = graph.millisFromBase(target);
        int fromAdj = graph.millisFromAdj(target);
        search.start(
                false,
                fromBase == TravelTimeGraph.CLOSED ? UpwardSearch.NONE : graph.edgeBase(f),
                fromBase,
                fromAdj == TravelTimeGraph.CLOSED ? UpwardSearch.NONE : graph.edgeAdj(f),
                fromAdj);
        int scanned = 0;
        // with k small, stop once the next node is further than the k-th best total so far: every
        // source met from there on would be slower (road time >= the node's time, extra time >= 0)
        while (search.next(bounded ? boundMillis : Integer.MAX_VALUE)) {
            int node = search.node();
            int size = store.bucketSize(node);
            if (size == 0) {
                continue;
            }
            int down = search.nodeMillis();
            int[] b = store.bucket(node);
            scanned += size;
            for (int i = 0, end = SourceBuckets.STRIDE * size; i < end; i += SourceBuckets.STRIDE) {
                int s = b[i];
                int viaBase = b[i + 1] + store.toBaseMillis(s);
                int viaAdj = b[i + 2] + store.toAdjMillis(s);
                int road = Math.min(viaBase, viaAdj) + down;
                if (road < best[s]) {
                    if (best[s] == SourceBuckets.UNREACHABLE) {
                        touch(s);
                    }
                    best[s] = road;
                    meet[s] = 2 * node + (viaBase <= viaAdj ? 0 : 1);
                    if (bounded && road < SourceBuckets.UNREACHABLE) {
                        offer(s, road);
                    }
                }
            }
        }
        settledNodes = search.settledCount();
        scannedEntries = scanned;
        if (bounded) {
            for (int i = 0; i < touchedCount; i++) {
                best[touched[i]] = SourceBuckets.UNREACHABLE;
            }
            touchedCount = 0;
            answer.ensure(topCount);
            for (int i = 0; i < topCount; i++) {
                int s = (int) topKey[i];
                int total = (int) (topKey[i] >>> 32);
                answer.source[i] = s;
                answer.totalMillis[i] = total;
                answer.roadMillis[i] = total - queryExtra[s];
            }
            answer.count = topCount;
            topFilter = null;
            topCost = null;
            topStore = null;
            return topCount;
        }
        // rank (total << 32 | source) and keep the k smallest
        if (ranked.length < touchedCount) {
            ranked = new long[Math.max(touchedCount, ranked.length * 2)];
        }
        long[] keys = ranked;
        int m = 0;
        for (int i = 0; i < touchedCount; i++) {
            int s = touched[i];
            int road = best[s];
            best[s] = SourceBuckets.UNREACHABLE;
            if (road >= SourceBuckets.UNREACHABLE || (filter != null && !filter.accept(s))) {
                continue;
            }
            keys[m++] = ((long) (road + store.extraMillisUnchecked(s)) << 32) | s;
        }
        if (m <= k || k >= m / 8) {
            Arrays.sort(keys, 0, m);
            m = Math.min(m, k);
        } else {
            // a sorted prefix of the k smallest, by insertion (k is small here)
            int kept = 0;
            for (int i = 0; i < m; i++) {
                long key = keys[i];
                if (kept == k && key >= keys[kept - 1]) {
                    continue;
                }
                int j = kept < k ? kept++ : kept - 1;
                while (j > 0 && keys[j - 1] > key) {
                    keys[j] = keys[j - 1];
                    j--;
                }
                keys[j] = key;
            }
            m = kept;
        }
        touchedCount = 0;
        answer.ensure(m);
        for (int i = 0; i < m; i++) {
            int s = (int) ranked[i];
            int total = (int) (ranked[i] >>> 32);
            answer.source[i] = s;
            answer.totalMillis[i] = total;
            answer.roadMillis[i] = total - store.extraMillisUnchecked(s);
        }
        answer.count = m;
        return m;
    }

    /** Starts the k best of a query: empty, no bound yet. */
    private void startTop(int k, SourceFilter filter, SourceCost cost, SourceBuckets store, int capacity) {
        if (topKey.length < k) {
            topKey = new long[k];
        }
        topK = k;
        topCount = 0;
        topFilter = filter;
        topCost = cost;
        topStore = store;
        boundMillis = Integer.MAX_VALUE;
        if (acceptedStamp.length < capacity) {
            acceptedStamp = Arrays.copyOf(acceptedStamp, Math.max(capacity, acceptedStamp.length * 2));
            queryExtra = Arrays.copyOf(queryExtra, acceptedStamp.length);
        }
        if (++queryStamp == Integer.MAX_VALUE) {
            Arrays.fill(acceptedStamp, 0);
            queryStamp = 1;
        }
    }

    /** Offers a source's (improved) road time to the k best; keeps the bound current. */
    private void offer(int s, int road) {
        // every extra time is 0 or more: a road time beyond the bound cannot enter
        if (topCount == topK && road > boundMillis) {
            return;
        }
        int stamp = acceptedStamp[s];
        if (stamp != queryStamp && stamp != -queryStamp) {
            int extra;
            if (topCost != null) {
                extra = topCost.extraMillis(s);
                if (extra >= 1_000_000_000) {
                    throw new IllegalStateException("extra time " + extra + " ms of source " + s + " is too large");
                }
            } else {
                extra = topFilter == null || topFilter.accept(s) ? topStore.extraMillisUnchecked(s) : -1;
            }
            acceptedStamp[s] = extra >= 0 ? queryStamp : -queryStamp;
            queryExtra[s] = extra;
            stamp = acceptedStamp[s];
        }
        if (stamp != queryStamp) {
            return;
        }
        int total = road + queryExtra[s];
        if (topCount == topK && total > boundMillis) {
            return;
        }
        long key = ((long) total << 32) | s;
        long[] top = topKey;
        int j = -1;
        for (int i = 0; i < topCount; i++) {
            if ((int) top[i] == s) {
                j = i; // already ranked: its total only falls, so it moves towards the front
                break;
            }
        }
        if (j < 0) {
            if (topCount == topK) {
                if (key >= top[topCount - 1]) {
                    return;
                }
                j = topCount - 1; // drop the slowest
            } else {
                j = topCount++;
            }
        }
        while (j > 0 && top[j - 1] > key) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = key;
        if (topCount == topK) {
            boundMillis = (int) (top[topCount - 1] >>> 32);
        }
    }

    private void touch(int s) {
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = s;
    }

    /**
     * The route of a source ranked by the last bounded query (the upward path from its edge to the
     * meeting node, found again by a forward upward search, and the query's own path down to the
     * target, with every shortcut unpacked into road edges), as {@link ManyToOneSearch#path} gives
     * it. Call before the next query; the store must not have changed. Allocates: meant for the
     * few sources an answer lists.
     */
    public RoadPath path(SourceBuckets store, int source) {
        if (source < 0
                || source >= acceptedStamp.length
                || acceptedStamp[source] != queryStamp
                || source >= meet.length
                || !store.contains(source)) {
            throw new IllegalStateException("source " + source + " was not ranked by the last query");
        }
        EdgePlacement from = store.placementUnchecked(source);
        EdgePlacement to = lastTarget;
        int m = meet[source];
        if (m == ALONG) {
            return new RoadPath(from, new int[0], new int[0], to);
        }
        int node = m >> 1;
        int start = (m & 1) == 0 ? graph.edgeBase(from.edgeId()) : graph.edgeAdj(from.edgeId());
        IntArrayList edges = new IntArrayList();
        if (node != start) {
            pathSearch.start(true, start, 0, UpwardSearch.NONE, 0);
            boolean found = false;
            while (pathSearch.next(Integer.MAX_VALUE)) {
                if (pathSearch.node() == node) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new IllegalStateException("meeting node " + node + " not above source " + source);
            }
            IntArrayList up = new IntArrayList(); // pairs (CH edge, tail node), from the meeting node down
            for (int v = node; pathSearch.parentNode(v) != UpwardSearch.NONE; v = pathSearch.parentNode(v)) {
                up.add(pathSearch.parentEdge(v), pathSearch.parentNode(v));
            }
            for (int i = up.size() - 2; i >= 0; i -= 2) {
                ch.unpack(up.get(i), up.get(i + 1), edges);
            }
        }
        for (int v = node; search.parentNode(v) != UpwardSearch.NONE; v = search.parentNode(v)) {
            ch.unpack(search.parentEdge(v), v, edges);
        }
        int[] edgeIds = edges.toArray();
        int[] nodes = new int[edgeIds.length + 1];
        nodes[0] = start;
        for (int i = 0; i < edgeIds.length; i++) {
            nodes[i + 1] = graph.otherNode(edgeIds[i], nodes[i]);
        }
        return new RoadPath(from, nodes, edgeIds, to);
    }

    /** Bucket entries the last query scanned. */
    public int scannedEntries() {
        return scannedEntries;
    }

    /** Nodes the last query's upward search settled. */
    public int settledNodes() {
        return settledNodes;
    }
}
