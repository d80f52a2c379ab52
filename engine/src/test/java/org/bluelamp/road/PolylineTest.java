package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PolylineTest {
    @Test
    void encodesGooglesDocumentedExample() {
        // The worked example of Google's encoded polyline algorithm documentation.
        double[] lats = {38.5, 40.7, 43.252};
        double[] lons = {-120.2, -120.95, -126.453};
        assertEquals("_p~iF~ps|U_ulLnnqC_mqNvxq`@", Polyline.encode(lats, lons, 1e5));
    }

    @Test
    void decodeInvertsEncode() {
        double[] lats = {52.6702, 52.66, -33.9, 0.0};
        double[] lons = {-0.7296, -0.71, 151.2, 0.0};
        double[][] back = Polyline.decode(Polyline.encode(lats, lons, 1e5), 1e5);
        assertArrayEquals(lats, back[0], 1e-5);
        assertArrayEquals(lons, back[1], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Polyline.decode("_p~iF~ps|U_", 1e5));
    }
}
