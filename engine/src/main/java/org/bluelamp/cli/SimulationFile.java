package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.simulation.Scenario;

/**
 * Scenario files of {@code simulate} (format and defaults in the README, "Simulating shifts"): read
 * field by field, every error naming the file, the JSON path and the value. Optional fields take
 * the documented defaults, each with its source: the hour-of-day profile, the grade mix and the
 * times on scene ({@link #DEFAULT_HOUR_WEIGHTS}, {@link #defaultGrades}), reporting every 15 s with
 * 5 m GPS error, 2% of reports lost and 3% late.
 *
 * <p>Stateless and thread-safe.
 */
final class SimulationFile {
    /** Calls a day of a two-control-room force (the midpoint of 500 to 800), which {@code rate} scales. */
    static final double REFERENCE_CALLS_PER_DAY = 650;

    /**
     * Relative incidents by hour of the day, midnight first: low from 03:00 to 07:00, rising
     * through the day to a peak from 17:00 to 21:00, still high before midnight. The shape of the
     * deployments of UK forces' Grade 1 and 2 incidents by hour (peak 18:00-22:00, about three
     * times the early-morning trough, the same shape in urban and rural divisions).
     */
    static final double[] DEFAULT_HOUR_WEIGHTS = {
        4.6, 3.9, 3.2, 2.6, 2.2, 2.0, 2.2, 2.9, 3.6, 4.0, 4.2, 4.4, 4.6, 4.7, 4.8, 5.1, 5.4, 5.6, 5.8, 5.8, 5.7, 5.5,
        5.2, 4.9
    };

    static final Set<String> ROOT_FIELDS = new LinkedHashSet<>(List.of(
            "name",
            "startDate",
            "timeZone",
            "drainHours",
            "warmUpHours",
            "demand",
            "stations",
            "shifts",
            "units",
            "reporting",
            "patrol",
            "moveUp",
            "urbanAreas"));
    static final Set<String> DEMAND_FIELDS =
            new LinkedHashSet<>(List.of("incidentsPerDay", "rate", "hourWeights", "grades", "placement"));
    static final Set<String> GRADE_FIELDS = new LinkedHashSet<>(
            List.of("grade", "share", "dispatchDelaySeconds", "onSceneMedianMinutes", "onSceneP90Minutes"));
    static final Set<String> STATION_FIELDS = new LinkedHashSet<>(List.of("id", "lat", "lon"));
    static final Set<String> SHIFT_FIELDS = new LinkedHashSet<>(List.of("id", "start", "hours"));
    static final Set<String> UNIT_FIELDS = new LinkedHashSet<>(
            List.of("prefix", "count", "kind", "station", "shift", "patrolRadiusMetres", "capabilities"));
    static final Set<String> REPORTING_FIELDS = new LinkedHashSet<>(
            List.of("intervalSeconds", "gpsErrorMetres", "lostShare", "lateShare", "lateMinSeconds", "lateMaxSeconds"));
    static final Set<String> PATROL_FIELDS = new LinkedHashSet<>(List.of("speedFactor"));
    static final Set<String> MOVE_UP_FIELDS = new LinkedHashSet<>(List.of("intervalSeconds", "maxDemandPoints"));
    static final Set<String> PLACEMENT_FIELDS = new LinkedHashSet<>(List.of("pastIncidents"));

    private SimulationFile() {}

    /**
     * The default grade mix among incidents needing a unit, with the time from call to the
     * incident being ready for a unit and the time on scene: Grade 1 25% (90 s; 45 min median, 90th
     * percentile 150 min), Grade 2 50% (180 s; 40, 120), Grade 3 25% (600 s; 35, 90).
     */
    static List<Scenario.GradeDemand> defaultGrades() {
        return List.of(
                new Scenario.GradeDemand("1", 0.25, 90, 45, 150),
                new Scenario.GradeDemand("2", 0.50, 180, 40, 120),
                new Scenario.GradeDemand("3", 0.25, 600, 35, 90));
    }

    /**
     * Reads a scenario file.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code --scenario}, the file and the JSON path
     */
    static Scenario read(Path file, CapabilityRegistry capabilities) {
        JsonNode root = JsonFields.read(file, "--scenario");
        try {
            return parse(root, file.toAbsolutePath().getParent(), capabilities);
        } catch (BluelampException e) {
            throw new BluelampException(e.kind(), e.field(), "--scenario " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid("--scenario", "--scenario " + file + ": " + e.getMessage());
        }
    }

    static Scenario parse(JsonNode root, Path folder, CapabilityRegistry capabilities) {
        if (!root.isObject()) {
            throw BluelampException.invalid("scenario", "the file must hold one JSON object (see the README)");
        }
        JsonFields.onlyKnown(root, "scenario", ROOT_FIELDS);
        String name = JsonFields.text(root, "name", "scenario", null);
        ZoneId zone;
        String zoneText = JsonFields.text(root, "timeZone", "scenario", "Europe/London");
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw BluelampException.invalid(
                    "scenario.timeZone",
                    "scenario.timeZone " + Echo.quote(zoneText) + " is not a time zone (e.g. Europe/London)");
        }
        String dateText = JsonFields.text(root, "startDate", "scenario", "2026-03-02");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw BluelampException.invalid(
                    "scenario.startDate",
                    "scenario.startDate " + Echo.quote(dateText) + " is not a date like 2026-03-02");
        }
        double drain =
                JsonFields.has(root, "drainHours") ? JsonFields.number(root, "drainHours", "scenario", 0, 48) : 6;
        double warmUp =
                JsonFields.has(root, "warmUpHours") ? JsonFields.number(root, "warmUpHours", "scenario", 0, 48) : 0;
        Scenario.Demand demand = demand(object(root, "demand", "scenario", true), folder);
        List<Scenario.Station> stations = stations(array(root, "stations", "scenario"));
        List<Scenario.Shift> shifts = shifts(array(root, "shifts", "scenario"));
        List<Scenario.UnitGroup> units = units(array(root, "units", "scenario"), stations, shifts, capabilities);
        Scenario.Reporting reporting = reporting(object(root, "reporting", "scenario", false));
        JsonNode patrolNode = object(root, "patrol", "scenario", false);
        double speedFactor = 0.8;
        if (patrolNode != null) {
            JsonFields.onlyKnown(patrolNode, "scenario.patrol", PATROL_FIELDS);
            if (JsonFields.has(patrolNode, "speedFactor")) {
                speedFactor = JsonFields.number(patrolNode, "speedFactor", "scenario.patrol", 0.1, 1);
            }
        }
        JsonNode moveUpNode = object(root, "moveUp", "scenario", false);
        double moveUpInterval = 0;
        int moveUpPoints = 0;
        if (moveUpNode != null) {
            JsonFields.onlyKnown(moveUpNode, "scenario.moveUp", MOVE_UP_FIELDS);
            if (JsonFields.has(moveUpNode, "intervalSeconds")) {
                moveUpInterval = JsonFields.number(moveUpNode, "intervalSeconds", "scenario.moveUp", 0, 86_400);
            }
            if (JsonFields.has(moveUpNode, "maxDemandPoints")) {
                moveUpPoints =
                        (int) JsonFields.number(moveUpNode, "maxDemandPoints", "scenario.moveUp", 0, 100_000_000);
            }
        }
        Path urban = null;
        if (JsonFields.has(root, "urbanAreas")) {
            String text = JsonFields.text(root, "urbanAreas", "scenario", null);
            urban = folder.resolve(text);
            if (!Files.isRegularFile(urban)) {
                throw BluelampException.invalid(
                        "scenario.urbanAreas", "scenario.urbanAreas " + Echo.quote(text) + ": no such file " + urban);
            }
        }
        return new Scenario(
                name,
                date.atStartOfDay(zone).toInstant().toEpochMilli(),
                zone,
                drain,
                warmUp,
                demand,
                stations,
                shifts,
                units,
                reporting,
                new Scenario.Patrol(speedFactor),
                new Scenario.MoveUp(moveUpInterval, moveUpPoints),
                urban);
    }

    private static Scenario.Demand demand(JsonNode d, Path folder) {
        String p = "scenario.demand";
        JsonFields.onlyKnown(d, p, DEMAND_FIELDS);
        double perDay;
        if (JsonFields.has(d, "incidentsPerDay")) {
            if (JsonFields.has(d, "rate")) {
                throw BluelampException.invalid(
                        p + ".rate",
                        p + ": give incidentsPerDay or rate (of " + (int) REFERENCE_CALLS_PER_DAY
                                + " a day), not both");
            }
            perDay = JsonFields.number(d, "incidentsPerDay", p, 0.1, 1_000_000);
        } else if (JsonFields.has(d, "rate")) {
            perDay = REFERENCE_CALLS_PER_DAY * JsonFields.number(d, "rate", p, 0.0001, 1000);
        } else {
            throw BluelampException.invalid(
                    p + ".incidentsPerDay",
                    p + ".incidentsPerDay is missing: give the incidents a day, or a rate that scales "
                            + (int) REFERENCE_CALLS_PER_DAY + " a day");
        }
        double[] hours = DEFAULT_HOUR_WEIGHTS.clone();
        if (JsonFields.has(d, "hourWeights")) {
            JsonNode h = d.get("hourWeights");
            if (!h.isArray() || h.size() != 24) {
                throw BluelampException.invalid(
                        p + ".hourWeights", p + ".hourWeights must be a list of 24 numbers, midnight first");
            }
            double sum = 0;
            for (int i = 0; i < 24; i++) {
                JsonNode v = h.get(i);
                if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
                    throw BluelampException.invalid(
                            p + ".hourWeights[" + i + "]",
                            p + ".hourWeights[" + i + "] must be a number of at least 0, got " + JsonFields.shown(v));
                }
                hours[i] = v.asDouble();
                sum += hours[i];
            }
            if (!(sum > 0)) {
                throw BluelampException.invalid(p + ".hourWeights", p + ".hourWeights are all 0");
            }
        }
        List<Scenario.GradeDemand> grades = defaultGrades();
        if (JsonFields.has(d, "grades")) {
            JsonNode arr = d.get("grades");
            if (!arr.isArray() || arr.isEmpty()) {
                throw BluelampException.invalid(p + ".grades", p + ".grades must be a non-empty list");
            }
            grades = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                JsonNode g = arr.get(i);
                String gp = p + ".grades[" + i + "]";
                if (!g.isObject()) {
                    throw BluelampException.invalid(gp, gp + " must be an object");
                }
                JsonFields.onlyKnown(g, gp, GRADE_FIELDS);
                String code = JsonFields.id(g, "grade", gp, null);
                if (!seen.add(code)) {
                    throw BluelampException.invalid(gp + ".grade", gp + ".grade '" + code + "' is listed twice");
                }
                double median = JsonFields.number(g, "onSceneMedianMinutes", gp, 1, 24 * 60);
                double p90 = JsonFields.number(g, "onSceneP90Minutes", gp, median, 48 * 60);
                grades.add(new Scenario.GradeDemand(
                        code,
                        JsonFields.number(g, "share", gp, 1e-9, 1e9),
                        JsonFields.number(g, "dispatchDelaySeconds", gp, 0, 86_400),
                        median,
                        p90));
            }
        }
        return new Scenario.Demand(perDay, hours, grades, placement(d, folder));
    }

    private static Scenario.Placement placement(JsonNode d, Path folder) {
        String p = "scenario.demand.placement";
        if (!JsonFields.has(d, "placement")) {
            return new Scenario.Placement(Scenario.PlacementKind.BUILDINGS, List.of(), "extract");
        }
        JsonNode v = d.get("placement");
        if (v.isTextual()) {
            return switch (v.textValue().toLowerCase(Locale.ROOT)) {
                case "buildings" -> new Scenario.Placement(Scenario.PlacementKind.BUILDINGS, List.of(), "extract");
                case "junctions" -> new Scenario.Placement(Scenario.PlacementKind.JUNCTIONS, List.of(), "extract");
                default ->
                    throw BluelampException.invalid(
                            p,
                            p + " " + Echo.quote(v.textValue())
                                    + " must be \"buildings\", \"junctions\" or {\"pastIncidents\": \"<file.csv>\"}");
            };
        }
        if (!v.isObject()) {
            throw BluelampException.invalid(
                    p, p + " must be \"buildings\", \"junctions\" or {\"pastIncidents\": \"<file.csv>\"}");
        }
        JsonFields.onlyKnown(v, p, PLACEMENT_FIELDS);
        String name = JsonFields.text(v, "pastIncidents", p, null);
        Path file = folder.resolve(name);
        return new Scenario.Placement(
                Scenario.PlacementKind.PAST_INCIDENTS,
                pastIncidents(file, p + ".pastIncidents"),
                file.getFileName().toString());
    }

    /**
     * A CSV of past incidents: a header naming {@code lat} and {@code lon} (and optionally {@code
     * id}, {@code time}, {@code grade}, read but not used: only the places are), one incident a line.
     */
    static List<GeoPoint> pastIncidents(Path file, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw BluelampException.invalid(field, field + ": cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw BluelampException.invalid(field, field + ": " + file + " is empty");
        }
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").strip().split("\\s*,\\s*", -1));
        Set<String> known = new LinkedHashSet<>(List.of("lat", "lon", "id", "time", "grade"));
        for (String h : header) {
            if (!known.contains(h)) {
                String nearest = Suggestions.nearest(h, known);
                throw BluelampException.invalid(
                        field,
                        field + ": " + file.getFileName() + " line 1: column " + Echo.quote(h) + " is not known"
                                + (nearest != null ? "; did you mean '" + nearest + "'?" : "") + " (columns: "
                                + String.join(", ", known) + ")");
            }
        }
        int lat = header.indexOf("lat");
        int lon = header.indexOf("lon");
        if (lat < 0 || lon < 0) {
            throw BluelampException.invalid(
                    field, field + ": " + file.getFileName() + " line 1 must be a header naming lat and lon");
        }
        List<GeoPoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*", -1);
            String at = field + ": " + file.getFileName() + " line " + (i + 1);
            if (cells.length != header.size()) {
                throw BluelampException.invalid(
                        field, at + " has " + cells.length + " cells, the header " + header.size());
            }
            try {
                out.add(new GeoPoint(Double.parseDouble(cells[lat]), Double.parseDouble(cells[lon])));
            } catch (NumberFormatException e) {
                throw BluelampException.invalid(
                        field, at + ": lat, lon " + Echo.quote(cells[lat] + "," + cells[lon]) + " are not numbers");
            } catch (BluelampException e) {
                throw BluelampException.invalid(
                        field, at + ": " + Echo.quote(cells[lat] + "," + cells[lon]) + " is not a position");
            }
        }
        if (out.isEmpty()) {
            throw BluelampException.invalid(field, field + ": " + file.getFileName() + " has no incidents");
        }
        return out;
    }

    private static List<Scenario.Station> stations(JsonNode arr) {
        List<Scenario.Station> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "scenario.stations[" + i + "]";
            JsonNode s = element(arr, i, p);
            JsonFields.onlyKnown(s, p, STATION_FIELDS);
            String id = JsonFields.id(s, "id", p, null);
            if (!seen.add(id)) {
                throw BluelampException.invalid(p + ".id", p + ".id '" + id + "' is listed twice");
            }
            out.add(new Scenario.Station(
                    id,
                    new GeoPoint(JsonFields.number(s, "lat", p, -90, 90), JsonFields.number(s, "lon", p, -180, 180))));
        }
        return out;
    }

    private static List<Scenario.Shift> shifts(JsonNode arr) {
        List<Scenario.Shift> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "scenario.shifts[" + i + "]";
            JsonNode s = element(arr, i, p);
            JsonFields.onlyKnown(s, p, SHIFT_FIELDS);
            String id = JsonFields.id(s, "id", p, null);
            if (!seen.add(id)) {
                throw BluelampException.invalid(p + ".id", p + ".id '" + id + "' is listed twice");
            }
            String start = JsonFields.text(s, "start", p, null);
            LocalTime t;
            try {
                t = LocalTime.parse(start);
            } catch (DateTimeParseException e) {
                throw BluelampException.invalid(
                        p + ".start", p + ".start " + Echo.quote(start) + " is not a time like 07:00");
            }
            double hours = JsonFields.number(s, "hours", p, 1, 24);
            out.add(new Scenario.Shift(id, t.getHour() * 60 + t.getMinute(), (int) Math.round(hours * 60)));
        }
        return out;
    }

    private static List<Scenario.UnitGroup> units(
            JsonNode arr, List<Scenario.Station> stations, List<Scenario.Shift> shifts, CapabilityRegistry caps) {
        List<Scenario.UnitGroup> out = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String p = "scenario.units[" + i + "]";
            JsonNode u = element(arr, i, p);
            JsonFields.onlyKnown(u, p, UNIT_FIELDS);
            String prefix = JsonFields.id(u, "prefix", p, null);
            if (!prefixes.add(prefix)) {
                throw BluelampException.invalid(p + ".prefix", p + ".prefix '" + prefix + "' is used twice");
            }
            String kindText = JsonFields.text(u, "kind", p, "car");
            UnitKind kind = switch (kindText.toLowerCase(Locale.ROOT)) {
                case "car" -> UnitKind.CAR;
                case "van" -> UnitKind.VAN;
                case "motorcycle" -> UnitKind.MOTORCYCLE;
                default ->
                    throw BluelampException.invalid(
                            p + ".kind",
                            p + ".kind " + Echo.quote(kindText) + ": the simulator models vehicle patrols: car, van or"
                                    + " motorcycle");
            };
            String station = JsonFields.id(u, "station", p, null);
            if (stations.stream().noneMatch(s -> s.id().equals(station))) {
                throw BluelampException.invalid(
                        p + ".station", p + ".station '" + station + "' is not one of scenario.stations");
            }
            String shift = JsonFields.id(u, "shift", p, null);
            if (shifts.stream().noneMatch(s -> s.id().equals(shift))) {
                throw BluelampException.invalid(
                        p + ".shift", p + ".shift '" + shift + "' is not one of scenario.shifts");
            }
            List<String> capabilities = JsonFields.ids(u, "capabilities", p);
            for (int k = 0; k < capabilities.size(); k++) {
                if (!caps.isKnown(capabilities.get(k))) {
                    throw BluelampException.invalid(
                            p + ".capabilities[" + k + "]",
                            p + ".capabilities[" + k + "] '" + capabilities.get(k) + "' is not a capability; known: "
                                    + caps.codes());
                }
            }
            double radius = JsonFields.has(u, "patrolRadiusMetres")
                    ? JsonFields.number(u, "patrolRadiusMetres", p, 100, 200_000)
                    : 5000;
            out.add(new Scenario.UnitGroup(
                    prefix,
                    JsonFields.wholeNumber(u, "count", p, 1, 100_000),
                    kind,
                    station,
                    shift,
                    radius,
                    Set.copyOf(capabilities)));
        }
        return out;
    }

    private static Scenario.Reporting reporting(JsonNode r) {
        if (r == null) {
            return new Scenario.Reporting(15, 5, 0.02, 0.03, 5, 60);
        }
        String p = "scenario.reporting";
        JsonFields.onlyKnown(r, p, REPORTING_FIELDS);
        double interval =
                JsonFields.has(r, "intervalSeconds") ? JsonFields.number(r, "intervalSeconds", p, 0, 3600) : 15;
        double error = JsonFields.has(r, "gpsErrorMetres") ? JsonFields.number(r, "gpsErrorMetres", p, 0, 1000) : 5;
        double lost = JsonFields.has(r, "lostShare") ? JsonFields.number(r, "lostShare", p, 0, 1) : 0.02;
        double late = JsonFields.has(r, "lateShare") ? JsonFields.number(r, "lateShare", p, 0, 1) : 0.03;
        if (lost + late > 1) {
            throw BluelampException.invalid(p + ".lateShare", p + ": lostShare + lateShare must be at most 1");
        }
        double min = JsonFields.has(r, "lateMinSeconds") ? JsonFields.number(r, "lateMinSeconds", p, 0, 3600) : 5;
        double max = JsonFields.has(r, "lateMaxSeconds") ? JsonFields.number(r, "lateMaxSeconds", p, min, 3600) : 60;
        if (max < min) {
            throw BluelampException.invalid(
                    p + ".lateMaxSeconds", p + ".lateMaxSeconds must be at least lateMinSeconds (" + min + ")");
        }
        return new Scenario.Reporting(interval, error, lost, late, min, max);
    }

    private static JsonNode object(JsonNode node, String field, String path, boolean required) {
        if (!JsonFields.has(node, field)) {
            if (required) {
                throw BluelampException.invalid(path + "." + field, path + "." + field + " is missing");
            }
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isObject()) {
            throw BluelampException.invalid(
                    path + "." + field, path + "." + field + " must be an object, got " + JsonFields.shown(v));
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw BluelampException.invalid(path + "." + field, path + "." + field + " must be a non-empty list");
        }
        return v;
    }

    private static JsonNode element(JsonNode arr, int i, String path) {
        JsonNode v = arr.get(i);
        if (!v.isObject()) {
            throw BluelampException.invalid(path, path + " must be an object, got " + JsonFields.shown(v));
        }
        return v;
    }
}
