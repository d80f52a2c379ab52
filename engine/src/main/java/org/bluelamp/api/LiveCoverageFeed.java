package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.bluelamp.coverage.CoverageReport;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.error.BluelampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream behind {@code Planning.WatchLiveCoverage}: one thread refreshes the live coverage
 * ({@link LiveCoverage#current}) once per its interval while anyone watches, and sends each
 * watcher the coverage when it is a new evaluation (the fleet changed: a status, a position, a unit
 * gone stale), at most once per the watcher's own interval; an unchanged one after
 * {@code heartbeatMillis} of silence, so idle timeouts never end a quiet watch. A new watcher gets
 * its first message from the next refresh, which is run at once.
 *
 * <p>Why a thread of its own and not a refresh per request: the refresh is a search over the whole
 * map (tens of ms on a county, about 100 ms on New York); one thread doing it once per interval
 * for every console bounds the cost however many consoles watch, and costs one read of the fleet
 * per interval when the fleet is quiet (an unchanged fleet reuses the last evaluation).
 *
 * <p>Watchers are handled as {@link FleetFeed}'s, by the same {@link StreamWatchers}: written on
 * their own Vert.x context, skipped while their connection's write queue is full (the next
 * message carries the whole coverage anyway), removed when the call ends however it ends
 * (cancelled by the client, a failed write, the server draining).
 *
 * <p>Thread-safety: {@link #subscribe} and {@link #close} from any thread; refreshes run on the
 * feed's own thread; writes on each watcher's context.
 */
final class LiveCoverageFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCoverageFeed.class);

    private final LiveCoverage live;
    private final long heartbeatMillis;
    private final ScheduledExecutorService timer;
    private final StreamWatchers<Watcher> watchers = new StreamWatchers<>(LOG, "coverage watcher");

    /** One watching console. */
    final class Watcher extends StreamWatchers.Watcher<org.bluelamp.proto.v1.LiveCoverage> {
        final boolean withGaps;
        final long intervalMillis;
        // feed thread only
        volatile CoverageReport lastSent;
        long lastSentMillis;

        Watcher(
                Context context,
                WriteStream<org.bluelamp.proto.v1.LiveCoverage> response,
                boolean withGaps,
                long intervalMillis,
                BiConsumer<GrpcStatus, String> endCall) {
            super(watchers, context, response, endCall);
            this.withGaps = withGaps;
            this.intervalMillis = intervalMillis;
        }

        @Override
        void skipped() {
            lastSent = null; // sent again at the next refresh (feed thread re-reads it)
        }
    }

    /**
     * @param heartbeatMillis longest silence on a watch: the unchanged coverage is sent again after
     *     this long
     */
    LiveCoverageFeed(LiveCoverage live, long heartbeatMillis) {
        this.live = live;
        this.heartbeatMillis = heartbeatMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("bluelamp-coverage-feed").daemon(true).unstarted(r));
        long every = Math.max(100, live.minIntervalMillis());
        timer.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a watcher; its first message follows at once (a refresh is run for it).
     *
     * @param intervalMillis least time between two messages to it
     */
    Watcher subscribe(
            Context context,
            WriteStream<org.bluelamp.proto.v1.LiveCoverage> response,
            boolean withGaps,
            long intervalMillis,
            BiConsumer<GrpcStatus, String> endCall) {
        Watcher w = new Watcher(context, response, withGaps, intervalMillis, endCall);
        watchers.add(w);
        try {
            timer.execute(this::tickSafely);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            w.end(GrpcStatus.UNAVAILABLE, "the server is shutting down; watch another instance");
        }
        return w;
    }

    int watcherCount() {
        return watchers.size();
    }

    /** Ends every watcher with UNAVAILABLE (the server is going away) and stops the thread. */
    @Override
    public void close() {
        watchers.endAll(GrpcStatus.UNAVAILABLE, "the server is shutting down; watch another instance");
        timer.shutdownNow();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (BluelampException e) {
            // e.g. the gaps' geometry over its size cap: those watchers learn why, the others go on
            for (Watcher w : watchers.snapshot()) {
                if (w.withGaps) {
                    w.end(
                            ErrorMapping.map(e, "dispatch.v1.Planning/WatchLiveCoverage")
                                    .status(),
                            e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("live coverage feed refresh failed", e);
        }
    }

    private void tick() {
        if (watchers.isEmpty()) {
            return;
        }
        boolean gaps = false;
        for (Watcher w : watchers) {
            gaps |= w.withGaps && !w.ended;
        }
        LiveCoverage.Snapshot s = live.current(gaps);
        long now = live.clock().millis();
        org.bluelamp.proto.v1.LiveCoverage plain = null;
        org.bluelamp.proto.v1.LiveCoverage withGaps = null;
        for (Watcher w : watchers) {
            if (w.ended) {
                continue;
            }
            boolean changed = w.lastSent != s.report();
            boolean due = w.lastSent == null || now - w.lastSentMillis >= w.intervalMillis;
            boolean heartbeat = now - w.lastSentMillis >= heartbeatMillis;
            if (!(changed && due) && !heartbeat) {
                continue;
            }
            org.bluelamp.proto.v1.LiveCoverage m;
            if (w.withGaps) {
                m = withGaps != null ? withGaps : (withGaps = PlanningMapping.toProto(s, true, now));
            } else {
                m = plain != null ? plain : (plain = PlanningMapping.toProto(s, false, now));
            }
            w.lastSent = s.report();
            w.lastSentMillis = now;
            w.send(m);
        }
    }
}
