package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Storage of the fleet's per-unit state, apart from the rules that change it ({@link FleetState}):
 * the layout of each unit's state line, the chunks that hold them, the per-unit sequence words
 * (the fix writer's and the status writers', and the one read loop every reader goes through),
 * and typed accessors for the words of a line. In the way of GraphHopper's
 * {@code BaseGraphNodesAndEdges}: a unit's line is addressed by its chunk's memory segment and a
 * base offset in bytes, and every word has a named offset in bytes.
 *
 * <h2>Layout</h2>
 *
 * <p>Units have dense indexes in registration order. Their state lives in chunks of
 * {@value #CHUNK_SIZE} units: {@value #LINE_BYTES} bytes per unit, outside the heap and aligned so
 * that a line is exactly two cache lines ({@link PageMemory}: in a {@code long[]} it spanned three;
 * the fix writer's and the status writers' sequence words, lat, lon, position time,
 * accuracy, speed, heading, packed reason and learned interval; then the fix writer's own words:
 * recent intervals, history ring head and size, grid bucket and slot, a bound on the ring's oldest
 * time) beside arrays of current {@link StatusChange}s and {@link Unit}s, and the
 * units' history rings, laid end to end in slabs of up to 2 MiB ({@link #SLAB_BYTES}; one slab per
 * chunk at the default 64 fixes, each entry inside one cache line), made when the first unit of a
 * slab has a fix. Beyond the first chunk (1,024 units) the state lines and slabs are in 2 MiB
 * huge pages where the system offers them ({@link PageMemory}); the first chunk's stay in ordinary
 * pages, so a small fleet commits only what it touches. A ring is found by
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

    /** Bytes of one unit's state line: {@value #STRIDE} words, two cache lines, at a multiple of itself. */
    static final int LINE_BYTES = STRIDE * Long.BYTES;

    /**
     * Atomic access to a word of a line: coordinates (buffer, byte offset); in native byte order,
     * as {@link PageMemory}'s buffers are, and aligned, so every access mode is atomic.
     */
    private static final VarHandle WORDS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final VarHandle SLABS = MethodHandles.arrayElementVarHandle(ByteBuffer[].class);
    /** Bytes of one slab at most (2 MiB, one huge page): 1,024 rings of 64 fixes, fewer rings when they are longer. */
    static final int SLAB_BYTES = 1 << 21;
    /** Chunks whose state lines share one huge-page block (2 MiB). */
    private static final int CHUNKS_PER_BLOCK = (int) (PageMemory.HUGE_PAGE_BYTES / ((long) CHUNK_SIZE * LINE_BYTES));

    private static final VarHandle UNITS = MethodHandles.arrayElementVarHandle(Unit[].class);

    /** The state of {@value #CHUNK_SIZE} units. */
    static final class Chunk {
        /** {@value #CHUNK_SIZE} state lines of {@value #LINE_BYTES} bytes, the first on a 128-byte boundary. */
        final ByteBuffer state;

        final StatusChange[] status = new StatusChange[CHUNK_SIZE];
        final Unit[] units = new Unit[CHUNK_SIZE];
        /** History slabs, each holding the rings of {@code 1 << slabShift} consecutive units; null until used. */
        final ByteBuffer[] slabs;
        /** Whether this chunk's slabs go in huge pages (not the first chunk's: see {@link UnitLines}). */
        final boolean hugePages;

        Chunk(ByteBuffer state, int slabCount, boolean hugePages) {
            this.state = state;
            this.slabs = new ByteBuffer[slabCount];
            this.hugePages = hugePages;
            for (int i = 0; i < CHUNK_SIZE; i++) {
                int base = i * LINE_BYTES;
                state.putLong(base + TIME * 8, NO_FIX);
                state.putLong(base + GRID * 8, -1L);
                state.putLong(base + OLDEST_BOUND * 8, Long.MIN_VALUE);
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
        ByteBuffer slab(int slab) {
            return (ByteBuffer) SLABS.getAcquire(slabs, slab);
        }

        void publishSlab(int slab, ByteBuffer rings) {
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
         * Copies what the reader needs: words of {@code state} at byte {@code base} (read with the
         * typed accessors of this class), and the chunk's arrays at {@code offset}. Torn values
         * are possible (the attempt is then repeated); the copy must not fail on them.
         */
        abstract void copy(Chunk chunk, int offset, ByteBuffer state, int base);
    }

    private volatile Chunk[] chunks = new Chunk[0];
    /** The huge-page block the next chunks' state lines are carved from (registration lock). */
    private ByteBuffer stateBlock;
    /** Chunks already carved from {@link #stateBlock}. */
    private int stateBlockUsed = CHUNKS_PER_BLOCK;
    /** Bytes of one unit's history ring ({@link UnitHistory#ENTRY_BYTES} per fix). */
    final int ringBytes;
    /** Fixes of one ring. */
    final int ringCapacity;
    /** Units per history slab, a power of two from 1 to {@value #CHUNK_SIZE}: {@code 1 << slabShift}. */
    private final int slabShift;

    /** Storage whose units keep {@code historyCapacity} fixes of history each. */
    UnitLines(int historyCapacity) {
        if (historyCapacity < 1 || historyCapacity > SLAB_BYTES / UnitHistory.ENTRY_BYTES) {
            throw new IllegalArgumentException("history capacity " + historyCapacity + " out of range");
        }
        this.ringCapacity = historyCapacity;
        this.ringBytes = historyCapacity * UnitHistory.ENTRY_BYTES;
        int units = Integer.highestOneBit(Math.max(1, SLAB_BYTES / ringBytes));
        this.slabShift = Integer.numberOfTrailingZeros(Math.min(CHUNK_SIZE, units));
    }

    /**
     * The slab that holds the history ring of the unit at {@code offset} of chunk {@code c}, made
     * (and published) if none yet. Fix writer only.
     */
    ByteBuffer slabForWriter(Chunk c, int offset) {
        int i = offset >>> slabShift;
        ByteBuffer slab = c.slabs[i];
        if (slab == null) {
            int bytes = ringBytes << slabShift;
            slab = PageMemory.allocate(bytes, 64, c.hugePages && bytes >= PageMemory.HUGE_PAGE_BYTES);
            c.publishSlab(i, slab);
        }
        return slab;
    }

    /** The slab holding the ring of the unit at {@code offset}, or null if no unit of it had a fix. Any thread. */
    ByteBuffer slab(Chunk c, int offset) {
        return c.slab(offset >>> slabShift);
    }

    /** Where (in bytes) the ring of the unit at {@code offset} starts in its slab. */
    int ringBase(int offset) {
        return (offset & ((1 << slabShift) - 1)) * ringBytes;
    }

    /** Makes room for unit {@code unitIndex} (called under the fleet's registration lock). */
    void ensureCapacity(int unitIndex) {
        int chunkIndex = unitIndex >>> CHUNK_SHIFT;
        Chunk[] cs = chunks;
        if (chunkIndex >= cs.length) {
            cs = Arrays.copyOf(cs, chunkIndex + 1);
            for (int i = 0; i <= chunkIndex; i++) {
                if (cs[i] == null) {
                    cs[i] = new Chunk(stateFor(i), CHUNK_SIZE >>> slabShift, i > 0);
                }
            }
            chunks = cs;
        }
    }

    /**
     * Memory for chunk {@code chunkIndex}'s state lines: the first chunk's on its own in ordinary
     * pages (a small fleet commits only what it touches), later ones carved from 2 MiB huge-page
     * blocks of {@link #CHUNKS_PER_BLOCK} chunks.
     */
    private ByteBuffer stateFor(int chunkIndex) {
        int bytes = CHUNK_SIZE * LINE_BYTES;
        if (chunkIndex == 0) {
            return PageMemory.allocate(bytes, LINE_BYTES, false);
        }
        if (stateBlockUsed == CHUNKS_PER_BLOCK) {
            stateBlock = PageMemory.allocate(bytes * CHUNKS_PER_BLOCK, LINE_BYTES, true);
            stateBlockUsed = 0;
        }
        return PageMemory.slice(stateBlock, bytes * stateBlockUsed++, bytes);
    }

    /** The chunk of a unit whose room was made by {@link #ensureCapacity}. */
    Chunk chunk(int unitIndex) {
        return chunks[unitIndex >>> CHUNK_SHIFT];
    }

    /** The unit's place in its chunk's arrays. */
    static int offset(int unitIndex) {
        return unitIndex & CHUNK_MASK;
    }

    /** The byte offset of the unit's line in its chunk's {@code state}. */
    static int base(int unitIndex) {
        return (unitIndex & CHUNK_MASK) * LINE_BYTES;
    }

    /** Word {@code word} of the line at byte {@code base} (plain read). */
    static long word(ByteBuffer s, int base, int word) {
        return s.getLong(base + word * 8);
    }

    /** Writes word {@code word} of the line at byte {@code base} (plain write). */
    static void setWord(ByteBuffer s, int base, int word, long value) {
        s.putLong(base + word * 8, value);
    }

    /**
     * Opens a write of the fix writer's words ({@link #SEQ} moves to odd). Plain stores, no
     * compare-and-set: the fix writer is the only thread that writes {@link #SEQ}, so it needs no
     * atomic read-modify-write (and no fence that drains the store buffer); status writers have
     * their own word ({@link #lockStatus}). Fix writer only; returns the even sequence for
     * {@link #endFixWrite}.
     */
    static long beginFixWrite(ByteBuffer state, int base) {
        long seq = word(state, base, SEQ);
        WORDS.setOpaque(state, base + SEQ * 8, seq + 1);
        VarHandle.storeStoreFence(); // the odd sequence before any word it guards
        return seq;
    }

    /** Closes a write opened by {@link #beginFixWrite}, publishing what was written (a release store). */
    static void endFixWrite(ByteBuffer state, int base, long seq) {
        WORDS.setRelease(state, base + SEQ * 8, seq + 2);
    }

    /**
     * Takes the unit's status lock ({@link #STATUS_SEQ} from even to odd by compare-and-set,
     * spinning while another status writer holds it); returns the even sequence. Any thread; it
     * excludes other status writers, not the fix writer, which writes other words.
     */
    static long lockStatus(ByteBuffer state, int base) {
        int at = base + STATUS_SEQ * 8;
        for (; ; ) {
            long seq = (long) WORDS.getVolatile(state, at);
            if ((seq & 1) == 0 && WORDS.compareAndSet(state, at, seq, seq + 1)) {
                return seq;
            }
            Thread.onSpinWait();
        }
    }

    /** Releases the lock taken by {@link #lockStatus}, publishing what was written. */
    static void releaseStatus(ByteBuffer state, int base, long lockedSeq) {
        WORDS.setRelease(state, base + STATUS_SEQ * 8, lockedSeq + 2);
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
        int base = offset * LINE_BYTES;
        ByteBuffer s = c.state;
        for (; ; ) {
            long seq = (long) WORDS.getAcquire(s, base + SEQ * 8);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            reader.copy(c, offset, s, base);
            VarHandle.loadLoadFence();
            if ((long) WORDS.getOpaque(s, base + SEQ * 8) == seq) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- typed accessors

    static double latDeg(ByteBuffer s, int base) {
        return Double.longBitsToDouble(word(s, base, LAT));
    }

    static double lonDeg(ByteBuffer s, int base) {
        return Double.longBitsToDouble(word(s, base, LON));
    }

    /** Position time of the newest fix, epoch millis, or {@link #NO_FIX}. */
    static long timeMillis(ByteBuffer s, int base) {
        return word(s, base, TIME);
    }

    static double accuracyMetres(ByteBuffer s, int base) {
        return Double.longBitsToDouble(word(s, base, ACCURACY));
    }

    static double speedMetresPerSecond(ByteBuffer s, int base) {
        return Double.longBitsToDouble(word(s, base, SPEED));
    }

    static double headingDeg(ByteBuffer s, int base) {
        return Double.longBitsToDouble(word(s, base, HEADING));
    }

    static long meta(ByteBuffer s, int base) {
        return word(s, base, META);
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
            ByteBuffer s,
            int base,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            long meta) {
        setWord(s, base, LAT, Double.doubleToRawLongBits(lat));
        setWord(s, base, LON, Double.doubleToRawLongBits(lon));
        setWord(s, base, TIME, time);
        setWord(s, base, ACCURACY, Double.doubleToRawLongBits(accuracy));
        setWord(s, base, SPEED, Double.doubleToRawLongBits(speed));
        setWord(s, base, HEADING, Double.doubleToRawLongBits(heading));
        setWord(s, base, META, meta);
    }

    static void setMeta(ByteBuffer s, int base, long meta) {
        setWord(s, base, META, meta);
    }

    /** The history ring's head and size ({@link UnitHistory#pack}). */
    static long historyWord(ByteBuffer s, int base) {
        return word(s, base, HISTORY);
    }

    static void setHistoryWord(ByteBuffer s, int base, long headAndSize) {
        setWord(s, base, HISTORY, headAndSize);
    }

    static long oldestBound(ByteBuffer s, int base) {
        return word(s, base, OLDEST_BOUND);
    }

    static void setOldestBound(ByteBuffer s, int base, long bound) {
        setWord(s, base, OLDEST_BOUND, bound);
    }

    /** Recent interval {@code i} (0 = newest) of the writer's window. */
    static long interval(ByteBuffer s, int base, int i) {
        long pair = word(s, base, INTERVALS + i / 2);
        return (i & 1) == 0 ? pair >>> 32 : pair & 0xFFFF_FFFFL;
    }

    /** Writes intervals {@code i} and {@code i + 1} of the writer's window ({@code i} even). */
    static void setIntervalPair(ByteBuffer s, int base, int i, long first, long second) {
        setWord(s, base, INTERVALS + i / 2, (first << 32) | second);
    }

    /** The grid's writer-private word for a unit (bucket and slot). */
    long gridWord(int unitIndex) {
        return word(chunk(unitIndex).state, base(unitIndex), GRID);
    }

    void setGridWord(int unitIndex, long word) {
        setWord(chunk(unitIndex).state, base(unitIndex), GRID, word);
    }
}
