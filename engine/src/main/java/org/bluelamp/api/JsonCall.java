package org.bluelamp.api;

import com.google.protobuf.MessageLite;
import com.google.protobuf.MessageOrBuilder;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import org.bluelamp.api.GrpcFrames.Frame;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * One plain HTTP/JSON call of the contract (gRPC transcoding): the HTTP request as Vert.x's
 * {@code GrpcServer} sees it, and the way its answer goes back.
 *
 * <p>Vert.x's transcoding (from the contract's {@code google.api.http} rules) picks the method
 * and weaves the path variables, query parameters and JSON body into the request message; the
 * call then runs through the same {@link Rpc} plumbing and {@link Requests} checks as a gRPC
 * call: {@link #frames} hands {@link Rpc} the woven message as protobuf bytes (or what was wrong
 * with the JSON). The answer is written here, in the one JSON schema of the project
 * ({@link ContractJson}): a unary answer as one JSON object; a server stream (WatchFleet) as
 * newline-delimited JSON, one message a line, sent as it comes; an error as the HTTP status of
 * its gRPC code ({@link ErrorMapping#httpStatus}) with a {@code google.rpc.Status} body naming
 * the field ({@link ErrorMapping#statusJson}), or, once a stream has begun, as its last line
 * {@code {"error":{...}}}. Vert.x 5.0.7's own transcoded response sets a Content-Length from the
 * first message, which cannot carry a stream, and sends errors with an empty body; neither is used.
 *
 * <p>The content type: Vert.x recognises a transcoded call only by {@code content-type:
 * application/json} exactly, so a request without one (a GET from curl) or with parameters
 * ({@code application/json; charset=utf-8}) is shown to it as exactly that ({@link GrpcVerticle}
 * refuses other types first).
 *
 * <p>Thread-safety: used on the connection's event loop only.
 */
final class JsonCall extends HttpServerRequestWrapper {
    private static final ThreadLocal<JsonCall> HANDED = new ThreadLocal<>();
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";

    private final HttpServerResponse http;
    /** The body as it arrives (at most {@link #MAX_KEPT_BODY_CHARS}), to name a wrongly typed field. */
    private final Buffer body = Buffer.buffer();

    private static final int MAX_KEPT_BODY_CHARS = 4 * 1024 * 1024;
    private boolean streaming;
    private boolean started;
    /** The query as Vert.x weaves it, and the repeated-field parameters it cannot ({@link RepeatedQuery}). */
    private RepeatedQuery.Split query;

    JsonCall(HttpServerRequest request) {
        super((HttpServerRequestInternal) request);
        this.http = request.response();
    }

    /** Runs {@code dispatch} (which creates the call and runs its handler) with this call on offer. */
    static void handOver(JsonCall call, Runnable dispatch) {
        HANDED.set(call);
        try {
            dispatch.run();
        } finally {
            HANDED.remove();
        }
    }

    /** The JSON call being dispatched on this thread, once; null for a gRPC call. */
    static JsonCall claim() {
        JsonCall c = HANDED.get();
        HANDED.remove();
        return c;
    }

    @Override
    public HttpServerRequest handler(Handler<Buffer> handler) {
        return super.handler(
                handler == null
                        ? null
                        : chunk -> {
                            if (body.length() + chunk.length() <= MAX_KEPT_BODY_CHARS) {
                                body.appendBuffer(chunk);
                            }
                            handler.handle(chunk);
                        });
    }

    /** The query without the repeated-field parameters, which {@link #frames} merges itself. */
    @Override
    public String query() {
        return split().kept();
    }

    private RepeatedQuery.Split split() {
        if (query == null) {
            query = RepeatedQuery.split(super.query());
        }
        return query;
    }

    @Override
    public String getHeader(String name) {
        return isContentType(name) ? JSON : super.getHeader(name);
    }

    @Override
    public String getHeader(CharSequence name) {
        return isContentType(name) ? JSON : super.getHeader(name);
    }

    private static boolean isContentType(CharSequence name) {
        return name != null && "content-type".equalsIgnoreCase(name.toString());
    }

    /** The underlying HTTP response (for the call's close handler). */
    HttpServerResponse http() {
        return http;
    }

    /**
     * The request message of {@code request} (decoded by Vert.x from the path, the query and the
     * body) as one frame of protobuf bytes, or a {@link Frame.Bad} naming what was wrong.
     */
    RequestFrames frames(GrpcServerRequest<?, ?> request, int maxMessageBytes) {
        return new RequestFrames() {
            private boolean tooLarge;

            @Override
            public void listen(String messageName, Listener listener) {
                request.messageHandler(m -> {}); // the body is decoded at its end, below
                request.invalidMessageHandler(e -> {
                    tooLarge = true;
                    listener.frame(new Frame.Bad(
                            BluelampException.invalid(
                                    messageName, "the request body exceeds the limit of " + maxMessageBytes + " bytes"),
                            true,
                            false));
                });
                request.endHandler(v -> {
                    if (tooLarge) {
                        listener.end();
                        return;
                    }
                    String twice = split().givenTwice();
                    if (twice != null) {
                        listener.frame(new Frame.Bad(
                                BluelampException.invalid(
                                        Echo.capped(twice),
                                        Echo.quote(twice)
                                                + " is given more than once in the query; it takes one value"),
                                false,
                                false));
                        listener.end();
                        return;
                    }
                    request.last().onComplete(ar -> {
                        if (ar.succeeded()) {
                            try {
                                byte[] bytes =
                                        withHeldParameters(request, ar.result()).toByteArray();
                                listener.frame(new Frame.Message(bytes));
                            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                                listener.frame(new Frame.Bad(
                                        JsonBodyErrors.of(
                                                messageName,
                                                e,
                                                () -> JsonFieldLocator.locate(
                                                        request.fullMethodName(), null, split().held())),
                                        false,
                                        false));
                            }
                        } else {
                            listener.frame(new Frame.Bad(
                                    JsonBodyErrors.of(
                                            messageName,
                                            ar.cause(),
                                            () -> JsonFieldLocator.locate(
                                                    request.fullMethodName(),
                                                    body.toString(java.nio.charset.StandardCharsets.UTF_8),
                                                    params())),
                                    false,
                                    false));
                        }
                        listener.end();
                    });
                });
            }

            @Override
            public void pauseFrames() {
                request.pause();
            }

            @Override
            public void resumeFrames() {
                request.resume();
            }
        };
    }

    /** {@code decoded} with the repeated-field query parameters Vert.x was not shown merged in. */
    private MessageLite withHeldParameters(GrpcServerRequest<?, ?> request, Object decoded)
            throws com.google.protobuf.InvalidProtocolBufferException {
        java.util.List<java.util.Map.Entry<String, String>> held = split().held();
        if (held.isEmpty() || !(decoded instanceof com.google.protobuf.Message message)) {
            return (MessageLite) decoded;
        }
        com.google.protobuf.Message.Builder b = message.toBuilder();
        com.google.protobuf.util.JsonFormat.parser()
                .merge(RepeatedQuery.asJson(message.getDescriptorForType(), held), b);
        return b.build();
    }

    /** The one answer of a unary call. */
    void answer(MessageOrBuilder message) {
        http.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(ContractJson.print(message) + "\n");
    }

    /** Sends the head of a server stream: newline-delimited JSON follows. */
    void startStream() {
        if (!started) {
            started = true;
            streaming = true;
            http.setChunked(true).setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, NDJSON);
            http.writeHead();
        }
    }

    /**
     * The call's messages: for a server stream one JSON line each (after {@link #startStream});
     * otherwise (one message in, one out: a fix batch over HTTP) the answer as one JSON object.
     */
    <T> WriteStream<T> stream() {
        return new WriteStream<>() {
            @Override
            public WriteStream<T> exceptionHandler(Handler<Throwable> handler) {
                http.exceptionHandler(handler);
                return this;
            }

            @Override
            public Future<Void> write(T data) {
                if (!streaming) {
                    started = true;
                    http.setChunked(true).setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
                }
                return http.write(ContractJson.print((MessageOrBuilder) data) + "\n");
            }

            @Override
            public Future<Void> end() {
                return http.end();
            }

            @Override
            public WriteStream<T> setWriteQueueMaxSize(int maxSize) {
                http.setWriteQueueMaxSize(maxSize);
                return this;
            }

            @Override
            public boolean writeQueueFull() {
                return http.writeQueueFull();
            }

            @Override
            public WriteStream<T> drainHandler(Handler<Void> handler) {
                http.drainHandler(handler);
                return this;
            }
        };
    }

    /** Ends the call: a stream simply ends when OK; an error as {@link #fail}. */
    void end(GrpcStatus status, String message) {
        if (status == GrpcStatus.OK) {
            if (!started) {
                http.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
            }
            http.end();
        } else {
            fail(new ErrorMapping.Mapped(status, message, ""));
        }
    }

    /**
     * Ends the call with an error: before anything was sent, the HTTP status of its gRPC code and a
     * {@code google.rpc.Status} body (with the {@code bluelamp-error-field} header naming the field,
     * as gRPC's trailer does); after a stream began, a last line {@code {"error":{...}}}.
     */
    void fail(ErrorMapping.Mapped m) {
        String status = ErrorMapping.statusJson(m);
        if (started) {
            http.end("{\"error\":" + status + "}\n");
            return;
        }
        http.setStatusCode(ErrorMapping.httpStatus(m.status()))
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader("grpc-status", Integer.toString(m.status().code));
        if (!m.field().isEmpty()) {
            http.putHeader(Rpc.FIELD_TRAILER, m.field());
        }
        http.end(status + "\n");
    }
}
