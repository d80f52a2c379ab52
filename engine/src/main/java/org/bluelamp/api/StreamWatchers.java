package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * The watchers of one server-streaming feed ({@link FleetFeed}, {@link LiveCoverageFeed}) and how
 * each is written to: on its own Vert.x context, skipped while its connection's write queue is full
 * (the watcher learns it and makes its next message whole), removed when its call ends however it
 * ends (cancelled by the client, a failed write, the server draining). What to send and when stays
 * with each feed.
 *
 * <p>Thread-safety: adding, removing, iterating and ending from any thread; writes run on each
 * watcher's context.
 *
 * @param <W> the feed's watcher type
 */
final class StreamWatchers<W extends StreamWatchers.Watcher<?>> implements Iterable<W> {
    private final Set<W> watchers = ConcurrentHashMap.newKeySet();
    private final Logger log;
    private final String noun;

    /**
     * @param log the feed's logger
     * @param noun what a watcher is called in the log ("watcher", "coverage watcher")
     */
    StreamWatchers(Logger log, String noun) {
        this.log = log;
        this.noun = noun;
    }

    /** One watching call: its context, its response stream and how to end it. */
    abstract static class Watcher<M> {
        final Context context;
        final WriteStream<M> response;
        private final BiConsumer<GrpcStatus, String> endCall;
        private final StreamWatchers<?> owner;
        volatile boolean ended;

        Watcher(
                StreamWatchers<?> owner,
                Context context,
                WriteStream<M> response,
                BiConsumer<GrpcStatus, String> endCall) {
            this.owner = owner;
            this.context = context;
            this.response = response;
            this.endCall = endCall;
        }

        /** Ends the call with a status (the server is going away, or the feed failed), on its context. */
        final void end(GrpcStatus status, String message) {
            owner.watchers.remove(this);
            context.runOnContext(v -> {
                if (!ended) {
                    ended = true;
                    endCall.accept(status, message);
                }
            });
        }

        /** The call ended from the client's side: stop writing to it. Idempotent, any thread. */
        final void cancelled() {
            ended = true;
            owner.watchers.remove(this);
        }

        /**
         * Writes one message on the watcher's context, unless the call has ended; while the write
         * queue is full the message is skipped and {@link #skipped} runs instead. A stream that fails
         * is dropped, logged once.
         */
        final void send(M message) {
            context.runOnContext(v -> write(message));
        }

        /** A message was skipped (its write queue was full); runs on the watcher's context. */
        abstract void skipped();

        private void write(M message) {
            if (ended) {
                return;
            }
            try {
                if (response.writeQueueFull()) {
                    skipped();
                } else {
                    response.write(message);
                }
            } catch (RuntimeException e) {
                // The call ended under us (its end is also reported to the call, which drops the
                // watcher); this watcher is never written to again, so this is logged once.
                owner.log.info("dropping a {} whose stream ended: {}", owner.noun, e.toString());
                cancelled();
            }
        }
    }

    void add(W watcher) {
        watchers.add(watcher);
    }

    boolean isEmpty() {
        return watchers.isEmpty();
    }

    int size() {
        return watchers.size();
    }

    /** A copy of the current watchers, for ending some while others come and go. */
    List<W> snapshot() {
        return List.copyOf(watchers);
    }

    /** Ends every watcher with this status and message. */
    void endAll(GrpcStatus status, String message) {
        for (W w : snapshot()) {
            w.end(status, message);
        }
    }

    @Override
    public Iterator<W> iterator() {
        return watchers.iterator();
    }
}
