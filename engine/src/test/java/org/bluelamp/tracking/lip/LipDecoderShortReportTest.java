package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The short location report (clause 6.2.1), field by field. */
class LipDecoderShortReportTest {

    /** Half a latitude step, the rounding error of an encoded coordinate. */
    private static final double LAT_TOLERANCE_DEG = 180.0 / (1 << 24) / 2;

    private static final double LON_TOLERANCE_DEG = 360.0 / (1 << 25) / 2;

    /**
     * Oakham, Rutland, 52.67 N 0.73 W, worked out by hand (bit offsets from 0):
     * <pre>
     * bit  0 PDU type             2  00                         short location report
     * bit  2 time elapsed         2  00                         less than 5 s
     * bit  4 longitude           25  1111111101111011000110111  -68041 x 360/2^25 = -0.7300007 deg
     * bit 29 latitude            24  010010101110100010010000   4909200 x 180/2^24 = 52.6700020 deg
     * bit 53 position error       3  001                        less than 20 m
     * bit 56 horizontal velocity  7  0101010                    42: 16 x 1.038^(42-13) = 47.19 km/h
     * bit 63 direction of travel  4  0100                       4 x 22.5 = 90 deg (E)
     * bit 67 type of add. data    1  0                          reason for sending
     * bit 68 reason for sending   8  00000011                   3: push-to-talk detected
     * bit 76 padding              4  0000
     * 0000 1111 1111 0111 1011 0001 1011 1010 0101 0111 0100 0100 1000 0001 0101 0100 1000 0000 0011 0000
     *  0    F    F    7    B    1    B    A    5    7    4    4    8    1    5    4    8    0    3    0
     * </pre>
     */
    static final String OAKHAM_SHORT = "0FF7B1BA574481548030";

    @Test
    void decodesOakhamShortReportWorkedOutByHand() throws LipDecodeException {
        LipReport r = LipDecoder.decodeHex(OAKHAM_SHORT);

        assertEquals(PduKind.SHORT, r.pduKind());
        assertEquals(new LipTime.Elapsed(TimeElapsed.LESS_THAN_5_S), r.time());
        assertEquals(LocationShape.POINT_AND_POSITION_ERROR, r.locationShape());
        assertEquals(52.67, r.latitudeDeg().getAsDouble(), LAT_TOLERANCE_DEG);
        assertEquals(-0.73, r.longitudeDeg().getAsDouble(), LON_TOLERANCE_DEG);
        assertEquals(4909200 * 180.0 / (1 << 24), r.latitudeDeg().getAsDouble(), 0.0);
        assertEquals(-68041 * 360.0 / (1 << 25), r.longitudeDeg().getAsDouble(), 0.0);
        assertEquals(Optional.of(PositionError.LESS_THAN_20_M), r.positionError());
        assertEquals(OptionalDouble.of(20), r.positionErrorMetres());
        assertEquals(16 * Math.pow(1.038, 29), r.horizontalSpeedKmh().getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.of(90), r.directionDeg());
        assertEquals(AdditionalDataType.REASON_FOR_SENDING, r.additionalDataType());
        assertEquals(Optional.of(ReasonForSending.PUSH_TO_TALK_DETECTED), r.reasonForSending());
        assertEquals(OptionalInt.empty(), r.userDefinedData());
        assertFalse(r.ackRequested());
        assertEquals(Optional.empty(), r.velocityType());
        assertEquals(Optional.empty(), r.altitude());
        assertEquals(LipShapeParameters.NONE, r.shapeParameters());
        assertEquals(0, r.optionalElementsBitLength());
    }

    @Test
    void bitWriterBuildsTheSameOakhamPdu() {
        assertEquals(
                OAKHAM_SHORT,
                LipBitWriter.shortReport(0, -0.73, 52.67, 1, 42, 4, 0, 3).toHex());
    }

    @ParameterizedTest(name = "lat {0}, lon {1}")
    @CsvSource({
        // southern and western hemispheres, the equator and meridian, the extremes
        "-33.8568, 151.2153", // Sydney Opera House
        "-54.8019, -68.3030", // Ushuaia
        "40.6892, -74.0445", // Statue of Liberty
        "0.0, 0.0",
        "-90.0, -180.0", // most negative codes: 0x800000 and 0x1000000
        "89.99998, 179.99998", // within one step of the largest codes
    })
    void decodesCoordinatesInEveryHemisphere(double lat, double lon) throws LipDecodeException {
        LipReport r = LipDecoder.decode(
                LipBitWriter.shortReport(0, lon, lat, 0, 0, 0, 0, 0).toBytes());
        assertEquals(lat, r.latitudeDeg().getAsDouble(), LAT_TOLERANCE_DEG);
        assertEquals(lon, r.longitudeDeg().getAsDouble(), LON_TOLERANCE_DEG);
    }

    @Test
    void extremeCodesGiveExactBoundaryDegrees() throws LipDecodeException {
        LipReport min = LipDecoder.decode(new LipBitWriter()
                .put(4, 0)
                .put(25, 1 << 24)
                .put(24, 1 << 23)
                .put(3, 0)
                .put(7, 0)
                .put(4, 0)
                .put(1, 0)
                .put(8, 0)
                .toBytes());
        assertEquals(-180.0, min.longitudeDeg().getAsDouble(), 0.0);
        assertEquals(-90.0, min.latitudeDeg().getAsDouble(), 0.0);
        LipReport max = LipDecoder.decode(new LipBitWriter()
                .put(4, 0)
                .put(25, (1 << 24) - 1)
                .put(24, (1 << 23) - 1)
                .put(3, 0)
                .put(7, 0)
                .put(4, 0)
                .put(1, 0)
                .put(8, 0)
                .toBytes());
        assertEquals(180.0 - 360.0 / (1 << 25), max.longitudeDeg().getAsDouble(), 0.0);
        assertEquals(90.0 - 180.0 / (1 << 24), max.latitudeDeg().getAsDouble(), 0.0);
        LipReport minusOneStep = LipDecoder.decode(new LipBitWriter()
                .put(4, 0)
                .put(25, -1)
                .put(24, -1)
                .put(3, 0)
                .put(7, 0)
                .put(4, 0)
                .put(1, 0)
                .put(8, 0)
                .toBytes());
        assertEquals(-360.0 / (1 << 25), minusOneStep.longitudeDeg().getAsDouble(), 0.0);
        assertEquals(-180.0 / (1 << 24), minusOneStep.latitudeDeg().getAsDouble(), 0.0);
    }

    @ParameterizedTest(name = "time elapsed code {0}")
    @CsvSource({"0, LESS_THAN_5_S", "1, LESS_THAN_5_MIN", "2, LESS_THAN_30_MIN", "3, NOT_KNOWN"})
    void decodesEveryTimeElapsedCode(int code, TimeElapsed expected) throws LipDecodeException {
        LipReport r = LipDecoder.decode(
                LipBitWriter.shortReport(code, 1, 1, 0, 0, 0, 0, 0).toBytes());
        assertEquals(new LipTime.Elapsed(expected), r.time());
        assertEquals(code, expected.code());
    }

    @ParameterizedTest(name = "position error code {0}")
    @CsvSource({
        "0, LESS_THAN_2_M, 2", "1, LESS_THAN_20_M, 20", "2, LESS_THAN_200_M, 200", "3, LESS_THAN_2_KM, 2000",
        "4, LESS_THAN_20_KM, 20000", "5, AT_MOST_200_KM, 200000", "6, MORE_THAN_200_KM, -1", "7, NOT_KNOWN, -1"
    })
    void decodesEveryPositionErrorCode(int code, PositionError expected, double metres) throws LipDecodeException {
        LipReport r = LipDecoder.decode(
                LipBitWriter.shortReport(0, 1, 1, code, 0, 0, 0, 0).toBytes());
        assertEquals(Optional.of(expected), r.positionError());
        assertEquals(metres < 0 ? OptionalDouble.empty() : OptionalDouble.of(metres), r.positionErrorMetres());
    }

    @Test
    void decodesEverySixteenPointDirection() throws LipDecodeException {
        for (int code = 0; code < 16; code++) {
            LipReport r = LipDecoder.decode(
                    LipBitWriter.shortReport(0, 1, 1, 0, 10, code, 0, 0).toBytes());
            assertEquals(code * 22.5, r.directionDeg().getAsDouble(), 0.0, "code " + code);
        }
    }

    @Test
    void horizontalVelocityCodesFollowTheSpecFormula() throws LipDecodeException {
        for (int code = 0; code < 128; code++) {
            LipReport r = LipDecoder.decode(
                    LipBitWriter.shortReport(0, 1, 1, 0, code, 0, 0, 0).toBytes());
            assertEquals(LipCodes.speedKmh(code), r.horizontalSpeedKmh(), "code " + code);
        }
        LipReport unknown = LipDecoder.decode(
                LipBitWriter.shortReport(0, 1, 1, 0, 127, 0, 0, 0).toBytes());
        assertTrue(unknown.horizontalSpeedKmh().isEmpty());
    }

    @Test
    void userDefinedDataIsPassedOnRaw() throws LipDecodeException {
        LipReport r = LipDecoder.decode(
                LipBitWriter.shortReport(0, 1, 1, 0, 0, 0, 1, 0xA5).toBytes());
        assertEquals(AdditionalDataType.USER_DEFINED_DATA, r.additionalDataType());
        assertEquals(OptionalInt.of(0xA5), r.userDefinedData());
        assertEquals(Optional.empty(), r.reasonForSending());
        assertEquals(0xA5, r.additionalData());
    }

    @Test
    void decodesEveryReasonForSendingCodeAndLeavesReservedCodesUnnamed() throws LipDecodeException {
        int named = 0;
        for (int code = 0; code < 256; code++) {
            LipReport r = LipDecoder.decode(
                    LipBitWriter.shortReport(0, 1, 1, 0, 0, 0, 0, code).toBytes());
            assertEquals(code, r.additionalData());
            Optional<ReasonForSending> reason = r.reasonForSending();
            boolean reserved = code == 31 || (code > 32 && code < 129) || code > 130;
            assertEquals(reserved, reason.isEmpty(), "code " + code);
            if (reason.isPresent()) {
                assertEquals(code, reason.get().code());
                named++;
            }
        }
        assertEquals(ReasonForSending.values().length, named);
        assertEquals(Optional.of(ReasonForSending.EMERGENCY_CONDITION_DETECTED), ReasonForSending.fromCode(2));
        assertEquals(
                Optional.of(ReasonForSending.RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST), ReasonForSending.fromCode(32));
        assertEquals(Optional.of(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED), ReasonForSending.fromCode(129));
        assertEquals(
                Optional.of(ReasonForSending.MAXIMUM_REPORTING_DISTANCE_TRAVELLED), ReasonForSending.fromCode(130));
    }

    @Test
    void acceptsUpToSevenPaddingBitsOfAnyValue() throws LipDecodeException {
        LipBitWriter w = LipBitWriter.shortReport(0, -0.73, 52.67, 1, 42, 4, 0, 3);
        assertEquals(76, w.bitLength());
        byte[] pdu = w.toBytes();
        pdu[pdu.length - 1] |= 0x0F; // the 4 padding bits set
        LipReport r = LipDecoder.decode(pdu);
        assertEquals(Optional.of(ReasonForSending.PUSH_TO_TALK_DETECTED), r.reasonForSending());
        assertEquals(0, r.optionalElementsBitLength());
    }
}
