package org.bluelamp.road;

import com.graphhopper.storage.index.Snap;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;

/**
 * The check behind {@link EdgeSnapIndex}'s exactness: snaps a point both with GraphHopper's
 * location index (as {@link RoadNetwork#snap} and {@link TravelTimeGraph#place} do) and with the
 * index, and describes any difference in edge, closest node, way index, position, snapped point,
 * query distance, position along the edge or refusal. Used by the oracle tests and by the
 * benchmarks' command for networks too large for the test suite. Allocates freely.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class SnapOracle {
    private final RoadNetwork network;
    private final EdgeSnapIndex index;
    private final EdgeSnap scratch = new EdgeSnap();

    public SnapOracle(RoadNetwork network, EdgeSnapIndex index) {
        this.network = Objects.requireNonNull(network, "network");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** GraphHopper's snap of a point (no distance limit), or null when it found no edge. */
    public Snap graphHopperSnap(TravelProfile profile, GeoPoint point) {
        Snap snap = network.graphHopper()
                .getLocationIndex()
                .findClosest(point.latDeg(), point.lonDeg(), network.snapFilter(profile));
        return snap.isValid() ? snap : null;
    }

    /**
     * Compares the two snaps of a point.
     *
     * @return null when they agree in every respect, else a description of the first difference
     */
    public String difference(TravelProfile profile, GeoPoint point) {
        var bounds = network.graphHopper().getBaseGraph().getBounds();
        EdgeSnap.Outcome outcome = index.snap(profile, point.latDeg(), point.lonDeg(), scratch);
        if (!bounds.contains(point.latDeg(), point.lonDeg())) {
            return outcome == EdgeSnap.Outcome.OUTSIDE_MAP ? null : "outside the map but " + scratch;
        }
        Snap gh = graphHopperSnap(profile, point);
        if (gh == null) {
            return outcome == EdgeSnap.Outcome.NO_ROAD ? null : "GraphHopper found nothing but " + scratch;
        }
        if (outcome != EdgeSnap.Outcome.FOUND) {
            return "GraphHopper found " + gh + " but the index " + outcome;
        }
        var sp = gh.getSnappedPoint();
        String what = "GraphHopper " + gh + " wayIndex " + gh.getWayIndex() + " distance " + gh.getQueryDistance()
                + " vs index " + scratch;
        if (gh.getClosestEdge().getEdge() != scratch.edgeId()) {
            return "edge differs: " + what;
        }
        if (gh.getClosestNode() != scratch.closestNode()) {
            return "closest node differs: " + what;
        }
        if (gh.getWayIndex() != scratch.wayIndex()) {
            return "way index differs: " + what;
        }
        if (!gh.getSnappedPosition().name().equals(scratch.position().name())) {
            return "position differs: " + what;
        }
        if (sp.getLat() != scratch.snappedLatDeg() || sp.getLon() != scratch.snappedLonDeg()) {
            return "snapped point differs: " + sp + " vs " + scratch.snappedLatDeg() + "," + scratch.snappedLonDeg()
                    + ": " + what;
        }
        if (gh.getQueryDistance() != scratch.distanceMetres()) {
            return "query distance differs: " + what;
        }
        // the placement, or the refusal, exactly as TravelTimeGraph.place gives it
        EdgePlacement expected = null;
        String expectedError = null;
        try {
            expected = network.place(profile, "point", point);
        } catch (BluelampException e) {
            expectedError = e.getMessage();
        }
        EdgePlacement actual = null;
        String actualError = null;
        try {
            actual = index.place(profile, "point", point, scratch);
        } catch (BluelampException e) {
            actualError = e.getMessage();
        }
        if (!Objects.equals(expectedError, actualError)) {
            return "refusal differs: TravelTimeGraph.place " + expectedError + " vs index " + actualError;
        }
        if (!Objects.equals(expected, actual)) {
            return "placement differs: TravelTimeGraph.place " + expected + " vs index " + actual;
        }
        return null;
    }
}
