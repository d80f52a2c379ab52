package org.bluelamp.geo;

import org.bluelamp.error.BluelampException;

/**
 * A WGS84 position in decimal degrees. Rejects NaN, infinities and out-of-range values in its
 * constructor, so every {@code GeoPoint} in the engine is a real place. Immutable.
 *
 * @param latDeg latitude, -90 to 90 degrees (north positive)
 * @param lonDeg longitude, -180 to 180 degrees (east positive)
 */
public record GeoPoint(double latDeg, double lonDeg) {

    /** Mean Earth radius in metres (IUGG), as GraphHopper's {@code DistanceCalcEarth} uses. */
    public static final double EARTH_RADIUS_METRES = 6_371_000.0;

    public GeoPoint {
        checkLatitude("latDeg", latDeg);
        checkLongitude("lonDeg", lonDeg);
    }

    /** Whether {@code latDeg} is a latitude: finite and in [-90, 90]. The one latitude rule. */
    public static boolean isLatitude(double latDeg) {
        return latDeg >= -90.0 && latDeg <= 90.0;
    }

    /** Whether {@code lonDeg} is a longitude: finite and in [-180, 180]. The one longitude rule. */
    public static boolean isLongitude(double lonDeg) {
        return lonDeg >= -180.0 && lonDeg <= 180.0;
    }

    /**
     * Checks one latitude value, naming {@code field} in the error.
     *
     * @throws BluelampException INVALID_ARGUMENT when NaN, infinite or outside [-90, 90]
     */
    public static void checkLatitude(String field, double latDeg) {
        if (!isLatitude(latDeg)) {
            throw BluelampException.invalid(
                    field, field + " must be a latitude between -90 and 90 degrees, got " + latDeg);
        }
    }

    /**
     * Checks one longitude value, naming {@code field} in the error.
     *
     * @throws BluelampException INVALID_ARGUMENT when NaN, infinite or outside [-180, 180]
     */
    public static void checkLongitude(String field, double lonDeg) {
        if (!isLongitude(lonDeg)) {
            throw BluelampException.invalid(
                    field, field + " must be a longitude between -180 and 180 degrees, got " + lonDeg);
        }
    }

    /**
     * Parses {@code "lat,lon"} (decimal degrees, optional spaces), naming {@code field} in any error.
     *
     * @throws BluelampException INVALID_ARGUMENT when the text is not two numbers or out of range
     */
    public static GeoPoint parse(String field, String text) {
        if (text == null) {
            throw BluelampException.invalid(field, field + " is missing: give it as lat,lon in decimal degrees");
        }
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw BluelampException.invalid(
                    field, field + " must be lat,lon in decimal degrees (e.g. 52.6702,-0.7296), got '" + text + "'");
        }
        double lat;
        double lon;
        try {
            lat = Double.parseDouble(parts[0].trim());
            lon = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw BluelampException.invalid(
                    field, field + " must be lat,lon in decimal degrees (e.g. 52.6702,-0.7296), got '" + text + "'");
        }
        checkLatitude(field, lat);
        checkLongitude(field, lon);
        return new GeoPoint(lat, lon);
    }

    /** Great-circle (haversine) distance to {@code other}, in metres. */
    public double distanceMetresTo(GeoPoint other) {
        return haversineMetres(latDeg, lonDeg, other.latDeg, other.lonDeg);
    }

    /** Great-circle (haversine) distance between two positions given in degrees, in metres. */
    public static double haversineMetres(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
        double dLat = Math.toRadians(lat2Deg - lat1Deg);
        double dLon = Math.toRadians(lon2Deg - lon1Deg);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1Deg))
                        * Math.cos(Math.toRadians(lat2Deg))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    @Override
    public String toString() {
        return latDeg + "," + lonDeg;
    }
}
