package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bluelamp.testing.TestMaps;

/**
 * The README's documented commands and the sample outputs printed under them, so that a test can
 * run the command and check the sample against what it really prints.
 *
 * <p>A sample may leave things out ({@code …}), so it is not parsed as JSON; its shape is checked:
 * every field it shows is a field the real output prints, with a value of the same JSON type
 * (a 64-bit integer is a string in both), and a value is written as an enum name
 * ({@code UNIT_STATUS_AVAILABLE}) exactly where the real output prints enum names.
 */
final class ReadmeSamples {
    static final Path README = Path.of("..", "README.md");

    private static final Pattern FIELD =
            Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*(\"([^\"\\\\]*)\"|-?[0-9]|true|false|null|\\{|\\[)");
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

    private ReadmeSamples() {}

    private static List<String> lines() {
        try {
            return Files.readAllLines(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The README's command that starts with {@code prefix} (e.g. {@code "./dispatch route --map ../shared"}),
     * continuation lines joined, as arguments after {@code ./dispatch}; paths into the shared maps and
     * the project's map-data made to work from the engine module.
     */
    static String[] command(String prefix) {
        List<String> all = lines();
        int i = indexOf(all, prefix);
        StringBuilder text = new StringBuilder(all.get(i).strip());
        while (text.toString().endsWith("\\")) {
            text.setLength(text.length() - 1);
            text.append(' ').append(all.get(++i).strip());
        }
        List<String> args = new ArrayList<>();
        for (String a : text.toString().split("\\s+")) {
            if (a.startsWith("#")) {
                break;
            }
            if (a.startsWith("../shared/map-data/")) {
                a = TestMaps.shared(a.substring("../shared/map-data/".length())).toString();
            } else if (a.startsWith("map-data/")) {
                a = "../" + a;
            }
            args.add(a);
        }
        assertTrue(args.get(0).equals("./dispatch"), "a ./dispatch command: " + text);
        return args.subList(1, args.size()).toArray(String[]::new);
    }

    /** The first sample JSON object after the README line that starts with {@code prefix}, before the next heading. */
    static String sampleAfter(String prefix) {
        List<String> all = lines();
        for (int i = indexOf(all, prefix) + 1; i < all.size() && !all.get(i).startsWith("#"); i++) {
            if (all.get(i).startsWith("{")) {
                return joined(all, i);
            }
        }
        return fail("no sample JSON after the README's '" + prefix + "'");
    }

    /** The sample JSON object of the README that starts with {@code prefix}. */
    static String sample(String prefix) {
        List<String> all = lines();
        return joined(all, indexOf(all, prefix));
    }

    private static String joined(List<String> all, int i) {
        StringBuilder s = new StringBuilder(all.get(i));
        while (i + 1 < all.size() && all.get(i + 1).startsWith(" ")) {
            s.append(all.get(++i).strip());
        }
        return s.toString();
    }

    private static int indexOf(List<String> all, String prefix) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return fail("the README has no line starting '" + prefix + "'");
    }

    /** Checks that {@code sample} (from the README) has the shape of {@code printed} (a real output line). */
    static void assertShape(String sample, String printed) {
        JsonNode real;
        try {
            real = Json.MAPPER.readTree(printed);
        } catch (IOException e) {
            throw new AssertionError("the command did not print JSON: " + printed, e);
        }
        Map<String, Set<JsonNodeType>> types = new HashMap<>();
        Map<String, List<String>> texts = new HashMap<>();
        collect(real, types, texts);
        Matcher m = FIELD.matcher(sample);
        int fields = 0;
        while (m.find()) {
            fields++;
            String name = m.group(1);
            String where = "README sample field '" + name + "' in " + sample + "\nprinted: " + printed;
            assertTrue(types.containsKey(name), "not printed: " + where);
            JsonNodeType type = typeOf(m.group(2));
            assertTrue(
                    types.get(name).contains(type), "printed as " + types.get(name) + ", not " + type + ": " + where);
            String value = m.group(3);
            if (value != null) {
                boolean sampleEnum = ENUM_NAME.matcher(value).matches();
                boolean printedEnum = texts.get(name).stream()
                        .allMatch(v -> ENUM_NAME.matcher(v).matches());
                assertEquals(
                        printedEnum,
                        sampleEnum,
                        "enum names where the output prints them, and only there (printed " + texts.get(name) + "): "
                                + where);
            }
        }
        assertTrue(fields > 0, "no fields in the sample " + sample);
    }

    private static JsonNodeType typeOf(String valueStart) {
        return switch (valueStart.charAt(0)) {
            case '"' -> JsonNodeType.STRING;
            case '{' -> JsonNodeType.OBJECT;
            case '[' -> JsonNodeType.ARRAY;
            case 't', 'f' -> JsonNodeType.BOOLEAN;
            case 'n' -> JsonNodeType.NULL;
            default -> JsonNodeType.NUMBER;
        };
    }

    private static void collect(JsonNode node, Map<String, Set<JsonNodeType>> types, Map<String, List<String>> texts) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                types.computeIfAbsent(f.getKey(), k -> new HashSet<>())
                        .add(f.getValue().getNodeType());
                if (f.getValue().isTextual()) {
                    texts.computeIfAbsent(f.getKey(), k -> new ArrayList<>())
                            .add(f.getValue().asText());
                }
                collect(f.getValue(), types, texts);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, types, texts));
        }
    }
}
