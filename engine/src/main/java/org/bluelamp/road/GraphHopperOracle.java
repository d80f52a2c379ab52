package org.bluelamp.road;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.jackson.Jackson;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.Parameters;
import java.io.IOException;
import org.bluelamp.geo.GeoPoint;

/**
 * GraphHopper itself behind a {@link RoadNetwork}, for the tests and benchmarks that compare the
 * engine with it: baselines (one route per unit, shortest-path trees) and oracles. The one door
 * to GraphHopper types outside this package; main code outside {@code road} must not use it
 * ({@code ArchitectureTest} fails the build if it does). Thread-safe as GraphHopper's read-only
 * graph is.
 */
public final class GraphHopperOracle {
    private final RoadNetwork network;

    GraphHopperOracle(RoadNetwork network) {
        this.network = network;
    }

    /** The GraphHopper instance (routing, location index, encoding manager). */
    public GraphHopper graphHopper() {
        return network.graphHopper();
    }

    /** The base graph (nodes, edges, geometry). */
    public BaseGraph baseGraph() {
        return network.graphHopper().getBaseGraph();
    }

    /** The travel-time weighting of a profile (weight = seconds). */
    public Weighting weighting(TravelProfile profile) {
        return network.weighting(profile);
    }

    /**
     * GraphHopper's route time with a custom model merged into the profile's (contraction
     * hierarchies and landmarks disabled, Dijkstra), in seconds, or NaN when it finds no route.
     *
     * @param customModelJson a custom model as JSON text (e.g. from
     *     {@code org.bluelamp.conditions.CustomModelExport})
     */
    public double routeSeconds(TravelProfile profile, GeoPoint from, GeoPoint to, String customModelJson) {
        CustomModel model;
        try {
            model = Jackson.newObjectMapper().readValue(customModelJson, CustomModel.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a custom model: " + e.getMessage(), e);
        }
        GHRequest req = new GHRequest(from.latDeg(), from.lonDeg(), to.latDeg(), to.lonDeg())
                .setProfile(profile.profileName())
                .setCustomModel(model)
                .setAlgorithm(Parameters.Algorithms.DIJKSTRA);
        req.putHint(Parameters.CH.DISABLE, true);
        req.putHint(Parameters.Landmark.DISABLE, true);
        GHResponse rsp = network.graphHopper().route(req);
        return rsp.hasErrors() ? Double.NaN : rsp.getBest().getTime() / 1000.0;
    }

    /** The snap filter of a profile: edges it may use, on its main connected network. */
    public DefaultSnapFilter snapFilter(TravelProfile profile) {
        return network.snapFilter(profile);
    }
}
