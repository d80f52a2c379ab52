package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link UnitHistory#append}, which skips reading the ring's oldest entry while the unit's
 * oldest-time bound shows nothing can be too old, against {@link UnitHistory#insert}, which always
 * looks: seeded streams of mostly newer fixes with some older ones, gaps longer than the age limit,
 * and rings of several sizes; both rings must hold the same entries after every fix.
 */
class UnitHistoryAppendTest {
    private static final int CHECKS = 200_000;

    @Test
    void appendKeepsWhatInsertKeeps() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int cap : new int[] {1, 2, 9, 12, 64}) {
            long maxAge = 1 + random.nextInt(120_000);
            long[] slabA = new long[cap * UnitHistory.STRIDE];
            long[] slabB = new long[cap * UnitHistory.STRIDE];
            UnitHistory a = new UnitHistory();
            UnitHistory b = new UnitHistory();
            long wordA = 0;
            long wordB = 0;
            long boundB = Long.MIN_VALUE;
            long newest = Long.MIN_VALUE;
            long t = 1_700_000_000_000L;
            for (int i = 0; i < CHECKS / 5; i++) {
                int kind = random.nextInt(100);
                if (kind < 3) {
                    t += maxAge + random.nextInt(100_000); // a gap longer than the age limit
                } else if (kind < 90) {
                    t += 1 + random.nextInt(30_000);
                }
                long time = kind >= 90 ? t - random.nextInt((int) Math.min(maxAge * 2, 1_000_000)) : t;
                double lat = 50 + random.nextDouble();
                double lon = -1 - random.nextDouble();
                a.bind(slabA, 0, cap, wordA, Long.MIN_VALUE);
                b.bind(slabB, 0, cap, wordB, boundB);
                boolean fullA;
                boolean fullB;
                if (time > newest) {
                    fullA = a.insert(time, lat, lon, 5, maxAge);
                    fullB = b.append(time, lat, lon, 5, maxAge);
                    newest = time;
                } else {
                    if (a.find(time) >= 0 || !a.wouldKeep(time, maxAge)) {
                        continue;
                    }
                    fullA = a.insert(time, lat, lon, 5, maxAge);
                    fullB = b.insert(time, lat, lon, 5, maxAge);
                }
                wordA = a.headAndSize();
                wordB = b.headAndSize();
                boundB = b.oldestBound();
                String where = "seed " + seed + ", capacity " + cap + ", fix " + i;
                assertEquals(fullA, fullB, where);
                assertEquals(a.size(), b.size(), where);
                for (int e = 0; e < a.size(); e++) {
                    assertEquals(a.time(e), b.time(e), where);
                    assertEquals(a.lat(e), b.lat(e), where);
                    assertEquals(a.lon(e), b.lon(e), where);
                }
                if (b.size() > 0 && boundB > b.time(0)) {
                    throw new AssertionError(where + ": bound " + boundB + " after the oldest " + b.time(0));
                }
            }
        }
    }
}
