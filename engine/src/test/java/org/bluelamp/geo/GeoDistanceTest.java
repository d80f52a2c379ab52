package org.bluelamp.geo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeoDistanceTest {

    /** The error bounds stated in {@link GeoDistance}'s comment, at British latitudes. */
    @Test
    void equirectangularIsCloseToHaversineAtBritishLatitudes() {
        SplittableRandom random = new SplittableRandom(7);
        double worst10 = 0;
        double worst100 = 0;
        for (int i = 0; i < 200_000; i++) {
            double lat = random.nextDouble(49.5, 61);
            double lon = random.nextDouble(-8, 2);
            double bearing = random.nextDouble(0, 2 * Math.PI);
            double km = random.nextDouble(0.05, 100);
            double lat2 = lat + Math.cos(bearing) * km / 111.2;
            double lon2 = lon + Math.sin(bearing) * km / (111.2 * Math.cos(Math.toRadians(lat)));
            double h = GeoDistance.haversineMetres(lat, lon, lat2, lon2);
            double e = Math.abs(GeoDistance.equirectangularMetres(lat, lon, lat2, lon2) - h) / h;
            if (h <= 10_000) {
                worst10 = Math.max(worst10, e);
            } else {
                worst100 = Math.max(worst100, e);
            }
        }
        assertTrue(worst10 < 1e-4, "worst relative error up to 10 km " + worst10);
        assertTrue(worst100 < 1e-3, "worst relative error up to 100 km " + worst100);
    }
}
