package org.bluelamp.fleet;

/**
 * Why a radio sent a location report (ETSI TS 100 392-18-1 reason for sending, simplified); the
 * same values as {@code dispatch.v1.FixReason}.
 *
 * <p>Thread-safety: immutable.
 */
public enum FixReason {
    /** Not reported. */
    UNSPECIFIED,
    /** Periodic report at the configured interval. */
    PERIODIC,
    /** Report triggered by distance travelled. */
    DISTANCE,
    /** Emergency button pressed. */
    EMERGENCY,
    /** Status change or other event on the radio. */
    STATUS,
    /** Answer to a location query. */
    RESPONSE_TO_QUERY,
    /** Any other reason. */
    OTHER;

    private static final FixReason[] VALUES = values();

    static FixReason ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
