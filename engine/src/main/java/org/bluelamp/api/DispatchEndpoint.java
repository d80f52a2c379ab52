package org.bluelamp.api;

import io.vertx.grpc.server.GrpcServer;
import org.bluelamp.api.Requests.Assignment;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.proto.v1.AssignResponse;

/**
 * {@code dispatch.v1.Dispatch}: recommendations (on the search pool, never on the event loop) and
 * assignments (role console). Requests arrive checked ({@link Requests}).
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
                Requests.RECOMMEND,
                Role.CONSOLE,
                Rpc.Where.SEARCH_POOL,
                r -> ProtoMapping.toProto(recommend(r)));
        rpc.unary(server, Requests.ASSIGN, Role.CONSOLE, Rpc.Where.EVENT_LOOP, this::assign);
    }

    /**
     * Ranks units. The request is checked already; the one check only the ranking can make (is
     * the incident near a road its units may use?) names the engine's field {@code location},
     * which is the contract's {@code incident.location}.
     */
    private Recommendation recommend(IncidentRequest r) {
        try {
            return state.backend.recommender().recommend(r);
        } catch (BluelampException e) {
            if ("location".equals(e.field())) {
                throw new BluelampException(e.kind(), "incident.location", "incident." + e.getMessage(), e);
            }
            String field = ConditionRequests.contractField(e.field());
            if (!field.equals(e.field())) {
                throw new BluelampException(e.kind(), field, e.getMessage().replace(e.field(), field), e);
            }
            throw e;
        }
    }

    private AssignResponse assign(Assignment a) {
        int index = state.fleet().getUnit(a.unitId()).unitIndex();
        StatusChange change = a.change();
        state.fleet().setStatus(a.unitId(), change.status(), change.committedGrade(), change.timeEpochMillis());
        state.assignments.put(a.unitId(), a.incidentId());
        return AssignResponse.newBuilder().setUnit(state.unitMessage(index)).build();
    }
}
