package org.bluelamp.api;

import org.bluelamp.api.GrpcFrames.Frame;

/**
 * Where a call's request messages come from, frame by frame, with flow control. For gRPC,
 * gRPC-Web and gRPC-Web-text it is the raw body read by {@link GrpcFrames} ({@link FramedBody});
 * for a request that reached a handler by another route (none today; HTTP/JSON transcoding will
 * be one) it is the messages Vert.x decoded ({@link VertxFrames}). Handlers see the same
 * {@link Frame}s either way.
 *
 * <p>Thread-safety: used on the call's event loop only.
 */
interface RequestFrames {
    /** Receives a call's frames in order, then the end of the body. */
    interface Listener {
        /** One message, or what was wrong with it. */
        void frame(Frame frame);

        /** The body ended (after every frame was delivered). */
        void end();
    }

    /** A listener that drops everything (for a call refused before its body is read). */
    Listener DISCARD = new Listener() {
        @Override
        public void frame(Frame frame) {}

        @Override
        public void end() {}
    };

    /**
     * Starts delivering frames to {@code listener}.
     *
     * @param messageName what errors call a message of this call, e.g. {@code request} or {@code FixBatch}
     */
    void listen(String messageName, Listener listener);

    /** Stops delivering frames (and reading the body, so HTTP/2 flow control pushes back). */
    void pauseFrames();

    /** Delivers frames again. */
    void resumeFrames();
}
