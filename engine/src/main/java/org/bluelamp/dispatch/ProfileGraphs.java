package org.bluelamp.dispatch;

import java.util.EnumMap;
import java.util.Map;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgePlacer;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The road side of ranking, made once per dispatcher: one {@link TravelTimeGraph} (built, or
 * shared through {@link SharedRoadGraphs}) and one
 * {@link PlacementCache} per profile of the road network, and the {@link ReachBound} over all of
 * them. Whatever else searches the same graphs (coverage: a multi-source search from every unit)
 * should share these rather than build its own. Immutable after construction (the caches are
 * lock-free); thread-safe.
 */
final class ProfileGraphs {
    /** Latitude added around the graphs for units and incidents up to the snap limit outside them. */
    private static final double MARGIN_DEG = 0.05;

    private final Map<TravelProfile, TravelTimeGraph> graphs = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, EdgePlacer> placers = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, PlacementCache> placements = new EnumMap<>(TravelProfile.class);
    private final ReachBound reachBound;
    /** Per profile, the bound with that graph's own top speed and slack (for its units only). */
    private final Map<TravelProfile, ReachBound> profileReach = new EnumMap<>(TravelProfile.class);

    private final RoadNetwork network;

    ProfileGraphs(RoadNetwork network) {
        this(new SharedRoadGraphs(network));
    }

    /** Over graphs built once and shared (the caches are this object's own). */
    ProfileGraphs(SharedRoadGraphs shared) {
        RoadNetwork network = shared.network();
        this.network = network;
        double fastest = 0;
        double slack = 0;
        for (TravelProfile p : network.options().profiles()) {
            TravelTimeGraph g = shared.graph(p);
            graphs.put(p, g);
            EdgePlacer placer = network.snapIndex().placer(p);
            placers.put(p, placer);
            placements.put(
                    p,
                    PlacementCache.over(
                            network.snapIndex(), p, network.options().maxSnapDistanceMetres()));
            fastest = Math.max(fastest, g.maxMetresPerSecond());
            slack = Math.max(slack, g.speedSlackMetres());
        }
        GeoBounds b = network.bounds();
        double maxSnap = network.options().maxSnapDistanceMetres();
        double extent = GeoDistance.equirectangularMetres(b.minLatDeg(), b.minLonDeg(), b.maxLatDeg(), b.maxLonDeg())
                + 2 * maxSnap;
        double maxAbsLat = Math.min(90, b.maxAbsLatDeg() + MARGIN_DEG);
        this.reachBound = new ReachBound(maxSnap, fastest, slack, maxAbsLat, extent);
        for (Map.Entry<TravelProfile, TravelTimeGraph> e : graphs.entrySet()) {
            TravelTimeGraph g = e.getValue();
            profileReach.put(
                    e.getKey(),
                    new ReachBound(maxSnap, g.maxMetresPerSecond(), g.speedSlackMetres(), maxAbsLat, extent));
        }
    }

    /** The profile a unit of this kind travels with for this grade. */
    static TravelProfile profileFor(UnitKind kind, GradePolicy grade) {
        return switch (kind) {
            case CAR, VAN, MOTORCYCLE -> grade.carProfile();
            case FOOT -> TravelProfile.FOOT;
            case BICYCLE -> TravelProfile.BIKE;
        };
    }

    boolean has(TravelProfile profile) {
        return graphs.containsKey(profile);
    }

    /**
     * The travel-time graph of a profile.
     *
     * @throws BluelampException INVALID_ARGUMENT if the profile is not prepared on this network
     */
    TravelTimeGraph graph(TravelProfile profile) {
        TravelTimeGraph g = graphs.get(profile);
        if (g == null) {
            throw BluelampException.invalid("profile", "profile " + profile + " is not prepared on this road network");
        }
        return g;
    }

    /** Where each unit's latest position lies on a prepared profile's graph. */
    PlacementCache placements(TravelProfile profile) {
        return placements.get(profile);
    }

    /**
     * Places an incident on a prepared profile's graph (not cached: once per query and profile).
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code location}, with the distance, when
     *     the profile has no road within the snap limit
     */
    EdgePlacement placeIncident(TravelProfile profile, GeoPoint location) {
        return placers.get(profile).place("location", location);
    }

    /**
     * Places an incident on the nearest edge of a profile that is not in {@code closedEdges}: where
     * units reach an incident inside a closure.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code location} when no open road is within
     *     the snap limit
     */
    EdgePlacement placeIncidentAvoiding(TravelProfile profile, GeoPoint location, long[] closedEdges) {
        return network.place(profile, "location", location, closedEdges);
    }

    /** The bound for units of every profile (the graphs' largest top speed and slack). */
    ReachBound reachBound() {
        return reachBound;
    }

    /** The bound for units of one prepared profile (its graph's own top speed and slack). */
    ReachBound reachBound(TravelProfile profile) {
        return profileReach.get(profile);
    }

    /** Unit positions snapped so far, over all profiles. */
    long snapCount() {
        long n = 0;
        for (PlacementCache c : placements.values()) {
            n += c.snapCount();
        }
        return n;
    }

    /** Unit positions snapped at intake so far ({@link IntakePlacement}), over all profiles. */
    long intakeSnapCount() {
        long n = 0;
        for (PlacementCache c : placements.values()) {
            n += c.intakeSnapCount();
        }
        return n;
    }
}
