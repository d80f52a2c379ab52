package org.bluelamp.simulation;

import java.util.List;
import java.util.Objects;

/**
 * Road-time dispatch with move-up: the engine sends the fastest unit by road ({@link
 * RoadTimePolicy}); free units patrol; and after every unit sent or freed, the move-up advice
 * ({@link MoveUpAdvisor}, from live coverage) moves free units to standby points where they cover
 * the most demand the sent units left uncovered. One per run.
 */
public final class MoveUpPolicy implements DispatchPolicy {
    /** The name given to {@code simulate --policies}. */
    public static final String NAME = "move-up";

    private final MoveUpAdvisor advisor;

    public MoveUpPolicy(MoveUpAdvisor advisor) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
    }

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
        return RoadTimePolicy.fastestByRoad(call, context);
    }

    @Override
    public List<MoveUp> moveUps(PolicyContext context) {
        return advisor.advise(context);
    }
}
