package org.bluelamp.tracking.lip;

import java.util.OptionalDouble;

/**
 * The 3-bit "position error" information element (clause 6.3.63, table 6.93 in V1.7.2), carried by
 * every short report and by the long report's "point and position error" shape.
 */
public enum PositionError {
    /** Code 0: less than 2 m. */
    LESS_THAN_2_M(0, 2),
    /** Code 1: less than 20 m. */
    LESS_THAN_20_M(1, 20),
    /** Code 2: less than 200 m. */
    LESS_THAN_200_M(2, 200),
    /** Code 3: less than 2 km. */
    LESS_THAN_2_KM(3, 2_000),
    /** Code 4: less than 20 km. */
    LESS_THAN_20_KM(4, 20_000),
    /** Code 5: less than or equal to 200 km. */
    AT_MOST_200_KM(5, 200_000),
    /** Code 6: more than 200 km (no upper bound: the fix is useless for dispatch). */
    MORE_THAN_200_KM(6, -1),
    /** Code 7: position error not known. */
    NOT_KNOWN(7, -1);

    private final int code;
    private final double upperBoundMetres;

    PositionError(int code, double upperBoundMetres) {
        this.code = code;
        this.upperBoundMetres = upperBoundMetres;
    }

    /** The 3-bit code in the PDU. */
    public int code() {
        return code;
    }

    /** The table's upper bound in metres; empty for {@link #MORE_THAN_200_KM} and {@link #NOT_KNOWN}. */
    public OptionalDouble upperBoundMetres() {
        return upperBoundMetres < 0 ? OptionalDouble.empty() : OptionalDouble.of(upperBoundMetres);
    }

    static PositionError fromCode(int code) {
        return values()[code & 7];
    }
}
