package org.bluelamp.cli;

import java.nio.file.Path;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.road.EmbeddedMap;
import org.bluelamp.road.ImportProgress;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadNetworkOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that opens a road network; opening shows import progress on
 * standard error when it is a terminal ({@link ProgressLine}), unless {@code --quiet}.
 *
 * <p>A picocli mixin; one instance per invocation, not thread-safe.
 */
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
            description = "Furthest a point may be from a usable road, more than 0 and at most 100000 "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "" + RoadNetworkOptions.DEFAULT_MAX_SNAP_DISTANCE_METRES)
    double maxSnapMetres;

    @Option(
            names = {"-q", "--quiet"},
            description = "No import progress on standard error (it is shown only on a terminal anyway).")
    boolean quiet;

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

    /** Opens the map, with progress on the command's standard error when it is a terminal. */
    RoadNetwork open(CommandSpec spec) {
        if (!(maxSnapMetres > 0 && maxSnapMetres <= 100_000)) {
            throw BluelampException.invalid(
                    "--max-snap-metres",
                    "--max-snap-metres must be more than 0 and at most 100000, got "
                            + Echo.capped(String.valueOf(maxSnapMetres)));
        }
        Path extract = extract();
        ImportProgress progress = quiet || !Terminal.stderrIsTerminal()
                ? ImportProgress.NONE
                : new ProgressLine(
                        spec.commandLine().getErr(), extract.getFileName().toString(), System::nanoTime, true);
        return RoadNetwork.open(
                extract, RoadNetworkOptions.defaults(cacheRoot()).withMaxSnapDistanceMetres(maxSnapMetres), progress);
    }
}
