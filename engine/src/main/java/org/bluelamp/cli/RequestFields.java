package org.bluelamp.cli;

import io.vertx.grpc.common.GrpcStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bluelamp.input.Echo;

/**
 * What the user wrote for each field of one request: the contract's field path (as the service
 * names it in an error, e.g. {@code incident.location.lat_deg}) mapped to the option or argument
 * that filled it ({@code --at}) and the value given. An error from the service is then reported
 * against what the user typed, not against a name they never saw. A field matches its own path and
 * every path below it ({@code incident.location} matches {@code incident.location.lat_deg}).
 *
 * <p>Built once per invocation; not thread-safe while being built, immutable in use.
 */
final class RequestFields {
    private final Map<String, String> written = new LinkedHashMap<>();
    private final Map<GrpcStatus, String> replacements = new EnumMap<>(GrpcStatus.class);

    private RequestFields() {}

    static RequestFields of() {
        return new RequestFields();
    }

    /**
     * Records that the contract field {@code path} came from {@code option} with {@code value}
     * (null: the option was not given, its default was sent).
     */
    RequestFields field(String path, String option, Object value) {
        written.put(path, value == null ? option : option + " " + Echo.quote(String.valueOf(value)));
        return this;
    }

    /**
     * The whole message to print when the service answers {@code status}, instead of its own (for
     * answers whose meaning the command knows better, e.g. ALREADY_EXISTS on registration).
     */
    RequestFields onStatus(GrpcStatus status, String message) {
        replacements.put(status, message);
        return this;
    }

    /** What the user wrote for the field the service named (longest matching path), or null. */
    String describe(String serviceField) {
        if (serviceField == null || serviceField.isEmpty()) {
            return null;
        }
        String best = null;
        int bestLength = -1;
        for (var e : written.entrySet()) {
            String path = e.getKey();
            boolean matches = serviceField.equals(path)
                    || serviceField.startsWith(path + ".")
                    || serviceField.startsWith(path + "[");
            if (matches && path.length() > bestLength) {
                best = e.getValue();
                bestLength = path.length();
            }
        }
        return best;
    }

    /** The replacement message for {@code status}, or null. */
    String replacement(GrpcStatus status) {
        return replacements.get(status);
    }
}
