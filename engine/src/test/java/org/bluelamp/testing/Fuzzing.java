package org.bluelamp.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;

/**
 * What the fuzz tests share (see docs/fuzzing.md). A finding is an exception other than the typed
 * error of the decoder, a hang (libFuzzer's timeout), or an accepted value outside its documented
 * range, which these checks turn into an {@link AssertionError}.
 *
 * <p>Every target runs on a fixed clock so that its committed inputs replay the same way on any
 * day.
 */
public final class Fuzzing {
    /** The clock of every fuzz target: 2026-11-26T12:00:00Z. */
    public static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T12:00:00Z"));

    private Fuzzing() {}

    /** A latitude a decoder accepted: finite, in [-90, 90]. */
    public static void latitude(double latDeg, Object where) {
        assertTrue(latDeg >= -90 && latDeg <= 90, "latitude out of range: " + latDeg + " in " + where);
    }

    /** A longitude a decoder accepted: finite, in [-180, 180]. */
    public static void longitude(double lonDeg, Object where) {
        assertTrue(lonDeg >= -180 && lonDeg <= 180, "longitude out of range: " + lonDeg + " in " + where);
    }

    /** An id a decoder accepted follows the one id rule. */
    public static void id(String id, Object where) {
        String why = org.bluelamp.input.Ids.problem(id);
        assertTrue(why == null, "accepted id " + id + " breaks the id rule (" + why + ") in " + where);
    }
}
