package org.bluelamp.tracking;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.DuplicateUnitException;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;

/**
 * The single entry point for GPS fixes: validates each fix at the boundary, counts and explains
 * every rejection, and records the rest into the {@link FleetState}, which keeps them in order
 * (never moving a unit back in time) and drops duplicates.
 *
 * <p>Checks, in order (the first failure is reported): unit id well-formed ({@link Ids}); latitude and longitude
 * numbers in range; inside the service area (if configured); position time not beyond the clock
 * plus the allowed skew, and not older than the maximum fix age; accuracy, speed and heading, when
 * reported, finite and plausible; finally the unit is registered (or registered now, if
 * auto-registration is on — last, so that garbage never registers a unit).
 *
 * <p>Threading: <b>single writer</b>. All fixes go through one thread (the gRPC handlers hand
 * batches to it; the LIP decoder runs on it), which owns the fleet's history and spatial index.
 * One core takes 1 to 5 million fixes a second depending on fleet size (see
 * {@code benchmarks/RESULTS.md}); a national fleet of 50,000 radios reporting every 5 s makes 10,000, so striping by unit was not worth its
 * cost (an index per stripe, queries merging stripes). Readers of the fleet are never blocked.
 *
 * <p>Allocation: none per accepted or duplicate fix; a rejection allocates its message.
 */
public final class FixIntake {
    private final FleetState fleet;
    private final IntakeOptions options;
    private final InstantSource clock;
    private final IntakeCounters counters = new IntakeCounters();
    private RejectReason lastReason;
    private String lastMessage;

    /**
     * @param fleet where accepted fixes go
     * @param options what to accept
     * @param clock the engine clock: future and age limits are measured against it
     */
    public FixIntake(FleetState fleet, IntakeOptions options, InstantSource clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What this intake accepts (its client time rule and service area are the service's too). */
    public IntakeOptions options() {
        return options;
    }

    /** Totals per outcome and reason; readable from any thread. */
    public IntakeCounters counters() {
        return counters;
    }

    /** Takes one fix. */
    public IntakeResult apply(Fix fix) {
        return apply(
                fix.unitId(),
                fix.latDeg(),
                fix.lonDeg(),
                fix.positionTimeEpochMillis(),
                fix.accuracyMetres(),
                fix.speedMetresPerSecond(),
                fix.headingDeg(),
                fix.reason());
    }

    /**
     * Takes one fix given field by field (what a decoder calls without building a {@link Fix}).
     * Absent optional values are {@code NaN}; a {@code null} reason is {@link FixReason#UNSPECIFIED}.
     */
    public IntakeResult apply(
            String unitId,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason) {
        FixOutcome outcome = take(
                unitId,
                latDeg,
                lonDeg,
                positionTimeEpochMillis,
                accuracyMetres,
                speedMetresPerSecond,
                headingDeg,
                reason,
                clock.millis());
        return outcome == FixOutcome.REJECTED
                ? new IntakeResult(FixOutcome.REJECTED, lastReason, lastMessage)
                : IntakeResult.of(outcome);
    }

    /** Takes a batch in order, reading the clock once; returns the counts and every rejection. */
    public BatchResult applyBatch(List<Fix> fixes) {
        long now = clock.millis();
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        List<Rejection> rejections = new ArrayList<>();
        Map<RejectReason, Integer> byReason = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < fixes.size(); i++) {
            Fix f = fixes.get(i);
            FixOutcome outcome = take(
                    f.unitId(),
                    f.latDeg(),
                    f.lonDeg(),
                    f.positionTimeEpochMillis(),
                    f.accuracyMetres(),
                    f.speedMetresPerSecond(),
                    f.headingDeg(),
                    f.reason(),
                    now);
            switch (outcome) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejections.add(new Rejection(i, f.unitId(), lastReason, lastMessage));
                    byReason.merge(lastReason, 1, Integer::sum);
                }
            }
        }
        return new BatchResult(latest, historyOnly, duplicates, rejections.size(), byReason, rejections);
    }

    private FixOutcome take(
            String unitId,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            FixReason reason,
            long now) {
        RejectReason r = check(unitId, lat, lon, time, accuracy, speed, heading, now);
        if (r != null) {
            return reject(r);
        }
        int index = fleet.indexOf(unitId);
        if (index < 0) {
            AutoRegistration auto = options.autoRegistration();
            if (auto == null) {
                return reject(
                        RejectReason.UNKNOWN_UNIT,
                        "unitId '" + unitId
                                + "' is not a registered unit: register it first or enable auto-registration");
            }
            try {
                index = fleet.register(
                                UnitSpec.minimal(unitId, auto.kind()), StatusChange.of(auto.initialStatus(), now))
                        .unitIndex();
            } catch (DuplicateUnitException raced) {
                index = fleet.indexOf(unitId); // registered meanwhile by another thread
            }
        }
        FixOutcome outcome = fleet.recordFix(
                index, lat, lon, time, accuracy, speed, heading, reason == null ? FixReason.UNSPECIFIED : reason);
        counters.increment(outcome);
        return outcome;
    }

    /** The first rule the fix breaks, with {@link #lastMessage} set; {@code null} when valid. */
    private RejectReason check(
            String unitId, double lat, double lon, long time, double accuracy, double speed, double heading, long now) {
        String badId = Ids.problem(unitId);
        if (badId != null) {
            lastMessage = "unitId " + Echo.quote(unitId) + " is not a valid id: " + badId;
            return RejectReason.INVALID_UNIT_ID;
        }
        if (!(lat >= -90 && lat <= 90)) {
            lastMessage = "latDeg " + lat + " of unit '" + unitId + "' is not a latitude in [-90, 90]";
            return RejectReason.INVALID_LATITUDE;
        }
        if (!(lon >= -180 && lon <= 180)) {
            lastMessage = "lonDeg " + lon + " of unit '" + unitId + "' is not a longitude in [-180, 180]";
            return RejectReason.INVALID_LONGITUDE;
        }
        ServiceArea area = options.serviceArea();
        if (area != null && !area.contains(lat, lon)) {
            lastMessage = "latDeg/lonDeg (" + lat + ", " + lon + ") of unit '" + unitId
                    + "' is outside the service area " + area;
            return RejectReason.OUTSIDE_SERVICE_AREA;
        }
        ClientTimeRule times = options.clientTimes();
        if (times.tooFarAhead(time, now) || times.tooOld(time, now)) {
            lastMessage = explainTime(times, unitId, time, now);
            return times.tooOld(time, now) ? RejectReason.TOO_OLD : RejectReason.FUTURE_TIMESTAMP;
        }
        if (!Double.isNaN(accuracy) && !(accuracy >= 0 && accuracy <= options.maxAccuracyMetres())) {
            lastMessage = "accuracyMetres " + accuracy + " of unit '" + unitId + "' is not in [0, "
                    + options.maxAccuracyMetres() + "] (use NaN when not reported)";
            return RejectReason.INVALID_ACCURACY;
        }
        if (!Double.isNaN(speed) && !(speed >= 0 && speed <= options.maxSpeedMetresPerSecond())) {
            lastMessage = "speedMetresPerSecond " + speed + " of unit '" + unitId + "' is not in [0, "
                    + options.maxSpeedMetresPerSecond() + "] (use NaN when not reported)";
            return RejectReason.INVALID_SPEED;
        }
        if (!Double.isNaN(heading) && !(heading >= 0 && heading <= 360)) {
            lastMessage = "headingDeg " + heading + " of unit '" + unitId
                    + "' is not in [0, 360] (use NaN when not reported)";
            return RejectReason.INVALID_HEADING;
        }
        return null;
    }

    /** The client time rule's own message, with the unit. */
    private static String explainTime(ClientTimeRule times, String unitId, long time, long now) {
        try {
            times.check("positionTimeEpochMillis", time, now);
            return "positionTimeEpochMillis " + time + " is outside the accepted window";
        } catch (BluelampException e) {
            return e.getMessage() + " (unit '" + unitId + "')";
        }
    }

    private FixOutcome reject(RejectReason reason) {
        lastReason = reason;
        counters.increment(reason);
        return FixOutcome.REJECTED;
    }

    private FixOutcome reject(RejectReason reason, String message) {
        lastMessage = message;
        return reject(reason);
    }
}
