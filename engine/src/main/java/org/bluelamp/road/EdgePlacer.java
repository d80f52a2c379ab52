package org.bluelamp.road;

import org.bluelamp.geo.GeoPoint;

/**
 * Places points on one profile's road graph ({@link RoadNetwork#placer}). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface EdgePlacer {
    /**
     * Where {@code point} lies on the graph.
     *
     * @param field the request field named in any error
     * @throws org.bluelamp.error.BluelampException INVALID_ARGUMENT naming {@code field} when the
     *     point is too far from any road the profile may use
     */
    EdgePlacement place(String field, GeoPoint point);
}
