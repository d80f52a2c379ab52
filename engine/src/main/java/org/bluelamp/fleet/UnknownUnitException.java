package org.bluelamp.fleet;

/**
 * No unit is registered under the given id. Thrown by {@code get*} look-ups; the {@code find*}
 * variants return an empty {@link java.util.Optional} instead.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnknownUnitException extends org.bluelamp.error.BluelampException {
    private static final long serialVersionUID = 1L;

    private final String unitId;

    /** @param unitId the id that was looked up */
    public UnknownUnitException(String unitId) {
        super(
                org.bluelamp.error.ErrorKind.NOT_FOUND,
                "unit_id",
                "unit_id '" + unitId + "' is not a registered unit: register it first");
        this.unitId = unitId;
    }

    /** The id that was looked up. */
    public String unitId() {
        return unitId;
    }
}
