package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionsGeoJson;
import org.bluelamp.conditions.FieldNames;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.Scenario;
import org.bluelamp.coverage.ScenarioChange;
import org.bluelamp.coverage.Station;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;

/**
 * Coverage scenario files ({@code coverage --scenario}, {@code place --scenario}): a baseline
 * deployment (stations, units, busy fraction), the grade, optional beats and demand files (paths
 * relative to the scenario file), and what-ifs. Every problem is refused with the file and the JSON
 * path ({@code --scenario s.json: scenarios[1].changes[0].moveUnit.unit ...}); unknown fields get the
 * nearest known name. Format in the README under {@code coverage}.
 *
 * <p>Stateless and thread-safe.
 */
final class ScenarioFile {
    static final Set<String> TOP = new LinkedHashSet<>(
            List.of("name", "grade", "busyFraction", "beats", "demand", "stations", "units", "scenarios", "notes"));
    static final Set<String> STATION = new LinkedHashSet<>(List.of("id", "name", "lat", "lon", "notes"));
    static final Set<String> UNIT = new LinkedHashSet<>(List.of("id", "kind", "status", "station", "lat", "lon"));
    static final Set<String> SCENARIO = new LinkedHashSet<>(List.of("name", "changes", "notes"));
    static final Set<String> CHANGES = new LinkedHashSet<>(
            List.of("moveUnit", "addUnit", "removeUnit", "closeStation", "busyFraction", "closeRoads", "slowRoads"));
    static final Set<String> MOVE = new LinkedHashSet<>(List.of("unit", "toStation", "lat", "lon"));
    static final Set<String> CLOSE = new LinkedHashSet<>(List.of("station", "moveUnitsTo"));

    private ScenarioFile() {}

    /**
     * A scenario file, read and checked.
     *
     * @param name the baseline's name
     * @param grade the grade code
     * @param baseline the baseline deployment
     * @param scenarios the what-ifs
     * @param beats the beats file, or null
     * @param demand the demand file, or null
     */
    record Parsed(String name, String grade, Deployment baseline, List<Scenario> scenarios, Path beats, Path demand) {}

    /**
     * Reads and checks a scenario file.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the JSON path
     */
    static Parsed read(Path file, String option) {
        JsonNode root = JsonFields.read(file, option);
        try {
            return parse(root, file.toAbsolutePath().getParent());
        } catch (BluelampException e) {
            throw new BluelampException(e.kind(), e.field(), option + " " + file + ": " + e.getMessage());
        }
    }

    static Parsed parse(JsonNode root, Path dir) {
        if (!root.isObject()) {
            throw BluelampException.invalid(
                    "scenario", "the file must hold an object {\"name\":...,\"stations\":[...],\"units\":[...]}");
        }
        JsonFields.onlyKnown(root, "scenario", TOP);
        String name = JsonFields.text(root, "name", "scenario", "baseline");
        String grade = JsonFields.has(root, "grade") ? JsonFields.id(root, "grade", "scenario", null) : "1";
        OptionalDouble q = JsonFields.has(root, "busyFraction")
                ? OptionalDouble.of(busyFraction(root, "busyFraction", "scenario"))
                : OptionalDouble.empty();
        Map<String, Station> stations = new LinkedHashMap<>();
        JsonNode st = root.get("stations");
        if (st != null && !st.isNull()) {
            if (!st.isArray()) {
                throw BluelampException.invalid("stations", "stations must be a list of {id, name, lat, lon}");
            }
            int i = 0;
            for (JsonNode s : st) {
                String path = "stations[" + i++ + "]";
                if (!s.isObject()) {
                    throw BluelampException.invalid(
                            path, path + " must be an object {\"id\":...,\"lat\":...,\"lon\":...}");
                }
                JsonFields.onlyKnown(s, path, STATION);
                String id = JsonFields.id(s, "id", path, null);
                if (stations.containsKey(id)) {
                    throw BluelampException.invalid(path + ".id", path + ".id " + Echo.quote(id) + " is listed twice");
                }
                stations.put(id, new Station(id, JsonFields.text(s, "name", path, id), FleetFile.point(s, path)));
            }
        }
        if (!root.has("units")
                || !root.get("units").isArray()
                || root.get("units").isEmpty()) {
            throw BluelampException.invalid("units", "units must list at least one unit {\"id\",\"kind\",\"station\"}");
        }
        List<PlannedUnit> units = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode u : root.get("units")) {
            String path = "units[" + i++ + "]";
            PlannedUnit unit = unit(u, path, stations);
            if (!ids.add(unit.id())) {
                throw BluelampException.invalid(
                        path + ".id", path + ".id " + Echo.quote(unit.id()) + " is listed twice");
            }
            units.add(unit);
        }
        Deployment baseline = new Deployment(units, stations, q);
        List<Scenario> scenarios = new ArrayList<>();
        JsonNode sc = root.get("scenarios");
        if (sc != null && !sc.isNull()) {
            if (!sc.isArray()) {
                throw BluelampException.invalid("scenarios", "scenarios must be a list of {name, changes}");
            }
            int s = 0;
            for (JsonNode n : sc) {
                scenarios.add(scenario(n, "scenarios[" + s++ + "]", stations));
            }
        }
        for (Scenario s : scenarios) {
            s.apply(baseline); // every change refers to units and stations that exist
        }
        Path beats =
                JsonFields.has(root, "beats") ? dir.resolve(JsonFields.text(root, "beats", "scenario", null)) : null;
        Path demand =
                JsonFields.has(root, "demand") ? dir.resolve(JsonFields.text(root, "demand", "scenario", null)) : null;
        return new Parsed(name, grade, baseline, scenarios, beats, demand);
    }

    private static double busyFraction(JsonNode node, String field, String path) {
        double q = JsonFields.number(node, field, path, 0, 1);
        if (q >= 1) {
            throw BluelampException.invalid(
                    path + "." + field,
                    path + "." + field + " must be below 1 (a unit busy all the time covers nothing), got " + q);
        }
        return q;
    }

    /** A unit: at its station unless it gives lat and lon. */
    private static PlannedUnit unit(JsonNode u, String path, Map<String, Station> stations) {
        if (!u.isObject()) {
            throw BluelampException.invalid(path, path + " must be an object {\"id\":...,\"station\":...}");
        }
        JsonFields.onlyKnown(u, path, UNIT);
        String id = JsonFields.id(u, "id", path, null);
        UnitKind kind = FleetFile.parseEnum(UnitKind.class, JsonFields.text(u, "kind", path, "car"), path + ".kind");
        String station = JsonFields.has(u, "station") ? JsonFields.id(u, "station", path, null) : "";
        if (!station.isEmpty() && !stations.containsKey(station)) {
            throw BluelampException.invalid(
                    path + ".station",
                    path + ".station " + Echo.quote(station) + " is not listed under stations; stations: "
                            + stations.keySet());
        }
        UnitStatus status = FleetFile.parseEnum(
                UnitStatus.class,
                JsonFields.text(u, "status", path, station.isEmpty() ? "available" : "at_station"),
                path + ".status");
        GeoPoint at;
        if (JsonFields.has(u, "lat") || JsonFields.has(u, "lon")) {
            at = FleetFile.point(u, path);
        } else if (!station.isEmpty()) {
            at = stations.get(station).position();
        } else {
            throw BluelampException.invalid(path, path + ": give a station or lat and lon");
        }
        return new PlannedUnit(id, kind, status, at, station, Double.NaN);
    }

    private static Scenario scenario(JsonNode n, String path, Map<String, Station> stations) {
        if (!n.isObject()) {
            throw BluelampException.invalid(path, path + " must be an object {\"name\":...,\"changes\":[...]}");
        }
        JsonFields.onlyKnown(n, path, SCENARIO);
        String name = JsonFields.text(n, "name", path, null);
        JsonNode changes = n.get("changes");
        if (changes == null || !changes.isArray() || changes.isEmpty()) {
            throw BluelampException.invalid(path + ".changes", path + ".changes must list at least one change");
        }
        List<ScenarioChange> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : changes) {
            String p = path + ".changes[" + i++ + "]";
            if (c.isObject() && c.size() == 1 && (c.has("closeRoads") || c.has("slowRoads"))) {
                out.addAll(roadChanges(c, p));
            } else {
                out.add(change(c, p, stations));
            }
        }
        return new Scenario(name, out, RoadConditions.NONE, List.of());
    }

    private static ScenarioChange change(JsonNode c, String path, Map<String, Station> stations) {
        if (!c.isObject() || c.size() != 1) {
            throw BluelampException.invalid(
                    path, path + " must be an object with exactly one of " + String.join(", ", CHANGES));
        }
        JsonFields.onlyKnown(c, path, CHANGES);
        Iterator<String> it = c.fieldNames();
        String kind = it.next();
        JsonNode v = c.get(kind);
        String p = path + "." + kind;
        return switch (kind) {
            case "moveUnit" -> {
                requireObject(v, p);
                JsonFields.onlyKnown(v, p, MOVE);
                String unit = JsonFields.id(v, "unit", p, null);
                if (JsonFields.has(v, "toStation")) {
                    if (JsonFields.has(v, "lat") || JsonFields.has(v, "lon")) {
                        throw BluelampException.invalid(p, p + ": give toStation or lat and lon, not both");
                    }
                    yield new ScenarioChange.MoveUnit(path, unit, JsonFields.id(v, "toStation", p, null), null);
                }
                yield new ScenarioChange.MoveUnit(path, unit, "", FleetFile.point(v, p));
            }
            case "addUnit" -> new ScenarioChange.AddUnit(path, unit(v, p, stations));
            case "removeUnit" -> {
                if (!v.isTextual()) {
                    throw BluelampException.invalid(p, p + " must be the unit's id, got " + JsonFields.shown(v));
                }
                yield new ScenarioChange.RemoveUnit(path, org.bluelamp.input.Ids.check(p, v.textValue()));
            }
            case "closeStation" -> {
                if (v.isTextual()) {
                    yield new ScenarioChange.CloseStation(path, org.bluelamp.input.Ids.check(p, v.textValue()), "");
                }
                requireObject(v, p);
                JsonFields.onlyKnown(v, p, CLOSE);
                String station = JsonFields.id(v, "station", p, null);
                String to = JsonFields.has(v, "moveUnitsTo") ? JsonFields.id(v, "moveUnitsTo", p, null) : "";
                if (station.equals(to)) {
                    throw BluelampException.invalid(
                            p + ".moveUnitsTo", p + ".moveUnitsTo is the station that closes; name another");
                }
                yield new ScenarioChange.CloseStation(path, station, to);
            }
            case "busyFraction" -> new ScenarioChange.BusyFraction(path, busyFraction(c, "busyFraction", path));
            default -> throw new IllegalStateException(kind);
        };
    }

    /**
     * A {@code closeRoads} or {@code slowRoads} change: a GeoJSON Feature or FeatureCollection in the
     * form of the {@code --closures} file ({@link ConditionsGeoJson}), read by the same reader; in
     * {@code slowRoads} a feature's kind defaults to slowdown. Ids are optional here.
     */
    private static List<ScenarioChange> roadChanges(JsonNode c, String path) {
        String kind = c.has("closeRoads") ? "closeRoads" : "slowRoads";
        String p = path + "." + kind;
        JsonNode v = c.get(kind).deepCopy();
        if (!v.isObject()) {
            throw BluelampException.invalid(
                    p, p + " must be a GeoJSON Feature or FeatureCollection, got " + JsonFields.shown(v));
        }
        boolean collection = "FeatureCollection".equals(v.path("type").asText());
        List<JsonNode> features = new ArrayList<>();
        if (collection) {
            v.path("features").forEach(features::add);
        } else {
            features.add(v);
        }
        String conditionKind = kind.equals("closeRoads") ? "closure" : "slowdown";
        int n = 0;
        for (JsonNode f : features) {
            n++;
            if (f instanceof ObjectNode fo) {
                JsonNode props = fo.path("properties");
                ObjectNode po = props instanceof ObjectNode o ? o : fo.putObject("properties");
                if (!po.has("id")) {
                    po.put("id", kind + "-" + n);
                }
                if (!po.has("kind")) {
                    po.put("kind", conditionKind);
                }
            }
        }
        List<Condition> conditions = ConditionsGeoJson.read(v.toString(), p, p);
        List<ScenarioChange> out = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition cond = conditions.get(i);
            String at = collection ? p + ".features[" + i + "]" : p;
            if (!cond.kind().equals(conditionKind)) {
                throw BluelampException.invalid(
                        at + ".properties.kind",
                        at + ".properties.kind " + Echo.quote(cond.kind()) + ": " + kind + " takes " + conditionKind
                                + "s only");
            }
            FieldNames names = canonical -> switch (canonical) {
                case "area", "circle", "road.from", "road.to" -> at + ".geometry";
                case "circle.radiusMetres" -> at + ".properties.radiusMetres";
                default -> at + ".properties." + canonical;
            };
            out.add(new ScenarioChange.RoadChange(at, cond, names));
        }
        return out;
    }

    private static void requireObject(JsonNode v, String path) {
        if (!v.isObject()) {
            throw BluelampException.invalid(path, path + " must be an object, got " + JsonFields.shown(v));
        }
    }

    /** A grade name in lower case for messages. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
