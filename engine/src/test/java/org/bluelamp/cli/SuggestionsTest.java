package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    static final List<String> FIELDS = List.copyOf(FleetFile.UNIT_FIELDS);

    @Test
    void nearestKnownNameByEditDistance() {
        assertEquals("lon", Suggestions.nearest("lng", FIELDS));
        assertEquals("positionTime", Suggestions.nearest("positonTime", FIELDS));
        assertEquals("positionTime", Suggestions.nearest("positiontime", FIELDS), "case is ignored");
        assertEquals("capabilities", Suggestions.nearest("capabilites", FIELDS));
        assertEquals("crewSize", Suggestions.nearest("crewSzie", FIELDS), "a transposition is one edit");
        assertNull(Suggestions.nearest("colour", FIELDS), "nothing close");
        assertNull(Suggestions.nearest("x".repeat(10_000), FIELDS), "bounded work on huge input");
    }
}
