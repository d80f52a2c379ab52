package org.bluelamp.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;

/**
 * A unit's durable state, as the hash {@code bl:{F}:unit:<id>} holds it: its description, status
 * (with grade and time), the incident it is assigned to, when it was registered, and the record's
 * version.
 *
 * @param spec what the unit is
 * @param status its status
 * @param incidentId the incident it is assigned to while deployed, or empty
 * @param registeredAtMillis when it was registered, ms since the epoch (orders the units)
 * @param version the record's version: 1 after registration, one more with every change
 *
 * <p>Thread-safety: immutable.
 */
public record UnitRecord(UnitSpec spec, StatusChange status, String incidentId, long registeredAtMillis, long version) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public UnitRecord {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        incidentId = incidentId == null ? "" : incidentId;
    }

    /** The unit's id. */
    public String id() {
        return spec.id();
    }

    /** The record's name ({@code unit:<id>}). */
    public String name() {
        return Keys.unitRecord(spec.id());
    }

    /** The fields written (without {@code version} and {@code change}, which the commit sets). */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", spec.id());
        f.put("callsign", spec.callsign());
        f.put("kind", spec.kind().name());
        ArrayNode caps = JSON.createArrayNode();
        spec.capabilities().forEach(caps::add);
        f.put("capabilities", caps.toString());
        f.put("crew", Integer.toString(spec.crewSize()));
        f.put("station", spec.homeStation());
        f.put("status", status.status().name());
        f.put("grade", status.committedGrade() == null ? "" : status.committedGrade());
        f.put("statusTime", Long.toString(status.timeEpochMillis()));
        f.put("incident", incidentId);
        f.put("registeredAt", Long.toString(registeredAtMillis));
        return f;
    }

    /**
     * The record held in {@code fields} (a hash, or a change stream entry).
     *
     * @throws IllegalStateException when the fields are not a unit record
     */
    public static UnitRecord parse(Map<String, String> fields) {
        try {
            Set<String> caps = new LinkedHashSet<>();
            for (JsonNode c : JSON.readTree(fields.getOrDefault("capabilities", "[]"))) {
                caps.add(c.asText());
            }
            UnitSpec spec = new UnitSpec(
                    fields.get("id"),
                    fields.get("callsign"),
                    UnitKind.valueOf(fields.get("kind")),
                    caps,
                    Integer.parseInt(fields.get("crew")),
                    fields.getOrDefault("station", ""));
            String grade = fields.getOrDefault("grade", "");
            StatusChange status = new StatusChange(
                    UnitStatus.valueOf(fields.get("status")),
                    grade.isEmpty() ? null : grade,
                    Long.parseLong(fields.get("statusTime")));
            return new UnitRecord(
                    spec,
                    status,
                    fields.getOrDefault("incident", ""),
                    Long.parseLong(fields.getOrDefault("registeredAt", "0")),
                    Long.parseLong(fields.getOrDefault("version", "0")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException(
                    "unit record " + fields.get("id") + " cannot be read: " + e.getMessage(), e);
        }
    }
}
