package org.bluelamp.road;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * The map every build carries: the real OpenStreetMap extract of Monaco (2021-04-21), unpacked
 * from Maven Central at build time and packed into the engine's jar. Used whenever no extract is
 * given, so a fresh checkout always has a real road network to run on. © OpenStreetMap
 * contributors, ODbL 1.0. Stateless and thread-safe.
 */
public final class EmbeddedMap {
    /** The extract's file name. */
    public static final String FILE_NAME = "monaco-latest.osm.pbf";

    private static final String RESOURCE = "/map-data/embedded/" + FILE_NAME;

    private EmbeddedMap() {}

    /**
     * Copies the embedded extract into {@code dir} (once; an identical copy is kept) and returns
     * its path.
     */
    public static Path extractTo(Path dir) {
        try (InputStream in = EmbeddedMap.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "map",
                        "the embedded map " + RESOURCE
                                + " is missing from the class path; rebuild with ./mvnw package");
            }
            byte[] bytes = in.readAllBytes();
            Files.createDirectories(dir);
            Path target = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(target)
                    && Files.size(target) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "cacheDir",
                    "cannot write the embedded map into " + dir + ": " + e.getMessage(),
                    e);
        }
    }
}
