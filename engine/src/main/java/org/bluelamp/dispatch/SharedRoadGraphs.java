package org.bluelamp.dispatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The travel-time graphs and contraction hierarchies of one road network's profiles, shared by
 * every dispatcher over that network that is given this object (the simulator's runs: one
 * dispatcher per run, many runs per world). Without it each dispatcher builds its own graphs at
 * creation and its own hierarchies at first use, which on New York costs seconds per run. Both are
 * immutable once built, so sharing them changes no answer; each dispatcher keeps its own placement
 * caches and buckets (they follow its own fleet).
 *
 * <p>Thread-safe: the graphs are given built; each hierarchy is built at most once ({@link
 * ConcurrentHashMap#computeIfAbsent}), by the first dispatcher that needs it or by {@link #hierarchy}.
 */
public final class SharedRoadGraphs {
    private final RoadNetwork network;
    private final Map<TravelProfile, TravelTimeGraph> graphs;
    private final ConcurrentHashMap<TravelProfile, Optional<ContractionHierarchy>> hierarchies =
            new ConcurrentHashMap<>();

    /** The network's graphs, one per prepared profile, built now; no hierarchy built yet. */
    public SharedRoadGraphs(RoadNetwork network) {
        this(network, build(network));
    }

    /**
     * Over graphs already built (by {@link TravelTimeGraph#build} of this network, one per prepared
     * profile: the simulator's world has them).
     *
     * @throws IllegalArgumentException if a prepared profile has no graph or a graph is another profile's
     */
    public SharedRoadGraphs(RoadNetwork network, Map<TravelProfile, TravelTimeGraph> graphs) {
        this.network = Objects.requireNonNull(network, "network");
        EnumMap<TravelProfile, TravelTimeGraph> copy = new EnumMap<>(TravelProfile.class);
        for (TravelProfile p : network.options().profiles()) {
            TravelTimeGraph g = graphs.get(p);
            if (g == null) {
                throw new IllegalArgumentException("no travel-time graph for profile " + p);
            }
            copy.put(p, g);
        }
        this.graphs = copy;
    }

    private static Map<TravelProfile, TravelTimeGraph> build(RoadNetwork network) {
        EnumMap<TravelProfile, TravelTimeGraph> g = new EnumMap<>(TravelProfile.class);
        for (TravelProfile p : network.options().profiles()) {
            g.put(p, TravelTimeGraph.build(network, p));
        }
        return g;
    }

    /** The road network the graphs are of. */
    public RoadNetwork network() {
        return network;
    }

    /** The travel-time graph of a prepared profile (null for a profile the network did not prepare). */
    TravelTimeGraph graph(TravelProfile profile) {
        return graphs.get(profile);
    }

    /**
     * The hierarchy of a prepared profile, built now if not yet; empty when GraphHopper prepared no
     * node-based hierarchy for it (or the network did not prepare the profile).
     */
    public Optional<ContractionHierarchy> hierarchy(TravelProfile profile) {
        TravelTimeGraph graph = graphs.get(profile);
        if (graph == null) {
            return Optional.empty();
        }
        return hierarchies.computeIfAbsent(profile, p -> {
            try {
                return Optional.of(ContractionHierarchy.build(network, graph));
            } catch (IllegalStateException e) {
                return Optional.empty(); // no (node-based) hierarchy for this profile
            }
        });
    }
}
