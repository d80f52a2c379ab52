package org.bluelamp.fleet;

/**
 * A unit with the same id is already registered; use {@link FleetState#updateSpec} to change it.
 *
 * <p>Thread-safety: immutable.
 */
public final class DuplicateUnitException extends org.bluelamp.error.BluelampException {
    private static final long serialVersionUID = 1L;

    private final String unitId;

    public DuplicateUnitException(String unitId) {
        super(
                org.bluelamp.error.ErrorKind.ALREADY_EXISTS,
                "unit.id",
                "unit_id '" + unitId + "' is already registered: use updateSpec to change it");
        this.unitId = unitId;
    }

    /** The id that was registered twice. */
    public String unitId() {
        return unitId;
    }
}
