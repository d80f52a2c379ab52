package org.bluelamp.input;

import java.time.Instant;
import org.bluelamp.error.BluelampException;

/**
 * How far a time supplied by a client (a fix's position time, a status change's time, a
 * registration's time, a LIP report's reception time) may differ from the engine clock: at most
 * {@code maxFutureSkewMillis} ahead (radio and gateway clocks drift) and at most
 * {@code maxAgeMillis} behind (backlog from radios out of coverage). A time outside that window
 * is refused, so that no client can lock a unit by sending a time far in the future (year 9999,
 * {@code Long.MAX_VALUE}, or microseconds sent as milliseconds). One instance is shared by every
 * boundary, so fixes and state changes follow the same rule.
 *
 * @param maxFutureSkewMillis how far ahead of the engine clock a time may be, &ge; 0
 * @param maxAgeMillis how far behind the engine clock a time may be, &gt; 0
 *
 * <p>Immutable and thread-safe.
 */
public record ClientTimeRule(long maxFutureSkewMillis, long maxAgeMillis) {

    /** Checks the bounds. */
    public ClientTimeRule {
        if (maxFutureSkewMillis < 0) {
            throw new IllegalArgumentException("maxFutureSkewMillis " + maxFutureSkewMillis + " must be >= 0");
        }
        if (maxAgeMillis <= 0) {
            throw new IllegalArgumentException("maxAgeMillis " + maxAgeMillis + " must be positive");
        }
    }

    /** 30 s of clock skew, times up to one hour old: the fix intake's defaults. */
    public static ClientTimeRule defaults() {
        return new ClientTimeRule(30_000L, 3_600_000L);
    }

    /** Whether {@code epochMillis} is ahead of {@code nowMillis} by more than the allowed skew. */
    public boolean tooFarAhead(long epochMillis, long nowMillis) {
        long latest = nowMillis + maxFutureSkewMillis;
        return epochMillis > (latest < nowMillis ? Long.MAX_VALUE : latest); // saturating
    }

    /** Whether {@code epochMillis} is behind {@code nowMillis} by more than the maximum age. */
    public boolean tooOld(long epochMillis, long nowMillis) {
        long earliest = nowMillis - maxAgeMillis;
        return epochMillis < (earliest > nowMillis ? Long.MIN_VALUE : earliest); // saturating
    }

    /**
     * Checks a client time and returns it.
     *
     * @param field the caller's name for the field, e.g. {@code time_epoch_millis}
     * @throws BluelampException INVALID_ARGUMENT naming the field, the value and the window
     */
    public long check(String field, long epochMillis, long nowMillis) {
        if (tooFarAhead(epochMillis, nowMillis)) {
            throw BluelampException.invalid(
                    field,
                    field + " " + epochMillis + " (" + describe(epochMillis) + ") is "
                            + describeGap(epochMillis, nowMillis) + " ahead of the engine clock ("
                            + Instant.ofEpochMilli(nowMillis) + "), more than the allowed " + maxFutureSkewMillis
                            + " ms: check the sender's clock, and that the time is in milliseconds since 1970");
        }
        if (tooOld(epochMillis, nowMillis)) {
            throw BluelampException.invalid(
                    field,
                    field + " " + epochMillis + " (" + describe(epochMillis) + ") is "
                            + describeGap(nowMillis, epochMillis) + " behind the engine clock ("
                            + Instant.ofEpochMilli(nowMillis) + "), more than the allowed " + maxAgeMillis
                            + " ms: check the sender's clock, and that the time is in milliseconds since 1970");
        }
        return epochMillis;
    }

    private static String describe(long epochMillis) {
        try {
            return Instant.ofEpochMilli(epochMillis).toString();
        } catch (java.time.DateTimeException e) {
            return "not a representable instant";
        }
    }

    private static String describeGap(long later, long earlier) {
        long gap = later - earlier;
        if (gap < 0) { // overflowed: the times are further apart than a long can say
            return "more than 292 million years";
        }
        if (gap < 120_000) {
            return gap + " ms";
        }
        if (gap < 7_200_000) {
            return gap / 60_000 + " min";
        }
        if (gap < 172_800_000) {
            return gap / 3_600_000 + " h";
        }
        return gap / 86_400_000 + " days";
    }
}
