package org.bluelamp.tracking;

import java.util.List;
import java.util.Map;

/**
 * What became of a batch of fixes: counts per outcome and per rejection reason, and each rejection
 * (what the gRPC stream acknowledges).
 *
 * @param acceptedLatest fixes that became their unit's newest
 * @param acceptedHistoryOnly older fixes kept in history only
 * @param duplicates fixes already held
 * @param rejected fixes refused
 * @param rejectedByReason refused fixes by reason (reasons with none are absent)
 * @param rejections each refused fix, in batch order
 *
 * <p>Thread-safety: immutable.
 */
public record BatchResult(
        int acceptedLatest,
        int acceptedHistoryOnly,
        int duplicates,
        int rejected,
        Map<RejectReason, Integer> rejectedByReason,
        List<Rejection> rejections) {

    /** Copies the collections. */
    public BatchResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
        rejections = List.copyOf(rejections);
    }

    /** Fixes accepted, as newest or into history. */
    public int accepted() {
        return acceptedLatest + acceptedHistoryOnly;
    }
}
