package org.bluelamp.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.server.GrpcServer;
import java.util.List;
import org.bluelamp.api.Requests.Assignment;
import org.bluelamp.api.Requests.IncidentQuery;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.AssignResponse;
import org.bluelamp.proto.v1.CloseIncidentResponse;
import org.bluelamp.proto.v1.IncidentRecord;
import org.bluelamp.proto.v1.ListAuditResponse;
import org.bluelamp.proto.v1.ListIncidentsResponse;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.DurableFleet;

/**
 * {@code dispatch.v1.Dispatch}: recommendations (on the search pool, never on the event loop, each
 * recorded in the audit trail), assignments and incident closures (durable before they are
 * answered), incidents (role console) and the audit trail (role admin). Requests arrive checked
 * ({@link Requests}).
 *
 * <p>Thread-safety: handlers run on event loops; recommendations on the search pool; durable
 * changes complete on the store's thread and answer on the call's event loop.
 */
final class DispatchEndpoint {
    private final ServiceState state;

    DispatchEndpoint(ServiceState state) {
        this.state = state;
    }

    void bind(GrpcServer server, Vertx vertx) {
        Rpc rpc = state.rpc;
        rpc.unaryAs(server, Requests.RECOMMEND, Role.CONSOLE, Rpc.Where.SEARCH_POOL, (r, who) -> {
            if (r.coverageImpact() && state.live == null) {
                throw new BluelampException(
                        ErrorKind.FAILED_PRECONDITION,
                        "include_coverage_impact",
                        "include_coverage_impact: this service keeps no live coverage (served without Planning,"
                                + " or Grade 1 has no attendance target); leave it false");
            }
            Recommendation answer = recommend(r.incident());
            state.durable().recommendationServed(r.incident(), answer, ServiceState.actor(who));
            if (!r.coverageImpact()) {
                return ProtoMapping.toProto(answer);
            }
            LiveCoverage.Snapshot live = state.live.current();
            return PlanningMapping.withCoverageImpact(
                    ProtoMapping.toProto(answer), live, state.live.clock().millis());
        });
        rpc.unaryAsyncAs(server, Requests.ASSIGN, Role.CONSOLE, (a, who) -> assign(a, who, vertx.getOrCreateContext()));
        rpc.unaryAsyncAs(
                server, Requests.CLOSE_INCIDENT, Role.CONSOLE, (id, who) -> close(id, who, vertx.getOrCreateContext()));
        rpc.unary(server, Requests.GET_INCIDENT, Role.CONSOLE, Rpc.Where.EVENT_LOOP, this::incident);
        rpc.unary(server, Requests.LIST_INCIDENTS, Role.CONSOLE, Rpc.Where.SEARCH_POOL, this::incidents);
        rpc.unaryRead(
                server,
                Requests.LIST_AUDIT,
                Role.ADMIN,
                q -> state.durable().store().readAudit(q),
                this::audit);
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

    private Future<AssignResponse> assign(Assignment a, AccessPolicy.Caller who, Context context) {
        int index = state.fleet().getUnit(a.unitId()).unitIndex();
        String before = state.durable().assignedIncident(a.unitId());
        DurableFleet.Assignment change =
                new DurableFleet.Assignment(a.incidentId(), a.unitId(), a.change(), a.location(), a.incidentType());
        return Future.fromCompletionStage(state.durable().assign(change, ServiceState.actor(who)), context)
                .map(incident -> {
                    AssignResponse.Builder b = AssignResponse.newBuilder()
                            .setUnit(state.unitMessage(index))
                            .setIncident(incidentMessage(incident));
                    takenFrom(before, a.incidentId()).ifPresent(left -> b.setTakenFrom(incidentMessage(left)));
                    return b.build();
                });
    }

    /**
     * The open incident {@code before} a unit was assigned to, when the assignment to {@code now}
     * took the unit from it: a dispatcher diverting a unit must see what it leaves behind.
     */
    private java.util.Optional<org.bluelamp.store.IncidentRecord> takenFrom(String before, String now) {
        if (before == null || before.isEmpty() || before.equals(now)) {
            return java.util.Optional.empty();
        }
        return state.durable().incidents().find(before).filter(org.bluelamp.store.IncidentRecord::isOpen);
    }

    private Future<CloseIncidentResponse> close(String incidentId, AccessPolicy.Caller who, Context context) {
        return Future.fromCompletionStage(state.durable().close(incidentId, ServiceState.actor(who)), context)
                .map(closure -> {
                    CloseIncidentResponse.Builder b =
                            CloseIncidentResponse.newBuilder().setIncident(incidentMessage(closure.incident()));
                    for (String u : closure.releasedUnitIds()) {
                        b.addReleasedUnits(state.unitMessage(state.fleet().getSnapshot(u)));
                    }
                    return b.build();
                });
    }

    private IncidentRecord incident(String incidentId) {
        return incidentMessage(state.durable()
                .incidents()
                .find(incidentId)
                .orElseThrow(() -> new BluelampException(
                        ErrorKind.NOT_FOUND,
                        "incident_id",
                        "incident " + Echo.quote(incidentId)
                                + " is not known: an incident is opened by its first assignment")));
    }

    private ListIncidentsResponse incidents(IncidentQuery q) {
        ListIncidentsResponse.Builder b = ListIncidentsResponse.newBuilder();
        for (org.bluelamp.store.IncidentRecord r :
                state.durable().incidents().list(q.openOnly(), q.fromEpochMillis(), q.toEpochMillis(), q.max())) {
            b.addIncidents(incidentMessage(r));
        }
        return b.build();
    }

    private ListAuditResponse audit(List<AuditEntry> entries) {
        ListAuditResponse.Builder b = ListAuditResponse.newBuilder();
        for (AuditEntry e : entries) {
            b.addEntries(StoreMapping.toProto(e));
        }
        return b.build();
    }

    private IncidentRecord incidentMessage(org.bluelamp.store.IncidentRecord r) {
        return StoreMapping.toProto(r, state.durable()::assignedIncident);
    }
}
