package org.bluelamp.simulation;

import java.util.List;
import java.util.function.Supplier;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * The policies {@code simulate --policies} knows, by name. A policy is created fresh for each run
 * (policies may keep per-run state). Stateless; thread-safe.
 */
public final class DispatchPolicies {
    /** Every policy name, in the order results list them. */
    public static final List<String> NAMES =
            List.of(StraightLinePolicy.NAME, RoadTimePolicy.NAME, MoveUpPolicy.NAME, StationPolicy.NAME);

    private DispatchPolicies() {}

    /**
     * Checks a policy name.
     *
     * @param field the option or field that named it, for errors
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} for an unknown name
     */
    public static void check(String name, String field) {
        if (!NAMES.contains(name)) {
            throw BluelampException.invalid(
                    field, field + " " + Echo.quote(name) + " is not a policy; known: " + String.join(", ", NAMES));
        }
    }

    /**
     * A factory of the named policy's instances for runs of {@code world}. For {@code move-up} the
     * world's move-up advice ({@link SimulationWorld#moveUpPlanner}) is prepared here, once, and
     * each instance gets its own advisor over it.
     *
     * @param field the option or field that named it, for errors
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} for an unknown name
     */
    public static Supplier<DispatchPolicy> factory(String name, String field, SimulationWorld world) {
        check(name, field);
        return switch (name) {
            case StraightLinePolicy.NAME -> StraightLinePolicy::new;
            case RoadTimePolicy.NAME -> RoadTimePolicy::new;
            case StationPolicy.NAME -> StationPolicy::new;
            case MoveUpPolicy.NAME -> {
                MoveUpPlanner planner = world.moveUpPlanner();
                long interval = Math.round(world.scenario().moveUp().intervalSeconds() * 1000);
                yield () -> new MoveUpPolicy(
                        new CoverageMoveUpAdvisor(planner, new CoverageEvaluator(planner.area(), world.policies())),
                        interval);
            }
            default -> throw new IllegalStateException("checked above: " + name);
        };
    }
}
