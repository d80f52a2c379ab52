package org.bluelamp.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.grpc.common.GrpcHeaderNames;
import io.vertx.grpc.common.GrpcMediaType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.api.GrpcFrames.Frame;

/**
 * The HTTP request of a gRPC call as Vert.x's {@code GrpcServer} sees it, with its body kept for
 * our own {@link GrpcFrames}: the server gets the headers, the response, resets and closes as
 * usual, but its deframer never sees a byte (so none of its failure modes can leave a call
 * without an answer); the call's handler reads the frames through {@link RequestFrames}.
 *
 * <p>How the handler finds its body: {@link GrpcVerticle} hands the wrapper to
 * {@code GrpcServer.handle}, which creates the call and runs its handler at once on the same
 * thread; {@link #handOver} makes the body available to {@link #claim} for exactly that
 * dispatch. A body nobody claims (a method the server does not know) is discarded.
 *
 * <p>Thread-safety: used on the connection's event loop only.
 */
final class FramedBody extends HttpServerRequestWrapper implements RequestFrames {
    private static final ThreadLocal<FramedBody> HANDED = new ThreadLocal<>();

    private final int maxMessageBytes;
    private final boolean base64;
    private final String encoding;
    private final ArrayDeque<Frame> ready = new ArrayDeque<>();
    private List<Buffer> early = new ArrayList<>();
    private GrpcFrames frames;
    private Listener listener;
    private boolean paused;
    private boolean ended;
    private boolean endDelivered;

    FramedBody(HttpServerRequest request, int maxMessageBytes) {
        super((HttpServerRequestInternal) request);
        this.maxMessageBytes = maxMessageBytes;
        this.base64 = GrpcMediaType.isGrpcWebText(request.getHeader("content-type"));
        this.encoding = request.getHeader(GrpcHeaderNames.GRPC_ENCODING);
        request.handler(this::onData);
        request.endHandler(v -> onEnd());
    }

    /** Runs {@code dispatch} (which must create the call and run its handler) with the body on offer. */
    static void handOver(FramedBody body, Runnable dispatch) {
        HANDED.set(body);
        try {
            dispatch.run();
        } finally {
            FramedBody unclaimed = HANDED.get();
            HANDED.remove();
            if (unclaimed != null) {
                unclaimed.listen("request", DISCARD);
            }
        }
    }

    /** The body handed over for the call being dispatched on this thread, once; null if none. */
    static FramedBody claim() {
        FramedBody b = HANDED.get();
        HANDED.remove();
        return b;
    }

    // Vert.x's deframer asks for the body: it gets none (the body is ours, see the class comment).
    @Override
    public HttpServerRequest handler(Handler<Buffer> ignored) {
        return this;
    }

    @Override
    public HttpServerRequest endHandler(Handler<Void> ignored) {
        return this;
    }

    @Override
    public void listen(String messageName, Listener l) {
        frames = new GrpcFrames(messageName, encoding, maxMessageBytes, base64);
        listener = l;
        List<Buffer> before = early;
        early = null;
        for (Buffer chunk : before) {
            frames.feed(chunk, ready::add);
        }
        if (ended) {
            frames.end(ready::add);
        }
        deliver();
    }

    // Vert.x's side never pauses a body it never reads; our flow control is pauseFrames/resumeFrames.
    @Override
    public HttpServerRequest pause() {
        return this;
    }

    @Override
    public HttpServerRequest resume() {
        return this;
    }

    @Override
    public HttpServerRequest fetch(long amount) {
        return this;
    }

    @Override
    public void pauseFrames() {
        paused = true;
        delegate.pause();
    }

    @Override
    public void resumeFrames() {
        paused = false;
        deliver();
        if (!paused) {
            delegate.resume();
        }
    }

    private void onData(Buffer chunk) {
        if (frames == null) {
            early.add(chunk.copy());
            return;
        }
        frames.feed(chunk, ready::add);
        deliver();
    }

    private void onEnd() {
        ended = true;
        if (frames != null) {
            frames.end(ready::add);
            deliver();
        }
    }

    private void deliver() {
        while (!paused && listener != null && !ready.isEmpty()) {
            listener.frame(ready.poll());
        }
        if (!paused && listener != null && ended && ready.isEmpty() && !endDelivered) {
            endDelivered = true;
            listener.end();
        }
    }
}
