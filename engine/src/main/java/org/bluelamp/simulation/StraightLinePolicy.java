package org.bluelamp.simulation;

import java.util.Optional;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitStatus;

/**
 * Straight-line nearest: sends the unit whose last reported position is nearest the incident as
 * the crow flies (what a Redis or Tile38 GEO query gives), among the units the grade policy allows
 * (the same statuses and diversions as the engine's ranking, positions no older than the policy's
 * limit). Free units patrol. The fleet's own spatial index answers, great-circle distances.
 *
 * <p>One per run; not thread-safe (it reuses one reading and one filter).
 */
public final class StraightLinePolicy implements DispatchPolicy {
    /** The name given to {@code simulate --policies}. */
    public static final String NAME = "straight-line";

    private final UnitReading reading = new UnitReading();
    private PolicyContext context;
    private GradePolicy grade;
    private final UnitFilter eligible = this::eligible;

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
        this.context = context;
        this.grade = context.policies().getGrade(call.grade());
        int found = context.spatial()
                .nearest(call.location().latDeg(), call.location().lonDeg(), 1, eligible);
        return found == 0 ? -1 : context.spatial().resultUnitIndex(0);
    }

    /** The engine's eligibility rules (status, diversion from lower grades, age of position). */
    private boolean eligible(int unitIndex) {
        context.fleet().readUnit(unitIndex, reading);
        UnitStatus status = reading.status().status();
        if (!grade.eligibleStatuses().contains(status)) {
            String committed = reading.status().committedGrade();
            if (!grade.divertibleStatuses().contains(status) || committed == null) {
                return false;
            }
            Optional<GradePolicy> current = context.policies().findGrade(committed);
            if (current.isEmpty() || current.get().priority() <= grade.priority()) {
                return false;
            }
        }
        return reading.hasFix()
                && reading.fixAgeMillis(context.nowMillis())
                        <= context.policies().maxFixAgeMillis();
    }
}
