package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The code-to-value tables, checked against the example values the specification itself prints. */
class LipCodesTest {

    /** Table 6.51 "Examples of horizontal velocity information element contents", as printed (km/h). */
    @ParameterizedTest(name = "code {0} = {1} km/h")
    @CsvSource({
        "0, 0",
        "1, 1",
        "2, 2",
        "28, 28",
        "29, 29.1",
        "30, 30.2",
        "31, 31.3",
        "38, 40.6",
        "44, 50.8",
        "56, 79.5",
        "62, 99.5",
        "67, 120",
        "81, 202",
        "92, 305",
        "105, 495",
        "114, 692",
        "124, 1005",
        "125, 1043",
    })
    void horizontalVelocityMatchesTheSpecExamples(int code, double kmh) {
        double printedPrecision = kmh < 100 ? 0.05 : 0.5;
        assertEquals(kmh, LipCodes.speedKmh(code).getAsDouble(), printedPrecision);
    }

    @Test
    void horizontalVelocityIsStrictlyIncreasingAndContinuousAt28() {
        for (int code = 1; code <= 125; code++) {
            double previous = LipCodes.speedKmh(code - 1).getAsDouble();
            double speed = LipCodes.speedKmh(code).getAsDouble();
            if (code <= 28) {
                assertEquals(1.0, speed - previous, 0.0, "1 km/h steps, code " + code);
            } else if (code >= 30) {
                assertEquals(1.038, speed / previous, 1e-12, "3.8 % steps, code " + code);
            }
        }
        // the formula meets the linear part: C (1 + x)^(28 - A) is 28.0 km/h to 0.01
        assertEquals(28.0, 16 * Math.pow(1.038, 28 - 13), 0.01);
        assertEquals(LipCodes.speedKmh(125), LipCodes.speedKmh(126)); // "more than 1 043": the lower bound
        assertEquals(OptionalDouble.empty(), LipCodes.speedKmh(127)); // not known
        assertThrows(IllegalArgumentException.class, () -> LipCodes.speedKmh(128));
    }

    /** Table 6.49 horizontal position accuracy, as transcribed from V1.7.2 (metres, "less than"). */
    @ParameterizedTest(name = "code {0} < {1} m")
    @CsvSource({
        "0, 1",
        "1, 2",
        "2, 3.2",
        "3, 4.6",
        "5, 8.4",
        "11, 33",
        "16, 88",
        "20, 186.8",
        "30, 1177.3",
        "40, 7310.5",
        "50, 45285.6",
        "62, 403802.7",
    })
    void horizontalAccuracyMatchesTheTable(int code, double metres) {
        assertEquals(metres, LipCodes.horizontalAccuracyMetres(code).getAsDouble(), 0.05);
    }

    @Test
    void horizontalAccuracyBestEffortIsEmpty() {
        assertEquals(OptionalDouble.empty(), LipCodes.horizontalAccuracyMetres(63));
    }

    @ParameterizedTest(name = "code {0} = {1} m")
    @CsvSource({
        "1, -200",
        "200, -1",
        "201, 0",
        "1201, 1000",
        "1202, 1002",
        "1926, 2450",
        "1927, 2525",
        "2047, 11525",
    })
    void altitudeHasThreeStepSizes(int code, double metres) {
        assertEquals(OptionalDouble.of(metres), LipCodes.altitudeMetres(code));
    }

    @Test
    void altitudeCodeZeroIsReserved() {
        assertEquals(OptionalDouble.empty(), LipCodes.altitudeMetres(0));
    }

    @Test
    void altitudeAccuracyTable() {
        double[] expected = {1, 2, 5, 15, 50, 150, 300};
        for (int code = 0; code < 7; code++) {
            assertEquals(OptionalDouble.of(expected[code]), LipCodes.altitudeAccuracyMetres(code));
        }
        assertEquals(OptionalDouble.empty(), LipCodes.altitudeAccuracyMetres(7));
    }
}
