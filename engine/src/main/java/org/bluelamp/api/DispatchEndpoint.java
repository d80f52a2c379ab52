package org.bluelamp.api;

import io.vertx.grpc.server.GrpcServer;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.Unit;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.AssignResponse;
import org.bluelamp.proto.v1.DispatchGrpcService;
import org.bluelamp.proto.v1.RecommendRequest;

/**
 * {@code dispatch.v1.Dispatch}: recommendations (on the search pool, never on the event loop) and
 * assignments (role console).
 *
 * <p>Thread-safety: handlers run on event loops; recommendations on the search pool.
 */
final class DispatchEndpoint {
    private final ServiceState state;

    DispatchEndpoint(ServiceState state) {
        this.state = state;
    }

    void bind(GrpcServer server) {
        Rpc rpc = state.rpc;
        rpc.unary(
                server,
                DispatchGrpcService.Recommend,
                RecommendRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.SEARCH_POOL,
                r -> ProtoMapping.toProto(state.backend
                        .recommender()
                        .recommend(ProtoMapping.incident(
                                r,
                                state.backend.grades(),
                                state.fleet().options().capabilities()))));
        rpc.unary(
                server,
                DispatchGrpcService.Assign,
                AssignRequest.parser(),
                Role.CONSOLE,
                Rpc.Where.EVENT_LOOP,
                this::assign);
    }

    private AssignResponse assign(AssignRequest r) {
        String incidentId = ProtoMapping.requireText(r.getIncidentId(), "incident_id", 128);
        String unitId = ProtoMapping.unitId(r.getUnitId(), "unit_id");
        Unit unit = state.fleet().getUnit(unitId);
        String grade = ProtoMapping.grade(r.getGrade(), "grade", state.backend.grades());
        UnitStatus status = r.getStatus() == org.bluelamp.proto.v1.UnitStatus.UNIT_STATUS_UNSPECIFIED
                ? UnitStatus.EN_ROUTE
                : ProtoMapping.fromProto(r.getStatus(), "status");
        if (!status.isDeployed()) {
            throw BluelampException.invalid(
                    "status",
                    "status " + status + " is not a deployment: assign as EN_ROUTE (default), AT_SCENE or COMMITTED");
        }
        StatusChange change = FleetEndpoint.statusChange(status, grade, state.nowMillis(), "grade");
        state.fleet().setStatus(unitId, change.status(), change.committedGrade(), change.timeEpochMillis());
        state.assignments.put(unitId, incidentId);
        return AssignResponse.newBuilder()
                .setUnit(state.unitMessage(unit.unitIndex()))
                .build();
    }
}
