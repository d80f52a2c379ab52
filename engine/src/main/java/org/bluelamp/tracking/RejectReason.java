package org.bluelamp.tracking;

/**
 * Why the intake refused a fix. Each names the field at fault; the rejection message gives its
 * value and what was expected.
 *
 * <p>Thread-safety: immutable.
 */
public enum RejectReason {
    /**
     * {@code unitId} does not follow the id rule ({@link org.bluelamp.input.Ids}): empty, too long,
     * blank at an end, or a control character.
     */
    INVALID_UNIT_ID,
    /** {@code latDeg} is NaN, infinite or outside [-90, 90]. */
    INVALID_LATITUDE,
    /** {@code lonDeg} is NaN, infinite or outside [-180, 180]. */
    INVALID_LONGITUDE,
    /** The position lies outside the configured service area. */
    OUTSIDE_SERVICE_AREA,
    /** {@code positionTimeEpochMillis} is further ahead of the engine clock than the allowed skew. */
    FUTURE_TIMESTAMP,
    /** {@code positionTimeEpochMillis} is older than the maximum fix age. */
    TOO_OLD,
    /** {@code accuracyMetres} is negative, infinite or above the configured maximum. */
    INVALID_ACCURACY,
    /** {@code speedMetresPerSecond} is negative, infinite or above the configured maximum. */
    INVALID_SPEED,
    /** {@code headingDeg} is infinite or outside [0, 360]. */
    INVALID_HEADING,
    /** {@code unitId} is not registered and auto-registration is off. */
    UNKNOWN_UNIT
}
