package org.bluelamp.road;

import java.util.Objects;
import org.bluelamp.geo.GeoPoint;

/**
 * A road route between two snapped points, as GraphHopper computed it. Immutable.
 *
 * @param profile the profile it was computed for
 * @param from the requested start
 * @param to the requested destination
 * @param timeMillis travel time along the road, in milliseconds (no off-road legs)
 * @param distanceMetres road distance, in metres
 * @param latsDeg latitudes of the route geometry, start to end
 * @param lonsDeg longitudes of the route geometry, start to end
 * @param fromSnapDistanceMetres straight-line distance from {@code from} to the road
 * @param toSnapDistanceMetres straight-line distance from {@code to} to the road
 */
public record Route(
        TravelProfile profile,
        GeoPoint from,
        GeoPoint to,
        long timeMillis,
        double distanceMetres,
        double[] latsDeg,
        double[] lonsDeg,
        double fromSnapDistanceMetres,
        double toSnapDistanceMetres) {

    public Route {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (timeMillis < 0) {
            throw new IllegalArgumentException("timeMillis must be >= 0, got " + timeMillis);
        }
        if (!(distanceMetres >= 0)) {
            throw new IllegalArgumentException("distanceMetres must be >= 0, got " + distanceMetres);
        }
        if (latsDeg.length != lonsDeg.length) {
            throw new IllegalArgumentException(
                    "geometry arrays differ in length: " + latsDeg.length + " vs " + lonsDeg.length);
        }
        latsDeg = latsDeg.clone();
        lonsDeg = lonsDeg.clone();
    }

    /** Travel time in seconds. */
    public double timeSeconds() {
        return timeMillis / 1000.0;
    }

    /** The geometry as an encoded polyline (Google's algorithm, precision 5). */
    public String encodedPolyline() {
        return Polyline.encode(latsDeg, lonsDeg, 1e5);
    }

    @Override
    public double[] latsDeg() {
        return latsDeg.clone();
    }

    @Override
    public double[] lonsDeg() {
        return lonsDeg.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r
                && profile == r.profile
                && from.equals(r.from)
                && to.equals(r.to)
                && timeMillis == r.timeMillis
                && distanceMetres == r.distanceMetres
                && java.util.Arrays.equals(latsDeg, r.latsDeg)
                && java.util.Arrays.equals(lonsDeg, r.lonsDeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, from, to, timeMillis, distanceMetres);
    }

    @Override
    public String toString() {
        return "Route[" + profile + " " + from + " -> " + to + ", " + timeMillis + " ms, " + distanceMetres + " m, "
                + latsDeg.length + " points]";
    }
}
