package org.bluelamp.dispatch;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgeSnap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.TravelProfile;

/** Probe only: PlacementCache without its Placed wrapper (the EdgePlacement's requested point is the key; an OffRoad marker for refusals): three objects per position instead of four. */
final class PlacementCacheNoWrapper {
    record OffRoad(double latDeg, double lonDeg) {}
    private final EdgeSnapIndex index; private final TravelProfile profile; private final double max;
    private final AtomicReferenceArray<Object> entries = new AtomicReferenceArray<>(40000);
    private final ThreadLocal<EdgeSnap> scratch = ThreadLocal.withInitial(EdgeSnap::new);
    PlacementCacheNoWrapper(EdgeSnapIndex index, TravelProfile profile, double max) { this.index = index; this.profile = profile; this.max = max; }
    /** The placement, or null off the roads. */
    EdgePlacement get(int u, double lat, double lon) {
        Object o = entries.get(u);
        if (o instanceof EdgePlacement e && e.requested().latDeg() == lat && e.requested().lonDeg() == lon) return e;
        if (o instanceof OffRoad f && f.latDeg() == lat && f.lonDeg() == lon) return null;
        EdgeSnap s = scratch.get();
        if (index.snap(profile, lat, lon, s) != EdgeSnap.Outcome.FOUND || s.distanceMetres() > max) { entries.set(u, new OffRoad(lat, lon)); return null; }
        EdgePlacement e = s.toPlacement(new GeoPoint(lat, lon));
        entries.set(u, e);
        return e;
    }
}
