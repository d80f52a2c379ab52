package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Storage of the fleet's per-unit state, apart from the rules that change it ({@link FleetState}):
 * the layout of each unit's state line, the chunks that hold them, the per-unit sequence words
 * (the fix writer's and the status writers', and the one read loop every reader goes through),
 * and typed accessors for the words of a line. In the way of GraphHopper's
 * {@code BaseGraphNodesAndEdges}: a unit's line is addressed by its chunk's {@code long[]} and a
 * base offset, and every word has a named offset.
 *
 * <h2>Layout</h2>
 *
 * <p>Units have dense indexes in registration order. Their state lives in chunks of
 * {@value #CHUNK_SIZE} units: one {@code long[]} of {@value #STRIDE} words per unit (two cache
 * lines: the fix writer's and the status writers' sequence words, lat, lon, position time,
 * accuracy, speed, heading, packed reason and learned interval; then the fix writer's own words:
 * recent intervals, history ring head and size, grid bucket and slot, a bound on the ring's oldest
 * time) beside arrays of current {@link StatusChange}s and {@link Unit}s, and the
 * units' history rings, laid end to end in slabs of up to 2 MiB ({@link #SLAB_LONGS}; one slab per
 * chunk at the default 64 fixes), made when the first unit of a slab has a fix. A ring is found by
 * arithmetic from the unit's index (no per-unit array: no pointer to follow and no array header to
 * read, one cache miss fewer per fix at 100,000 units). Chunks never move, so growing the fleet
 * never invalidates what a reader holds.
 *
 * <h2>Sequence words</h2>
 *
 * <p>Each line has two sequence words, one per kind of writer, so that neither needs an atomic
 * instruction against the other: they write different words. The one fix writer opens a write by
 * moving {@link #SEQ} to odd with a plain store ({@link #beginFixWrite}), writes the position words
 * and the history, and closes it to the next even value with a release store
 * ({@link #endFixWrite}): no compare-and-set, whose locked instruction drained the store buffer
 * (with a history ring write still missing the cache in it) once per fix. Status writers, any
 * thread and rare, take {@link #STATUS_SEQ} from even to odd with a compare-and-set
 * ({@link #lockStatus}; it excludes other status writers, whose change is a read-modify-write of
 * the status), write the status reference and release it. A reader ({@link #read}) reads
 * {@link #SEQ}, copies what it needs, and reads it again, and retries if it was odd or changed:
 * the position words it copies are those of one fix, and the status reference it copies (one read
 * of one reference) is the status at the moment of that read, so the copy is the unit at one
 * consistent moment.
 *
 * <p>Thread-safety: {@link #ensureCapacity} under the fleet's registration lock; the fix
 * writer's words between {@link #beginFixWrite} and {@link #endFixWrite} (or writer-private
 * words) by the one fix writer only; status between {@link #lockStatus} and
 * {@link #releaseStatus} by any thread; {@link #read} from any thread, never blocking, allocation-free.
 */
final class UnitLines {
    static final int CHUNK_SHIFT = 10;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK_SIZE - 1;
    static final int STRIDE = 16;

    // Words of a line that readers see (guarded by the fix writer's sequence word).
    /** The fix writer's sequence word: written by the one fix writer only, with plain stores. */
    static final int SEQ = 0;
    /** The status writers' lock word: taken with a compare-and-set by status changes (not read by readers). */
    static final int STATUS_SEQ = 1;

    static final int LAT = 2;
    static final int LON = 3;
    static final int TIME = 4;
    static final int ACCURACY = 5;
    static final int SPEED = 6;
    static final int HEADING = 7;
    /** Bits 0-31 learned interval millis, 32-39 interval samples, 40-47 fix reason. */
    static final int META = 8;
    // Writer-private words, never read by readers:
    /** 9..12: the newest 8 intervals between fixes, two ints per long. */
    static final int INTERVALS = 9;
    /** History ring head << 32 | ring size (readers see it through {@link #read}). */
    static final int HISTORY = 13;
    /** Grid bucket << 32 | slot in bucket, or -1 when not indexed. */
    static final int GRID = 14;
    /**
     * A time no later than the oldest entry of the history ring ({@link UnitHistory#append}): while
     * it is not older than the age limit, appending a fix need not read the ring's oldest entry.
     */
    static final int OLDEST_BOUND = 15;

    /** The position time of a unit that has never had a fix. */
    static final long NO_FIX = Long.MIN_VALUE;
    /** Bits of {@link #META} below the fix reason. */
    static final long META_INTERVAL_BITS = 0xFF_FFFF_FFFFL;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SLABS = MethodHandles.arrayElementVarHandle(long[][].class);
    /** Longs of one slab at most (2 MiB): 1,024 rings of 64 fixes, fewer rings when they are longer. */
    static final int SLAB_LONGS = 1 << 18;

    private static final VarHandle UNITS = MethodHandles.arrayElementVarHandle(Unit[].class);

    /** The state of {@value #CHUNK_SIZE} units. */
    static final class Chunk {
        final long[] state = new long[CHUNK_SIZE * STRIDE];
        final StatusChange[] status = new StatusChange[CHUNK_SIZE];
        final Unit[] units = new Unit[CHUNK_SIZE];
        /** History slabs, each holding the rings of {@code 1 << slabShift} consecutive units; null until used. */
        final long[][] slabs;

        Chunk(int slabCount) {
            slabs = new long[slabCount][];
            for (int i = 0; i < CHUNK_SIZE; i++) {
                state[i * STRIDE + TIME] = NO_FIX;
                state[i * STRIDE + GRID] = -1;
                state[i * STRIDE + OLDEST_BOUND] = Long.MIN_VALUE;
            }
        }

        /** The unit record at {@code offset}, published with release (a spec change replaces it). */
        Unit unit(int offset) {
            return (Unit) UNITS.getAcquire(units, offset);
        }

        void publishUnit(int offset, Unit unit) {
            UNITS.setRelease(units, offset, unit);
        }

        /** Slab {@code slab} of this chunk, published with release; null before a unit of it had a fix. */
        long[] slab(int slab) {
            return (long[]) SLABS.getAcquire(slabs, slab);
        }

        void publishSlab(int slab, long[] rings) {
            SLABS.setRelease(slabs, slab, rings);
        }
    }

    /**
     * What a reader copies out of a unit's line inside {@link #read}: called once per attempt, the
     * copy of the last attempt is the consistent one. Implementations are reused objects owned by
     * one thread, so that reading allocates nothing.
     */
    abstract static class Reader {
        /**
         * Copies what the reader needs: words of {@code state} at {@code base} + an offset of this
         * class, and the chunk's arrays at {@code offset}. Torn values are possible (the attempt
         * is then repeated); the copy must not fail on them.
         */
        abstract void copy(Chunk chunk, int offset, long[] state, int base);
    }

    private volatile Chunk[] chunks = new Chunk[0];
    /** Longs of one unit's history ring ({@link UnitHistory#STRIDE} per fix). */
    final int ringLongs;
    /** Fixes of one ring. */
    final int ringCapacity;
    /** Units per history slab, a power of two from 1 to {@value #CHUNK_SIZE}: {@code 1 << slabShift}. */
    private final int slabShift;

    /** Storage whose units keep {@code historyCapacity} fixes of history each. */
    UnitLines(int historyCapacity) {
        if (historyCapacity < 1 || historyCapacity > SLAB_LONGS / UnitHistory.STRIDE) {
            throw new IllegalArgumentException("history capacity " + historyCapacity + " out of range");
        }
        this.ringCapacity = historyCapacity;
        this.ringLongs = historyCapacity * UnitHistory.STRIDE;
        int units = Integer.highestOneBit(Math.max(1, SLAB_LONGS / ringLongs));
        this.slabShift = Integer.numberOfTrailingZeros(Math.min(CHUNK_SIZE, units));
    }

    /**
     * The slab that holds the history ring of the unit at {@code offset} of chunk {@code c}, made
     * (and published) if none yet. Fix writer only.
     */
    long[] slabForWriter(Chunk c, int offset) {
        int i = offset >>> slabShift;
        long[] slab = c.slabs[i];
        if (slab == null) {
            slab = new long[ringLongs << slabShift];
            c.publishSlab(i, slab);
        }
        return slab;
    }

    /** The slab holding the ring of the unit at {@code offset}, or null if no unit of it had a fix. Any thread. */
    long[] slab(Chunk c, int offset) {
        return c.slab(offset >>> slabShift);
    }

    /** Where the ring of the unit at {@code offset} starts in its slab. */
    int ringBase(int offset) {
        return (offset & ((1 << slabShift) - 1)) * ringLongs;
    }

    /** Makes room for unit {@code unitIndex} (called under the fleet's registration lock). */
    void ensureCapacity(int unitIndex) {
        int chunkIndex = unitIndex >>> CHUNK_SHIFT;
        Chunk[] cs = chunks;
        if (chunkIndex >= cs.length) {
            cs = Arrays.copyOf(cs, chunkIndex + 1);
            for (int i = 0; i <= chunkIndex; i++) {
                if (cs[i] == null) {
                    cs[i] = new Chunk(CHUNK_SIZE >>> slabShift);
                }
            }
            chunks = cs;
        }
    }

    /** The chunk of a unit whose room was made by {@link #ensureCapacity}. */
    Chunk chunk(int unitIndex) {
        return chunks[unitIndex >>> CHUNK_SHIFT];
    }

    /** The unit's place in its chunk's arrays. */
    static int offset(int unitIndex) {
        return unitIndex & CHUNK_MASK;
    }

    /** The index of the unit's first word in its chunk's {@code state}. */
    static int base(int unitIndex) {
        return (unitIndex & CHUNK_MASK) * STRIDE;
    }

    /**
     * Opens a write of the fix writer's words ({@link #SEQ} moves to odd). Plain stores, no
     * compare-and-set: the fix writer is the only thread that writes {@link #SEQ}, so it needs no
     * atomic read-modify-write (and no fence that drains the store buffer); status writers have
     * their own word ({@link #lockStatus}). Fix writer only; returns the even sequence for
     * {@link #endFixWrite}.
     */
    static long beginFixWrite(long[] state, int base) {
        long seq = state[base + SEQ];
        LONGS.setOpaque(state, base + SEQ, seq + 1);
        VarHandle.storeStoreFence(); // the odd sequence before any word it guards
        return seq;
    }

    /** Closes a write opened by {@link #beginFixWrite}, publishing what was written (a release store). */
    static void endFixWrite(long[] state, int base, long seq) {
        LONGS.setRelease(state, base + SEQ, seq + 2);
    }

    /**
     * Takes the unit's status lock ({@link #STATUS_SEQ} from even to odd by compare-and-set,
     * spinning while another status writer holds it); returns the even sequence. Any thread; it
     * excludes other status writers, not the fix writer, which writes other words.
     */
    static long lockStatus(long[] state, int base) {
        for (; ; ) {
            long seq = (long) LONGS.getVolatile(state, base + STATUS_SEQ);
            if ((seq & 1) == 0 && LONGS.compareAndSet(state, base + STATUS_SEQ, seq, seq + 1)) {
                return seq;
            }
            Thread.onSpinWait();
        }
    }

    /** Releases the lock taken by {@link #lockStatus}, publishing what was written. */
    static void releaseStatus(long[] state, int base, long lockedSeq) {
        LONGS.setRelease(state, base + STATUS_SEQ, lockedSeq + 2);
    }

    /**
     * The one sequence-lock read loop: runs {@code reader.copy} on unit {@code unitIndex}'s line
     * until a copy was made with no fix written in between ({@link #SEQ} even and unchanged across
     * the copy). Status writers are not waited for: what they write is one reference, read once by
     * the copy, so the copy is the state at the moment that reference was read (the fix writer's
     * words did not change around it). Any thread; allocation-free.
     */
    void read(int unitIndex, Reader reader) {
        Chunk c = chunk(unitIndex);
        int offset = offset(unitIndex);
        int base = offset * STRIDE;
        long[] s = c.state;
        for (; ; ) {
            long seq = (long) LONGS.getAcquire(s, base + SEQ);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            reader.copy(c, offset, s, base);
            VarHandle.loadLoadFence();
            if ((long) LONGS.getOpaque(s, base + SEQ) == seq) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- typed accessors

    static double latDeg(long[] s, int base) {
        return Double.longBitsToDouble(s[base + LAT]);
    }

    static double lonDeg(long[] s, int base) {
        return Double.longBitsToDouble(s[base + LON]);
    }

    /** Position time of the newest fix, epoch millis, or {@link #NO_FIX}. */
    static long timeMillis(long[] s, int base) {
        return s[base + TIME];
    }

    static double accuracyMetres(long[] s, int base) {
        return Double.longBitsToDouble(s[base + ACCURACY]);
    }

    static double speedMetresPerSecond(long[] s, int base) {
        return Double.longBitsToDouble(s[base + SPEED]);
    }

    static double headingDeg(long[] s, int base) {
        return Double.longBitsToDouble(s[base + HEADING]);
    }

    static long meta(long[] s, int base) {
        return s[base + META];
    }

    static FixReason reason(long meta) {
        return FixReason.ofOrdinal((int) (meta >>> 40) & 0xFF);
    }

    static int intervalSamples(long meta) {
        return (int) (meta >>> 32) & 0xFF;
    }

    static int intervalMillis(long meta) {
        return (int) meta;
    }

    /** The packed {@link #META} word. */
    static long packMeta(long learnedInterval, FixReason reason) {
        return (learnedInterval & META_INTERVAL_BITS) | ((long) reason.ordinal() << 40);
    }

    /** Writes the newest fix's words (under the lock). */
    static void writeLatest(
            long[] s,
            int base,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            long meta) {
        s[base + LAT] = Double.doubleToRawLongBits(lat);
        s[base + LON] = Double.doubleToRawLongBits(lon);
        s[base + TIME] = time;
        s[base + ACCURACY] = Double.doubleToRawLongBits(accuracy);
        s[base + SPEED] = Double.doubleToRawLongBits(speed);
        s[base + HEADING] = Double.doubleToRawLongBits(heading);
        s[base + META] = meta;
    }

    static void setMeta(long[] s, int base, long meta) {
        s[base + META] = meta;
    }

    /** The history ring's head and size ({@link UnitHistory#pack}). */
    static long historyWord(long[] s, int base) {
        return s[base + HISTORY];
    }

    static void setHistoryWord(long[] s, int base, long headAndSize) {
        s[base + HISTORY] = headAndSize;
    }

    static long oldestBound(long[] s, int base) {
        return s[base + OLDEST_BOUND];
    }

    static void setOldestBound(long[] s, int base, long bound) {
        s[base + OLDEST_BOUND] = bound;
    }

    /** Recent interval {@code i} (0 = newest) of the writer's window. */
    static long interval(long[] s, int base, int i) {
        long pair = s[base + INTERVALS + i / 2];
        return (i & 1) == 0 ? pair >>> 32 : pair & 0xFFFF_FFFFL;
    }

    /** Writes intervals {@code i} and {@code i + 1} of the writer's window ({@code i} even). */
    static void setIntervalPair(long[] s, int base, int i, long first, long second) {
        s[base + INTERVALS + i / 2] = (first << 32) | second;
    }

    /** The grid's writer-private word for a unit (bucket and slot). */
    long gridWord(int unitIndex) {
        return chunk(unitIndex).state[base(unitIndex) + GRID];
    }

    void setGridWord(int unitIndex, long word) {
        chunk(unitIndex).state[base(unitIndex) + GRID] = word;
    }
}
