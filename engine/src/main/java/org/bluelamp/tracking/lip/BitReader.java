package org.bluelamp.tracking.lip;

/**
 * Reads big-endian bit fields (most significant bit of the first octet first) from a PDU. Every
 * read is bounds-checked and fails with a {@link LipDecodeException} naming the field, so no
 * {@code ArrayIndexOutOfBoundsException} can escape the decoder. Not thread-safe: one per decode.
 */
final class BitReader {

    private final byte[] octets;
    private final int bitLength;
    private int position;

    /** Reads the first {@code bitLength} bits of {@code octets} (checked by the caller). */
    BitReader(byte[] octets, int bitLength) {
        this.octets = octets;
        this.bitLength = bitLength;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bitLength - position;
    }

    /** Reads {@code width} (1..32) bits as an unsigned value. */
    int read(int width, String field) throws LipDecodeException {
        if (width < 1 || width > 32) {
            throw new IllegalArgumentException("width must be 1..32: " + width);
        }
        if (width > remaining()) {
            throw LipDecodeException.truncated(field, width, position, remaining());
        }
        long value = 0;
        for (int i = 0; i < width; i++) {
            int bit = (octets[position >>> 3] >>> (7 - (position & 7))) & 1;
            value = (value << 1) | bit;
            position++;
        }
        return (int) value;
    }

    /** Reads {@code width} (2..32) bits as a two's complement signed value. */
    int readSigned(int width, String field) throws LipDecodeException {
        int raw = read(width, field);
        int shift = 32 - width;
        return (raw << shift) >> shift;
    }
}
