package org.bluelamp.road;

/**
 * The geometry and road class of every edge of a road network, as flat arrays (exported once per
 * network by {@link RoadNetwork#edgeShapes}): the points of edge {@code e}, its base node first and
 * its adjacent node last with the shape points between, are {@code latDeg[i], lonDeg[i]} for
 * {@code i} from {@code pointOffset[e]} to {@code pointOffset[e + 1] - 1}. The same points
 * GraphHopper tests against an area of a custom model. Immutable; the arrays are not copied and
 * must not be modified.
 *
 * @param pointOffset first point of each edge, and one past the last point of the last edge
 * @param latDeg latitude of each point
 * @param lonDeg longitude of each point
 * @param roadClass {@link RoadClass} ordinal of each edge
 */
public record EdgeShapes(int[] pointOffset, double[] latDeg, double[] lonDeg, byte[] roadClass) {
    public EdgeShapes {
        if (pointOffset.length != roadClass.length + 1 || latDeg.length != lonDeg.length) {
            throw new IllegalArgumentException("edge shape arrays differ in length");
        }
    }

    /** Number of edges. */
    public int edgeCount() {
        return roadClass.length;
    }

    /** The road class of an edge. */
    public RoadClass roadClass(int edge) {
        return RoadClass.ofOrdinal(roadClass[edge]);
    }
}
