package org.bluelamp.tracking.lip;

import java.util.OptionalDouble;

/**
 * Conversions from LIP information-element codes to physical values, one method per table. Pure
 * functions, thread-safe. The formulas and their sources are listed in {@code package-info.java}.
 */
final class LipCodes {

    /** Degrees per latitude step: 180 / 2^24 (24-bit two's complement, clause 6.3.30). */
    static final double LATITUDE_DEG_PER_STEP = 180.0 / (1 << 24);
    /** Degrees per longitude step: 360 / 2^25 (25-bit two's complement, clause 6.3.50). */
    static final double LONGITUDE_DEG_PER_STEP = 360.0 / (1 << 25);
    /** Degrees per step of an 8-bit angle (table 6.33): 360 / 256. */
    static final double ANGLE_DEG_PER_STEP = 360.0 / 256;
    /** Degrees per step of the short report's 4-bit direction of travel (table 6.45): 22.5. */
    static final double DIRECTION_16_POINT_DEG_PER_STEP = 22.5;
    /** Metres per step of the arc's 16-bit inner and outer radius. */
    static final double ARC_RADIUS_METRES_PER_STEP = 2.0;

    private static final double[] ALTITUDE_ACCURACY_METRES = {1, 2, 5, 15, 50, 150, 300};

    private LipCodes() {}

    static double latitudeDeg(int signedSteps) {
        return signedSteps * LATITUDE_DEG_PER_STEP;
    }

    static double longitudeDeg(int signedSteps) {
        return signedSteps * LONGITUDE_DEG_PER_STEP;
    }

    /**
     * Speed in km/h for a 7-bit horizontal (or vertical magnitude) velocity code, clause 6.3.17:
     * codes 0..28 are 1 km/h steps; from 29 on, v = C (1 + x)^(K - A) + B with C = 16, x = 0.038,
     * A = 13, B = 0 (29 = 29.1 km/h ... 125 = 1 043 km/h); 126 means "more than 1 043 km/h" and is
     * returned as that lower bound (the value of code 125); 127 means "not known" (empty).
     */
    static OptionalDouble speedKmh(int code) {
        if (code < 0 || code > 127) {
            throw new IllegalArgumentException("velocity code must be 0..127: " + code);
        }
        if (code == 127) {
            return OptionalDouble.empty();
        }
        if (code <= 28) {
            return OptionalDouble.of(code);
        }
        int k = Math.min(code, 125);
        return OptionalDouble.of(16.0 * Math.pow(1.038, k - 13));
    }

    /**
     * Upper bound in metres for a 6-bit horizontal position accuracy / uncertainty or half-axis
     * code (table 6.49): A (1 + x)^(K + B) + C with A = 2, x = 0.2, B = 5, C = -4, so code 0 is
     * "less than 1 m" (0.98) and code 62 "less than 403 802.7 m"; 63 is "best effort" (empty).
     */
    static OptionalDouble horizontalAccuracyMetres(int code) {
        if (code < 0 || code > 63) {
            throw new IllegalArgumentException("accuracy code must be 0..63: " + code);
        }
        if (code == 63) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(2.0 * Math.pow(1.2, code + 5) - 4.0);
    }

    /**
     * Altitude in metres for the 11-bit location altitude value: 1..1201 are
     * -200..1 000 m in 1 m steps, 1202..1926 are 1 002..2 450 m in 2 m steps, 1927..2047 are
     * 2 525..11 525 m in 75 m steps; 0 is reserved (empty).
     */
    static OptionalDouble altitudeMetres(int code) {
        if (code < 0 || code > 2047) {
            throw new IllegalArgumentException("altitude code must be 0..2047: " + code);
        }
        if (code == 0) {
            return OptionalDouble.empty();
        }
        if (code <= 1201) {
            return OptionalDouble.of(code - 201);
        }
        if (code <= 1926) {
            return OptionalDouble.of(1000 + (code - 1201) * 2);
        }
        return OptionalDouble.of(2450 + (code - 1926) * 75);
    }

    /**
     * Upper bound in metres for the 3-bit location altitude accuracy (table 6.63): less than 1, 2,
     * 5, 15, 50, 150, 300 m; 7 is "best effort or not supported" (empty).
     */
    static OptionalDouble altitudeAccuracyMetres(int code) {
        if (code < 0 || code > 7) {
            throw new IllegalArgumentException("altitude accuracy code must be 0..7: " + code);
        }
        return code == 7 ? OptionalDouble.empty() : OptionalDouble.of(ALTITUDE_ACCURACY_METRES[code]);
    }
}
