package org.bluelamp.road;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sources of a many-to-one search (units placed on the road graph) kept as buckets on the
 * nodes of a {@link ContractionHierarchy}, so that a query for any target needs only one small
 * upward search from the target and a scan of the buckets it meets
 * ({@link BucketManyToOneSearch}).
 *
 * <p>For each source this store runs two upward searches when the source arrives on an edge,
 * one from each end node of the edge, and stores, at every node either search settles, the time
 * from the base node and the time from the adjacent node. The source's own position along the
 * edge is kept apart as two offsets (its time to each end node), so a source that moves
 * <em>along the same edge</em> costs two array writes; only a move to another edge costs a
 * re-search (the old entries are removed in constant time each by swap-with-last, the new ones
 * appended). Sources are identified by the caller's dense ids (e.g. fleet unit indexes).
 *
 * <p>Memory: per source its entries (one per node in the union of its two upward searches:
 * typically a few hundred on real and synthetic road networks) at 16 bytes in the node's bucket
 * and 8 bytes in the source's list; per node one reference and one count; per edge one int (the
 * sources on it, for targets on the same edge).
 *
 * <p>Not thread-safe. One thread changes it (the single writer); queries read it. A caller that
 * queries from other threads while it changes must exclude the two, e.g. with a
 * {@link java.util.concurrent.locks.ReadWriteLock}: changes are short (the searches of a moved
 * source can run before taking the write lock; see ARCHITECTURE.md).
 */
public final class SourceBuckets {
    /** Time of a way a source cannot take (an end node it cannot leave its edge by). */
    static final int UNREACHABLE = 400_000_000; // 4.6 days: three of them still fit an int

    static final int STRIDE =
            4; // bucket entry: source, millis from base node, millis from adj node, index in source list

    private final ContractionHierarchy ch;
    private final TravelTimeGraph graph;
    private final UpwardSearch search;

    // per node
    private final int[][] bucket;
    private final int[] bucketSize;

    // per edge: a doubly linked list of the sources on it
    private final int[] firstOnEdge;

    // per source
    private int[] sourceEdge = new int[0];
    private int[] sourceToBaseMillis = new int[0];
    private int[] sourceToAdjMillis = new int[0];
    private int[] sourceExtraMillis = new int[0];
    private EdgePlacement[] sourcePlacement = new EdgePlacement[0];
    private int[][] sourceEntries = new int[0][]; // pairs: node, position in the node's bucket
    private int[] sourceEntryCount = new int[0];
    private int[] nextOnEdge = new int[0];
    private int[] prevOnEdge = new int[0];
    private int sourceCount;
    private long entryCount;
    private long version;

    // merging the two searches of a source
    private final int[] slotOf;
    private int[] mergedNode = new int[512];
    private int[] mergedViaBase = new int[512];
    private int[] mergedViaAdj = new int[512];
    private int lastSearchSettled;

    public SourceBuckets(ContractionHierarchy ch) {
        this.ch = Objects.requireNonNull(ch, "ch");
        this.graph = ch.graph();
        this.search = new UpwardSearch(ch);
        int n = ch.nodeCount();
        bucket = new int[n][];
        bucketSize = new int[n];
        slotOf = new int[n];
        firstOnEdge = new int[graph.edgeCount()];
        Arrays.fill(firstOnEdge, -1);
    }

    public ContractionHierarchy hierarchy() {
        return ch;
    }

    /**
     * Adds a source, or moves it. A move along the same edge updates its offsets only; a move to
     * another edge replaces its buckets.
     *
     * @param source the caller's id for it, 0 or more (dense ids keep the arrays small)
     * @param placement where it is, on this store's graph
     * @param extraMillis time added to its road time when ranking (mobilisation, off-road leg), 0 or more
     */
    public void put(int source, EdgePlacement placement, int extraMillis) {
        if (source < 0) {
            throw new IllegalArgumentException("source must be >= 0, got " + source);
        }
        Objects.requireNonNull(placement, "placement");
        int edge = placement.edgeId();
        if (edge < 0 || edge >= graph.edgeCount()) {
            throw new IllegalArgumentException("placement edge " + edge + " is not an edge of this graph");
        }
        checkExtra(extraMillis);
        ensureCapacity(source + 1);
        version++;
        int toBase = graph.millisToBase(placement);
        int toAdj = graph.millisToAdj(placement);
        boolean present = sourceEdge[source] >= 0;
        if (present && sourceEdge[source] == edge) {
            sourceToBaseMillis[source] = toBase == TravelTimeGraph.CLOSED ? UNREACHABLE : toBase;
            sourceToAdjMillis[source] = toAdj == TravelTimeGraph.CLOSED ? UNREACHABLE : toAdj;
            sourceExtraMillis[source] = extraMillis;
            sourcePlacement[source] = placement;
            return;
        }
        if (present) {
            removeEntries(source);
            unlink(source);
        } else {
            sourceCount++;
        }
        sourceEdge[source] = edge;
        sourceToBaseMillis[source] = toBase == TravelTimeGraph.CLOSED ? UNREACHABLE : toBase;
        sourceToAdjMillis[source] = toAdj == TravelTimeGraph.CLOSED ? UNREACHABLE : toAdj;
        sourceExtraMillis[source] = extraMillis;
        sourcePlacement[source] = placement;
        link(source, edge);
        addEntries(source, graph.edgeBase(edge), graph.edgeAdj(edge));
    }

    /** Changes a present source's extra time (e.g. its status changed); constant time. */
    public void setExtraMillis(int source, int extraMillis) {
        checkPresent(source);
        checkExtra(extraMillis);
        version++;
        sourceExtraMillis[source] = extraMillis;
    }

    /** Removes a source; nothing happens when it is absent. */
    public void remove(int source) {
        if (source < 0 || source >= sourceEdge.length || sourceEdge[source] < 0) {
            return;
        }
        version++;
        removeEntries(source);
        unlink(source);
        sourceEdge[source] = -1;
        sourcePlacement[source] = null;
        sourceCount--;
    }

    public boolean contains(int source) {
        return source >= 0 && source < sourceEdge.length && sourceEdge[source] >= 0;
    }

    /** The placement a present source was last put with. */
    public EdgePlacement placement(int source) {
        checkPresent(source);
        return sourcePlacement[source];
    }

    public int extraMillis(int source) {
        checkPresent(source);
        return sourceExtraMillis[source];
    }

    /** Sources present. */
    public int sourceCount() {
        return sourceCount;
    }

    /** One more than the largest source id ever put. */
    public int sourceCapacity() {
        return sourceEdge.length;
    }

    /** Bucket entries held (the sum of every present source's entries). */
    public long entryCount() {
        return entryCount;
    }

    /** Entries of one present source: the nodes of its two upward searches. */
    public int entryCount(int source) {
        checkPresent(source);
        return sourceEntryCount[source];
    }

    /** Nodes settled by the two upward searches of the last move to another edge (the work of a move). */
    public int lastSearchSettledNodes() {
        return lastSearchSettled;
    }

    /** Changes so far: a query may compare it before and after to detect a concurrent change. */
    public long version() {
        return version;
    }

    /** Bytes held by the store's arrays (entries, per-node and per-source tables). */
    public long memoryBytes() {
        long bytes = 8L * bucket.length + 4L * bucketSize.length + 4L * firstOnEdge.length + 4L * slotOf.length;
        for (int[] b : bucket) {
            bytes += b == null ? 0 : 16 + 4L * b.length;
        }
        for (int i = 0; i < sourceEntries.length; i++) {
            bytes += sourceEntries[i] == null ? 0 : 16 + 4L * sourceEntries[i].length;
        }
        bytes += (long) sourceEdge.length * (4 * 8 + 8);
        return bytes;
    }

    private static void checkExtra(int extraMillis) {
        if (extraMillis < 0 || extraMillis >= UNREACHABLE) {
            throw new IllegalArgumentException(
                    "extraMillis must be between 0 and " + UNREACHABLE + ", got " + extraMillis);
        }
    }

    private void checkPresent(int source) {
        if (!contains(source)) {
            throw new IllegalArgumentException("source " + source + " is not present");
        }
    }

    private void ensureCapacity(int n) {
        if (n <= sourceEdge.length) {
            return;
        }
        int len = Math.max(n, Math.max(16, sourceEdge.length * 2));
        int old = sourceEdge.length;
        sourceEdge = Arrays.copyOf(sourceEdge, len);
        Arrays.fill(sourceEdge, old, len, -1);
        sourceToBaseMillis = Arrays.copyOf(sourceToBaseMillis, len);
        sourceToAdjMillis = Arrays.copyOf(sourceToAdjMillis, len);
        sourceExtraMillis = Arrays.copyOf(sourceExtraMillis, len);
        sourcePlacement = Arrays.copyOf(sourcePlacement, len);
        sourceEntries = Arrays.copyOf(sourceEntries, len);
        sourceEntryCount = Arrays.copyOf(sourceEntryCount, len);
        nextOnEdge = Arrays.copyOf(nextOnEdge, len);
        prevOnEdge = Arrays.copyOf(prevOnEdge, len);
    }

    private void link(int source, int edge) {
        int head = firstOnEdge[edge];
        nextOnEdge[source] = head;
        prevOnEdge[source] = -1;
        if (head >= 0) {
            prevOnEdge[head] = source;
        }
        firstOnEdge[edge] = source;
    }

    private void unlink(int source) {
        int prev = prevOnEdge[source];
        int next = nextOnEdge[source];
        if (prev >= 0) {
            nextOnEdge[prev] = next;
        } else {
            firstOnEdge[sourceEdge[source]] = next;
        }
        if (next >= 0) {
            prevOnEdge[next] = prev;
        }
    }

    private void addEntries(int source, int base, int adj) {
        // the upward searches from each end node, merged by node
        search.run(true, base, 0, UpwardSearch.NONE, 0);
        int settled = search.settledCount();
        int merged = 0;
        for (int i = 0; i < search.resultCount(); i++) {
            int node = search.resultNode(i);
            growMerged(merged + 1);
            mergedNode[merged] = node;
            mergedViaBase[merged] = search.resultMillis(i);
            mergedViaAdj[merged] = UNREACHABLE;
            slotOf[node] = ++merged; // 1-based; reset below
        }
        int fromBase = merged;
        search.run(true, adj, 0, UpwardSearch.NONE, 0);
        settled += search.settledCount();
        for (int i = 0; i < search.resultCount(); i++) {
            int node = search.resultNode(i);
            int slot = slotOf[node];
            if (slot > 0) {
                mergedViaAdj[slot - 1] = search.resultMillis(i);
            } else {
                growMerged(merged + 1);
                mergedNode[merged] = node;
                mergedViaBase[merged] = UNREACHABLE;
                mergedViaAdj[merged] = search.resultMillis(i);
                merged++;
            }
        }
        for (int i = 0; i < fromBase; i++) {
            slotOf[mergedNode[i]] = 0;
        }
        lastSearchSettled = settled;
        int[] list = sourceEntries[source];
        if (list == null || list.length < 2 * merged) {
            list = new int[Math.max(2 * merged, 64)];
            sourceEntries[source] = list;
        }
        for (int i = 0; i < merged; i++) {
            int node = mergedNode[i];
            int[] b = bucket[node];
            int size = bucketSize[node];
            if (b == null) {
                b = new int[STRIDE * 4];
                bucket[node] = b;
            } else if (STRIDE * (size + 1) > b.length) {
                b = Arrays.copyOf(b, b.length * 2);
                bucket[node] = b;
            }
            int at = STRIDE * size;
            b[at] = source;
            b[at + 1] = mergedViaBase[i];
            b[at + 2] = mergedViaAdj[i];
            b[at + 3] = i;
            bucketSize[node] = size + 1;
            list[2 * i] = node;
            list[2 * i + 1] = size;
        }
        sourceEntryCount[source] = merged;
        entryCount += merged;
    }

    private void growMerged(int n) {
        if (n > mergedNode.length) {
            int len = Math.max(n, mergedNode.length * 2);
            mergedNode = Arrays.copyOf(mergedNode, len);
            mergedViaBase = Arrays.copyOf(mergedViaBase, len);
            mergedViaAdj = Arrays.copyOf(mergedViaAdj, len);
        }
    }

    private void removeEntries(int source) {
        int[] list = sourceEntries[source];
        int count = sourceEntryCount[source];
        for (int i = 0; i < count; i++) {
            int node = list[2 * i];
            int pos = list[2 * i + 1];
            int[] b = bucket[node];
            int last = bucketSize[node] - 1;
            if (pos != last) {
                int from = STRIDE * last;
                int to = STRIDE * pos;
                b[to] = b[from];
                b[to + 1] = b[from + 1];
                b[to + 2] = b[from + 2];
                b[to + 3] = b[from + 3];
                // the moved entry's source now finds it at pos
                sourceEntries[b[to]][2 * b[to + 3] + 1] = pos;
            }
            bucketSize[node] = last;
        }
        entryCount -= count;
        sourceEntryCount[source] = 0;
    }

    // read access for BucketManyToOneSearch
    int[] bucket(int node) {
        return bucket[node];
    }

    int bucketSize(int node) {
        return bucketSize[node];
    }

    int toBaseMillis(int source) {
        return sourceToBaseMillis[source];
    }

    int toAdjMillis(int source) {
        return sourceToAdjMillis[source];
    }

    int extraMillisUnchecked(int source) {
        return sourceExtraMillis[source];
    }

    EdgePlacement placementUnchecked(int source) {
        return sourcePlacement[source];
    }

    int firstOnEdge(int edge) {
        return firstOnEdge[edge];
    }

    int nextOnEdge(int source) {
        return nextOnEdge[source];
    }
}
