package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * PDUs captured from real terminals or produced by other implementations, published in open
 * source. None of the sources states decoded values; the expected values here were worked out
 * independently (a separate throw-away bit-string decoder) and checked for plausibility against
 * where the sources' authors are (call-sign regions, countries).
 */
class LipRealPduTest {

    private static final double TOLERANCE_DEG = 1e-6;

    /**
     * SvxLink {@code src/svxlink/svxlink/TetraLib.h} (Adi Bier, DL1HRC), comment in
     * {@code handleLipSds}: "0A0088BD4247F737FFE810 - short position report PDU". PEI output with
     * the protocol identifier 0x0A first and 4 padding bits last. Decodes to Saxony, Germany.
     */
    @Test
    void svxlinkShortReport() throws LipDecodeException {
        LipReport r = LipDecoder.decodeWithProtocolIdentifier(LipDecoder.parseHex("0A0088BD4247F737FFE810"));
        assertEquals(PduKind.SHORT, r.pduKind());
        assertEquals(new LipTime.Elapsed(TimeElapsed.LESS_THAN_5_S), r.time());
        assertEquals(51.325099, r.latitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(12.018099, r.longitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(Optional.of(PositionError.NOT_KNOWN), r.positionError());
        assertEquals(OptionalDouble.empty(), r.horizontalSpeedKmh()); // code 127
        assertEquals(OptionalDouble.of(337.5), r.directionDeg()); // code 15, "337.5 or not known"
        assertEquals(Optional.of(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED), r.reasonForSending());
    }

    /**
     * SvxLink, same comment: "0A112853A9FF4D4FFFE810 - from YO9ION (Motorola MTP6650+MTM800E)";
     * the PEI said 84 bits (8 + 76), the hex has 88. YO9 is Prahova county, Romania: the fix is
     * near Ploiesti.
     */
    @Test
    void svxlinkMotorolaShortReportFromYo9ion() throws LipDecodeException {
        byte[] sds = LipDecoder.parseHex("0A112853A9FF4D4FFFE810");
        LipReport r = LipDecoder.decodeWithProtocolIdentifier(sds);
        assertEquals(new LipTime.Elapsed(TimeElapsed.LESS_THAN_5_MIN), r.time());
        assertEquals(44.938642, r.latitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(26.044346, r.longitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(Optional.of(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED), r.reasonForSending());
        // with the PEI's bit count (84, minus the 8-bit protocol identifier) it decodes the same
        assertEquals(r, LipDecoder.decode(java.util.Arrays.copyOfRange(sds, 1, sds.length), 76));
    }

    /**
     * SvxLink, same comment: "0A0BA7D5B95BC50AFFE16 - from N5UWU (Sepura SEG3900 and STP9240)",
     * where the PEI dropped the last hex digit (21 digits). It cannot be decoded safely: the text
     * is rejected, not guessed at.
     */
    @Test
    void svxlinkSepuraCaptureWithAMissingDigitIsRejected() {
        LipDecodeException e =
                assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex("0A0BA7D5B95BC50AFFE16"));
        assertEquals("odd number of hex digits (21): a PDU is whole octets, two digits each", e.getMessage());
    }

    /**
     * SvxLink, same comment: "0A4E73DDA841F55809493CC081 - long position report PDU": time of
     * position, a point in Saxony-Anhalt, Germany, no velocity, exactly 96 bits.
     */
    @Test
    void svxlinkLongReport() throws LipDecodeException {
        LipReport r = LipDecoder.decodeWithProtocolIdentifier(LipDecoder.parseHex("0A4E73DDA841F55809493CC081"));
        assertEquals(PduKind.LONG, r.pduKind());
        assertEquals(new LipTime.OfPosition(14, 15, 29, 42), r.time());
        assertEquals(LocationShape.POINT, r.locationShape());
        assertEquals(52.234218, r.latitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(11.015854, r.longitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(Optional.of(VelocityType.NONE), r.velocityType());
        assertEquals(Optional.of(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED), r.reasonForSending());
    }

    /**
     * Jeroen2006/etsi-tetra-gps-lip, {@code test.js}: {@code PduShortLocationReport.fromData(
     * "002F7DC24FA7B103E810")} (the author notes the PDUs came from the argos.ws LIP PDU generator).
     * The Netherlands, near Delft.
     */
    @Test
    void etsiTetraGpsLipShortReport() throws LipDecodeException {
        LipReport r = LipDecoder.decodeHex("002F7DC24FA7B103E810");
        assertEquals(52.000930, r.latitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(4.174032, r.longitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(Optional.of(PositionError.LESS_THAN_20_M), r.positionError());
        assertEquals(OptionalDouble.of(1), r.horizontalSpeedKmh());
        assertEquals(Optional.of(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED), r.reasonForSending());
    }

    /**
     * Jeroen2006/etsi-tetra-gps-lip, {@code test.js}: {@code PduLongLocationReport.fromData(
     * "4EEA7B6900BDF8C93E9DC1DA0200")}: time of position, point with altitude (code 237 = 36 m),
     * reason 32 "response to an immediate location request", 4 padding bits.
     */
    @Test
    void etsiTetraGpsLipLongReportWithAltitude() throws LipDecodeException {
        LipReport r = LipDecoder.decodeHex("4EEA7B6900BDF8C93E9DC1DA0200");
        assertEquals(new LipTime.OfPosition(29, 9, 59, 26), r.time());
        assertEquals(LocationShape.POINT_WITH_ALTITUDE, r.locationShape());
        assertEquals(52.000844, r.latitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(4.174182, r.longitudeDeg().getAsDouble(), TOLERANCE_DEG);
        assertEquals(
                Optional.of(new LipAltitude(
                        AltitudeReference.WGS84_ELLIPSOID, OptionalDouble.of(36), OptionalDouble.empty())),
                r.altitude());
        assertEquals(Optional.of(ReasonForSending.RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST), r.reasonForSending());
        assertEquals(0, r.optionalElementsBitLength());
    }
}
