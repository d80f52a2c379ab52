package org.bluelamp.simulation;

import java.util.List;
import java.util.function.Supplier;
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
     * A factory of the named policy's instances.
     *
     * @param field the option or field that named it, for errors
     * @throws BluelampException INVALID_ARGUMENT for an unknown name, and for {@code move-up},
     *     which needs live coverage's move-up advice (issue 12) that this build does not have
     */
    public static Supplier<DispatchPolicy> factory(String name, String field) {
        return switch (name) {
            case StraightLinePolicy.NAME -> StraightLinePolicy::new;
            case RoadTimePolicy.NAME -> RoadTimePolicy::new;
            case StationPolicy.NAME -> StationPolicy::new;
            case MoveUpPolicy.NAME ->
                throw BluelampException.invalid(
                        field,
                        field + " 'move-up' needs the move-up advice of live coverage (issue 12), which this build"
                                + " does not have yet; the policy and its seam (MoveUpPolicy, MoveUpAdvisor) are ready."
                                + " Available: straight-line, road-time, station");
            default ->
                throw BluelampException.invalid(
                        field,
                        field + " " + Echo.quote(name) + " is not a policy; known: straight-line, road-time, station"
                                + " (move-up once coverage has landed)");
        };
    }
}
