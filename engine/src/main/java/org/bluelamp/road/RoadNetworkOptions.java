package org.bluelamp.road;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.error.BluelampException;

/**
 * How to open a road network. Immutable; rejects bad values at once.
 *
 * @param cacheRoot folder under which each extract's graph cache lives (one sub-folder per
 *     extract checksum and profile set)
 * @param maxSnapDistanceMetres the furthest a point may lie from a road its profile may use;
 *     a point further away is refused rather than snapped across a river or a field
 * @param profiles the profiles to prepare
 * @param sortGraph whether the import renumbers the road graph's nodes (and so its edges) along a
 *     Hilbert curve ({@code GraphHopper.setSortGraph}, GraphHopper 11's default), so that junctions
 *     near each other on the map lie near each other in the node arrays a search reads. On by
 *     default (every cache built before this option was sorted); off keeps the extract's import
 *     order, for measuring what the sort is worth. Part of the graph cache's key, so a sorted and
 *     an unsorted import never share a folder. Travel times are the same either way; node and edge
 *     ids differ
 */
public record RoadNetworkOptions(
        Path cacheRoot, double maxSnapDistanceMetres, Set<TravelProfile> profiles, boolean sortGraph) {

    /** Default maximum snap distance: 500 m, generous for GPS error plus a yard or a car park. */
    public static final double DEFAULT_MAX_SNAP_DISTANCE_METRES = 500.0;

    public RoadNetworkOptions {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        if (!(maxSnapDistanceMetres > 0 && maxSnapDistanceMetres <= 100_000)) {
            throw BluelampException.invalid(
                    "maxSnapDistanceMetres",
                    "maxSnapDistanceMetres must be between 0 (exclusive) and 100000 metres, got "
                            + maxSnapDistanceMetres);
        }
        if (profiles == null || profiles.isEmpty()) {
            throw BluelampException.invalid("profiles", "at least one travel profile is needed");
        }
        profiles = Set.copyOf(EnumSet.copyOf(profiles));
    }

    /** Options with the graph sorted along a Hilbert curve at import, as it always was. */
    public RoadNetworkOptions(Path cacheRoot, double maxSnapDistanceMetres, Set<TravelProfile> profiles) {
        this(cacheRoot, maxSnapDistanceMetres, profiles, true);
    }

    /** All profiles, the default snap distance, caches under {@code cacheRoot}. */
    public static RoadNetworkOptions defaults(Path cacheRoot) {
        return new RoadNetworkOptions(cacheRoot, DEFAULT_MAX_SNAP_DISTANCE_METRES, EnumSet.allOf(TravelProfile.class));
    }

    /** A copy with another maximum snap distance. */
    public RoadNetworkOptions withMaxSnapDistanceMetres(double metres) {
        return new RoadNetworkOptions(cacheRoot, metres, profiles, sortGraph);
    }

    /** A copy with the graph sorted along a Hilbert curve at import, or not. */
    public RoadNetworkOptions withSortGraph(boolean sort) {
        return new RoadNetworkOptions(cacheRoot, maxSnapDistanceMetres, profiles, sort);
    }
}
