package org.bluelamp.store;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit trail: who was offered what and when, and who changed what. Enough to
 * reconstruct why a unit was sent: the recommendation served for the incident (candidates in
 * rank order with their ETAs), the assignment that followed (who, from which status to which),
 * and every later status change up to the closure.
 *
 * @param id the entry's id in the audit stream ({@code <ms>-<seq>}); empty until stored
 * @param kind what happened
 * @param atMillis when, ms since the epoch (the engine clock)
 * @param role the caller's role ({@code console}, {@code admin}, ...); empty for the engine itself
 * @param caller the name of the caller's token (the auth file's name for it)
 * @param incidentId the incident concerned, or empty
 * @param unitIds the units concerned (for a recommendation: the candidates, in rank order)
 * @param fromStatus a unit's status before the change, or empty
 * @param toStatus a unit's status after it, or empty
 * @param grade the grade of the incident or task, or empty
 * @param incidentType the incident type of a recommendation, or empty
 * @param latDeg the incident's latitude, or {@code NaN}
 * @param lonDeg the incident's longitude, or {@code NaN}
 * @param offers with a recommendation, the candidates offered in rank order with their ETAs
 * @param conditionId with a road condition added or removed, its id; otherwise empty
 * @param conditionKind with a road condition, {@code closure} or {@code slowdown}; otherwise empty
 *
 * <p>Thread-safety: immutable.
 */
public record AuditEntry(
        String id,
        Kind kind,
        long atMillis,
        String role,
        String caller,
        String incidentId,
        List<String> unitIds,
        String fromStatus,
        String toStatus,
        String grade,
        String incidentType,
        double latDeg,
        double lonDeg,
        List<Offer> offers,
        String conditionId,
        String conditionKind) {

    public AuditEntry {
        id = id == null ? "" : id;
        Objects.requireNonNull(kind, "kind");
        role = role == null ? "" : role;
        caller = caller == null ? "" : caller;
        incidentId = incidentId == null ? "" : incidentId;
        unitIds = List.copyOf(unitIds);
        fromStatus = fromStatus == null ? "" : fromStatus;
        toStatus = toStatus == null ? "" : toStatus;
        grade = grade == null ? "" : grade;
        incidentType = incidentType == null ? "" : incidentType;
        offers = List.copyOf(offers);
        conditionId = conditionId == null ? "" : conditionId;
        conditionKind = conditionKind == null ? "" : conditionKind;
    }

    /**
     * An entry for a road closure or slowdown added or removed.
     *
     * @param added true when added, false when removed
     * @param atMillis when, ms since the epoch
     * @param who the caller, {@code role:token name} as the conditions record it
     */
    public static AuditEntry condition(boolean added, long atMillis, String who, String conditionId, String kind) {
        int colon = who.indexOf(':');
        String role = colon < 0 ? "" : who.substring(0, colon);
        String name = colon < 0 ? who : who.substring(colon + 1);
        return new AuditEntry(
                "",
                added ? Kind.CONDITION_ADDED : Kind.CONDITION_REMOVED,
                atMillis,
                role,
                name,
                "",
                List.of(),
                "",
                "",
                "",
                "",
                Double.NaN,
                Double.NaN,
                List.of(),
                conditionId,
                kind);
    }

    /** What an audit entry records. */
    public enum Kind {
        /** A recommendation served. */
        RECOMMENDATION,
        /** A unit registered. */
        REGISTRATION,
        /** A unit's description changed. */
        UPDATE,
        /** A unit's status changed (not by an assignment or closure). */
        STATUS,
        /** A unit assigned to an incident. */
        ASSIGNMENT,
        /** An incident closed; its units released (each with a STATUS entry too). */
        CLOSURE,
        /** A road closure or slowdown added. */
        CONDITION_ADDED,
        /** A road closure or slowdown removed. */
        CONDITION_REMOVED
    }

    /**
     * One candidate offered by a recommendation.
     *
     * @param unitId the unit
     * @param etaSeconds its ETA, seconds
     * @param meetsTarget whether it met the grade's attendance target
     */
    public record Offer(String unitId, double etaSeconds, boolean meetsTarget) {}

    /** Who made a change or asked for a recommendation: the role and the token's name. */
    public record Actor(String role, String name) {
        /** The engine itself (e.g. a fleet file at start). */
        public static final Actor ENGINE = new Actor("engine", "engine");

        public Actor {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
        }
    }

    /** This entry with its id in the stream. */
    public AuditEntry withId(String streamId) {
        return new AuditEntry(
                streamId,
                kind,
                atMillis,
                role,
                caller,
                incidentId,
                unitIds,
                fromStatus,
                toStatus,
                grade,
                incidentType,
                latDeg,
                lonDeg,
                offers,
                conditionId,
                conditionKind);
    }

    /** Whether the entry concerns this unit (or, for a recommendation, offered it). */
    public boolean concernsUnit(String unitId) {
        return unitIds.contains(unitId);
    }
}
