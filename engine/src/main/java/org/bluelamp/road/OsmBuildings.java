package org.bluelamp.road;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.reader.osm.SkipOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * Where buildings are, read from an OpenStreetMap extract with GraphHopper's own OSM reader: one
 * point per building, the mean of its outline's vertices (a way tagged {@code building=*}, any
 * value but {@code no}), plus nodes tagged {@code building}. When an extract maps no buildings,
 * its address points (nodes with {@code addr:housenumber}) instead. Coverage uses them as the
 * proxy for demand when no incident history is given (see ARCHITECTURE.md for its limits).
 *
 * <p>Two passes over the file: building ways first (their vertex ids), then the nodes those ways
 * use. Memory grows with the buildings, not with the extract. Stateless; thread-safe.
 */
public final class OsmBuildings {
    /** What the points are. */
    public enum Kind {
        /** One point per mapped building. */
        BUILDINGS,
        /** The extract maps no buildings: one point per address node. */
        ADDRESSES,
        /** Neither: no points. */
        NONE
    }

    /**
     * Points read from an extract.
     *
     * @param latDeg latitude of each point
     * @param lonDeg longitude of each point
     * @param kind what they are
     * @param buildings buildings found (ways and nodes)
     * @param addresses address nodes found
     */
    public record Points(double[] latDeg, double[] lonDeg, Kind kind, int buildings, int addresses) {
        public Points {
            if (latDeg.length != lonDeg.length) {
                throw new IllegalArgumentException(latDeg.length + " latitudes, " + lonDeg.length + " longitudes");
            }
        }

        public int size() {
            return latDeg.length;
        }
    }

    private OsmBuildings() {}

    /**
     * Reads the buildings (or, without any, the address points) of an extract.
     *
     * @throws BluelampException INVALID_ARGUMENT naming "map" when the file cannot be read
     */
    public static Points read(Path extract) {
        if (!Files.isRegularFile(extract)) {
            throw BluelampException.invalid("map", "map extract " + extract + " does not exist or is not a file");
        }
        try {
            // pass 1: building ways and their vertex ids
            LongArrayList wayStart = new LongArrayList();
            LongArrayList vertices = new LongArrayList();
            LongIntHashMap wanted = new LongIntHashMap();
            try (OSMInputFile in = new OSMInputFile(extract.toFile())
                    .setWorkerThreads(1)
                    .setSkipOptions(new SkipOptions(true, false, true))
                    .open()) {
                for (ReaderElement e; (e = in.getNext()) != null; ) {
                    if (e instanceof ReaderWay w && isBuilding(w)) {
                        LongArrayList nodes = w.getNodes();
                        int n = nodes.size();
                        if (n > 1 && nodes.get(0) == nodes.get(n - 1)) {
                            n--; // a closed outline repeats its first vertex
                        }
                        if (n == 0) {
                            continue;
                        }
                        wayStart.add(vertices.size());
                        for (int i = 0; i < n; i++) {
                            vertices.add(nodes.get(i));
                            wanted.put(nodes.get(i), -1);
                        }
                    }
                }
            }
            wayStart.add(vertices.size());
            // pass 2: the vertices' coordinates, building nodes and address nodes
            double[] vLat = new double[wanted.size()];
            double[] vLon = new double[wanted.size()];
            int found = 0;
            double[] nodeLat = new double[64];
            double[] nodeLon = new double[64];
            int buildingNodes = 0;
            double[] addrLat = new double[64];
            double[] addrLon = new double[64];
            int addresses = 0;
            try (OSMInputFile in = new OSMInputFile(extract.toFile())
                    .setWorkerThreads(1)
                    .setSkipOptions(new SkipOptions(false, true, true))
                    .open()) {
                for (ReaderElement e; (e = in.getNext()) != null; ) {
                    if (!(e instanceof ReaderNode n)) {
                        continue;
                    }
                    int slot = wanted.indexOf(n.getId());
                    if (wanted.indexExists(slot)) {
                        vLat[found] = n.getLat();
                        vLon[found] = n.getLon();
                        wanted.indexReplace(slot, found++);
                    }
                    if (!n.hasTags()) {
                        continue;
                    }
                    if (isBuilding(n)) {
                        if (buildingNodes == nodeLat.length) {
                            nodeLat = Arrays.copyOf(nodeLat, buildingNodes * 2);
                            nodeLon = Arrays.copyOf(nodeLon, buildingNodes * 2);
                        }
                        nodeLat[buildingNodes] = n.getLat();
                        nodeLon[buildingNodes++] = n.getLon();
                    } else if (n.hasTag("addr:housenumber")) {
                        if (addresses == addrLat.length) {
                            addrLat = Arrays.copyOf(addrLat, addresses * 2);
                            addrLon = Arrays.copyOf(addrLon, addresses * 2);
                        }
                        addrLat[addresses] = n.getLat();
                        addrLon[addresses++] = n.getLon();
                    }
                }
            }
            int ways = wayStart.size() - 1;
            double[] lat = new double[ways + buildingNodes];
            double[] lon = new double[ways + buildingNodes];
            int m = 0;
            for (int w = 0; w < ways; w++) {
                double sumLat = 0;
                double sumLon = 0;
                int count = 0;
                for (long i = wayStart.get(w), end = wayStart.get(w + 1); i < end; i++) {
                    int v = wanted.get(vertices.get((int) i));
                    if (v >= 0) {
                        sumLat += vLat[v];
                        sumLon += vLon[v];
                        count++;
                    }
                }
                if (count > 0) { // an outline cut by the extract's edge may lose vertices, rarely all
                    lat[m] = sumLat / count;
                    lon[m++] = sumLon / count;
                }
            }
            System.arraycopy(nodeLat, 0, lat, m, buildingNodes);
            System.arraycopy(nodeLon, 0, lon, m, buildingNodes);
            m += buildingNodes;
            if (m > 0) {
                return new Points(Arrays.copyOf(lat, m), Arrays.copyOf(lon, m), Kind.BUILDINGS, m, addresses);
            }
            if (addresses > 0) {
                return new Points(
                        Arrays.copyOf(addrLat, addresses),
                        Arrays.copyOf(addrLon, addresses),
                        Kind.ADDRESSES,
                        0,
                        addresses);
            }
            return new Points(new double[0], new double[0], Kind.NONE, 0, 0);
        } catch (IOException | javax.xml.stream.XMLStreamException | RuntimeException e) {
            throw new BluelampException(
                    ErrorKind.INVALID_ARGUMENT,
                    "map",
                    "cannot read buildings from map extract " + extract + ": " + e.getMessage(),
                    e);
        }
    }

    private static boolean isBuilding(ReaderElement e) {
        String b = e.getTag("building", null);
        return b != null && !b.isEmpty() && !"no".equals(b);
    }
}
