package org.bluelamp.tracking;

import org.bluelamp.fleet.FixReason;

/**
 * Where the intake reports every fix it accepted (as its unit's newest or into history), field by
 * field: the seam through which fixes are journaled for restarts and replicas
 * ({@code org.bluelamp.store.FixJournal}). Rejected and duplicate fixes are not reported.
 *
 * <p>Thread-safety: called on the intake's single writer thread only; an implementation must not
 * block it (hand the values over and return).
 */
@FunctionalInterface
public interface AcceptedFixSink {
    /** Reports nothing: the engine without a journal. */
    AcceptedFixSink NONE = (unitIndex, unitId, lat, lon, time, accuracy, speed, heading, reason) -> {};

    /**
     * One accepted fix; absent optional values are {@code NaN}.
     *
     * @param unitIndex the unit's dense index in the fleet
     * @param unitId the unit's id
     * @param latDeg latitude, degrees
     * @param lonDeg longitude, degrees
     * @param positionTimeEpochMillis position time, ms since the epoch
     * @param accuracyMetres accuracy radius, metres, or {@code NaN}
     * @param speedMetresPerSecond speed, m/s, or {@code NaN}
     * @param headingDeg heading, degrees, or {@code NaN}
     * @param reason why the radio sent it
     */
    void accepted(
            int unitIndex,
            String unitId,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason);
}
