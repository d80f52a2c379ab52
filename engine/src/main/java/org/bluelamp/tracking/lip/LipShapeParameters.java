package org.bluelamp.tracking.lip;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The size and orientation of a long report's location shape, each present only for the shapes
 * that carry it (see {@link LocationShape}); {@link #NONE} for points. Distances are upper bounds
 * in metres from the table's code; angles are degrees clockwise from north. A value whose code
 * means "best effort" or "reserved" is empty even though its shape carries it. Immutable.
 *
 * @param radiusMetres horizontal position uncertainty of the circle shapes (table 6.49)
 * @param semiMajorAxisMetres half of the major axis of the ellipse shapes (table 6.49)
 * @param semiMinorAxisMetres half of the minor axis of the ellipse shapes (table 6.49)
 * @param orientationDeg angle of the ellipse's major axis, 0..358.6 in 360/256 steps
 * @param innerRadiusMetres inner radius of the arc, 2 m steps
 * @param outerRadiusMetres outer radius of the arc, 2 m steps
 * @param startAngleDeg start angle of the arc, 360/256 steps
 * @param stopAngleDeg stop angle of the arc, 360/256 steps
 * @param confidenceLevelCode raw 3-bit confidence level of the ellipse and arc shapes: 0..4 are
 *     50, 68, 80, 90, 95 %, 7 is "not known"; sources disagree on 5 and 6 (98/99 % or 99/99.9 %),
 *     so no percentage is derived here
 */
public record LipShapeParameters(
        OptionalDouble radiusMetres,
        OptionalDouble semiMajorAxisMetres,
        OptionalDouble semiMinorAxisMetres,
        OptionalDouble orientationDeg,
        OptionalDouble innerRadiusMetres,
        OptionalDouble outerRadiusMetres,
        OptionalDouble startAngleDeg,
        OptionalDouble stopAngleDeg,
        OptionalInt confidenceLevelCode) {

    /** No shape parameters (points and "no shape"). */
    public static final LipShapeParameters NONE = new LipShapeParameters(
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalInt.empty());

    public LipShapeParameters {
        requireNonNegative(radiusMetres, "radiusMetres");
        requireNonNegative(semiMajorAxisMetres, "semiMajorAxisMetres");
        requireNonNegative(semiMinorAxisMetres, "semiMinorAxisMetres");
        requireAngle(orientationDeg, "orientationDeg");
        requireNonNegative(innerRadiusMetres, "innerRadiusMetres");
        requireNonNegative(outerRadiusMetres, "outerRadiusMetres");
        requireAngle(startAngleDeg, "startAngleDeg");
        requireAngle(stopAngleDeg, "stopAngleDeg");
        Objects.requireNonNull(confidenceLevelCode, "confidenceLevelCode");
        if (confidenceLevelCode.isPresent()
                && (confidenceLevelCode.getAsInt() < 0 || confidenceLevelCode.getAsInt() > 7)) {
            throw new IllegalArgumentException("confidenceLevelCode must be 0..7: " + confidenceLevelCode);
        }
    }

    static LipShapeParameters circle(OptionalDouble radiusMetres) {
        return new LipShapeParameters(
                radiusMetres,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.empty());
    }

    static LipShapeParameters ellipse(
            OptionalDouble semiMajorAxisMetres,
            OptionalDouble semiMinorAxisMetres,
            double orientationDeg,
            int confidenceLevelCode) {
        return new LipShapeParameters(
                OptionalDouble.empty(),
                semiMajorAxisMetres,
                semiMinorAxisMetres,
                OptionalDouble.of(orientationDeg),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalInt.of(confidenceLevelCode));
    }

    static LipShapeParameters arc(
            double innerRadiusMetres,
            double outerRadiusMetres,
            double startAngleDeg,
            double stopAngleDeg,
            int confidenceLevelCode) {
        return new LipShapeParameters(
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.of(innerRadiusMetres),
                OptionalDouble.of(outerRadiusMetres),
                OptionalDouble.of(startAngleDeg),
                OptionalDouble.of(stopAngleDeg),
                OptionalInt.of(confidenceLevelCode));
    }

    private static void requireNonNegative(OptionalDouble value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && !(value.getAsDouble() >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value.getAsDouble());
        }
    }

    private static void requireAngle(OptionalDouble value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() < 360)) {
            throw new IllegalArgumentException(name + " must be in [0, 360): " + value.getAsDouble());
        }
    }
}
