package org.bluelamp.tracking.lip;

import java.util.OptionalInt;

/**
 * A LIP PDU could not be decoded: it is truncated, uses a reserved or unsupported code, or the hex
 * text it came in is malformed. The message names the field and, where there is one, the bit
 * offset from the start of the PDU (bit 0 is the most significant bit of the first octet), e.g.
 * {@code "truncated PDU: needs 25 bits for longitude at bit 4, only 10 left"}.
 *
 * <p>A report is never produced from a PDU that raised this exception: callers drop the fix.
 * Instances are immutable and safe to share between threads.
 */
public final class LipDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int bitOffset;

    LipDecodeException(String message, String field, int bitOffset) {
        super(message);
        this.field = field;
        this.bitOffset = bitOffset;
    }

    static LipDecodeException truncated(String field, int bitsNeeded, int bitOffset, int bitsLeft) {
        return new LipDecodeException(
                "truncated PDU: needs " + bitsNeeded + " bits for " + field + " at bit " + bitOffset + ", only "
                        + bitsLeft + " left",
                field,
                bitOffset);
    }

    static LipDecodeException reserved(String field, long value, int bitOffset) {
        return new LipDecodeException("reserved " + field + " " + value + " at bit " + bitOffset, field, bitOffset);
    }

    static LipDecodeException input(String message) {
        return new LipDecodeException(message, "input", -1);
    }

    /** The information element being decoded when decoding failed, e.g. {@code "longitude"}. */
    public String field() {
        return field;
    }

    /** Bit offset of that field from the start of the PDU; empty for malformed text input. */
    public OptionalInt bitOffset() {
        return bitOffset < 0 ? OptionalInt.empty() : OptionalInt.of(bitOffset);
    }
}
