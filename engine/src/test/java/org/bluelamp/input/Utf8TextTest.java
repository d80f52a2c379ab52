package org.bluelamp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void utf8TextIsDecodedAsWritten() {
        String text = "{\"name\":\"Oakham \u2013 Market Place\"}";
        assertEquals(text, Utf8Text.strict(text.getBytes(StandardCharsets.UTF_8), "urbanAreas", "file a.json"));
        assertEquals("", Utf8Text.strict(new byte[0], "urbanAreas", "file a.json"));
    }

    @Test
    void latin1BytesAreRefusedNamingTheFieldAndTheFileNotReplaced() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        BluelampException e = assertThrows(
                BluelampException.class, () -> Utf8Text.strict(latin1, "service-area", "service area file x.geojson"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("service-area", e.field());
        assertTrue(e.getMessage().contains("service area file x.geojson is not UTF-8 text"), e.getMessage());
    }
}
