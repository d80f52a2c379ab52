package org.bluelamp.geo;

import java.util.Locale;
import org.bluelamp.error.BluelampException;

/**
 * A latitude/longitude box (not across the antimeridian), edges included: e.g. the area a road
 * map covers. Immutable; checked in the constructor.
 *
 * @param minLatDeg south edge, degrees, -90 to 90
 * @param minLonDeg west edge, degrees, -180 to 180
 * @param maxLatDeg north edge, degrees, at least {@code minLatDeg}
 * @param maxLonDeg east edge, degrees, at least {@code minLonDeg}
 */
public record GeoBox(double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg) {

    /** Checks the edges. */
    public GeoBox {
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
    public boolean contains(GeoPoint p) {
        return p.latDeg() >= minLatDeg && p.latDeg() <= maxLatDeg && p.lonDeg() >= minLonDeg && p.lonDeg() <= maxLonDeg;
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
