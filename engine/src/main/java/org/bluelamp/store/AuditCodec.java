package org.bluelamp.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Audit entries as the fields of a stream entry, readable with {@code redis-cli XRANGE}:
 * {@code kind}, {@code at} (ms), {@code role}, {@code caller}, {@code incident}, {@code units}
 * (JSON array), {@code from}, {@code to}, {@code grade}, {@code type}, {@code lat}, {@code lon}
 * and, for a recommendation, {@code offers} (JSON array of {@code {"unit","eta","meets"}}).
 *
 * <p>Thread-safety: stateless.
 */
final class AuditCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditCodec() {}

    static Map<String, String> fields(AuditEntry a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        f.put("at", Long.toString(a.atMillis()));
        f.put("role", a.role());
        f.put("caller", a.caller());
        f.put("incident", a.incidentId());
        ArrayNode units = JSON.createArrayNode();
        a.unitIds().forEach(units::add);
        f.put("units", units.toString());
        putIf(f, "from", a.fromStatus());
        putIf(f, "to", a.toStatus());
        putIf(f, "grade", a.grade());
        putIf(f, "type", a.incidentType());
        if (!Double.isNaN(a.latDeg())) {
            f.put("lat", Double.toString(a.latDeg()));
            f.put("lon", Double.toString(a.lonDeg()));
        }
        if (!a.offers().isEmpty()) {
            ArrayNode offers = JSON.createArrayNode();
            for (AuditEntry.Offer o : a.offers()) {
                offers.addObject()
                        .put("unit", o.unitId())
                        .put("eta", o.etaSeconds())
                        .put("meets", o.meetsTarget());
            }
            f.put("offers", offers.toString());
        }
        putIf(f, "condition", a.conditionId());
        putIf(f, "conditionKind", a.conditionKind());
        return f;
    }

    private static void putIf(Map<String, String> f, String k, String v) {
        if (!v.isEmpty()) {
            f.put(k, v);
        }
    }

    /** An entry from its stream id and fields. */
    static AuditEntry parse(String id, Map<String, String> f) {
        try {
            List<String> units = new ArrayList<>();
            for (JsonNode u : JSON.readTree(f.getOrDefault("units", "[]"))) {
                units.add(u.asText());
            }
            List<AuditEntry.Offer> offers = new ArrayList<>();
            for (JsonNode o : JSON.readTree(f.getOrDefault("offers", "[]"))) {
                offers.add(new AuditEntry.Offer(
                        o.path("unit").asText(),
                        o.path("eta").asDouble(),
                        o.path("meets").asBoolean()));
            }
            return new AuditEntry(
                    id,
                    AuditEntry.Kind.valueOf(f.getOrDefault("kind", "status").toUpperCase(Locale.ROOT)),
                    Long.parseLong(f.getOrDefault("at", "0")),
                    f.get("role"),
                    f.get("caller"),
                    f.get("incident"),
                    units,
                    f.get("from"),
                    f.get("to"),
                    f.get("grade"),
                    f.get("type"),
                    f.containsKey("lat") ? Double.parseDouble(f.get("lat")) : Double.NaN,
                    f.containsKey("lon") ? Double.parseDouble(f.get("lon")) : Double.NaN,
                    offers,
                    f.get("condition"),
                    f.get("conditionKind"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("audit entry " + id + " cannot be read: " + e.getMessage(), e);
        }
    }
}
