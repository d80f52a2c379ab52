package org.bluelamp.geo;

import static org.junit.jupiter.api.Assertions.*;

import org.bluelamp.error.BluelampException;
import org.junit.jupiter.api.Test;

class GeoPointTest {
    @Test
    void parsesAndValidates() {
        assertEquals(new GeoPoint(52.6702, -0.7296), GeoPoint.parse("from", " 52.6702 , -0.7296 "));
        for (String bad : new String[] {"52.6", "a,b", "NaN,0", "91,0", "0,181", "1,2,3", "", "Infinity,0"}) {
            BluelampException e = assertThrows(BluelampException.class, () -> GeoPoint.parse("to", bad), bad);
            assertEquals("to", e.field());
            assertTrue(e.getMessage().startsWith("to "), e.getMessage());
        }
        assertThrows(BluelampException.class, () -> new GeoPoint(Double.NaN, 0));
        assertThrows(BluelampException.class, () -> new GeoPoint(0, -180.5));
    }

    @Test
    void haversineMatchesAKnownDistance() {
        // London (Charing Cross) to Oakham: about 138 km.
        double d = new GeoPoint(51.5073, -0.1276).distanceMetresTo(new GeoPoint(52.6702, -0.7296));
        assertEquals(135_500, d, 3_000);
    }
}
