package org.bluelamp.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters of repeated fields ({@code GET /v1/units?statuses=A&statuses=B}), which
 * Vert.x 5.0.7's transcoding cannot weave: it writes each as a single JSON string, so the request
 * failed with "statuses must be a JSON array" however it was written. The google.api.http rule
 * says a repeated field may be given in the query, once per value; this class holds such
 * parameters back from Vert.x ({@link #split}) and gives them as one JSON object ({@link #asJson})
 * for the decoded request to merge, each repeated field an array in the caller's order.
 *
 * <p>Which names are held back: a dotted field path (proto or JSON name) that ends at a repeated
 * field of any request message of the contract. Whether the name is a field of the call's own
 * request is decided after Vert.x has chosen the call, by {@link #asJson} and protobuf's parser,
 * which name the field as before. Thread-safety: stateless after class initialisation.
 */
final class RepeatedQuery {
    private static final int MAX_DEPTH = 4;
    private static final Set<String> REPEATED = repeatedPaths();

    private RepeatedQuery() {}

    /**
     * A query split in two: what Vert.x weaves (raw, as the caller wrote it; null when nothing is
     * left), and the repeated-field parameters held back (decoded names and values, in order); and
     * the first other parameter given more than once (Vert.x would silently keep one of its
     * values), or null.
     */
    record Split(String kept, List<Map.Entry<String, String>> held, String givenTwice) {
        Split(String kept, List<Map.Entry<String, String>> held) {
            this(kept, held, null);
        }
    }

    /** Splits the raw query {@code rawQuery} (null for none). */
    static Split split(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new Split(rawQuery, List.of());
        }
        StringBuilder kept = new StringBuilder();
        List<Map.Entry<String, String>> held = new ArrayList<>();
        Set<String> singles = new HashSet<>();
        String givenTwice = null;
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            if (name != null && !REPEATED.contains(name) && !singles.add(name) && givenTwice == null) {
                givenTwice = name;
            }
            if (name != null && REPEATED.contains(name)) {
                String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                if (value != null) {
                    held.add(Map.entry(name, value));
                    continue;
                }
            }
            kept.append(kept.isEmpty() ? "" : "&").append(part);
        }
        return new Split(
                held.isEmpty() ? rawQuery : kept.isEmpty() ? null : kept.toString(), List.copyOf(held), givenTwice);
    }

    /**
     * The held parameters as one JSON object for {@code request}: nested by their dotted paths, a
     * repeated field an array of every value given for it, any other field its last value (a name
     * that is not a field of {@code request} is kept as written, for the parser to name).
     */
    static String asJson(Descriptor request, List<Map.Entry<String, String>> held) {
        JsonObject root = new JsonObject();
        for (Map.Entry<String, String> p : held) {
            String[] parts = p.getKey().split("\\.", -1);
            JsonObject at = root;
            Descriptor type = request;
            for (int i = 0; i < parts.length - 1; i++) {
                FieldDescriptor f = type == null ? null : field(type, parts[i]);
                type = f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null;
                JsonObject next = at.getValue(parts[i]) instanceof JsonObject o ? o : new JsonObject();
                at.put(parts[i], next);
                at = next;
            }
            String last = parts[parts.length - 1];
            FieldDescriptor f = type == null ? null : field(type, last);
            if (f != null && f.isRepeated()) {
                JsonArray values = at.getValue(last) instanceof JsonArray a ? a : new JsonArray();
                at.put(last, values.add(p.getValue()));
            } else {
                at.put(last, p.getValue());
            }
        }
        return root.encode();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null; // left in the query for Vert.x, which refuses it as before
        }
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJsonName().equals(name) || f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static Set<String> repeatedPaths() {
        Set<String> paths = new HashSet<>();
        for (FileDescriptor file : JsonFieldLocator.FILES) {
            for (ServiceDescriptor s : file.getServices()) {
                for (MethodDescriptor m : s.getMethods()) {
                    collect(m.getInputType(), List.of(""), paths, 0);
                }
            }
        }
        return Set.copyOf(paths);
    }

    private static void collect(Descriptor type, List<String> prefixes, Set<String> paths, int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (FieldDescriptor f : type.getFields()) {
            List<String> names = new ArrayList<>();
            for (String prefix : prefixes) {
                names.add(prefix + f.getName());
                names.add(prefix + f.getJsonName());
            }
            if (f.isRepeated() && !f.isMapField() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                paths.addAll(names);
            } else if (!f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                collect(f.getMessageType(), names.stream().map(n -> n + ".").toList(), paths, depth + 1);
            }
        }
    }
}
