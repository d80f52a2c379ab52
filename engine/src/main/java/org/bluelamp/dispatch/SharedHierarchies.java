package org.bluelamp.dispatch;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The contraction hierarchies of one road network's profiles, each built on first use and then
 * shared by every dispatcher over that network that is given this object (the simulator's runs:
 * one dispatcher per run, many runs per world). Without it each dispatcher builds its own, which on
 * New York costs seconds per profile and run. A hierarchy is immutable once built, so sharing it
 * changes no answer; each dispatcher keeps its own buckets over it.
 *
 * <p>Thread-safe: built at most once per profile ({@link ConcurrentHashMap#computeIfAbsent}).
 */
public final class SharedHierarchies {
    private final RoadNetwork network;
    private final ConcurrentHashMap<TravelProfile, Optional<ContractionHierarchy>> built = new ConcurrentHashMap<>();

    /** Hierarchies of {@code network}'s profiles, none built yet. */
    public SharedHierarchies(RoadNetwork network) {
        this.network = java.util.Objects.requireNonNull(network, "network");
    }

    /** The road network the hierarchies are of. */
    public RoadNetwork network() {
        return network;
    }

    /**
     * The hierarchy of {@code graph}'s profile (a travel-time graph of this network), built now if
     * not yet; empty when GraphHopper prepared no node-based hierarchy for the profile.
     */
    public Optional<ContractionHierarchy> of(TravelProfile profile, TravelTimeGraph graph) {
        return built.computeIfAbsent(profile, p -> {
            try {
                return Optional.of(ContractionHierarchy.build(network, graph));
            } catch (IllegalStateException e) {
                return Optional.empty(); // no (node-based) hierarchy for this profile
            }
        });
    }
}
