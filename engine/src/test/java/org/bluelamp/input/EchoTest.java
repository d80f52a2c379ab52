package org.bluelamp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void shortTextIsQuotedAsItIs() {
        assertEquals("'T-1'", Echo.quote("T-1"));
        assertEquals("'Ffordd Pen-y-Bryn 3'", Echo.quote("Ffordd Pen-y-Bryn 3"));
        assertEquals("null", Echo.quote(null));
    }

    @Test
    void longTextIsCappedWithTheCountOfWhatIsLeftOut() {
        String id = "x".repeat(100_000);
        assertEquals("'" + "x".repeat(64) + "... (99936 more)'", Echo.quote(id));
    }

    @Test
    void controlAndFormatCharactersAreEscapedNotEchoed() {
        assertEquals("'T-1\\u0000\\u000a\\u001b[31m'", Echo.quote("T-1\0\n\u001b[31m"));
        assertEquals("'a\\u202eb'", Echo.quote("a\u202eb")); // right-to-left override
    }

    @Test
    void capCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE93".repeat(70); // police car, a surrogate pair each
        assertEquals("'" + "\uD83D\uDE93".repeat(64) + "... (6 more)'", Echo.quote(emoji));
    }
}
