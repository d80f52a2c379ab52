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

    /** The bound the ceiling of nearest-first examination relies on, on random pairs up to 2,000 km and 80 degrees. */
    @Test
    void equirectangularErrorStaysWithinItsStatedBound() {
        SplittableRandom random = new SplittableRandom(11);
        double worstShare = 0;
        for (int i = 0; i < 500_000; i++) {
            double lat = random.nextDouble(-80, 80);
            double bearing = random.nextDouble(0, 2 * Math.PI);
            double metres = random.nextDouble(1, 2_000_000);
            double lat2 = lat + Math.cos(bearing) * metres / GeoDistance.METRES_PER_DEGREE;
            if (Math.abs(lat2) > 80) {
                continue;
            }
            double cos = Math.cos(Math.toRadians((lat + lat2) / 2));
            double lon2 = Math.sin(bearing) * metres / GeoDistance.METRES_PER_DEGREE / cos;
            if (Math.abs(lon2) > 170) {
                continue;
            }
            double e = GeoDistance.equirectangularMetres(lat, 0, lat2, lon2);
            double h = GeoDistance.haversineMetres(lat, 0, lat2, lon2);
            double bound = GeoDistance.equirectangularRelativeErrorBound(e, Math.max(Math.abs(lat), Math.abs(lat2)));
            double error = Math.abs(e - h) / e;
            assertTrue(
                    error <= bound, "at " + lat + "," + 0 + " to " + lat2 + "," + lon2 + ": " + error + " > " + bound);
            worstShare = Math.max(worstShare, error / bound);
        }
        assertTrue(worstShare < 0.5, "the bound has a margin of two at least: " + worstShare);
    }
}
