package org.bluelamp.tracking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;
import org.bluelamp.fleet.FixOutcome;

/**
 * Running totals of the intake, per outcome and per rejection reason, for metrics.
 *
 * <p>Thread-safety: written by the intake's single thread (plain increments published with opaque
 * stores: no atomic read-modify-write on the hot path), readable from any thread; a reader may see
 * counts a few fixes behind.
 */
public final class IntakeCounters {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final FixOutcome[] OUTCOMES = FixOutcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final long[] outcomes = new long[OUTCOMES.length];
    private final long[] reasons = new long[REASONS.length];

    IntakeCounters() {}

    void increment(FixOutcome outcome) {
        int i = outcome.ordinal();
        LONGS.setOpaque(outcomes, i, outcomes[i] + 1);
    }

    void increment(RejectReason reason) {
        int i = reason.ordinal();
        LONGS.setOpaque(reasons, i, reasons[i] + 1);
        increment(FixOutcome.REJECTED);
    }

    /** Fixes with this outcome so far. */
    public long count(FixOutcome outcome) {
        return (long) LONGS.getOpaque(outcomes, outcome.ordinal());
    }

    /** Fixes rejected for this reason so far. */
    public long rejected(RejectReason reason) {
        return (long) LONGS.getOpaque(reasons, reason.ordinal());
    }

    /** Every fix seen so far. */
    public long total() {
        long sum = 0;
        for (FixOutcome o : OUTCOMES) {
            sum += count(o);
        }
        return sum;
    }

    /** Rejections by reason (all reasons, zeros included). */
    public Map<RejectReason, Long> rejectedByReason() {
        EnumMap<RejectReason, Long> map = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            map.put(r, rejected(r));
        }
        return map;
    }

    @Override
    public String toString() {
        return "IntakeCounters[latest=" + count(FixOutcome.ACCEPTED_LATEST) + ", historyOnly="
                + count(FixOutcome.ACCEPTED_HISTORY_ONLY) + ", duplicates=" + count(FixOutcome.DUPLICATE)
                + ", rejected="
                + rejectedByReason() + "]";
    }
}
