package org.bluelamp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadNetworkOptions;
import org.bluelamp.road.TravelProfile;

/**
 * The road networks benchmarks run on, opened once per JVM with the car profiles only:
 * {@code rutland} (real OSM, 11.5k nodes), {@code newyork} (the real DIMACS New York network,
 * 264k nodes) and {@code national} (a synthetic national-scale network, generated from a seed;
 * see {@code org.bluelamp.bench.synth}). Shared extracts are read from
 * {@code -Dbluelamp.shared.dir} (default {@code ../shared}); graph caches go to
 * {@code -Dbluelamp.bench.cache} (default {@code target/bench-graph-cache}). Graphs are sorted along
 * a Hilbert curve at import as served ({@link RoadNetworkOptions#sortGraph}); the same graphs in
 * the extract's import order, for measuring what the sort is worth, go to {@code
 * -Dbluelamp.bench.unsortedCache} (default the same folder; their cache key differs).
 */
public final class BenchNetworks {
    private static final Map<String, RoadNetwork> OPEN = new ConcurrentHashMap<>();

    private BenchNetworks() {}

    public static Path sharedMaps() {
        return Path.of(System.getProperty("bluelamp.shared.dir", "../shared")).resolve("map-data");
    }

    public static Path cacheRoot() {
        return Path.of(System.getProperty("bluelamp.bench.cache", "target/bench-graph-cache"));
    }

    /** The extract behind a network name. */
    public static Path extract(String name) {
        Path p = switch (name) {
            case "rutland" -> sharedMaps().resolve("rutland-2022-07-20.osm.pbf");
            case "newyork" -> sharedMaps().resolve("dimacs9-new-york.osm.pbf");
            case "national" -> NationalNetwork.ensure(cacheRoot());
            default ->
                throw new IllegalArgumentException("unknown network " + name + ": use rutland, newyork or national");
        };
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(
                    "extract " + p.toAbsolutePath() + " is missing (set -Dbluelamp.shared.dir)");
        }
        return p;
    }

    /** Where graphs imported unsorted are cached. */
    public static Path unsortedCacheRoot() {
        String dir = System.getProperty("bluelamp.bench.unsortedCache");
        return dir == null ? cacheRoot() : Path.of(dir);
    }

    public static RoadNetwork open(String name) {
        return open(name, true);
    }

    /**
     * The network {@code name}, its graph sorted along a Hilbert curve (as served) or in import order, in its steady
     * state: its snap index built and the index's snap cells settled (a large network builds them in the background,
     * which would otherwise compete with the measurement for the machine's cores).
     */
    public static RoadNetwork open(String name, boolean sortGraph) {
        return OPEN.computeIfAbsent(sortGraph ? name : name + "+unsorted", k -> {
            RoadNetwork net = openNetwork(name, sortGraph);
            awaitCells(net.snapIndex());
            return net;
        });
    }

    private static RoadNetwork openNetwork(String name, boolean sortGraph) {
        return RoadNetwork.open(
                extract(name),
                new RoadNetworkOptions(
                        sortGraph ? cacheRoot() : unsortedCacheRoot(),
                        RoadNetworkOptions.DEFAULT_MAX_SNAP_DISTANCE_METRES,
                        EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY),
                        sortGraph));
    }

    /**
     * The snap index's steady state for a measurement: waits (at most 10 min) for the cells a large network builds in
     * the background.
     */
    public static EdgeSnapIndex awaitCells(EdgeSnapIndex index) {
        try {
            if (!index.awaitCells(600_000)) {
                throw new IllegalStateException("the snap cells were not settled after 10 min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the snap cells", e);
        }
        return index;
    }
}
