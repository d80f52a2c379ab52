package org.bluelamp.tracking;

/**
 * A latitude/longitude box outside which fixes are rejected ({@link RejectReason#OUTSIDE_SERVICE_AREA}),
 * e.g. the force area with a margin, or Great Britain. Catches (0, 0) "null island" fixes from
 * radios without a GPS lock.
 *
 * @param minLatDeg south edge, degrees
 * @param minLonDeg west edge, degrees
 * @param maxLatDeg north edge, degrees
 * @param maxLonDeg east edge, degrees
 *
 * <p>Thread-safety: immutable.
 */
public record ServiceArea(double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg) {

    /** Checks that the box is a real box in range. */
    public ServiceArea {
        if (!(minLatDeg >= -90 && minLatDeg < maxLatDeg && maxLatDeg <= 90)) {
            throw new IllegalArgumentException("service area latitudes need -90 <= minLatDeg (" + minLatDeg
                    + ") < maxLatDeg (" + maxLatDeg + ") <= 90");
        }
        if (!(minLonDeg >= -180 && minLonDeg < maxLonDeg && maxLonDeg <= 180)) {
            throw new IllegalArgumentException("service area longitudes need -180 <= minLonDeg (" + minLonDeg
                    + ") < maxLonDeg (" + maxLonDeg + ") <= 180");
        }
    }

    /** Great Britain, Northern Ireland and the near islands with a margin. */
    public static ServiceArea unitedKingdom() {
        return new ServiceArea(49.0, -11.0, 61.5, 2.5);
    }

    /** Whether the point lies in the box (edges included). */
    public boolean contains(double latDeg, double lonDeg) {
        return latDeg >= minLatDeg && latDeg <= maxLatDeg && lonDeg >= minLonDeg && lonDeg <= maxLonDeg;
    }
}
