package org.bluelamp.fleet;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet: every registered unit with its status, newest position, breadcrumb history and place
 * in the spatial index, readable by any number of threads while fixes arrive.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li><b>Fix writer</b>: exactly one thread calls {@link #recordFix} (the intake thread, see
 *       {@code org.bluelamp.tracking.FixIntake}). Only it touches history and the spatial index.
 *   <li><b>Status and registration</b>: {@link #setStatus} from any thread (the unit's status
 *       sequence word, apart from the fix writer's: see {@link UnitLines}); {@link #register}
 *       and {@link #updateSpec} from any thread (one monitor; rare).
 *   <li><b>Readers</b>: any thread, never blocked, never blocking: {@link #readUnit} into a reused
 *       {@link UnitReading} (no allocation), {@link #snapshot} (one immutable record),
 *       {@link #readTrack}, and {@link SpatialSearch} (one per thread, {@link #newSpatialSearch}).
 * </ul>
 *
 * <h2>Storage and rules</h2>
 *
 * <p>Units get dense indexes 0..{@link #unitCount()}-1 in registration order. Their state lines,
 * the two sequence words that guard each (the fix writer's, written with plain stores, and the
 * status writers') and the one read loop are {@link UnitLines}'s (storage,
 * see there for the layout); this class holds the rules: registration, status transitions, which
 * fix becomes the newest, history and the learned reporting interval. A fix touches the unit's two
 * state lines and one line of its history ring; readers always see position, time and status of
 * one consistent moment.
 */
public final class FleetState {
    /** How many recent intervals between fixes the usual reporting interval is learned from. */
    public static final int INTERVAL_SAMPLES = 8;

    /** The position time of a unit that has never had a fix. */
    static final long NO_FIX = UnitLines.NO_FIX;

    private final FleetOptions options;
    private final UnitIdTable ids = new UnitIdTable();
    private final Object registrationLock = new Object();
    private final UnitLines lines;
    private volatile int unitCount;
    /**
     * The spatial index; replaced (by the fix writer only) when the automatic grid is resized, and
     * read once per query attempt by {@link SpatialSearch}.
     */
    volatile UnitGrid grid;

    // Fix-writer-private.
    private final long[] intervalScratch = new long[INTERVAL_SAMPLES];
    private final long[] sortScratch = new long[INTERVAL_SAMPLES];
    private final UnitHistory history = new UnitHistory();
    private volatile long conflictingFixes;
    /** Fixes that became a unit's newest (written by the fix writer only, with release ordering). */
    private final AtomicLong latestFixes = new AtomicLong();
    /** Registrations, spec and status changes (any thread). */
    private final AtomicLong otherChanges = new AtomicLong();

    private volatile long historyNotRetained;

    /** Told of every new newest position, on the fix writer (copy on write; rarely changed). */
    private volatile PositionListener[] positionListeners = new PositionListener[0];

    /** An empty fleet. */
    public FleetState(FleetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.lines = new UnitLines(options.history().capacity());
        if (options.automaticGrid()) {
            UnitGrid first = new UnitGrid(
                    this, GridSizing.INITIAL_CELL_METRES, options.gridBuckets(), options.gridReferenceLatitudeDeg());
            GridSizing.scheduleFirst(first);
            this.grid = first;
        } else {
            this.grid = new UnitGrid(
                    this, options.gridCellMetres(), options.gridBuckets(), options.gridReferenceLatitudeDeg());
        }
    }

    /**
     * The grid's hook: {@code current} asks, on the fix writer, for its size to be checked
     * ({@link GridSizing}); a new grid is published here, and {@code current} is never written
     * again.
     */
    void gridCheckDue(UnitGrid current) {
        UnitGrid next = GridSizing.check(this, current);
        if (next != current) {
            grid = next;
        }
    }

    /**
     * Replaces the grid by one of the given geometry holding every placed unit (fix writer only;
     * for tests of queries across replacements). An automatic grid goes on checking its size.
     */
    void replaceGrid(double cellMetres, int buckets, double referenceLatDeg) {
        UnitGrid next = UnitGrid.rebuilt(this, cellMetres, buckets, referenceLatDeg);
        if (options.automaticGrid()) {
            GridSizing.schedule(next, next.placed);
        }
        grid = next;
    }

    /** Side of the grid's cells now, metres (the automatic grid's latest sizing). Any thread. */
    public double gridCellMetres() {
        return grid.cellMetres;
    }

    /** Hash buckets of the grid now. Any thread. */
    public int gridBucketCount() {
        return grid.bucketCount();
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
            if (ids.indexOf(spec.id()) >= 0) {
                throw new DuplicateUnitException(spec.id());
            }
            int index = unitCount;
            lines.ensureCapacity(index);
            Unit unit = new Unit(index, spec, mask);
            UnitLines.Chunk c = lines.chunk(index);
            c.publishUnit(UnitLines.offset(index), unit);
            c.status[UnitLines.offset(index)] = initialStatus;
            unitCount = index + 1;
            ids.put(spec.id(), index); // after unitCount: whoever finds the id may read the unit
            otherChanges.incrementAndGet();
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
            chunk(old.unitIndex()).publishUnit(UnitLines.offset(old.unitIndex()), unit);
            otherChanges.incrementAndGet();
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
        int index = ids.indexOf(unitId);
        if (index < 0) {
            throw new UnknownUnitException(unitId);
        }
        return unit(index);
    }

    /** The unit registered under {@code unitId}, if any. */
    public Optional<Unit> findUnit(String unitId) {
        int index = ids.indexOf(unitId);
        return index < 0 ? Optional.empty() : Optional.of(unit(index));
    }

    /**
     * The unit's index, or -1 when no unit has this id. No allocation; one probe of the id table
     * ({@link UnitIdTable}: usually one cache line of hashes and indexes and one of ids).
     */
    public int indexOf(String unitId) {
        return ids.indexOf(unitId);
    }

    /**
     * The registered unit id whose characters are the ASCII bytes {@code bytes[from, from +
     * length)}, or null when none is (or a byte is not ASCII): lets a decoder use the id's own
     * {@code String} instead of making one per message. Any thread; no allocation.
     */
    public String registeredAsciiId(byte[] bytes, int from, int length) {
        return ids.findAscii(bytes, from, length);
    }

    /**
     * Reads ahead the id table's first probe slot for ids of these hash codes ({@link
     * UnitIdTable#readAhead}); returns what was read. Any thread; only reads.
     */
    long readAheadIds(int[] hashes, int n) {
        return ids.readAhead(hashes, n);
    }

    /**
     * The unit with dense index {@code unitIndex}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= unitIndex < unitCount()}
     */
    public Unit unit(int unitIndex) {
        return chunk(unitIndex).unit(UnitLines.offset(unitIndex));
    }

    private UnitLines.Chunk chunk(int unitIndex) {
        Objects.checkIndex(unitIndex, unitCount);
        return lines.chunk(unitIndex);
    }

    /** The storage (for the grid and readers of this package). */
    UnitLines lines() {
        return lines;
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
        UnitLines.Chunk c = chunk(index);
        int off = UnitLines.offset(index);
        int base = UnitLines.base(index);
        long seq = UnitLines.lockStatus(c.state, base);
        try {
            StatusChange current = c.status[off];
            StatusChange next = nextStatus(unitId, current, status, committedGrade, timeEpochMillis);
            c.status[off] = next;
            return next;
        } finally {
            UnitLines.releaseStatus(c.state, base, seq);
            otherChanges.incrementAndGet();
        }
    }

    /**
     * The status {@link #setStatus} would set, without setting it: the same rules and exceptions.
     * Returns the current status itself (the same instance) when the change would change nothing.
     * For a caller that makes a change durable before applying it ({@code org.bluelamp.store}); it
     * must keep other changes of the unit out until it applies the result with
     * {@link #restoreStatus}.
     */
    public StatusChange planStatus(String unitId, UnitStatus status, String committedGrade, long timeEpochMillis) {
        Objects.requireNonNull(status, "status");
        return nextStatus(unitId, getStatus(unitId), status, committedGrade, timeEpochMillis);
    }

    private static StatusChange nextStatus(
            String unitId, StatusChange current, UnitStatus status, String committedGrade, long timeEpochMillis) {
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
        return next;
    }

    /**
     * Sets a unit's status as given, without the transition rules: for a status that was decided
     * and made durable elsewhere (a change planned with {@link #planStatus}, a state rebuilt from
     * the store, a change made by another instance of the engine).
     *
     * @throws UnknownUnitException if no unit has this id
     */
    public void restoreStatus(String unitId, StatusChange status) {
        Objects.requireNonNull(status, "status");
        int index = getUnit(unitId).unitIndex();
        UnitLines.Chunk c = chunk(index);
        int base = UnitLines.base(index);
        long seq = UnitLines.lockStatus(c.state, base);
        c.status[UnitLines.offset(index)] = status;
        UnitLines.releaseStatus(c.state, base, seq);
        otherChanges.incrementAndGet();
    }

    /**
     * The unit's current status.
     *
     * @throws UnknownUnitException if no unit has this id
     */
    public StatusChange getStatus(String unitId) {
        int index = getUnit(unitId).unitIndex();
        return chunk(index).status[UnitLines.offset(index)];
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
        FixOutcome outcome = applyFix(
                unitIndex,
                latDeg,
                lonDeg,
                positionTimeEpochMillis,
                accuracyMetres,
                speedMetresPerSecond,
                headingDeg,
                reason);
        if (outcome == FixOutcome.ACCEPTED_LATEST) {
            latestFixes.lazySet(latestFixes.get() + 1); // one writer: a plain increment, released
            PositionListener[] listeners = positionListeners;
            for (PositionListener l : listeners) {
                l.moved(unitIndex, latDeg, lonDeg);
            }
        }
        return outcome;
    }

    /**
     * Tells {@code listener} of every fix that becomes a unit's newest position from now on, on the
     * fix writer's thread, after the fleet took it (see {@link PositionListener}). Any thread.
     */
    public void addPositionListener(PositionListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (registrationLock) {
            PositionListener[] old = positionListeners;
            PositionListener[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = listener;
            positionListeners = grown;
        }
    }

    /** Stops telling {@code listener} (by identity); nothing if it was not added. Any thread. */
    public void removePositionListener(PositionListener listener) {
        synchronized (registrationLock) {
            PositionListener[] old = positionListeners;
            for (int i = 0; i < old.length; i++) {
                if (old[i] == listener) {
                    PositionListener[] shrunk = new PositionListener[old.length - 1];
                    System.arraycopy(old, 0, shrunk, 0, i);
                    System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                    positionListeners = shrunk;
                    return;
                }
            }
        }
    }

    /**
     * Changes that can move a unit, change its status, kind or capabilities, or add one, so far:
     * a reader that saw the same count before and after a pass over the units saw every unit as
     * it is. Grows by one per fix that became a unit's newest, per status or spec change and per
     * registration. Any thread; cheap (two reads).
     */
    public long changeCount() {
        return latestFixes.get() + otherChanges.get();
    }

    private FixOutcome applyFix(
            int unitIndex,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason) {
        UnitLines.Chunk c = chunk(unitIndex);
        int off = UnitLines.offset(unitIndex);
        int base = UnitLines.base(unitIndex);
        long[] s = c.state;
        long[] slab = lines.slabForWriter(c, off);
        UnitHistory h = history;
        h.bind(
                slab,
                lines.ringBase(off),
                lines.ringCapacity,
                UnitLines.historyWord(s, base),
                UnitLines.oldestBound(s, base));
        long maxAge = options.history().maxAgeMillis();
        long newest = UnitLines.timeMillis(s, base);
        if (positionTimeEpochMillis > newest) {
            long seq = UnitLines.beginFixWrite(s, base);
            // newer than the newest position, so newer than every entry of history (the newest is one)
            boolean appendedToFullWindow = h.append(positionTimeEpochMillis, latDeg, lonDeg, accuracyMetres, maxAge);
            UnitLines.setHistoryWord(s, base, h.headAndSize());
            UnitLines.setOldestBound(s, base, h.oldestBound());
            long learned = learnInterval(s, base, h, appendedToFullWindow, positionTimeEpochMillis - newest);
            UnitLines.writeLatest(
                    s,
                    base,
                    latDeg,
                    lonDeg,
                    positionTimeEpochMillis,
                    accuracyMetres,
                    speedMetresPerSecond,
                    headingDeg,
                    UnitLines.packMeta(learned, reason));
            UnitLines.endFixWrite(s, base, seq);
            grid.move(unitIndex, latDeg, lonDeg);
            return FixOutcome.ACCEPTED_LATEST;
        }
        if (positionTimeEpochMillis == newest) {
            double heldLat = UnitLines.latDeg(s, base);
            double heldLon = UnitLines.lonDeg(s, base);
            if (latDeg == heldLat && lonDeg == heldLon) {
                return FixOutcome.DUPLICATE;
            }
            conflictingFixes++;
            if (!wins(accuracyMetres, latDeg, lonDeg, UnitLines.accuracyMetres(s, base), heldLat, heldLon)) {
                return FixOutcome.DUPLICATE;
            }
            long seq = UnitLines.beginFixWrite(s, base);
            int at = h.find(positionTimeEpochMillis);
            if (at >= 0) {
                h.replace(at, latDeg, lonDeg, accuracyMetres);
            }
            UnitLines.writeLatest(
                    s,
                    base,
                    latDeg,
                    lonDeg,
                    positionTimeEpochMillis,
                    accuracyMetres,
                    speedMetresPerSecond,
                    headingDeg,
                    UnitLines.packMeta(UnitLines.meta(s, base), reason));
            UnitLines.endFixWrite(s, base, seq);
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
            long seq = UnitLines.beginFixWrite(s, base);
            h.replace(at, latDeg, lonDeg, accuracyMetres);
            UnitLines.endFixWrite(s, base, seq);
            return FixOutcome.ACCEPTED_HISTORY_ONLY;
        }
        if (!h.wouldKeep(positionTimeEpochMillis, maxAge)) {
            historyNotRetained++;
            return FixOutcome.ACCEPTED_HISTORY_ONLY;
        }
        long seq = UnitLines.beginFixWrite(s, base);
        h.insert(positionTimeEpochMillis, latDeg, lonDeg, accuracyMetres, maxAge);
        UnitLines.setHistoryWord(s, base, h.headAndSize());
        UnitLines.setOldestBound(s, base, h.oldestBound());
        long learned = learnInterval(s, base, h, false, 0);
        long meta = UnitLines.meta(s, base);
        UnitLines.setMeta(s, base, (meta & ~UnitLines.META_INTERVAL_BITS) | learned);
        UnitLines.endFixWrite(s, base, seq);
        return FixOutcome.ACCEPTED_HISTORY_ONLY;
    }

    /**
     * Updates the unit's recent intervals (newest first, in the state line) and returns the packed
     * {@code (samples << 32) | medianMillis}. When the fix was appended to a history that already
     * held a full window, the new interval is shifted in; otherwise the window is read from history.
     * Either way the result depends only on the newest entries of history, not on arrival order.
     */
    private long learnInterval(long[] s, int base, UnitHistory h, boolean appendedToFullWindow, long newInterval) {
        int held = UnitLines.intervalSamples(UnitLines.meta(s, base));
        if (appendedToFullWindow && held == INTERVAL_SAMPLES) {
            return shiftInterval(s, base, newInterval);
        }
        long[] iv = intervalScratch;
        int n = h.intervals(iv);
        for (int i = 0; i < INTERVAL_SAMPLES; i += 2) {
            long a = i < n ? Math.min(Integer.MAX_VALUE, iv[i]) : 0;
            long b = i + 1 < n ? Math.min(Integer.MAX_VALUE, iv[i + 1]) : 0;
            UnitLines.setIntervalPair(s, base, i, a, b);
        }
        if (n == 0) {
            return 0;
        }
        if (n == INTERVAL_SAMPLES) { // the usual case once a unit has reported nine times
            return ((long) n << 32) | lowerMedianOf8(iv);
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

    /**
     * {@link #learnInterval}'s usual case, a fix appended to a unit whose window already holds
     * {@value #INTERVAL_SAMPLES} intervals: the window's four words (two intervals each, newest
     * first, each already capped) are shifted by one interval in registers, the newest enters at
     * the front, and the lower median of the eight is taken without a scratch array: four reads and
     * four writes of the state line, where the general path copied the window through an array
     * twice (JFR at 1,000 units: 30% of the samples in {@link #learnInterval}). The same window and
     * median as the general path ({@code FleetStateTest}: the shifted and the recomputed window
     * agree on seeded streams).
     */
    private static long shiftInterval(long[] s, int base, long newInterval) {
        long w0 = s[base + UnitLines.INTERVALS];
        long w1 = s[base + UnitLines.INTERVALS + 1];
        long w2 = s[base + UnitLines.INTERVALS + 2];
        long w3 = s[base + UnitLines.INTERVALS + 3];
        long c = Math.min(Integer.MAX_VALUE, newInterval);
        // (first << 32) | second per word: the new window is c, then the old one without its oldest
        s[base + UnitLines.INTERVALS] = (c << 32) | (w0 >>> 32);
        s[base + UnitLines.INTERVALS + 1] = (w0 << 32) | (w1 >>> 32);
        s[base + UnitLines.INTERVALS + 2] = (w1 << 32) | (w2 >>> 32);
        s[base + UnitLines.INTERVALS + 3] = (w2 << 32) | (w3 >>> 32);
        long median = lowerMedianOf8(
                c, w0 >>> 32, w0 & 0xFFFF_FFFFL, w1 >>> 32, w1 & 0xFFFF_FFFFL, w2 >>> 32, w2 & 0xFFFF_FFFFL, w3 >>> 32);
        return ((long) INTERVAL_SAMPLES << 32) | median;
    }

    /**
     * The lower median (the fourth smallest) of {@code v[0..7]}, each capped at
     * {@link Integer#MAX_VALUE}: what the insertion sort of {@link #learnInterval} gives for eight
     * samples, by a sorting network (19 compare-exchanges, Knuth, TAOCP vol. 3, 5.3.4) of min and
     * max, which compile without branches: the insertion sort's data-dependent branches were
     * mispredicted on nearly every fix.
     */
    static long lowerMedianOf8(long[] v) {
        return lowerMedianOf8(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** {@link #lowerMedianOf8(long[])} of eight values given one by one (each capped likewise). */
    static long lowerMedianOf8(long v0, long v1, long v2, long v3, long v4, long v5, long v6, long v7) {
        long a0 = Math.min(Integer.MAX_VALUE, v0);
        long a1 = Math.min(Integer.MAX_VALUE, v1);
        long a2 = Math.min(Integer.MAX_VALUE, v2);
        long a3 = Math.min(Integer.MAX_VALUE, v3);
        long a4 = Math.min(Integer.MAX_VALUE, v4);
        long a5 = Math.min(Integer.MAX_VALUE, v5);
        long a6 = Math.min(Integer.MAX_VALUE, v6);
        long a7 = Math.min(Integer.MAX_VALUE, v7);
        long t;
        // layer 1: (0,2) (1,3) (4,6) (5,7)
        t = Math.min(a0, a2);
        a2 = Math.max(a0, a2);
        a0 = t;
        t = Math.min(a1, a3);
        a3 = Math.max(a1, a3);
        a1 = t;
        t = Math.min(a4, a6);
        a6 = Math.max(a4, a6);
        a4 = t;
        t = Math.min(a5, a7);
        a7 = Math.max(a5, a7);
        a5 = t;
        // layer 2: (0,4) (1,5) (2,6) (3,7)
        t = Math.min(a0, a4);
        a4 = Math.max(a0, a4);
        a0 = t;
        t = Math.min(a1, a5);
        a5 = Math.max(a1, a5);
        a1 = t;
        t = Math.min(a2, a6);
        a6 = Math.max(a2, a6);
        a2 = t;
        t = Math.min(a3, a7);
        a7 = Math.max(a3, a7);
        a3 = t;
        // layer 3: (0,1) (2,3) (4,5) (6,7)
        t = Math.min(a0, a1);
        a1 = Math.max(a0, a1);
        a0 = t;
        t = Math.min(a2, a3);
        a3 = Math.max(a2, a3);
        a2 = t;
        t = Math.min(a4, a5);
        a5 = Math.max(a4, a5);
        a4 = t;
        t = Math.min(a6, a7);
        a7 = Math.max(a6, a7);
        a6 = t;
        // layer 4: (2,4) (3,5)
        t = Math.min(a2, a4);
        a4 = Math.max(a2, a4);
        a2 = t;
        t = Math.min(a3, a5);
        a5 = Math.max(a3, a5);
        a3 = t;
        // layer 5: (1,4) (3,6)
        t = Math.min(a1, a4);
        a4 = Math.max(a1, a4);
        a1 = t;
        t = Math.min(a3, a6);
        a6 = Math.max(a3, a6);
        a3 = t;
        // layer 6: (1,2) (3,4) (5,6); only a3 is needed from here on
        a3 = Math.min(a3, a4);
        return a3;
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
        chunk(unitIndex);
        into.prepare(options.staleness());
        lines.read(unitIndex, into.lineReader());
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
        int index = ids.indexOf(unitId);
        return index < 0 ? Optional.empty() : Optional.of(snapshot(index));
    }

    /**
     * Copies the unit's history fixes with position time in [{@code fromEpochMillis},
     * {@code toEpochMillis}] into {@code into}, oldest first; returns how many. Any thread.
     */
    public int readTrack(int unitIndex, long fromEpochMillis, long toEpochMillis, TrackBuffer into) {
        int off = UnitLines.offset(unitIndex);
        long[] slab = lines.slab(chunk(unitIndex), off);
        if (slab == null) {
            into.clear();
            return 0;
        }
        lines.read(
                unitIndex,
                into.lineReader(slab, lines.ringBase(off), lines.ringCapacity, fromEpochMillis, toEpochMillis));
        return into.size();
    }

    /** A spatial query object for the calling thread (reuse it; it is not thread-safe). */
    public SpatialSearch newSpatialSearch() {
        return new SpatialSearch(this);
    }
}
