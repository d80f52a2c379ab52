package org.bluelamp.conditions;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * A condition as flat text fields, exactly: what a durable store keeps (a Redis hash) and reads
 * back to the same value ({@code read(write(c)).equals(c)}). Numbers are written with
 * {@link Double#toString}/{@link Long#toString} (the shortest text that reads back to the same
 * value) and an area as hexadecimal WKB (every coordinate's 64 bits), so a condition restored
 * after a restart touches exactly the roads it touched before. An area is also written as GeoJSON
 * ({@code geojson}, 8 decimals, about a millimetre) for people reading the store; it is not read
 * back.
 *
 * <p>Fields: {@code kind} ({@code closure}, {@code slowdown}), {@code id}, {@code reason},
 * {@code start}, {@code end} (ms since the epoch; {@code end} absent: no end), {@code profiles}
 * (comma-separated names), then by place: {@code areaWkb} (and {@code geojson}); {@code circle}
 * ({@code lat,lon,radiusMetres}); {@code road} ({@code fromLat,fromLon,toLat,toLon});
 * {@code roadClasses} (comma-separated codes); and {@code speedFactor} for slowdowns.
 *
 * <p>Stateless, thread-safe.
 */
public final class ConditionFields {
    private ConditionFields() {}

    /** The fields of a condition, in a fixed order. */
    public static Map<String, String> write(Condition c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", c.kind());
        f.put("id", c.id());
        f.put("reason", c.reason());
        f.put("start", Long.toString(c.startEpochMillis()));
        if (c.endEpochMillis() != Condition.NO_END) {
            f.put("end", Long.toString(c.endEpochMillis()));
        }
        StringBuilder profiles = new StringBuilder();
        for (TravelProfile p : EnumSet.copyOf(c.profiles())) {
            if (!profiles.isEmpty()) {
                profiles.append(',');
            }
            profiles.append(p.profileName());
        }
        f.put("profiles", profiles.toString());
        switch (c) {
            case Closure cl -> {
                switch (cl.place()) {
                    case Closure.Area a -> area(f, a.area());
                    case Closure.Circle ci ->
                        f.put("circle", ci.centre().latDeg() + "," + ci.centre().lonDeg() + "," + ci.radiusMetres());
                    case Closure.Road r ->
                        f.put(
                                "road",
                                r.from().latDeg() + "," + r.from().lonDeg() + "," + r.to().latDeg() + ","
                                        + r.to().lonDeg());
                }
            }
            case Slowdown s -> {
                f.put("speedFactor", Double.toString(s.speedFactor()));
                switch (s.scope()) {
                    case Slowdown.Area a -> area(f, a.area());
                    case Slowdown.RoadClasses rc -> {
                        StringBuilder classes = new StringBuilder();
                        for (RoadClass k : EnumSet.copyOf(rc.classes())) {
                            if (!classes.isEmpty()) {
                                classes.append(',');
                            }
                            classes.append(k.code());
                        }
                        f.put("roadClasses", classes.toString());
                    }
                }
            }
        }
        return f;
    }

    private static void area(Map<String, String> f, ConditionArea a) {
        f.put("areaWkb", WKBWriter.toHex(new WKBWriter().write(a.polygon())));
        f.put("geojson", a.toGeoJson());
    }

    /**
     * The condition these fields hold (further fields, e.g. a store's version, are ignored).
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Condition read(Map<String, String> f) {
        String kind = required(f, "kind");
        String id = required(f, "id");
        String reason = f.getOrDefault("reason", "");
        long start = Long.parseLong(required(f, "start"));
        long end = f.containsKey("end") ? Long.parseLong(f.get("end")) : Condition.NO_END;
        Set<TravelProfile> profiles = EnumSet.noneOf(TravelProfile.class);
        for (String p : required(f, "profiles").split(",")) {
            profiles.add(TravelProfile.find(p)
                    .orElseThrow(() -> new IllegalArgumentException("condition " + id + ": unknown profile " + p)));
        }
        switch (kind) {
            case "closure" -> {
                Closure.Place place;
                if (f.containsKey("areaWkb")) {
                    place = new Closure.Area(areaOf(f, id));
                } else if (f.containsKey("circle")) {
                    double[] v = numbers(f.get("circle"), 3, id, "circle");
                    GeoPoint centre = new GeoPoint(v[0], v[1]);
                    place = new Closure.Circle(centre, v[2], ConditionArea.circle(centre, v[2], "circle"));
                } else if (f.containsKey("road")) {
                    double[] v = numbers(f.get("road"), 4, id, "road");
                    place = new Closure.Road(new GeoPoint(v[0], v[1]), new GeoPoint(v[2], v[3]));
                } else {
                    throw new IllegalArgumentException("closure " + id + " has no areaWkb, circle or road");
                }
                return new Closure(id, reason, place, start, end, profiles);
            }
            case "slowdown" -> {
                Slowdown.Scope scope;
                if (f.containsKey("areaWkb")) {
                    scope = new Slowdown.Area(areaOf(f, id));
                } else {
                    Set<RoadClass> classes = EnumSet.noneOf(RoadClass.class);
                    for (String k : required(f, "roadClasses").split(",")) {
                        classes.add(RoadClass.find(k)
                                .orElseThrow(() ->
                                        new IllegalArgumentException("slowdown " + id + ": unknown road class " + k)));
                    }
                    scope = new Slowdown.RoadClasses(classes);
                }
                return new Slowdown(
                        id, reason, scope, Double.parseDouble(required(f, "speedFactor")), start, end, profiles);
            }
            default -> throw new IllegalArgumentException("condition " + id + ": unknown kind " + kind);
        }
    }

    private static ConditionArea areaOf(Map<String, String> f, String id) {
        try {
            Geometry g = new WKBReader().read(WKBReader.hexToBytes(f.get("areaWkb")));
            return new ConditionArea(g);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("condition " + id + ": areaWkb is not a valid polygon: " + e, e);
        }
    }

    private static String required(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null) {
            throw new IllegalArgumentException("condition " + f.getOrDefault("id", "?") + " has no " + name);
        }
        return v;
    }

    private static double[] numbers(String text, int n, String id, String field) {
        String[] parts = text.split(",");
        if (parts.length != n) {
            throw new IllegalArgumentException("condition " + id + ": " + field + " needs " + n + " numbers");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }
}
