package org.bluelamp.coverage;

import java.util.Objects;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Ids;

/**
 * A unit of a deployment: what it is, its status (which sets its mobilisation delay under the
 * grade policy, and whether it may answer the grade at all) and where it waits. Immutable.
 *
 * @param id its id (the id rule of {@link Ids})
 * @param kind car, van, motorcycle, foot or bicycle: the profile it travels with
 * @param status its status, e.g. {@code AT_STATION} (mobilising takes the policy's time from a
 *     station) or {@code AVAILABLE} (on patrol or at a standby point: no delay)
 * @param position where it waits
 * @param station the station it is based at ("" when none); closing that station removes it
 * @param accuracyMetres how far its reported position may be from where it is (live units), or NaN
 */
public record PlannedUnit(
        String id, UnitKind kind, UnitStatus status, GeoPoint position, String station, double accuracyMetres) {
    public PlannedUnit {
        Ids.check("unit.id", id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(station, "station");
        if (!station.isEmpty()) {
            Ids.check("unit.station", station);
        }
        if (!(Double.isNaN(accuracyMetres) || accuracyMetres >= 0)) {
            throw new IllegalArgumentException("accuracyMetres must be >= 0 or NaN, got " + accuracyMetres);
        }
    }

    /** A unit at a position, without a station. */
    public static PlannedUnit at(String id, UnitKind kind, UnitStatus status, GeoPoint position) {
        return new PlannedUnit(id, kind, status, position, "", Double.NaN);
    }

    /** The same unit somewhere else (and no longer based at a station unless {@code station} says so). */
    public PlannedUnit movedTo(GeoPoint to, String toStation) {
        return new PlannedUnit(id, kind, status, to, toStation, Double.NaN);
    }
}
