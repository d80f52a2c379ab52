package org.bluelamp.tracking.lip;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Altitude carried by the long report's altitude shapes (codes 4..8). Immutable.
 *
 * @param reference what the altitude is measured from
 * @param altitudeMetres altitude in metres, -200..11 525; empty when the code is the reserved 0
 * @param accuracyMetres upper bound of the altitude error in metres (table 6.63), only for the
 *     "with altitude uncertainty" shapes; empty there for "best effort or not supported"
 */
public record LipAltitude(AltitudeReference reference, OptionalDouble altitudeMetres, OptionalDouble accuracyMetres) {

    public LipAltitude {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(altitudeMetres, "altitudeMetres");
        Objects.requireNonNull(accuracyMetres, "accuracyMetres");
        if (altitudeMetres.isPresent()
                && !(altitudeMetres.getAsDouble() >= -200 && altitudeMetres.getAsDouble() <= 11_525)) {
            throw new IllegalArgumentException("altitudeMetres must be in [-200, 11525]: " + altitudeMetres);
        }
        if (accuracyMetres.isPresent() && !(accuracyMetres.getAsDouble() > 0)) {
            throw new IllegalArgumentException("accuracyMetres must be > 0: " + accuracyMetres);
        }
    }
}
