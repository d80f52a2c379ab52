package org.bluelamp.store;

/**
 * Which audit entries to read: those in a time window, optionally only of one incident or one unit.
 *
 * @param incidentId only entries of this incident, or empty for any
 * @param unitId only entries concerning this unit (a recommendation concerns the units it
 *     offered), or empty for any
 * @param fromMillis start of the window, ms since the epoch, inclusive
 * @param toMillis end of the window, inclusive
 * @param max the most entries returned, oldest first
 *
 * <p>Thread-safety: immutable.
 */
public record AuditQuery(String incidentId, String unitId, long fromMillis, long toMillis, int max) {
    public AuditQuery {
        incidentId = incidentId == null ? "" : incidentId;
        unitId = unitId == null ? "" : unitId;
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " must be at least 1");
        }
    }

    /** Whether an entry matches the incident and unit filters (the window is the reader's). */
    public boolean matches(AuditEntry e) {
        return (incidentId.isEmpty() || incidentId.equals(e.incidentId()))
                && (unitId.isEmpty() || e.concernsUnit(unitId));
    }
}
