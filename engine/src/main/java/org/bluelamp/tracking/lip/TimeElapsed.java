package org.bluelamp.tracking.lip;

import java.util.OptionalLong;

/**
 * The 2-bit "time elapsed" information element (TS 100 392-18-1 clause 6.3.78, table 6.111 in
 * V1.7.2): how long before sending the position was fixed, as an upper bound.
 */
public enum TimeElapsed {
    /** Code 0: less than 5 s. */
    LESS_THAN_5_S(0, 5_000L),
    /** Code 1: less than 5 min. */
    LESS_THAN_5_MIN(1, 300_000L),
    /** Code 2: less than 30 min. */
    LESS_THAN_30_MIN(2, 1_800_000L),
    /** Code 3: time elapsed not known or not applicable. */
    NOT_KNOWN(3, -1L);

    private final int code;
    private final long maxAgeMillis;

    TimeElapsed(int code, long maxAgeMillis) {
        this.code = code;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** The 2-bit code in the PDU. */
    public int code() {
        return code;
    }

    /** Upper bound on the fix's age at sending, in milliseconds; empty for {@link #NOT_KNOWN}. */
    public OptionalLong maxAgeMillis() {
        return maxAgeMillis < 0 ? OptionalLong.empty() : OptionalLong.of(maxAgeMillis);
    }

    static TimeElapsed fromCode(int code) {
        return values()[code & 3];
    }
}
