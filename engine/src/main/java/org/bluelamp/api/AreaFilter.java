package org.bluelamp.api;

import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.SpatialSearch;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.Area;

/**
 * A checked {@link Area} of a request: a circle or a box, tested point by point or run as a
 * spatial query.
 *
 * <p>Thread-safety: immutable.
 */
record AreaFilter(
        boolean circle,
        double lat,
        double lon,
        double radiusMetres,
        double minLat,
        double minLon,
        double maxLat,
        double maxLon) {

    static final double MAX_RADIUS_METRES = 1_000_000;

    /** The area of a request, checked; errors name {@code field} and its parts. */
    static AreaFilter of(Area a, String field) {
        switch (a.getShapeCase()) {
            case CIRCLE -> {
                var c = a.getCircle();
                GeoPoint centre = Requests.point(c.hasCentre(), c.getCentre(), field + ".circle.centre");
                double r = c.getRadiusMetres();
                if (!(r > 0 && r <= MAX_RADIUS_METRES)) {
                    throw BluelampException.invalid(
                            field + ".circle.radius_metres",
                            field
                                    + ".circle.radius_metres must be greater than 0 and at most "
                                    + (long) MAX_RADIUS_METRES
                                    + ", got " + r);
                }
                return new AreaFilter(true, centre.latDeg(), centre.lonDeg(), r, 0, 0, 0, 0);
            }
            case BOX -> {
                var b = a.getBox();
                GeoPoint sw = Requests.point(b.hasSouthWest(), b.getSouthWest(), field + ".box.south_west");
                GeoPoint ne = Requests.point(b.hasNorthEast(), b.getNorthEast(), field + ".box.north_east");
                if (sw.latDeg() > ne.latDeg() || sw.lonDeg() > ne.lonDeg()) {
                    throw BluelampException.invalid(
                            field + ".box",
                            field
                                    + ".box: south_west must be south and west of north_east "
                                    + "(boxes across the antimeridian "
                                    + "are not supported)");
                }
                return new AreaFilter(false, 0, 0, 0, sw.latDeg(), sw.lonDeg(), ne.latDeg(), ne.lonDeg());
            }
            default -> throw BluelampException.invalid(field, field + " has no shape: give a circle or a box");
        }
    }

    /** Whether a position lies in the area. */
    boolean contains(double latDeg, double lonDeg) {
        if (Double.isNaN(latDeg)) {
            return false;
        }
        if (circle) {
            return GeoPoint.haversineMetres(lat, lon, latDeg, lonDeg) <= radiusMetres;
        }
        return latDeg >= minLat && latDeg <= maxLat && lonDeg >= minLon && lonDeg <= maxLon;
    }

    /** Runs the area as a query; the units found are in {@code search}'s results. */
    int query(SpatialSearch search, UnitFilter filter) {
        return circle
                ? search.withinRadius(lat, lon, radiusMetres, filter)
                : search.withinBox(minLat, minLon, maxLat, maxLon, filter);
    }
}
