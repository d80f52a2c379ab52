package org.bluelamp.coverage;

import org.bluelamp.road.TravelProfile;

/**
 * The road conditions a coverage evaluation runs under, per travel profile (a flooded road may close
 * to cars but not to officers on foot). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RoadConditions {
    /** Free-flowing roads, nothing closed. */
    RoadConditions NONE = profile -> EdgeConditions.NONE;

    /** The closed edges and time factors of one profile. */
    EdgeConditions forProfile(TravelProfile profile);
}
