package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.util.Arrays;
import org.bluelamp.api.Requests.Registration;
import org.bluelamp.api.Requests.StatusRequest;
import org.bluelamp.api.Requests.TrackQuery;
import org.bluelamp.api.Requests.UnitQuery;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.SpatialSearch;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.ListUnitsResponse;
import org.bluelamp.proto.v1.Track;
import org.bluelamp.proto.v1.TrackPoint;
import org.bluelamp.proto.v1.Unit;

/**
 * {@code dispatch.v1.Fleet}: registration (admin), statuses, look-ups, tracks and the live feed
 * (console). Requests arrive checked ({@link Requests}); look-ups and status changes run on the
 * event loop (each is a constant-time, non-blocking read or a per-unit lock word); area queries run
 * on the search pool.
 *
 * <p>Thread-safety: handlers run on event loops; area queries on the search pool.
 */
final class FleetEndpoint {
    private final ServiceState state;
    private final ThreadLocal<SpatialSearch> searches;
    private final ThreadLocal<UnitReading> readings = ThreadLocal.withInitial(UnitReading::new);
    private final ThreadLocal<TrackBuffer> tracks = ThreadLocal.withInitial(TrackBuffer::new);

    FleetEndpoint(ServiceState state) {
        this.state = state;
        this.searches = ThreadLocal.withInitial(state.fleet()::newSpatialSearch);
    }

    void bind(GrpcServer server, Vertx vertx) {
        Rpc rpc = state.rpc;
        rpc.unaryAsyncAs(
                server, Requests.REGISTER_UNIT, Role.ADMIN, (r, who) -> register(r, who, vertx.getOrCreateContext()));
        rpc.unaryAsyncAs(
                server, Requests.UPDATE_UNIT, Role.ADMIN, (spec, who) -> update(spec, who, vertx.getOrCreateContext()));
        rpc.unaryAsyncAs(
                server, Requests.SET_STATUS, Role.CONSOLE, (r, who) -> setStatus(r, who, vertx.getOrCreateContext()));
        rpc.unary(
                server,
                Requests.GET_UNIT,
                Role.CONSOLE,
                Rpc.Where.EVENT_LOOP,
                id -> state.unitMessage(state.fleet().getSnapshot(id)));
        rpc.unary(server, Requests.LIST_UNITS, Role.CONSOLE, Rpc.Where.SEARCH_POOL, this::list);
        rpc.unary(server, Requests.GET_TRACK, Role.CONSOLE, Rpc.Where.EVENT_LOOP, this::track);
        server.callHandler(Requests.WATCH_FLEET.method(), request -> {
            Rpc.Scope<?, FleetUpdate> s = rpc.begin(request, Role.CONSOLE);
            if (s == null) {
                return;
            }
            rpc.readOne(s, Requests.WATCH_FLEET, q -> {
                s.startStream();
                FleetFeed.Watcher w = state.feed.subscribe(
                        vertx.getOrCreateContext(),
                        s.stream(),
                        q.area(),
                        q.minIntervalMillis(),
                        q.includeSnapshot(),
                        s::endStream);
                s.onCancel(w::cancelled);
                s.call.onDrain(
                        () -> w.end(GrpcStatus.UNAVAILABLE, "the server is shutting down; watch another instance"));
            });
        });
    }

    /**
     * Registers a unit, durably before the answer; with a first position, answers once the intake
     * thread (the single writer of positions) has applied it.
     */
    private Future<Unit> register(Registration r, AccessPolicy.Caller who, Context context) {
        return Future.fromCompletionStage(
                        state.durable().register(r.spec(), r.status(), ServiceState.actor(who)), context)
                .compose(unit -> withPosition(r, unit.unitIndex(), context));
    }

    private Future<Unit> withPosition(Registration r, int index, Context context) {
        if (r.position() == null) {
            return Future.succeededFuture(state.unitMessage(index));
        }
        Promise<Unit> answer = Promise.promise();
        boolean queued = state.intake.submit(
                () -> state.intake.intake().apply(r.position()),
                (result, failure) -> context.runOnContext(v -> {
                    if (failure != null) {
                        answer.fail(failure);
                    } else {
                        answer.complete(state.unitMessage(index));
                    }
                }));
        if (!queued) {
            // registered, but its position could not be queued: the gateway's next fix will place it
            answer.complete(state.unitMessage(index));
        }
        return answer.future();
    }

    private Future<Unit> update(UnitSpec spec, AccessPolicy.Caller who, Context context) {
        return Future.fromCompletionStage(state.durable().update(spec, ServiceState.actor(who)), context)
                .map(unit -> state.unitMessage(unit.unitIndex()));
    }

    /**
     * Changes a status, durably before the answer. The grade rule, which depends on the task the
     * unit is on (COMMITTED needs a grade unless the unit keeps the one it has), fails as
     * INVALID_ARGUMENT naming committed_grade; a unit leaving deployed statuses is released from
     * its incident.
     */
    private Future<Unit> setStatus(StatusRequest r, AccessPolicy.Caller who, Context context) {
        int index = state.fleet().getUnit(r.unitId()).unitIndex();
        return Future.fromCompletionStage(
                        state.durable()
                                .setStatus(
                                        r.unitId(),
                                        r.status(),
                                        r.grade(),
                                        r.timeEpochMillis(),
                                        ServiceState.actor(who)),
                        context)
                .map(status -> state.unitMessage(index));
    }

    private ListUnitsResponse list(UnitQuery q) {
        FleetState fleet = state.fleet();
        UnitReading reading = readings.get();
        long mask = q.capabilityMask();
        UnitFilter filter = index -> {
            fleet.readUnit(index, reading);
            return reading.unit().hasAll(mask)
                    && (q.statuses().isEmpty()
                            || q.statuses().contains(reading.status().status()));
        };
        ListUnitsResponse.Builder out = ListUnitsResponse.newBuilder();
        int matched = 0;
        if (q.area() != null) {
            SpatialSearch search = searches.get();
            int n = q.area().query(search, filter);
            int[] found = new int[n];
            for (int i = 0; i < n; i++) {
                found[i] = search.resultUnitIndex(i);
            }
            Arrays.sort(found);
            matched = n;
            for (int i = 0; i < n && i < q.maxUnits(); i++) {
                out.addUnits(state.unitMessage(found[i]));
            }
        } else {
            int n = fleet.unitCount();
            for (int i = 0; i < n; i++) {
                if (filter.test(i)) {
                    if (matched++ < q.maxUnits()) {
                        out.addUnits(state.unitMessage(i));
                    }
                }
            }
        }
        return out.setMatchedCount(matched).build();
    }

    private Track track(TrackQuery q) {
        int index = state.fleet().getUnit(q.unitId()).unitIndex();
        TrackBuffer buf = tracks.get();
        int n = state.fleet().readTrack(index, q.fromEpochMillis(), q.toEpochMillis(), buf);
        Track.Builder t = Track.newBuilder().setUnitId(q.unitId());
        for (int i = 0; i < n; i++) {
            double acc = buf.accuracyMetres(i);
            t.addPoints(TrackPoint.newBuilder()
                    .setPosition(ProtoMapping.toProto(buf.latDeg(i), buf.lonDeg(i)))
                    .setPositionTimeEpochMillis(buf.positionTimeEpochMillis(i))
                    .setAccuracyMetres(Double.isNaN(acc) ? 0 : acc));
        }
        return t.build();
    }
}
