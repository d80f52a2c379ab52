package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.proto.v1.ChangeKind;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed behind {@code Fleet.WatchFleet}: one thread looks at every unit each
 * {@value #TICK_MILLIS} ms while anyone watches, notes which units got a new latest position, a
 * new status or a new registration, and sends each watcher, at most once per its interval, the
 * newest state of the units that changed since its last update.
 *
 * <p>Why polling and not events: fixes arrive at radio rates (up to hundreds of thousands a
 * second) while a live map needs a few updates a second; comparing each unit's position time,
 * status and registration with the last look is one allocation-free read per unit (about 10 µs
 * per 1,000 units), costs nothing while nobody watches, coalesces any number of fixes into one
 * change, and sees every change whichever path made it (gateways, LIP, consoles, the demo).
 *
 * <p>Backpressure: a watcher whose connection cannot keep up (its write queue is full) skips
 * updates; its next update is then a full snapshot, so its map is never left wrong.
 *
 * <p>Thread-safety: {@link #subscribe} and {@link #close} from any thread; the scan runs on the
 * feed's own thread; writes happen on each watcher's Vert.x context.
 */
final class FleetFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetFeed.class);
    static final int TICK_MILLIS = 100;
    private static final int POSITION = 1;
    private static final int STATUS = 2;
    private static final int REGISTERED = 4;

    private final FleetState fleet;
    private final IntFunction<Unit> unitMessage;
    private final ScheduledExecutorService timer;
    private final long heartbeatMillis;
    private final StreamWatchers<Watcher> watchers = new StreamWatchers<>(LOG, "watcher");
    private final UnitReading reading = new UnitReading();
    private long[] lastTime = new long[0];
    private StatusChange[] lastStatus = new StatusChange[0];
    /** Each unit's spec at the last look: a new one (by identity) is a new or updated registration. */
    private UnitSpec[] lastSpec = new UnitSpec[0];

    private int seen;

    /** One watching console. */
    final class Watcher extends StreamWatchers.Watcher<FleetUpdate> {
        final AreaFilter area;
        final long intervalMillis;
        final AtomicBoolean needSnapshot;
        final Map<Integer, Integer> pending = new LinkedHashMap<>();
        long lastSentMillis;
        long sequence;

        Watcher(
                Context context,
                WriteStream<FleetUpdate> response,
                AreaFilter area,
                long intervalMillis,
                boolean snapshot,
                BiConsumer<GrpcStatus, String> endCall) {
            super(watchers, context, response, endCall);
            this.area = area;
            this.intervalMillis = intervalMillis;
            this.needSnapshot = new AtomicBoolean(snapshot);
        }

        @Override
        void skipped() {
            needSnapshot.set(true); // the next update carries everything
        }
    }

    /**
     * @param heartbeatMillis longest silence on a watch: an update with no changes is sent when
     *     nothing else was for this long, so that idle timeouts (the server's, proxies') never end
     *     a watch on a quiet area
     */
    FleetFeed(FleetState fleet, IntFunction<Unit> unitMessage, long heartbeatMillis) {
        this.fleet = fleet;
        this.unitMessage = unitMessage;
        this.heartbeatMillis = heartbeatMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("bluelamp-fleet-feed").daemon(true).unstarted(r));
        timer.scheduleWithFixedDelay(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Adds a watcher; its first update follows within one tick when it asked for a snapshot. */
    Watcher subscribe(
            Context context,
            WriteStream<FleetUpdate> response,
            AreaFilter area,
            long intervalMillis,
            boolean snapshot,
            BiConsumer<GrpcStatus, String> endCall) {
        Watcher w = new Watcher(context, response, area, intervalMillis, snapshot, endCall);
        watchers.add(w);
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
            tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.error("fleet feed tick failed", e);
        }
    }

    private void tick(long now) {
        if (watchers.isEmpty()) {
            return;
        }
        int n = fleet.unitCount();
        if (n > lastTime.length) {
            int cap = Math.max(n, lastTime.length * 2);
            lastTime = Arrays.copyOf(lastTime, cap);
            lastStatus = Arrays.copyOf(lastStatus, cap);
            lastSpec = Arrays.copyOf(lastSpec, cap);
        }
        List<int[]> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fleet.readUnit(i, reading);
            int kinds = 0;
            if (i >= seen || reading.unit().spec() != lastSpec[i]) {
                kinds |= REGISTERED;
            }
            if (reading.positionTimeEpochMillis() != lastTime[i] && reading.hasFix()) {
                kinds |= POSITION;
            }
            if (reading.status() != lastStatus[i]) {
                kinds |= STATUS;
            }
            lastTime[i] = reading.positionTimeEpochMillis();
            lastStatus[i] = reading.status();
            lastSpec[i] = reading.unit().spec();
            if (kinds != 0) {
                changes.add(new int[] {i, kinds});
            }
        }
        seen = n;
        for (Watcher w : watchers) {
            if (w.ended) {
                continue;
            }
            for (int[] c : changes) {
                w.pending.merge(c[0], c[1], (a, b) -> a | b);
            }
            if (now - w.lastSentMillis < w.intervalMillis) {
                continue;
            }
            boolean snapshot = w.needSnapshot.getAndSet(false);
            boolean heartbeatDue = now - w.lastSentMillis >= heartbeatMillis;
            if (!snapshot && w.pending.isEmpty() && !heartbeatDue) {
                continue;
            }
            FleetUpdate.Builder u =
                    FleetUpdate.newBuilder().setTimeEpochMillis(now).setFullSnapshot(snapshot);
            if (snapshot) {
                for (int i = 0; i < n; i++) {
                    add(u, w, i, w.pending.getOrDefault(i, REGISTERED));
                }
            } else {
                for (Map.Entry<Integer, Integer> e : w.pending.entrySet()) {
                    add(u, w, e.getKey(), e.getValue());
                }
            }
            w.pending.clear();
            if (u.getChangesCount() == 0 && !snapshot && !heartbeatDue) {
                continue; // the changes were all outside its area
            }
            w.lastSentMillis = now;
            u.setSequence(++w.sequence);
            FleetUpdate update = u.build();
            w.send(update);
        }
    }

    private void add(FleetUpdate.Builder u, Watcher w, int unitIndex, int kinds) {
        Unit unit = unitMessage.apply(unitIndex);
        if (w.area != null) {
            if (!unit.hasLastFix()
                    || !w.area.contains(
                            unit.getLastFix().getPosition().getLatDeg(),
                            unit.getLastFix().getPosition().getLonDeg())) {
                return;
            }
        }
        UnitChange.Builder c = UnitChange.newBuilder().setUnit(unit);
        if ((kinds & REGISTERED) != 0) {
            c.addKinds(ChangeKind.CHANGE_KIND_REGISTERED);
        }
        if ((kinds & POSITION) != 0) {
            c.addKinds(ChangeKind.CHANGE_KIND_POSITION);
        }
        if ((kinds & STATUS) != 0) {
            c.addKinds(ChangeKind.CHANGE_KIND_STATUS);
        }
        u.addChanges(c);
    }
}
