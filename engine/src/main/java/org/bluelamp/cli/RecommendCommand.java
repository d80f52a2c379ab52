package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recommend}: ranks a fleet file's units for each incident of an incidents file. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Rank units for incidents by road travel time under the grade policy.",
                "Reads a fleet file and an incidents file (JSON); prints one JSON object per incident, one per line."})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Option(names = "--fleet", required = true, paramLabel = "<file>", description = "Fleet JSON: {\"units\":[{\"id\",\"lat\",\"lon\",\"kind\",\"status\",\"capabilities\":[...]}]}")
    Path fleetFile;

    @Option(names = "--incidents", required = true, paramLabel = "<file>", description = "Incidents JSON: {\"incidents\":[{\"id\",\"lat\",\"lon\",\"grade\"}]}")
    Path incidentsFile;

    @Option(names = "--policy", paramLabel = "<file>", description = "Grade policy JSON (default: the shipped England and Wales policy).")
    Path policyFile;

    @Option(names = "--urban-areas", paramLabel = "<file>", description = "Urban areas GeoJSON (default: the shipped areas).")
    Path urbanAreasFile;

    @Option(names = "--k", defaultValue = "5", paramLabel = "<n>", description = "Candidates per incident (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--at", paramLabel = "<instant>", description = "Evaluate as of this time (ISO-8601, e.g. 2026-11-22T12:00:00Z; default: now).")
    String at;

    @Option(names = "--no-geometry", description = "Leave route polylines out.")
    boolean noGeometry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long now = System.currentTimeMillis();
        if (at != null) {
            try {
                now = Instant.parse(at).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw BluelampException.invalid("at", "--at must be an ISO-8601 instant like 2026-11-22T12:00:00Z, got '" + at + "'");
            }
        }
        JsonNode fleetJson = readJson(fleetFile, "fleet");
        JsonNode incidentsJson = readJson(incidentsFile, "incidents");
        FleetState fleet = new FleetState(FleetOptions.defaults());
        loadFleet(fleetJson, fleet, now);
        PolicyBook policies = policyFile != null ? PolicyBook.load(policyFile, fleet.options().capabilities())
                : PolicyBook.loadDefault(fleet.options().capabilities());
        UrbanAreas urban = urbanAreasFile != null ? UrbanAreas.load(urbanAreasFile) : UrbanAreas.loadDefault();
        JsonNode incidents = incidentsJson.get("incidents");
        if (incidents == null || !incidents.isArray()) {
            throw BluelampException.invalid("incidents", "incidents file " + incidentsFile + " must hold {\"incidents\":[...]}");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RoadNetwork net = mapOptions.open()) {
            Dispatcher dispatcher = Dispatcher.create(net, fleet, policies, urban, InstantSource.fixed(Instant.ofEpochMilli(now)));
            int i = 0;
            for (JsonNode inc : incidents) {
                String path = "incidents[" + i++ + "]";
                IncidentRequest req = new IncidentRequest(text(inc, "id", path, ""),
                        point(inc, path), text(inc, "grade", path, null), text(inc, "type", path, ""),
                        strings(inc.get("capabilities"), path + ".capabilities"), k);
                Recommendation rec;
                try {
                    rec = dispatcher.recommend(req);
                } catch (BluelampException e) {
                    throw new BluelampException(e.kind(), e.field(), path + ": " + e.getMessage());
                }
                Json.print(out, toJson(rec));
            }
        }
        return 0;
    }

    private ObjectNode toJson(Recommendation rec) {
        ObjectNode o = Json.object();
        o.put("incidentId", rec.incidentId());
        o.put("grade", rec.grade());
        o.put("gradeName", rec.gradeName());
        o.put("urban", rec.urban());
        if (rec.targetSeconds().isPresent()) {
            o.put("targetSeconds", rec.targetSeconds().getAsDouble());
        }
        ArrayNode cands = o.putArray("candidates");
        rec.candidates().forEach(c -> cands.add(candidate(c)));
        if (!rec.responsePlan().isEmpty() || !rec.unmetRequirements().isEmpty()) {
            ArrayNode plan = o.putArray("responsePlan");
            rec.responsePlan().forEach(c -> plan.add(candidate(c)));
            o.put("planFulfilled", rec.planFulfilled());
            ArrayNode unmet = o.putArray("unmetRequirements");
            rec.unmetRequirements().forEach(unmet::add);
        }
        ObjectNode excluded = o.putObject("excluded");
        rec.excluded().forEach((reason, count) -> excluded.put(reason.code(), count));
        o.put("searchedNodes", rec.searchedNodes());
        o.put("computeMicros", rec.computeMicros());
        o.put("attribution", Json.ATTRIBUTION);
        return o;
    }

    private ObjectNode candidate(Candidate c) {
        ObjectNode o = Json.object();
        o.put("rank", c.rank());
        o.put("unitId", c.unitId());
        o.put("callsign", c.callsign());
        o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        o.put("profile", c.profile().profileName());
        o.put("status", c.status().name().toLowerCase(Locale.ROOT));
        if (!c.divertedFromGrade().isEmpty()) {
            o.put("divertedFromGrade", c.divertedFromGrade());
        }
        o.put("etaSeconds", round1(c.etaSeconds()));
        o.put("roadSeconds", round1(c.roadSeconds()));
        o.put("mobilisationSeconds", round1(c.mobilisationSeconds()));
        o.put("offRoadSeconds", round1(c.offRoadSeconds()));
        o.put("distanceMetres", Math.round(c.distanceMetres()));
        o.put("straightLineMetres", Math.round(c.straightLineMetres()));
        o.put("straightLineRank", c.straightLineRank());
        o.put("meetsTarget", c.meetsTarget());
        o.put("fixAgeSeconds", round1(c.fixAgeSeconds()));
        o.put("stale", c.stale());
        o.put("rankingSeconds", round1(c.rankingSeconds()));
        if (!c.inResponsePlan().isEmpty()) {
            o.put("fills", c.inResponsePlan());
        }
        ArrayNode reasons = o.putArray("reasons");
        c.reasons().forEach(reasons::add);
        if (!noGeometry) {
            o.put("polyline", c.encodedPolyline());
        }
        return o;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static JsonNode readJson(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(field, field + " file " + file + " does not exist");
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BluelampException.invalid(field, field + " file " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void loadFleet(JsonNode root, FleetState fleet, long now) {
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
                        throw BluelampException.invalid(path + ".capabilities", "unknown capability '" + c + "'; known: "
                                + fleet.options().capabilities().codes());
                    }
                }
                String grade = u.hasNonNull("committedGrade") ? text(u, "committedGrade", path, "") : null;
                int crew = u.has("crewSize") ? u.get("crewSize").asInt() : 1;
                var unit = fleet.register(new UnitSpec(id, text(u, "callsign", path, id), kind, caps, crew,
                        text(u, "homeStation", path, "")), new StatusChange(status, grade, now));
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
                    double accuracy = u.has("accuracyMetres") ? u.get("accuracyMetres").asDouble() : Double.NaN;
                    fleet.recordFix(unit.unitIndex(), p.latDeg(), p.lonDeg(), time, accuracy, Double.NaN, Double.NaN,
                            FixReason.UNSPECIFIED);
                }
            } catch (BluelampException e) {
                throw new BluelampException(e.kind(), e.field(), "fleet " + (e.getMessage().startsWith(path) ? "" : path + ": ") + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw BluelampException.invalid("fleet", "fleet " + path + ": " + e.getMessage());
            }
        }
    }

    private static GeoPoint point(JsonNode node, String path) {
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

    private static String text(JsonNode node, String field, String path, String fallback) {
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

    private static Set<String> strings(JsonNode arr, String path) {
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

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw BluelampException.invalid(path, path + ": unknown value '" + value + "'; use one of " + names);
        }
    }
}
