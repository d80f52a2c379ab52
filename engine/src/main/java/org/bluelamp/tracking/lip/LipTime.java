package org.bluelamp.tracking.lip;

import java.util.Objects;

/**
 * The time data of a LIP report: none (long report time type 0), a "time elapsed" code (the short
 * report always; long report time type 1) or a UTC "time of position" (long report time type 2:
 * day of month, hour, minute, second; no month or year, see {@link LipPositionTime} to resolve
 * it). Immutable.
 */
public sealed interface LipTime {

    /** The shared "no time data" value. */
    LipTime NONE = new None();

    /** No time data was sent (long report, time type 0). */
    record None() implements LipTime {}

    /** A bound on how old the fix was when sent. */
    record Elapsed(TimeElapsed timeElapsed) implements LipTime {
        public Elapsed {
            Objects.requireNonNull(timeElapsed, "timeElapsed");
        }
    }

    /**
     * UTC time of the fix (clause 6.3.79, table 6.112 in V1.7.2): day of month 1..31, hour 0..23,
     * minute 0..59, second 0..59. Month and year are not sent.
     */
    record OfPosition(int dayOfMonth, int hourUtc, int minuteUtc, int secondUtc) implements LipTime {
        public OfPosition {
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                throw new IllegalArgumentException("dayOfMonth must be 1..31: " + dayOfMonth);
            }
            if (hourUtc < 0 || hourUtc > 23) {
                throw new IllegalArgumentException("hourUtc must be 0..23: " + hourUtc);
            }
            if (minuteUtc < 0 || minuteUtc > 59) {
                throw new IllegalArgumentException("minuteUtc must be 0..59: " + minuteUtc);
            }
            if (secondUtc < 0 || secondUtc > 59) {
                throw new IllegalArgumentException("secondUtc must be 0..59: " + secondUtc);
            }
        }
    }
}
