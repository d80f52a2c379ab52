package org.bluelamp.tracking;

import java.util.Objects;
import org.bluelamp.fleet.FixOutcome;

/**
 * What became of one fix: its outcome and, when rejected, the reason and a message naming the field
 * and its value. Results for accepted and duplicate fixes are shared constants (no allocation).
 *
 * @param outcome the outcome
 * @param reason why it was rejected, or {@code null} unless {@link FixOutcome#REJECTED}
 * @param message what was wrong and what to do instead, or {@code null} unless rejected
 *
 * <p>Thread-safety: immutable.
 */
public record IntakeResult(FixOutcome outcome, RejectReason reason, String message) {
    /** The fix became the unit's newest. */
    public static final IntakeResult ACCEPTED_LATEST = new IntakeResult(FixOutcome.ACCEPTED_LATEST, null, null);
    /** The fix was older than the unit's newest and went to history only. */
    public static final IntakeResult ACCEPTED_HISTORY_ONLY =
            new IntakeResult(FixOutcome.ACCEPTED_HISTORY_ONLY, null, null);
    /** A fix for the same unit and time was already held. */
    public static final IntakeResult DUPLICATE = new IntakeResult(FixOutcome.DUPLICATE, null, null);

    /** Checks that a reason and message come with, and only with, a rejection. */
    public IntakeResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == FixOutcome.REJECTED) != (reason != null) || (reason == null) != (message == null)) {
            throw new IllegalArgumentException("a reason and message are given with REJECTED and only then");
        }
    }

    static IntakeResult of(FixOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED_LATEST -> ACCEPTED_LATEST;
            case ACCEPTED_HISTORY_ONLY -> ACCEPTED_HISTORY_ONLY;
            case DUPLICATE -> DUPLICATE;
            case REJECTED -> throw new IllegalArgumentException("REJECTED needs a reason");
        };
    }

    /** Whether the fix was accepted (as newest or into history). */
    public boolean isAccepted() {
        return outcome == FixOutcome.ACCEPTED_LATEST || outcome == FixOutcome.ACCEPTED_HISTORY_ONLY;
    }
}
