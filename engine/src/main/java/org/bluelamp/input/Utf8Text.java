package org.bluelamp.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.bluelamp.error.BluelampException;

/**
 * Decodes a file's bytes as UTF-8 text, refusing malformed or unmappable bytes instead of replacing
 * them with U+FFFD (which would let a wrong encoding pass silently and fail later with a puzzling
 * message, or not at all). Used by the file readers that take their content from memory.
 *
 * <p>Stateless and thread-safe.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /**
     * The text of {@code content}.
     *
     * @param content the bytes, expected to be UTF-8
     * @param field the name the caller knows the file by (an option or contract field), for the error
     * @param what how the message names the file, e.g. {@code "urban areas file areas.geojson"}
     * @throws BluelampException INVALID_ARGUMENT naming {@code field}: "{what} is not UTF-8 text: ..."
     */
    public static String strict(byte[] content, String field, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw BluelampException.invalid(field, what + " is not UTF-8 text: " + e.getMessage());
        }
    }
}
