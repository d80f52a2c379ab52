package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixRejection;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.RejectionCount;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeResult;

/**
 * The fix stream's path as it was before {@link FixBatchDecoder}, kept as the reference the new
 * path is compared with: a message parsed with protobuf's generated classes, checked against the
 * batch limit, and applied fix by fix from the {@code GpsFix} objects (the code of
 * {@code TrackingEndpoint.onBatch} and {@code IntakeMapping.apply(FixIntake, FixBatch, long)} at
 * main 0443f59).
 */
final class ReferenceFixBatches {
    private ReferenceFixBatches() {}

    /** The acknowledgement of message {@code index} of a stream, its fixes applied to {@code intake}. */
    static FixBatchAck ack(FixIntake intake, byte[] payload, long index, RequestRules rules) {
        FixBatchAck refused = refusal(payload, index, rules);
        if (refused != null) {
            return refused;
        }
        return apply(intake, parse(payload), index);
    }

    /** The whole-message refusal (malformed, too large), or null when the batch would be applied. */
    static FixBatchAck refusal(byte[] payload, long index, RequestRules rules) {
        FixBatch batch;
        try {
            batch = parse(payload);
        } catch (RuntimeException e) {
            return whole(
                    index,
                    0,
                    RejectReason.REJECT_REASON_MALFORMED_MESSAGE,
                    "message " + index + " is not a valid FixBatch: " + e.getMessage());
        }
        try {
            Requests.STREAM_FIXES.check().apply(batch, rules);
        } catch (BluelampException e) {
            return whole(index, batch.getBatchId(), RejectReason.REJECT_REASON_BATCH_TOO_LARGE, e.getMessage());
        }
        return null;
    }

    static FixBatch parse(byte[] payload) {
        try {
            return FixBatch.parser().parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw BluelampException.invalid(
                    "FixBatch", "FixBatch is not a valid protobuf message of this call: " + e.getMessage());
        }
    }

    static FixBatchAck whole(long index, long batchId, RejectReason reason, String message) {
        return FixBatchAck.newBuilder()
                .setBatchId(batchId)
                .setMessageIndex(index)
                .setBatchError(reason)
                .setBatchErrorMessage(message == null ? reason.name() : message)
                .build();
    }

    /** Applies every fix of a batch in order; the acknowledgement of message {@code messageIndex}. */
    static FixBatchAck apply(FixIntake intake, FixBatch batch, long messageIndex) {
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        int rejected = 0;
        int[] byReason = new int[RejectReason.values().length];
        FixBatchAck.Builder ack =
                FixBatchAck.newBuilder().setBatchId(batch.getBatchId()).setMessageIndex(messageIndex);
        int n = batch.getFixesCount();
        for (int i = 0; i < n; i++) {
            if (i % FixIntake.STAGE_FIXES == 0) {
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
                    if (ack.getRejectionsCount() < IntakeMapping.MAX_LISTED_REJECTIONS) {
                        ack.addRejections(FixRejection.newBuilder()
                                .setIndex(i)
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
        for (int reason = 0; reason < byReason.length; reason++) {
            if (byReason[reason] > 0) {
                ack.addRejectedByReason(
                        RejectionCount.newBuilder().setReasonValue(reason).setCount(byReason[reason]));
            }
        }
        return ack.build();
    }
}
