package org.bluelamp.simulation;

import java.util.List;

/**
 * Where free units should move to restore coverage after the fleet changed: the seam through
 * which {@link MoveUpPolicy} takes the move-up advice of live coverage (issue 12: which free unit
 * should move where to restore the most Grade 1 coverage). The simulator holds no coverage model
 * of its own; an advisor is given to the policy by whoever builds it.
 *
 * <p>Called from the simulation thread only.
 */
@FunctionalInterface
public interface MoveUpAdvisor {
    /**
     * The moves to make now, at most one per unit; units named that are not free are skipped.
     *
     * @param context the fleet as reported, the engine and the time
     */
    List<DispatchPolicy.MoveUp> advise(PolicyContext context);
}
