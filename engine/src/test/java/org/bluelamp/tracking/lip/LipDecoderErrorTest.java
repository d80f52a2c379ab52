package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed, truncated and reserved input: always a {@link LipDecodeException}, never a report or
 * another exception.
 */
class LipDecoderErrorTest {

    @Test
    void truncatedShortReportMessageNamesFieldOffsetAndBitsLeft() {
        // 2 octets = 16 bits: PDU type and time elapsed read, longitude needs 25 bits at bit 4, 12 left
        LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex("0FF7"));
        assertEquals("truncated PDU: needs 25 bits for longitude at bit 4, only 12 left", e.getMessage());
        assertEquals("longitude", e.field());
        assertEquals(OptionalInt.of(4), e.bitOffset());
    }

    /** Valid PDUs, each with its exact bit length (the mandatory fields, no padding). */
    private static final List<Object[]> VALID = List.of(
            new Object[] {hex(LipDecoderShortReportTest.OAKHAM_SHORT), 76},
            new Object[] {hex(LipDecoderLongReportTest.WESTMINSTER_LONG), 114},
            new Object[] {hex("0088BD4247F737FFE810"), 76}, // captured, see LipRealPduTest
            new Object[] {hex("4E73DDA841F55809493CC081"), 96},
            // the longest shape and velocity: time of position, arc, velocity type 7
            longest());

    private static Object[] longest() {
        LipBitWriter w = LipBitWriter.longHeader()
                .put(2, 2)
                .put(5, 31)
                .put(5, 23)
                .put(6, 59)
                .put(6, 59)
                .put(4, 9)
                .longitude(-1)
                .latitude(51)
                .put(16, 1)
                .put(16, 2)
                .put(8, 3)
                .put(8, 4)
                .put(3, 5)
                .put(3, 7)
                .put(7, 50)
                .put(3, 1)
                .put(1, 1)
                .put(7, 2)
                .put(3, 3)
                .put(8, 9)
                .put(3, 4)
                .put(1, 1)
                .put(1, 1)
                .put(8, 0xFF);
        return new Object[] {w.toBytes(), w.bitLength()};
    }

    @Test
    void truncationAtEveryBitOfEveryValidPduFailsWithLipDecodeException() {
        int checked = 0;
        for (Object[] valid : VALID) {
            byte[] pdu = (byte[]) valid[0];
            int bits = (Integer) valid[1];
            assertDoesNotThrowChecked(pdu, bits);
            for (int cut = 0; cut < bits; cut++) {
                int length = cut;
                try {
                    LipReport r = LipDecoder.decode(pdu, length);
                    fail("PDU cut to " + length + " of " + bits + " bits decoded: " + r);
                } catch (LipDecodeException e) {
                    assertTrue(e.getMessage().startsWith("truncated PDU: needs "), e.getMessage());
                    assertTrue(e.bitOffset().isPresent());
                } catch (RuntimeException e) {
                    fail("PDU cut to " + length + " of " + bits + " bits threw " + e);
                }
                checked++;
            }
        }
        assertEquals(76 + 114 + 76 + 96 + (Integer) longest()[1], checked);
    }

    @Test
    void everyOctetPrefixOfEveryValidPduFailsWithLipDecodeException() {
        for (Object[] valid : VALID) {
            byte[] pdu = (byte[]) valid[0];
            for (int length = 0; length < pdu.length; length++) {
                byte[] prefix = Arrays.copyOf(pdu, length);
                LipDecodeException e = assertThrows(
                        LipDecodeException.class, () -> LipDecoder.decode(prefix), "prefix of " + length + " octets");
                assertTrue(e.getMessage().startsWith("truncated PDU: needs "), e.getMessage());
            }
        }
    }

    @Test
    void bitLengthMustFitTheOctets() {
        assertThrows(IllegalArgumentException.class, () -> LipDecoder.decode(new byte[2], 17));
        assertThrows(IllegalArgumentException.class, () -> LipDecoder.decode(new byte[2], -1));
    }

    @Test
    void randomBytesNeverThrowAnythingButLipDecodeException() {
        long seed = 20250301L;
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] pdu = new byte[random.nextInt(20)];
            random.nextBytes(pdu);
            try {
                LipReport r = LipDecoder.decode(pdu);
                assertTrue(r.latitudeDeg().isEmpty() || Math.abs(r.latitudeDeg().getAsDouble()) <= 90);
            } catch (LipDecodeException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("seed " + seed + " iteration " + i + " " + Arrays.toString(pdu) + " threw " + e);
            }
        }
    }

    @ParameterizedTest(name = "PDU type {0}")
    @CsvSource({"2, 80", "3, C0"})
    void reservedPduTypes(int type, String hex) {
        LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex(hex + "00000000"));
        assertEquals("reserved PDU type " + type + " at bit 0", e.getMessage());
        assertEquals("PDU type", e.field());
    }

    @Test
    void extensionsOtherThanLongReportAreNotLocationReports() {
        for (int extension = 0; extension < 16; extension++) {
            if (extension == 3) {
                continue;
            }
            byte[] pdu =
                    new LipBitWriter().put(2, 1).put(4, extension).put(58, 0).toBytes();
            LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(pdu));
            assertTrue(
                    e.getMessage().startsWith("not a location report: PDU type extension " + extension + " ("),
                    e.getMessage());
            assertEquals(OptionalInt.of(2), e.bitOffset());
        }
        LipDecodeException ack = assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex("5000"));
        assertEquals(
                "not a location report: PDU type extension 4 (location report acknowledgement) at bit 2",
                ack.getMessage());
    }

    @Test
    void reservedTimeType() {
        byte[] pdu = LipBitWriter.longHeader().put(2, 3).put(40, 0).toBytes();
        LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(pdu));
        assertEquals("reserved time type 3 at bit 6", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "day 0, 0, 12, 0, 0, reserved time of position day 0 at bit 8",
        "hour 24, 1, 24, 0, 0, reserved time of position hour 24 at bit 13",
        "hour 31, 1, 31, 0, 0, reserved time of position hour 31 at bit 13",
        "minute 60, 1, 0, 60, 0, reserved time of position minute 60 at bit 18",
        "second 63, 1, 0, 0, 63, reserved time of position second 63 at bit 24",
    })
    void reservedTimeOfPositionValues(String name, int day, int hour, int minute, int second, String message) {
        byte[] pdu = LipBitWriter.longHeader()
                .put(2, 2)
                .put(5, day)
                .put(5, hour)
                .put(6, minute)
                .put(6, second)
                .put(4, 0)
                .put(3, 0)
                .put(1, 0)
                .put(1, 0)
                .put(8, 0)
                .toBytes();
        LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(pdu));
        assertEquals(message, e.getMessage());
    }

    @Test
    void reservedAndExtensionLocationShapes() {
        for (int shape = 11; shape <= 15; shape++) {
            byte[] pdu = LipBitWriter.longHeader()
                    .put(2, 0)
                    .put(4, shape)
                    .put(120, 0)
                    .toBytes();
            LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(pdu));
            String expected = shape == 15
                    ? "unsupported location shape 15 (location shape extension) at bit 8"
                    : "unknown location shape " + shape + " (reserved) at bit 8";
            assertEquals(expected, e.getMessage());
            assertEquals("location shape", e.field());
        }
    }

    @Test
    void moreThanSevenBitsAfterAShortReportAreAnError() {
        byte[] pdu = Arrays.copyOf(hex(LipDecoderShortReportTest.OAKHAM_SHORT), 11);
        LipDecodeException e = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(pdu));
        assertEquals(
                "unexpected 12 bits after the short location report at bit 76 (at most 7 padding bits allowed)",
                e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "0FF7B1BA574481548030",
                "0x0FF7B1BA574481548030",
                "0X0ff7b1ba574481548030",
                "  0F F7 B1 BA 57 44 81 54 80 30  ",
                "0F:F7:B1:BA:57:44:81:54:80:30",
            })
    void toleratedHexSpellings(String text) throws LipDecodeException {
        assertEquals(LipDecoder.decodeHex(LipDecoderShortReportTest.OAKHAM_SHORT), LipDecoder.decodeHex(text));
    }

    @Test
    void malformedHexIsRejectedWithAClearMessage() {
        LipDecodeException odd = assertThrows(
                LipDecodeException.class,
                () -> LipDecoder.decodeHex("0BA7D5B95BC50AFFE16")); // a 19-digit PEI capture, see LipRealPduTest
        assertEquals("odd number of hex digits (19): a PDU is whole octets, two digits each", odd.getMessage());
        assertEquals(OptionalInt.empty(), odd.bitOffset());
        LipDecodeException notHex = assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex("0FG7"));
        assertEquals("not a hex digit: 'G' at character 2 of the hex text", notHex.getMessage());
        LipDecodeException empty = assertThrows(LipDecodeException.class, () -> LipDecoder.decodeHex("0x"));
        assertEquals("empty PDU: no hex digits", empty.getMessage());
        LipDecodeException emptyBytes = assertThrows(LipDecodeException.class, () -> LipDecoder.decode(new byte[0]));
        assertEquals("truncated PDU: needs 2 bits for PDU type at bit 0, only 0 left", emptyBytes.getMessage());
    }

    @Test
    void protocolIdentifierIsCheckedAndRemoved() throws LipDecodeException {
        LipReport r = LipDecoder.decodeWithProtocolIdentifier(hex("0A" + LipDecoderShortReportTest.OAKHAM_SHORT));
        assertEquals(LipDecoder.decodeHex(LipDecoderShortReportTest.OAKHAM_SHORT), r);
        LipDecodeException e = assertThrows(
                LipDecodeException.class,
                () -> LipDecoder.decodeWithProtocolIdentifier(hex("82" + LipDecoderShortReportTest.OAKHAM_SHORT)));
        assertEquals("protocol identifier 0x82 is not LIP (0x0A)", e.getMessage());
        assertThrows(LipDecodeException.class, () -> LipDecoder.decodeWithProtocolIdentifier(new byte[0]));
    }

    private static void assertDoesNotThrowChecked(byte[] pdu, int bitLength) {
        try {
            LipDecoder.decode(pdu, bitLength);
        } catch (LipDecodeException e) {
            fail("valid PDU did not decode: " + e.getMessage());
        }
    }

    private static byte[] hex(String hex) {
        try {
            return LipDecoder.parseHex(hex);
        } catch (LipDecodeException e) {
            throw new AssertionError(e);
        }
    }
}
