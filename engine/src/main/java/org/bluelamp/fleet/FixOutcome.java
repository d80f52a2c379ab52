package org.bluelamp.fleet;

/**
 * What became of one fix.
 *
 * <p>Thread-safety: immutable.
 */
public enum FixOutcome {
    /** The fix is the unit's newest: its position, time and index cell were updated (and history). */
    ACCEPTED_LATEST,
    /**
     * The fix is older than the unit's newest (out of order or backlog): kept in the unit's history
     * only, so the unit never moves back in time. The bounded history may not retain it (it is
     * older than everything a full history holds, or older than the history's age limit); it is
     * still counted as accepted.
     */
    ACCEPTED_HISTORY_ONLY,
    /**
     * A fix for the same unit and position time is already held: either the same position (a true
     * duplicate), or a different position that loses the tie-break (see {@link FleetState#recordFix}).
     */
    DUPLICATE,
    /** Refused by intake validation; never returned by {@link FleetState}. */
    REJECTED
}
