package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.tracking.IntakeOptions;

/**
 * Fleet files, the JSON list of units that {@code recommend}, {@code serve --fleet} and
 * {@code client register --fleet} read (format in the README under {@code recommend}). Reading
 * checks every field and fails on the first problem, naming the option, the file, the unit's JSON
 * path and the field ({@code --fleet f.json: units[3].positionTime ...}); every id goes through
 * {@link org.bluelamp.input.Ids}; an unknown field is an error with the nearest known name. A
 * position the map does not cover is not used: the unit is registered without it and a warning
 * names it ({@link #register}).
 *
 * <p>Stateless and thread-safe.
 */
final class FleetFile {
    /** The fields a unit may have, in the order the README lists them. */
    static final Set<String> UNIT_FIELDS = new LinkedHashSet<>(List.of(
            "id",
            "callsign",
            "kind",
            "status",
            "committedGrade",
            "capabilities",
            "crewSize",
            "homeStation",
            "lat",
            "lon",
            "accuracyMetres",
            "positionTime",
            "fixAgeSeconds"));

    /** Most officers a unit may list. */
    static final int MAX_CREW = 100;

    private FleetFile() {}

    /**
     * One unit of a fleet file, checked.
     *
     * @param path the unit's JSON path, {@code units[3]}
     * @param spec what the unit is
     * @param status its status (and grade) at {@code now}
     * @param position where it was, or null when the file gives no position
     * @param positionTimeMillis when it was there, ms since 1970 (meaningless without a position)
     * @param accuracyMetres reported accuracy radius, or NaN
     */
    record Entry(
            String path,
            UnitSpec spec,
            StatusChange status,
            GeoPoint position,
            long positionTimeMillis,
            double accuracyMetres) {}

    /**
     * Reads and checks a fleet file.
     *
     * @param option the option that named the file, e.g. {@code --fleet}
     * @param capabilities the capability codes to accept, or null to leave that check to the service
     * @param grades the grade codes to accept for {@code committedGrade}, or null to leave that check
     *     to the service
     * @param nowMillis the time positions are judged against (a position time more than the allowed
     *     clock skew after it is refused)
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the JSON path
     */
    static List<Entry> read(
            Path file,
            String option,
            CapabilityRegistry capabilities,
            Collection<String> grades,
            long nowMillis,
            ClientTimeRule times) {
        return read(JsonFields.bytes(file, option), file.toString(), option, capabilities, grades, nowMillis, times);
    }

    /**
     * Reads and checks a fleet file's content, in memory: what {@link #read(Path, String,
     * CapabilityRegistry, Collection, long, ClientTimeRule)} does once the file is read, with the
     * same messages.
     *
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the JSON path
     */
    static List<Entry> read(
            byte[] content,
            String source,
            String option,
            CapabilityRegistry capabilities,
            Collection<String> grades,
            long nowMillis,
            ClientTimeRule times) {
        JsonNode root = JsonFields.parse(content, source, option);
        try {
            return parse(root, capabilities, grades, nowMillis, times);
        } catch (BluelampException e) {
            throw new BluelampException(e.kind(), e.field(), option + " " + source + ": " + e.getMessage());
        }
    }

    static List<Entry> parse(
            JsonNode root,
            CapabilityRegistry capabilities,
            Collection<String> grades,
            long nowMillis,
            ClientTimeRule times) {
        JsonNode units = JsonFields.rootArray(
                root, "units", "{\"units\":[{\"id\":...,\"kind\":...,\"lat\":...,\"lon\":...}, ...]}");
        List<Entry> out = new ArrayList<>();
        Map<String, String> firstPathOfId = new HashMap<>();
        int i = 0;
        for (JsonNode u : units) {
            String path = "units[" + i++ + "]";
            Entry e = unit(u, path, capabilities, grades, nowMillis, times);
            String first = firstPathOfId.putIfAbsent(e.spec().id(), path);
            if (first != null) {
                throw BluelampException.invalid(
                        path + ".id",
                        path + ".id " + Echo.quote(e.spec().id()) + " is listed twice (first at " + first + ")");
            }
            out.add(e);
        }
        return out;
    }

    private static Entry unit(
            JsonNode u,
            String path,
            CapabilityRegistry capabilities,
            Collection<String> grades,
            long nowMillis,
            ClientTimeRule times) {
        if (!u.isObject()) {
            throw BluelampException.invalid(path, path + " must be an object {\"id\":...}, got " + JsonFields.shown(u));
        }
        JsonFields.onlyKnown(u, path, UNIT_FIELDS);
        String id = JsonFields.id(u, "id", path, null);
        String callsign = JsonFields.id(u, "callsign", path, id);
        UnitKind kind = parseEnum(UnitKind.class, JsonFields.text(u, "kind", path, "car"), path + ".kind");
        UnitStatus status =
                parseEnum(UnitStatus.class, JsonFields.text(u, "status", path, "available"), path + ".status");
        String grade = JsonFields.has(u, "committedGrade") ? JsonFields.id(u, "committedGrade", path, null) : null;
        checkGrade(status, grade, grades, path);
        Set<String> caps = new TreeSet<>();
        List<String> listed = JsonFields.ids(u, "capabilities", path);
        for (int c = 0; c < listed.size(); c++) {
            String code = listed.get(c).toLowerCase(Locale.ROOT);
            if (capabilities != null && !capabilities.isKnown(code)) {
                String p = path + ".capabilities[" + c + "]";
                throw BluelampException.invalid(
                        p,
                        p + ": unknown capability " + Echo.quote(listed.get(c)) + "; known: " + capabilities.codes());
            }
            caps.add(code);
        }
        int crew = JsonFields.has(u, "crewSize") ? JsonFields.wholeNumber(u, "crewSize", path, 1, MAX_CREW) : 1;
        String station = JsonFields.has(u, "homeStation") ? JsonFields.id(u, "homeStation", path, null) : "";
        UnitSpec spec = new UnitSpec(id, callsign, kind, caps, crew, station);
        StatusChange change = new StatusChange(status, grade, nowMillis);

        boolean hasLat = JsonFields.has(u, "lat");
        boolean hasLon = JsonFields.has(u, "lon");
        if (!hasLat && !hasLon) {
            for (String f : List.of("positionTime", "fixAgeSeconds", "accuracyMetres")) {
                if (JsonFields.has(u, f)) {
                    throw BluelampException.invalid(
                            path + "." + f, path + "." + f + " is given without a position: add lat and lon");
                }
            }
            return new Entry(path, spec, change, null, 0, Double.NaN);
        }
        GeoPoint position = point(u, path);
        long time = positionTime(u, path, nowMillis, times);
        double accuracy = JsonFields.has(u, "accuracyMetres")
                ? JsonFields.number(
                        u, "accuracyMetres", path, 0, IntakeOptions.defaults().maxAccuracyMetres())
                : Double.NaN;
        return new Entry(path, spec, change, position, time, accuracy);
    }

    private static void checkGrade(UnitStatus status, String grade, Collection<String> grades, String path) {
        String p = path + ".committedGrade";
        String statusName = status.name().toLowerCase(Locale.ROOT);
        switch (status.gradeRule()) {
            case REQUIRED -> {
                if (grade == null) {
                    throw BluelampException.invalid(
                            p, p + " is required for status " + statusName + ": give the grade code of the task");
                }
            }
            case NONE -> {
                if (grade != null) {
                    throw BluelampException.invalid(
                            p,
                            p + " " + Echo.quote(grade) + " is not allowed for status " + statusName
                                    + ": only committed, en_route and at_scene carry a grade");
                }
            }
            case OPTIONAL -> {}
        }
        if (grade != null && grades != null && !grades.contains(grade)) {
            throw BluelampException.invalid(
                    p, p + " " + Echo.quote(grade) + " is not a grade of the policy; its grades are " + grades);
        }
    }

    private static long positionTime(JsonNode u, String path, long nowMillis, ClientTimeRule times) {
        boolean hasTime = JsonFields.has(u, "positionTime");
        boolean hasAge = JsonFields.has(u, "fixAgeSeconds");
        if (hasTime && hasAge) {
            throw BluelampException.invalid(
                    path + ".fixAgeSeconds", path + ": give positionTime or fixAgeSeconds, not both");
        }
        if (hasAge) {
            double age = JsonFields.number(u, "fixAgeSeconds", path, 0, 1e9);
            return nowMillis - Math.round(age * 1000);
        }
        if (!hasTime) {
            return nowMillis;
        }
        String p = path + ".positionTime";
        String text = JsonFields.text(u, "positionTime", path, null);
        long time;
        try {
            time = Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw BluelampException.invalid(
                    p, p + " " + Echo.quote(text) + " must be an ISO-8601 instant such as 2026-11-22T12:00:00Z");
        }
        if (times.tooFarAhead(time, nowMillis)) {
            throw BluelampException.invalid(
                    p,
                    p + " " + Echo.quote(text) + " is after " + Instant.ofEpochMilli(nowMillis)
                            + " (the time the fleet is evaluated at) by more than the allowed "
                            + times.maxFutureSkewMillis() / 1000 + " s of clock skew");
        }
        return time;
    }

    /** The unit's lat and lon, checked. */
    static GeoPoint point(JsonNode node, String path) {
        for (String f : List.of("lat", "lon")) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                throw BluelampException.invalid(
                        path + "." + f, path + "." + f + " is missing: give both lat and lon (decimal degrees)");
            }
            if (!v.isNumber()) {
                throw BluelampException.invalid(
                        path + "." + f,
                        path + "." + f + " must be a number (decimal degrees), got " + JsonFields.shown(v));
            }
        }
        double lat = node.get("lat").asDouble();
        double lon = node.get("lon").asDouble();
        GeoPoint.checkLatitude(path + ".lat", lat);
        GeoPoint.checkLongitude(path + ".lon", lon);
        return new GeoPoint(lat, lon);
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String path) {
        String key = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(key)) {
                return c;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E c : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
        }
        throw BluelampException.invalid(path, path + ": unknown value " + Echo.quote(value) + "; use one of " + names);
    }

    /**
     * Registers the units into {@code fleet} with their positions as fixes. A position outside
     * {@code mapArea} (e.g. 0,0 from a radio without a GPS fix) is not recorded: the unit is
     * registered without a position (recommendations list it as having none) and one warning line
     * names it on {@code warnings}.
     *
     * @param mapArea the area the map covers, or null to accept every position
     * @return how many units were registered without their position
     */
    static int register(List<Entry> entries, FleetState fleet, GeoBounds mapArea, String option, PrintWriter warnings) {
        int outside = 0;
        for (Entry e : entries) {
            var unit = fleet.register(e.spec(), e.status());
            if (e.position() == null) {
                continue;
            }
            if (mapArea != null && !mapArea.contains(e.position())) {
                outside++;
                warnings.println("warning: " + option + ": " + e.path() + " (unit "
                        + Echo.quote(e.spec().id())
                        + "): position " + e.position() + " is outside the map (" + mapArea
                        + "); the unit is registered without a position");
                warnings.flush();
                continue;
            }
            fleet.recordFix(
                    unit.unitIndex(),
                    e.position().latDeg(),
                    e.position().lonDeg(),
                    e.positionTimeMillis(),
                    e.accuracyMetres(),
                    Double.NaN,
                    Double.NaN,
                    FixReason.UNSPECIFIED);
        }
        return outside;
    }
}
