package org.bluelamp.tracking.lip;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One decoded LIP location report, short or long, with every field in physical units. Optional
 * values use {@link OptionalDouble}/{@link OptionalInt}/{@link Optional} throughout, never null.
 * Built only by {@link LipDecoder} in practice; the constructor checks that the fields are
 * consistent (coordinates present exactly when the shape has a position, latitude in [-90, 90],
 * longitude in [-180, 180), speeds non-negative, directions in [0, 360), ...). Immutable and
 * thread-safe.
 *
 * @param pduKind short or long location report
 * @param time the time data (short reports always carry {@link LipTime.Elapsed})
 * @param locationShape shape of the location; always {@link LocationShape#POINT_AND_POSITION_ERROR}
 *     for short reports
 * @param latitudeDeg WGS84 latitude, north positive; empty only for {@link LocationShape#NO_SHAPE}
 * @param longitudeDeg WGS84 longitude, east positive; empty only for {@link LocationShape#NO_SHAPE}
 * @param positionError the position error code of short reports and the "point and position
 *     error" shape; see {@link #positionErrorMetres()}
 * @param shapeParameters radius, ellipse axes, arc; {@link LipShapeParameters#NONE} for points
 * @param altitude present for the altitude shapes (codes 4..8)
 * @param velocityType the long report's velocity type; empty for short reports, whose speed and
 *     16-point direction are fixed fields
 * @param horizontalSpeedKmh horizontal speed; empty when absent or "not known" (code 127)
 * @param horizontalSpeedUncertaintyCode raw 3-bit horizontal velocity uncertainty code
 * @param verticalSpeedKmh vertical speed, positive upwards; empty when absent or not known
 * @param verticalSpeedUncertaintyCode raw 3-bit vertical velocity uncertainty code
 * @param directionDeg direction of travel, degrees clockwise from north: 22.5 degree steps in
 *     short reports (where 337.5 also means "not known"), 360/256 degree steps in long reports
 * @param directionUncertaintyCode raw 3-bit direction of travel uncertainty code
 * @param ackRequested whether the terminal asked for a location report acknowledgement (long
 *     reports only; always false for short reports, which have no such field)
 * @param additionalDataType what {@code additionalData} is
 * @param additionalData the final 8-bit octet: a reason-for-sending code or user-defined data
 * @param optionalElementsHex bits after the long report's mandatory fields beyond the allowed 7
 *     padding bits (type-5 optional elements of clause 6.2.2, not interpreted), as hex, the last
 *     octet zero-filled; empty string when none
 * @param optionalElementsBitLength number of those bits; 0 when none
 */
public record LipReport(
        PduKind pduKind,
        LipTime time,
        LocationShape locationShape,
        OptionalDouble latitudeDeg,
        OptionalDouble longitudeDeg,
        Optional<PositionError> positionError,
        LipShapeParameters shapeParameters,
        Optional<LipAltitude> altitude,
        Optional<VelocityType> velocityType,
        OptionalDouble horizontalSpeedKmh,
        OptionalInt horizontalSpeedUncertaintyCode,
        OptionalDouble verticalSpeedKmh,
        OptionalInt verticalSpeedUncertaintyCode,
        OptionalDouble directionDeg,
        OptionalInt directionUncertaintyCode,
        boolean ackRequested,
        AdditionalDataType additionalDataType,
        int additionalData,
        String optionalElementsHex,
        int optionalElementsBitLength) {

    private static final Pattern HEX = Pattern.compile("(?:[0-9A-F]{2})*");

    public LipReport {
        Objects.requireNonNull(pduKind, "pduKind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(locationShape, "locationShape");
        Objects.requireNonNull(latitudeDeg, "latitudeDeg");
        Objects.requireNonNull(longitudeDeg, "longitudeDeg");
        Objects.requireNonNull(positionError, "positionError");
        Objects.requireNonNull(shapeParameters, "shapeParameters");
        Objects.requireNonNull(altitude, "altitude");
        Objects.requireNonNull(velocityType, "velocityType");
        Objects.requireNonNull(horizontalSpeedKmh, "horizontalSpeedKmh");
        Objects.requireNonNull(horizontalSpeedUncertaintyCode, "horizontalSpeedUncertaintyCode");
        Objects.requireNonNull(verticalSpeedKmh, "verticalSpeedKmh");
        Objects.requireNonNull(verticalSpeedUncertaintyCode, "verticalSpeedUncertaintyCode");
        Objects.requireNonNull(directionDeg, "directionDeg");
        Objects.requireNonNull(directionUncertaintyCode, "directionUncertaintyCode");
        Objects.requireNonNull(additionalDataType, "additionalDataType");
        Objects.requireNonNull(optionalElementsHex, "optionalElementsHex");

        if (latitudeDeg.isPresent() != locationShape.hasPosition()
                || longitudeDeg.isPresent() != locationShape.hasPosition()) {
            throw new IllegalArgumentException(
                    "latitude and longitude must be present exactly when the shape has a position: " + locationShape);
        }
        if (latitudeDeg.isPresent() && !(latitudeDeg.getAsDouble() >= -90 && latitudeDeg.getAsDouble() <= 90)) {
            throw new IllegalArgumentException("latitudeDeg must be in [-90, 90]: " + latitudeDeg.getAsDouble());
        }
        if (longitudeDeg.isPresent() && !(longitudeDeg.getAsDouble() >= -180 && longitudeDeg.getAsDouble() < 180)) {
            throw new IllegalArgumentException("longitudeDeg must be in [-180, 180): " + longitudeDeg.getAsDouble());
        }
        if (pduKind == PduKind.SHORT) {
            if (!(time instanceof LipTime.Elapsed)) {
                throw new IllegalArgumentException("a short report always carries time elapsed: " + time);
            }
            if (locationShape != LocationShape.POINT_AND_POSITION_ERROR || velocityType.isPresent() || ackRequested) {
                throw new IllegalArgumentException("fields not carried by a short report are set");
            }
        }
        if (positionError.isPresent() != (locationShape == LocationShape.POINT_AND_POSITION_ERROR)) {
            throw new IllegalArgumentException("positionError must be present exactly for point and position error");
        }
        requireNonNegative(horizontalSpeedKmh, "horizontalSpeedKmh");
        requireCode(horizontalSpeedUncertaintyCode, "horizontalSpeedUncertaintyCode");
        if (verticalSpeedKmh.isPresent() && !Double.isFinite(verticalSpeedKmh.getAsDouble())) {
            throw new IllegalArgumentException("verticalSpeedKmh must be finite: " + verticalSpeedKmh);
        }
        requireCode(verticalSpeedUncertaintyCode, "verticalSpeedUncertaintyCode");
        if (directionDeg.isPresent() && !(directionDeg.getAsDouble() >= 0 && directionDeg.getAsDouble() < 360)) {
            throw new IllegalArgumentException("directionDeg must be in [0, 360): " + directionDeg.getAsDouble());
        }
        requireCode(directionUncertaintyCode, "directionUncertaintyCode");
        if (additionalData < 0 || additionalData > 255) {
            throw new IllegalArgumentException("additionalData must be one octet 0..255: " + additionalData);
        }
        if (!HEX.matcher(optionalElementsHex).matches()
                || optionalElementsBitLength < 0
                || (optionalElementsHex.length() / 2) != (optionalElementsBitLength + 7) / 8
                || (optionalElementsBitLength > 0 && optionalElementsBitLength <= 7)
                || (optionalElementsBitLength > 0 && pduKind == PduKind.SHORT)) {
            throw new IllegalArgumentException("inconsistent optional elements: " + optionalElementsBitLength
                    + " bits, hex '" + optionalElementsHex + "'");
        }
    }

    /** Whether the report carries a position (every shape but {@link LocationShape#NO_SHAPE}). */
    public boolean hasPosition() {
        return locationShape.hasPosition();
    }

    /**
     * The position error as an upper bound in metres (2, 20, 200, 2 000, 20 000 or 200 000);
     * empty when there is no position error field or its code is "more than 200 km" or "not known".
     */
    public OptionalDouble positionErrorMetres() {
        return positionError.map(PositionError::upperBoundMetres).orElse(OptionalDouble.empty());
    }

    /**
     * The best horizontal error bound the report gives, in metres, whatever its shape: the
     * position error, the circle radius, the ellipse's semi-major axis or the arc's outer radius.
     * Empty when the report gives none (points, unknown codes).
     */
    public OptionalDouble horizontalErrorBoundMetres() {
        OptionalDouble bound = positionErrorMetres();
        if (bound.isEmpty()) {
            bound = shapeParameters.radiusMetres();
        }
        if (bound.isEmpty()) {
            bound = shapeParameters.semiMajorAxisMetres();
        }
        if (bound.isEmpty()) {
            bound = shapeParameters.outerRadiusMetres();
        }
        return bound;
    }

    /** The reason for sending; empty for user-defined data or a reserved code. */
    public Optional<ReasonForSending> reasonForSending() {
        return additionalDataType == AdditionalDataType.REASON_FOR_SENDING
                ? ReasonForSending.fromCode(additionalData)
                : Optional.empty();
    }

    /** The raw user-defined octet, when the additional data is user-defined. */
    public OptionalInt userDefinedData() {
        return additionalDataType == AdditionalDataType.USER_DEFINED_DATA
                ? OptionalInt.of(additionalData)
                : OptionalInt.empty();
    }

    private static void requireNonNegative(OptionalDouble value, String name) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + value.getAsDouble());
        }
    }

    private static void requireCode(OptionalInt value, String name) {
        if (value.isPresent() && (value.getAsInt() < 0 || value.getAsInt() > 7)) {
            throw new IllegalArgumentException(name + " must be a 3-bit code 0..7: " + value.getAsInt());
        }
    }
}
