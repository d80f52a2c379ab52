package org.bluelamp.dispatch;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.conditions.Closure;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;

/**
 * A request for unit recommendations: an incident's location and grade, optionally its type
 * (which selects a response plan) and capabilities every recommended unit must have. Immutable;
 * checked in the constructor.
 *
 * @param incidentId the incident's id in the command-and-control system (for the answer)
 * @param location where units must attend
 * @param grade the force's grade code, e.g. {@code "1"}
 * @param incidentType incident type code selecting a response plan (e.g. {@code "firearms"}), or ""
 * @param requiredCapabilities capability codes every recommended unit must have (may be empty)
 * @param maxCandidates how many ranked units to return (1 to {@link #MAX_CANDIDATES})
 * @param whatIfClosures closures for this request only, besides those in force (a console's "what
 *     if this road is shut"; at most {@link #MAX_WHAT_IF_CLOSURES})
 */
public record IncidentRequest(
        String incidentId,
        GeoPoint location,
        String grade,
        String incidentType,
        Set<String> requiredCapabilities,
        int maxCandidates,
        List<Closure> whatIfClosures) {
    /** The most candidates one request may ask for. */
    public static final int MAX_CANDIDATES = 100;
    /** Candidates returned when the caller does not say. */
    public static final int DEFAULT_CANDIDATES = 5;
    /** The most closures one request may bring. */
    public static final int MAX_WHAT_IF_CLOSURES = 20;

    /** A request without closures of its own. */
    public IncidentRequest(
            String incidentId,
            GeoPoint location,
            String grade,
            String incidentType,
            Set<String> requiredCapabilities,
            int maxCandidates) {
        this(incidentId, location, grade, incidentType, requiredCapabilities, maxCandidates, List.of());
    }

    public IncidentRequest {
        if (incidentId == null) {
            incidentId = "";
        }
        if (incidentId.length() > 128) {
            throw BluelampException.invalid("incidentId", "incidentId is longer than 128 characters");
        }
        if (location == null) {
            throw BluelampException.invalid(
                    "location", "location is missing: give the incident's latitude and longitude");
        }
        if (grade == null || grade.isBlank()) {
            throw BluelampException.invalid("grade", "grade is missing: give the force's grade code, e.g. 1");
        }
        grade = grade.trim();
        incidentType = incidentType == null ? "" : incidentType.trim();
        requiredCapabilities = Set.copyOf(Objects.requireNonNullElse(requiredCapabilities, Set.of()));
        if (maxCandidates < 1 || maxCandidates > MAX_CANDIDATES) {
            throw BluelampException.invalid(
                    "maxCandidates",
                    "maxCandidates must be between 1 and " + MAX_CANDIDATES + ", got " + maxCandidates);
        }
        whatIfClosures = List.copyOf(Objects.requireNonNullElse(whatIfClosures, List.of()));
        if (whatIfClosures.size() > MAX_WHAT_IF_CLOSURES) {
            throw BluelampException.invalid(
                    "whatIfClosures",
                    "whatIfClosures has " + whatIfClosures.size() + " closures; at most " + MAX_WHAT_IF_CLOSURES);
        }
    }

    /** A request for the default number of candidates, no type and no extra capabilities. */
    public static IncidentRequest of(String incidentId, GeoPoint location, String grade) {
        return new IncidentRequest(incidentId, location, grade, "", Set.of(), DEFAULT_CANDIDATES);
    }
}
