package org.bluelamp.simulation;

import java.util.Set;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;

/**
 * This engine: sends the unit the engine ranks first, the fastest by road ETA (mobilisation,
 * off-road leg, road time with the grade's profile, access leg; stale positions weighed) from its
 * last reported position, among the units the grade policy allows (diversions included). Free
 * units patrol. Stateless; one per run.
 */
public final class RoadTimePolicy implements DispatchPolicy {
    /** The name given to {@code simulate --policies}. */
    public static final String NAME = "road-time";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IdleMode idleMode() {
        return IdleMode.PATROL;
    }

    @Override
    public int choose(IncidentCall call, PolicyContext context) {
        return fastestByRoad(call, context);
    }

    /** The unit the engine ranks first for the incident, or -1 when it recommends none. */
    static int fastestByRoad(IncidentCall call, PolicyContext context) {
        Recommendation rec = context.dispatcher()
                .recommend(new IncidentRequest(call.incidentId(), call.location(), call.grade(), "", Set.of(), 1));
        if (rec.candidates().isEmpty()) {
            return -1;
        }
        return context.fleet().indexOf(rec.candidates().get(0).unitId());
    }
}
