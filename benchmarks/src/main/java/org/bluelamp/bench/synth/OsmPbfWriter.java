package org.bluelamp.bench.synth;

import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/**
 * Writes the network as an OpenStreetMap PBF file, streamed block by block: an {@code OSMHeader}
 * blob (features {@code OsmSchema-V0.6} and {@code DenseNodes}), then {@code OSMData} blobs of
 * {@value #NODES_PER_BLOCK} dense nodes each, then blobs of {@value #WAYS_PER_BLOCK} ways. Each blob
 * is zlib-compressed and framed as the format requires: a 4-byte big-endian length, the
 * {@code BlobHeader}, the {@code Blob}.
 *
 * <p>Node ids follow a Morton (Z-order) curve over the area, so neighbouring nodes have close ids
 * and the delta-coded blocks compress well; way ids follow the order of {@link WayBuilder}. Both
 * start at 1. Nodes carry no tags; ways carry {@code highway}, {@code oneway=yes} where one-way, and
 * {@code maxspeed} ({@code 30 mph} in settlements, {@code 70 mph} on motorways; elsewhere
 * GraphHopper's defaults per class apply). No timestamps or user data, so the bytes depend only on
 * the network. Stateless.
 */
final class OsmPbfWriter {
    static final int NODES_PER_BLOCK = 8_000;
    static final int WAYS_PER_BLOCK = 8_000;
    /** GraphHopper's earth radius, so that distances on the projected plane match its haversine. */
    static final double METRES_PER_DEGREE = 6_371_000 * Math.PI / 180;
    /** The header's replication timestamp, seconds: 2025-01-01T00:00:00Z (fixed for determinism). */
    static final long TIMESTAMP_SECONDS = 1_735_689_600L;

    private static final String[] WAY_STRINGS;
    private static final int HIGHWAY = 1, ONEWAY = 2, YES = 3, MAXSPEED = 4, MPH_30 = 5, MPH_70 = 6, FIRST_CLASS = 7;

    static {
        Highway[] classes = Highway.values();
        WAY_STRINGS = new String[FIRST_CLASS + classes.length];
        String[] fixed = {"", "highway", "oneway", "yes", "maxspeed", "30 mph", "70 mph"};
        System.arraycopy(fixed, 0, WAY_STRINGS, 0, fixed.length);
        for (Highway h : classes) WAY_STRINGS[FIRST_CLASS + h.ordinal()] = h.osmValue();
    }

    private OsmPbfWriter() {}

    /** Latitude and longitude of every vertex in units of 1e-7 degrees. */
    record Coordinates(int[] latE7, int[] lonE7) {
        static Coordinates project(RoadGraph g, NetworkSpec spec) {
            int n = g.vertexCount();
            int[] lat = new int[n], lon = new int[n];
            double half = spec.sideMetres() / 2;
            for (int v = 0; v < n; v++) {
                double latDeg = spec.centreLatitude() + (g.y(v) - half) / METRES_PER_DEGREE;
                double lonDeg = spec.centreLongitude()
                        + (g.x(v) - half) / (METRES_PER_DEGREE * StrictMath.cos(Math.toRadians(latDeg)));
                lat[v] = (int) Math.round(latDeg * 1e7);
                lon[v] = (int) Math.round(lonDeg * 1e7);
            }
            return new Coordinates(lat, lon);
        }
    }

    /** Writes the file; returns its size in bytes. */
    static long write(Path file, RoadGraph g, WayBuilder ways, Coordinates c) throws IOException {
        int n = g.vertexCount();
        int minLat = Integer.MAX_VALUE,
                maxLat = Integer.MIN_VALUE,
                minLon = Integer.MAX_VALUE,
                maxLon = Integer.MIN_VALUE;
        for (int v = 0; v < n; v++) {
            minLat = Math.min(minLat, c.latE7[v]);
            maxLat = Math.max(maxLat, c.latE7[v]);
            minLon = Math.min(minLon, c.lonE7[v]);
            maxLon = Math.max(maxLon, c.lonE7[v]);
        }
        // node ids along a Z-order curve
        long[] keys = new long[n];
        double spanLat = Math.max(1, (double) maxLat - minLat), spanLon = Math.max(1, (double) maxLon - minLon);
        for (int v = 0; v < n; v++) {
            int qx = (int) ((c.lonE7[v] - (double) minLon) / spanLon * 65535);
            int qy = (int) ((c.latE7[v] - (double) minLat) / spanLat * 65535);
            keys[v] = (interleave(qx, qy) << 31) | v;
        }
        Arrays.sort(keys);
        int[] vertexAt = new int[n];
        long[] nodeIdOf = new long[n];
        for (int r = 0; r < n; r++) {
            int v = (int) (keys[r] & 0x7fffffffL);
            vertexAt[r] = v;
            nodeIdOf[v] = r + 1;
        }
        keys = null;

        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        byte[] buffer = new byte[1 << 16];
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            Osmformat.HeaderBlock header = Osmformat.HeaderBlock.newBuilder()
                    .setBbox(Osmformat.HeaderBBox.newBuilder()
                            .setLeft(minLon * 100L)
                            .setRight(maxLon * 100L)
                            .setTop(maxLat * 100L)
                            .setBottom(minLat * 100L))
                    .addRequiredFeatures("OsmSchema-V0.6")
                    .addRequiredFeatures("DenseNodes")
                    .setWritingprogram("bluelamp-synth")
                    .setSource("synthetic road network (org.bluelamp.bench.synth)")
                    .setOsmosisReplicationTimestamp(TIMESTAMP_SECONDS)
                    .build();
            writeBlob(out, "OSMHeader", header.toByteArray(), deflater, buffer);

            Osmformat.StringTable emptyTable =
                    Osmformat.StringTable.newBuilder().addS(ByteString.EMPTY).build();
            for (int from = 0; from < n; from += NODES_PER_BLOCK) {
                int to = Math.min(n, from + NODES_PER_BLOCK);
                Osmformat.DenseNodes.Builder dense = Osmformat.DenseNodes.newBuilder();
                long lastId = 0, lastLat = 0, lastLon = 0;
                for (int r = from; r < to; r++) {
                    int v = vertexAt[r];
                    dense.addId(r + 1 - lastId);
                    dense.addLat(c.latE7[v] - lastLat);
                    dense.addLon(c.lonE7[v] - lastLon);
                    lastId = r + 1;
                    lastLat = c.latE7[v];
                    lastLon = c.lonE7[v];
                }
                Osmformat.PrimitiveBlock block = Osmformat.PrimitiveBlock.newBuilder()
                        .setStringtable(emptyTable)
                        .addPrimitivegroup(Osmformat.PrimitiveGroup.newBuilder().setDense(dense))
                        .build();
                writeBlob(out, "OSMData", block.toByteArray(), deflater, buffer);
            }

            Osmformat.StringTable.Builder wayTable = Osmformat.StringTable.newBuilder();
            for (String s : WAY_STRINGS) wayTable.addS(ByteString.copyFrom(s, StandardCharsets.UTF_8));
            Osmformat.StringTable wayStrings = wayTable.build();
            for (int from = 0; from < ways.wayCount; from += WAYS_PER_BLOCK) {
                int to = Math.min(ways.wayCount, from + WAYS_PER_BLOCK);
                Osmformat.PrimitiveGroup.Builder group = Osmformat.PrimitiveGroup.newBuilder();
                for (int w = from; w < to; w++) {
                    int tag = ways.tagKey[w];
                    Highway cls = WayBuilder.highwayOf(tag);
                    Osmformat.Way.Builder way = group.addWaysBuilder().setId(w + 1L);
                    way.addKeys(HIGHWAY).addVals(FIRST_CLASS + cls.ordinal());
                    if (WayBuilder.onewayOf(tag)) way.addKeys(ONEWAY).addVals(YES);
                    if (cls == Highway.MOTORWAY) way.addKeys(MAXSPEED).addVals(MPH_70);
                    else if (WayBuilder.urbanOf(tag)) way.addKeys(MAXSPEED).addVals(MPH_30);
                    long last = 0;
                    for (int i = ways.start[w]; i < ways.start[w + 1]; i++) {
                        long id = nodeIdOf[ways.nodes[i]];
                        way.addRefs(id - last);
                        last = id;
                    }
                }
                Osmformat.PrimitiveBlock block = Osmformat.PrimitiveBlock.newBuilder()
                        .setStringtable(wayStrings)
                        .addPrimitivegroup(group)
                        .build();
                writeBlob(out, "OSMData", block.toByteArray(), deflater, buffer);
            }
        } finally {
            deflater.end();
        }
        return Files.size(file);
    }

    private static void writeBlob(DataOutputStream out, String type, byte[] raw, Deflater deflater, byte[] buffer)
            throws IOException {
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteString.Output compressed = ByteString.newOutput(raw.length / 3 + 64);
        while (!deflater.finished()) {
            int len = deflater.deflate(buffer);
            compressed.write(buffer, 0, len);
        }
        byte[] blob = Fileformat.Blob.newBuilder()
                .setRawSize(raw.length)
                .setZlibData(compressed.toByteString())
                .build()
                .toByteArray();
        byte[] blobHeader = Fileformat.BlobHeader.newBuilder()
                .setType(type)
                .setDatasize(blob.length)
                .build()
                .toByteArray();
        out.writeInt(blobHeader.length);
        out.write(blobHeader);
        out.write(blob);
    }

    /** Interleaves the low 16 bits of x and y (x in the even bits). */
    static long interleave(int x, int y) {
        long z = 0;
        for (int i = 0; i < 16; i++) {
            z |= (long) ((x >> i) & 1) << (2 * i);
            z |= (long) ((y >> i) & 1) << (2 * i + 1);
        }
        return z;
    }
}
