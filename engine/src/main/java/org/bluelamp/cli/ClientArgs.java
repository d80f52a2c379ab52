package org.bluelamp.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;

/**
 * How the client commands read their arguments into contract values, each error naming the
 * option or argument as the user wrote it ({@code --status}, {@code <unit-id>}); and how they print
 * an answer as JSON.
 *
 * <p>Stateless and thread-safe.
 */
final class ClientArgs {
    private ClientArgs() {}

    /** A status name such as {@code available} or {@code en-route}, case-insensitive. */
    static UnitStatus status(String option, String text) {
        String key = normal(text);
        for (UnitStatus s : UnitStatus.values()) {
            if (s != UnitStatus.UNIT_STATUS_UNSPECIFIED
                    && s != UnitStatus.UNRECOGNIZED
                    && s.name().equals("UNIT_STATUS_" + key)) {
                return s;
            }
        }
        throw BluelampException.invalid(
                option,
                option + " " + Echo.quote(text) + " is not a status: use one of available, en_route, at_scene, "
                        + "committed, refreshment, at_station, off_duty");
    }

    /** A kind name such as {@code car} or {@code bicycle}, case-insensitive. */
    static UnitKind kind(String option, String text) {
        String key = normal(text);
        for (UnitKind k : UnitKind.values()) {
            if (k != UnitKind.UNIT_KIND_UNSPECIFIED
                    && k != UnitKind.UNRECOGNIZED
                    && k.name().equals("UNIT_KIND_" + key)) {
                return k;
            }
        }
        throw BluelampException.invalid(
                option,
                option + " " + Echo.quote(text)
                        + " is not a unit kind: use one of car, van, motorcycle, foot, bicycle");
    }

    private static String normal(String text) {
        return text == null
                ? ""
                : text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** An id (unit, incident, capability, grade, station ...) checked by {@link Ids}, naming the option. */
    static String id(String option, String text) {
        return Ids.check(option, text);
    }

    /** A point written {@code lat,lon}. */
    static LatLon latLon(String option, String text) {
        GeoPoint p = GeoPoint.parse(option, text);
        return LatLon.newBuilder().setLatDeg(p.latDeg()).setLonDeg(p.lonDeg()).build();
    }

    /** An ISO-8601 instant such as {@code 2026-11-26T12:00:00Z}, in milliseconds since 1970. */
    static long instantMillis(String option, String text) {
        try {
            return Instant.parse(text.strip()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw BluelampException.invalid(
                    option,
                    option + " " + Echo.quote(text) + " is not an ISO-8601 instant such as 2026-11-26T12:00:00Z");
        }
    }
}
