package org.bluelamp.fleet;

import java.util.Optional;

/**
 * An immutable copy of one unit at one moment: what the service returns and persistence stores.
 *
 * @param unit the unit (id, spec, index, capability mask)
 * @param status status, grade and when set
 * @param hasFix whether the unit has ever reported a valid fix; when not, the position fields are
 *     {@code NaN} and the time {@link Long#MIN_VALUE}
 * @param latDeg latitude of the newest fix, degrees
 * @param lonDeg longitude of the newest fix, degrees
 * @param positionTimeEpochMillis position time of the newest fix, epoch millis
 * @param accuracyMetres accuracy radius, metres, {@code NaN} when not reported
 * @param speedMetresPerSecond speed, m/s, {@code NaN} when not reported
 * @param headingDeg heading, degrees, {@code NaN} when not reported
 * @param reason why the newest fix was sent
 * @param usualReportIntervalMillis learned reporting interval, 0 while not learned
 * @param staleAfterMillis fix age beyond which the unit is stale
 *
 * <p>Thread-safety: immutable.
 */
public record UnitSnapshot(
        Unit unit,
        StatusChange status,
        boolean hasFix,
        double latDeg,
        double lonDeg,
        long positionTimeEpochMillis,
        double accuracyMetres,
        double speedMetresPerSecond,
        double headingDeg,
        FixReason reason,
        long usualReportIntervalMillis,
        long staleAfterMillis) {

    /** Age of the newest fix at {@code nowEpochMillis}, millis; {@link Long#MAX_VALUE} without a fix. */
    public long fixAgeMillis(long nowEpochMillis) {
        return hasFix ? Math.max(0, nowEpochMillis - positionTimeEpochMillis) : Long.MAX_VALUE;
    }

    /** Whether the unit is stale at {@code nowEpochMillis}. */
    public boolean isStale(long nowEpochMillis) {
        return fixAgeMillis(nowEpochMillis) > staleAfterMillis;
    }

    /** The newest fix as a {@link Fix}, if any. */
    public Optional<Fix> latestFix() {
        return hasFix
                ? Optional.of(new Fix(
                        unit.id(),
                        latDeg,
                        lonDeg,
                        positionTimeEpochMillis,
                        accuracyMetres,
                        speedMetresPerSecond,
                        headingDeg,
                        reason))
                : Optional.empty();
    }
}
