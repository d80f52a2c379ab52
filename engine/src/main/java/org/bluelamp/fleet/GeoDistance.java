package org.bluelamp.fleet;

import org.bluelamp.geo.GeoPoint;

/**
 * Straight-line distances on the Earth, in metres.
 *
 * <p>The spatial index ranks by {@link #equirectangularMetres}: a flat-earth approximation at the
 * mean latitude of the two points, one {@code cos} and one {@code sqrt} per pair. Against the
 * great-circle {@link #haversineMetres} its relative error is below 0.01% up to 10 km and below
 * 0.1% up to 100 km at British latitudes (checked in {@code GeoDistanceTest}); it does not handle
 * pairs across the antimeridian. Both use the engine's one spherical Earth radius (GraphHopper's), so neither is an ellipsoidal
 * distance (which differs by up to 0.5%); for a pre-filter in front of road ETAs that is ample.
 *
 * <p>Thread-safety: stateless.
 */
public final class GeoDistance {
    /** The engine's one Earth radius ({@link GeoPoint#EARTH_RADIUS_METRES}, GraphHopper's), metres. */
    public static final double EARTH_RADIUS_METRES = GeoPoint.EARTH_RADIUS_METRES;
    /** Metres per degree of latitude on that sphere. */
    public static final double METRES_PER_DEGREE = EARTH_RADIUS_METRES * Math.PI / 180;

    private GeoDistance() {}

    /** Equirectangular distance at the mean latitude, metres (see class comment for its error). */
    public static double equirectangularMetres(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double dLat = lat2Deg - lat1Deg;
        double dLon = (lon2Deg - lon1Deg) * Math.cos(Math.toRadians(0.5 * (lat1Deg + lat2Deg)));
        return METRES_PER_DEGREE * Math.sqrt(dLat * dLat + dLon * dLon);
    }

    /** Great-circle distance on the same sphere, metres: {@link GeoPoint#haversineMetres}. */
    public static double haversineMetres(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        return GeoPoint.haversineMetres(lat1Deg, lon1Deg, lat2Deg, lon2Deg);
    }
}
