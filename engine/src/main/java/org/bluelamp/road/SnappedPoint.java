package org.bluelamp.road;

import org.bluelamp.geo.GeoPoint;

/**
 * A point placed on the nearest road edge its profile may use. Immutable.
 *
 * @param requested the point as given
 * @param snapped the nearest point on the road
 * @param distanceMetres straight-line distance from {@code requested} to {@code snapped}
 * @param edgeId the road graph edge it lies on
 * @param baseNode the edge's base node (the direction the edge's geometry is stored in)
 * @param adjNode the edge's adjacent node
 */
public record SnappedPoint(
        GeoPoint requested, GeoPoint snapped, double distanceMetres, int edgeId, int baseNode, int adjNode) {}
