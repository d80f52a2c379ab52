package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;

/**
 * Fleet files (JSON, documented in the README under {@code recommend}) read into a fleet, for
 * {@code recommend} and {@code serve}; and the JSON field readers they share. Every error names
 * the file, the unit's place in it and the field.
 */
final class FleetFile {
    private FleetFile() {}

    static JsonNode readJson(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(field, field + " file " + file + " does not exist");
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BluelampException.invalid(
                    field,
                    field + " file " + file + " is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * Registers the units of a fleet file, with their positions (fixes) where given.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the file, the unit's place in it and the field
     */
    static void load(Path fleetFile, FleetState fleet, long now) {
        JsonNode root = readJson(fleetFile, "fleet");
        JsonNode units = root.get("units");
        if (units == null || !units.isArray()) {
            throw BluelampException.invalid("fleet", "fleet file " + fleetFile + " must hold {\"units\":[...]}");
        }
        int i = 0;
        for (JsonNode u : units) {
            String path = "units[" + i++ + "]";
            try {
                String id = text(u, "id", path, null);
                UnitKind kind = parseEnum(UnitKind.class, text(u, "kind", path, "car"), path + ".kind");
                UnitStatus status = parseEnum(UnitStatus.class, text(u, "status", path, "available"), path + ".status");
                Set<String> caps = strings(u.get("capabilities"), path + ".capabilities");
                for (String c : caps) {
                    if (!fleet.options().capabilities().isKnown(c)) {
                        throw BluelampException.invalid(
                                path + ".capabilities",
                                "unknown capability '" + c + "'; known: "
                                        + fleet.options().capabilities().codes());
                    }
                }
                String grade = u.hasNonNull("committedGrade") ? text(u, "committedGrade", path, "") : null;
                int crew = u.has("crewSize") ? u.get("crewSize").asInt() : 1;
                var unit = fleet.register(
                        new UnitSpec(
                                id, text(u, "callsign", path, id), kind, caps, crew, text(u, "homeStation", path, "")),
                        new StatusChange(status, grade, now));
                if (u.has("lat") || u.has("lon")) {
                    GeoPoint p = point(u, path);
                    long time = now;
                    if (u.has("positionTime")) {
                        try {
                            time = Instant.parse(u.get("positionTime").asText()).toEpochMilli();
                        } catch (DateTimeParseException e) {
                            throw BluelampException.invalid(path + ".positionTime", "must be an ISO-8601 instant");
                        }
                    } else if (u.has("fixAgeSeconds")) {
                        time = now - Math.round(u.get("fixAgeSeconds").asDouble() * 1000);
                    }
                    double accuracy =
                            u.has("accuracyMetres") ? u.get("accuracyMetres").asDouble() : Double.NaN;
                    fleet.recordFix(
                            unit.unitIndex(),
                            p.latDeg(),
                            p.lonDeg(),
                            time,
                            accuracy,
                            Double.NaN,
                            Double.NaN,
                            FixReason.UNSPECIFIED);
                }
            } catch (BluelampException e) {
                throw new BluelampException(
                        e.kind(),
                        e.field(),
                        "fleet " + (e.getMessage().startsWith(path) ? "" : path + ": ") + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw BluelampException.invalid("fleet", "fleet " + path + ": " + e.getMessage());
            }
        }
    }

    static GeoPoint point(JsonNode node, String path) {
        JsonNode lat = node.get("lat");
        JsonNode lon = node.get("lon");
        if (lat == null || !lat.isNumber()) {
            throw BluelampException.invalid(path + ".lat", path + ".lat must be a number (degrees)");
        }
        if (lon == null || !lon.isNumber()) {
            throw BluelampException.invalid(path + ".lon", path + ".lon must be a number (degrees)");
        }
        GeoPoint.checkLatitude(path + ".lat", lat.asDouble());
        GeoPoint.checkLongitude(path + ".lon", lon.asDouble());
        return new GeoPoint(lat.asDouble(), lon.asDouble());
    }

    static String text(JsonNode node, String field, String path, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw BluelampException.invalid(path + "." + field, path + "." + field + " is missing");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            throw BluelampException.invalid(path + "." + field, path + "." + field + " must be a string");
        }
        return v.asText();
    }

    static Set<String> strings(JsonNode arr, String path) {
        Set<String> out = new TreeSet<>();
        if (arr == null || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            throw BluelampException.invalid(path, path + " must be a list of strings");
        }
        arr.forEach(x -> out.add(x.asText().trim().toLowerCase(Locale.ROOT)));
        return out;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(
                    type,
                    value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw BluelampException.invalid(path, path + ": unknown value '" + value + "'; use one of " + names);
        }
    }
}
