package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FixedDecimals} against {@code String.format(Locale.ROOT, "%.1f" / "%.0f")} itself, value by value: ties
 * written in decimal (0.15, 2.45: the JDK rounds the shortest decimal HALF_UP, not the binary value), their
 * neighbouring doubles, exact binary halves, large and tiny magnitudes, the edges of the fast path and seeded random
 * values of every scale.
 */
class FixedDecimalsTest {
    private static final long SEED = 20261127L;

    @Test
    void decimalTiesRoundAsTheJdkDoes() {
        assertEquals("0.2", FixedDecimals.format(0.15, 1)); // the double is 0.14999...; the JDK says 0.2
        assertEquals("1.5", FixedDecimals.format(1.45, 1));
        assertEquals("10.0", FixedDecimals.format(9.95, 1));
        assertEquals("3", FixedDecimals.format(2.5, 0));
        assertEquals("-0.0", FixedDecimals.format(-0.0, 1));
        for (int tenths = 0; tenths < 300_000; tenths++) {
            double tie = (tenths * 10 + 5) / 100.0; // x.y5
            assertSameAsFormat(tie);
            assertSameAsFormat(Math.nextUp(tie));
            assertSameAsFormat(Math.nextDown(tie));
            double half = tenths + 0.5; // x.5, exact in binary
            assertSameAsFormat(half);
            assertSameAsFormat(Math.nextUp(half));
            assertSameAsFormat(Math.nextDown(half));
        }
    }

    @Test
    void edgesAndSpecialValues() {
        double[] values = {
            0.0,
            -0.0,
            Double.MIN_VALUE,
            1e-300,
            1e-7,
            0.04999999999999999,
            0.05,
            0.95,
            0.9499999999999999,
            99.95,
            999_999.95,
            9_999_999.95,
            1e7 - 0.05,
            1e7,
            1e8 - 0.5,
            1e8,
            1e8 + 0.5,
            123_456_789.75,
            1e15 + 0.5,
            1e300,
            Double.MAX_VALUE,
            -1.25,
            -0.04,
            -123.45,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double x : values) {
            assertSameAsFormat(x);
            assertSameAsFormat(Math.nextUp(x));
            assertSameAsFormat(Math.nextDown(x));
        }
        for (double limit : new double[] {FixedDecimals.FAST_LIMIT, FixedDecimals.FAST_LIMIT / 10}) {
            for (int i = -100; i <= 100; i++) {
                assertSameAsFormat(limit + i * 0.05);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FixedDecimals.format(1, 2));
    }

    @Test
    void seededRandomValuesOfEveryScale() {
        Random random = new Random(SEED);
        for (int i = 0; i < 1_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(20) - 9); // 1e-9 .. 1e10
                case 1 -> random.nextInt(100_000_000) / 100.0; // two decimals, many ties
                case 2 -> random.nextInt(10_000_000) / 1000.0; // metres / 1000, as the texts use it
                default -> Double.longBitsToDouble(random.nextLong()); // any bit pattern
            };
            assertEquals(
                    String.format(Locale.ROOT, "%.1f", x), FixedDecimals.format(x, 1), () -> "seed " + SEED + ": " + x);
            assertEquals(
                    String.format(Locale.ROOT, "%.0f", x), FixedDecimals.format(x, 0), () -> "seed " + SEED + ": " + x);
        }
    }

    private static void assertSameAsFormat(double x) {
        assertEquals(String.format(Locale.ROOT, "%.1f", x), FixedDecimals.format(x, 1), () -> "%.1f of " + x);
        assertEquals(String.format(Locale.ROOT, "%.0f", x), FixedDecimals.format(x, 0), () -> "%.0f of " + x);
    }
}
