package org.bluelamp.conditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;

/**
 * Typical congestion by hour of the week: a speed factor (0 to 1] per road class, inside and
 * outside urban areas, for each hour of the week in the force's local time; 1 where the file
 * says nothing (GraphHopper's speeds stand for free-flowing traffic). The shipped default
 * ({@code map-data/config/congestion/england.json}) comes from the Department for Transport's
 * published speed statistics (its {@code source} field says which, and the README explains how the
 * numbers were derived); a force replaces it with its own file.
 *
 * <p>Which profiles suffer: the file lists them ({@code car} and {@code car_emergency} by default;
 * officers on foot and cyclists are not held up by queues). The emergency profile bears only a share
 * of the delay ({@code emergencyDelayShare}): a congestion time factor {@code t} becomes
 * {@code 1 + share × (t − 1)} for {@code car_emergency}, because traffic gives way to a blue-light
 * vehicle but it still has to pass through queues and junctions.
 *
 * <p>File format:
 *
 * <pre>
 * {"name": "...", "source": "...", "timeZone": "Europe/London", "profiles": ["car", "car_emergency"],
 *  "emergencyDelayShare": 0.4,
 *  "periods": [{"name": "weekday morning peak", "days": ["monday", ...], "fromHour": 7, "toHour": 10,
 *               "urban": {"default": 0.84, "motorway": 0.91}, "rural": {"trunk": 0.91}}]}
 * </pre>
 *
 * <p>Periods may not overlap; a road class missing from {@code urban} or {@code rural} takes that
 * side's {@code default} (1 when absent). Immutable and thread-safe.
 */
public final class CongestionProfile {
    static final String DEFAULT_RESOURCE = "/map-data/config/congestion/england.json";
    /** Hours in a week. */
    public static final int HOURS = 7 * 24;

    private static final Set<String> TOP_FIELDS =
            Set.of("name", "source", "timeZone", "profiles", "emergencyDelayShare", "periods", "notes");
    private static final Set<String> PERIOD_FIELDS = Set.of("name", "days", "fromHour", "toHour", "urban", "rural");

    private final String name;
    private final String source;
    private final ZoneRules zone;
    private final String zoneId;
    private final Set<TravelProfile> profiles;
    private final double emergencyDelayShare;
    /** [hour of week][0 rural, 1 urban][road class]: speed factor. */
    private final double[][][] speed;

    private final String[] periodName;
    private final boolean[] flat;

    private CongestionProfile(
            String name,
            String source,
            ZoneId zone,
            Set<TravelProfile> profiles,
            double emergencyDelayShare,
            double[][][] speed,
            String[] periodName) {
        this.name = name;
        this.source = source;
        this.zone = zone.getRules();
        this.zoneId = zone.getId();
        this.profiles = Set.copyOf(profiles.isEmpty() ? Set.of() : EnumSet.copyOf(profiles));
        this.emergencyDelayShare = emergencyDelayShare;
        this.speed = speed;
        this.periodName = periodName;
        this.flat = new boolean[HOURS];
        for (int h = 0; h < HOURS; h++) {
            boolean f = true;
            for (double[] side : speed[h]) {
                for (double v : side) {
                    f &= v == 1;
                }
            }
            flat[h] = f;
        }
    }

    /** No congestion at any hour. */
    public static CongestionProfile none() {
        double[][][] speed = new double[HOURS][2][RoadClass.values().length];
        for (double[][] h : speed) {
            for (double[] side : h) {
                java.util.Arrays.fill(side, 1);
            }
        }
        return new CongestionProfile("none", "", ZoneOffset.UTC, Set.of(), 1, speed, new String[HOURS]);
    }

    /** The shipped default for England. */
    public static CongestionProfile loadDefault() {
        try (InputStream in = CongestionProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE, "congestion");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * A profile from a file (see the class comment).
     *
     * @param option the option that named the file, named in every error (e.g. {@code --congestion})
     */
    public static CongestionProfile load(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(option, option + " " + file + " does not exist or is not a file");
        }
        try {
            return parse(Files.readString(file), option + " " + file, option);
        } catch (IOException e) {
            throw BluelampException.invalid(option, option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    static CongestionProfile parse(String json, String source, String field) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(field, source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw BluelampException.invalid(field, source + ": the file must hold one JSON object");
        }
        onlyFields(root, TOP_FIELDS, source, field, "");
        ZoneId zone;
        try {
            zone = ZoneId.of(root.path("timeZone").asText("Europe/London"));
        } catch (DateTimeException e) {
            throw BluelampException.invalid(
                    field,
                    source + ": timeZone " + Echo.quote(root.path("timeZone").asText()) + " is not a time zone");
        }
        Set<TravelProfile> profiles = EnumSet.noneOf(TravelProfile.class);
        JsonNode ps = root.path("profiles");
        if (ps.isMissingNode()) {
            profiles.add(TravelProfile.CAR);
            profiles.add(TravelProfile.CAR_EMERGENCY);
        } else {
            for (int i = 0; i < ps.size(); i++) {
                profiles.add(ConditionRules.profile(ps.get(i).asText(), source + ": profiles[" + i + "]"));
            }
        }
        double share = root.path("emergencyDelayShare").asDouble(1);
        if (!(share >= 0 && share <= 1)) {
            throw BluelampException.invalid(
                    field, source + ": emergencyDelayShare " + share + " must be between 0 and 1");
        }
        double[][][] speed = none().speed;
        String[] names = new String[HOURS];
        JsonNode periods = root.path("periods");
        for (int p = 0; p < periods.size(); p++) {
            JsonNode period = periods.get(p);
            String at = "periods[" + p + "]";
            onlyFields(period, PERIOD_FIELDS, source, field, at + ".");
            String name = period.path("name").asText(at);
            int from = hour(period, "fromHour", source, field, at);
            int to = hour(period, "toHour", source, field, at);
            if (to <= from) {
                throw BluelampException.invalid(
                        field, source + ": " + at + ".toHour " + to + " is not after fromHour " + from);
            }
            double[][] factors = new double[2][];
            factors[0] = side(period.path("rural"), source, field, at + ".rural");
            factors[1] = side(period.path("urban"), source, field, at + ".urban");
            JsonNode days = period.path("days");
            if (days.isEmpty()) {
                throw BluelampException.invalid(field, source + ": " + at + ".days is empty: name days of the week");
            }
            for (int d = 0; d < days.size(); d++) {
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(days.get(d).asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw BluelampException.invalid(
                            field,
                            source + ": " + at + ".days[" + d + "] "
                                    + Echo.quote(days.get(d).asText())
                                    + " is not a day of the week (monday ... sunday)");
                }
                for (int h = from; h < to; h++) {
                    int how = (day.getValue() - 1) * 24 + h;
                    if (names[how] != null) {
                        throw BluelampException.invalid(
                                field,
                                source + ": " + at + " (" + name + ") overlaps " + names[how] + " on "
                                        + day.name().toLowerCase(Locale.ROOT) + " at " + h + ":00");
                    }
                    names[how] = name;
                    speed[how][0] = factors[0].clone();
                    speed[how][1] = factors[1].clone();
                }
            }
        }
        return new CongestionProfile(
                root.path("name").asText(""), root.path("source").asText(""), zone, profiles, share, speed, names);
    }

    private static void onlyFields(JsonNode node, Set<String> known, String source, String field, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw BluelampException.invalid(
                        field, source + ": " + at + Echo.quote(f) + " is not a field here; known: " + known);
            }
        }
    }

    private static int hour(JsonNode period, String name, String source, String field, String at) {
        JsonNode h = period.path(name);
        if (!h.canConvertToInt() || h.asInt() < 0 || h.asInt() > 24) {
            throw BluelampException.invalid(
                    field, source + ": " + at + "." + name + " must be a whole hour from 0 to 24, got " + h);
        }
        return h.asInt();
    }

    private static double[] side(JsonNode node, String source, String field, String at) {
        double[] out = new double[RoadClass.values().length];
        double fallback = node.path("default").asDouble(1);
        java.util.Arrays.fill(out, fallback);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double v = e.getValue().asDouble(Double.NaN);
            if (!(v > 0 && v <= 1)) {
                throw BluelampException.invalid(
                        field,
                        source + ": " + at + "." + e.getKey() + " " + e.getValue()
                                + " must be a speed factor above 0 and at most 1");
            }
            if (e.getKey().equals("default")) {
                continue;
            }
            RoadClass c = RoadClass.find(e.getKey())
                    .orElseThrow(() -> BluelampException.invalid(
                            field,
                            source + ": " + at + "." + Echo.quote(e.getKey())
                                    + " is not a road class (motorway, trunk, primary, secondary, tertiary, "
                                    + "residential, unclassified, service, living_street, ...)"));
            out[c.ordinal()] = v;
        }
        return out;
    }

    /** The hour of the week of an instant in the profile's time zone: 0 = Monday 00:00 to 01:00. */
    public int hourOfWeek(long epochMillis) {
        long offsetSeconds = zone.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
        long localSeconds = Math.floorDiv(epochMillis, 1000) + offsetSeconds;
        long days = Math.floorDiv(localSeconds, 86_400);
        int hour = (int) (Math.floorMod(localSeconds, 86_400) / 3600);
        int dayOfWeek = (int) Math.floorMod(days + 3, 7); // 1970-01-01 was a Thursday (index 3)
        return dayOfWeek * 24 + hour;
    }

    /** The speed factor of a road class at an hour of the week, in or out of an urban area. */
    public double speedFactor(int hourOfWeek, boolean urban, RoadClass roadClass) {
        return speed[hourOfWeek][urban ? 1 : 0][roadClass.ordinal()];
    }

    /**
     * The travel-time factor congestion puts on a road of this class for a profile at an hour of
     * the week: 1 / speed factor, damped to {@code 1 + share × (t − 1)} for {@code car_emergency},
     * 1 for a profile the profile does not apply to.
     */
    public double timeFactor(int hourOfWeek, boolean urban, int roadClassOrdinal, TravelProfile profile) {
        if (!profiles.contains(profile)) {
            return 1;
        }
        double t = 1 / speed[hourOfWeek][urban ? 1 : 0][roadClassOrdinal];
        return profile == TravelProfile.CAR_EMERGENCY ? 1 + emergencyDelayShare * (t - 1) : t;
    }

    /** Whether no road is slowed for this profile at this hour. */
    public boolean isFlat(int hourOfWeek, TravelProfile profile) {
        return flat[hourOfWeek] || !profiles.contains(profile);
    }

    /** The name of the period of this hour ("weekday evening peak"), or "" outside every period. */
    public String periodName(int hourOfWeek) {
        return periodName[hourOfWeek] == null ? "" : periodName[hourOfWeek];
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public String timeZone() {
        return zoneId;
    }

    public Set<TravelProfile> profiles() {
        return profiles;
    }

    public double emergencyDelayShare() {
        return emergencyDelayShare;
    }
}
