package org.bluelamp.geo;

import java.util.Locale;
import org.bluelamp.error.BluelampException;

/**
 * A latitude/longitude box, e.g. the area a road network covers. Immutable; checked in the constructor.
 *
 * @param minLatDeg southern edge, degrees
 * @param minLonDeg western edge, degrees
 * @param maxLatDeg northern edge, degrees
 * @param maxLonDeg eastern edge, degrees (boxes across the antimeridian are not supported)
 */
public record GeoBounds(double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg) {
    public GeoBounds {
        GeoPoint.checkLatitude("minLatDeg", minLatDeg);
        GeoPoint.checkLatitude("maxLatDeg", maxLatDeg);
        GeoPoint.checkLongitude("minLonDeg", minLonDeg);
        GeoPoint.checkLongitude("maxLonDeg", maxLonDeg);
        if (minLatDeg > maxLatDeg || minLonDeg > maxLonDeg) {
            throw BluelampException.invalid(
                    "box",
                    "a box needs minLatDeg <= maxLatDeg and minLonDeg <= maxLonDeg, got "
                            + describe(minLatDeg, minLonDeg, maxLatDeg, maxLonDeg));
        }
    }

    /** Whether the point lies in the box (edges included). */
    public boolean contains(double latDeg, double lonDeg) {
        return latDeg >= minLatDeg && latDeg <= maxLatDeg && lonDeg >= minLonDeg && lonDeg <= maxLonDeg;
    }

    /** Whether the point lies in the box (edges included). */
    public boolean contains(GeoPoint p) {
        return contains(p.latDeg(), p.lonDeg());
    }

    /** The largest absolute latitude in the box, degrees. */
    public double maxAbsLatDeg() {
        return Math.max(Math.abs(minLatDeg), Math.abs(maxLatDeg));
    }

    /** The box in words, for messages: {@code latitude 52.52 to 52.76, longitude -0.82 to -0.43}. */
    @Override
    public String toString() {
        return describe(minLatDeg, minLonDeg, maxLatDeg, maxLonDeg);
    }

    private static String describe(double minLat, double minLon, double maxLat, double maxLon) {
        return String.format(
                Locale.ROOT, "latitude %.5f to %.5f, longitude %.5f to %.5f", minLat, maxLat, minLon, maxLon);
    }
}
