package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;

/**
 * Reading the command line's JSON input files field by field, every error naming the file and the
 * JSON path the user wrote ({@code units[3].positionTime}) and quoting the value: never a parser's
 * internal wording. A misspelt field name is an error that suggests the nearest known one, so a typo
 * never silently drops a value.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonFields {
    private JsonFields() {}

    /**
     * Reads a JSON file.
     *
     * @param option the command-line option that named the file, e.g. {@code --fleet}
     * @throws BluelampException INVALID_ARGUMENT when the file is missing, unreadable or not JSON
     *     (naming the line and column)
     */
    static JsonNode read(Path file, String option) {
        return parse(bytes(file, option), file.toString(), option);
    }

    /**
     * The bytes of a file the user named.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the option when the file is missing or unreadable
     */
    static byte[] bytes(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw BluelampException.invalid(
                    option, option + " file " + Echo.quote(file.toString()) + " does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw BluelampException.invalid(option, option + " file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses the content of a JSON file, in memory: what {@link #read} does once the file is read
     * (encoding detected as Jackson does for a file: UTF-8, UTF-16 or UTF-32).
     *
     * @param source the file's name, for messages
     * @param option the command-line option that named the file, e.g. {@code --fleet}
     * @throws BluelampException INVALID_ARGUMENT when the content is empty or not JSON (naming the
     *     line and column)
     */
    static JsonNode parse(byte[] content, String source, String option) {
        try {
            JsonNode root = Json.MAPPER.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw BluelampException.invalid(option, option + " file " + source + " is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(option, option + " file " + source + " is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw BluelampException.invalid(option, option + " file " + source + " cannot be read: " + e.getMessage());
        }
    }

    /** A parser's error as "line L, column C: what" without the library's own jargon. */
    static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        what = what.lines().findFirst().orElse("").strip();
        // Jackson explains some errors with its own option names and source references: cut them
        for (String jargon : new String[] {" (for ", " (start marker at", "; (", " at [Source"}) {
            int cut = what.indexOf(jargon);
            if (cut > 0) {
                what = what.substring(0, cut);
            }
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
        }
        return what;
    }

    /** The array under {@code field} of the root object, or an error showing the expected shape. */
    static JsonNode rootArray(JsonNode root, String field, String shape) {
        if (!root.isObject() || !root.has(field) || !root.get(field).isArray()) {
            throw BluelampException.invalid(field, "the file must hold " + shape);
        }
        return root.get(field);
    }

    /** Fails naming the first key of {@code node} that is not in {@code known}, with the nearest known key. */
    static void onlyKnown(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String nearest = Suggestions.nearest(key, known);
                throw BluelampException.invalid(
                        path + "." + key,
                        path + ": " + Echo.quote(key) + " is not a field here"
                                + (nearest != null ? "; did you mean '" + nearest + "'?" : "")
                                + " (fields: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Whether the field is present and not JSON null. */
    static boolean has(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A string field, or {@code fallback} when absent (null fallback: required). */
    static String text(JsonNode node, String field, String path, String fallback) {
        JsonNode v = node.get(field);
        String p = path + "." + field;
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw BluelampException.invalid(p, p + " is missing");
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw BluelampException.invalid(p, p + " must be a string, got " + shown(v));
        }
        return v.textValue();
    }

    /** An id field checked by {@link Ids}, or {@code fallback} when absent (null fallback: required). */
    static String id(JsonNode node, String field, String path, String fallback) {
        if (fallback != null && !has(node, field)) {
            return fallback;
        }
        return Ids.check(path + "." + field, text(node, field, path, null));
    }

    /** A finite number field within [min, max]. */
    static double number(JsonNode node, String field, String path, double min, double max) {
        JsonNode v = node.get(field);
        String p = path + "." + field;
        if (v == null || v.isNull()) {
            throw BluelampException.invalid(p, p + " is missing");
        }
        if (!v.isNumber()) {
            throw BluelampException.invalid(p, p + " must be a number, got " + shown(v));
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw BluelampException.invalid(
                    p, p + " must be between " + plain(min) + " and " + plain(max) + ", got " + v.asText());
        }
        return d;
    }

    /** A whole-number field within [min, max]. */
    static int wholeNumber(JsonNode node, String field, String path, int min, int max) {
        JsonNode v = node.get(field);
        String p = path + "." + field;
        if (v == null || v.isNull()) {
            throw BluelampException.invalid(p, p + " is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw BluelampException.invalid(
                    p, p + " must be a whole number from " + min + " to " + max + ", got " + shown(v));
        }
        return v.asInt();
    }

    /** A list of ids; empty when absent. Each element is checked by {@link Ids}. */
    static List<String> ids(JsonNode node, String field, String path) {
        JsonNode arr = node.get(field);
        String p = path + "." + field;
        List<String> out = new ArrayList<>();
        if (arr == null || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            throw BluelampException.invalid(p, p + " must be a list of strings, got " + shown(arr));
        }
        int i = 0;
        for (JsonNode x : arr) {
            String xp = p + "[" + i++ + "]";
            if (!x.isTextual()) {
                throw BluelampException.invalid(xp, xp + " must be a string, got " + shown(x));
            }
            out.add(Ids.check(xp, x.textValue()));
        }
        return out;
    }

    /** A JSON value as the user wrote it, capped: {@code "abc"}, {@code 12}, {@code an object}. */
    static String shown(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return Echo.quote(v.textValue());
        }
        return Echo.capped(v.toString());
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
