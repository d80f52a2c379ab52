package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet: every registered unit with its status, newest position, breadcrumb history and place
 * in the spatial index, readable by any number of threads while fixes arrive.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li><b>Fix writer</b>: exactly one thread calls {@link #recordFix} (the intake thread, see
 *       {@code org.bluelamp.tracking.FixIntake}). Only it touches history and the spatial index.
 *   <li><b>Status and registration</b>: {@link #setStatus} from any thread (per-unit lock word,
 *       below); {@link #register} and {@link #updateSpec} from any thread (one monitor; rare).
 *   <li><b>Readers</b>: any thread, never blocked, never blocking: {@link #readUnit} into a reused
 *       {@link UnitReading} (no allocation), {@link #snapshot} (one immutable record),
 *       {@link #readTrack}, and {@link SpatialSearch} (one per thread, {@link #newSpatialSearch}).
 * </ul>
 *
 * <h2>Layout</h2>
 *
 * <p>Units get dense indexes 0..{@link #unitCount()}-1 in registration order. Per-unit mutable state
 * lives in chunks of 1,024 units: one {@code long[]} of 16 words per unit (two cache lines: sequence,
 * lat, lon, position time, accuracy, speed, heading, packed reason and learned interval; then the
 * writer's words: recent intervals, history ring head and size, grid bucket and slot) beside
 * arrays of current {@link StatusChange}s, {@link Unit}s and history rings. A fix touches the unit's
 * two state lines and one line of its ring. Chunks never move, so
 * growing the fleet never invalidates what a reader holds.
 *
 * <p>Each unit's state is guarded by a sequence lock: a writer takes the unit by moving its
 * sequence word from even to odd with a compare-and-set (uncontended in practice: only a status
 * change can race a fix for the same unit), writes, and releases it to the next even value.
 * A reader reads the sequence, the words, and the sequence again, and retries if it was odd or
 * changed: position, time and status are always read from one consistent moment.
 */
public final class FleetState {
    /** How many recent intervals between fixes the usual reporting interval is learned from. */
    public static final int INTERVAL_SAMPLES = 8;

    static final int CHUNK_SHIFT = 10;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK_SIZE - 1;
    static final int STRIDE = 16;
    static final int SEQ = 0;
    static final int LAT = 1;
    static final int LON = 2;
    static final int TIME = 3;
    static final int ACCURACY = 4;
    static final int SPEED = 5;
    static final int HEADING = 6;
    static final int META = 7; // bits 0-31 interval millis, 32-39 interval samples, 40-47 reason
    // Writer-side words, never read by readUnit:
    static final int INTERVALS = 8; // 8..11: the newest 8 intervals between fixes, two ints per long
    static final int HISTORY = 12; // ring head << 32 | ring size
    static final int GRID = 13; // bucket << 32 | slot in bucket, or -1 when not indexed
    static final long NO_FIX = Long.MIN_VALUE;

    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    static final VarHandle HISTORIES = MethodHandles.arrayElementVarHandle(long[][].class);

    static final class Chunk {
        final long[] state = new long[CHUNK_SIZE * STRIDE];
        final StatusChange[] status = new StatusChange[CHUNK_SIZE];
        final Unit[] units = new Unit[CHUNK_SIZE];
        final long[][] histories = new long[CHUNK_SIZE][];

        Chunk() {
            for (int i = 0; i < CHUNK_SIZE; i++) {
                state[i * STRIDE + TIME] = NO_FIX;
                state[i * STRIDE + GRID] = -1;
            }
        }
    }

    private final FleetOptions options;
    private final ConcurrentHashMap<String, Unit> unitsById = new ConcurrentHashMap<>();
    private final Object registrationLock = new Object();
    private volatile Chunk[] chunks = new Chunk[0];
    private volatile int unitCount;
    final UnitGrid grid;

    // Fix-writer-private.
    private final long[] intervalScratch = new long[INTERVAL_SAMPLES];
    private final long[] sortScratch = new long[INTERVAL_SAMPLES];
    private final UnitHistory history = new UnitHistory();
    private volatile long conflictingFixes;
    private volatile long historyNotRetained;

    /** An empty fleet. */
    public FleetState(FleetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.grid =
                new UnitGrid(this, options.gridCellMetres(), options.gridBuckets(), options.gridReferenceLatitudeDeg());
    }

    /** The options this fleet was made with. */
    public FleetOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a unit; its dense index is the current {@link #unitCount()}.
     *
     * @throws DuplicateUnitException if the id is taken
     * @throws IllegalArgumentException if a capability is unknown to the registry
     */
    public Unit register(UnitSpec spec, StatusChange initialStatus) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(initialStatus, "initialStatus");
        long mask = options.capabilities().maskOf(spec.capabilities());
        synchronized (registrationLock) {
            if (unitsById.containsKey(spec.id())) {
                throw new DuplicateUnitException(spec.id());
            }
            int index = unitCount;
            int chunkIndex = index >>> CHUNK_SHIFT;
            Chunk[] cs = chunks;
            if (chunkIndex == cs.length) {
                cs = Arrays.copyOf(cs, cs.length + 1);
                cs[chunkIndex] = new Chunk();
                chunks = cs;
            }
            Unit unit = new Unit(index, spec, mask);
            Chunk c = cs[chunkIndex];
            c.units[index & CHUNK_MASK] = unit;
            c.status[index & CHUNK_MASK] = initialStatus;
            unitsById.put(spec.id(), unit);
            unitCount = index + 1;
            return unit;
        }
    }

    /** Registers a unit with an initial status without a grade. */
    public Unit register(UnitSpec spec, UnitStatus initialStatus, long statusTimeEpochMillis) {
        return register(spec, StatusChange.of(initialStatus, statusTimeEpochMillis));
    }

    /**
     * Replaces a registered unit's spec (callsign, kind, capabilities, crew, station); its index,
     * status, position and history stay.
     *
     * @throws UnknownUnitException if no unit has the spec's id
     */
    public Unit updateSpec(UnitSpec spec) {
        long mask = options.capabilities().maskOf(spec.capabilities());
        synchronized (registrationLock) {
            Unit old = getUnit(spec.id());
            Unit unit = new Unit(old.unitIndex(), spec, mask);
            chunk(old.unitIndex()).units[old.unitIndex() & CHUNK_MASK] = unit;
            unitsById.put(spec.id(), unit);
            return unit;
        }
    }

    /** Number of registered units; their indexes are 0 to {@code unitCount() - 1}. */
    public int unitCount() {
        return unitCount;
    }

    /**
     * The unit registered under {@code unitId}.
     *
     * @throws UnknownUnitException if none is
     */
    public Unit getUnit(String unitId) {
        Unit u = unitsById.get(unitId);
        if (u == null) {
            throw new UnknownUnitException(unitId);
        }
        return u;
    }

    /** The unit registered under {@code unitId}, if any. */
    public Optional<Unit> findUnit(String unitId) {
        return Optional.ofNullable(unitsById.get(unitId));
    }

    /** The unit's index, or -1 when no unit has this id. No allocation. */
    public int indexOf(String unitId) {
        Unit u = unitsById.get(unitId);
        return u == null ? -1 : u.unitIndex();
    }

    /**
     * The unit with dense index {@code unitIndex}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= unitIndex < unitCount()}
     */
    public Unit unit(int unitIndex) {
        return chunk(unitIndex).units[unitIndex & CHUNK_MASK];
    }

    Chunk chunk(int unitIndex) {
        Objects.checkIndex(unitIndex, unitCount);
        return chunks[unitIndex >>> CHUNK_SHIFT];
    }

    // ---------------------------------------------------------------- status

    /**
     * Changes a unit's status. Without a grade, a unit staying deployed keeps its task's grade
     * ({@link UnitStatus#keepsTaskTo}). Re-asserting the current status and grade changes nothing
     * and returns the current one (with its original time).
     *
     * @param committedGrade grade code of the task, see {@link StatusChange}
     * @return the unit's status afterwards
     * @throws UnknownUnitException if no unit has this id
     * @throws IllegalStatusTransitionException if {@link UnitStatus#canChangeTo} forbids the change,
     *     or {@code timeEpochMillis} is before the current status's time; the message names both
     *     statuses
     * @throws IllegalArgumentException if the grade does not suit the status
     */
    public StatusChange setStatus(String unitId, UnitStatus status, String committedGrade, long timeEpochMillis) {
        Objects.requireNonNull(status, "status");
        int index = getUnit(unitId).unitIndex();
        Chunk c = chunk(index);
        int off = index & CHUNK_MASK;
        int base = off * STRIDE;
        long seq = lock(c.state, base);
        StatusChange current = c.status[off];
        try {
            // no grade given: the unit keeps its task's grade while it stays deployed (UnitStatus.keepsTaskTo)
            boolean noGrade = committedGrade == null || committedGrade.isBlank();
            String grade = noGrade && current.status().keepsTaskTo(status) ? current.committedGrade() : committedGrade;
            StatusChange next = new StatusChange(status, grade, timeEpochMillis);
            if (current.status() == next.status() && Objects.equals(current.committedGrade(), next.committedGrade())) {
                return current;
            }
            if (!current.status().canChangeTo(next.status())) {
                throw new IllegalStatusTransitionException(
                        unitId,
                        current.status(),
                        next.status(),
                        "unit '" + unitId + "' cannot change status from " + current.status() + " to " + next.status()
                                + "; from " + current.status() + " it may change to "
                                + current.status().allowedNext());
            }
            if (next.timeEpochMillis() < current.timeEpochMillis()) {
                throw new IllegalStatusTransitionException(
                        unitId,
                        current.status(),
                        next.status(),
                        "unit '" + unitId + "': change from " + current.status() + " to " + next.status() + " at "
                                + next.timeEpochMillis() + " is older than the current status's time "
                                + current.timeEpochMillis()
                                + "; send status changes in order");
            }
            c.status[off] = next;
            return next;
        } finally {
            LONGS.setRelease(c.state, base + SEQ, seq + 2);
        }
    }

    /**
     * The unit's current status.
     *
     * @throws UnknownUnitException if no unit has this id
     */
    public StatusChange getStatus(String unitId) {
        int index = getUnit(unitId).unitIndex();
        return chunk(index).status[index & CHUNK_MASK];
    }

    private static long lock(long[] state, int base) {
        for (; ; ) {
            long seq = (long) LONGS.getVolatile(state, base + SEQ);
            if ((seq & 1) == 0 && LONGS.compareAndSet(state, base + SEQ, seq, seq + 1)) {
                return seq;
            }
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- fixes (single writer)

    /**
     * Records a validated fix for the unit with dense index {@code unitIndex}. Must only be called
     * from the one fix-writer thread; the values must already be validated (finite, in range) by the
     * intake.
     *
     * <p>Rules:
     *
     * <ul>
     *   <li>newer than the unit's newest fix: becomes the newest (position, index cell, history):
     *       {@link FixOutcome#ACCEPTED_LATEST};
     *   <li>older: kept in history only, the unit does not move: {@link FixOutcome#ACCEPTED_HISTORY_ONLY};
     *   <li>same position time as a held fix and the same lat/lon: {@link FixOutcome#DUPLICATE}
     *       (the first received is kept, whatever its other fields);
     *   <li>same position time, different position (a radio or gateway fault: a unit is in one place
     *       at a time): the fix with the smaller accuracy radius wins (unreported accuracy loses),
     *       ties broken by smaller latitude, then smaller longitude. This makes the result
     *       independent of arrival order. A winner replaces the held fix (outcome as if new: latest
     *       or history only); a loser is a {@link FixOutcome#DUPLICATE}. Both count in
     *       {@link #conflictingFixCount()}.
     * </ul>
     *
     * @param accuracyMetres {@code NaN} when not reported; likewise speed and heading
     */
    public FixOutcome recordFix(
            int unitIndex,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason) {
        Chunk c = chunk(unitIndex);
        int off = unitIndex & CHUNK_MASK;
        int base = off * STRIDE;
        long[] s = c.state;
        long[] ring = c.histories[off];
        if (ring == null) {
            ring = UnitHistory.create(options.history().capacity());
            HISTORIES.setRelease(c.histories, off, ring);
        }
        UnitHistory h = history;
        h.bind(ring, s[base + HISTORY]);
        long maxAge = options.history().maxAgeMillis();
        long newest = s[base + TIME];
        if (positionTimeEpochMillis > newest) {
            long seq = lock(s, base);
            boolean appendedToFullWindow = h.insert(positionTimeEpochMillis, latDeg, lonDeg, accuracyMetres, maxAge);
            s[base + HISTORY] = h.headAndSize();
            long learned = learnInterval(s, base, h, appendedToFullWindow, positionTimeEpochMillis - newest);
            writeLatest(
                    s,
                    base,
                    latDeg,
                    lonDeg,
                    positionTimeEpochMillis,
                    accuracyMetres,
                    speedMetresPerSecond,
                    headingDeg,
                    learned | ((long) reason.ordinal() << 40));
            LONGS.setRelease(s, base + SEQ, seq + 2);
            grid.move(unitIndex, latDeg, lonDeg);
            return FixOutcome.ACCEPTED_LATEST;
        }
        if (positionTimeEpochMillis == newest) {
            double heldLat = Double.longBitsToDouble(s[base + LAT]);
            double heldLon = Double.longBitsToDouble(s[base + LON]);
            if (latDeg == heldLat && lonDeg == heldLon) {
                return FixOutcome.DUPLICATE;
            }
            conflictingFixes++;
            if (!wins(accuracyMetres, latDeg, lonDeg, Double.longBitsToDouble(s[base + ACCURACY]), heldLat, heldLon)) {
                return FixOutcome.DUPLICATE;
            }
            long seq = lock(s, base);
            int at = h.find(positionTimeEpochMillis);
            if (at >= 0) {
                h.replace(at, latDeg, lonDeg, accuracyMetres);
            }
            writeLatest(
                    s,
                    base,
                    latDeg,
                    lonDeg,
                    positionTimeEpochMillis,
                    accuracyMetres,
                    speedMetresPerSecond,
                    headingDeg,
                    (s[base + META] & 0xFF_FFFF_FFFFL) | ((long) reason.ordinal() << 40));
            LONGS.setRelease(s, base + SEQ, seq + 2);
            grid.move(unitIndex, latDeg, lonDeg);
            return FixOutcome.ACCEPTED_LATEST;
        }
        int at = h.find(positionTimeEpochMillis);
        if (at >= 0) {
            double heldLat = h.lat(at);
            double heldLon = h.lon(at);
            if (latDeg == heldLat && lonDeg == heldLon) {
                return FixOutcome.DUPLICATE;
            }
            conflictingFixes++;
            if (!wins(accuracyMetres, latDeg, lonDeg, h.accuracy(at), heldLat, heldLon)) {
                return FixOutcome.DUPLICATE;
            }
            long seq = lock(s, base);
            h.replace(at, latDeg, lonDeg, accuracyMetres);
            LONGS.setRelease(s, base + SEQ, seq + 2);
            return FixOutcome.ACCEPTED_HISTORY_ONLY;
        }
        if (!h.wouldKeep(positionTimeEpochMillis, maxAge)) {
            historyNotRetained++;
            return FixOutcome.ACCEPTED_HISTORY_ONLY;
        }
        long seq = lock(s, base);
        h.insert(positionTimeEpochMillis, latDeg, lonDeg, accuracyMetres, maxAge);
        s[base + HISTORY] = h.headAndSize();
        long learned = learnInterval(s, base, h, false, 0);
        s[base + META] = (s[base + META] & ~0xFF_FFFF_FFFFL) | learned;
        LONGS.setRelease(s, base + SEQ, seq + 2);
        return FixOutcome.ACCEPTED_HISTORY_ONLY;
    }

    private static void writeLatest(
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

    /**
     * Updates the unit's recent intervals (newest first, in the state line) and returns the packed
     * {@code (samples << 32) | medianMillis}. When the fix was appended to a history that already
     * held a full window, the new interval is shifted in; otherwise the window is read from history.
     * Either way the result depends only on the newest entries of history, not on arrival order.
     */
    private long learnInterval(long[] s, int base, UnitHistory h, boolean appendedToFullWindow, long newInterval) {
        long[] iv = intervalScratch;
        int n;
        int held = (int) (s[base + META] >>> 32) & 0xFF;
        if (appendedToFullWindow && held == INTERVAL_SAMPLES) {
            for (int i = INTERVAL_SAMPLES - 1; i > 0; i--) {
                iv[i] = interval(s, base, i - 1);
            }
            iv[0] = newInterval;
            n = INTERVAL_SAMPLES;
        } else {
            n = h.intervals(iv);
        }
        for (int i = 0; i < INTERVAL_SAMPLES; i += 2) {
            long a = i < n ? Math.min(Integer.MAX_VALUE, iv[i]) : 0;
            long b = i + 1 < n ? Math.min(Integer.MAX_VALUE, iv[i + 1]) : 0;
            s[base + INTERVALS + i / 2] = (a << 32) | b;
        }
        if (n == 0) {
            return 0;
        }
        long[] sorted = sortScratch;
        for (int i = 0; i < n; i++) {
            long d = Math.min(Integer.MAX_VALUE, iv[i]);
            int j = i;
            while (j > 0 && sorted[j - 1] > d) {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = d;
        }
        return ((long) n << 32) | sorted[(n - 1) / 2];
    }

    private static long interval(long[] s, int base, int i) {
        long pair = s[base + INTERVALS + i / 2];
        return (i & 1) == 0 ? pair >>> 32 : pair & 0xFFFF_FFFFL;
    }

    /** The grid's writer-private word for a unit (bucket and slot). */
    long gridWord(int unitIndex) {
        return chunks[unitIndex >>> CHUNK_SHIFT].state[(unitIndex & CHUNK_MASK) * STRIDE + GRID];
    }

    void setGridWord(int unitIndex, long word) {
        chunks[unitIndex >>> CHUNK_SHIFT].state[(unitIndex & CHUNK_MASK) * STRIDE + GRID] = word;
    }

    /** Whether fix a beats fix b for the same unit and time (see {@link #recordFix}). */
    private static boolean wins(double accA, double latA, double lonA, double accB, double latB, double lonB) {
        double a = Double.isNaN(accA) ? Double.POSITIVE_INFINITY : accA;
        double b = Double.isNaN(accB) ? Double.POSITIVE_INFINITY : accB;
        if (a != b) {
            return a < b;
        }
        if (latA != latB) {
            return latA < latB;
        }
        return lonA < lonB;
    }

    /** Fixes that had the same unit and position time as a held fix but another position. */
    public long conflictingFixCount() {
        return conflictingFixes;
    }

    /** Accepted fixes that fell outside the bounded history (too old or history full of newer ones). */
    public long historyNotRetainedCount() {
        return historyNotRetained;
    }

    // ---------------------------------------------------------------- readers

    /**
     * Reads one consistent snapshot of a unit into {@code into}, without allocating or blocking.
     * Safe from any thread.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= unitIndex < unitCount()}
     */
    public void readUnit(int unitIndex, UnitReading into) {
        Chunk c = chunk(unitIndex);
        int off = unitIndex & CHUNK_MASK;
        int base = off * STRIDE;
        long[] s = c.state;
        for (; ; ) {
            long seq = (long) LONGS.getAcquire(s, base + SEQ);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long lat = s[base + LAT];
            long lon = s[base + LON];
            long time = s[base + TIME];
            long acc = s[base + ACCURACY];
            long speed = s[base + SPEED];
            long heading = s[base + HEADING];
            long meta = s[base + META];
            StatusChange status = c.status[off];
            VarHandle.loadLoadFence();
            if ((long) LONGS.getOpaque(s, base + SEQ) == seq) {
                into.set(
                        c.units[off],
                        status,
                        time,
                        Double.longBitsToDouble(lat),
                        Double.longBitsToDouble(lon),
                        Double.longBitsToDouble(acc),
                        Double.longBitsToDouble(speed),
                        Double.longBitsToDouble(heading),
                        FixReason.ofOrdinal((int) (meta >>> 40) & 0xFF),
                        (int) (meta >>> 32) & 0xFF,
                        (int) meta,
                        options.staleness());
                return;
            }
        }
    }

    /**
     * Reads a unit's newest position into {@code latLonOut[0..1]}; returns its position time, or
     * {@link Long#MIN_VALUE} if it has no fix. Consistent and allocation-free; any thread.
     */
    long readPosition(int unitIndex, double[] latLonOut) {
        Chunk c = chunks[unitIndex >>> CHUNK_SHIFT];
        long[] s = c.state;
        int base = (unitIndex & CHUNK_MASK) * STRIDE;
        for (; ; ) {
            long seq = (long) LONGS.getAcquire(s, base + SEQ);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long lat = s[base + LAT];
            long lon = s[base + LON];
            long time = s[base + TIME];
            VarHandle.loadLoadFence();
            if ((long) LONGS.getOpaque(s, base + SEQ) == seq) {
                latLonOut[0] = Double.longBitsToDouble(lat);
                latLonOut[1] = Double.longBitsToDouble(lon);
                return time;
            }
        }
    }

    /** An immutable snapshot of one unit (allocates; for the service and persistence). Any thread. */
    public UnitSnapshot snapshot(int unitIndex) {
        UnitReading r = new UnitReading();
        readUnit(unitIndex, r);
        return r.toSnapshot();
    }

    /**
     * An immutable snapshot of the unit with this id.
     *
     * @throws UnknownUnitException if none
     */
    public UnitSnapshot getSnapshot(String unitId) {
        return snapshot(getUnit(unitId).unitIndex());
    }

    /** An immutable snapshot of the unit with this id, if registered. */
    public Optional<UnitSnapshot> findSnapshot(String unitId) {
        Unit u = unitsById.get(unitId);
        return u == null ? Optional.empty() : Optional.of(snapshot(u.unitIndex()));
    }

    /**
     * Copies the unit's history fixes with position time in [{@code fromEpochMillis},
     * {@code toEpochMillis}] into {@code into}, oldest first; returns how many. Any thread.
     */
    public int readTrack(int unitIndex, long fromEpochMillis, long toEpochMillis, TrackBuffer into) {
        Chunk c = chunk(unitIndex);
        int off = unitIndex & CHUNK_MASK;
        long[] ring = (long[]) HISTORIES.getAcquire(c.histories, off);
        if (ring == null) {
            into.clear();
            return 0;
        }
        long[] s = c.state;
        int base = off * STRIDE;
        for (; ; ) {
            long seq = (long) LONGS.getAcquire(s, base + SEQ);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            UnitHistory.read(ring, s[base + HISTORY], fromEpochMillis, toEpochMillis, into);
            VarHandle.loadLoadFence();
            if ((long) LONGS.getOpaque(s, base + SEQ) == seq) {
                return into.size();
            }
        }
    }

    /** A spatial query object for the calling thread (reuse it; it is not thread-safe). */
    public SpatialSearch newSpatialSearch() {
        return new SpatialSearch(this);
    }
}
