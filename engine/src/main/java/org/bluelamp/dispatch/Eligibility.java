package org.bluelamp.dispatch;

import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitStatus;

/**
 * Whether a unit may be recommended for an incident, and for what, by the rules that need no road
 * graph: its status under the grade's policy (including diversion from lower-grade work), its
 * capabilities against the request and the response plan, and whether it has a position young
 * enough to use. Whether it can be placed on a road and reach the incident is decided later, by
 * the search.
 *
 * <p>A unit can serve two purposes, as bits of the value {@link #check} returns:
 *
 * <ul>
 *   <li>{@link #LISTABLE}: it has every capability the request requires, so it may be listed among
 *       the fastest K candidates;
 *   <li>{@link #PLAN_FILLER}: it has the capabilities of at least one slot of the response plan.
 * </ul>
 *
 * <p>Not thread-safe: one per query thread, {@link #reset} per query; {@link #check} allocates
 * nothing.
 */
final class Eligibility {
    /** Purpose bit: has every capability the request requires; may be listed among the fastest K. */
    static final int LISTABLE = 1;
    /** Purpose bit: can fill at least one slot of the response plan. */
    static final int PLAN_FILLER = 2;

    private final PolicyBook policies;
    private GradePolicy grade;
    private int eligibleStatusMask;
    private int divertibleStatusMask;
    private long requiredMask;
    private long[] slotMasks = new long[0];
    private int slotCount;

    // the outcome of the last check
    private ExclusionReason exclusion;
    private String divertedFromGrade;
    private long fixAgeMillis;

    Eligibility(PolicyBook policies) {
        this.policies = policies;
    }

    /**
     * Starts a query: the grade, the capabilities every listed unit must have, and the response
     * plan's slots (each the capability mask a unit must cover; the request's required
     * capabilities included).
     */
    void reset(GradePolicy grade, long requiredMask, long[] slotMasks, int slotCount) {
        this.grade = grade;
        this.eligibleStatusMask = grade.eligibleMask();
        this.divertibleStatusMask = grade.divertibleMask();
        this.requiredMask = requiredMask;
        this.slotMasks = slotMasks;
        this.slotCount = slotCount;
    }

    /**
     * Checks one unit as read at {@code nowMillis}.
     *
     * @return its purposes ({@link #LISTABLE}, {@link #PLAN_FILLER}), or 0 when it is left out,
     *     with {@link #exclusion()} saying why
     */
    int check(UnitReading r, long nowMillis) {
        exclusion = null;
        divertedFromGrade = null;
        fixAgeMillis = 0;
        UnitStatus status = r.status().status();
        int bit = 1 << status.ordinal();
        if ((eligibleStatusMask & bit) == 0) {
            String committed = r.status().committedGrade();
            GradePolicy current = (divertibleStatusMask & bit) != 0 && committed != null
                    ? policies.findGrade(committed).orElse(null)
                    : null;
            if (current == null || current.priority() <= grade.priority()) {
                return exclude(ExclusionReason.WRONG_STATUS);
            }
            divertedFromGrade = committed;
        }
        long mask = r.capabilityMask();
        int purposes = (mask & requiredMask) == requiredMask ? LISTABLE : 0;
        for (int s = 0; s < slotCount; s++) {
            if ((mask & slotMasks[s]) == slotMasks[s]) {
                purposes |= PLAN_FILLER;
                break;
            }
        }
        if (purposes == 0) {
            return exclude(ExclusionReason.MISSING_CAPABILITY);
        }
        if (!r.hasFix()) {
            return exclude(ExclusionReason.NO_POSITION);
        }
        fixAgeMillis = Math.max(0, r.fixAgeMillis(nowMillis));
        if (fixAgeMillis > policies.maxFixAgeMillis()) {
            return exclude(ExclusionReason.STALE_BEYOND_LIMIT);
        }
        return purposes;
    }

    private int exclude(ExclusionReason reason) {
        divertedFromGrade = null;
        exclusion = reason;
        return 0;
    }

    /** Why the last unit checked was left out, or null if it was not. */
    ExclusionReason exclusion() {
        return exclusion;
    }

    /** The grade of the task the last unit checked would be diverted from, or null. */
    String divertedFromGrade() {
        return divertedFromGrade;
    }

    /** The age of the last eligible unit's position at the time checked, milliseconds (at least 0). */
    long fixAgeMillis() {
        return fixAgeMillis;
    }
}
