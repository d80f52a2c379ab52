package org.bluelamp.coverage;

import java.util.Objects;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Ids;

/**
 * A place units are based at or stand by at: a police station, a shared blue-light station, a
 * standby point. Immutable.
 *
 * @param id its id (the id rule of {@link Ids})
 * @param name what people call it
 * @param position where it is
 */
public record Station(String id, String name, GeoPoint position) {
    public Station {
        Ids.check("station.id", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
    }
}
