package org.bluelamp.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Beats (or sectors): the areas a force reports coverage by, as polygons from a GeoJSON
 * FeatureCollection whose features carry an {@code id} (or {@code name}) property. A point in
 * several beats belongs to the first listed; a point in none to no beat. Built once; immutable and
 * thread-safe afterwards.
 */
public final class Beats {
    /** One beat. */
    public record Beat(String id, String name, Geometry polygon) {}

    private final List<Beat> beats;
    private final STRtree index = new STRtree();

    private Beats(List<Beat> beats) {
        this.beats = List.copyOf(beats);
        for (int i = 0; i < beats.size(); i++) {
            index.insert(beats.get(i).polygon().getEnvelopeInternal(), i);
        }
        index.build();
        locators = new IndexedPointInAreaLocator[beats.size()];
        for (int i = 0; i < beats.size(); i++) {
            locators[i] = new IndexedPointInAreaLocator(beats.get(i).polygon());
        }
    }

    private final IndexedPointInAreaLocator[] locators;

    /** No beats. */
    public static Beats none() {
        return new Beats(List.of());
    }

    /**
     * Reads beats from a GeoJSON file.
     *
     * @param field the option or field that named the file, for errors
     * @throws BluelampException INVALID_ARGUMENT naming {@code field}, the file and the feature
     */
    public static Beats load(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(
                    field, field + " file " + Echo.quote(file.toString()) + " does not exist or is not a file");
        }
        try {
            return parse(Files.readString(file), field + " " + file, field);
        } catch (IOException e) {
            throw BluelampException.invalid(field, field + " file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses beats from GeoJSON text.
     *
     * @param source how to name the text in errors (e.g. the option and file)
     * @param field the field errors name
     */
    public static Beats parse(String json, String source, String field) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw BluelampException.invalid(field, source + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw BluelampException.invalid(
                    field,
                    source + " must be a GeoJSON FeatureCollection of Polygon or MultiPolygon features with an"
                            + " \"id\" or \"name\" property");
        }
        List<Beat> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        GeoJsonReader reader = new GeoJsonReader();
        int i = 0;
        for (JsonNode f : root.path("features")) {
            String path = source + ": features[" + i + "]";
            JsonNode props = f.path("properties");
            String id = props.path("id").isTextual() || props.path("id").isNumber()
                    ? props.path("id").asText()
                    : props.path("name").asText("");
            if (id.isEmpty()) {
                throw BluelampException.invalid(field, path + " has no \"id\" or \"name\" property");
            }
            String why = Ids.problem(id);
            if (why != null) {
                throw BluelampException.invalid(field, path + ": id " + Echo.quote(id) + " is not a valid id: " + why);
            }
            if (!ids.add(id)) {
                throw BluelampException.invalid(field, path + ": beat id " + Echo.quote(id) + " is listed twice");
            }
            String name = props.path("name").asText(id);
            Geometry g;
            try {
                g = reader.read(f.path("geometry").toString());
            } catch (ParseException | RuntimeException e) {
                throw BluelampException.invalid(
                        field, path + ": the geometry is not valid GeoJSON: " + firstLine(e.getMessage()));
            }
            if (!(g instanceof Polygonal) || g.isEmpty()) {
                throw BluelampException.invalid(
                        field, path + " is a " + g.getGeometryType() + "; beats must be Polygons or MultiPolygons");
            }
            if (!g.isValid()) {
                g = g.buffer(0);
            }
            out.add(new Beat(id, name, g));
            i++;
        }
        return new Beats(out);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The beats, in file order. */
    public List<Beat> list() {
        return beats;
    }

    public int size() {
        return beats.size();
    }

    /** The index of the first beat containing the point, or -1. */
    public int indexOf(double latDeg, double lonDeg) {
        if (beats.isEmpty()) {
            return -1;
        }
        Coordinate c = new Coordinate(lonDeg, latDeg);
        int best = Integer.MAX_VALUE;
        for (Object o : index.query(new Envelope(c))) {
            int b = (Integer) o;
            if (b < best && locators[b].locate(c) != Location.EXTERIOR) {
                best = b;
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }
}
