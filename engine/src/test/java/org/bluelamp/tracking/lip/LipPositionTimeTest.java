package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resolving LIP time data to epoch milliseconds. */
class LipPositionTimeTest {

    private static final long NO_SKEW = 0;

    /** Fuzzing finding (docs/fuzzing.md): an extreme reception time overflowed into a reversed interval. */
    @Test
    void extremeReceptionTimesGiveNoUsableTimeInsteadOfOverflowing() {
        LipTime elapsed = new LipTime.Elapsed(TimeElapsed.LESS_THAN_30_MIN);
        LipTime ofPosition = new LipTime.OfPosition(17, 14, 5, 30);
        for (long received : new long[] {
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            LipPositionTime.MIN_RECEIVED_EPOCH_MILLIS - 1,
            LipPositionTime.MAX_RECEIVED_EPOCH_MILLIS + 1
        }) {
            assertEquals(Optional.empty(), LipPositionTime.resolve(elapsed, received, NO_SKEW), "at " + received);
            assertEquals(Optional.empty(), LipPositionTime.resolve(ofPosition, received, Long.MAX_VALUE));
        }
        long last = LipPositionTime.MAX_RECEIVED_EPOCH_MILLIS;
        LipPositionTime t =
                LipPositionTime.resolve(ofPosition, last, Long.MAX_VALUE).orElseThrow();
        assertEquals(millis("9999-12-17T14:05:30Z"), t.earliestEpochMillis(), "a huge skew stops at the end of 9999");
        assertEquals(
                last - 1_800_000,
                LipPositionTime.resolve(elapsed, last, NO_SKEW).orElseThrow().earliestEpochMillis());
        assertTrue(LipPositionTime.resolve(elapsed, LipPositionTime.MIN_RECEIVED_EPOCH_MILLIS, NO_SKEW)
                .isPresent());
    }

    @Test
    void timeOfPositionEarlierTodayResolvesToToday() {
        LipPositionTime t = resolveAt(new LipTime.OfPosition(17, 14, 5, 30), "2025-03-17T14:06:00.250Z", NO_SKEW);
        assertEquals(millis("2025-03-17T14:05:30Z"), t.earliestEpochMillis());
        assertTrue(t.isExact());
    }

    @Test
    void timeOfPositionAtTheReceptionSecondIsAccepted() {
        LipPositionTime t = resolveAt(new LipTime.OfPosition(17, 14, 6, 0), "2025-03-17T14:06:00Z", NO_SKEW);
        assertEquals(millis("2025-03-17T14:06:00Z"), t.latestEpochMillis());
    }

    @Test
    void timeOfPositionSlightlyAheadIsThisMonthWithinSkewAndLastMonthWithout() {
        LipTime.OfPosition ahead = new LipTime.OfPosition(17, 14, 6, 2);
        assertEquals(
                millis("2025-03-17T14:06:02Z"),
                resolveAt(ahead, "2025-03-17T14:06:00Z", 5_000).earliestEpochMillis());
        assertEquals(
                millis("2025-02-17T14:06:02Z"),
                resolveAt(ahead, "2025-03-17T14:06:00Z", NO_SKEW).earliestEpochMillis());
    }

    @Test
    void dayAfterReceptionDayRollsBackAMonthAndAYear() {
        // received 00:00:10 on 1 January; the fix was taken 23:59:50 on 31 December
        LipPositionTime t = resolveAt(new LipTime.OfPosition(31, 23, 59, 50), "2025-01-01T00:00:10Z", NO_SKEW);
        assertEquals(millis("2024-12-31T23:59:50Z"), t.earliestEpochMillis());
    }

    @Test
    void day31SkipsMonthsWithoutA31st() {
        // received 30 March: 31 March is ahead, February has no 31st, so 31 January
        LipPositionTime t = resolveAt(new LipTime.OfPosition(31, 12, 0, 0), "2025-03-30T12:00:00Z", NO_SKEW);
        assertEquals(millis("2025-01-31T12:00:00Z"), t.earliestEpochMillis());
        // 29 February exists in 2024 only
        LipPositionTime leap = resolveAt(new LipTime.OfPosition(29, 8, 0, 0), "2024-03-01T00:00:00Z", NO_SKEW);
        assertEquals(millis("2024-02-29T08:00:00Z"), leap.earliestEpochMillis());
        LipPositionTime notLeap = resolveAt(new LipTime.OfPosition(29, 8, 0, 0), "2025-03-01T00:00:00Z", NO_SKEW);
        assertEquals(millis("2025-01-29T08:00:00Z"), notLeap.earliestEpochMillis());
    }

    @Test
    void timeElapsedGivesABound() {
        long received = millis("2025-03-17T14:06:00Z");
        assertEquals(
                Optional.of(new LipPositionTime(received - 5_000, received)),
                LipPositionTime.resolve(new LipTime.Elapsed(TimeElapsed.LESS_THAN_5_S), received, NO_SKEW));
        assertEquals(
                Optional.of(new LipPositionTime(received - 300_000, received)),
                LipPositionTime.resolve(new LipTime.Elapsed(TimeElapsed.LESS_THAN_5_MIN), received, NO_SKEW));
        assertEquals(
                Optional.of(new LipPositionTime(received - 1_800_000, received)),
                LipPositionTime.resolve(new LipTime.Elapsed(TimeElapsed.LESS_THAN_30_MIN), received, NO_SKEW));
        assertEquals(
                Optional.empty(),
                LipPositionTime.resolve(new LipTime.Elapsed(TimeElapsed.NOT_KNOWN), received, NO_SKEW));
        assertEquals(Optional.empty(), LipPositionTime.resolve(LipTime.NONE, received, NO_SKEW));
    }

    @Test
    void decodedWestminsterReportResolves() throws LipDecodeException {
        LipReport r = LipDecoder.decodeHex(LipDecoderLongReportTest.WESTMINSTER_LONG);
        assertEquals(
                millis("2025-06-17T14:05:30Z"),
                resolveAt(r.time(), "2025-06-17T14:05:41Z", 2_000).earliestEpochMillis());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> LipPositionTime.resolve(LipTime.NONE, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new LipPositionTime(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new LipTime.OfPosition(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LipTime.OfPosition(1, 24, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LipTime.OfPosition(1, 0, 60, 0));
        assertThrows(IllegalArgumentException.class, () -> new LipTime.OfPosition(1, 0, 0, 60));
    }

    private static LipPositionTime resolveAt(LipTime time, String receivedAt, long skewMillis) {
        return LipPositionTime.resolve(time, millis(receivedAt), skewMillis).orElseThrow();
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
