package org.bluelamp.tracking.lip;

import java.util.HexFormat;

/** Test-only: builds a PDU field by field, most significant bit first, zero-padded to octets. */
final class LipBitWriter {

    private final StringBuilder bits = new StringBuilder();

    /** Appends the low {@code width} bits of {@code value} (two's complement for negatives). */
    LipBitWriter put(int width, long value) {
        for (int i = width - 1; i >= 0; i--) {
            bits.append((value >>> i & 1) == 1 ? '1' : '0');
        }
        return this;
    }

    /** Latitude in 180/2^24 degree steps, rounded, 24-bit two's complement. */
    LipBitWriter latitude(double deg) {
        return put(24, Math.round(deg / (180.0 / (1 << 24))));
    }

    /** Longitude in 360/2^25 degree steps, rounded, 25-bit two's complement. */
    LipBitWriter longitude(double deg) {
        return put(25, Math.round(deg / (360.0 / (1 << 25))));
    }

    int bitLength() {
        return bits.length();
    }

    byte[] toBytes() {
        byte[] out = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                out[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return out;
    }

    String toHex() {
        return HexFormat.of().withUpperCase().formatHex(toBytes());
    }

    /** A valid short report, fields as given; callers vary one field at a time. */
    static LipBitWriter shortReport(
            int timeElapsed,
            double lonDeg,
            double latDeg,
            int positionError,
            int velocityCode,
            int direction,
            int typeOfAdditionalData,
            int additionalData) {
        return new LipBitWriter()
                .put(2, 0)
                .put(2, timeElapsed)
                .longitude(lonDeg)
                .latitude(latDeg)
                .put(3, positionError)
                .put(7, velocityCode)
                .put(4, direction)
                .put(1, typeOfAdditionalData)
                .put(8, additionalData);
    }

    /** PDU type 1, extension 3 (long location report). */
    static LipBitWriter longHeader() {
        return new LipBitWriter().put(2, 1).put(4, 3);
    }
}
