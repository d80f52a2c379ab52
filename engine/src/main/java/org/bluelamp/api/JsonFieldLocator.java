package org.bluelamp.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.bluelamp.proto.v1.DispatchProto;
import org.bluelamp.proto.v1.FleetProto;
import org.bluelamp.proto.v1.PlanningProto;
import org.bluelamp.proto.v1.RoadsProto;
import org.bluelamp.proto.v1.TrackingProto;

/**
 * Which field of an HTTP/JSON body holds a value of the wrong JSON type: protobuf's JSON parser
 * says only "Not a double value: "abc"", so that the answer can name the field as the contract
 * spells it ({@code incident.location.lat_deg}). Walks the body beside the call's request message
 * descriptor, in the body's order, and returns the first field whose value the proto3 JSON mapping
 * would not take: a number for a string, a string that is not a number for a number, an integer out
 * of its range, a name not in its enum, an object or array where the other is needed.
 *
 * <p>The body is walked first, then the query parameters (each a field path, dotted for nested
 * messages, as Vert.x's transcoding reads them). Path variables are not: the contract's are all
 * strings, which take any value. Thread-safety: stateless.
 */
final class JsonFieldLocator {
    static final List<FileDescriptor> FILES = List.of(
            FleetProto.getDescriptor(),
            TrackingProto.getDescriptor(),
            DispatchProto.getDescriptor(),
            RoadsProto.getDescriptor(),
            PlanningProto.getDescriptor());

    private JsonFieldLocator() {}

    /**
     * The names a caller may give for the contract's enum {@code fullName} ({@code
     * dispatch.v1.UnitKind}), the unspecified value left out, or "see the contract" for a name the
     * contract does not have.
     */
    static String enumValueNames(String fullName) {
        for (FileDescriptor file : FILES) {
            for (FileDescriptor f : withDependencies(file)) {
                for (com.google.protobuf.Descriptors.EnumDescriptor e : f.getEnumTypes()) {
                    if (e.getFullName().equals(fullName)) {
                        return e.getValues().stream()
                                .filter(v -> v.getNumber() != 0)
                                .map(com.google.protobuf.Descriptors.EnumValueDescriptor::getName)
                                .collect(java.util.stream.Collectors.joining(", "));
                    }
                }
            }
        }
        return "see the contract";
    }

    private static List<FileDescriptor> withDependencies(FileDescriptor file) {
        java.util.ArrayList<FileDescriptor> all = new java.util.ArrayList<>(file.getDependencies());
        all.add(0, file);
        return all;
    }

    /**
     * The contract's path of the first wrongly typed field of {@code body} for the request of
     * {@code fullMethodName} ({@code dispatch.v1.Dispatch/Recommend}), or null when none is found.
     */
    static String locate(String fullMethodName, String body) {
        return locate(fullMethodName, body, List.of());
    }

    /**
     * As {@link #locate(String, String)}, then the query parameters {@code query} (name and value
     * as the caller wrote them, decoded): the first whose value its field would not take.
     */
    static String locate(String fullMethodName, String body, Iterable<Map.Entry<String, String>> query) {
        Descriptor request = requestOf(fullMethodName);
        if (request == null) {
            return null;
        }
        if (body != null && !body.isBlank()) {
            try {
                String bad = inMessage(request, new JsonObject(body), "");
                if (bad != null) {
                    return bad;
                }
            } catch (RuntimeException notAnObject) {
                // not a JSON object: the parser's own message says so
            }
        }
        for (Map.Entry<String, String> parameter : query) {
            String bad = inParameter(request, parameter.getKey(), parameter.getValue());
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** The field path of query parameter {@code name} if its {@code value} is not one its field takes. */
    private static String inParameter(Descriptor request, String name, String value) {
        Descriptor type = request;
        FieldDescriptor f = null;
        StringBuilder path = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (type == null) {
                return null; // a path below a scalar: the parser names it
            }
            f = field(type, part);
            if (f == null) {
                return null; // an unknown field: the parser names it
            }
            path.append(path.isEmpty() ? "" : ".").append(f.getName());
            type = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null;
        }
        if (f == null || value == null || f.isMapField() || f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return null;
        }
        boolean ok = f.getJavaType() == FieldDescriptor.JavaType.ENUM
                ? enumValue(f.getEnumType(), value) || integer(value, FieldDescriptor.Type.INT32)
                : inValue(f, value, "") == null;
        return ok ? null : path.toString();
    }

    static Descriptor requestOf(String fullMethodName) {
        int slash = fullMethodName == null ? -1 : fullMethodName.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String service = fullMethodName.substring(0, slash);
        for (FileDescriptor f : FILES) {
            for (ServiceDescriptor s : f.getServices()) {
                if (s.getFullName().equals(service)) {
                    MethodDescriptor m = s.findMethodByName(fullMethodName.substring(slash + 1));
                    return m == null ? null : m.getInputType();
                }
            }
        }
        return null;
    }

    private static String inMessage(Descriptor type, JsonObject json, String prefix) {
        for (Map.Entry<String, Object> e : json) {
            FieldDescriptor f = field(type, e.getKey());
            if (f == null || e.getValue() == null) {
                continue; // an unknown field is named by the parser itself; null is a default
            }
            String path = prefix + f.getName();
            String bad = f.isMapField()
                    ? null
                    : f.isRepeated() ? inArray(f, e.getValue(), path) : inValue(f, e.getValue(), path);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJsonName().equals(name) || f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static String inArray(FieldDescriptor f, Object value, String path) {
        if (!(value instanceof JsonArray array)) {
            return path;
        }
        for (int i = 0; i < array.size(); i++) {
            String bad = array.getValue(i) == null ? null : inValue(f, array.getValue(i), path);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static String inValue(FieldDescriptor f, Object v, String path) {
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            if (f.getMessageType().getFullName().startsWith("google.protobuf.")) {
                return null; // well-known types have JSON forms of their own
            }
            return v instanceof JsonObject o ? inMessage(f.getMessageType(), o, path + ".") : path;
        }
        boolean ok = switch (f.getJavaType()) {
            case STRING -> v instanceof String || v instanceof Number || v instanceof Boolean;
            case BYTE_STRING -> v instanceof String text && base64(text);
            case BOOLEAN -> v instanceof Boolean || "true".equals(v) || "false".equals(v);
            case ENUM -> enumValue(f.getEnumType(), v);
            case DOUBLE, FLOAT ->
                v instanceof Number
                        || number(v) != null
                        || "NaN".equals(v)
                        || "Infinity".equals(v)
                        || "-Infinity".equals(v);
            case INT, LONG -> integer(v, f.getType());
            case MESSAGE -> true;
        };
        return ok ? null : path;
    }

    /** Whether the proto3 JSON mapping takes {@code text} for bytes: base64, standard or URL-safe. */
    private static boolean base64(String text) {
        for (java.util.Base64.Decoder d :
                new java.util.Base64.Decoder[] {java.util.Base64.getDecoder(), java.util.Base64.getUrlDecoder()}) {
            try {
                d.decode(text);
                return true;
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the other
            }
        }
        return false;
    }

    private static boolean enumValue(EnumDescriptor type, Object v) {
        if (v instanceof String name) {
            return type.findValueByName(name) != null;
        }
        return v instanceof Number; // numbers of unknown values are kept by proto3
    }

    private static BigDecimal number(Object v) {
        try {
            if (v instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            if (v instanceof String s) {
                return new BigDecimal(s.strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static boolean integer(Object v, FieldDescriptor.Type type) {
        BigDecimal n = number(v);
        if (n == null || n.stripTrailingZeros().scale() > 0) {
            return false;
        }
        BigDecimal[] range = switch (type) {
            case UINT32, FIXED32 -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.valueOf(0xFFFF_FFFFL)};
            case UINT64, FIXED64 -> new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("18446744073709551615")};
            case INT64, SINT64, SFIXED64 ->
                new BigDecimal[] {BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)};
            default -> new BigDecimal[] {BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)};
        };
        return n.compareTo(range[0]) >= 0 && n.compareTo(range[1]) <= 0;
    }
}
