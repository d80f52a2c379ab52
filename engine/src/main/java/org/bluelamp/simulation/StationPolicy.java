package org.bluelamp.simulation;

/**
 * Station-based deployment: free units drive back to their station and wait there (status at
 * station, so the policy's mobilisation delay applies when one is sent), and the engine sends the
 * fastest by road, as {@link RoadTimePolicy}. How ambulance and fire services wait; the baseline
 * for what patrolling buys. Stateless; one per run.
 */
public final class StationPolicy implements DispatchPolicy {
    /** The name given to {@code simulate --policies}. */
    public static final String NAME = "station";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IdleMode idleMode() {
        return IdleMode.STATION;
    }

    @Override
    public int choose(IncidentCall call, PolicyContext context) {
        return RoadTimePolicy.fastestByRoad(call, context);
    }
}
