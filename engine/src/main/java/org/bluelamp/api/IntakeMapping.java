package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.bluelamp.fleet.Fix;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixOutcome;
import org.bluelamp.proto.v1.FixRejection;
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

    /**
     * Decodes message {@code messageIndex} of a fix stream ({@link FixBatchDecoder}, into the
     * decoder's reused columns) and applies its fixes in order; its acknowledgement. A message that
     * is not a FixBatch, or has more than {@code maxFixes} fixes, is refused whole with nothing
     * applied ({@link #refusal}).
     */
    static FixBatchAck apply(
            FixIntake intake, FixBatchDecoder decoder, byte[] payload, long messageIndex, int maxFixes) {
        FixBatchAck refused = refusal(decoder, payload, messageIndex, maxFixes, maxFixes, intake);
        return refused != null ? refused : apply(intake, decoder, messageIndex);
    }

    /**
     * Decodes a fix stream's message; null when it is a FixBatch of at most {@code maxFixes} fixes
     * (then the first {@code maxKept} are in the decoder), else the acknowledgement refusing it whole
     * (MALFORMED_MESSAGE with protobuf's reason, or BATCH_TOO_LARGE with the message's batch id).
     */
    static FixBatchAck refusal(FixBatchDecoder decoder, byte[] payload, long messageIndex, int maxFixes, int maxKept) {
        return refusal(decoder, payload, messageIndex, maxFixes, maxKept, null);
    }

    /**
     * As {@link #refusal(FixBatchDecoder, byte[], long, int, int)}, registered ids taken from
     * {@code known}'s fleet ({@link FixBatchDecoder#decode(byte[], int, int, int, FixIntake)}).
     */
    static FixBatchAck refusal(
            FixBatchDecoder decoder, byte[] payload, long messageIndex, int maxFixes, int maxKept, FixIntake known) {
        try {
            decoder.decode(payload, 0, payload.length, maxKept, known);
        } catch (InvalidProtocolBufferException e) {
            return whole(
                    messageIndex,
                    0,
                    RejectReason.REJECT_REASON_MALFORMED_MESSAGE,
                    "message " + messageIndex + " is not a valid FixBatch: "
                            + Rpc.notParsed("FixBatch", e).getMessage());
        } catch (RuntimeException e) { // as the generated parser's own runtime failures were answered
            return whole(
                    messageIndex,
                    0,
                    RejectReason.REJECT_REASON_MALFORMED_MESSAGE,
                    "message " + messageIndex + " is not a valid FixBatch: " + e.getMessage());
        }
        if (decoder.count() > maxFixes) {
            return whole(
                    messageIndex,
                    decoder.batchId(),
                    RejectReason.REJECT_REASON_BATCH_TOO_LARGE,
                    Requests.tooManyFixes(decoder.count(), maxFixes).getMessage());
        }
        return null;
    }

    /** An acknowledgement refusing a whole message; nothing of it was applied. */
    static FixBatchAck whole(long messageIndex, long batchId, RejectReason reason, String message) {
        return FixBatchAck.newBuilder()
                .setBatchId(batchId)
                .setMessageIndex(messageIndex)
                .setBatchError(reason)
                .setBatchErrorMessage(message == null ? reason.name() : message)
                .build();
    }

    /** Applies the fixes the decoder holds, in order; the acknowledgement of message {@code messageIndex}. */
    static FixBatchAck apply(FixIntake intake, FixBatchDecoder d, long messageIndex) {
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        int rejected = 0;
        int[] byReason = new int[REJECT_REASONS];
        FixBatchAck.Builder ack =
                FixBatchAck.newBuilder().setBatchId(d.batchId()).setMessageIndex(messageIndex);
        int n = d.kept();
        for (int i = 0; i < n; i++) {
            if (i % FixIntake.STAGE_FIXES == 0) { // the staged batch path: read ahead, then take in order
                for (int j = i, end = Math.min(n, i + FixIntake.STAGE_FIXES); j < end; j++) {
                    if (d.hasPosition(j)) {
                        intake.stage(d.unitId(j), d.latDeg(j), d.lonDeg(j));
                    }
                }
            }
            boolean hasPosition = d.hasPosition(i);
            double accuracy = d.accuracyMetres(i);
            IntakeResult r = intake.apply(
                    d.unitId(i),
                    hasPosition ? d.latDeg(i) : Double.NaN,
                    hasPosition ? d.lonDeg(i) : Double.NaN,
                    d.positionTimeEpochMillis(i),
                    accuracy == 0 ? Double.NaN : accuracy,
                    d.hasSpeed(i) ? d.speedMetresPerSecond(i) : Double.NaN,
                    d.hasHeading(i) ? d.headingDeg(i) : Double.NaN,
                    ContractEnums.fixReason(d.reasonNumber(i)));
            switch (r.outcome()) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejected++;
                    int reason = ContractEnums.number(r.reason());
                    byReason[reason]++;
                    if (ack.getRejectionsCount() < MAX_LISTED_REJECTIONS) {
                        String id = d.unitId(i);
                        ack.addRejections(FixRejection.newBuilder()
                                .setIndex(i)
                                // an id that breaks the id rule is echoed as every echo is (capped,
                                // escaped): a batch of 4 MB ids must not come back whole
                                .setUnitId(Ids.isValid(id) ? id : Echo.capped(id))
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
