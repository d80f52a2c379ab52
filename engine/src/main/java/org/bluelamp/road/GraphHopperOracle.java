package org.bluelamp.road;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;

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

    /** The snap filter of a profile: edges it may use, on its main connected network. */
    public DefaultSnapFilter snapFilter(TravelProfile profile) {
        return network.snapFilter(profile);
    }
}
