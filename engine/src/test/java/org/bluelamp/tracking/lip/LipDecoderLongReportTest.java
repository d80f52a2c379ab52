package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The long location report (clause 6.2.2): time data, every location shape, every velocity type. */
class LipDecoderLongReportTest {

    private static final double LAT_TOLERANCE_DEG = 180.0 / (1 << 24) / 2;
    private static final double LON_TOLERANCE_DEG = 360.0 / (1 << 25) / 2;

    /**
     * Westminster, 51.5007 N 0.1246 W, worked out by hand: a unit in an emergency asks for an
     * acknowledgement.
     * <pre>
     * bit   0 PDU type                 2  01                         PDU with extension
     * bit   2 PDU type extension       4  0011                       long location report
     * bit   6 time type                2  10                         time of position
     * bit   8 day                      5  10001                      17
     * bit  13 hour                     5  01110                      14
     * bit  18 minute                   6  000101                     5
     * bit  24 second                   6  011110                     30
     * bit  30 location shape           4  1010                       point and position error
     * bit  34 longitude               25  1111111111101001010100010  -11614 x 360/2^25 = -0.1246047 deg
     * bit  59 latitude                24  010010010011111011010101   4800213 x 180/2^24 = 51.5006983 deg
     * bit  83 position error           3  010                        less than 200 m
     * bit  86 velocity type            3  101                        horizontal velocity with direction extended
     * bit  89 horizontal velocity      7  0111110                    62: 16 x 1.038^49 = 99.49 km/h (table: 99.5)
     * bit  96 direction extended       8  11001000                   200 x 360/256 = 281.25 deg
     * bit 104 acknowledgement request  1  1                          requested
     * bit 105 type of additional data  1  0                          reason for sending
     * bit 106 reason for sending       8  00000010                   2: emergency condition detected
     * bit 114 padding                  6  000000
     * 01001110 10001011 10000101 01111010 10111111 11111010 01010100 01001001
     * 00100111 11011010 10101010 10111110 11001000 10000000 10000000
     * </pre>
     */
    static final String WESTMINSTER_LONG = "4E8B857ABFFA544927DAAABEC88080";

    @Test
    void decodesWestminsterLongReportWorkedOutByHand() throws LipDecodeException {
        LipReport r = LipDecoder.decodeHex(WESTMINSTER_LONG);

        assertEquals(PduKind.LONG, r.pduKind());
        assertEquals(new LipTime.OfPosition(17, 14, 5, 30), r.time());
        assertEquals(LocationShape.POINT_AND_POSITION_ERROR, r.locationShape());
        assertEquals(4800213 * 180.0 / (1 << 24), r.latitudeDeg().getAsDouble(), 0.0);
        assertEquals(-11614 * 360.0 / (1 << 25), r.longitudeDeg().getAsDouble(), 0.0);
        assertEquals(51.5007, r.latitudeDeg().getAsDouble(), LAT_TOLERANCE_DEG);
        assertEquals(-0.1246, r.longitudeDeg().getAsDouble(), LON_TOLERANCE_DEG);
        assertEquals(Optional.of(PositionError.LESS_THAN_200_M), r.positionError());
        assertEquals(OptionalDouble.of(200), r.positionErrorMetres());
        assertEquals(Optional.of(VelocityType.HORIZONTAL_WITH_DIRECTION), r.velocityType());
        assertEquals(99.5, r.horizontalSpeedKmh().getAsDouble(), 0.05);
        assertEquals(OptionalDouble.of(281.25), r.directionDeg());
        assertTrue(r.ackRequested());
        assertEquals(Optional.of(ReasonForSending.EMERGENCY_CONDITION_DETECTED), r.reasonForSending());
        assertEquals(0, r.optionalElementsBitLength());
    }

    @Test
    void bitWriterBuildsTheSameWestminsterPdu() {
        LipBitWriter w = LipBitWriter.longHeader()
                .put(2, 2)
                .put(5, 17)
                .put(5, 14)
                .put(6, 5)
                .put(6, 30)
                .put(4, 10)
                .longitude(-0.1246)
                .latitude(51.5007)
                .put(3, 2)
                .put(3, 5)
                .put(7, 62)
                .put(8, 200)
                .put(1, 1)
                .put(1, 0)
                .put(8, 2);
        assertEquals(114, w.bitLength());
        assertEquals(WESTMINSTER_LONG, w.toHex());
    }

    @Test
    void timeTypeNoneAndTimeElapsed() throws LipDecodeException {
        LipReport none = LipDecoder.decode(LipBitWriter.longHeader()
                .put(2, 0)
                .put(4, 1)
                .longitude(1)
                .latitude(2)
                .put(3, 0)
                .put(1, 0)
                .put(1, 0)
                .put(8, 0)
                .toBytes());
        assertEquals(LipTime.NONE, none.time());
        assertEquals(LocationShape.POINT, none.locationShape());
        for (TimeElapsed elapsed : TimeElapsed.values()) {
            LipReport r = LipDecoder.decode(LipBitWriter.longHeader()
                    .put(2, 1)
                    .put(2, elapsed.code())
                    .put(4, 1)
                    .longitude(1)
                    .latitude(2)
                    .put(3, 0)
                    .put(1, 0)
                    .put(1, 0)
                    .put(8, 0)
                    .toBytes());
            assertEquals(new LipTime.Elapsed(elapsed), r.time());
        }
    }

    @Test
    void timeOfPositionBoundaries() throws LipDecodeException {
        LipReport first = LipDecoder.decode(longWithTime(1, 0, 0, 0).toBytes());
        assertEquals(new LipTime.OfPosition(1, 0, 0, 0), first.time());
        LipReport last = LipDecoder.decode(longWithTime(31, 23, 59, 59).toBytes());
        assertEquals(new LipTime.OfPosition(31, 23, 59, 59), last.time());
    }

    @Test
    void noShapeCarriesNoPosition() throws LipDecodeException {
        LipReport r = LipDecoder.decode(LipBitWriter.longHeader()
                .put(2, 0)
                .put(4, 0)
                .put(3, 0)
                .put(1, 0)
                .put(1, 0)
                .put(8, ReasonForSending.LOST_ABILITY_TO_DETERMINE_LOCATION.code())
                .toBytes());
        assertEquals(LocationShape.NO_SHAPE, r.locationShape());
        assertTrue(r.latitudeDeg().isEmpty());
        assertTrue(r.longitudeDeg().isEmpty());
        assertTrue(!r.hasPosition());
        assertEquals(Optional.of(ReasonForSending.LOST_ABILITY_TO_DETERMINE_LOCATION), r.reasonForSending());
    }

    @Test
    void pointInTheSouthWest() throws LipDecodeException {
        LipReport r =
                decodeShape(new LipBitWriter().put(4, 1).longitude(-58.3816).latitude(-34.6037));
        assertEquals(LocationShape.POINT, r.locationShape());
        assertEquals(-34.6037, r.latitudeDeg().getAsDouble(), LAT_TOLERANCE_DEG);
        assertEquals(-58.3816, r.longitudeDeg().getAsDouble(), LON_TOLERANCE_DEG);
        assertEquals(LipShapeParameters.NONE, r.shapeParameters());
        assertEquals(Optional.empty(), r.positionError());
        assertEquals(OptionalDouble.empty(), r.horizontalErrorBoundMetres());
    }

    @Test
    void circleRadiusUsesTheAccuracyTable() throws LipDecodeException {
        LipReport r = decodeShape(
                new LipBitWriter().put(4, 2).longitude(-3.19).latitude(55.95).put(6, 11));
        assertEquals(LocationShape.CIRCLE, r.locationShape());
        assertEquals(33.0, r.shapeParameters().radiusMetres().getAsDouble(), 0.05); // table 6.49: "less than 33 m"
        assertEquals(r.shapeParameters().radiusMetres(), r.horizontalErrorBoundMetres());
        LipReport bestEffort = decodeShape(
                new LipBitWriter().put(4, 2).longitude(-3.19).latitude(55.95).put(6, 63));
        assertEquals(OptionalDouble.empty(), bestEffort.shapeParameters().radiusMetres());
    }

    @Test
    void ellipseAxesAngleAndConfidence() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 3)
                .longitude(-1.5)
                .latitude(53.8)
                .put(6, 16)
                .put(6, 0)
                .put(8, 64)
                .put(3, 4));
        assertEquals(LocationShape.ELLIPSE, r.locationShape());
        LipShapeParameters p = r.shapeParameters();
        assertEquals(88.0, p.semiMajorAxisMetres().getAsDouble(), 0.05); // "less than 88 m"
        assertEquals(0.97664, p.semiMinorAxisMetres().getAsDouble(), 1e-5); // "less than 1 m"
        assertEquals(OptionalDouble.of(90), p.orientationDeg());
        assertEquals(OptionalInt.of(4), p.confidenceLevelCode());
        assertEquals(p.semiMajorAxisMetres(), r.horizontalErrorBoundMetres());
        assertEquals(Optional.empty(), r.altitude());
    }

    @Test
    void pointWithAltitude() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 4)
                .longitude(-3.0)
                .latitude(54.45)
                .put(1, 0)
                .put(11, 201 + 978)); // Scafell Pike, 978 m
        assertEquals(LocationShape.POINT_WITH_ALTITUDE, r.locationShape());
        assertEquals(
                Optional.of(new LipAltitude(
                        AltitudeReference.WGS84_ELLIPSOID, OptionalDouble.of(978), OptionalDouble.empty())),
                r.altitude());
    }

    @Test
    void circleWithAltitude() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 5)
                .longitude(7.42)
                .latitude(43.73)
                .put(6, 0)
                .put(1, 1)
                .put(11, 1));
        assertEquals(LocationShape.CIRCLE_WITH_ALTITUDE, r.locationShape());
        assertEquals(0.97664, r.shapeParameters().radiusMetres().getAsDouble(), 1e-5);
        assertEquals(
                Optional.of(new LipAltitude(
                        AltitudeReference.USER_DEFINED, OptionalDouble.of(-200), OptionalDouble.empty())),
                r.altitude());
    }

    @Test
    void ellipseWithAltitudeHasAltitudeBeforeConfidence() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 6)
                .longitude(-2.0)
                .latitude(52.0)
                .put(6, 1)
                .put(6, 2)
                .put(8, 255)
                .put(1, 0)
                .put(11, 1202)
                .put(3, 7));
        assertEquals(LocationShape.ELLIPSE_WITH_ALTITUDE, r.locationShape());
        assertEquals(1.98, r.shapeParameters().semiMajorAxisMetres().getAsDouble(), 0.01);
        assertEquals(3.17, r.shapeParameters().semiMinorAxisMetres().getAsDouble(), 0.01);
        assertEquals(OptionalDouble.of(255 * 360.0 / 256), r.shapeParameters().orientationDeg());
        assertEquals(OptionalDouble.of(1002), r.altitude().orElseThrow().altitudeMetres());
        assertEquals(OptionalInt.of(7), r.shapeParameters().confidenceLevelCode());
    }

    @Test
    void circleWithAltitudeAndAltitudeUncertainty() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 7)
                .longitude(-2.0)
                .latitude(52.0)
                .put(6, 5)
                .put(1, 0)
                .put(11, 2047)
                .put(3, 3));
        assertEquals(LocationShape.CIRCLE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY, r.locationShape());
        assertEquals(8.4, r.shapeParameters().radiusMetres().getAsDouble(), 0.05);
        assertEquals(
                Optional.of(new LipAltitude(
                        AltitudeReference.WGS84_ELLIPSOID, OptionalDouble.of(11_525), OptionalDouble.of(15))),
                r.altitude());
    }

    @Test
    void ellipseWithAltitudeAndAltitudeUncertainty() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 8)
                .longitude(-2.0)
                .latitude(52.0)
                .put(6, 62)
                .put(6, 30)
                .put(8, 128)
                .put(1, 0)
                .put(11, 1926)
                .put(3, 7)
                .put(3, 1));
        assertEquals(LocationShape.ELLIPSE_WITH_ALTITUDE_AND_ALTITUDE_UNCERTAINTY, r.locationShape());
        assertEquals(403_802.7, r.shapeParameters().semiMajorAxisMetres().getAsDouble(), 0.1);
        assertEquals(1177.3, r.shapeParameters().semiMinorAxisMetres().getAsDouble(), 0.1);
        assertEquals(OptionalDouble.of(180), r.shapeParameters().orientationDeg());
        assertEquals(
                Optional.of(new LipAltitude(
                        AltitudeReference.WGS84_ELLIPSOID, OptionalDouble.of(2450), OptionalDouble.empty())),
                r.altitude());
        assertEquals(OptionalInt.of(1), r.shapeParameters().confidenceLevelCode());
    }

    @Test
    void arc() throws LipDecodeException {
        LipReport r = decodeShape(new LipBitWriter()
                .put(4, 9)
                .longitude(-2.0)
                .latitude(52.0)
                .put(16, 100)
                .put(16, 65535)
                .put(8, 32)
                .put(8, 96)
                .put(3, 2));
        assertEquals(LocationShape.ARC, r.locationShape());
        LipShapeParameters p = r.shapeParameters();
        assertEquals(OptionalDouble.of(200), p.innerRadiusMetres());
        assertEquals(OptionalDouble.of(131_070), p.outerRadiusMetres());
        assertEquals(OptionalDouble.of(45), p.startAngleDeg());
        assertEquals(OptionalDouble.of(135), p.stopAngleDeg());
        assertEquals(OptionalInt.of(2), p.confidenceLevelCode());
        assertEquals(OptionalDouble.of(131_070), r.horizontalErrorBoundMetres());
    }

    @Test
    void everyShapeConsumesExactlyItsTableWidth() throws LipDecodeException {
        for (LocationShape shape : LocationShape.values()) {
            LipBitWriter w = LipBitWriter.longHeader().put(2, 0).put(4, shape.code());
            if (shape.hasPosition()) {
                w.longitude(-1).latitude(51).put(shape.dataBits() - 49, 0);
            }
            // the ending is a user-defined 0xC3 that only decodes right if the shape width is right
            w.put(3, 0).put(1, 1).put(1, 1).put(8, 0xC3);
            LipReport r = LipDecoder.decode(w.toBytes());
            assertEquals(shape, r.locationShape());
            assertEquals(OptionalInt.of(0xC3), r.userDefinedData(), shape.name());
            assertTrue(r.ackRequested(), shape.name());
        }
    }

    @Test
    void horizontalVelocityWithUncertainty() throws LipDecodeException {
        LipReport r = decodeVelocity(new LipBitWriter().put(3, 2).put(7, 28).put(3, 5));
        assertEquals(Optional.of(VelocityType.HORIZONTAL_WITH_UNCERTAINTY), r.velocityType());
        assertEquals(OptionalDouble.of(28), r.horizontalSpeedKmh());
        assertEquals(OptionalInt.of(5), r.horizontalSpeedUncertaintyCode());
        assertEquals(OptionalDouble.empty(), r.directionDeg());
    }

    @Test
    void horizontalVelocityOnly() throws LipDecodeException {
        LipReport r = decodeVelocity(new LipBitWriter().put(3, 1).put(7, 127));
        assertEquals(Optional.of(VelocityType.HORIZONTAL), r.velocityType());
        assertEquals(OptionalDouble.empty(), r.horizontalSpeedKmh()); // 127: not known
    }

    @Test
    void horizontalAndVerticalVelocityWithSign() throws LipDecodeException {
        LipReport up =
                decodeVelocity(new LipBitWriter().put(3, 3).put(7, 10).put(1, 0).put(7, 5));
        assertEquals(Optional.of(VelocityType.HORIZONTAL_AND_VERTICAL), up.velocityType());
        assertEquals(OptionalDouble.of(10), up.horizontalSpeedKmh());
        assertEquals(OptionalDouble.of(5), up.verticalSpeedKmh());
        LipReport down =
                decodeVelocity(new LipBitWriter().put(3, 3).put(7, 10).put(1, 1).put(7, 5));
        assertEquals(OptionalDouble.of(-5), down.verticalSpeedKmh());
        LipReport unknown =
                decodeVelocity(new LipBitWriter().put(3, 3).put(7, 10).put(1, 1).put(7, 127));
        assertEquals(OptionalDouble.empty(), unknown.verticalSpeedKmh());
    }

    @Test
    void horizontalAndVerticalVelocityWithUncertainty() throws LipDecodeException {
        LipReport r = decodeVelocity(new LipBitWriter()
                .put(3, 4)
                .put(7, 67)
                .put(3, 1)
                .put(1, 1)
                .put(7, 3)
                .put(3, 6));
        assertEquals(Optional.of(VelocityType.HORIZONTAL_AND_VERTICAL_WITH_UNCERTAINTY), r.velocityType());
        assertEquals(120, r.horizontalSpeedKmh().getAsDouble(), 0.5);
        assertEquals(OptionalInt.of(1), r.horizontalSpeedUncertaintyCode());
        assertEquals(OptionalDouble.of(-3), r.verticalSpeedKmh());
        assertEquals(OptionalInt.of(6), r.verticalSpeedUncertaintyCode());
    }

    @Test
    void horizontalVelocityWithDirectionAndUncertainty() throws LipDecodeException {
        LipReport r = decodeVelocity(
                new LipBitWriter().put(3, 6).put(7, 44).put(3, 2).put(8, 1).put(3, 4));
        assertEquals(Optional.of(VelocityType.HORIZONTAL_WITH_DIRECTION_AND_UNCERTAINTY), r.velocityType());
        assertEquals(50.8, r.horizontalSpeedKmh().getAsDouble(), 0.05);
        assertEquals(OptionalInt.of(2), r.horizontalSpeedUncertaintyCode());
        assertEquals(OptionalDouble.of(1.40625), r.directionDeg());
        assertEquals(OptionalInt.of(4), r.directionUncertaintyCode());
    }

    @Test
    void horizontalAndVerticalVelocityWithDirectionAndUncertainty() throws LipDecodeException {
        LipReport r = decodeVelocity(new LipBitWriter()
                .put(3, 7)
                .put(7, 81)
                .put(3, 0)
                .put(1, 0)
                .put(7, 29)
                .put(3, 3)
                .put(8, 255)
                .put(3, 7));
        assertEquals(
                Optional.of(VelocityType.HORIZONTAL_AND_VERTICAL_WITH_DIRECTION_AND_UNCERTAINTY), r.velocityType());
        assertEquals(202, r.horizontalSpeedKmh().getAsDouble(), 0.5);
        assertEquals(OptionalInt.of(0), r.horizontalSpeedUncertaintyCode());
        assertEquals(29.1, r.verticalSpeedKmh().getAsDouble(), 0.05);
        assertEquals(OptionalInt.of(3), r.verticalSpeedUncertaintyCode());
        assertEquals(OptionalDouble.of(358.59375), r.directionDeg());
        assertEquals(OptionalInt.of(7), r.directionUncertaintyCode());
    }

    @Test
    void everyVelocityTypeConsumesExactlyItsTableWidth() throws LipDecodeException {
        for (VelocityType type : VelocityType.values()) {
            LipBitWriter w = LipBitWriter.longHeader()
                    .put(2, 0)
                    .put(4, 0)
                    .put(3, type.code())
                    .put(type.dataBits(), 0)
                    .put(1, 1)
                    .put(1, 1)
                    .put(8, 0x5A);
            LipReport r = LipDecoder.decode(w.toBytes());
            assertEquals(Optional.of(type), r.velocityType());
            assertEquals(OptionalInt.of(0x5A), r.userDefinedData(), type.name());
        }
    }

    @Test
    void bitsBeyondPaddingAreKeptAsOptionalElements() throws LipDecodeException {
        LipBitWriter w = LipBitWriter.longHeader()
                .put(2, 0)
                .put(4, 0)
                .put(3, 0)
                .put(1, 0)
                .put(1, 0)
                .put(8, 32)
                .put(16, 0xBEEF)
                .put(3, 0b101);
        LipReport r = LipDecoder.decode(w.toBytes());
        assertEquals(Optional.of(ReasonForSending.RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST), r.reasonForSending());
        int expectedBits = w.toBytes().length * 8 - 25; // everything after the 25 mandatory bits
        assertEquals(expectedBits, r.optionalElementsBitLength());
        assertEquals("BEEFA0", r.optionalElementsHex());
    }

    private static LipBitWriter longWithTime(int day, int hour, int minute, int second) {
        return LipBitWriter.longHeader()
                .put(2, 2)
                .put(5, day)
                .put(5, hour)
                .put(6, minute)
                .put(6, second)
                .put(4, 0)
                .put(3, 0)
                .put(1, 0)
                .put(1, 0)
                .put(8, 0);
    }

    /** A long report with no time, the given location data, no velocity, reason "powered on". */
    private static LipReport decodeShape(LipBitWriter location) throws LipDecodeException {
        LipBitWriter w = LipBitWriter.longHeader().put(2, 0);
        appendBits(w, location);
        w.put(3, 0).put(1, 0).put(1, 0).put(8, 0);
        return LipDecoder.decode(w.toBytes());
    }

    /** A long report with no time, no shape, the given velocity data, reason "powered on". */
    private static LipReport decodeVelocity(LipBitWriter velocity) throws LipDecodeException {
        LipBitWriter w = LipBitWriter.longHeader().put(2, 0).put(4, 0);
        appendBits(w, velocity);
        w.put(1, 0).put(1, 0).put(8, 0);
        return LipDecoder.decode(w.toBytes());
    }

    private static void appendBits(LipBitWriter to, LipBitWriter from) {
        byte[] bytes = from.toBytes();
        for (int i = 0; i < from.bitLength(); i++) {
            to.put(1, (bytes[i / 8] >>> (7 - i % 8)) & 1);
        }
    }
}
