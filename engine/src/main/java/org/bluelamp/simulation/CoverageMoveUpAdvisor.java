package org.bluelamp.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.coverage.MoveUpPlanner;

/**
 * The simulator's {@link MoveUpAdvisor} over coverage's move-up advice ({@link MoveUpPlanner}):
 * the fleet as the control room knows it (last reported fixes and statuses, read as live coverage
 * reads the service's fleet, {@link LiveCoverage#deployment}) becomes a coverage deployment; the
 * advice's moves become orders for the named units to drive to the posts (the scenario's
 * stations). It draws no random numbers, so a run stays a function of its seed and every policy
 * still faces the same incidents.
 *
 * <p>Not thread-safe: one per run (it holds the run's coverage evaluator).
 */
final class CoverageMoveUpAdvisor implements MoveUpAdvisor {
    /** Moves proposed at most per decision. */
    static final int MAX_MOVES = 3;

    private final MoveUpPlanner planner;
    private final CoverageEvaluator evaluator;

    CoverageMoveUpAdvisor(MoveUpPlanner planner, CoverageEvaluator evaluator) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    @Override
    public List<DispatchPolicy.MoveUp> advise(PolicyContext context) {
        Deployment fleet = LiveCoverage.deployment(context.fleet(), context.nowMillis());
        MoveUpPlanner.Advice advice = planner.advise(evaluator, fleet, MAX_MOVES);
        if (advice.moves().isEmpty()) {
            return List.of();
        }
        List<DispatchPolicy.MoveUp> out = new ArrayList<>(advice.moves().size());
        for (MoveUpPlanner.Move m : advice.moves()) {
            int unit = context.fleet().indexOf(m.unitId());
            if (unit >= 0) {
                out.add(new DispatchPolicy.MoveUp(unit, m.post().position()));
            }
        }
        return out;
    }
}
