package org.bluelamp.road;

import org.bluelamp.geo.GeoPoint;

/**
 * Where a point lies on the road graph: the edge it snapped to and how far along it, measured
 * from each end in the edge's stored orientation. Immutable.
 *
 * @param requested the point as given (a unit's fix, an incident's location)
 * @param snapped the nearest point on the edge
 * @param snapDistanceMetres straight-line distance from {@code requested} to {@code snapped}
 * @param edgeId the GraphHopper edge id
 * @param toBaseMetres distance along the edge from the snapped point to the edge's base node
 * @param toAdjMetres distance along the edge from the snapped point to the edge's adjacent node
 */
public record EdgePlacement(
        GeoPoint requested,
        GeoPoint snapped,
        double snapDistanceMetres,
        int edgeId,
        double toBaseMetres,
        double toAdjMetres) {
    public EdgePlacement {
        if (!(snapDistanceMetres >= 0) || !(toBaseMetres >= 0) || !(toAdjMetres >= 0)) {
            throw new IllegalArgumentException("distances must be >= 0: snap " + snapDistanceMetres + ", to base "
                    + toBaseMetres + ", to adj " + toAdjMetres);
        }
    }
}
