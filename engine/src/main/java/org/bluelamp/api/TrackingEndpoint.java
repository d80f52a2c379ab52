package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.util.ArrayDeque;
import org.bluelamp.api.GrpcFrames.Frame;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.SubmitLipResponse;

/**
 * {@code dispatch.v1.Tracking}: the gateways' fix streams and raw LIP reports (role gateway).
 *
 * <h2>A fix stream</h2>
 *
 * <p>Each message's bytes are queued for the {@link IntakeWorker}'s single thread, which decodes
 * them ({@link FixBatchDecoder}, into columns it reuses: nothing per fix but the unit id) and
 * applies the fixes; a malformed or oversized message becomes a rejected acknowledgement there,
 * and the stream goes on. The acknowledgement is written once the intake has applied the batch, and
 * acknowledgements leave in the order messages came, whatever finished first. A stream has at
 * most {@link ServiceOptions#maxInFlightBatchesPerStream()} batches unacknowledged: beyond that,
 * and while the connection's write queue is full, the server stops reading it, so HTTP/2 flow
 * control pushes back to the gateway instead of memory filling up. When the intake queue is full
 * a batch is acknowledged as OVERLOADED with nothing applied, for the gateway to resend.
 *
 * <p>When the client half-closes, the stream ends OK after the last acknowledgement. When the
 * server drains, it stops reading, acknowledges every batch already read, and ends the stream
 * with UNAVAILABLE.
 *
 * <p>Thread-safety: each stream's state is touched only on its event loop; the intake thread
 * hands acknowledgements back with {@code runOnContext}.
 */
final class TrackingEndpoint {
    private final ServiceState state;

    /**
     * Where every stream's batches are decoded: on the intake thread only (inside its tasks), so
     * its columns are reused batch after batch without a lock ({@link IntakeWorker} runs one task
     * at a time).
     */
    private final FixBatchDecoder decoder = new FixBatchDecoder();

    TrackingEndpoint(ServiceState state) {
        this.state = state;
    }

    void bind(GrpcServer server, Vertx vertx) {
        Rpc rpc = state.rpc;
        rpc.unaryAsync(server, Requests.SUBMIT_LIP, Role.GATEWAY, lip -> {
            Context context = vertx.getOrCreateContext();
            Promise<SubmitLipResponse> promise = Promise.promise();
            boolean queued = state.intake.submit(
                    () -> IntakeMapping.apply(state.intake.intake(), lip),
                    (response, failure) -> context.runOnContext(v -> {
                        if (failure != null) {
                            promise.fail(failure);
                        } else {
                            promise.complete(response);
                        }
                    }));
            if (!queued) {
                throw new CallRefused(CallRefused.Why.OVERLOADED, "", "the fix intake is full; resend shortly");
            }
            return promise.future();
        });
        server.callHandler(Requests.STREAM_FIXES.method(), request -> {
            Rpc.Scope<FixBatch, FixBatchAck> s = rpc.begin(request, Role.GATEWAY);
            if (s != null) {
                new FixStream(s, vertx.getOrCreateContext()).start();
            }
        });
    }

    /** One gateway's stream. Event-loop confined. */
    private final class FixStream {
        private final Rpc.Scope<FixBatch, FixBatchAck> scope;
        private final Context context;
        /** Acknowledgements in message order; null while the batch is being applied. */
        private final ArrayDeque<FixBatchAck[]> pending = new ArrayDeque<>();

        private final int window = state.options.maxInFlightBatchesPerStream();
        private long received;
        private boolean paused;
        private boolean ended;
        private boolean draining;
        /** Set when the body became unreadable (bad framing): the call ends with it once acknowledged. */
        private BluelampException broken;

        FixStream(Rpc.Scope<FixBatch, FixBatchAck> scope, Context context) {
            this.scope = scope;
            this.context = context;
        }

        void start() {
            scope.input.listen("FixBatch", new RequestFrames.Listener() {
                @Override
                public void frame(Frame frame) {
                    long index = received++;
                    if (frame instanceof Frame.Message m) {
                        onBatch(index, m.payload());
                    } else if (frame instanceof Frame.Bad bad && bad.fatal()) {
                        // nothing after this can be read: acknowledge what was, then end the call
                        broken = bad.error();
                        scope.input.pauseFrames();
                        paused = true;
                        flush();
                    } else if (frame instanceof Frame.Bad bad) {
                        immediate(whole(
                                index,
                                0,
                                bad.tooLarge()
                                        ? RejectReason.REJECT_REASON_BATCH_TOO_LARGE
                                        : RejectReason.REJECT_REASON_MALFORMED_MESSAGE,
                                bad.error().getMessage()));
                    }
                }

                @Override
                public void end() {
                    ended = true;
                    flush();
                }
            });
            scope.stream().drainHandler(v -> updateReading());
            scope.call.onDrain(() -> context.runOnContext(v -> {
                draining = true;
                scope.input.pauseFrames();
                paused = true;
                flush();
            }));
        }

        private void onBatch(long index, byte[] payload) {
            FixBatchAck[] slot = new FixBatchAck[1];
            pending.addLast(slot);
            int maxFixes = state.rules.maxFixesPerBatch();
            boolean queued = state.intake.submit(
                    () -> {
                        FixBatchAck ack = IntakeMapping.apply(state.intake.intake(), decoder, payload, index, maxFixes);
                        if (ack.getBatchErrorValue() == 0) {
                            state.metrics.fixBatchApplied();
                        }
                        return ack;
                    },
                    (ack, failure) -> context.runOnContext(v -> {
                        if (failure != null) {
                            scope.fail(failure); // a bug: INTERNAL, logged; unacknowledged batches are resent
                        } else {
                            slot[0] = ack;
                            flush();
                        }
                    }));
            if (!queued) {
                // Read here, keeping no fix, so that the answer is what it would have been: a
                // malformed or too-large message is refused as such, a good one as overloaded.
                FixBatchDecoder scan = new FixBatchDecoder();
                FixBatchAck refused = IntakeMapping.refusal(scan, payload, index, maxFixes, 0);
                slot[0] = refused != null
                        ? refused
                        : whole(
                                index,
                                scan.batchId(),
                                RejectReason.REJECT_REASON_OVERLOADED,
                                "the fix intake is full; nothing of this batch was applied: resend it");
                flush();
                return;
            }
            updateReading();
        }

        private void immediate(FixBatchAck ack) {
            pending.addLast(new FixBatchAck[] {ack});
            flush();
        }

        private FixBatchAck whole(long index, long batchId, RejectReason reason, String message) {
            return IntakeMapping.whole(index, batchId, reason, message);
        }

        /** Writes the acknowledgements that are ready, in order; ends the stream when all is done. */
        private void flush() {
            if (scope.finished()) {
                return;
            }
            while (!pending.isEmpty() && pending.peekFirst()[0] != null) {
                scope.stream().write(pending.pollFirst()[0]);
            }
            if (pending.isEmpty() && broken != null) {
                scope.fail(broken);
                return;
            }
            if (pending.isEmpty() && ended) {
                scope.endStream(GrpcStatus.OK, "");
                return;
            }
            if (pending.isEmpty() && draining) {
                scope.endStream(
                        GrpcStatus.UNAVAILABLE,
                        "the server is shutting down: every batch acknowledged so far "
                                + "is applied; reconnect and resend the rest");
                return;
            }
            updateReading();
        }

        /** Pauses reading at the window or on a full write queue; resumes below it. */
        private void updateReading() {
            if (scope.finished() || draining || broken != null) {
                return;
            }
            boolean shouldPause = pending.size() >= window || scope.stream().writeQueueFull();
            if (shouldPause && !paused) {
                scope.input.pauseFrames();
                paused = true;
            } else if (!shouldPause && paused) {
                paused = false;
                scope.input.resumeFrames();
            }
        }
    }
}
