package org.bluelamp.fleet;

import java.util.Objects;

/**
 * A unit's status as set at a moment: the status, the grade code of its task (when the status
 * carries one) and when it was set.
 *
 * @param status the status
 * @param committedGrade the force's grade code of the task (e.g. {@code "1"}), or {@code null};
 *     required for {@link UnitStatus#COMMITTED}, optional for {@link UnitStatus#EN_ROUTE} and
 *     {@link UnitStatus#AT_SCENE}, absent otherwise
 * @param timeEpochMillis when the status was set, milliseconds since the Unix epoch (UTC)
 *
 * <p>Thread-safety: immutable.
 */
public record StatusChange(UnitStatus status, String committedGrade, long timeEpochMillis) {

    /** Validates the grade against the status's {@link UnitStatus.GradeRule}. */
    public StatusChange {
        Objects.requireNonNull(status, "status");
        if (committedGrade != null && committedGrade.isBlank()) {
            committedGrade = null;
        }
        switch (status.gradeRule()) {
            case REQUIRED -> {
                if (committedGrade == null) {
                    throw new IllegalArgumentException(
                            "committedGrade is required for status " + status + ": give the grade code of the task");
                }
            }
            case NONE -> {
                if (committedGrade != null) {
                    throw new IllegalArgumentException(
                            "committedGrade '" + committedGrade + "' is not allowed for status " + status
                                    + ": only COMMITTED, EN_ROUTE and AT_SCENE carry a grade");
                }
            }
            case OPTIONAL -> {}
        }
    }

    /** A status without a grade. */
    public static StatusChange of(UnitStatus status, long timeEpochMillis) {
        return new StatusChange(status, null, timeEpochMillis);
    }
}
