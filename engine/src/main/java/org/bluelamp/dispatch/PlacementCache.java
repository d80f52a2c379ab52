package org.bluelamp.dispatch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgeSnap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.TravelProfile;

/**
 * Each unit's latest position placed on one profile's road graph, recomputed only when the unit's
 * position changes. The dispatcher places with the exact snap over primitive arrays
 * ({@link EdgeSnapIndex}: GraphHopper's answer in about a microsecond, nothing allocated while
 * snapping); only the new entry is allocated, once per changed position (about 150 bytes,
 * against the 8-15 KB GraphHopper's location index allocates per snap). A position off the roads
 * is remembered as such without an exception (building one, with its message, cost a query more
 * than the snap itself for units in water or parks).
 *
 * <p>Who places: a query that examines a unit whose position is new ({@link #get}); and, with
 * {@link IntakePlacement}, the fix writer as each fix arrives ({@link #placeAtIntake}), so that
 * while units move faster than queries come, a position is snapped once per fix rather than once
 * per query that examines the unit. Both compute the same entry for the same position, so who
 * placed it never changes an answer. {@link #inUse} says whether queries read this cache lately
 * (placing at intake for a profile no query uses would be wasted).
 *
 * <p>Lock-free for readers: entries are immutable and published through an
 * {@link AtomicReferenceArray}; two threads placing the same new position compute the same answer,
 * and an older position written after a newer one only costs the next query a snap.
 */
final class PlacementCache {
    /** A placement, or null when the position is outside the map or too far from the profile's roads. */
    record Placed(double latDeg, double lonDeg, EdgePlacement placement) {}

    /** Snaps a position, or returns null when it cannot be placed. Thread-safe. */
    @FunctionalInterface
    interface Snapper {
        EdgePlacement placeOrNull(double latDeg, double lonDeg);
    }

    /** How long after a query's last read the cache counts as in use ({@link #inUse}). */
    static final long IN_USE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The last-read time is written at most this often, to keep the query path's writes rare. */
    private static final long TOUCH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Snapper snapper;
    private volatile AtomicReferenceArray<Placed> entries = new AtomicReferenceArray<>(1024);
    private final LongAdder snaps = new LongAdder();
    private final LongAdder intakeSnaps = new LongAdder();
    private volatile long lastReadNanos = System.nanoTime() - 2 * IN_USE_NANOS;

    /** A cache over a snapper (tests; {@link #over} for the road network's own snap). */
    PlacementCache(Snapper snapper) {
        this.snapper = snapper;
    }

    /**
     * A cache over the network's exact snap for one profile: the placement {@code
     * EdgeSnapIndex.place} gives, or null where it would refuse (outside the map, no road, or
     * further than {@code maxSnapMetres}), without building the refusal.
     */
    static PlacementCache over(EdgeSnapIndex index, TravelProfile profile, double maxSnapMetres) {
        index.placer(profile); // refuses a profile the network did not prepare, as before
        ThreadLocal<EdgeSnap> scratch = ThreadLocal.withInitial(EdgeSnap::new);
        return new PlacementCache((lat, lon) -> {
            EdgeSnap s = scratch.get();
            if (index.snap(profile, lat, lon, s) != EdgeSnap.Outcome.FOUND || s.distanceMetres() > maxSnapMetres) {
                return null;
            }
            return s.toPlacement(new GeoPoint(lat, lon));
        });
    }

    /** The placement of unit {@code unitIndex} at this position, computing it if the position is new. */
    Placed get(int unitIndex, double latDeg, double lonDeg) {
        long now = System.nanoTime();
        if (now - lastReadNanos > TOUCH_NANOS) {
            lastReadNanos = now;
        }
        return place(unitIndex, latDeg, lonDeg, snaps);
    }

    /** Places a unit's new position as its fix arrives (the fix writer; {@link IntakePlacement}). */
    void placeAtIntake(int unitIndex, double latDeg, double lonDeg) {
        place(unitIndex, latDeg, lonDeg, intakeSnaps);
    }

    /** Whether a query read this cache in the last {@link #IN_USE_NANOS} before {@code nowNanos}. */
    boolean inUse(long nowNanos) {
        return nowNanos - lastReadNanos < IN_USE_NANOS;
    }

    private Placed place(int unitIndex, double latDeg, double lonDeg, LongAdder counter) {
        AtomicReferenceArray<Placed> arr = entries;
        if (unitIndex >= arr.length()) {
            arr = grow(unitIndex);
        }
        Placed p = arr.get(unitIndex);
        if (p != null && p.latDeg == latDeg && p.lonDeg == lonDeg) {
            return p;
        }
        counter.increment();
        p = new Placed(latDeg, lonDeg, snapper.placeOrNull(latDeg, lonDeg));
        arr.set(unitIndex, p);
        return p;
    }

    /** Positions snapped so far, by queries and at intake (for metrics and benchmarks). */
    long snapCount() {
        return snaps.sum() + intakeSnaps.sum();
    }

    /** Positions snapped at intake so far ({@link #placeAtIntake}). */
    long intakeSnapCount() {
        return intakeSnaps.sum();
    }

    private synchronized AtomicReferenceArray<Placed> grow(int unitIndex) {
        AtomicReferenceArray<Placed> old = entries;
        if (unitIndex < old.length()) {
            return old;
        }
        int len = Math.max(unitIndex + 1, old.length() * 2);
        AtomicReferenceArray<Placed> bigger = new AtomicReferenceArray<>(len);
        for (int i = 0; i < old.length(); i++) {
            bigger.set(i, old.get(i));
        }
        entries = bigger;
        return bigger;
    }
}
