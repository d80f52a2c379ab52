package org.bluelamp.api;

import io.vertx.grpc.server.GrpcServer;
import java.util.EnumSet;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.proto.v1.ListConditionsResponse;

/**
 * {@code dispatch.v1.Roads}: adding, removing and listing road closures and slowdowns. Additions and
 * removals run on the search pool (finding a county's edges takes milliseconds, and a durable store
 * may wait on the network); listing on the event loop. Roles: console adds and removes; planner and
 * console list. Who adds or removes a condition is kept with it ({@code role:token name}) by a
 * durable store. Requests arrive checked ({@link Requests}, {@link ConditionRequests}).
 *
 * <p>Thread-safety: handlers run on event loops and the search pool; {@link RoadConditions} is
 * thread-safe.
 */
final class RoadsEndpoint {
    private final ServiceState state;

    RoadsEndpoint(ServiceState state) {
        this.state = state;
    }

    void bind(GrpcServer server) {
        Rpc rpc = state.rpc;
        RoadConditions conditions = state.backend.conditions();
        rpc.unaryAs(
                server,
                Requests.ADD_CLOSURE,
                Role.CONSOLE,
                Rpc.Where.SEARCH_POOL,
                (c, who) -> ProtoMapping.toProto(
                        conditions.add(c, ConditionRequests.names(""), who(who)), state.nowMillis()));
        rpc.unaryAs(
                server,
                Requests.ADD_SLOWDOWN,
                Role.CONSOLE,
                Rpc.Where.SEARCH_POOL,
                (s, who) -> ProtoMapping.toProto(
                        conditions.add(s, ConditionRequests.names(""), who(who)), state.nowMillis()));
        rpc.unaryAs(server, Requests.REMOVE_CONDITION, Role.CONSOLE, Rpc.Where.SEARCH_POOL, (id, who) -> {
            RoadConditions.Entry e = conditions.find(id).orElse(null);
            conditions.remove(id, "id", who(who)); // NOT_FOUND when there is none
            return ProtoMapping.toProto(e, state.nowMillis());
        });
        rpc.unary(server, Requests.LIST_CONDITIONS, EnumSet.of(Role.PLANNER, Role.CONSOLE), Rpc.Where.EVENT_LOOP, q -> {
            ListConditionsResponse.Builder b = ListConditionsResponse.newBuilder()
                    .setVersion(conditions.version())
                    .setTypicalTraffic(conditions
                            .congestion()
                            .periodName(conditions.congestion().hourOfWeek(q.atEpochMillis())));
            for (RoadConditions.Entry e : conditions.list()) {
                if (!q.inForceOnly() || e.condition().inForceAt(q.atEpochMillis())) {
                    b.addConditions(ProtoMapping.toProto(e, q.atEpochMillis()));
                }
            }
            return b.build();
        });
    }

    /** Who changes a condition, as the durable store keeps it: {@code role:token name}. */
    private static String who(AccessPolicy.Caller caller) {
        return caller.role().code() + ":" + caller.name();
    }
}
