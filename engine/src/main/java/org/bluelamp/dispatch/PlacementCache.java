package org.bluelamp.dispatch;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgePlacer;

/**
 * Each unit's latest position placed on one profile's road graph, recomputed only when the unit's
 * position changes. The dispatcher places with the exact snap over primitive arrays
 * ({@code EdgeSnapIndex.placer}: GraphHopper's answer in about a microsecond, nothing allocated
 * while snapping); only the new entry is allocated, once per changed position (about 150 bytes,
 * against the 8-15 KB GraphHopper's location index allocates per snap). A fleet reports far more
 * slowly than it is queried, so nearly every query reads placements from here. Lock-free for readers: entries are
 * immutable and published through an {@link AtomicReferenceArray}; two threads placing the same
 * new position compute the same answer, so the race is benign.
 */
final class PlacementCache {
    /** A placement, or why the position could not be placed. */
    record Placed(double latDeg, double lonDeg, EdgePlacement placement, String failure) {}

    private final EdgePlacer placer;
    private volatile AtomicReferenceArray<Placed> entries = new AtomicReferenceArray<>(1024);
    private final LongAdder snaps = new LongAdder();

    /** A cache in front of {@code placer} (one profile's {@code RoadNetwork.placer}). */
    PlacementCache(EdgePlacer placer) {
        this.placer = placer;
    }

    /** The placement of unit {@code unitIndex} at this position, computing it if the position is new. */
    Placed get(int unitIndex, double latDeg, double lonDeg) {
        AtomicReferenceArray<Placed> arr = entries;
        if (unitIndex >= arr.length()) {
            arr = grow(unitIndex);
        }
        Placed p = arr.get(unitIndex);
        if (p != null && p.latDeg == latDeg && p.lonDeg == lonDeg) {
            return p;
        }
        snaps.increment();
        try {
            p = new Placed(latDeg, lonDeg, placer.place("position", new GeoPoint(latDeg, lonDeg)), null);
        } catch (BluelampException e) {
            p = new Placed(latDeg, lonDeg, null, e.getMessage());
        }
        arr.set(unitIndex, p);
        return p;
    }

    /** Positions snapped so far (for metrics and benchmarks). */
    long snapCount() {
        return snaps.sum();
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
