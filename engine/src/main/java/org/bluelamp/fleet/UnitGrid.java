package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spatial index: a uniform grid of cells in latitude/longitude, hashed into a fixed number of
 * buckets, each bucket an {@code int[]} of unit indexes. See {@link SpatialSearch} for the queries
 * and {@code docs/fleet-state.md} for why this structure.
 *
 * <p>Cells are {@code cellLatDeg} high and {@code cellLonDeg} wide (square on the ground at the
 * reference latitude). Cell (x, y) lives in bucket {@code hash(x, y) & (buckets - 1)}: the grid
 * covers the whole Earth in fixed memory, and a bucket may hold units of several far-apart cells,
 * which queries filter by exact position.
 *
 * <p>Concurrency: one writer (the intake thread). Each bucket array starts with a version word
 * bumped around every change (a sequence lock) and its count, so a reader copies a bucket's members
 * and retries if it moved; a full bucket is replaced by a bigger copy (published with release). A
 * unit that changes bucket is added to the new bucket, appended to a move log (a ring of unit
 * indexes with a published sequence number), and only then removed from the old bucket. A query
 * that scans buckets one after another can miss a unit that moved from a bucket not yet scanned to
 * one already scanned; it therefore also considers every unit in the move log written while it
 * ran, and starts again (falls back to a scan of all units) if the log wrapped meanwhile. The order
 * matters: a query that found the unit in neither bucket scanned the old one after the remove, whose
 * release follows the log's, so the sequence it reads next covers the move (logged after the
 * remove, a query could read the sequence between the two and miss the unit).
 *
 * <p>Sizing: a grid's geometry is fixed for its life. With the automatic grid
 * ({@link FleetOptions#AUTOMATIC_GRID}), {@link #move} calls the fleet back (on the writer) when a
 * check of its size is due: when the units placed in it have doubled, or after a number of
 * changes of bucket (16 per placed unit). {@link GridSizing} then keeps this grid or builds a
 * new one ({@link #rebuilt}: every placed unit in the bucket of its newest position, the units'
 * grid words rewritten), which the fleet publishes in a volatile field; this one is never written
 * again. A query that finds the grid replaced when it ends starts again on the new one
 * ({@link SpatialSearch}), so the move log's rule holds across a replacement.
 */
final class UnitGrid {
    static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    static final VarHandle BUCKETS = MethodHandles.arrayElementVarHandle(int[][].class);
    static final int MOVE_LOG_SIZE = 1 << 13;
    // A bucket array: [version, count, member...]. A full bucket is replaced by a bigger copy and the
    // old array is never written again, so a reader holding it still sees a consistent past state.
    private static final int VERSION = 0;
    static final int COUNT = 1;
    static final int FIRST = 2;

    final double cellMetres;
    final double referenceLatDeg;
    final double cellLatDeg;
    final double cellLonDeg;
    final int bucketMask;
    final int[][] buckets;
    final int[] moveLog = new int[MOVE_LOG_SIZE];
    final AtomicLong moveSeq = new AtomicLong();
    private final FleetState fleet;

    // Writer-private: units placed in this grid, and when the next size check is due (never for a
    // fixed grid).
    int placed;
    long checkAtPlaced = Long.MAX_VALUE;
    /**
     * Writer-private: one position's bucket computed ahead ({@link #rememberBucket}, by the staged
     * batch, which computed it in this grid when the fix was staged), so that {@link #move} of that
     * position need not compute its cell again (two divisions, two floors and the hash). A memo of
     * a pure function of the position: it starts as the bucket of (NaN, NaN), so it is never wrong.
     */
    private long memoLatBits = Double.doubleToRawLongBits(Double.NaN);

    private long memoLonBits = Double.doubleToRawLongBits(Double.NaN);
    private int memoBucket;
    long checkAtMoveSeq = Long.MAX_VALUE;

    UnitGrid(FleetState fleet, double cellMetres, int buckets, double referenceLatDeg) {
        this.fleet = fleet;
        this.cellMetres = cellMetres;
        this.referenceLatDeg = referenceLatDeg;
        this.cellLatDeg = GridSizing.cellLatDeg(cellMetres);
        this.cellLonDeg = GridSizing.cellLonDeg(cellMetres, referenceLatDeg);
        this.bucketMask = buckets - 1;
        this.buckets = new int[buckets][];
        this.memoBucket = bucket(cellX(Double.NaN), cellY(Double.NaN));
    }

    /**
     * Notes that the position whose coordinates have these raw bits is in bucket {@code bucket} of
     * this grid (it must be: {@code bucket(cellX(lon), cellY(lat))}), for the next {@link #move}.
     * Writer only.
     */
    void rememberBucket(long latBits, long lonBits, int bucket) {
        memoLatBits = latBits;
        memoLonBits = lonBits;
        memoBucket = bucket;
    }

    int bucketCount() {
        return bucketMask + 1;
    }

    int cellX(double lonDeg) {
        return (int) Math.floor(lonDeg / cellLonDeg);
    }

    int cellY(double latDeg) {
        return (int) Math.floor(latDeg / cellLatDeg);
    }

    int bucket(int cellX, int cellY) {
        int h = cellX * 0x9E3779B1 + cellY * 0x85EBCA77;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 13;
        return h & bucketMask;
    }

    /**
     * Puts the unit in the bucket of its new position. Writer only. The unit's bucket and slot are
     * kept in its state line ({@link UnitLines#gridWord}), which the fix has just touched.
     */
    void move(int unitIndex, double latDeg, double lonDeg) {
        int b = Double.doubleToRawLongBits(latDeg) == memoLatBits && Double.doubleToRawLongBits(lonDeg) == memoLonBits
                ? memoBucket
                : bucket(cellX(lonDeg), cellY(latDeg));
        long word = fleet.lines().gridWord(unitIndex);
        int old = (int) (word >> 32);
        if (old == b && word != -1) {
            return;
        }
        int newSlot = add(unitIndex, b);
        // Logged before the old bucket lets go of it: a query that scanned the new bucket before the
        // add and the old one after the remove then sees the log entry when it reads the sequence.
        long seq = moveSeq.getPlain();
        moveLog[(int) seq & (MOVE_LOG_SIZE - 1)] = unitIndex;
        moveSeq.setRelease(seq + 1);
        if (word != -1) {
            remove(old, (int) word);
        } else {
            placed++;
        }
        fleet.lines().setGridWord(unitIndex, ((long) b << 32) | newSlot);
        if (placed >= checkAtPlaced || seq >= checkAtMoveSeq) {
            fleet.gridCheckDue(this);
        }
    }

    /**
     * A new grid of this geometry holding every unit of {@code fleet} that has a position (a grid
     * word other than -1) in the bucket of its newest position, each unit's grid word rewritten to
     * its place there. Fix writer only (it reads the writer's own words); the old grid is not
     * touched, so readers on it go on undisturbed until the caller publishes the new one.
     */
    static UnitGrid rebuilt(FleetState fleet, double cellMetres, int buckets, double referenceLatDeg) {
        UnitGrid g = new UnitGrid(fleet, cellMetres, buckets, referenceLatDeg);
        UnitLines lines = fleet.lines();
        int units = fleet.unitCount();
        int[] bucketOf = new int[units];
        int[] counts = new int[buckets];
        for (int u = 0; u < units; u++) {
            if (lines.gridWord(u) == -1) {
                bucketOf[u] = -1;
                continue;
            }
            long[] s = lines.chunk(u).state;
            int base = UnitLines.base(u);
            int b = g.bucket(g.cellX(UnitLines.lonDeg(s, base)), g.cellY(UnitLines.latDeg(s, base)));
            bucketOf[u] = b;
            counts[b]++;
        }
        for (int b = 0; b < buckets; b++) {
            int n = counts[b];
            if (n > 0) {
                g.buckets[b] = new int[FIRST + Math.max(4, n + (n >> 1))];
            }
        }
        for (int u = 0; u < units; u++) {
            int b = bucketOf[u];
            if (b < 0) {
                continue;
            }
            int[] arr = g.buckets[b];
            int slot = arr[COUNT]++;
            arr[FIRST + slot] = u;
            lines.setGridWord(u, ((long) b << 32) | slot);
            g.placed++;
        }
        return g;
    }

    /** Appends the unit to bucket b; returns its slot there. */
    private int add(int unitIndex, int b) {
        int[] arr = buckets[b];
        if (arr == null || arr[COUNT] == arr.length - FIRST) {
            int n = arr == null ? 0 : arr[COUNT];
            int[] bigger = new int[FIRST + Math.max(4, n * 2)];
            if (arr != null) {
                System.arraycopy(arr, FIRST, bigger, FIRST, n);
            }
            bigger[FIRST + n] = unitIndex;
            bigger[COUNT] = n + 1;
            BUCKETS.setRelease(buckets, b, bigger);
            return n;
        }
        int n = arr[COUNT];
        int v = beginWrite(arr);
        arr[FIRST + n] = unitIndex;
        arr[COUNT] = n + 1;
        INTS.setRelease(arr, VERSION, v + 2);
        return n;
    }

    /** Removes the unit at {@code slot} of bucket b, moving the bucket's last unit into its place. */
    private void remove(int b, int slot) {
        int[] arr = buckets[b];
        int last = arr[COUNT] - 1;
        int moved = arr[FIRST + last];
        int v = beginWrite(arr);
        arr[FIRST + slot] = moved;
        arr[COUNT] = last;
        INTS.setRelease(arr, VERSION, v + 2);
        if (slot != last) {
            fleet.lines().setGridWord(moved, ((long) b << 32) | slot);
        }
    }

    private static int beginWrite(int[] arr) {
        int v = arr[VERSION];
        INTS.setOpaque(arr, VERSION, v + 1);
        VarHandle.storeStoreFence();
        return v;
    }

    /**
     * Copies bucket {@code b}'s members into {@code holder[0]} (grown as needed); returns how many.
     * Safe from any thread.
     */
    int copyBucket(int b, int[][] holder) {
        for (; ; ) {
            int[] arr = (int[]) BUCKETS.getAcquire(buckets, b);
            if (arr == null) {
                return 0;
            }
            int v = (int) INTS.getAcquire(arr, VERSION);
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            int n = Math.max(0, Math.min(arr[COUNT], arr.length - FIRST));
            int[] into = holder[0];
            if (n > into.length) {
                into = new int[Math.max(n, into.length * 2)];
                holder[0] = into;
            }
            System.arraycopy(arr, FIRST, into, 0, n);
            VarHandle.loadLoadFence();
            if ((int) INTS.getOpaque(arr, VERSION) == v) {
                return n;
            }
        }
    }
}
