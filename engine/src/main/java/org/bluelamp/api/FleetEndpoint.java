package org.bluelamp.api;

import io.vertx.core.Vertx;
import io.vertx.grpc.server.GrpcServer;
import java.util.EnumSet;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.SpatialSearch;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.fleet.Unit;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.FleetGrpcService;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.ListUnitsResponse;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.Track;
import org.bluelamp.proto.v1.TrackPoint;
import org.bluelamp.proto.v1.UpdateUnitRequest;
import org.bluelamp.proto.v1.WatchFleetRequest;

/**
 * {@code dispatch.v1.Fleet}: registration (admin), statuses, look-ups, tracks and the live feed
 * (console). Look-ups and status changes run on the event loop (each is a constant-time,
 * non-blocking read or a per-unit lock word); area queries run on the search pool.
 *
 * <p>Thread-safety: handlers run on event loops; area queries on the search pool.
 */
final class FleetEndpoint {
    static final int DEFAULT_LIST = 1_000;
    static final int MAX_LIST = 10_000;

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
        rpc.unary(
                server,
                FleetGrpcService.RegisterUnit,
                RegisterUnitRequest.parser(),
                Role.ADMIN,
                Rpc.Where.EVENT_LOOP,
                this::register);
        rpc.unary(
                server,
                FleetGrpcService.UpdateUnit,
                UpdateUnitRequest.parser(),
                Role.ADMIN,
                Rpc.Where.EVENT_LOOP,
                this::update);
        rpc.unary(
                server,
                FleetGrpcService.SetStatus,
                SetStatusRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.EVENT_LOOP,
                this::setStatus);
        rpc.unary(
                server,
                FleetGrpcService.GetUnit,
                GetUnitRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.EVENT_LOOP,
                r -> state.unitMessage(state.fleet().getSnapshot(ProtoMapping.unitId(r.getUnitId(), "unit_id"))));
        rpc.unary(
                server,
                FleetGrpcService.ListUnits,
                ListUnitsRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.SEARCH_POOL,
                this::list);
        rpc.unary(
                server,
                FleetGrpcService.GetTrack,
                GetTrackRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.EVENT_LOOP,
                this::track);
        server.callHandler(FleetGrpcService.WatchFleet, request -> {
            Rpc.Scope<WatchFleetRequest, org.bluelamp.proto.v1.FleetUpdate> s = rpc.begin(request, Role.CONSOLE);
            if (s == null) {
                return;
            }
            rpc.readOne(s, WatchFleetRequest.parser(), r -> {
                AreaFilter area = r.hasArea() ? AreaFilter.of(r.getArea(), "area") : null;
                int interval = r.getMinIntervalMillis() == 0 ? 1_000 : r.getMinIntervalMillis();
                if (interval < 100 || interval > 60_000) {
                    throw BluelampException.invalid(
                            "min_interval_millis",
                            "min_interval_millis must be between 100 " + "and 60000 (0 means 1000), got "
                                    + r.getMinIntervalMillis());
                }
                s.response().writeHead();
                FleetFeed.Watcher w = state.feed.subscribe(
                        vertx.getOrCreateContext(), s.response(), area, interval, r.getIncludeSnapshot(), s::endStream);
                s.onCancel(w::cancelled);
                s.call.onDrain(() -> w.end(
                        io.vertx.grpc.common.GrpcStatus.UNAVAILABLE,
                        "the server is shutting down; watch another instance"));
            });
        });
    }

    private org.bluelamp.proto.v1.Unit register(RegisterUnitRequest r) {
        if (!r.hasUnit()) {
            throw BluelampException.invalid("unit", "unit is missing: give at least id, callsign and kind");
        }
        org.bluelamp.proto.v1.Unit u = r.getUnit();
        UnitSpec spec = ProtoMapping.spec(u, state.fleet().options().capabilities());
        UnitStatus status = u.getStatus() == org.bluelamp.proto.v1.UnitStatus.UNIT_STATUS_UNSPECIFIED
                ? UnitStatus.AVAILABLE
                : ProtoMapping.fromProto(u.getStatus(), "unit.status");
        String grade = u.getCommittedGrade().isBlank()
                ? null
                : ProtoMapping.grade(u.getCommittedGrade(), "unit.committed_grade", state.backend.grades());
        long time = u.getStatusTimeEpochMillis() == 0 ? state.nowMillis() : u.getStatusTimeEpochMillis();
        Unit unit = state.fleet().register(spec, statusChange(status, grade, time, "unit.committed_grade"));
        return state.unitMessage(unit.unitIndex());
    }

    private org.bluelamp.proto.v1.Unit update(UpdateUnitRequest r) {
        if (!r.hasUnit()) {
            throw BluelampException.invalid("unit", "unit is missing: give id, callsign and kind");
        }
        UnitSpec spec = ProtoMapping.spec(r.getUnit(), state.fleet().options().capabilities());
        Unit unit = state.fleet().updateSpec(spec);
        return state.unitMessage(unit.unitIndex());
    }

    private org.bluelamp.proto.v1.Unit setStatus(SetStatusRequest r) {
        String id = ProtoMapping.unitId(r.getUnitId(), "unit_id");
        Unit unit = state.fleet().getUnit(id);
        UnitStatus status = ProtoMapping.fromProto(r.getStatus(), "status");
        String grade = r.getCommittedGrade().isBlank()
                ? null
                : ProtoMapping.grade(r.getCommittedGrade(), "committed_grade", state.backend.grades());
        long time = r.getStatusTimeEpochMillis() == 0 ? state.nowMillis() : r.getStatusTimeEpochMillis();
        StatusChange change = statusChange(status, grade, time, "committed_grade");
        state.fleet().setStatus(id, change.status(), change.committedGrade(), change.timeEpochMillis());
        if (!status.isDeployed()) {
            state.assignments.remove(id);
        }
        return state.unitMessage(unit.unitIndex());
    }

    /** A status change, its grade rule checked; errors name {@code gradeField}. */
    static StatusChange statusChange(UnitStatus status, String grade, long time, String gradeField) {
        try {
            return new StatusChange(status, grade, time);
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid(gradeField, gradeField + ": " + e.getMessage());
        }
    }

    private ListUnitsResponse list(ListUnitsRequest r) {
        FleetState fleet = state.fleet();
        EnumSet<UnitStatus> statuses = EnumSet.noneOf(UnitStatus.class);
        for (int i = 0; i < r.getStatusesCount(); i++) {
            statuses.add(ProtoMapping.fromProto(r.getStatuses(i), "statuses[" + i + "]"));
        }
        long required = 0;
        for (int i = 0; i < r.getCapabilitiesCount(); i++) {
            String c = r.getCapabilities(i);
            if (!fleet.options().capabilities().isKnown(c)) {
                throw BluelampException.invalid(
                        "capabilities",
                        "capabilities[" + i + "] '" + c + "' is unknown; known capabilities are "
                                + fleet.options().capabilities().codes());
            }
            required |= fleet.options().capabilities().bit(c);
        }
        int max = r.getMaxUnits() == 0 ? DEFAULT_LIST : r.getMaxUnits();
        if (max < 1 || max > MAX_LIST) {
            throw BluelampException.invalid(
                    "max_units",
                    "max_units must be between 1 and " + MAX_LIST + " (0 means " + DEFAULT_LIST + "), got "
                            + r.getMaxUnits());
        }
        AreaFilter area = r.hasArea() ? AreaFilter.of(r.getArea(), "area") : null;
        UnitReading reading = readings.get();
        long mask = required;
        UnitFilter filter = index -> {
            fleet.readUnit(index, reading);
            return reading.unit().hasAll(mask)
                    && (statuses.isEmpty() || statuses.contains(reading.status().status()));
        };
        ListUnitsResponse.Builder out = ListUnitsResponse.newBuilder();
        int matched = 0;
        if (area != null) {
            SpatialSearch search = searches.get();
            int n = area.query(search, filter);
            int[] found = new int[n];
            for (int i = 0; i < n; i++) {
                found[i] = search.resultUnitIndex(i);
            }
            java.util.Arrays.sort(found);
            matched = n;
            for (int i = 0; i < n && i < max; i++) {
                out.addUnits(state.unitMessage(found[i]));
            }
        } else {
            int n = fleet.unitCount();
            for (int i = 0; i < n; i++) {
                if (filter.test(i)) {
                    if (matched++ < max) {
                        out.addUnits(state.unitMessage(i));
                    }
                }
            }
        }
        return out.setMatchedCount(matched).build();
    }

    private Track track(GetTrackRequest r) {
        String id = ProtoMapping.unitId(r.getUnitId(), "unit_id");
        Unit unit = state.fleet().getUnit(id);
        long from = r.getFromEpochMillis() == 0 ? Long.MIN_VALUE : r.getFromEpochMillis();
        long to = r.getToEpochMillis() == 0 ? state.nowMillis() : r.getToEpochMillis();
        if (from > to) {
            throw BluelampException.invalid(
                    "from_epoch_millis",
                    "from_epoch_millis " + r.getFromEpochMillis() + " is after to_epoch_millis " + to);
        }
        TrackBuffer buf = tracks.get();
        int n = state.fleet().readTrack(unit.unitIndex(), from, to, buf);
        Track.Builder t = Track.newBuilder().setUnitId(id);
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
