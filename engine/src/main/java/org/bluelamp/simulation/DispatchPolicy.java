package org.bluelamp.simulation;

import java.util.List;

/**
 * A dispatch policy: which unit the control room sends to an incident, and what free units do
 * while they wait for work. Every policy of a comparison faces the same incidents (common random
 * numbers); adding one is one class implementing this interface and one line in
 * {@link DispatchPolicies}.
 *
 * <p>Implementations are used by one simulation thread at a time.
 */
public interface DispatchPolicy {
    /** What a free unit does between incidents. */
    enum IdleMode {
        /** Patrols the roads around its station ({@link PatrolWalk}). */
        PATROL,
        /** Drives back to its station and waits there (status at station). */
        STATION
    }

    /** The policy's name, as given to {@code simulate --policies}. */
    String name();

    /** What the policy's free units do. */
    IdleMode idleMode();

    /**
     * The unit to send to an incident, by the fleet's unit index, or -1 when no unit may be sent
     * (the incident waits in the queue until a unit becomes free).
     *
     * @param context what the control room knows now: the fleet as reported, the engine, the time
     */
    int choose(IncidentCall call, PolicyContext context);

    /**
     * Moves of free units to standby points after the fleet changed (a unit sent or freed): none
     * by default. The simulation drives each named unit there (it stays available).
     */
    default List<MoveUp> moveUps(PolicyContext context) {
        return List.of();
    }

    /**
     * An incident as the control room sees it when choosing a unit.
     *
     * @param incidentId its log number
     * @param location where it is
     * @param grade its grade code
     */
    record IncidentCall(String incidentId, org.bluelamp.geo.GeoPoint location, String grade) {}

    /**
     * An order to move a free unit to a standby point.
     *
     * @param unitIndex the fleet's index of the unit
     * @param standby where it should wait
     */
    record MoveUp(int unitIndex, org.bluelamp.geo.GeoPoint standby) {}
}
