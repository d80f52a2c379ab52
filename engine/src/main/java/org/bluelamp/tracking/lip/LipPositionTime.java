package org.bluelamp.tracking.lip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * When a LIP fix was taken, as an interval of epoch milliseconds (UTC), worked out from the
 * report's {@link LipTime} and the time the report was received. Immutable, thread-safe.
 *
 * <ul>
 *   <li>{@link LipTime.OfPosition} (day of month, hour, minute, second UTC, no month or year):
 *       the most recent such instant not after reception time + clock skew, going back over
 *       months as needed (day 31 in a 30-day month resolves to the last month that has a
 *       31st). Exact: {@code earliest == latest}.
 *   <li>{@link LipTime.Elapsed}: the fix is at most the code's bound old, so
 *       {@code [received - bound, received]}. "Not known" gives no interval.
 *   <li>{@link LipTime.None}: no interval.
 * </ul>
 *
 * @param earliestEpochMillis the earliest the fix can have been taken
 * @param latestEpochMillis the latest the fix can have been taken
 */
public record LipPositionTime(long earliestEpochMillis, long latestEpochMillis) {

    /** Months searched back for a day of month; 3 suffice for any day 1..31, the rest is margin. */
    private static final int MAX_MONTHS_BACK = 12;

    /** The earliest reception time resolved: 0001-01-01T00:00:00Z. */
    public static final long MIN_RECEIVED_EPOCH_MILLIS = -62_135_596_800_000L;

    /** The latest reception time resolved: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_RECEIVED_EPOCH_MILLIS = 253_402_300_799_999L;

    public LipPositionTime {
        if (earliestEpochMillis > latestEpochMillis) {
            throw new IllegalArgumentException(
                    "earliestEpochMillis " + earliestEpochMillis + " is after latestEpochMillis " + latestEpochMillis);
        }
    }

    /** Whether the time is known to the second (time of position). */
    public boolean isExact() {
        return earliestEpochMillis == latestEpochMillis;
    }

    /**
     * Resolves the fix time of a report.
     *
     * @param time the report's time data
     * @param receivedAtEpochMillis when the report was received
     * @param clockSkewMillis how far the terminal's clock may run ahead of ours (>= 0): a time of
     *     position up to this much after reception is taken as this month's, not last month's
     * @return the interval, or empty when the report gives no usable time, or when the reception
     *     time lies outside the years 0001 to 9999 ({@link #MIN_RECEIVED_EPOCH_MILLIS} to
     *     {@link #MAX_RECEIVED_EPOCH_MILLIS}: no calendar answer is meaningful there, and the
     *     arithmetic would overflow); a reception time plus skew beyond 9999 is taken as the end of 9999
     */
    public static Optional<LipPositionTime> resolve(LipTime time, long receivedAtEpochMillis, long clockSkewMillis) {
        Objects.requireNonNull(time, "time");
        if (clockSkewMillis < 0) {
            throw new IllegalArgumentException("clockSkewMillis must be >= 0: " + clockSkewMillis);
        }
        if (receivedAtEpochMillis < MIN_RECEIVED_EPOCH_MILLIS || receivedAtEpochMillis > MAX_RECEIVED_EPOCH_MILLIS) {
            return Optional.empty();
        }
        return switch (time) {
            case LipTime.None none -> Optional.empty();
            case LipTime.Elapsed elapsed ->
                elapsed.timeElapsed().maxAgeMillis().isPresent()
                        ? Optional.of(new LipPositionTime(
                                receivedAtEpochMillis
                                        - elapsed.timeElapsed().maxAgeMillis().getAsLong(),
                                receivedAtEpochMillis))
                        : Optional.empty();
            case LipTime.OfPosition position -> {
                long notAfter = clockSkewMillis > MAX_RECEIVED_EPOCH_MILLIS - receivedAtEpochMillis
                        ? MAX_RECEIVED_EPOCH_MILLIS
                        : receivedAtEpochMillis + clockSkewMillis;
                long millis = resolveTimeOfPosition(position, notAfter);
                yield Optional.of(new LipPositionTime(millis, millis));
            }
        };
    }

    private static long resolveTimeOfPosition(LipTime.OfPosition position, long notAfterEpochMillis) {
        YearMonth month =
                YearMonth.from(Instant.ofEpochMilli(notAfterEpochMillis).atZone(ZoneOffset.UTC));
        for (int i = 0; i <= MAX_MONTHS_BACK; i++, month = month.minusMonths(1)) {
            if (position.dayOfMonth() > month.lengthOfMonth()) {
                continue;
            }
            long candidate = LocalDateTime.of(
                            month.getYear(),
                            month.getMonth(),
                            position.dayOfMonth(),
                            position.hourUtc(),
                            position.minuteUtc(),
                            position.secondUtc())
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            if (candidate <= notAfterEpochMillis) {
                return candidate;
            }
        }
        throw new AssertionError("no month in " + MAX_MONTHS_BACK + " has day " + position.dayOfMonth());
    }
}
