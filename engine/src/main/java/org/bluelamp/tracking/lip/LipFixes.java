package org.bluelamp.tracking.lip;

import java.util.Optional;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixReason;

/**
 * Turns a decoded LIP location report into a fix for the intake: the sending radio's ISSI as the
 * unit id, the reported position, the position time resolved against the reception time (time of
 * position exactly; time elapsed as the middle of its interval), the horizontal error bound as
 * accuracy, speed in metres per second, direction of travel as heading, and the reason for
 * sending mapped to the engine's reasons. Stateless and thread-safe.
 */
public final class LipFixes {
    /** Position time of a fix whose report gave no usable time; the intake rejects it. */
    public static final long NO_POSITION_TIME = Long.MIN_VALUE;
    /** Clock skew allowed between radio and engine when resolving a time of position. */
    public static final long DEFAULT_CLOCK_SKEW_MILLIS = 30_000;

    private LipFixes() {}

    /**
     * The fix of a report, or empty when the report carries no position (location shape "no
     * shape"). A report without a usable time (time type none, or elapsed time "not known") gives
     * a fix whose time is {@link #NO_POSITION_TIME}.
     *
     * @param issi the sending radio's ISSI, used as the unit id
     * @param receivedAtEpochMillis when the gateway received the report
     */
    public static Optional<Fix> toFix(String issi, LipReport report, long receivedAtEpochMillis) {
        return toFix(issi, report, receivedAtEpochMillis, DEFAULT_CLOCK_SKEW_MILLIS);
    }

    /**
     * As {@link #toFix(String, LipReport, long)}, resolving the report's time with the given clock
     * skew between radio and engine (the service passes its client time rule's skew).
     */
    public static Optional<Fix> toFix(String issi, LipReport report, long receivedAtEpochMillis, long clockSkewMillis) {
        if (!report.hasPosition()) {
            return Optional.empty();
        }
        long time = LipPositionTime.resolve(report.time(), receivedAtEpochMillis, clockSkewMillis)
                .map(t -> t.isExact()
                        ? t.earliestEpochMillis()
                        : t.earliestEpochMillis() + (t.latestEpochMillis() - t.earliestEpochMillis()) / 2)
                .orElse(NO_POSITION_TIME);
        double accuracy = report.horizontalErrorBoundMetres().orElse(Double.NaN);
        double speed = report.horizontalSpeedKmh().isPresent()
                ? report.horizontalSpeedKmh().getAsDouble() / 3.6
                : Double.NaN;
        double heading = report.directionDeg().orElse(Double.NaN);
        FixReason reason = report.reasonForSending().map(LipFixes::reason).orElse(FixReason.UNSPECIFIED);
        return Optional.of(new Fix(
                issi,
                report.latitudeDeg().getAsDouble(),
                report.longitudeDeg().getAsDouble(),
                time,
                accuracy,
                speed,
                heading,
                reason));
    }

    /** The engine's reason for a LIP reason for sending. */
    public static FixReason reason(ReasonForSending r) {
        return switch (r) {
            case EMERGENCY_CONDITION_DETECTED -> FixReason.EMERGENCY;
            case STATUS -> FixReason.STATUS;
            case RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST -> FixReason.RESPONSE_TO_QUERY;
            case MAXIMUM_REPORTING_INTERVAL_EXCEEDED -> FixReason.PERIODIC;
            case MAXIMUM_REPORTING_DISTANCE_TRAVELLED -> FixReason.DISTANCE;
            default -> FixReason.OTHER;
        };
    }
}
