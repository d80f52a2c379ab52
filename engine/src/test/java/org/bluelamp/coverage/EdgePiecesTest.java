package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces' time range decides {@link EdgePieces#metresWithin} exactly where the evaluator reads
 * it off (at or above every piece's times: the reached length; below them: 0), for seeded random
 * pieces (one, two, or more as with units on the edge). Prints the seed on failure.
 */
class EdgePiecesTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theTimeRangeDecidesTheMeasureExactlyOutsideIt(long seed) {
        Random rnd = new Random(seed);
        EdgePieces pc = new EdgePieces();
        int inside = 0;
        for (int c = 0; c < 2000; c++) {
            pc.clear();
            double length = 1 + rnd.nextDouble() * 500;
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                double a = rnd.nextDouble() * length;
                double b = rnd.nextBoolean() ? length : a + rnd.nextDouble() * (length - a);
                double t = rnd.nextDouble() * 600_000;
                pc.add(a, b, t, t + (rnd.nextDouble() - 0.5) * 200_000);
            }
            String ctx = "seed " + seed + ", case " + c;
            double reached = pc.metresReached();
            assertEquals(reached, pc.metresWithin(pc.maxMillis()), ctx);
            assertEquals(reached, pc.metresWithin(pc.maxMillis() + rnd.nextDouble() * 1e6), ctx);
            if (n > 0) {
                assertEquals(0.0, pc.metresWithin(Math.nextDown(pc.minMillis())), ctx);
                assertEquals(0.0, pc.metresWithin(pc.minMillis() - rnd.nextDouble() * 1e6), ctx);
                inside += pc.metresWithin((pc.minMillis() + pc.maxMillis()) / 2) > 0 ? 1 : 0;
            } else {
                assertEquals(0.0, reached, ctx);
            }
        }
        assertTrue(inside > 500, "seed " + seed + ": too few cases with a measure inside the range");
    }
}
