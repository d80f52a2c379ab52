package org.bluelamp.fleet;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a unit is doing, following control-room practice, with the legal transitions between
 * statuses.
 *
 * <p>The transition table (rows: from; a change to the same status is allowed only to re-grade an
 * {@link #EN_ROUTE}, {@link #AT_SCENE} or {@link #COMMITTED} unit, see {@link FleetState#setStatus}):
 *
 * <pre>
 * from \ to     AVAILABLE EN_ROUTE AT_SCENE COMMITTED REFRESHMENT AT_STATION OFF_DUTY
 * AVAILABLE         -        yes      yes      yes        yes        yes        yes
 * EN_ROUTE         yes    (regrade)   yes      yes         -          -          -
 * AT_SCENE         yes       yes   (regrade)   yes         -          -          -
 * COMMITTED        yes       yes      yes   (regrade)      -         yes         -
 * REFRESHMENT      yes       yes       -        -          -         yes        yes
 * AT_STATION       yes       yes       -       yes        yes         -         yes
 * OFF_DUTY         yes        -        -        -          -         yes         -
 * </pre>
 *
 * <p>Reasons: a unit on duty must be free or at its station before it books off; an off-duty unit
 * books on (at its station or straight to available) before it can be deployed; a unit on
 * refreshment or at the station can be pulled out for an urgent call (EN_ROUTE) but must clear
 * before taking new work otherwise; a unit flagged down in the street goes AVAILABLE to AT_SCENE;
 * a unit may be diverted from any deployed status to a new incident (EN_ROUTE); a committed unit
 * may finish its task at the station (e.g. custody).
 *
 * <p>Grades: {@link #COMMITTED} requires the grade code of the task; {@link #EN_ROUTE} and
 * {@link #AT_SCENE} may carry one; other statuses carry none. A unit keeps its task's grade (and
 * incident) from one deployed status to the next unless a new grade is given, until a change to a
 * status that is not deployed releases it ({@link #keepsTaskTo}).
 *
 * <p>Thread-safety: immutable.
 */
public enum UnitStatus {
    /** Free to be sent. */
    AVAILABLE,
    /** Travelling to an incident. */
    EN_ROUTE,
    /** Arrived at an incident. */
    AT_SCENE,
    /** Committed to a task of a given grade. */
    COMMITTED,
    /** On refreshment break. */
    REFRESHMENT,
    /** At its station. */
    AT_STATION,
    /** Off duty: cannot be deployed. */
    OFF_DUTY;

    /** Whether a status carries the grade code of the work the unit is doing. */
    public enum GradeRule {
        /** The status must carry a grade code. */
        REQUIRED,
        /** The status may carry a grade code. */
        OPTIONAL,
        /** The status carries no grade code. */
        NONE
    }

    private static final UnitStatus[] VALUES = values();
    private static final int[] NEXT_MASK = new int[VALUES.length];

    static {
        allow(AVAILABLE, EN_ROUTE, AT_SCENE, COMMITTED, REFRESHMENT, AT_STATION, OFF_DUTY);
        allow(EN_ROUTE, AVAILABLE, EN_ROUTE, AT_SCENE, COMMITTED);
        allow(AT_SCENE, AVAILABLE, EN_ROUTE, AT_SCENE, COMMITTED);
        allow(COMMITTED, AVAILABLE, EN_ROUTE, AT_SCENE, COMMITTED, AT_STATION);
        allow(REFRESHMENT, AVAILABLE, EN_ROUTE, AT_STATION, OFF_DUTY);
        allow(AT_STATION, AVAILABLE, EN_ROUTE, COMMITTED, REFRESHMENT, OFF_DUTY);
        allow(OFF_DUTY, AVAILABLE, AT_STATION);
    }

    private static void allow(UnitStatus from, UnitStatus... to) {
        int mask = 0;
        for (UnitStatus t : to) {
            mask |= 1 << t.ordinal();
        }
        NEXT_MASK[from.ordinal()] = mask;
    }

    /**
     * Whether a unit in this status may change to {@code next}. A change to the same status is legal
     * only for statuses that carry a grade (a re-grade); re-asserting the same status and grade is a
     * no-op handled by {@link FleetState#setStatus}.
     */
    public boolean canChangeTo(UnitStatus next) {
        return (NEXT_MASK[ordinal()] & (1 << next.ordinal())) != 0;
    }

    /** The statuses this status may change to. */
    public Set<UnitStatus> allowedNext() {
        EnumSet<UnitStatus> set = EnumSet.noneOf(UnitStatus.class);
        for (UnitStatus s : VALUES) {
            if (canChangeTo(s)) {
                set.add(s);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /** Whether this status requires, allows or forbids a grade code. */
    public GradeRule gradeRule() {
        return switch (this) {
            case COMMITTED -> GradeRule.REQUIRED;
            case EN_ROUTE, AT_SCENE -> GradeRule.OPTIONAL;
            default -> GradeRule.NONE;
        };
    }

    /**
     * Whether a unit keeps the task it is on (the task's grade, and the incident it was assigned
     * to) when it changes from this status to {@code next} without naming a new grade: it does
     * while it stays deployed ({@link #EN_ROUTE}, {@link #AT_SCENE}, {@link #COMMITTED} to any of
     * them), so that "arrived" ({@code AT_SCENE}) does not forget the Grade 1 it was sent to; any
     * other status releases the task. A change that names a grade re-grades the task instead.
     */
    public boolean keepsTaskTo(UnitStatus next) {
        return isDeployed() && next.isDeployed();
    }

    /** Whether a unit in this status is deployed on (travelling to, at, or committed to) a task. */
    public boolean isDeployed() {
        return this == EN_ROUTE || this == AT_SCENE || this == COMMITTED;
    }
}
