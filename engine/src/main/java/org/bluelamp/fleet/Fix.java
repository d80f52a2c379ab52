package org.bluelamp.fleet;

import java.util.Objects;

/**
 * One GPS position report from a unit's radio, as received.
 *
 * <p>A fix is a message from outside: its values are checked by the intake
 * ({@code org.bluelamp.tracking.FixIntake}), which rejects bad ones with a counted reason naming the
 * field, rather than here, so that garbage from a radio is counted instead of thrown. The
 * constructor only enforces what makes a fix a fix: a unit id and a reason (use
 * {@link FixReason#UNSPECIFIED} when none was sent). Optional quantities are {@code NaN} when
 * absent.
 *
 * @param unitId the unit's id (radio ISSI or any string id)
 * @param latDeg WGS84 latitude in degrees, north positive
 * @param lonDeg WGS84 longitude in degrees, east positive
 * @param positionTimeEpochMillis when the unit was there (time of position, not of arrival),
 *     milliseconds since the Unix epoch (UTC)
 * @param accuracyMetres horizontal accuracy radius in metres, or {@code NaN} when not reported
 * @param speedMetresPerSecond ground speed in metres per second, or {@code NaN}
 * @param headingDeg direction of travel, degrees clockwise from true north in [0, 360], or {@code NaN}
 * @param reason why the radio sent the report
 *
 * <p>Thread-safety: immutable.
 */
public record Fix(
        String unitId,
        double latDeg,
        double lonDeg,
        long positionTimeEpochMillis,
        double accuracyMetres,
        double speedMetresPerSecond,
        double headingDeg,
        FixReason reason) {

    /** Requires a unit id and a reason. */
    public Fix {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(reason, "reason: use FixReason.UNSPECIFIED when none was sent");
    }

    /** A periodic fix without accuracy, speed or heading. */
    public static Fix of(String unitId, double latDeg, double lonDeg, long positionTimeEpochMillis) {
        return new Fix(
                unitId,
                latDeg,
                lonDeg,
                positionTimeEpochMillis,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                FixReason.PERIODIC);
    }

    /** Whether the radio reported an accuracy. */
    public boolean hasAccuracy() {
        return !Double.isNaN(accuracyMetres);
    }
}
