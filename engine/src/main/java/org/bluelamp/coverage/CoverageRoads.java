package org.bluelamp.coverage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The road network as coverage sees it: the travel-time graph of each profile, the main network of
 * a profile, placing points on roads, and edge shapes. A {@link RoadNetwork} is one ({@link #of});
 * tests draw small graphs by hand behind the same interface. Implementations are thread-safe.
 */
public interface CoverageRoads {
    /** The prepared profiles. */
    List<TravelProfile> profiles();

    /** The graph of a prepared profile. */
    TravelTimeGraph graph(TravelProfile profile);

    /** Edges of a profile's main network as a bit set over edge ids (see {@link RoadNetwork#mainNetworkEdges}). */
    long[] mainNetworkEdges(TravelProfile profile);

    /**
     * Places a point on a profile's graph.
     *
     * @throws org.bluelamp.error.BluelampException INVALID_ARGUMENT naming {@code field} when no
     *     road the profile may use is within the snap limit
     */
    EdgePlacement place(TravelProfile profile, String field, GeoPoint point);

    /**
     * Places a point on the nearest edge of a profile's graph that is not closed (where a demand
     * point on a closed road is reached). The default places as {@link #place(TravelProfile, String,
     * GeoPoint)} and refuses the placement when its edge is closed.
     *
     * @param closedEdges closed edges as bits, or null
     * @throws org.bluelamp.error.BluelampException INVALID_ARGUMENT naming {@code field} when no
     *     open road the profile may use is within the snap limit
     */
    default EdgePlacement place(TravelProfile profile, String field, GeoPoint point, long[] closedEdges) {
        EdgePlacement p = place(profile, field, point);
        if (closedEdges != null && (closedEdges[p.edgeId() >>> 6] & (1L << p.edgeId())) != 0) {
            throw org.bluelamp.error.BluelampException.invalid(field, field + " " + point + ": its road is closed");
        }
        return p;
    }

    /** The shape of an edge from base to adjacent node, as {lats, lons}. */
    double[][] edgeGeometry(int edge);

    /**
     * The contraction hierarchy GraphHopper prepared for a profile, over {@link #graph}, or null
     * (none prepared, or roads drawn by hand): with one, evaluations without road conditions run
     * the hierarchy's sweep (see {@link ManyToAllSearch}). The default has none.
     */
    default ContractionHierarchy hierarchy(TravelProfile profile) {
        return null;
    }

    /**
     * A road network's roads, with the graphs given (the dispatcher's own, {@code dispatcher::graph},
     * so that ranking and coverage share them) or built here when {@code graphs} is null.
     */
    static CoverageRoads of(RoadNetwork network, Function<TravelProfile, TravelTimeGraph> graphs) {
        return of(network, graphs, null);
    }

    /**
     * A road network's roads, with the graphs given (as {@link #of(RoadNetwork, Function)}) and the
     * hierarchies given ({@code dispatcher::hierarchy}: null for a profile without one), so that a
     * service or a simulation holds one hierarchy and one sweep order per profile; built here on
     * first use when {@code hierarchies} is null. A given hierarchy must be over the given graph.
     */
    static CoverageRoads of(
            RoadNetwork network,
            Function<TravelProfile, TravelTimeGraph> graphs,
            Function<TravelProfile, ContractionHierarchy> hierarchies) {
        Objects.requireNonNull(network, "network");
        Map<TravelProfile, TravelTimeGraph> built = new EnumMap<>(TravelProfile.class);
        for (TravelProfile p : network.options().profiles()) {
            built.put(p, graphs != null ? graphs.apply(p) : TravelTimeGraph.build(network, p));
        }
        List<TravelProfile> profiles = List.copyOf(built.keySet());
        Map<TravelProfile, Optional<ContractionHierarchy>> made = new ConcurrentHashMap<>();
        return new CoverageRoads() {
            @Override
            public ContractionHierarchy hierarchy(TravelProfile profile) {
                TravelTimeGraph graph = built.get(profile);
                if (graph == null) {
                    return null;
                }
                return made.computeIfAbsent(profile, p -> {
                            if (hierarchies != null) {
                                return Optional.ofNullable(hierarchies.apply(p));
                            }
                            try {
                                return Optional.of(ContractionHierarchy.build(network, graph));
                            } catch (IllegalStateException e) {
                                return Optional.empty(); // no (node-based) hierarchy for this profile
                            }
                        })
                        .orElse(null);
            }

            @Override
            public List<TravelProfile> profiles() {
                return profiles;
            }

            @Override
            public TravelTimeGraph graph(TravelProfile profile) {
                return built.get(profile);
            }

            @Override
            public long[] mainNetworkEdges(TravelProfile profile) {
                return network.mainNetworkEdges(profile);
            }

            @Override
            public EdgePlacement place(TravelProfile profile, String field, GeoPoint point) {
                return network.place(profile, field, point);
            }

            @Override
            public EdgePlacement place(TravelProfile profile, String field, GeoPoint point, long[] closedEdges) {
                return network.place(profile, field, point, closedEdges);
            }

            @Override
            public double[][] edgeGeometry(int edge) {
                return network.edgeGeometry(edge);
            }
        };
    }
}
