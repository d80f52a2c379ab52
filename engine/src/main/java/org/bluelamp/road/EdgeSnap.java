package org.bluelamp.road;

import org.bluelamp.geo.GeoPoint;

/**
 * The answer of one {@link EdgeSnapIndex#snap}: a mutable, reusable holder so that snapping
 * allocates nothing. Fields describe the last snap only; read them before snapping again.
 *
 * <p>The edge is given in its stored orientation (base node to adjacent node), as GraphHopper's
 * {@code Snap.getClosestEdge()} is. Distances are metres, coordinates degrees.
 *
 * <p>Not thread-safe: one per thread (a {@code @Flyweight} in OpenTripPlanner's sense).
 */
public final class EdgeSnap {
    /** Where on the edge the snapped point lies, as GraphHopper's {@code Snap.Position}. */
    public enum Position {
        /** at one of the edge's end nodes ({@link #closestNode}) */
        TOWER,
        /** at a shape point of the edge's geometry ({@link #wayIndex}) */
        PILLAR,
        /** between two shape points: on segment {@link #wayIndex} .. {@link #wayIndex} + 1 */
        EDGE
    }

    /** The outcome of a snap. */
    public enum Outcome {
        /** a usable edge was found: every other field is set */
        FOUND,
        /** the point lies outside the map's bounding box: nothing else is set */
        OUTSIDE_MAP,
        /** no edge the profile may use lies within the search region: nothing else is set */
        NO_ROAD
    }

    Outcome outcome = Outcome.NO_ROAD;
    double queryLatDeg;
    double queryLonDeg;
    int edgeId = -1;
    int closestNode = -1;
    int wayIndex = -1;
    Position position;
    double snappedLatDeg;
    double snappedLonDeg;
    double distanceMetres;
    double toBaseMetres;
    double toAdjMetres;

    // EdgeSnapIndex's search window while it snaps (scratch, see EdgeSnapIndex.setWindow)
    double windowThreshold;
    double windowMinLatDeg;
    double windowMaxLatDeg;
    double windowMinLonDeg;
    double windowMaxLonDeg;
    int windowMinLatUnits;
    int windowMaxLatUnits;
    int windowMinLonUnits;
    int windowMaxLonUnits;

    // EdgeSnapIndex's guess (scratch, see EdgeSnapIndex.estimateCap): the entries of the query's tile it recorded, in
    // the tile's order (grows to the largest tile's entry count once, then is reused), whether it read the whole tile
    // (not only a quarter's list) and the nearest plane distance it found (squared storage units)
    int[] guessedEntries = new int[64];
    double[] guessedBoxSq = new double[64];
    int guessedCount;
    boolean guessedWholeTile;
    double guessedBestSq;
    // whether ring 0 of the last search read only the guess's entries (for tests)
    boolean ringZeroFromGuess;
    // whether the last snap was answered by the snap cells' fast path (SnapCells: rings 0 and 1)
    boolean fromCells;
    // what the fast path did with the last snap (SnapCells' outcome codes, for measurements)
    int cellsOutcome;
    // SnapCells' lower bounds of the blob's segments (scratch; grows to the largest blob's once, then is reused)
    double[] cellBounds = new double[0];

    public Outcome outcome() {
        return outcome;
    }

    public boolean found() {
        return outcome == Outcome.FOUND;
    }

    public double queryLatDeg() {
        return queryLatDeg;
    }

    public double queryLonDeg() {
        return queryLonDeg;
    }

    /** GraphHopper edge id of the snapped edge. */
    public int edgeId() {
        return edgeId;
    }

    /** GraphHopper's closest node: the end node nearest the point, or the tower snapped to. */
    public int closestNode() {
        return closestNode;
    }

    /** Index into the edge's full geometry (base node = 0), as GraphHopper's {@code Snap.getWayIndex()}. */
    public int wayIndex() {
        return wayIndex;
    }

    public Position position() {
        return position;
    }

    public double snappedLatDeg() {
        return snappedLatDeg;
    }

    public double snappedLonDeg() {
        return snappedLonDeg;
    }

    /** Straight-line (plane projection) distance from the query point to the snapped point, metres. */
    public double distanceMetres() {
        return distanceMetres;
    }

    /** Distance along the edge from the snapped point to the edge's base node, metres. */
    public double toBaseMetres() {
        return toBaseMetres;
    }

    /** Distance along the edge from the snapped point to the edge's adjacent node, metres. */
    public double toAdjMetres() {
        return toAdjMetres;
    }

    /** Whether the last snap was answered by the index's fast path (for measurements; same answer). */
    public boolean fromFastPath() {
        return fromCells;
    }

    /**
     * For measurements: what the index's fast path (its snap cells) did with the last snap when they are on: 0 no
     * blob for the point, 1 none for the profile, 2 answered from ring 0, 3 answered from ring 1, 4 ring 0's best
     * beyond its border and no ring-1 section, 5 ring 0 not proven otherwise (no candidate within the cap, or beyond
     * C) and no ring-1 section, 6 a ring-1 section but GraphHopper not proven to go on to ring 1, 7 ring 1's best
     * beyond ring 1's border, 8 ring 1's best not proven.
     */
    public int fastPathOutcome() {
        return cellsOutcome;
    }

    /**
     * This snap as an immutable placement (allocates; for callers off the hot path).
     *
     * @param requested the point as the caller gave it
     * @throws IllegalStateException when the snap found nothing
     */
    public EdgePlacement toPlacement(GeoPoint requested) {
        if (outcome != Outcome.FOUND) {
            throw new IllegalStateException("no edge was found: " + outcome);
        }
        return new EdgePlacement(
                requested,
                new GeoPoint(snappedLatDeg, snappedLonDeg),
                distanceMetres,
                edgeId,
                toBaseMetres,
                toAdjMetres);
    }

    @Override
    public String toString() {
        return outcome == Outcome.FOUND
                ? "EdgeSnap[edge " + edgeId + " " + position + " way " + wayIndex + " node " + closestNode + ", "
                        + distanceMetres + " m, to base " + toBaseMetres + " m, to adj " + toAdjMetres + " m]"
                : "EdgeSnap[" + outcome + "]";
    }
}
