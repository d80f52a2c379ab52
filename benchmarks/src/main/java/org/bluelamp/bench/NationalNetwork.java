package org.bluelamp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluelamp.bench.synth.SyntheticRoadNetwork;

/**
 * The synthetic national network for benchmarks: 2,000,000 junctions, seed 42, generated once
 * into the benchmark cache folder (about 20 s) unless {@code -Dbluelamp.national.pbf} names a file.
 */
final class NationalNetwork {
    static final int JUNCTIONS = 2_000_000;
    static final long SEED = 42;

    private NationalNetwork() {}

    static Path ensure(Path cacheRoot) {
        String given = System.getProperty("bluelamp.national.pbf");
        if (given != null) {
            return Path.of(given);
        }
        Path file = cacheRoot.resolve("synthetic-national-" + JUNCTIONS + "-seed" + SEED + ".osm.pbf");
        if (!Files.isRegularFile(file)) {
            try {
                Files.createDirectories(cacheRoot);
                SyntheticRoadNetwork.main(new String[] {
                    "--junctions", String.valueOf(JUNCTIONS), "--seed", String.valueOf(SEED), "--out", file.toString()
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("generating the synthetic national network failed: " + e, e);
            }
        }
        return file;
    }
}
