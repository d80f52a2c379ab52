package org.bluelamp.dispatch;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;

/**
 * One profile's units kept as buckets on its contraction hierarchy ({@link SourceBuckets}), current
 * with the fleet whenever a query reads them: the sparse-fleet side of the ranking
 * ({@link RankingQuery}, {@code BucketManyToOneSearch}).
 *
 * <p>A unit is in the store while it has a position that can be placed on this profile's graph,
 * its kind travels with this profile for some grade, and its status is one some grade may use
 * (eligible or divertible): a unit that goes off duty, leaves the profile, loses its placement or
 * is never eligible leaves the buckets. Extra times are not stored: each query gives its own
 * (mobilisation, off-road legs, staleness penalty, eligibility as of the query).
 *
 * <p><b>Handover.</b> The store has one writer at a time and queries must not overlap a change. A
 * {@link ReentrantReadWriteLock} does both: {@link #acquireCurrent} compares the fleet's
 * {@link FleetState#changeCount} with the count last applied; when they differ, the first query
 * takes the write lock, applies every unit whose position, status, kind or placement changed since
 * (a pass over the units: a read per unit, a re-search only for a unit on another edge, two
 * offsets for a move along its edge, a removal for a unit that left), and downgrades to the read
 * lock; queries that find the store current share the read lock. So every query ranks exactly the
 * fleet as it was when the query began, the same fleet the Dijkstra path reads. The fleet's own
 * state is never locked: units are read with {@link FleetState#readUnit}.
 *
 * <p>Memory: per unit in the store its entries (about 80-120 nodes of its two upward searches on
 * county to national networks, 24 bytes each) plus 40 bytes of per-source tables and 17 bytes of
 * what was applied; per node 12 bytes and per edge 4 (the store's tables). Made only for the
 * profiles a query has used (see {@link Dispatcher}).
 *
 * <p>Thread-safe through the lock; {@link #store} may be read only between {@link #acquireCurrent}
 * and {@link #release}.
 */
final class ProfileBuckets {
    final TravelProfile profile;
    private final SourceBuckets store;
    private final PlacementCache placements;
    private final Set<UnitKind> kinds;
    private final int statusMask;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // written under the write lock
    private volatile long appliedChanges = -1;
    private double[] appliedLat = new double[0];
    private double[] appliedLon = new double[0];
    private final UnitReading reading = new UnitReading();
    private long passes;
    private long moves;

    /**
     * @param kinds the unit kinds that travel with this profile for some grade
     * @param statusMask bits {@code 1 << status.ordinal()} of the statuses some grade may use
     */
    ProfileBuckets(
            TravelProfile profile,
            ContractionHierarchy ch,
            PlacementCache placements,
            Set<UnitKind> kinds,
            int statusMask) {
        this.profile = profile;
        this.store = new SourceBuckets(ch);
        this.placements = placements;
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(UnitKind.class) : EnumSet.copyOf(kinds);
        this.statusMask = statusMask;
    }

    /**
     * Makes the store current with the fleet and returns holding the read lock; the caller must
     * {@link #release} it.
     */
    void acquireCurrent(FleetState fleet) {
        long changes = fleet.changeCount();
        lock.readLock().lock();
        if (appliedChanges == changes) {
            return;
        }
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
            long now = fleet.changeCount();
            if (appliedChanges != now) {
                apply(fleet);
                appliedChanges = now;
            }
            lock.readLock().lock(); // downgrade: no change can slip in before the query
        } finally {
            lock.writeLock().unlock();
        }
    }

    void release() {
        lock.readLock().unlock();
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

    /** Applies every unit that changed since the last pass; under the write lock. */
    private void apply(FleetState fleet) {
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
                    moves++;
                    continue;
                }
            }
            if (store.contains(u)) {
                store.remove(u);
            }
            appliedLat[u] = Double.NaN;
            appliedLon[u] = Double.NaN;
        }
    }
}
