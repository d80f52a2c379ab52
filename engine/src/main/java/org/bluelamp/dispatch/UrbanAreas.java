package org.bluelamp.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Utf8Text;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Urban areas, which decide whether an incident gets a grade's urban or rural attendance target:
 * polygons from GeoJSON files, queried with JTS point-in-polygon over an STR-tree of indexed
 * locators. A point in no polygon is rural. The shipped areas (map-data/config/urban-areas) are
 * derived from OpenStreetMap built-up land by map-data/tools/DeriveUrbanAreas.java. Built once;
 * immutable and thread-safe afterwards.
 */
public final class UrbanAreas {
    private static final String INDEX = "/map-data/config/urban-areas/index.txt";
    /** Reads GeoJSON; Jackson's mapper is thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final STRtree index = new STRtree();
    private final int count;
    private final List<Geometry> polygons;

    private UrbanAreas(List<Geometry> polygons) {
        this.polygons = List.copyOf(polygons);
        for (Geometry g : polygons) {
            index.insert(g.getEnvelopeInternal(), new IndexedPointInAreaLocator(g));
        }
        index.build();
        count = polygons.size();
    }

    /** No urban areas: every incident is rural. */
    public static UrbanAreas none() {
        return new UrbanAreas(List.of());
    }

    /** The shipped urban areas (every file listed in map-data/config/urban-areas/index.txt). */
    public static UrbanAreas loadDefault() {
        List<Geometry> all = new ArrayList<>();
        try (InputStream in = UrbanAreas.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing from the class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.trim();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                String resource = "/map-data/config/urban-areas/" + name;
                try (InputStream f = UrbanAreas.class.getResourceAsStream(resource)) {
                    if (f == null) {
                        throw new IllegalStateException(resource + " is listed but missing");
                    }
                    all.addAll(geometries(new String(f.readAllBytes(), StandardCharsets.UTF_8), resource));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped urban areas: " + e.getMessage(), e);
        }
        return new UrbanAreas(all);
    }

    /**
     * Loads urban areas from a GeoJSON file (a FeatureCollection, Feature or bare geometry of
     * Polygons or MultiPolygons in WGS84 longitude/latitude).
     *
     * @throws BluelampException INVALID_ARGUMENT naming the file and what is wrong
     */
    public static UrbanAreas load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(
                    "urbanAreas", "urban areas file " + file + " does not exist or is not a file");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BluelampException.invalid(
                    "urbanAreas", "cannot read urban areas file " + file + ": " + e.getMessage());
        }
        return parse(content, file.toString());
    }

    /**
     * Loads urban areas from a GeoJSON file's content, in memory: what {@link #load} does once the
     * file is read, with the same messages.
     *
     * @param content the file's bytes, UTF-8
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the file and what is wrong (bytes that are
     *     not UTF-8 included)
     */
    public static UrbanAreas parse(byte[] content, String source) {
        String json = Utf8Text.strict(content, "urbanAreas", "urban areas file " + source);
        return new UrbanAreas(geometries(json, source));
    }

    static List<Geometry> geometries(String json, String source) {
        List<Geometry> out = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(json);
            GeoJsonReader reader = new GeoJsonReader();
            List<JsonNode> geometries = new ArrayList<>();
            switch (root.path("type").asText()) {
                case "FeatureCollection" -> root.path("features").forEach(f -> geometries.add(f.path("geometry")));
                case "Feature" -> geometries.add(root.path("geometry"));
                default -> geometries.add(root);
            }
            int i = 0;
            for (JsonNode g : geometries) {
                Geometry geom = reader.read(g.toString());
                if (!(geom instanceof Polygonal)) {
                    throw BluelampException.invalid(
                            "urbanAreas",
                            source + ": feature " + i + " is a " + geom.getGeometryType()
                                    + "; urban areas must be Polygons or MultiPolygons");
                }
                if (!geom.isValid()) {
                    geom = geom.buffer(0);
                }
                out.add(geom);
                i++;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BluelampException.invalid("urbanAreas", source + " is not valid JSON: " + PolicyBook.jsonError(e));
        } catch (IOException | ParseException | RuntimeException e) {
            if (e instanceof BluelampException be) {
                throw be;
            }
            // a JTS parse error says what is wrong; anything else is a geometry of the wrong shape
            String why = e instanceof ParseException && e.getMessage() != null
                    ? e.getMessage().lines().findFirst().orElse("")
                    : "a geometry is missing or not of the GeoJSON form {\"type\":\"Polygon\",\"coordinates\":[...]}";
            throw BluelampException.invalid("urbanAreas", source + " is not valid GeoJSON: " + why);
        }
        return out;
    }

    /** Whether a point lies in (or on the edge of) an urban area. */
    public boolean isUrban(GeoPoint p) {
        Coordinate c = new Coordinate(p.lonDeg(), p.latDeg());
        for (Object o : index.query(new org.locationtech.jts.geom.Envelope(c))) {
            if (((IndexedPointInAreaLocator) o).locate(c) != Location.EXTERIOR) {
                return true;
            }
        }
        return false;
    }

    /** The polygons (JTS, longitude/latitude): what road conditions' congestion profile calls urban. */
    public List<Geometry> polygons() {
        return polygons;
    }

    /** Number of polygons. */
    public int size() {
        return count;
    }
}
