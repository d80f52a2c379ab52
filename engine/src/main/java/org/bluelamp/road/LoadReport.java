package org.bluelamp.road;

import java.nio.file.Path;

/**
 * What opening a road network did and how long it took. Immutable.
 *
 * @param extract the OSM extract read
 * @param extractSha256 its SHA-256, hex; part of the cache key
 * @param cacheDir the graph cache folder used
 * @param imported true when the cache was (re)built from the extract, false when reused
 * @param importMillis wall time of the import and preparation, 0 when reused
 * @param loadMillis wall time of loading the prepared cache into memory
 * @param nodes junctions (and dead ends) in the road graph
 * @param edges road segments in the road graph
 */
public record LoadReport(
        Path extract,
        String extractSha256,
        Path cacheDir,
        boolean imported,
        long importMillis,
        long loadMillis,
        int nodes,
        int edges) {}
