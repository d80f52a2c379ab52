package org.bluelamp.api;

import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.LiveCoverage;

/**
 * {@code dispatch.v1.Planning}: for the planner role, coverage evaluations with their what-ifs and
 * unit placement; for consoles, the live fleet's Grade 1 coverage ({@link
 * org.bluelamp.coverage.LiveCoverage}, evaluated at most once a second) and its move-up advice
 * ({@link org.bluelamp.coverage.MoveUpPlanner} over the service's standby posts); all on the search pool
 * (never on the event loop); the live coverage as a stream ({@code WatchLiveCoverage}) from the
 * {@link LiveCoverageFeed}'s thread. Planners also read the baseline their what-ifs start from
 * ({@code GetPlanningBaseline}: the stations and the live fleet as planned units, nothing else of a
 * unit) and may ask for each report's response-time bands as geometry ({@code include_bands}).
 * Requests arrive checked ({@link PlanningRequests} through {@link Requests}); answers are the
 * same messages the {@code coverage} and {@code place} commands write ({@link PlanningMapping}).
 *
 * <p>Thread-safety: handlers run on event loops; the work on the search pool, over a thread-safe
 * {@link CoveragePlanner}.
 */
final class PlanningEndpoint {
    private final ServiceState state;

    PlanningEndpoint(ServiceState state) {
        this.state = state;
    }

    void bind(GrpcServer server, Vertx vertx) {
        Rpc rpc = state.rpc;
        CoveragePlanner planner = state.planner;
        rpc.unary(
                server,
                Requests.EVALUATE_COVERAGE,
                Role.PLANNER,
                Rpc.Where.SEARCH_POOL,
                e -> PlanningMapping.toProto(
                        planner.evaluateWithBands(e.name(), e.grade(), e.baseline(), e.scenarios(), e.bands())));
        rpc.unary(server, Requests.GET_PLANNING_BASELINE, Role.PLANNER, Rpc.Where.SEARCH_POOL, r -> {
            long now = state.nowMillis();
            return PlanningMapping.toProto(
                    now, planner.posts(), LiveCoverage.deployment(state.fleet(), now), state.fleet());
        });
        rpc.unary(server, Requests.PLACE_UNITS, Role.PLANNER, Rpc.Where.SEARCH_POOL, p -> {
            CoveragePlanner.Placement r =
                    planner.place(p.grade(), p.units(), p.candidates(), p.busyFraction(), p.status(), p.keep());
            return PlanningMapping.toProto(r.result(), r.candidates(), r.computeMillis());
        });
        if (state.live != null) {
            rpc.unary(
                    server,
                    Requests.GET_LIVE_COVERAGE,
                    Role.CONSOLE,
                    Rpc.Where.SEARCH_POOL,
                    r -> PlanningMapping.toProto(
                            state.live.current(r.getIncludeGaps()), r.getIncludeGaps(), state.nowMillis()));
            server.callHandler(Requests.WATCH_LIVE_COVERAGE.method(), request -> {
                Rpc.Scope<?, org.bluelamp.proto.v1.LiveCoverage> s = rpc.begin(request, Role.CONSOLE);
                if (s == null) {
                    return;
                }
                rpc.readOne(s, Requests.WATCH_LIVE_COVERAGE, q -> {
                    s.startStream();
                    LiveCoverageFeed.Watcher w = state.liveFeed.subscribe(
                            vertx.getOrCreateContext(),
                            s.stream(),
                            q.includeGaps(),
                            q.minIntervalMillis(),
                            s::endStream);
                    s.onCancel(w::cancelled);
                    s.call.onDrain(
                            () -> w.end(GrpcStatus.UNAVAILABLE, "the server is shutting down; watch another instance"));
                });
            });
            rpc.unary(
                    server,
                    Requests.GET_MOVE_UP_ADVICE,
                    Role.CONSOLE,
                    Rpc.Where.SEARCH_POOL,
                    n -> PlanningMapping.toProto(state.live.moveUps(n), state.live.grade()));
        }
    }
}
