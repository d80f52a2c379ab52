package org.bluelamp.conditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;

/**
 * Road conditions as GeoJSON, read and written: a FeatureCollection (or one Feature) whose
 * features are closures and slowdowns. The geometry says where: a Polygon or MultiPolygon (an
 * area), a Point with {@code radiusMetres} (a circle), a LineString of two points (the road
 * between them); a slowdown of road classes has no geometry. The properties say the rest:
 *
 * <pre>
 * {"kind": "closure" | "slowdown" (default closure), "id": "C12", "reason": "bridge shut",
 *  "start": "2026-11-24T17:00:00Z", "end": "2026-11-24T23:00:00Z" (ISO-8601; absent: from the start,
 *  no end), "profiles": ["car", "car_emergency"] (absent: all), "radiusMetres": 300,
 *  "speedFactor": 0.5 (slowdowns), "roadClasses": ["primary"] (slowdowns without geometry)}
 * </pre>
 *
 * <p>What the offline commands read ({@code recommend --closures}), what {@code serve --closures}
 * starts with, and a form in which a store can keep a condition ({@link #write}). Errors name the
 * JSON path ({@code features[3].properties.speedFactor}) after the source. Stateless.
 */
public final class ConditionsGeoJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROPERTIES =
            Set.of("kind", "id", "reason", "start", "end", "profiles", "radiusMetres", "speedFactor", "roadClasses");

    private ConditionsGeoJson() {}

    /**
     * Reads every condition of a GeoJSON text.
     *
     * @param source what to name in errors (e.g. {@code --closures closures.geojson})
     * @param field the field named by errors (e.g. {@code --closures})
     * @throws BluelampException INVALID_ARGUMENT naming {@code field}, with the source and JSON path
     */
    public static List<Condition> read(String json, String source, String field) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(field, source + " is not valid JSON: " + e.getOriginalMessage());
        }
        List<JsonNode> features = new ArrayList<>();
        String type = root == null ? "" : root.path("type").asText();
        if (type.equals("FeatureCollection")) {
            root.path("features").forEach(features::add);
        } else if (type.equals("Feature")) {
            features.add(root);
        } else {
            throw BluelampException.invalid(
                    field, source + " must be a GeoJSON FeatureCollection or Feature, not " + Echo.quote(type));
        }
        List<Condition> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            String path = type.equals("Feature") ? "" : "features[" + i + "].";
            Condition c = feature(features.get(i), source, field, path);
            if (!ids.add(c.id())) {
                throw BluelampException.invalid(
                        field, source + ": " + path + "properties.id " + Echo.quote(c.id()) + " is listed twice");
            }
            out.add(c);
        }
        return out;
    }

    private static Condition feature(JsonNode f, String source, String field, String path) {
        JsonNode props = f.path("properties");
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PROPERTIES.contains(name)) {
                throw BluelampException.invalid(
                        field,
                        source + ": " + path + "properties." + Echo.quote(name) + " is not a property here; known: "
                                + PROPERTIES);
            }
        }
        String prefix = path + "properties.";
        FieldNames names = canonical -> field;
        FieldNames where = canonical -> source + ": " + prefix + fileName(canonical);
        try {
            String kind = props.path("kind").asText("closure");
            String id = props.path("id").asText("");
            String reason = props.path("reason").asText("");
            long start = instant(props.path("start"), 0, source + ": " + prefix + "start", field);
            long end = instant(props.path("end"), Condition.NO_END, source + ": " + prefix + "end", field);
            Set<TravelProfile> profiles = profiles(props.path("profiles"), source + ": " + prefix + "profiles", field);
            JsonNode geometry = f.path("geometry");
            String gType = geometry.path("type").asText("");
            String geometryField = source + ": " + path + "geometry";
            switch (kind) {
                case "closure" -> {
                    Closure.Place place = switch (gType) {
                        case "Polygon", "MultiPolygon" -> new Closure.Area(ConditionArea.of(geometry, geometryField));
                        case "Point" ->
                            Closure.Circle.of(
                                    point(geometry.path("coordinates"), geometryField),
                                    props.path("radiusMetres").asDouble(Double.NaN),
                                    source + ": " + prefix + "radiusMetres");
                        case "LineString" -> {
                            JsonNode cs = geometry.path("coordinates");
                            if (cs.size() != 2) {
                                throw BluelampException.invalid(
                                        field,
                                        geometryField + ": a LineString closes the road between its two points: give "
                                                + "exactly two, not " + cs.size());
                            }
                            yield new Closure.Road(point(cs.get(0), geometryField), point(cs.get(1), geometryField));
                        }
                        default ->
                            throw BluelampException.invalid(
                                    field,
                                    geometryField + " " + Echo.quote(gType.isEmpty() ? "(none)" : gType)
                                            + ": a closure needs a Polygon, a Point with radiusMetres, "
                                            + "or a LineString of two points");
                    };
                    return Closure.of(id, reason, place, start, end, profiles, where);
                }
                case "slowdown" -> {
                    Slowdown.Scope scope;
                    if (gType.equals("Polygon") || gType.equals("MultiPolygon")) {
                        scope = new Slowdown.Area(ConditionArea.of(geometry, geometryField));
                    } else if (gType.isEmpty() && props.has("roadClasses")) {
                        scope = new Slowdown.RoadClasses(
                                roadClasses(props.path("roadClasses"), source + ": " + prefix + "roadClasses", field));
                    } else {
                        throw BluelampException.invalid(
                                field, geometryField + ": a slowdown needs a Polygon, or no geometry and roadClasses");
                    }
                    double factor = props.path("speedFactor").asDouble(Double.NaN);
                    return Slowdown.of(id, reason, scope, factor, start, end, profiles, where);
                }
                default ->
                    throw BluelampException.invalid(
                            field,
                            source + ": " + prefix + "kind " + Echo.quote(kind) + " must be closure or slowdown");
            }
        } catch (BluelampException e) {
            if (e.field().equals(field)) {
                throw e;
            }
            // a message built with a caller's field name (source: path) keeps its text, names the option
            throw new BluelampException(e.kind(), field, e.getMessage(), e);
        }
    }

    private static String fileName(String canonical) {
        return switch (canonical) {
            case "startEpochMillis" -> "start";
            case "endEpochMillis" -> "end";
            default -> canonical;
        };
    }

    private static long instant(JsonNode n, long absent, String where, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return absent;
        }
        try {
            return Instant.parse(n.asText()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw BluelampException.invalid(
                    field,
                    where + " " + Echo.quote(n.asText()) + " is not an ISO-8601 instant like 2026-11-24T17:00:00Z");
        }
    }

    private static Set<TravelProfile> profiles(JsonNode n, String where, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return EnumSet.allOf(TravelProfile.class);
        }
        Set<TravelProfile> out = EnumSet.noneOf(TravelProfile.class);
        for (int i = 0; i < n.size(); i++) {
            try {
                out.add(ConditionRules.profile(n.get(i).asText(), where + "[" + i + "]"));
            } catch (BluelampException e) {
                throw new BluelampException(e.kind(), field, e.getMessage(), e);
            }
        }
        return out;
    }

    private static Set<RoadClass> roadClasses(JsonNode n, String where, String field) {
        Set<RoadClass> out = EnumSet.noneOf(RoadClass.class);
        for (int i = 0; i < n.size(); i++) {
            String name = n.get(i).asText();
            out.add(RoadClass.find(name)
                    .orElseThrow(() -> BluelampException.invalid(
                            field,
                            where + " " + Echo.quote(name) + " is not a road class (primary, residential, ...)")));
        }
        if (out.isEmpty()) {
            throw BluelampException.invalid(field, where + " is empty: name at least one road class");
        }
        return out;
    }

    private static GeoPoint point(JsonNode c, String where) {
        if (c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw BluelampException.invalid(where, where + ": a position is [longitude, latitude]");
        }
        GeoPoint.checkLatitude(where, c.get(1).asDouble());
        GeoPoint.checkLongitude(where, c.get(0).asDouble());
        return new GeoPoint(c.get(1).asDouble(), c.get(0).asDouble());
    }

    /** One condition as a GeoJSON Feature (what {@link #read} reads back). */
    public static String write(Condition c) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        ObjectNode props = JSON.createObjectNode();
        props.put("kind", c.kind());
        props.put("id", c.id());
        props.put("reason", c.reason());
        if (c.startEpochMillis() != 0) {
            props.put("start", Instant.ofEpochMilli(c.startEpochMillis()).toString());
        }
        if (c.endEpochMillis() != Condition.NO_END) {
            props.put("end", Instant.ofEpochMilli(c.endEpochMillis()).toString());
        }
        ArrayNode profiles = props.putArray("profiles");
        c.profiles().stream().sorted().forEach(p -> profiles.add(p.profileName()));
        try {
            switch (c) {
                case Closure cl -> {
                    switch (cl.place()) {
                        case Closure.Area a ->
                            f.set("geometry", JSON.readTree(a.area().toGeoJson()));
                        case Closure.Circle ci -> {
                            f.set("geometry", position("Point", ci.centre()));
                            props.put("radiusMetres", ci.radiusMetres());
                        }
                        case Closure.Road r -> {
                            ObjectNode g = JSON.createObjectNode();
                            g.put("type", "LineString");
                            ArrayNode cs = g.putArray("coordinates");
                            cs.addArray().add(r.from().lonDeg()).add(r.from().latDeg());
                            cs.addArray().add(r.to().lonDeg()).add(r.to().latDeg());
                            f.set("geometry", g);
                        }
                    }
                }
                case Slowdown s -> {
                    props.put("speedFactor", s.speedFactor());
                    switch (s.scope()) {
                        case Slowdown.Area a ->
                            f.set("geometry", JSON.readTree(a.area().toGeoJson()));
                        case Slowdown.RoadClasses rc -> {
                            f.putNull("geometry");
                            ArrayNode classes = props.putArray("roadClasses");
                            rc.classes().stream().sorted().forEach(x -> classes.add(x.code()));
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        f.set("properties", props);
        return f.toString();
    }

    private static ObjectNode position(String type, GeoPoint p) {
        ObjectNode g = JSON.createObjectNode();
        g.put("type", type);
        g.putArray("coordinates").add(p.lonDeg()).add(p.latDeg());
        return g;
    }
}
