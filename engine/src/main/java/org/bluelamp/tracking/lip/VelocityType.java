package org.bluelamp.tracking.lip;

/**
 * The 3-bit "velocity type" of a long location report (clause 6.3.90, table 6.123 in V1.7.2),
 * with the number of velocity-data bits that follow the type code. All eight codes are defined.
 */
public enum VelocityType {
    /** Code 0: no velocity information. */
    NONE(0, 0),
    /** Code 1: horizontal velocity 7. */
    HORIZONTAL(1, 7),
    /** Code 2: horizontal velocity 7 + horizontal velocity uncertainty 3. */
    HORIZONTAL_WITH_UNCERTAINTY(2, 10),
    /** Code 3: horizontal velocity 7 + vertical velocity 8 (sign bit, then 7-bit magnitude). */
    HORIZONTAL_AND_VERTICAL(3, 15),
    /** Code 4: horizontal 7 + its uncertainty 3 + vertical 8 + its uncertainty 3. */
    HORIZONTAL_AND_VERTICAL_WITH_UNCERTAINTY(4, 21),
    /** Code 5: horizontal velocity 7 + direction of travel extended 8. */
    HORIZONTAL_WITH_DIRECTION(5, 15),
    /** Code 6: horizontal 7 + its uncertainty 3 + direction extended 8 + direction uncertainty 3. */
    HORIZONTAL_WITH_DIRECTION_AND_UNCERTAINTY(6, 21),
    /**
     * Code 7: horizontal 7 + its uncertainty 3 + vertical 8 + its uncertainty 3 + direction
     * extended 8 + direction uncertainty 3.
     */
    HORIZONTAL_AND_VERTICAL_WITH_DIRECTION_AND_UNCERTAINTY(7, 32);

    private final int code;
    private final int dataBits;

    VelocityType(int code, int dataBits) {
        this.code = code;
        this.dataBits = dataBits;
    }

    /** The 3-bit code in the PDU. */
    public int code() {
        return code;
    }

    /** Bits of velocity data following the type code. */
    public int dataBits() {
        return dataBits;
    }

    static VelocityType fromCode(int code) {
        return values()[code & 7];
    }
}
