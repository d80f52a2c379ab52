package org.bluelamp.simulation;

import java.nio.file.Path;
import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.OsmBuildings;

/**
 * The places incidents happen, each equally likely: the spatial proxy for demand. By default the
 * extract's buildings (one point per building; where the extract maps none, its address points),
 * since calls for service come from where people live, work and shop; for an extract without
 * buildings (the DIMACS New York graph), the road junctions of the car network, whose density
 * follows the density of the built-up area; or the locations of a file of past incidents. An
 * incident drawn at a point further than the snap limit from any road is drawn again (see
 * {@link Incidents}). Immutable; thread-safe.
 *
 * @param latDeg latitude of each point
 * @param lonDeg longitude of each point
 * @param description what the points are, for the results (e.g. "12,034 buildings of the extract")
 */
record DemandPoints(double[] latDeg, double[] lonDeg, String description) {
    DemandPoints {
        if (latDeg.length != lonDeg.length || latDeg.length == 0) {
            throw new IllegalArgumentException(
                    "demand points: " + latDeg.length + " latitudes, " + lonDeg.length + " longitudes");
        }
    }

    int size() {
        return latDeg.length;
    }

    /**
     * The proxy a scenario asks for.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code demand.placement} when the extract
     *     has none of what the proxy needs
     */
    static DemandPoints of(Scenario.Placement placement, Path extract, RoadShapes shapes, WalkGraph cars) {
        return switch (placement.kind()) {
            case BUILDINGS -> buildings(extract);
            case JUNCTIONS -> junctions(shapes, cars);
            case PAST_INCIDENTS -> pastIncidents(placement.pastIncidents(), placement.source());
        };
    }

    private static DemandPoints buildings(Path extract) {
        OsmBuildings.Points p = OsmBuildings.read(extract);
        return switch (p.kind()) {
            case BUILDINGS ->
                new DemandPoints(
                        p.latDeg(),
                        p.lonDeg(),
                        String.format(java.util.Locale.ROOT, "%,d buildings of the extract", p.size()));
            case ADDRESSES ->
                new DemandPoints(
                        p.latDeg(),
                        p.lonDeg(),
                        String.format(
                                java.util.Locale.ROOT,
                                "%,d address points of the extract (it maps no buildings)",
                                p.size()));
            case NONE ->
                throw BluelampException.invalid(
                        "demand.placement",
                        "demand.placement 'buildings': the extract " + extract.getFileName()
                                + " maps no buildings and no addresses; use \"placement\": \"junctions\" or a file of"
                                + " past incidents");
        };
    }

    private static DemandPoints junctions(RoadShapes shapes, WalkGraph cars) {
        int[] nodes = cars.junctions();
        if (nodes.length == 0) {
            throw BluelampException.invalid(
                    "demand.placement", "demand.placement 'junctions': the car network of this map has no junctions");
        }
        double[] lat = new double[nodes.length];
        double[] lon = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            lat[i] = shapes.nodeLatDeg(nodes[i]);
            lon[i] = shapes.nodeLonDeg(nodes[i]);
        }
        return new DemandPoints(
                lat,
                lon,
                String.format(
                        java.util.Locale.ROOT,
                        "%,d road junctions of the car network (the extract has no buildings)",
                        nodes.length));
    }

    private static DemandPoints pastIncidents(List<GeoPoint> points, String source) {
        double[] lat = new double[points.size()];
        double[] lon = new double[points.size()];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = points.get(i).latDeg();
            lon[i] = points.get(i).lonDeg();
        }
        return new DemandPoints(
                lat, lon, String.format(java.util.Locale.ROOT, "%,d past incidents from %s", lat.length, source));
    }
}
