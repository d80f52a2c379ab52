package org.bluelamp.fleet;

import java.util.Objects;

/**
 * A batch of fixes noted ahead of being recorded (their unit ids and positions), whose memory is
 * read ahead, in passes, when the first of them is taken: the fix writer's staged batch path
 * ({@code org.bluelamp.tracking.FixIntake#stage}).
 *
 * <p>Why: at 100,000 units nearly every line a fix touches misses the cache, and the reads form a
 * chain (the id's {@code String} for its hash, the id table's slot and key for the unit index, the
 * unit's state line, then from its words the history ring's slot and, for a fix that changes grid
 * bucket, the buckets' headers, then their slots and the state line of the unit moved in the left
 * bucket). Before the first fix of the batch is recorded, each level is read for every fix of the
 * batch in one pass, so the reads of a pass are independent of one another and their misses are in
 * flight together; the next pass finds what it depends on in the cache. How many misses a core
 * keeps in flight is bounded by its line-fill buffers and by how many iterations of a pass fit in
 * its instruction window, so each pass is kept to the few instructions of its own loads: the grid
 * cell of each fix is computed when it is staged (arithmetic only; the grid's move reuses it), the
 * id table's slot word and key are read together before the look-up that compares them (in a large
 * table only), where each unit's line and ring
 * entry are is found in the pass before from data in cache (the ring slot without a division), so
 * the passes that miss are loops of bare loads, and the dependent reads of a unit moving to
 * another bucket (the bucket's header, then its slots, then the moved member's line) are passes of
 * their own. Reading each level a few fixes
 * ahead while earlier fixes were recorded (a pipeline) was measured too, and was no faster: a read
 * that misses holds up the instructions after it until it returns, so it overlaps the recording
 * only for what fits in the instruction window (benchmarks/RESULTS.md, issue 13 point 3, eighth
 * round).
 *
 * <p>Reading ahead only reads (and computes the unit indexes {@link FleetState#indexOf} gives): what
 * is recorded is exactly what recording the fixes one at a time records ({@code StagedIntakeTest}).
 * A unit's index never changes once registered; an id not registered when its level was read
 * (-1) is looked up again by the caller when its fix is taken, as one not staged.
 *
 * <p>Thread-safety: fix writer only (one per intake); allocates nothing.
 */
public final class StagedFixes {
    /** Fixes one batch holds at most; more are not staged. */
    public static final int CAPACITY = 64;

    /**
     * How many of the read-ahead's seven passes run (default all): a diagnostic for measuring what
     * each pass costs ({@code benchmarks}' {@code IntakePassCost}, one JVM per value; read once);
     * 2 adds the id table's first probe slot (the unit indexes are always found). Fewer passes
     * never change results, only what is in the cache.
     */
    static final int PASSES = Integer.getInteger("bluelamp.staged.passes", 7);

    private final FleetState fleet;
    private final String[] ids = new String[CAPACITY];
    private final int[] indexes = new int[CAPACITY];
    /** The grid bucket of each fix's position (computed when staged). */
    private final int[] cells = new int[CAPACITY];
    /** Each fix's position's raw bits (for the grid's memo of its bucket, {@link UnitGrid#rememberBucket}). */
    private final long[] latBits = new long[CAPACITY];

    private final long[] lonBits = new long[CAPACITY];
    /** Each id's hash code (pass 1). */
    private final int[] hashes = new int[CAPACITY];
    /** The bucket each fix enters (-1 when it stays in its bucket or is not read), the one it leaves (-1: none). */
    private final int[] enters = new int[CAPACITY];

    private final int[] leaves = new int[CAPACITY];
    /** The unit each fix's move will shift into its freed slot of the left bucket (-1: none). */
    private final int[] shifted = new int[CAPACITY];
    /** Each fix's unit's state array and the index of its line there (null: no unit). */
    private final long[][] rowsOf = new long[CAPACITY][];

    private final int[] baseOf = new int[CAPACITY];
    /** Each fix's history slab and where in it the entry the fix will write starts (null: none). */
    private final long[][] ringOf = new long[CAPACITY][];

    private final int[] ringAt = new int[CAPACITY];

    private int count;
    private int taken;
    /** Whether taking has begun (the batch's memory was then read ahead). */
    private boolean begun;
    /** What the reads gave, kept so that they are not removed as dead code. */
    private long sink;
    /**
     * The grid the batch's buckets were computed in: the automatic grid may be replaced between
     * two batches (never while one is staged: both run on the fix writer); if it was, the bucket
     * passes are skipped rather than read with another grid's bucket numbers.
     */
    private UnitGrid stagedGrid;

    /** An empty batch for the fix writer of {@code fleet}. */
    public StagedFixes(FleetState fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    /**
     * Notes a fix of unit {@code unitId} at {@code latDeg}, {@code lonDeg} (ignored when null or the
     * batch is full). A stage after taking has begun starts a new batch.
     */
    public void stage(String unitId, double latDeg, double lonDeg) {
        if (begun) {
            count = 0;
            taken = 0;
            begun = false;
        }
        if (unitId == null || count == CAPACITY) {
            return;
        }
        int k = count++;
        ids[k] = unitId;
        UnitGrid g = k == 0 ? (stagedGrid = fleet.grid) : stagedGrid;
        cells[k] = g.bucket(g.cellX(lonDeg), g.cellY(latDeg));
        latBits[k] = Double.doubleToRawLongBits(latDeg);
        lonBits[k] = Double.doubleToRawLongBits(lonDeg);
    }

    /**
     * The unit index of the next staged fix when {@code unitId} is its id (compared by identity),
     * else -1 (a fix that was not staged, or an id no unit had when the batch was read: the caller
     * looks it up). Fixes are taken in stage order; the first take after a run of stages (whatever
     * its id) reads the batch's memory ahead.
     */
    public int take(String unitId) {
        if (count == 0) {
            return -1;
        }
        if (!begun) {
            begun = true;
            readAhead();
        }
        int k = taken;
        if (k >= count || ids[k] != unitId) {
            return -1;
        }
        taken = k + 1;
        ids[k] = null; // hold no caller's string beyond its batch
        // the fix's bucket, computed when staged: if it becomes the unit's newest position in this
        // grid, the grid's move finds it there (a memo keyed by the exact position: never wrong)
        stagedGrid.rememberBucket(latBits[k], lonBits[k], cells[k]);
        return indexes[k];
    }

    /** Every level for every staged fix, one pass per level. */
    private void readAhead() {
        int n = count;
        int passes = PASSES;
        long sum = 0;
        // 1: each id's hash code (a pooled id's String is a miss of its own at 100,000 units)
        for (int j = 0; j < n && passes >= 1; j++) {
            hashes[j] = ids[j].hashCode();
        }
        // 2a: the id table's slot word and key where each probe starts, one pass of bare loads
        // (the look-up below read them one after the other, the key's load waiting on the word's)
        if (passes >= 2) {
            sum += fleet.readAheadIds(hashes, n);
        }
        // 2b: the id table's slot and key: the unit index (always: the caller takes the index from
        // here), and where the unit's state line is (the chunks are few: in cache)
        int units = fleet.unitCount();
        UnitLines lines = fleet.lines();
        for (int j = 0; j < n; j++) {
            int u = fleet.indexOf(ids[j]);
            indexes[j] = u;
            boolean known = u >= 0 && u < units;
            rowsOf[j] = known ? lines.chunk(u).state : null;
            baseOf[j] = UnitLines.base(u);
        }
        // 3: the state line: words 0, 8 and 15 cover the two or three cache lines of it
        for (int j = 0; j < n && passes >= 3; j++) {
            long[] s = rowsOf[j];
            if (s != null) {
                int base = baseOf[j];
                sum += s[base] + s[base + 8] + s[base + UnitLines.STRIDE - 1];
            }
        }
        // 4: the ring slot the fix will write; whether the fix takes its unit to another bucket
        if (passes >= 4) {
            sum += slots(lines, n, units);
            for (int j = 0;
                    j < n;
                    j++) { // the entries, apart: nothing but their loads (both ends: an entry may straddle two lines)
                long[] r = ringOf[j];
                if (r != null) {
                    int at = ringAt[j];
                    sum += r[at] + r[at + UnitHistory.STRIDE - 1];
                }
            }
            // 5-7: only for fixes that change bucket: the headers, the slots and last member, its line
            sum += buckets(lines, n, units, passes);
        }
        sink += sum;
    }

    /**
     * The history ring slot each fix will write (when the ring is full, the oldest's: an append
     * reads no other entry while the unit's oldest-time bound holds), the newest entries while the
     * learned interval is read from them; and from the unit's grid word whether the fix takes it to
     * another bucket ({@link #enters}, {@link #leaves}). A fix that stays in its bucket (about 60%
     * at 500 m cells and 5-30 s reports) touches no bucket.
     */
    private long slots(UnitLines lines, int n, int units) {
        long sum = 0;
        int cap = lines.ringCapacity;
        for (int j = 0; j < n; j++) {
            int u = indexes[j];
            ringOf[j] = null;
            if (u < 0 || u >= units) {
                enters[j] = -1;
                leaves[j] = -1;
                continue;
            }
            UnitLines.Chunk c = lines.chunk(u);
            int off = UnitLines.offset(u);
            int base = UnitLines.base(u);
            long[] s = c.state;
            long hs = s[base + UnitLines.HISTORY];
            int head = (int) (hs >>> 32);
            int size = (int) hs;
            long[] slab = lines.slab(c, off);
            int p = head + size;
            p = p >= cap ? p - cap : p;
            if (slab != null && head >= 0 && size >= 0 && p < cap) {
                int ring = lines.ringBase(off);
                ringOf[j] = slab;
                ringAt[j] = ring + p * UnitHistory.STRIDE;
                if (size <= FleetState.INTERVAL_SAMPLES
                        || UnitLines.intervalSamples(UnitLines.meta(s, base)) < FleetState.INTERVAL_SAMPLES) {
                    // the learned interval will be read from the newest entries: one read per line of them
                    for (int i = 1, m = Math.min(size, FleetState.INTERVAL_SAMPLES + 1); i <= m; i += 2) {
                        sum += slab[ring + (head + size - i) % cap * UnitHistory.STRIDE];
                    }
                }
            }
            long gridWord = s[base + UnitLines.GRID];
            int b = cells[j];
            int old = (int) (gridWord >> 32);
            boolean indexed = gridWord != -1;
            boolean moves = !indexed || old != b;
            enters[j] = moves ? b : -1;
            leaves[j] = moves && indexed ? old : -1;
        }
        return sum;
    }

    /**
     * For fixes that change bucket, in three passes: the headers (count) of the bucket entered and
     * the one left; the entered bucket's free slot, the left bucket's slot of the unit and its last
     * member (moved into that slot); that member's grid word.
     */
    private long buckets(UnitLines lines, int n, int units, int passes) {
        UnitGrid g = fleet.grid;
        if (g != stagedGrid) {
            return 0; // replaced since the batch was staged: its bucket numbers are another grid's
        }
        int[][] all = g.buckets;
        long sum = 0;
        for (int j = 0; j < n && passes >= 5; j++) {
            int b = enters[j];
            if (b < 0) {
                continue;
            }
            int[] arr = all[b];
            sum += arr == null ? 0 : arr[UnitGrid.COUNT];
            int old = leaves[j];
            if (old >= 0) {
                int[] left = all[old];
                sum += left == null ? 0 : left[UnitGrid.COUNT];
            }
        }
        for (int j = 0; j < n && passes >= 6; j++) {
            shifted[j] = -1;
            int b = enters[j];
            if (b < 0) {
                continue;
            }
            int[] entered = all[b];
            if (entered != null) {
                int m = entered[UnitGrid.COUNT];
                sum += entered[UnitGrid.FIRST + Math.min(Math.max(m, 0), entered.length - UnitGrid.FIRST - 1)];
            }
            int old = leaves[j];
            int[] arr = old < 0 ? null : all[old];
            if (arr == null) {
                continue;
            }
            int u = indexes[j];
            int slot = (int) lines.chunk(u).state[UnitLines.base(u) + UnitLines.GRID];
            int m = arr[UnitGrid.COUNT];
            int last = Math.min(Math.max(m - 1, 0), arr.length - UnitGrid.FIRST - 1);
            sum += arr[UnitGrid.FIRST + Math.min(Math.max(slot, 0), arr.length - UnitGrid.FIRST - 1)];
            shifted[j] = arr[UnitGrid.FIRST + last];
        }
        for (int j = 0; j < n && passes >= 7; j++) {
            int moved = shifted[j];
            if (moved >= 0 && moved < units) {
                sum += lines.chunk(moved).state[UnitLines.base(moved) + UnitLines.GRID];
            }
        }
        return sum;
    }

    /** What the reads gave (for a caller that wants to keep them observable; never needed for results). */
    public long sink() {
        return sink;
    }
}
