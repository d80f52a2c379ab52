package org.bluelamp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void ordinaryIdsPass() {
        for (String id : new String[] {"T-1", "DEMO-17", "Alpha 1-1", "Llanelli/Dyfed 2", "Zoë", "x".repeat(64)}) {
            assertEquals(id, Ids.check("unit_id", id), id);
        }
    }

    @Test
    void controlCharactersAreRefusedNamingTheFieldWithoutEchoingThem() {
        BluelampException e = assertThrows(BluelampException.class, () -> Ids.check("unit_id", "T-1\0\n\u001b[31m"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("unit_id", e.field());
        assertTrue(
                e.getMessage().startsWith("unit_id 'T-1\\u0000\\u000a\\u001b[31m' is not a valid id"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }

    @Test
    void lengthBlanksAndFormatCharactersAreRefused() {
        assertFalse(Ids.isValid(""));
        assertFalse(Ids.isValid(null));
        assertFalse(Ids.isValid("x".repeat(65)));
        assertFalse(Ids.isValid(" T-1"));
        assertFalse(Ids.isValid("T-1 "));
        assertFalse(Ids.isValid("T-1\u00a0")); // no-break space at the end
        assertFalse(Ids.isValid("T\u200b1")); // zero-width space (a format character)
        assertFalse(Ids.isValid("T\uD8001")); // a lone surrogate
        assertTrue(Ids.isValid("\uD83D\uDE93".repeat(64))); // 64 characters, 128 UTF-16 units
    }

    @Test
    void aHugeIdGivesAShortMessage() {
        BluelampException e = assertThrows(BluelampException.class, () -> Ids.check("unit_id", "u".repeat(200_000)));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("(199936 more)"), e.getMessage());
    }
}
