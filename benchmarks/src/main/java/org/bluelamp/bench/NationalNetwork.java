package org.bluelamp.bench;

import java.nio.file.Path;

/** Where the synthetic national network comes from (filled in when the generator lands). */
final class NationalNetwork {
    private NationalNetwork() {
    }

    static Path ensure(Path cacheRoot) {
        String given = System.getProperty("bluelamp.national.pbf");
        if (given != null) {
            return Path.of(given);
        }
        throw new IllegalStateException("no synthetic national network: pass -Dbluelamp.national.pbf=<file>");
    }
}
