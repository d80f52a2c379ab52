package org.bluelamp.dispatch;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's units kept as buckets on its contraction hierarchy ({@link SourceBuckets}), kept
 * current with the fleet by a writer thread of its own, off the query path: the sparse-fleet side
 * of the ranking ({@link RankingQuery}, {@code BucketManyToOneSearch}).
 *
 * <p>A unit is in the store while it has a position that can be placed on this profile's graph,
 * its kind travels with this profile for some grade, and its status is one some grade may use
 * (eligible or divertible): a unit that goes off duty, leaves the profile, loses its placement or
 * is never eligible leaves the buckets. Extra times are not stored: each query gives its own
 * (mobilisation, off-road legs, staleness penalty, eligibility as of the query).
 *
 * <p><b>The writer.</b> One daemon thread per store ({@code bluelamp-buckets-<profile>}) applies
 * the fleet's changes in batches: a pass reads {@link FleetState#changeCount}, then every unit (a
 * read per unit; a re-search only for a unit on another edge, two offsets for a move along its
 * edge, a removal for a unit that left), all under the write lock, and records the count read as
 * applied. It passes at once when a query waits, otherwise at most every
 * {@value #BATCH_MILLIS} ms and no more often than every {@value #PACE} passes' time (so
 * that passes take at most about a {@value #PACE}th of a core while fixes stream). It stops after
 * {@value #IDLE_MILLIS} ms without a query and starts again with the next one.
 *
 * <p><b>Queries.</b> {@link #acquireCurrent} reads the fleet's change count when the query begins
 * and returns holding the read lock once the store has applied at least that count: at once when it
 * has; when it is more than {@value #CATCH_UP_CHANGES} changes behind after a first pass, never
 * (the query ranks by the Dijkstra path and the writer catches up for later queries); when it is less far behind and
 * the writer is not mid-pass, the query takes the write lock itself,
 * applies the remainder since the writer's last pass (usually a few units, the writer having kept
 * the store near the fleet) and downgrades to the read lock; only when the writer is mid-pass does
 * the query wait for that pass (at most {@value #WAIT_LIMIT_MILLIS} ms; past that, or if a pass
 * failed, it returns false and the query ranks by the Dijkstra path). Handing every remainder to
 * the writer and waiting was measured first: the thread switch each way cost milliseconds per query
 * on a loaded machine (benchmarks/RESULTS.md). So every query ranks the fleet as it was at some
 * moment after the query began, as the Dijkstra path, which reads units as it goes, does; queries
 * never see a change half-applied, since a pass holds the write lock throughout. The fleet's own
 * state is never locked: units are read with {@link FleetState#readUnit}.
 *
 * <p><b>Upkeep by the queries</b> ({@link Dispatcher.BucketUpkeep#BY_QUERY}, for one thread that
 * both changes the fleet and ranks, such as the simulator): no writer thread is started; each query
 * takes the write lock, applies every change since the last pass however many, and downgrades to
 * the read lock, so the bucket path always answers where it applies.
 *
 * <p>Memory: per unit in the store its entries (about 80-120 nodes of its two upward searches on
 * county to national networks, 24 bytes each) plus 40 bytes of per-source tables and 17 bytes of
 * what was applied; per node 12 bytes and per edge 4 (the store's tables). Made only for the
 * profiles in use (see {@link Dispatcher#prepare}).
 *
 * <p>Thread-safe: any number of query threads; the store is written only under the write lock (by
 * the writer thread, a query applying the remainder, or {@link #applyNow}); {@link #store} may be
 * read only between a successful {@link #acquireCurrent} and {@link #release}.
 */
final class ProfileBuckets {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileBuckets.class);
    /** Without a waiting query, the writer passes at most this often (ms). */
    static final long BATCH_MILLIS = 5;
    /** Without a waiting query, the pause between passes is at least this many passes' time. */
    static final int PACE = 4;
    /** A query waits at most this long for the writer before ranking by the Dijkstra path (ms). */
    static final long WAIT_LIMIT_MILLIS = 200;
    /**
     * A query at most this many fleet changes behind the store brings it up to date (itself, or by
     * waiting for the writer's pass); further behind, it ranks by the Dijkstra path while the
     * writer catches up. A change that puts a unit on another edge costs one upward search (about
     * 0.1-0.7 ms), so catching up with hundreds of changes would cost a query more than the
     * Dijkstra (measured: 101 ms against 0.7 ms at p50 with 1,000 New York units each reporting
     * 20 times a second; benchmarks/RESULTS.md).
     */
    static final long CATCH_UP_CHANGES = 32;
    /** The writer stops after this long without a query (ms). */
    static final long IDLE_MILLIS = 10_000;

    final TravelProfile profile;
    private final FleetState fleet;
    private final SourceBuckets store;
    private final PlacementCache placements;
    private final Set<UnitKind> kinds;
    private final int statusMask;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // the handover between queries and the writer
    private final ReentrantLock signal = new ReentrantLock();
    /** The writer waits here for a query that needs a pass. */
    private final Condition work = signal.newCondition();
    /** Queries wait here for a pass. */
    private final Condition applied = signal.newCondition();

    private volatile long appliedChanges = -1;
    /** The highest change count a waiting query needs (guarded by {@link #signal}). */
    private long wantedChanges = -1;

    private volatile long lastQueryNanos = System.nanoTime();
    private Thread writer; // guarded by signal
    private volatile Throwable writerFailure;

    // written by the writer under the write lock
    private double[] appliedLat = new double[0];
    private double[] appliedLon = new double[0];
    private final UnitReading reading = new UnitReading();
    private volatile long passes;
    private volatile long moves;
    private volatile long lastPassNanos;
    private long passEndNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(1); // writer thread only
    // counted by queries
    /** {@link #CATCH_UP_CHANGES}; tests raise it to make every query catch up. */
    volatile long catchUpChanges = CATCH_UP_CHANGES;
    /**
     * Kept current by the queries alone ({@link Dispatcher.BucketUpkeep#BY_QUERY}): no writer
     * thread; every query applies every change since the last pass itself, however many.
     */
    private final BooleanSupplier byQuery;

    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    /**
     * @param kinds the unit kinds that travel with this profile for some grade
     * @param statusMask bits {@code 1 << status.ordinal()} of the statuses some grade may use
     */
    ProfileBuckets(
            TravelProfile profile,
            FleetState fleet,
            ContractionHierarchy ch,
            PlacementCache placements,
            Set<UnitKind> kinds,
            int statusMask) {
        this(profile, fleet, ch, placements, kinds, statusMask, () -> false);
    }

    /**
     * @param byQuery whether, at each query, the store is kept current by the query alone (read
     *     at every query: the dispatcher's {@link Dispatcher.BucketUpkeep})
     */
    ProfileBuckets(
            TravelProfile profile,
            FleetState fleet,
            ContractionHierarchy ch,
            PlacementCache placements,
            Set<UnitKind> kinds,
            int statusMask,
            BooleanSupplier byQuery) {
        this.byQuery = byQuery;
        this.profile = profile;
        this.fleet = fleet;
        this.store = new SourceBuckets(ch);
        this.placements = placements;
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(UnitKind.class) : EnumSet.copyOf(kinds);
        this.statusMask = statusMask;
    }

    /**
     * Returns holding the read lock once the store has applied every change the fleet had counted
     * when called (see the class comment); the caller must then {@link #release} it. False,
     * holding nothing, when the writer failed or did not catch up within {@value
     * #WAIT_LIMIT_MILLIS} ms: the caller ranks without buckets.
     */
    boolean acquireCurrent() {
        long need = fleet.changeCount();
        lastQueryNanos = System.nanoTime();
        if (byQuery.getAsBoolean()) {
            return applyOnQuery(need);
        }
        if (appliedChanges >= need) {
            lock.readLock().lock(); // applied only grows: still at least need
        } else if (appliedChanges >= 0 && need - appliedChanges > catchUpChanges) {
            signal.lock();
            try {
                startWriterIfStopped();
                work.signal(); // catch up for the next queries
            } finally {
                signal.unlock();
            }
            return false;
        } else if (lock.writeLock().tryLock()) {
            // the writer is not mid-pass: apply the remainder since its last pass on this thread
            // (usually a few units) rather than hand it over and wait for a thread switch each way
            if (!passAndDowngrade(need)) {
                return false;
            }
            signal.lock();
            try {
                startWriterIfStopped(); // keeps the store near the fleet between queries
                applied.signalAll();
            } finally {
                signal.unlock();
            }
        } else if (awaitApplied(need)) { // the writer is mid-pass: its pass is the quickest way
            lock.readLock().lock();
        } else {
            return false;
        }
        if (writerFailure != null) { // a pass failed part-way: the store may be half-applied
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    /**
     * Called holding the write lock: applies the changes up to {@code need} on this thread unless
     * already applied, then downgrades to the read lock (no change between the pass and the query)
     * and releases the write lock. False, holding neither lock, if the pass failed.
     */
    private boolean passAndDowngrade(long need) {
        try {
            if (appliedChanges < need && writerFailure == null) {
                passLocked();
            }
            lock.readLock().lock();
            return true;
        } catch (RuntimeException e) {
            LOG.error("{} buckets: a pass failed; queries rank by the Dijkstra path", profile, e);
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void release() {
        lock.readLock().unlock();
    }

    /**
     * {@link Dispatcher.BucketUpkeep#BY_QUERY}: applies every change since the last pass on the
     * calling thread, however many, and returns holding the read lock; the writer is not started.
     * False, holding nothing, if a pass failed.
     */
    private boolean applyOnQuery(long need) {
        lock.writeLock().lock();
        if (!passAndDowngrade(need)) {
            return false;
        }
        if (writerFailure != null) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    /** Waits for a pass that applied at least {@code need}; false past the limit or if the writer failed. */
    private boolean awaitApplied(long need) {
        long t0 = System.nanoTime();
        long left = TimeUnit.MILLISECONDS.toNanos(WAIT_LIMIT_MILLIS);
        signal.lock();
        try {
            wantedChanges = Math.max(wantedChanges, need);
            startWriterIfStopped();
            work.signal();
            while (appliedChanges < need && writerFailure == null) {
                if (left <= 0) {
                    LOG.warn("{} buckets: the writer did not catch up within {} ms", profile, WAIT_LIMIT_MILLIS);
                    return false;
                }
                left = applied.awaitNanos(left);
            }
            return appliedChanges >= need;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            signal.unlock();
            waits.increment();
            waitNanos.add(System.nanoTime() - t0);
        }
    }

    /** Starts the writer unless it runs (under {@link #signal}). */
    private void startWriterIfStopped() {
        if (writer == null && writerFailure == null) {
            writer = Thread.ofPlatform()
                    .name("bluelamp-buckets-" + profile.profileName())
                    .daemon(true)
                    .start(this::writeLoop);
        }
    }

    /** The writer thread: passes when a query waits, or paced while changes arrive; stops when idle. */
    private void writeLoop() {
        try {
            while (true) {
                signal.lock();
                try {
                    while (true) {
                        long changes = fleet.changeCount();
                        if (wantedChanges > appliedChanges) {
                            break; // a query waits
                        }
                        long sinceQuery = System.nanoTime() - lastQueryNanos;
                        if (sinceQuery > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                            writer = null; // the next query starts it again
                            return;
                        }
                        long pause = Math.max(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS), PACE * lastPassNanos);
                        if (changes != appliedChanges && System.nanoTime() - passEndNanos >= pause) {
                            break; // changes arrived: a paced pass
                        }
                        work.awaitNanos(TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
                    }
                } finally {
                    signal.unlock();
                }
                long t0 = System.nanoTime();
                pass();
                passEndNanos = System.nanoTime();
                lastPassNanos = passEndNanos - t0;
                signal.lock();
                try {
                    applied.signalAll();
                } finally {
                    signal.unlock();
                }
            }
        } catch (Throwable e) {
            LOG.error("{} buckets: the writer failed; queries rank by the Dijkstra path", profile, e);
            signal.lock();
            try {
                writerFailure = e;
                writer = null;
                applied.signalAll();
            } finally {
                signal.unlock();
            }
        }
    }

    /**
     * Applies every change the fleet has now, on the calling thread (start-up: {@link
     * Dispatcher#prepare}); waits for the write lock like the writer.
     */
    void applyNow() {
        pass();
        signal.lock();
        try {
            applied.signalAll();
        } finally {
            signal.unlock();
        }
    }

    /**
     * Whether the buckets hold unit {@code unit} placed at exactly this position (the one its
     * entries were searched from). Only while holding the lock of {@link #acquireCurrent}: the
     * query checks that the unit it examined is where the buckets have it, since the fleet goes on
     * changing after the store was brought up to date.
     */
    boolean holdsAt(int unit, double latDeg, double lonDeg) {
        return unit < appliedLat.length && appliedLat[unit] == latDeg && appliedLon[unit] == lonDeg;
    }

    /** The buckets; read only while holding the lock of {@link #acquireCurrent}. */
    SourceBuckets store() {
        return store;
    }

    /** Bytes of the buckets and the hierarchy. */
    long memoryBytes() {
        lock.readLock().lock();
        try {
            return store.memoryBytes() + store.hierarchy().memoryBytes() + 16L * appliedLat.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Passes over the fleet made so far (each after a change). */
    long passes() {
        return passes;
    }

    /** Units put on another place (a new edge or a new offset) so far. */
    long moves() {
        return moves;
    }

    /** Queries that waited for the writer so far. */
    long waits() {
        return waits.sum();
    }

    /** Nanoseconds queries spent waiting for the writer so far. */
    long waitNanos() {
        return waitNanos.sum();
    }

    /** The fleet change count the store has applied (-1 before the first pass). */
    long appliedChanges() {
        return appliedChanges;
    }

    /** One pass under the write lock; a failure is recorded before the lock is released. */
    private void pass() {
        lock.writeLock().lock();
        try {
            passLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One pass; the caller holds the write lock. A failure is recorded before it is thrown. */
    private void passLocked() {
        try {
            long behind = fleet.changeCount();
            apply();
            appliedChanges = behind;
        } catch (RuntimeException | Error e) {
            writerFailure = e;
            throw e;
        }
    }

    /** Applies every unit that changed since the last pass; under the write lock. */
    private void apply() {
        passes++;
        int units = fleet.unitCount();
        if (appliedLat.length < units) {
            int old = appliedLat.length;
            int len = Math.max(units, old * 2);
            appliedLat = Arrays.copyOf(appliedLat, len);
            appliedLon = Arrays.copyOf(appliedLon, len);
            Arrays.fill(appliedLat, old, len, Double.NaN);
            Arrays.fill(appliedLon, old, len, Double.NaN);
        }
        UnitReading r = reading;
        long moved = 0;
        for (int u = 0; u < units; u++) {
            fleet.readUnit(u, r);
            boolean belongs = r.hasFix()
                    && kinds.contains(r.kind())
                    && (statusMask & (1 << r.status().status().ordinal())) != 0;
            EdgePlacement placement = null;
            if (belongs) {
                double lat = r.latDeg();
                double lon = r.lonDeg();
                if (store.contains(u) && lat == appliedLat[u] && lon == appliedLon[u]) {
                    continue; // same position: nothing to do
                }
                placement = placements.get(u, lat, lon).placement();
                if (placement != null) {
                    store.put(u, placement, 0);
                    appliedLat[u] = lat;
                    appliedLon[u] = lon;
                    moved++;
                    continue;
                }
            }
            if (store.contains(u)) {
                store.remove(u);
            }
            appliedLat[u] = Double.NaN;
            appliedLon[u] = Double.NaN;
        }
        moves += moved;
    }
}
