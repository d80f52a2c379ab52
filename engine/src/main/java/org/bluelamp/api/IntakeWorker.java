package org.bluelamp.api;

import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixRejection;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeResult;
import org.bluelamp.tracking.lip.LipDecodeException;
import org.bluelamp.tracking.lip.LipDecoder;
import org.bluelamp.tracking.lip.LipFixes;
import org.bluelamp.tracking.lip.LipReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes fixes: every fix stream, every LIP report and the demonstration
 * fleet hand their work to it through one bounded queue, and it applies them to the
 * {@link FixIntake} in arrival order (the intake and the fleet's history and index are
 * single-writer). A batch is acknowledged only after every fix of it has been applied, so an
 * acknowledged fix is never lost; when the queue is full the caller is told at once (and a fix
 * stream acknowledges the batch as OVERLOADED, nothing applied, for the gateway to resend).
 *
 * <p>Completion callbacks run on the intake thread: they must only hand the result over (e.g.
 * {@code context.runOnContext}), never block.
 *
 * <p>Thread-safety: {@link #offer} and {@link #close} from any thread.
 */
public final class IntakeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeWorker.class);
    /** Rejections listed one by one in an acknowledgement; the rest are only counted. */
    public static final int MAX_LISTED_REJECTIONS = 32;

    private final FixIntake intake;
    private final InstantSource clock;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long batchesApplied;

    /** Starts the intake thread. */
    public IntakeWorker(FixIntake intake, InstantSource clock, int queueCapacity) {
        this.intake = intake;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread =
                Thread.ofPlatform().name("bluelamp-fix-intake").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The intake being fed (for its counters). */
    public FixIntake intake() {
        return intake;
    }

    /** Tasks waiting. */
    public int queueDepth() {
        return queue.size();
    }

    /** Batches applied so far. */
    public long batchesApplied() {
        return batchesApplied;
    }

    /**
     * Queues a batch; {@code done} receives its acknowledgement on the intake thread.
     *
     * @return false when the queue is full or the worker is closed (nothing was queued)
     */
    public boolean offer(FixBatch batch, long messageIndex, Consumer<FixBatchAck> done) {
        return offer(() -> done.accept(apply(batch, messageIndex)));
    }

    /** Queues a decoded LIP report; {@code done} receives the outcome on the intake thread. */
    public boolean offer(String issi, LipReport report, long receivedAtMillis, Consumer<SubmitLipResponse> done) {
        return offer(() -> done.accept(apply(issi, report, receivedAtMillis)));
    }

    /** Queues any work that must run on the intake thread (e.g. the demonstration fleet's fixes). */
    public boolean offer(Runnable task) {
        if (closed) {
            return false;
        }
        return queue.offer(task);
    }

    /** Stops taking work, applies what is queued, and ends the thread (waits at most {@code millis}). */
    @Override
    public void close() {
        close(5_000);
    }

    /** As {@link #close()} with a bound. */
    public void close(long millis) {
        closed = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            // A task offered while the thread was ending: apply it here (the writer has ended, so
            // this thread is now the single writer).
            for (Runnable t; (t = queue.poll()) != null; ) {
                t.run();
            }
        }
    }

    private void run() {
        for (; ; ) {
            Runnable task;
            try {
                task = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("intake task failed", e);
            }
        }
    }

    // ------------------------------------------------------------------ on the intake thread

    private FixBatchAck apply(FixBatch batch, long messageIndex) {
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        int rejected = 0;
        int[] byReason = new int[RejectReason.values().length];
        FixBatchAck.Builder ack =
                FixBatchAck.newBuilder().setBatchId(batch.getBatchId()).setMessageIndex(messageIndex);
        int n = batch.getFixesCount();
        for (int i = 0; i < n; i++) {
            GpsFix f = batch.getFixes(i);
            double lat = f.hasPosition() ? f.getPosition().getLatDeg() : Double.NaN;
            double lon = f.hasPosition() ? f.getPosition().getLonDeg() : Double.NaN;
            double acc = f.getAccuracyMetres() == 0 ? Double.NaN : f.getAccuracyMetres();
            double speed = f.hasSpeedMetresPerSecond() ? f.getSpeedMetresPerSecond() : Double.NaN;
            double heading = f.hasHeadingDeg() ? f.getHeadingDeg() : Double.NaN;
            IntakeResult r = intake.apply(
                    f.getUnitId(),
                    lat,
                    lon,
                    f.getPositionTimeEpochMillis(),
                    acc,
                    speed,
                    heading,
                    ProtoMapping.fromProto(f.getReason()));
            switch (r.outcome()) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejected++;
                    RejectReason reason = ProtoMapping.toProto(r.reason());
                    byReason[reason.getNumber()]++;
                    if (ack.getRejectionsCount() < MAX_LISTED_REJECTIONS) {
                        ack.addRejections(FixRejection.newBuilder()
                                .setIndex(i)
                                .setUnitId(f.getUnitId())
                                .setReason(reason)
                                .setMessage(r.message()));
                    }
                }
            }
        }
        batchesApplied++;
        return ack.setAcceptedCount(latest + historyOnly)
                .setAcceptedLatestCount(latest)
                .setDuplicateCount(duplicates)
                .setRejectedCount(rejected)
                .addAllRejectedByReason(ProtoMapping.rejectionCounts(byReason))
                .build();
    }

    private SubmitLipResponse apply(String issi, LipReport report, long receivedAtMillis) {
        SubmitLipResponse.Builder b = SubmitLipResponse.newBuilder();
        var decoded = LipFixes.toFix(issi, report, receivedAtMillis);
        if (decoded.isEmpty()) {
            return b.setOutcome(org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_NO_POSITION)
                    .build();
        }
        Fix fix = decoded.get();
        b.setFix(proto(fix));
        if (fix.positionTimeEpochMillis() == LipFixes.NO_POSITION_TIME) {
            return b.setOutcome(org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_REJECTED)
                    .setReason(RejectReason.REJECT_REASON_NO_POSITION_TIME)
                    .setMessage("the LIP report from ISSI " + issi
                            + " gives no usable position time (time type none, or " + "time elapsed 'not known')")
                    .build();
        }
        IntakeResult r = intake.apply(fix);
        b.setOutcome(
                switch (r.outcome()) {
                    case ACCEPTED_LATEST -> org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_ACCEPTED_LATEST;
                    case ACCEPTED_HISTORY_ONLY -> org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_ACCEPTED_HISTORY_ONLY;
                    case DUPLICATE -> org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_DUPLICATE;
                    case REJECTED -> org.bluelamp.proto.v1.FixOutcome.FIX_OUTCOME_REJECTED;
                });
        if (r.outcome() == FixOutcome.REJECTED) {
            b.setReason(ProtoMapping.toProto(r.reason())).setMessage(r.message());
        }
        return b.build();
    }

    /** The fix as the contract's message (a position time of 0 when the report gave none). */
    private static GpsFix proto(Fix fix) {
        long time = fix.positionTimeEpochMillis();
        GpsFix.Builder f = GpsFix.newBuilder()
                .setUnitId(fix.unitId())
                .setPosition(ProtoMapping.toProto(fix.latDeg(), fix.lonDeg()))
                .setPositionTimeEpochMillis(time == LipFixes.NO_POSITION_TIME ? 0 : time)
                .setAccuracyMetres(Double.isNaN(fix.accuracyMetres()) ? 0 : fix.accuracyMetres())
                .setReason(ProtoMapping.toProto(fix.reason()));
        if (!Double.isNaN(fix.speedMetresPerSecond())) {
            f.setSpeedMetresPerSecond(fix.speedMetresPerSecond());
        }
        if (!Double.isNaN(fix.headingDeg())) {
            f.setHeadingDeg(fix.headingDeg());
        }
        return f.build();
    }

    /**
     * Decodes a raw LIP PDU at the boundary.
     *
     * @throws BluelampException INVALID_ARGUMENT naming "pdu" (or "pdu_bit_length") when it does not decode
     */
    public static LipReport decodeLip(byte[] pdu, int bitLength) {
        if (pdu.length == 0) {
            throw BluelampException.invalid("pdu", "pdu is missing: give the LIP PDU octets");
        }
        if (bitLength < 0 || bitLength > pdu.length * 8) {
            throw BluelampException.invalid(
                    "pdu_bit_length",
                    "pdu_bit_length " + bitLength + " must be between 0 and " + pdu.length * 8
                            + " (the bits in pdu; 0 means all)");
        }
        try {
            return bitLength == 0 ? LipDecoder.decode(pdu) : LipDecoder.decode(pdu, bitLength);
        } catch (LipDecodeException e) {
            throw BluelampException.invalid("pdu", "pdu does not decode as a LIP location report: " + e.getMessage());
        }
    }

    long nowMillis() {
        return clock.millis();
    }
}
