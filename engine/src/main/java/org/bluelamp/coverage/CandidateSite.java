package org.bluelamp.coverage;

import java.util.Objects;
import org.bluelamp.geo.GeoPoint;

/**
 * A place a unit could stand by at, for placement: a station, a standby point, or a road junction.
 * Immutable.
 *
 * @param id its id ({@code junction-<node>} for junctions)
 * @param name what to call it
 * @param position where it is
 */
public record CandidateSite(String id, String name, GeoPoint position) {
    public CandidateSite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
    }
}
