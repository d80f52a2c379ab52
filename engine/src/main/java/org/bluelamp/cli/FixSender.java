package org.bluelamp.cli;

import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixRejection;
import org.bluelamp.proto.v1.FixStreamSummary;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.RejectionCount;
import org.bluelamp.proto.v1.TrackingGrpcClient;

/**
 * Sends fixes to the service over one Tracking.StreamFixes call, as a gateway does: batches in
 * order, at most {@code window} unacknowledged, a batch the service was too busy to take sent
 * again, and every acknowledgement counted. Each fix carries where it came from (a line of a file,
 * a unit of a fleet file), so a refused fix is reported against that place, with the service's
 * reason and message, on the error stream.
 *
 * <p>Thread-safety: {@link #send} and {@link #finish} from one thread (the reader); acknowledgements
 * arrive on a Vert.x event loop; shared state is guarded by this object's monitor.
 */
final class FixSender {
    /** How many refused fixes are listed one by one; the rest are counted. */
    static final int MAX_LISTED_REJECTIONS = 100;

    /** Most times a batch refused as OVERLOADED is sent again. */
    static final int MAX_RESENDS = 20;

    private final GrpcClientRequest<FixBatch, FixBatchAck> request;
    private final PrintWriter err;
    private final String source;
    private final int window;
    private final Map<Long, Sent> inFlight = new HashMap<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Summary summary = new Summary();
    private long nextMessageIndex;
    private long nextBatchId;
    private Throwable failure;

    /** A batch on its way: its fixes, where each came from, how often it was sent. */
    private record Sent(FixBatch batch, List<String> where, int attempt) {}

    /** What the acknowledgements said, added up. */
    static final class Summary {
        long batches;
        long fixesSent;
        long accepted;
        long acceptedLatest;
        long duplicates;
        long rejected;
        final Map<RejectReason, Long> rejectedByReason = new EnumMap<>(RejectReason.class);
        long listed;

        boolean allAccepted() {
            return rejected == 0;
        }

        /** The counts as the contract's summary (source and lines are the caller's to add). */
        FixStreamSummary.Builder toProto() {
            FixStreamSummary.Builder o = FixStreamSummary.newBuilder()
                    .setBatches((int) batches)
                    .setFixesSent((int) fixesSent)
                    .setAccepted((int) accepted)
                    .setAcceptedLatest((int) acceptedLatest)
                    .setDuplicates((int) duplicates)
                    .setRejected((int) rejected);
            rejectedByReason.forEach((reason, n) -> o.addRejectedByReason(
                    RejectionCount.newBuilder().setReason(reason).setCount((int) (long) n)));
            return o;
        }
    }

    private FixSender(GrpcClientRequest<FixBatch, FixBatchAck> request, PrintWriter err, String source, int window) {
        this.request = request;
        this.err = err;
        this.source = source;
        this.window = window;
    }

    /**
     * Opens the stream.
     *
     * @param source what the fixes are read from, for messages (e.g. {@code fixes.csv})
     * @param window most batches unacknowledged at once, at least 1
     */
    static FixSender open(BluelampClient client, PrintWriter err, String source, int window) throws Exception {
        GrpcClientRequest<FixBatch, FixBatchAck> req = client.open(TrackingGrpcClient.StreamFixes)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        FixSender s = new FixSender(req, err, source, window);
        req.response().onSuccess(s::listen).onFailure(s::fail);
        return s;
    }

    /** Sends every fix in batches of at most 500 and waits for every acknowledgement. */
    static Summary sendAll(
            ClientOptions client, List<GpsFix> fixes, List<String> where, String source, PrintWriter err) {
        return client.call(RequestFields.of(), c -> {
            try {
                FixSender s = open(c, err, source, 8);
                for (int from = 0; from < fixes.size(); from += 500) {
                    int to = Math.min(fixes.size(), from + 500);
                    s.send(fixes.subList(from, to), where.subList(from, to));
                }
                return io.vertx.core.Future.succeededFuture(s.finish());
            } catch (Exception e) {
                return io.vertx.core.Future.failedFuture(e);
            }
        });
    }

    private void listen(GrpcClientResponse<FixBatch, FixBatchAck> resp) {
        resp.handler(this::acknowledged);
        resp.exceptionHandler(this::fail);
        resp.endHandler(v -> {
            if (resp.status() == GrpcStatus.OK) {
                synchronized (this) {
                    if (!inFlight.isEmpty()) {
                        failure = new IllegalStateException(
                                "the service ended the stream with " + inFlight.size() + " batches unacknowledged");
                    }
                    notifyAll();
                }
                ended.complete(null);
            } else {
                fail(BluelampClient.error(resp));
            }
        });
    }

    private void fail(Throwable t) {
        synchronized (this) {
            if (failure == null) {
                failure = t;
            }
            notifyAll();
        }
        ended.completeExceptionally(t);
    }

    /**
     * Sends one batch; blocks while {@code window} batches are unacknowledged.
     *
     * @param where for each fix, where it came from (e.g. {@code line 12})
     */
    void send(List<GpsFix> fixes, List<String> where) throws Exception {
        if (fixes.isEmpty()) {
            return;
        }
        FixBatch batch = FixBatch.newBuilder()
                .setBatchId(nextBatchId++)
                .addAllFixes(fixes)
                .build();
        synchronized (this) {
            while (inFlight.size() >= window && failure == null) {
                wait(1000);
            }
            checkFailure();
            summary.batches++;
            summary.fixesSent += fixes.size();
            write(new Sent(batch, List.copyOf(where), 1));
        }
    }

    /** Writes a batch; the caller holds the monitor. */
    private void write(Sent s) {
        inFlight.put(nextMessageIndex++, s);
        request.write(s.batch());
    }

    private void acknowledged(FixBatchAck ack) {
        synchronized (this) {
            Sent s = inFlight.remove(ack.getMessageIndex());
            if (s == null) {
                failure = new IllegalStateException("acknowledgement of unknown message " + ack.getMessageIndex());
                notifyAll();
                return;
            }
            if (ack.getBatchError() == RejectReason.REJECT_REASON_OVERLOADED && s.attempt() < MAX_RESENDS) {
                write(new Sent(s.batch(), s.where(), s.attempt() + 1)); // the service asks for it again
                return;
            }
            if (ack.getBatchErrorValue() != 0) {
                String reason = reasonName(ack.getBatchError());
                summary.rejected += s.batch().getFixesCount();
                summary.rejectedByReason.merge(
                        ack.getBatchError(), (long) s.batch().getFixesCount(), Long::sum);
                list(s.where().get(0) + " to " + s.where().get(s.where().size() - 1) + ": the whole batch was refused ("
                        + reason + "): " + ack.getBatchErrorMessage());
            } else {
                summary.accepted += ack.getAcceptedCount();
                summary.acceptedLatest += ack.getAcceptedLatestCount();
                summary.duplicates += ack.getDuplicateCount();
                summary.rejected += ack.getRejectedCount();
                for (RejectionCount rc : ack.getRejectedByReasonList()) {
                    summary.rejectedByReason.merge(rc.getReason(), (long) rc.getCount(), Long::sum);
                }
                for (FixRejection r : ack.getRejectionsList()) {
                    String at = r.getIndex() >= 0 && r.getIndex() < s.where().size()
                            ? s.where().get(r.getIndex())
                            : "fix " + r.getIndex() + " of a batch";
                    list(at + ": unit_id " + Echo.quote(r.getUnitId()) + " refused (" + reasonName(r.getReason())
                            + "): " + r.getMessage());
                }
            }
            notifyAll();
        }
    }

    private void list(String message) {
        summary.listed++;
        if (summary.listed <= MAX_LISTED_REJECTIONS) {
            err.println("error: " + source + ": " + TextTable.withoutControls(message));
            err.flush();
        }
    }

    static String reasonName(RejectReason r) {
        return ClientTables.name(r.name(), "REJECT_REASON_");
    }

    /** Waits for every acknowledgement, ends the stream and returns the counts. */
    Summary finish() throws Exception {
        synchronized (this) {
            while (!inFlight.isEmpty() && failure == null) {
                wait(1000);
            }
            checkFailure();
            request.end();
        }
        try {
            ended.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE, "--target", "the service did not end the fix stream within 30 s");
        }
        synchronized (this) {
            long unlisted = summary.listed - MAX_LISTED_REJECTIONS;
            if (unlisted > 0) {
                err.println("error: " + source + ": " + unlisted + " more refusals not listed");
                err.flush();
            }
            return summary;
        }
    }

    private void checkFailure() throws Exception {
        if (failure != null) {
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
    }
}
