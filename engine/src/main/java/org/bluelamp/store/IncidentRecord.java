package org.bluelamp.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An incident as a record ({@code bl:{F}:incident:<id>}): where, how urgent, what, when it was
 * opened and closed, and which units were assigned to it, in order.
 *
 * @param id the incident's id
 * @param latDeg its latitude, degrees, or {@code NaN} when no assignment or recommendation gave it
 * @param lonDeg its longitude, degrees, or {@code NaN}
 * @param grade its grade code (the last assignment's)
 * @param incidentType its type code, or empty
 * @param openedAtMillis when it was opened (its first assignment), ms since the epoch
 * @param closedAtMillis when it was closed, or 0 while open
 * @param units every assignment made to it, oldest first
 * @param version the record's version
 *
 * <p>Thread-safety: immutable.
 */
public record IncidentRecord(
        String id,
        double latDeg,
        double lonDeg,
        String grade,
        String incidentType,
        long openedAtMillis,
        long closedAtMillis,
        List<Assigned> units,
        long version) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public IncidentRecord {
        Objects.requireNonNull(id, "id");
        grade = grade == null ? "" : grade;
        incidentType = incidentType == null ? "" : incidentType;
        units = List.copyOf(units);
    }

    /**
     * A unit assigned to the incident.
     *
     * @param unitId the unit
     * @param atMillis when, ms since the epoch
     * @param status the status it was assigned with
     */
    public record Assigned(String unitId, long atMillis, String status) {}

    /** Whether the incident is open. */
    public boolean isOpen() {
        return closedAtMillis == 0;
    }

    /** Whether a location is known. */
    public boolean hasLocation() {
        return !Double.isNaN(latDeg);
    }

    /** The record's name ({@code incident:<id>}). */
    public String name() {
        return Keys.incidentRecord(id);
    }

    /** The fields written (without {@code version} and {@code change}, which the commit sets). */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("lat", hasLocation() ? Double.toString(latDeg) : "");
        f.put("lon", hasLocation() ? Double.toString(lonDeg) : "");
        f.put("grade", grade);
        f.put("type", incidentType);
        f.put("openedAt", Long.toString(openedAtMillis));
        f.put("closedAt", Long.toString(closedAtMillis));
        ArrayNode a = JSON.createArrayNode();
        for (Assigned u : units) {
            a.addObject().put("unit", u.unitId()).put("at", u.atMillis()).put("status", u.status());
        }
        f.put("units", a.toString());
        return f;
    }

    /**
     * The record held in {@code fields}.
     *
     * @throws IllegalStateException when the fields are not an incident record
     */
    public static IncidentRecord parse(Map<String, String> fields) {
        try {
            List<Assigned> units = new ArrayList<>();
            for (JsonNode u : JSON.readTree(fields.getOrDefault("units", "[]"))) {
                units.add(new Assigned(
                        u.path("unit").asText(),
                        u.path("at").asLong(),
                        u.path("status").asText()));
            }
            String lat = fields.getOrDefault("lat", "");
            String lon = fields.getOrDefault("lon", "");
            return new IncidentRecord(
                    fields.get("id"),
                    lat.isEmpty() ? Double.NaN : Double.parseDouble(lat),
                    lon.isEmpty() ? Double.NaN : Double.parseDouble(lon),
                    fields.get("grade"),
                    fields.get("type"),
                    Long.parseLong(fields.getOrDefault("openedAt", "0")),
                    Long.parseLong(fields.getOrDefault("closedAt", "0")),
                    units,
                    Long.parseLong(fields.getOrDefault("version", "0")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException(
                    "incident record " + fields.get("id") + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** This record with one more assignment, the grade given and, if unknown, a location and type. */
    IncidentRecord withAssignment(
            Assigned a, String newGrade, double lat, double lon, String type, long expectedVersion) {
        List<Assigned> all = new ArrayList<>(units);
        all.add(a);
        boolean locate = !hasLocation() && !Double.isNaN(lat);
        return new IncidentRecord(
                id,
                locate ? lat : latDeg,
                locate ? lon : lonDeg,
                newGrade,
                incidentType.isEmpty() && type != null ? type : incidentType,
                openedAtMillis,
                closedAtMillis,
                all,
                expectedVersion);
    }

    /** This record closed at {@code atMillis}. */
    IncidentRecord closed(long atMillis) {
        return new IncidentRecord(id, latDeg, lonDeg, grade, incidentType, openedAtMillis, atMillis, units, version);
    }
}
