package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TileBoxes}: over seeded random boxes and tile corners (boxes inside the tile, reaching
 * far beyond it, a single point, at the extremes of a world map), the decoded box always contains
 * the true box (so the snap's box test can never skip an edge it must look at), is at most one
 * step larger on each side, and the shift is the smallest that fits. Prints the seed and box on
 * failure.
 */
class TileBoxesTest {

    @Test
    void theStoredBoxContainsTheTrueBoxAndIsAtMostOneStepLarger() {
        long seed = 20261127L;
        Random rnd = new Random(seed);
        int[] box = new int[4];
        for (int n = 0; n < 200_000; n++) {
            int cornerLat = rnd.nextInt(1_800_000_001) - 900_000_000;
            int cornerLon = rnd.nextInt(1_800_000_001) - 900_000_000;
            int reach = switch (n % 4) {
                case 0 -> 30_000; // within a ~300 m tile
                case 1 -> 3_000_000; // an edge a few hundred km long
                case 2 -> 1; // a point on the corner
                default -> 500_000_000; // a world map: about the largest shift
            };
            box[0] = cornerLat + rnd.nextInt(2 * reach + 1) - reach;
            box[1] = box[0] + rnd.nextInt(reach + 1);
            box[2] = cornerLon + rnd.nextInt(2 * reach + 1) - reach;
            box[3] = box[2] + rnd.nextInt(reach + 1);
            String at = "seed " + seed + " box #" + n + " " + box[0] + ".." + box[1] + ", " + box[2] + ".." + box[3]
                    + " corner " + cornerLat + ", " + cornerLon;
            int shift = TileBoxes.shiftFor(box, 0, cornerLat, cornerLon);
            if (shift > 0) {
                int smaller = shift - 1;
                assertThrows(
                        IllegalArgumentException.class,
                        () -> {
                            TileBoxes.pack(box[0], box[1], cornerLat, smaller);
                            TileBoxes.pack(box[2], box[3], cornerLon, smaller);
                        },
                        at + ": shift " + shift + " is not the smallest that fits");
            }
            int lat = TileBoxes.pack(box[0], box[1], cornerLat, shift);
            int lon = TileBoxes.pack(box[2], box[3], cornerLon, shift);
            long step = 1L << shift;
            assertContains(at + " latitude", box[0], box[1], lat, cornerLat, shift, step);
            assertContains(at + " longitude", box[2], box[3], lon, cornerLon, shift, step);
        }
    }

    private static void assertContains(String at, int min, int max, int packed, int corner, int shift, long step) {
        int decodedMin = TileBoxes.min(packed, corner, shift);
        int decodedMax = TileBoxes.max(packed, corner, shift);
        assertTrue(
                decodedMin <= min && (long) min - decodedMin < step, at + ": min " + min + " stored as " + decodedMin);
        assertTrue(
                decodedMax >= max && (long) decodedMax - max < step, at + ": max " + max + " stored as " + decodedMax);
    }

    @Test
    void aBoxTooFarFromItsCornerIsRefusedNamingBoth() {
        int[] box = {0, 2_000_000_000, 0, 0};
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> TileBoxes.shiftFor(box, 0, -2_000_000_000, 0));
        assertTrue(e.getMessage().contains("2000000000"), e.getMessage());
    }
}
