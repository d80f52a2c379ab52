package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Parser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.WireFormat;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bluelamp.api.GrpcFrames.Frame;
import org.bluelamp.error.BluelampException;

/**
 * The plumbing every call goes through: tracking for drain, authorization, reading the request
 * frames ({@link RequestFrames}: our own deframing with size limits, so a bad message is our
 * INVALID_ARGUMENT naming what was wrong), running the body on the event loop or on the search
 * pool, ending with a status via {@link ErrorMapping} exactly once however the call ends (the
 * client may reset it or close its connection at any time), and recording the call's latency.
 *
 * <p>Thread-safety: handlers run on the event loop of their connection; search bodies on the
 * search pool.
 */
final class Rpc {
    /** Trailer naming the request field at fault in a failed call. */
    static final String FIELD_TRAILER = "bluelamp-error-field";

    private final ActiveCalls calls;
    private final AccessPolicy access;
    private final ServiceMetrics metrics;
    private final WorkerExecutor searchPool;
    private final AtomicInteger queuedSearches = new AtomicInteger();
    private final int maxQueuedSearches;
    final int maxMessageBytes;
    private final RequestRules rules;

    Rpc(
            ActiveCalls calls,
            AccessPolicy access,
            ServiceMetrics metrics,
            WorkerExecutor searchPool,
            int maxQueuedSearches,
            int maxMessageBytes,
            RequestRules rules) {
        this.calls = calls;
        this.access = access;
        this.metrics = metrics;
        this.searchPool = searchPool;
        this.maxQueuedSearches = maxQueuedSearches;
        this.maxMessageBytes = maxMessageBytes;
        this.rules = rules;
    }

    /** Where a unary body runs. */
    enum Where {
        /** On the event loop: constant-time, non-blocking work (look-ups, status changes). */
        EVENT_LOOP,
        /** On the search pool: searches and scans. */
        SEARCH_POOL
    }

    /** A call's context: begun, authorized, timed. */
    final class Scope<Req, Resp> {
        final GrpcServerRequest<Req, Resp> request;
        final RequestFrames input;
        /** The HTTP/JSON side of a transcoded call; null for gRPC, gRPC-Web and gRPC-Web-text. */
        final JsonCall json;

        final String method;
        final long startNanos = System.nanoTime();
        /** This call as a flight-recorder event, or null when no recording asks for it. */
        private final CallEvent event = CallEvent.ifRecorded();
        /** When the body's run on the search pool ended ({@link System#nanoTime}), when there is an event. */
        private long runEndNanos;

        ActiveCalls.Call call;
        /** Who called (set once authorized). */
        AccessPolicy.Caller caller = AccessPolicy.Caller.OPEN;

        private boolean finished;
        private Runnable onCancel;
        /** Set when the client went away, read by search threads to skip work nobody waits for. */
        volatile boolean cancelled;

        Scope(GrpcServerRequest<Req, Resp> request, RequestFrames input, JsonCall json) {
            this.request = request;
            this.input = input;
            this.json = json;
            this.method = request.fullMethodName();
        }

        GrpcServerResponse<Req, Resp> response() {
            return request.response();
        }

        /** Where a streaming call's messages go (gRPC frames, or JSON lines over HTTP). */
        WriteStream<Resp> stream() {
            return json != null ? json.stream() : response();
        }

        /** Sends a server stream's headers before its first message. */
        void startStream() {
            if (json != null) {
                json.startStream();
            } else {
                response().writeHead();
            }
        }

        /** Ends the call successfully with a last message (unary). */
        void succeed(Resp message) {
            if (claimEnd()) {
                end(GrpcStatus.OK, () -> {
                    if (json != null) {
                        json.answer((MessageOrBuilder) message);
                    } else {
                        response().end(message);
                    }
                });
            }
        }

        /** Ends a stream successfully or with a status of the server's choosing. */
        void endStream(GrpcStatus status, String message) {
            if (claimEnd()) {
                end(status, () -> {
                    if (json != null) {
                        json.end(status, ErrorMapping.fit(message));
                        return;
                    }
                    if (status != GrpcStatus.OK) {
                        status(response(), status, ErrorMapping.fit(message));
                    }
                    response().end();
                });
            }
        }

        /** Ends the call with the status of {@code error} ({@link ErrorMapping}). */
        void fail(Throwable error) {
            if (!claimEnd()) {
                return;
            }
            ErrorMapping.Mapped m = ErrorMapping.map(error, method);
            end(m.status(), () -> {
                if (json != null) {
                    json.fail(m);
                    return;
                }
                GrpcServerResponse<Req, Resp> r = response();
                status(r, m.status(), m.message());
                if (!m.field().isEmpty()) {
                    r.trailers().set(FIELD_TRAILER, m.field());
                }
                r.end();
            });
        }

        /**
         * The client went away: it reset the stream (a cancel, a deadline), or its connection
         * closed. Ends the call (nothing can be sent any more) and runs the cancel hook once.
         */
        void cancelled() {
            cancelled = true;
            if (claimEnd()) {
                gone();
            }
        }

        /** What to undo when the client goes away (e.g. drop a watcher); runs at most once. */
        void onCancel(Runnable hook) {
            onCancel = hook;
        }

        boolean finished() {
            return finished;
        }

        /**
         * Sets the status and its message, the message percent-encoded as the gRPC protocol says
         * ({@link ErrorMapping#grpcMessage}): Vert.x writes a {@code grpc-message} trailer already
         * set as it is, and encodes one given with {@code statusMessage} its own way.
         */
        private static void status(GrpcServerResponse<?, ?> r, GrpcStatus status, String message) {
            r.status(status);
            if (!message.isEmpty()) {
                r.trailers().set("grpc-message", ErrorMapping.grpcMessage(message));
            }
        }

        /** Marks the call ended; false when it already was (each call ends once). */
        private boolean claimEnd() {
            if (finished) {
                return false;
            }
            finished = true;
            return true;
        }

        /** Writes the end; a stream the client reset meanwhile cannot be written: it counts as gone. */
        private void end(GrpcStatus status, Runnable write) {
            try {
                write.run();
            } catch (IllegalStateException resetMeanwhile) {
                cancelled = true;
                gone();
                return;
            }
            done(status);
        }

        private void gone() {
            done(GrpcStatus.CANCELLED);
            Runnable hook = onCancel;
            onCancel = null;
            if (hook != null) {
                hook.run();
            }
        }

        private void done(GrpcStatus status) {
            long now = System.nanoTime();
            metrics.recordCall(method, status, now - startNanos);
            if (event != null) {
                event.method = method;
                event.status = status.name();
                event.callNanos = now - startNanos;
                if (event.runNanos >= 0) {
                    event.answerNanos = now - runEndNanos;
                }
                event.commit();
            }
            if (call != null) {
                call.end();
            }
        }
    }

    /**
     * Begins a call: tracks it and checks the caller's role. On refusal the call is already ended
     * and null is returned.
     */
    <Req, Resp> Scope<Req, Resp> begin(GrpcServerRequest<Req, Resp> request, Role required) {
        return begin(request, java.util.EnumSet.of(required));
    }

    /** As {@link #begin(GrpcServerRequest, Role)}, for a call any of several roles may make. */
    <Req, Resp> Scope<Req, Resp> begin(GrpcServerRequest<Req, Resp> request, java.util.Set<Role> required) {
        FramedBody body = FramedBody.claim();
        JsonCall json = body == null ? JsonCall.claim() : null;
        RequestFrames input = body != null
                ? body
                : json != null ? json.frames(request, maxMessageBytes) : new VertxFrames(request, maxMessageBytes);
        Scope<Req, Resp> s = new Scope<>(request, input, json);
        try {
            s.call = calls.begin();
            s.caller = access.identify(request.headers().get("authorization"), required, s.method);
            if (json == null && request.format() != WireFormat.PROTOBUF) {
                throw BluelampException.invalid(
                        "content-type",
                        "only the protobuf wire format is served "
                                + "(application/grpc, application/grpc-web, application/grpc-web-text)");
            }
        } catch (RuntimeException e) {
            s.input.listen("request", RequestFrames.DISCARD);
            s.fail(e);
            return null;
        }
        // However the client goes: a reset stream (cancel, deadline) reaches the error handler, a
        // closed connection the exception handlers of the request (while it is being read) or of
        // the response (after).
        request.errorHandler(e -> s.cancelled());
        request.exceptionHandler(t -> s.cancelled());
        s.response().exceptionHandler(t -> s.cancelled());
        if (json != null) {
            json.http().closeHandler(v -> s.cancelled());
        }
        return s;
    }

    /**
     * Registers a unary method: one request message, checked by the method's check on the event
     * loop, then one answer computed where {@code where} says.
     */
    <Req extends Message, Resp, V> void unary(
            GrpcServer server, Requests.Method<Req, Resp, V> method, Role role, Where where, Function<V, Resp> body) {
        unary(server, method, java.util.EnumSet.of(role), where, body);
    }

    /** As {@link #unary(GrpcServer, Requests.Method, Role, Where, Function)}, for several roles. */
    <Req extends Message, Resp, V> void unary(
            GrpcServer server,
            Requests.Method<Req, Resp, V> method,
            java.util.Set<Role> role,
            Where where,
            Function<V, Resp> body) {
        unaryAsync(server, method, role, (value, scope) -> {
            if (where == Where.SEARCH_POOL) {
                return search(scope, () -> {
                    if (scope.cancelled) {
                        throw new CallRefused(CallRefused.Why.SHUTTING_DOWN, "", "cancelled by the client");
                    }
                    return body.apply(value);
                });
            }
            return Future.succeededFuture(body.apply(value));
        });
    }

    /** As {@link #unary}, with the caller (role and token name) given to the body. */
    <Req extends Message, Resp, V> void unaryAs(
            GrpcServer server,
            Requests.Method<Req, Resp, V> method,
            Role role,
            Where where,
            BiFunction<V, AccessPolicy.Caller, Resp> body) {
        unaryAsync(server, method, java.util.EnumSet.of(role), (value, scope) -> {
            if (where == Where.SEARCH_POOL) {
                return search(scope, () -> {
                    if (scope.cancelled) {
                        throw new CallRefused(CallRefused.Why.SHUTTING_DOWN, "", "cancelled by the client");
                    }
                    return body.apply(value, scope.caller);
                });
            }
            return Future.succeededFuture(body.apply(value, scope.caller));
        });
    }

    /** As {@link #unaryAsync}, with the caller (role and token name) given to the body. */
    <Req extends Message, Resp, V> void unaryAsyncAs(
            GrpcServer server,
            Requests.Method<Req, Resp, V> method,
            Role role,
            BiFunction<V, AccessPolicy.Caller, Future<Resp>> body) {
        unaryAsync(server, method, java.util.EnumSet.of(role), (value, scope) -> body.apply(value, scope.caller));
    }

    /**
     * Registers a unary method that reads from the state store and turns what it read into the
     * answer, both on the search pool rather than the event loop: {@code read} starts there (a
     * store that answers from memory does its whole work in it; one that answers over the network
     * only sends its command), and {@code build} runs there once the read has completed. So a large
     * read (an audit window of 100,000 entries takes 65-77 ms to decode from the memory store,
     * then more to turn into messages) never holds the event loop other calls are answered on. Both
     * steps count as searches: beyond the queue limit the call ends RESOURCE_EXHAUSTED.
     */
    <Req extends Message, Resp, V, T> void unaryRead(
            GrpcServer server,
            Requests.Method<Req, Resp, V> method,
            Role role,
            Function<V, CompletionStage<T>> read,
            Function<T, Resp> build) {
        unaryAsync(server, method, java.util.EnumSet.of(role), (value, scope) -> {
            Context context = Vertx.currentContext();
            return search(scope, () -> read.apply(value))
                    .compose(reading -> Future.fromCompletionStage(reading, context))
                    .compose(got -> search(scope, () -> {
                        if (scope.cancelled) {
                            throw new CallRefused(CallRefused.Why.SHUTTING_DOWN, "", "cancelled by the client");
                        }
                        return build.apply(got);
                    }));
        });
    }

    /**
     * Registers a unary method whose answer comes later (e.g. from the intake thread). The body
     * runs on the event loop and must not block; it may throw to fail the call.
     */
    <Req extends Message, Resp, V> void unaryAsync(
            GrpcServer server, Requests.Method<Req, Resp, V> method, Role role, Function<V, Future<Resp>> body) {
        unaryAsync(server, method, java.util.EnumSet.of(role), (value, scope) -> body.apply(value));
    }

    private <Req extends Message, Resp, V> void unaryAsync(
            GrpcServer server,
            Requests.Method<Req, Resp, V> method,
            java.util.Set<Role> role,
            BiFunction<V, Scope<Req, Resp>, Future<Resp>> body) {
        server.callHandler(method.method(), request -> {
            Scope<Req, Resp> s = begin(request, role);
            if (s != null) {
                readOne(
                        s,
                        method,
                        value -> body.apply(value, s).onComplete(ar -> {
                            if (ar.succeeded()) {
                                s.succeed(ar.result());
                            } else {
                                s.fail(ar.cause());
                            }
                        }));
            }
        });
    }

    /**
     * Reads the one request message of a unary or server-streaming call and hands it, parsed and
     * checked ({@link Requests}), to {@code then} once the body has ended. A body with no message,
     * with two, or with a frame that cannot be read ends the call with INVALID_ARGUMENT at once;
     * so does a failed check, and anything {@code then} throws ends it with its status.
     */
    <V> void readOne(Scope<?, ?> s, Requests.Method<?, ?, V> method, Consumer<V> then) {
        byte[][] payload = new byte[1][];
        s.input.listen(method.messageName(), new RequestFrames.Listener() {
            @Override
            public void frame(Frame frame) {
                if (s.finished()) {
                    return;
                }
                if (frame instanceof Frame.Bad bad) {
                    s.fail(bad.error());
                } else if (payload[0] != null) {
                    s.fail(BluelampException.invalid(
                            "request", "a unary call carries exactly one request message; this one carries more"));
                } else {
                    payload[0] = ((Frame.Message) frame).payload();
                }
            }

            @Override
            public void end() {
                if (s.finished()) {
                    return;
                }
                try {
                    if (payload[0] == null) {
                        throw BluelampException.invalid(
                                "request", "the call carries no request message: send exactly one");
                    }
                    then.accept(method.decode(payload[0], rules));
                } catch (RuntimeException e) {
                    s.fail(e);
                }
            }
        });
    }

    /**
     * Runs a call's search on the search pool; RESOURCE_EXHAUSTED beyond the queue limit. While a
     * flight recording asks for {@link CallEvent}s, the call's queueing, run and the run's CPU time
     * are measured into its event.
     */
    <T> Future<T> search(Scope<?, ?> scope, Callable<T> work) {
        if (queuedSearches.incrementAndGet() > maxQueuedSearches) {
            queuedSearches.decrementAndGet();
            return Future.failedFuture(new CallRefused(
                    CallRefused.Why.OVERLOADED,
                    "",
                    "more than " + maxQueuedSearches + " searches are queued; retry shortly"));
        }
        Callable<T> run = scope.event == null ? work : timed(scope, work);
        try {
            return searchPool.executeBlocking(run, false).andThen(ar -> queuedSearches.decrementAndGet());
        } catch (RejectedExecutionException e) {
            queuedSearches.decrementAndGet();
            return Future.failedFuture(e);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** {@code work} measured into the scope's event: queued since now, its run's wall and CPU time. */
    private static <T> Callable<T> timed(Scope<?, ?> scope, Callable<T> work) {
        long handedOverNanos = System.nanoTime();
        return () -> {
            long startNanos = System.nanoTime();
            long cpuStartNanos = THREADS.getCurrentThreadCpuTime();
            try {
                return work.call();
            } finally {
                long endNanos = System.nanoTime();
                CallEvent e = scope.event;
                e.runCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStartNanos;
                e.queuedNanos = startNanos - handedOverNanos;
                e.runNanos = endNanos - startNanos;
                scope.runEndNanos = endNanos;
            }
        };
    }

    /** Parses a message; INVALID_ARGUMENT naming {@code field} when it is not one. */
    static <T extends Message> T parse(Parser<T> parser, byte[] payload, String field) {
        try {
            return parser.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw notParsed(field, e);
        }
    }

    /** INVALID_ARGUMENT naming {@code field}: its bytes are not a message of the call (protobuf's reason). */
    static BluelampException notParsed(String field, InvalidProtocolBufferException e) {
        return BluelampException.invalid(
                field, field + " is not a valid protobuf message of this call: " + e.getMessage());
    }
}
