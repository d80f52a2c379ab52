package org.bluelamp.store;

/**
 * Which audit entries to read: those in a time window, optionally only of one incident, one unit
 * or one road condition.
 *
 * @param incidentId only entries of this incident, or empty for any
 * @param unitId only entries concerning this unit (a recommendation concerns the units it
 *     offered), or empty for any
 * @param conditionId only entries of this road closure or slowdown (added, removed), or empty
 *     for any
 * @param fromMillis start of the window, ms since the epoch, inclusive
 * @param toMillis end of the window, inclusive
 * @param max the most entries returned, oldest first
 *
 * <p>Thread-safety: immutable.
 */
public record AuditQuery(
        String incidentId, String unitId, String conditionId, long fromMillis, long toMillis, int max) {
    public AuditQuery {
        incidentId = incidentId == null ? "" : incidentId;
        unitId = unitId == null ? "" : unitId;
        conditionId = conditionId == null ? "" : conditionId;
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " must be at least 1");
        }
    }

    /** Entries of any incident, unit and condition in the window. */
    public AuditQuery(String incidentId, String unitId, long fromMillis, long toMillis, int max) {
        this(incidentId, unitId, "", fromMillis, toMillis, max);
    }

    /** Whether an entry matches the incident, unit and condition filters (the window is the reader's). */
    public boolean matches(AuditEntry e) {
        return (incidentId.isEmpty() || incidentId.equals(e.incidentId()))
                && (unitId.isEmpty() || e.concernsUnit(unitId))
                && (conditionId.isEmpty() || conditionId.equals(e.conditionId()));
    }
}
