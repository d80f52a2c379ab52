package org.bluelamp.tracking;

import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;

/**
 * What makes a fix acceptable, written once: the intake applies it to every fix it takes
 * ({@link FixIntake}), and the service's boundary to a position given at registration. Checks, in
 * order (the first one broken is the reason): the unit id ({@link Ids}); latitude and longitude
 * ({@link GeoPoint#isLatitude}, {@link GeoPoint#isLongitude}); the service area, if any; the
 * position time ({@link ClientTimeRule}); accuracy, speed and heading, when reported (not NaN),
 * finite and plausible.
 *
 * <p>{@link #firstBroken} allocates nothing; {@link #explain} builds the message of a rejection.
 *
 * <p>Thread-safety: immutable.
 */
public final class FixRules {
    private final IntakeOptions options;

    /** The rules of these options. */
    public FixRules(IntakeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The service area, or null for none. */
    public ServiceArea serviceArea() {
        return options.serviceArea();
    }

    /** The first rule the fix breaks, or {@code null} when it breaks none. Allocation-free. */
    public RejectReason firstBroken(
            String unitId, double lat, double lon, long time, double accuracy, double speed, double heading, long now) {
        return firstBroken(unitId, false, lat, lon, time, accuracy, speed, heading, now);
    }

    /**
     * As {@link #firstBroken(String, double, double, long, double, double, double, long)}, for a
     * fix whose unit may be known to be registered: a registered unit's id followed the id rule
     * when it was registered ({@code UnitSpec} checks it), so it is not checked again on every fix.
     *
     * @param registered whether {@code unitId} is the id of a registered unit
     */
    public RejectReason firstBroken(
            String unitId,
            boolean registered,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            long now) {
        if (!registered && !Ids.isValid(unitId)) {
            return RejectReason.INVALID_UNIT_ID;
        }
        if (!GeoPoint.isLatitude(lat)) {
            return RejectReason.INVALID_LATITUDE;
        }
        if (!GeoPoint.isLongitude(lon)) {
            return RejectReason.INVALID_LONGITUDE;
        }
        ServiceArea area = options.serviceArea();
        if (area != null && !area.contains(lat, lon)) {
            return RejectReason.OUTSIDE_SERVICE_AREA;
        }
        ClientTimeRule times = options.clientTimes();
        if (times.tooOld(time, now)) {
            return RejectReason.TOO_OLD;
        }
        if (times.tooFarAhead(time, now)) {
            return RejectReason.FUTURE_TIMESTAMP;
        }
        if (!Double.isNaN(accuracy) && !(accuracy >= 0 && accuracy <= options.maxAccuracyMetres())) {
            return RejectReason.INVALID_ACCURACY;
        }
        if (!Double.isNaN(speed) && !(speed >= 0 && speed <= options.maxSpeedMetresPerSecond())) {
            return RejectReason.INVALID_SPEED;
        }
        if (!Double.isNaN(heading) && !(heading >= 0 && heading <= 360)) {
            return RejectReason.INVALID_HEADING;
        }
        return null;
    }

    /** What is wrong, naming the field and its value, for a reason {@link #firstBroken} gave. */
    public String explain(
            RejectReason reason,
            String unitId,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            long now) {
        String unit = " of unit " + Echo.quote(unitId);
        return switch (reason) {
            case INVALID_UNIT_ID -> "unitId " + Echo.quote(unitId) + " is not a valid id: " + Ids.problem(unitId);
            case INVALID_LATITUDE -> "latDeg " + lat + unit + " is not a latitude in [-90, 90]";
            case INVALID_LONGITUDE -> "lonDeg " + lon + unit + " is not a longitude in [-180, 180]";
            case OUTSIDE_SERVICE_AREA ->
                "latDeg/lonDeg (" + lat + ", " + lon + ")" + unit + " is outside the service area: "
                        + options.serviceArea()
                        + (lat == 0 && lon == 0 ? " (0, 0 is what radios send without a GPS fix)" : "");
            case TOO_OLD, FUTURE_TIMESTAMP -> timeMessage(time, now) + unit;
            case INVALID_ACCURACY ->
                "accuracyMetres " + accuracy + unit + " is not in [0, " + options.maxAccuracyMetres()
                        + "] (use NaN when not reported)";
            case INVALID_SPEED ->
                "speedMetresPerSecond " + speed + unit + " is not in [0, " + options.maxSpeedMetresPerSecond()
                        + "] (use NaN when not reported)";
            case INVALID_HEADING -> "headingDeg " + heading + unit + " is not in [0, 360] (use NaN when not reported)";
            case UNKNOWN_UNIT -> "unitId " + Echo.quote(unitId) + " is not a registered unit";
        };
    }

    private String timeMessage(long time, long now) {
        try {
            options.clientTimes().check("positionTimeEpochMillis", time, now);
            return "positionTimeEpochMillis " + time + " is outside the accepted window";
        } catch (BluelampException e) {
            return e.getMessage();
        }
    }
}
