package org.bluelamp.api;

import java.util.Optional;
import org.bluelamp.fleet.Fix;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixOutcome;
import org.bluelamp.proto.v1.FixRejection;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.RejectionCount;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeResult;
import org.bluelamp.tracking.lip.LipFixes;

/**
 * The contract's fix messages into the intake and its outcomes back into acknowledgements. Runs on
 * the intake thread ({@link IntakeWorker}): each fix of a batch is given to {@link FixIntake} field
 * by field (the intake checks every value and counts each rejection by reason, so a gateway's
 * garbage is counted, not thrown), and the acknowledgement lists what became of them.
 *
 * <p>Thread-safety: stateless; call it from the intake's single writer thread only (the intake is
 * single-writer).
 */
final class IntakeMapping {
    /** Rejections listed one by one in an acknowledgement; the rest are only counted. */
    static final int MAX_LISTED_REJECTIONS = 32;

    private static final int REJECT_REASONS = RejectReason.values().length;

    private IntakeMapping() {}

    /** Applies every fix of a batch in order; the acknowledgement of message {@code messageIndex}. */
    static FixBatchAck apply(FixIntake intake, FixBatch batch, long messageIndex) {
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        int rejected = 0;
        int[] byReason = new int[REJECT_REASONS];
        FixBatchAck.Builder ack =
                FixBatchAck.newBuilder().setBatchId(batch.getBatchId()).setMessageIndex(messageIndex);
        int n = batch.getFixesCount();
        for (int i = 0; i < n; i++) {
            if (i % FixIntake.STAGE_FIXES == 0) { // the staged batch path: read ahead, then take in order
                for (int j = i, end = Math.min(n, i + FixIntake.STAGE_FIXES); j < end; j++) {
                    GpsFix s = batch.getFixes(j);
                    if (s.hasPosition()) {
                        intake.stage(
                                s.getUnitId(),
                                s.getPosition().getLatDeg(),
                                s.getPosition().getLonDeg());
                    }
                }
            }
            GpsFix f = batch.getFixes(i);
            IntakeResult r = intake.apply(
                    f.getUnitId(),
                    f.hasPosition() ? f.getPosition().getLatDeg() : Double.NaN,
                    f.hasPosition() ? f.getPosition().getLonDeg() : Double.NaN,
                    f.getPositionTimeEpochMillis(),
                    f.getAccuracyMetres() == 0 ? Double.NaN : f.getAccuracyMetres(),
                    f.hasSpeedMetresPerSecond() ? f.getSpeedMetresPerSecond() : Double.NaN,
                    f.hasHeadingDeg() ? f.getHeadingDeg() : Double.NaN,
                    ContractEnums.fixReason(f.getReasonValue()));
            switch (r.outcome()) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejected++;
                    int reason = ContractEnums.number(r.reason());
                    byReason[reason]++;
                    if (ack.getRejectionsCount() < MAX_LISTED_REJECTIONS) {
                        ack.addRejections(FixRejection.newBuilder()
                                .setIndex(i)
                                // an id that breaks the id rule is echoed as every echo is (capped,
                                // escaped): a batch of 4 MB ids must not come back whole
                                .setUnitId(Ids.isValid(f.getUnitId()) ? f.getUnitId() : Echo.capped(f.getUnitId()))
                                .setReasonValue(reason)
                                .setMessage(r.message()));
                    }
                }
            }
        }
        ack.setAcceptedCount(latest + historyOnly)
                .setAcceptedLatestCount(latest)
                .setDuplicateCount(duplicates)
                .setRejectedCount(rejected);
        for (int reason = 0; reason < REJECT_REASONS; reason++) {
            if (byReason[reason] > 0) {
                ack.addRejectedByReason(
                        RejectionCount.newBuilder().setReasonValue(reason).setCount(byReason[reason]));
            }
        }
        return ack.build();
    }

    /** Applies the fix of a decoded LIP report; what became of it. */
    static SubmitLipResponse apply(FixIntake intake, Requests.LipSubmission lip) {
        SubmitLipResponse.Builder b = SubmitLipResponse.newBuilder();
        long skew = intake.options().clientTimes().maxFutureSkewMillis();
        Optional<Fix> decoded = LipFixes.toFix(lip.issi(), lip.report(), lip.receivedEpochMillis(), skew);
        if (decoded.isEmpty()) {
            return b.setOutcome(FixOutcome.FIX_OUTCOME_NO_POSITION).build();
        }
        Fix fix = decoded.get();
        if (fix.positionTimeEpochMillis() == LipFixes.NO_POSITION_TIME) {
            return b.setFix(ProtoMapping.toProto(fix, 0))
                    .setOutcome(FixOutcome.FIX_OUTCOME_REJECTED)
                    .setReason(RejectReason.REJECT_REASON_NO_POSITION_TIME)
                    .setMessage("the LIP report gives no usable position time (time type none, or time elapsed "
                            + "'not known')")
                    .build();
        }
        b.setFix(ProtoMapping.toProto(fix, fix.positionTimeEpochMillis()));
        IntakeResult r = intake.apply(fix);
        b.setOutcomeValue(ContractEnums.number(r.outcome()));
        if (r.reason() != null) {
            b.setReasonValue(ContractEnums.number(r.reason())).setMessage(r.message());
        }
        return b.build();
    }
}
