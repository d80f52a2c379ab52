package org.bluelamp.tracking.lip;

/**
 * The 4-bit "location shape" of a long location report (clause 6.3.49, table 6.79 in V1.7.2), with
 * the number of bits of location data that follow the shape code. Codes 11..14 are reserved and
 * 15 is "location shape extension"; the decoder rejects those. A short location report is always
 * {@link #POINT_AND_POSITION_ERROR}: its fixed layout carries exactly that.
 */
public enum LocationShape {
    /** Code 0: no location data (the report carries no position). */
    NO_SHAPE(0, 0),
    /** Code 1: longitude 25 + latitude 24. */
    POINT(1, 49),
    /** Code 2: point + horizontal position uncertainty 6 (the circle radius). */
    CIRCLE(2, 55),
    /** Code 3: point + half major axis 6 + half minor axis 6 + angle 8 + confidence level 3. */
    ELLIPSE(3, 72),
    /** Code 4: point + location altitude 12. */
    POINT_WITH_ALTITUDE(4, 61),
    /** Code 5: point + horizontal position uncertainty 6 + location altitude 12. */
    CIRCLE_WITH_ALTITUDE(5, 67),
    /** Code 6: ellipse fields in order, with location altitude 12 before the confidence level. */
    ELLIPSE_WITH_ALTITUDE(6, 84),
    /** Code 7: circle with altitude + location altitude accuracy 3. */
    CIRCLE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY(7, 70),
    /** Code 8: ellipse with altitude + location altitude accuracy 3 before the confidence level. */
    ELLIPSE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY(8, 87),
    /** Code 9: point + inner radius 16 + outer radius 16 + start angle 8 + stop angle 8 + confidence 3. */
    ARC(9, 100),
    /** Code 10: point + position error 3. */
    POINT_AND_POSITION_ERROR(10, 52);

    private final int code;
    private final int dataBits;

    LocationShape(int code, int dataBits) {
        this.code = code;
        this.dataBits = dataBits;
    }

    /** The 4-bit code in the PDU. */
    public int code() {
        return code;
    }

    /** Bits of location data following the shape code. */
    public int dataBits() {
        return dataBits;
    }

    /** Whether the shape carries latitude and longitude (every shape except {@link #NO_SHAPE}). */
    public boolean hasPosition() {
        return this != NO_SHAPE;
    }

    /** The shape with this code, or null for the reserved codes 11..15. */
    static LocationShape fromCodeOrNull(int code) {
        return code >= 0 && code <= 10 ? values()[code] : null;
    }
}
