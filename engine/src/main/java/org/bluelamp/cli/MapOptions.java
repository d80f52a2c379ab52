package org.bluelamp.cli;

import java.nio.file.Path;
import org.bluelamp.road.EmbeddedMap;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadNetworkOptions;
import picocli.CommandLine.Option;

/** Options shared by every command that opens a road network. */
final class MapOptions {
    @Option(
            names = "--map",
            paramLabel = "<extract>",
            description = "OpenStreetMap extract (.osm.pbf or .osm). Default: the embedded Monaco extract.")
    Path map;

    @Option(
            names = "--cache-dir",
            paramLabel = "<dir>",
            description = "Folder for graph caches (default: $BLUELAMP_CACHE_DIR or ./graph-cache).")
    Path cacheDir;

    @Option(
            names = "--max-snap-metres",
            paramLabel = "<metres>",
            description = "Furthest a point may be from a usable road (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + RoadNetworkOptions.DEFAULT_MAX_SNAP_DISTANCE_METRES)
    double maxSnapMetres;

    Path cacheRoot() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String env = System.getenv("BLUELAMP_CACHE_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("graph-cache");
    }

    Path extract() {
        return map != null ? map : EmbeddedMap.extractTo(cacheRoot().resolve("embedded"));
    }

    RoadNetwork open() {
        return RoadNetwork.open(
                extract(), RoadNetworkOptions.defaults(cacheRoot()).withMaxSnapDistanceMetres(maxSnapMetres));
    }
}
