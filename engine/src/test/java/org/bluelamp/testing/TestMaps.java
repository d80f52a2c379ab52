package org.bluelamp.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadNetworkOptions;

/**
 * Real OSM extracts for tests, and one opened {@link RoadNetwork} per extract shared by all tests
 * of a JVM (imports are cached under target/test-graph-cache).
 *
 * <p>The shared extracts live at {@code ../shared/map-data} beside the project. They are looked
 * for at {@code -Dbluelamp.shared.dir} (set by the build) and then in a {@code shared} folder
 * beside the working directory or any folder above it, so the map tests run wherever the extracts
 * exist, under CI or not, from Maven or from an IDE. Under {@code CI=true} a missing extract fails
 * the test; elsewhere the test is skipped with a message saying what is missing.
 */
public final class TestMaps {
    public static final String RUTLAND = "rutland-2022-07-20.osm.pbf";
    public static final String ANDORRA = "andorra-2013-05-28.osm.pbf";
    public static final String LEEDS_CITY_CENTRE = "leeds-city-centre-2024-03-22.osm";
    public static final String LONDON_ST_GEORGES = "london-st-georges-2024-03-22.osm";
    public static final String LEEDS_ITS = "leeds-its-2020-07-07.osm.pbf";

    private static final Map<String, RoadNetwork> OPEN = new ConcurrentHashMap<>();

    private TestMaps() {}

    /** Folder of the shared extracts: the first candidate that exists (see the class comment). */
    public static Path sharedMapDir() {
        List<Path> candidates = new ArrayList<>();
        String dir = System.getProperty("bluelamp.shared.dir");
        if (dir != null) {
            candidates.add(Path.of(dir).resolve("map-data"));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared").resolve("map-data"));
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c)) {
                return c.toAbsolutePath().normalize();
            }
        }
        return candidates.get(0).toAbsolutePath().normalize();
    }

    /** A shared extract by file name; fails under CI=true when missing, skips elsewhere. */
    public static Path shared(String fileName) {
        Path p = sharedMapDir().resolve(fileName);
        if (!Files.isRegularFile(p)) {
            String msg = "shared map extract " + p + " is missing (expected ../shared/map-data beside the project, "
                    + "or -Dbluelamp.shared.dir)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg + "; under CI=true this is a failure, not a skip");
            }
            System.err.println("SKIPPED: " + msg);
            assumeTrue(false, msg);
        }
        return p;
    }

    /** The embedded Monaco extract as unpacked by the build. */
    public static Path monaco() {
        String prop = System.getProperty("bluelamp.embedded.map");
        Path p = prop != null ? Path.of(prop) : Path.of("target", "embedded-map", "monaco-latest.osm.pbf");
        if (!Files.isRegularFile(p)) {
            fail("embedded Monaco extract " + p + " is missing: the build's unpack step did not run");
        }
        return p;
    }

    /** Graph caches for tests. */
    public static Path cacheRoot() {
        String prop = System.getProperty("bluelamp.test.cache.dir");
        return prop != null ? Path.of(prop) : Path.of("target", "test-graph-cache");
    }

    /** The shared, opened road network of an extract (all profiles, default options). */
    public static RoadNetwork network(Path extract) {
        return OPEN.computeIfAbsent(
                extract.toAbsolutePath().toString(),
                k -> RoadNetwork.open(extract, RoadNetworkOptions.defaults(cacheRoot())));
    }

    public static RoadNetwork rutland() {
        return network(shared(RUTLAND));
    }

    public static RoadNetwork monacoNetwork() {
        return network(monaco());
    }
}
