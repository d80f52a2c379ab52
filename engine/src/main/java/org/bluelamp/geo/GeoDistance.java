package org.bluelamp.geo;

/**
 * Straight-line distances on the Earth, in metres.
 *
 * <p>The spatial index ranks by {@link #equirectangularMetres}: a flat-earth approximation at the
 * mean latitude of the two points, one {@code cos} and one {@code sqrt} per pair. Against the
 * great-circle {@link #haversineMetres} its relative error is below 0.01% up to 10 km and below
 * 0.1% up to 100 km at British latitudes (checked in {@code GeoDistanceTest}), and within
 * {@link #equirectangularRelativeErrorBound} everywhere; it does not handle pairs across the
 * antimeridian. Both use the engine's one spherical Earth radius (GraphHopper's), so neither is an
 * ellipsoidal distance (which differs by up to 0.5%); for a pre-filter in front of road ETAs that
 * is ample.
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

    /**
     * A bound on the relative error of {@link #equirectangularMetres} (and of GraphHopper's plane
     * projection, the same formula) against {@link #haversineMetres}: for two points whose
     * latitudes both lie within {@code maxAbsLatDeg} of the equator and whose equirectangular
     * distance is {@code metres}, {@code |equirectangular - haversine| <= bound * equirectangular}.
     * The error grows with the square of the distance and with latitude: {@code 1e-9 + (d/R)^2 /
     * (8 cos^2 lat)}, which {@code GeoDistanceTest} checks on random pairs up to 2,000 km and 80
     * degrees (the true error stays below a third of it). Beyond 89 degrees of latitude it is taken
     * at 89.
     */
    public static double equirectangularRelativeErrorBound(double metres, double maxAbsLatDeg) {
        double cos = Math.cos(Math.toRadians(Math.min(89, Math.abs(maxAbsLatDeg))));
        double x = metres / EARTH_RADIUS_METRES;
        return 1e-9 + x * x / (8 * cos * cos);
    }

    /** Great-circle distance on the same sphere, metres: {@link GeoPoint#haversineMetres}. */
    public static double haversineMetres(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        return GeoPoint.haversineMetres(lat1Deg, lon1Deg, lat2Deg, lon2Deg);
    }
}
