package org.bluelamp.simulation;

import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.SpatialSearch;

/**
 * What a {@link DispatchPolicy} may use to decide: the engine's dispatcher over the fleet as the
 * control room knows it (statuses, and positions as last reported), the fleet's spatial index, the
 * grade policy and the simulated time. Nothing here reveals a unit's true position. One per
 * simulation run; not thread-safe.
 */
public final class PolicyContext {
    private final Dispatcher dispatcher;
    private final SpatialSearch spatial;
    private final SimClock clock;

    PolicyContext(Dispatcher dispatcher, SimClock clock) {
        this.dispatcher = dispatcher;
        this.spatial = dispatcher.fleet().newSpatialSearch();
        this.clock = clock;
    }

    /** The engine's ranking over the fleet as reported. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The fleet as reported: statuses, last fixes. */
    public FleetState fleet() {
        return dispatcher.fleet();
    }

    /** The grade policy. */
    public PolicyBook policies() {
        return dispatcher.policies();
    }

    /** The fleet's spatial index for this thread (nearest units by straight line). */
    public SpatialSearch spatial() {
        return spatial;
    }

    /** The simulated time, milliseconds since the epoch. */
    public long nowMillis() {
        return clock.millis();
    }
}
