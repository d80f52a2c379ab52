package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;

/**
 * Incidents files, the JSON list of incidents that {@code recommend} ranks units for (format in
 * the README). Every incident is read and checked (ids through {@link org.bluelamp.input.Ids}, the
 * grade, type and capabilities against the policy, the location against the map) before any is
 * ranked, so a bad incident is refused with its JSON path and nothing is printed for the others.
 *
 * <p>Stateless and thread-safe.
 */
final class IncidentsFile {
    /** The fields an incident may have. */
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("id", "lat", "lon", "grade", "type", "capabilities"));

    private IncidentsFile() {}

    /**
     * One incident, read.
     *
     * @param path its JSON path, {@code incidents[2]}
     * @param id its id, or "" when the file gives none
     * @param type its incident type code, or "" when none
     * @param capabilities capability codes every recommended unit must have, lower case
     */
    record Entry(String path, String id, GeoPoint location, String grade, String type, Set<String> capabilities) {}

    /**
     * Reads an incidents file.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the JSON path
     */
    static List<Entry> read(Path file, String option) {
        return read(JsonFields.bytes(file, option), file.toString(), option);
    }

    /**
     * Reads an incidents file's content, in memory: what {@link #read(Path, String)} does once the
     * file is read, with the same messages.
     *
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the JSON path
     */
    static List<Entry> read(byte[] content, String source, String option) {
        JsonNode root = JsonFields.parse(content, source, option);
        try {
            return parse(root);
        } catch (BluelampException e) {
            throw new BluelampException(e.kind(), e.field(), option + " " + source + ": " + e.getMessage());
        }
    }

    static List<Entry> parse(JsonNode root) {
        JsonNode incidents = JsonFields.rootArray(
                root, "incidents", "{\"incidents\":[{\"id\":...,\"lat\":...,\"lon\":...,\"grade\":...}, ...]}");
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode inc : incidents) {
            String path = "incidents[" + i++ + "]";
            if (!inc.isObject()) {
                throw BluelampException.invalid(
                        path,
                        path + " must be an object {\"lat\":...,\"lon\":...,\"grade\":...}, got "
                                + JsonFields.shown(inc));
            }
            JsonFields.onlyKnown(inc, path, FIELDS);
            String id = JsonFields.id(inc, "id", path, "");
            GeoPoint location = FleetFile.point(inc, path);
            String grade = JsonFields.id(inc, "grade", path, null);
            String type = JsonFields.id(inc, "type", path, "");
            Set<String> caps = new TreeSet<>();
            for (String c : JsonFields.ids(inc, "capabilities", path)) {
                caps.add(c.toLowerCase(Locale.ROOT));
            }
            out.add(new Entry(path, id, location, grade, type, caps));
        }
        return out;
    }

    /**
     * Checks every incident against the policy (grade, type), the capability codes and the map's
     * area, so that nothing is ranked when one incident is wrong.
     *
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming the option, the file and the incident's JSON path
     */
    static void check(
            List<Entry> incidents,
            PolicyBook policies,
            CapabilityRegistry capabilities,
            GeoBounds mapArea,
            String option,
            String source) {
        for (Entry e : incidents) {
            String where = option + " " + source + ": " + e.path();
            if (policies.findGrade(e.grade()).isEmpty()) {
                throw BluelampException.invalid(
                        e.path() + ".grade",
                        where + ".grade: unknown grade " + Echo.quote(e.grade()) + "; the policy's grades are "
                                + policies.grades().stream().map(g -> g.code()).toList());
            }
            if (!e.type().isEmpty() && policies.findResponsePlan(e.type()).isEmpty()) {
                throw BluelampException.invalid(
                        e.path() + ".type",
                        where + ".type: unknown incident type " + Echo.quote(e.type()) + "; the policy's types are "
                                + policies.incidentTypes());
            }
            for (String c : e.capabilities()) {
                if (!capabilities.isKnown(c)) {
                    throw BluelampException.invalid(
                            e.path() + ".capabilities",
                            where + ".capabilities: unknown capability " + Echo.quote(c) + "; known: "
                                    + capabilities.codes());
                }
            }
            if (!mapArea.contains(e.location())) {
                throw BluelampException.invalid(
                        e.path() + ".lat",
                        where + ": lat, lon " + e.location() + " is outside the map (" + mapArea
                                + "): check the coordinates (latitude first) or give --map for this area");
            }
        }
    }
}
