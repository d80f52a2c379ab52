package org.bluelamp.simulation;

import java.util.List;
import java.util.Objects;

/**
 * Road-time dispatch with move-up: the engine sends the fastest unit by road ({@link
 * RoadTimePolicy}); free units patrol; and after every unit sent or freed, the move-up advice
 * ({@link MoveUpAdvisor}, from live coverage) moves free units to standby points where they cover
 * the most demand the sent units left uncovered. The advice may be bounded to once per interval
 * of simulated time (the scenario's {@link Scenario.MoveUp#intervalSeconds}): a change within the
 * interval after the last advice asks for none (the fleet's next change after it does). One per
 * run; not thread-safe.
 */
public final class MoveUpPolicy implements DispatchPolicy {
    /** The name given to {@code simulate --policies}. */
    public static final String NAME = "move-up";

    private final MoveUpAdvisor advisor;
    private final long intervalMillis;
    private long lastAdviceMillis = Long.MIN_VALUE;

    /** Advice after every unit sent or freed. */
    public MoveUpPolicy(MoveUpAdvisor advisor) {
        this(advisor, 0);
    }

    /**
     * Advice after a unit is sent or freed when at least {@code intervalMillis} have passed since
     * the last (0: every time).
     */
    public MoveUpPolicy(MoveUpAdvisor advisor, long intervalMillis) {
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("intervalMillis " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
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
        long now = context.nowMillis();
        if (lastAdviceMillis != Long.MIN_VALUE && now - lastAdviceMillis < intervalMillis) {
            return List.of();
        }
        lastAdviceMillis = now;
        return advisor.advise(context);
    }
}
