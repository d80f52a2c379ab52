package org.bluelamp.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.road.TravelProfile;

/**
 * A force's dispatch policy: its grades, mobilisation delays, how positions age, and response
 * plans by incident type; loaded from a JSON file (see
 * {@code map-data/config/policies/england-wales.json}, the documented default). Every problem in
 * the file is reported with its JSON path. Immutable and thread-safe.
 */
public final class PolicyBook {
    /** Resource of the shipped default policy. */
    public static final String DEFAULT_RESOURCE = "/map-data/config/policies/england-wales.json";
    /** Reads policy JSON; Jackson's mapper is thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final Map<String, GradePolicy> grades;
    private final int[] mobilisationMillisByStatus;
    private final double[] offRoadMetresPerSecondByKind;
    private final long maxFixAgeMillis;
    private final double stalePenaltySecondsPerMinute;
    private final double stalePenaltyMaxSeconds;
    private final Map<String, List<Requirement>> responsePlans;

    private PolicyBook(
            String name,
            Map<String, GradePolicy> grades,
            int[] mobilisation,
            double[] offRoad,
            long maxFixAgeMillis,
            double stalePenaltySecondsPerMinute,
            double stalePenaltyMaxSeconds,
            Map<String, List<Requirement>> plans) {
        this.name = name;
        this.grades = Collections.unmodifiableMap(grades);
        this.mobilisationMillisByStatus = mobilisation;
        this.offRoadMetresPerSecondByKind = offRoad;
        this.maxFixAgeMillis = maxFixAgeMillis;
        this.stalePenaltySecondsPerMinute = stalePenaltySecondsPerMinute;
        this.stalePenaltyMaxSeconds = stalePenaltyMaxSeconds;
        this.responsePlans = Collections.unmodifiableMap(plans);
    }

    /** The shipped England and Wales default. */
    public static PolicyBook loadDefault(CapabilityRegistry capabilities) {
        try (InputStream in = PolicyBook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(MAPPER.readTree(in), DEFAULT_RESOURCE, capabilities);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a policy file.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the file and JSON path of any problem
     */
    public static PolicyBook load(Path file, CapabilityRegistry capabilities) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid("policy", "policy file " + file + " does not exist");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BluelampException.invalid("policy", "policy file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(content, file.toString(), capabilities);
    }

    /**
     * Loads a policy from a policy file's content, in memory: what {@link #load} does once the file
     * is read, with the same messages (encoding detected as for a file: UTF-8, UTF-16 or UTF-32).
     *
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the file and JSON path of any problem
     */
    public static PolicyBook parse(byte[] content, String source, CapabilityRegistry capabilities) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BluelampException.invalid("policy", "policy file " + source + " is not valid JSON: " + jsonError(e));
        } catch (IOException e) {
            throw BluelampException.invalid("policy", "policy file " + source + " cannot be read: " + e.getMessage());
        }
        return parse(root, source, capabilities);
    }

    /** A JSON parser's error as "line L, column C: what", without the parser's own jargon. */
    static String jsonError(com.fasterxml.jackson.core.JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        what = what.lines().findFirst().orElse("").strip();
        // Jackson explains some errors with its own option names and source references: cut them
        for (String jargon : new String[] {" (for ", " (start marker at", "; (", " at [Source"}) {
            int cut = what.indexOf(jargon);
            if (cut > 0) {
                what = what.substring(0, cut);
            }
        }
        var at = e.getLocation();
        return at != null && at.getLineNr() > 0
                ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what
                : what;
    }

    static PolicyBook parse(JsonNode root, String source, CapabilityRegistry capabilities) {
        Parser p = new Parser(source);
        String name = p.text(root, "name", "policy");
        JsonNode gradesNode = p.array(root, "grades");
        if (gradesNode.isEmpty()) {
            throw p.error("grades", "must list at least one grade");
        }
        Map<String, GradePolicy> grades = new LinkedHashMap<>();
        int priority = 0;
        for (JsonNode g : gradesNode) {
            String path = "grades[" + priority + "]";
            if (!g.isObject()) {
                throw p.error(path, "must be an object {\"code\":...}");
            }
            String code = p.text(g, "code", null);
            if (code == null || code.isBlank()) {
                throw p.error(path + ".code", "is missing");
            }
            p.id(path + ".code", code);
            if (grades.containsKey(code)) {
                throw p.error(path + ".code", "grade " + code + " is listed twice");
            }
            String carProfileName = p.text(g, "carProfile", "car");
            TravelProfile carProfile = TravelProfile.find(carProfileName)
                    .filter(tp -> tp == TravelProfile.CAR || tp == TravelProfile.CAR_EMERGENCY)
                    .orElseThrow(() -> p.error(
                            path + ".carProfile", "must be car or car_emergency, got '" + carProfileName + "'"));
            grades.put(
                    code,
                    new GradePolicy(
                            code,
                            p.text(g, "name", code),
                            priority,
                            p.minutesOrNaN(g, "urbanTargetMinutes", path),
                            p.minutesOrNaN(g, "ruralTargetMinutes", path),
                            carProfile,
                            p.statuses(g, "eligibleStatuses", path),
                            p.statuses(g, "mayDivertFromLowerGrades", path)));
            priority++;
        }
        int[] mobilisation = new int[UnitStatus.values().length];
        JsonNode mob = root.path("mobilisationSeconds");
        for (Iterator<Map.Entry<String, JsonNode>> it = mob.fields(); it.hasNext(); ) {
            var e = it.next();
            UnitStatus s = p.status(e.getKey(), "mobilisationSeconds." + e.getKey());
            double seconds = p.number(e.getValue(), "mobilisationSeconds." + e.getKey(), 0, 3600);
            mobilisation[s.ordinal()] = (int) Math.round(seconds * 1000);
        }
        double[] offRoad = new double[UnitKind.values().length];
        JsonNode speeds = root.path("offRoadSpeedKmh");
        for (UnitKind kind : UnitKind.values()) {
            String profile = kind.routingProfile();
            JsonNode v = speeds.path(profile);
            double kmh = v.isMissingNode() ? 5.0 : p.number(v, "offRoadSpeedKmh." + profile, 1, 50);
            offRoad[kind.ordinal()] = kmh / 3.6;
        }
        double maxAgeMinutes = root.has("maxFixAgeMinutes")
                ? p.number(root.get("maxFixAgeMinutes"), "maxFixAgeMinutes", 1, 24 * 60)
                : 30;
        double penaltyPerMinute = root.has("stalePenaltySecondsPerMinute")
                ? p.number(root.get("stalePenaltySecondsPerMinute"), "stalePenaltySecondsPerMinute", 0, 600)
                : 0;
        double penaltyMax = root.has("stalePenaltyMaxSeconds")
                ? p.number(root.get("stalePenaltyMaxSeconds"), "stalePenaltyMaxSeconds", 0, 3600)
                : 0;
        Map<String, List<Requirement>> plans = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("responsePlans").fields();
                it.hasNext(); ) {
            var e = it.next();
            String path = "responsePlans." + e.getKey();
            p.id("responsePlans key", e.getKey());
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw p.error(path, "must be a non-empty list of {capabilities, units}");
            }
            List<Requirement> reqs = new ArrayList<>();
            int i = 0;
            for (JsonNode r : e.getValue()) {
                String rp = path + "[" + i++ + "]";
                Set<String> caps = new java.util.TreeSet<>();
                for (JsonNode c : p.array(r, "capabilities")) {
                    if (!c.isTextual()) {
                        throw p.error(rp + ".capabilities", "must be a list of capability codes");
                    }
                    p.id(rp + ".capabilities", c.asText());
                    if (!capabilities.isKnown(c.asText())) {
                        throw p.error(
                                rp + ".capabilities",
                                "unknown capability '" + c.asText() + "'; known: " + capabilities.codes());
                    }
                    caps.add(c.asText());
                }
                int units = (int) p.number(r.path("units"), rp + ".units", 1, 20);
                reqs.add(new Requirement(caps, units));
            }
            int total = reqs.stream().mapToInt(Requirement::units).sum();
            if (total > 20) {
                throw p.error(path, "asks for " + total + " units; a plan may ask for at most 20");
            }
            plans.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(reqs));
        }
        return new PolicyBook(
                name,
                grades,
                mobilisation,
                offRoad,
                (long) (maxAgeMinutes * 60_000),
                penaltyPerMinute,
                penaltyMax,
                plans);
    }

    public String name() {
        return name;
    }

    /** Grades, most urgent first. */
    public List<GradePolicy> grades() {
        return List.copyOf(grades.values());
    }

    public Optional<GradePolicy> findGrade(String code) {
        return Optional.ofNullable(code == null ? null : grades.get(code.trim()));
    }

    /**
     * @throws BluelampException INVALID_ARGUMENT on field "grade" naming the known grades
     */
    public GradePolicy getGrade(String code) {
        return findGrade(code)
                .orElseThrow(() -> BluelampException.invalid(
                        "grade", "unknown grade '" + code + "'; this force's grades are " + grades.keySet()));
    }

    /** The response plan of an incident type, if one is configured. */
    public Optional<List<Requirement>> findResponsePlan(String incidentType) {
        return Optional.ofNullable(
                incidentType == null
                        ? null
                        : responsePlans.get(incidentType.trim().toLowerCase(Locale.ROOT)));
    }

    public Set<String> incidentTypes() {
        return responsePlans.keySet();
    }

    /** Time a unit in this status needs before it is on its way, in milliseconds. */
    public int mobilisationMillis(UnitStatus status) {
        return mobilisationMillisByStatus[status.ordinal()];
    }

    /** Speed over the off-road leg from a reported position to the road, metres per second. */
    public double offRoadMetresPerSecond(UnitKind kind) {
        return offRoadMetresPerSecondByKind[kind.ordinal()];
    }

    /** Positions older than this are not used at all (the unit is left out as stale beyond limit). */
    public long maxFixAgeMillis() {
        return maxFixAgeMillis;
    }

    /**
     * The ranking penalty for a stale position: a stale unit may have moved since, so it ranks
     * behind a fresh unit with the same ETA. {@code stalePenaltySecondsPerMinute} for each minute
     * of position age, at most {@code stalePenaltyMaxSeconds}; 0 for fresh positions.
     */
    public int stalePenaltyMillis(long fixAgeMillis, boolean stale) {
        if (!stale) {
            return 0;
        }
        double seconds = Math.min(stalePenaltyMaxSeconds, stalePenaltySecondsPerMinute * fixAgeMillis / 60_000.0);
        return (int) Math.round(seconds * 1000);
    }

    /** Reads a policy file's values and turns every problem into an error naming its JSON path. */
    private record Parser(String source) {
        BluelampException error(String path, String message) {
            return new BluelampException(
                    ErrorKind.INVALID_ARGUMENT, "policy", "policy " + source + ": " + path + " " + message);
        }

        /** Checks an id (grade code, incident type, capability code) by the one rule for ids. */
        void id(String path, String value) {
            String why = Ids.problem(value);
            if (why != null) {
                throw error(path, Echo.quote(value) + " is not a valid id: " + why);
            }
        }

        String text(JsonNode node, String field, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw error(field, "must be a string");
            }
            return v.asText();
        }

        JsonNode array(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) {
                throw error(field, "must be a list");
            }
            return v;
        }

        double number(JsonNode v, String path, double min, double max) {
            if (v == null || !v.isNumber()) {
                throw error(path, "must be a number");
            }
            double d = v.asDouble();
            if (!(d >= min && d <= max)) {
                throw error(path, "must be between " + min + " and " + max + ", got " + d);
            }
            return d;
        }

        double minutesOrNaN(JsonNode g, String field, String path) {
            JsonNode v = g.get(field);
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            return number(v, path + "." + field, 1, 7 * 24 * 60) * 60;
        }

        UnitStatus status(String name, String path) {
            try {
                return UnitStatus.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(path, "is not a unit status; use one of " + EnumSet.allOf(UnitStatus.class));
            }
        }

        Set<UnitStatus> statuses(JsonNode g, String field, String path) {
            JsonNode arr = g.get(field);
            if (arr == null || arr.isNull()) {
                return Set.of();
            }
            if (!arr.isArray()) {
                throw error(path + "." + field, "must be a list of statuses");
            }
            EnumSet<UnitStatus> set = EnumSet.noneOf(UnitStatus.class);
            int i = 0;
            for (JsonNode s : arr) {
                UnitStatus st = status(s.asText(), path + "." + field + "[" + i++ + "]");
                if (st == UnitStatus.OFF_DUTY) {
                    throw error(path + "." + field, "may not contain OFF_DUTY: an off-duty unit can never be sent");
                }
                set.add(st);
            }
            return set;
        }
    }

    @Override
    public String toString() {
        return "PolicyBook[" + name + ", grades " + grades.keySet() + ", plans " + responsePlans.keySet() + "]";
    }
}
