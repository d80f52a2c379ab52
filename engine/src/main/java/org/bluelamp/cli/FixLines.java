package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.FixReason;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;

/**
 * Reads fixes for {@code client fixes}, one per line, from CSV or JSON lines (both documented in
 * the README). Each line is checked as it is read (the unit id by {@link Ids}, coordinates, time,
 * accuracy, speed, heading, reason); a bad line is an error naming the line and the column or JSON
 * field, and the lines around it are unaffected.
 *
 * <p>CSV: {@code unit_id,lat,lon[,time[,accuracy_metres[,speed_metres_per_second[,heading_deg[,reason]]]]]},
 * quoted as RFC 4180; a first line with a {@code unit_id} cell is a header naming the columns in any
 * order. JSON lines: one GpsFix per line in the contract's JSON ({@code unit_id},
 * {@code position.lat_deg}, {@code position.lon_deg}, {@code position_time_epoch_millis}, ... or
 * their lowerCamelCase names). In both, blank lines and lines starting with {@code #} are skipped,
 * and a fix without a time is timed when it is read.
 *
 * <p>One instance per input; not thread-safe.
 */
final class FixLines {
    /** How the lines are written. */
    enum Format {
        /** Comma-separated values. */
        csv,
        /** One JSON object per line. */
        jsonl
    }

    /** The CSV columns, in their order when there is no header. */
    static final List<String> CSV_COLUMNS = List.of(
            "unit_id", "lat", "lon", "time", "accuracy_metres", "speed_metres_per_second", "heading_deg", "reason");

    /** The fields of a JSON line (the contract's names; lowerCamelCase is accepted too). */
    static final Set<String> JSON_FIELDS = new LinkedHashSet<>(List.of(
            "unit_id",
            "position",
            "position_time_epoch_millis",
            "accuracy_metres",
            "speed_metres_per_second",
            "heading_deg",
            "reason"));

    private static final Set<String> POSITION_FIELDS = new LinkedHashSet<>(List.of("lat_deg", "lon_deg"));
    private static final ObjectReader CSV = new CsvMapper().readerFor(String[].class);
    /** Fastest speed accepted here; the service has its own, lower limit. */
    private static final double MAX_SPEED_METRES_PER_SECOND = 1000;

    private final Format format;
    private final LongSupplier nowMillis;
    private List<String> columns = CSV_COLUMNS;
    private boolean sawData;

    FixLines(Format format, LongSupplier nowMillis) {
        this.format = format;
        this.nowMillis = nowMillis;
    }

    /**
     * The fix on one line, or null for a blank line, a comment or a CSV header.
     *
     * @param lineNumber the line's number in its input, from 1, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the line and the column or field
     */
    GpsFix parse(String line, long lineNumber) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        try {
            return format == Format.csv ? csv(trimmed) : json(trimmed);
        } catch (BluelampException e) {
            throw BluelampException.invalid(e.field(), "line " + lineNumber + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ CSV

    private GpsFix csv(String line) {
        String[] cells;
        try {
            cells = CSV.readValue(line);
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(
                    "csv", "not valid CSV: " + JsonFields.describe(e).replaceFirst("^line 1, ", ""));
        } catch (java.io.IOException e) {
            throw BluelampException.invalid("csv", "cannot be read: " + e.getMessage());
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        if (!sawData && isHeader(cells)) {
            header(cells);
            return null;
        }
        sawData = true;
        if (cells.length > columns.size()) {
            throw BluelampException.invalid(
                    "csv", "has " + cells.length + " values, more than the " + columns.size() + " columns " + columns);
        }
        GpsFix.Builder f = GpsFix.newBuilder();
        Double lat = null;
        Double lon = null;
        for (int i = 0; i < cells.length; i++) {
            String column = columns.get(i);
            String v = cells[i];
            if (v.isEmpty()) {
                continue;
            }
            switch (column) {
                case "unit_id" -> f.setUnitId(Ids.check("unit_id", v));
                case "lat" -> lat = number(column, v, -90, 90);
                case "lon" -> lon = number(column, v, -180, 180);
                case "time" -> f.setPositionTimeEpochMillis(time(column, v));
                case "accuracy_metres" -> f.setAccuracyMetres(number(column, v, 0, Double.MAX_VALUE));
                case "speed_metres_per_second" ->
                    f.setSpeedMetresPerSecond(number(column, v, 0, MAX_SPEED_METRES_PER_SECOND));
                case "heading_deg" -> f.setHeadingDeg(number(column, v, 0, 360));
                case "reason" -> f.setReason(reason(column, v));
                default -> throw new IllegalStateException("column " + column);
            }
        }
        require(f.getUnitId().isEmpty(), "unit_id");
        require(lat == null, "lat");
        require(lon == null, "lon");
        f.setPosition(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon));
        return timed(f);
    }

    /** A first line naming the unit_id column is a header. */
    private static boolean isHeader(String[] cells) {
        for (String c : cells) {
            if (c.equalsIgnoreCase("unit_id")) {
                return true;
            }
        }
        return false;
    }

    private void header(String[] cells) {
        List<String> named = new ArrayList<>();
        for (String c : cells) {
            String name = c.toLowerCase(Locale.ROOT);
            if (!CSV_COLUMNS.contains(name)) {
                String nearest = Suggestions.nearest(name, CSV_COLUMNS);
                throw BluelampException.invalid(
                        "csv",
                        "header: " + Echo.quote(c) + " is not a column"
                                + (nearest != null ? "; did you mean '" + nearest + "'?" : "") + " (columns: "
                                + String.join(", ", CSV_COLUMNS) + ")");
            }
            if (named.contains(name)) {
                throw BluelampException.invalid("csv", "header: column " + name + " is named twice");
            }
            named.add(name);
        }
        for (String required : List.of("unit_id", "lat", "lon")) {
            if (!named.contains(required)) {
                throw BluelampException.invalid("csv", "header: column " + required + " is missing");
            }
        }
        columns = List.copyOf(named);
    }

    private static void require(boolean missing, String column) {
        if (missing) {
            throw BluelampException.invalid(column, column + " is missing");
        }
    }

    private static double number(String name, String text, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw BluelampException.invalid(name, name + " " + Echo.quote(text) + " is not a number");
        }
        return range(name, d, text, min, max);
    }

    private static double range(String name, double d, String text, double min, double max) {
        if (!(d >= min && d <= max)) {
            String bounds = max == Double.MAX_VALUE ? "0 or more" : "between " + plain(min) + " and " + plain(max);
            throw BluelampException.invalid(name, name + " " + Echo.quote(text) + " must be " + bounds);
        }
        return d;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** An ISO-8601 instant or whole milliseconds since 1970. */
    private static long time(String name, String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw BluelampException.invalid(name, name + " " + Echo.quote(text) + " is too large");
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw BluelampException.invalid(
                    name,
                    name + " " + Echo.quote(text)
                            + " must be an ISO-8601 instant (2026-11-26T12:00:00Z) or milliseconds since 1970");
        }
    }

    /** {@code periodic}, {@code FIX_REASON_PERIODIC} or the enum's number. */
    private static FixReason reason(String name, String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FixReason r : FixReason.values()) {
            if (r == FixReason.UNRECOGNIZED) {
                continue;
            }
            if (r.name().equals(key)
                    || r.name().equals("FIX_REASON_" + key)
                    || String.valueOf(r.getNumber()).equals(key)) {
                return r;
            }
        }
        throw BluelampException.invalid(
                name,
                name + " " + Echo.quote(text)
                        + " is not a reason: use periodic, distance, emergency, status, response_to_query or other");
    }

    private GpsFix timed(GpsFix.Builder f) {
        if (f.getPositionTimeEpochMillis() == 0) {
            f.setPositionTimeEpochMillis(nowMillis.getAsLong());
        }
        return f.build();
    }

    // ------------------------------------------------------------------ JSON lines

    private GpsFix json(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(
                    "json", "not valid JSON: " + JsonFields.describe(e).replaceFirst("^line 1, ", ""));
        }
        if (node == null || !node.isObject()) {
            throw BluelampException.invalid(
                    "json",
                    "must be one JSON object, a GpsFix such as {\"unit_id\":\"U1\",\"position\":{\"lat_deg\":"
                            + "52.6,\"lon_deg\":-0.7}}");
        }
        node = snakeCase(node, "", JSON_FIELDS);
        GpsFix.Builder f = GpsFix.newBuilder();
        JsonNode id = node.get("unit_id");
        if (id == null || id.isNull()) {
            throw BluelampException.invalid("unit_id", "unit_id is missing");
        }
        if (!id.isTextual()) {
            throw BluelampException.invalid("unit_id", "unit_id must be a string, got " + JsonFields.shown(id));
        }
        f.setUnitId(Ids.check("unit_id", id.textValue()));
        JsonNode pos = node.get("position");
        if (pos == null || pos.isNull()) {
            throw BluelampException.invalid("position", "position is missing: give {\"lat_deg\":...,\"lon_deg\":...}");
        }
        if (!pos.isObject()) {
            throw BluelampException.invalid("position", "position must be an object, got " + JsonFields.shown(pos));
        }
        pos = snakeCase(pos, "position", POSITION_FIELDS);
        f.setPosition(LatLon.newBuilder()
                .setLatDeg(jsonNumber(pos, "lat_deg", "position.", -90, 90))
                .setLonDeg(jsonNumber(pos, "lon_deg", "position.", -180, 180)));
        if (JsonFields.has(node, "position_time_epoch_millis")) {
            JsonNode t = node.get("position_time_epoch_millis");
            String text = t.isTextual() ? t.textValue() : t.asText();
            if (!(t.isIntegralNumber() || t.isTextual())
                    || !text.chars().allMatch(Character::isDigit)
                    || text.isEmpty()) {
                throw BluelampException.invalid(
                        "position_time_epoch_millis",
                        "position_time_epoch_millis must be whole milliseconds since 1970, got " + JsonFields.shown(t));
            }
            f.setPositionTimeEpochMillis(time("position_time_epoch_millis", text));
        }
        if (JsonFields.has(node, "accuracy_metres")) {
            f.setAccuracyMetres(jsonNumber(node, "accuracy_metres", "", 0, Double.MAX_VALUE));
        }
        if (JsonFields.has(node, "speed_metres_per_second")) {
            f.setSpeedMetresPerSecond(jsonNumber(node, "speed_metres_per_second", "", 0, MAX_SPEED_METRES_PER_SECOND));
        }
        if (JsonFields.has(node, "heading_deg")) {
            f.setHeadingDeg(jsonNumber(node, "heading_deg", "", 0, 360));
        }
        if (JsonFields.has(node, "reason")) {
            f.setReason(reason("reason", node.get("reason").asText()));
        }
        return timed(f);
    }

    private static double jsonNumber(JsonNode node, String field, String prefix, double min, double max) {
        JsonNode v = node.get(field);
        String name = prefix + field;
        if (v == null || v.isNull()) {
            throw BluelampException.invalid(name, name + " is missing");
        }
        if (!v.isNumber()) {
            throw BluelampException.invalid(name, name + " must be a number, got " + JsonFields.shown(v));
        }
        return range(name, v.asDouble(), v.asText(), min, max);
    }

    /**
     * The object with lowerCamelCase keys turned into the contract's snake_case ones; an unknown key
     * is an error naming it, with the nearest known field.
     */
    private static JsonNode snakeCase(JsonNode node, String path, Set<String> known) {
        var out = Json.object();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            String name = known.contains(key) ? key : known.contains(snake) ? snake : null;
            if (name == null) {
                String nearest = Suggestions.nearest(key, known);
                String where = path.isEmpty() ? "" : path + ": ";
                throw BluelampException.invalid(
                        path.isEmpty() ? key : path + "." + key,
                        where + Echo.quote(key) + " is not a field of a fix"
                                + (nearest != null ? "; did you mean '" + nearest + "'?" : "") + " (fields: "
                                + String.join(", ", known) + ")");
            }
            if (out.has(name)) {
                throw BluelampException.invalid(name, name + " is given twice");
            }
            out.set(name, e.getValue());
        }
        return out;
    }
}
