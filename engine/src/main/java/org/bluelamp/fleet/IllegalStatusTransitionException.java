package org.bluelamp.fleet;

/**
 * A status change refused because the transition is not in {@link UnitStatus}'s table, or because
 * it is older than the unit's current status. The message names both statuses.
 *
 * <p>Thread-safety: immutable.
 */
public final class IllegalStatusTransitionException extends org.bluelamp.error.BluelampException {
    private static final long serialVersionUID = 1L;

    private final String unitId;
    private final UnitStatus from;
    private final UnitStatus to;

    IllegalStatusTransitionException(String unitId, UnitStatus from, UnitStatus to, String message) {
        super(org.bluelamp.error.ErrorKind.FAILED_PRECONDITION, "status", message);
        this.unitId = unitId;
        this.from = from;
        this.to = to;
    }

    /** The unit whose status change was refused. */
    public String unitId() {
        return unitId;
    }

    /** The unit's status when the change was refused. */
    public UnitStatus from() {
        return from;
    }

    /** The status that was asked for. */
    public UnitStatus to() {
        return to;
    }
}
