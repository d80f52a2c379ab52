package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sorting network behind the learned reporting interval gives what sorting gives: the fourth
 * smallest of eight samples, each capped at {@link Integer#MAX_VALUE}, for seeded random samples
 * with ties and values above the cap (seed printed on failure).
 */
class LowerMedianTest {
    @Test
    void theNetworkGivesTheFourthSmallestOfEight() {
        long seed = Long.getLong("bluelamp.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        long[] v = new long[8];
        for (int round = 0; round < 200_000; round++) {
            for (int i = 0; i < 8; i++) {
                v[i] = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(5); // ties
                    case 1 -> Integer.MAX_VALUE + (long) random.nextInt(1_000); // above the cap
                    default -> random.nextLong(0, 40_000);
                };
            }
            long[] sorted = Arrays.stream(v)
                    .map(x -> Math.min(Integer.MAX_VALUE, x))
                    .sorted()
                    .toArray();
            assertEquals(
                    sorted[3], FleetState.lowerMedianOf8(v.clone()), () -> "seed " + seed + ": " + Arrays.toString(v));
        }
    }
}
