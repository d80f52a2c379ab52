package org.bluelamp.dispatch;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bluelamp.road.EdgeSnap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.TravelProfile;

/** Probe only: one flat object per placed position (no EdgePlacement, no GeoPoints), to size what the allocation costs. */
final class PlacementCacheFlat {
    record Flat(double latDeg, double lonDeg, boolean found, double snappedLat, double snappedLon, double dist, int edgeId, double toBase, double toAdj) {}
    private final EdgeSnapIndex index; private final TravelProfile profile; private final double max;
    private final AtomicReferenceArray<Flat> entries = new AtomicReferenceArray<>(40000);
    private final ThreadLocal<EdgeSnap> scratch = ThreadLocal.withInitial(EdgeSnap::new);
    PlacementCacheFlat(EdgeSnapIndex index, TravelProfile profile, double max) { this.index = index; this.profile = profile; this.max = max; }
    Flat get(int u, double lat, double lon) {
        Flat p = entries.get(u);
        if (p != null && p.latDeg == lat && p.lonDeg == lon) return p;
        EdgeSnap s = scratch.get();
        if (index.snap(profile, lat, lon, s) != EdgeSnap.Outcome.FOUND || s.distanceMetres() > max) p = new Flat(lat, lon, false, 0, 0, 0, -1, 0, 0);
        else p = new Flat(lat, lon, true, s.snappedLatDeg(), s.snappedLonDeg(), s.distanceMetres(), s.edgeId(), s.toBaseMetres(), s.toAdjMetres());
        entries.set(u, p);
        return p;
    }
}
