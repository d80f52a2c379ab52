package org.bluelamp.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.bluelamp.basemap.Basemap;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.proto.v1.ConsoleGrade;
import org.bluelamp.proto.v1.ConsoleMap;
import org.bluelamp.proto.v1.ConsoleSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's plain HTTP routes, beside gRPC and gRPC-Web on the same ports: the page and its
 * scripts ({@code /}, from the jar's {@code console/} folder), the browser libraries from their
 * WebJars ({@code /webjars/...}), the basemap tiles ({@code /tiles/{z}/{x}/{y}.png}, drawn by the
 * engine from its road network) and {@code /console/session}, which tells the page whether a token
 * is needed, the token's role, what that role may do and the force's grades, incident types and
 * capabilities. Everything else the page does goes through the gRPC-Web calls, with their checks.
 *
 * <p>The page, libraries and tiles are open (they hold no data but the road map); the session
 * answers 401 without a valid token when the service has {@code --auth}.
 *
 * <p>Thread-safety: built once; Vert.x Web's router and static handlers serve any event loop.
 */
final class ConsoleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);

    private ConsoleRoutes() {}

    /** The console's routes on {@code vertx} for {@code state}; unknown paths get 404 with a hint. */
    static Handler<HttpServerRequest> router(Vertx vertx, ServiceState state, AccessPolicy access) {
        Router router = Router.router(vertx);
        router.get("/webjars/*")
                .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
        router.get("/tiles/:z/:x/:y").handler(ctx -> tile(vertx, state.backend.basemap(), ctx));
        router.get("/console/session").handler(ctx -> session(ctx, state, access));
        router.get("/*")
                .handler(StaticHandler.create("console")
                        .setCachingEnabled(false)
                        .setDirectoryListing(false)
                        .setIndexPage("index.html"));
        router.route()
                .last()
                .handler(ctx -> ctx.response()
                        .setStatusCode(404)
                        .putHeader("content-type", "text/plain")
                        .end("not found: the console is at /; try /health, /health/live, /health/ready or /metrics\n"));
        router.route().failureHandler(ConsoleRoutes::failed);
        return router;
    }

    /**
     * A route that failed after its client went away (a browser leaving the page, or loading it
     * again, while a file is still being sent: Vert.x's static handler then fails the route with
     * the closed channel's exception) has no one to answer and is not the service's error: said at
     * debug with the path. Any other failure goes on to Vert.x Web's own handling (logged as an
     * error, answered 500).
     */
    private static void failed(RoutingContext ctx) {
        if (ctx.response().closed()) {
            LOG.debug(
                    "{} {}: the client closed the connection before the answer was sent ({})",
                    ctx.request().method(),
                    ctx.request().path(),
                    String.valueOf(ctx.failure()));
            return;
        }
        ctx.next();
    }

    private static void tile(Vertx vertx, Basemap basemap, RoutingContext ctx) {
        String yParam = ctx.pathParam("y");
        int z;
        int x;
        int y;
        try {
            if (!yParam.endsWith(".png")) {
                throw new NumberFormatException();
            }
            z = Integer.parseInt(ctx.pathParam("z"));
            x = Integer.parseInt(ctx.pathParam("x"));
            y = Integer.parseInt(yParam.substring(0, yParam.length() - 4));
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        if (!org.bluelamp.basemap.TileRenderer.exists(z, x, y)) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        vertx.executeBlocking(() -> basemap.tile(z, x, y), false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response()
                        .putHeader("content-type", "image/png")
                        .putHeader("cache-control", "public, max-age=3600")
                        .end(io.vertx.core.buffer.Buffer.buffer(ar.result()));
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    /**
     * What the caller's role may do in the console, and the force's codes to choose from: a
     * {@code ConsoleSession} contract message printed by {@link ContractJson}.
     */
    private static void session(RoutingContext ctx, ServiceState state, AccessPolicy access) {
        Role role;
        try {
            role = access.roleOf(ctx.request().getHeader("authorization"));
        } catch (CallRefused refused) {
            ctx.response()
                    .setStatusCode(401)
                    .putHeader("content-type", "application/json")
                    .putHeader("www-authenticate", "Bearer realm=\"bluelamp\"")
                    .end(ContractJson.print(
                            ConsoleSession.newBuilder().setTokenRequired(true).setError(refused.getMessage())));
            return;
        }
        ConsoleSession.Builder answer =
                ConsoleSession.newBuilder().setTokenRequired(!access.isOpen()).setRole(role.code());
        if (role.mayActAs(Role.CONSOLE)) {
            answer.addMay("fleet").addMay("recommend").addMay("assign").addMay("roads");
            if (state.live != null) {
                // WatchLiveCoverage's (and GetLiveCoverage's) role; only when the service keeps live coverage
                answer.addMay("coverage");
            }
        }
        if (role.mayActAs(Role.PLANNER) && state.planner != null) {
            // the planner's scenario report: GetPlanningBaseline and EvaluateCoverage (planner's role)
            answer.addMay("plan");
        }
        Backend b = state.backend;
        for (GradePolicy g : b.policies().grades()) {
            answer.addGrades(ConsoleGrade.newBuilder().setCode(g.code()).setName(g.name()));
        }
        answer.addAllIncidentTypes(
                        b.policies().incidentTypes().stream().sorted().toList())
                .addAllCapabilities(b.fleet().options().capabilities().codes())
                .setAlwaysStaleAfterSeconds(b.fleet().options().staleness().maxAgeMillis() / 1000.0)
                .setMap(ConsoleMap.newBuilder()
                        .setExtract(b.map().extract())
                        .setSouth(b.map().minLatDeg())
                        .setWest(b.map().minLonDeg())
                        .setNorth(b.map().maxLatDeg())
                        .setEast(b.map().maxLonDeg())
                        .setAttribution(Basemap.ATTRIBUTION));
        ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(ContractJson.print(answer));
    }
}
