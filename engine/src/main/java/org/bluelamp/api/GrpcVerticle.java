package org.bluelamp.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import org.bluelamp.input.Echo;

/**
 * One gRPC server instance on its own event loop; the service deploys one per core on the same
 * port (Vert.x spreads connections over them). Serves gRPC over HTTP/2 (h2c, or TLS with ALPN),
 * gRPC-Web and gRPC-Web-text over HTTP/1.1 for browsers (CORS for the configured origins only;
 * a request from any other origin is refused with 403), every RPC as plain HTTP with JSON under
 * {@code /v1/} (Vert.x's gRPC transcoding from the contract's {@code google.api.http} rules, see
 * {@link JsonCall}), and {@code /health} and {@code /metrics} for plain HTTP requests on the same port.
 *
 * <p>Thread-safety: Vert.x runs it on one event loop.
 */
final class GrpcVerticle extends VerticleBase {
    private final ServiceState state;
    private final int port;
    private final Handler<HttpServerRequest> httpEndpoints;
    private HttpServer server;

    GrpcVerticle(ServiceState state, int port, Handler<HttpServerRequest> httpEndpoints) {
        this.state = state;
        this.port = port;
        this.httpEndpoints = httpEndpoints;
    }

    @Override
    public Future<?> start() {
        ServiceOptions o = state.options;
        // Request bodies reach Vert.x's gRPC server as FramedBody: our GrpcFrames read them and
        // check the size limit. The server's own limit only matters for requests that take another
        // route (none today); it is the same.
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(o.maxMessageBytes()));
        new FleetEndpoint(state).bind(grpc, vertx);
        new TrackingEndpoint(state).bind(grpc, vertx);
        new DispatchEndpoint(state).bind(grpc, vertx);
        new RoadsEndpoint(state).bind(grpc);
        if (state.planner != null) {
            new PlanningEndpoint(state).bind(grpc, vertx);
        }
        grpc.callHandler(JsonRoutes.NOT_FOUND, JsonRoutes::notFound);
        ConnectionGuard guard = new ConnectionGuard(vertx, o.connections());
        HttpServerOptions http =
                guard.apply(new HttpServerOptions().setHost(o.host()).setPort(port));
        if (o.tls()) {
            http.setSsl(true)
                    .setUseAlpn(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(o.tlsCertPath().toString())
                            .setKeyPath(o.tlsKeyPath().toString()));
        }
        server = vertx.createHttpServer(http).connectionHandler(guard::opened).requestHandler(req -> {
            guard.requestArrived(req);
            route(req, grpc);
        });
        return server.listen();
    }

    private void route(HttpServerRequest req, GrpcServer grpc) {
        String origin = req.getHeader("origin");
        if (origin != null && !corsAllowed(req, origin)) {
            req.response()
                    .setStatusCode(403)
                    .putHeader("content-type", "text/plain")
                    .end("origin " + Echo.quote(origin) + " may not call this service: its pages may call it only "
                            + "when serve names the origin with --cors-origin\n");
            return;
        }
        String type = req.getHeader("content-type");
        if (type != null && type.startsWith("application/grpc")) {
            if (req.version() != HttpVersion.HTTP_2 && !type.startsWith("application/grpc-web")) {
                JsonRoutes.grpcNeedsHttp2(req, type);
                return;
            }
            if (origin != null) {
                cors(req, origin);
            }
            FramedBody body = new FramedBody(req, state.options.maxMessageBytes());
            FramedBody.handOver(body, () -> grpc.handle(body));
        } else if (JsonRoutes.isJsonPath(req.path()) && req.method() != HttpMethod.OPTIONS) {
            if (origin != null) {
                cors(req, origin);
            }
            if (!JsonRoutes.routable(req)) {
                JsonRoutes.unroutable(req);
                return;
            }
            if (!JsonRoutes.acceptsContentType(type)) {
                JsonRoutes.unsupportedType(req, type);
                return;
            }
            JsonCall call = new JsonCall(req);
            JsonCall.handOver(call, () -> grpc.handle(call));
        } else if (req.method() == HttpMethod.OPTIONS && origin != null) {
            cors(req, origin);
            req.response().setStatusCode(204).end();
        } else {
            httpEndpoints.handle(req);
        }
    }

    /**
     * Whether a browser page of {@code origin} may call: the service's own origin (scheme, host
     * and port of the request), or one named by {@link ServiceOptions#corsOrigins()}.
     */
    private boolean corsAllowed(HttpServerRequest req, String origin) {
        for (String allowed : state.options.corsOrigins()) {
            if (allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        HostAndPort authority = req.authority();
        if (authority == null) {
            return false;
        }
        try {
            URI o = new URI(origin);
            String scheme = req.isSSL() ? "https" : "http";
            int defaultPort = req.isSSL() ? 443 : 80;
            int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
            int ownPort = authority.port() < 0 ? defaultPort : authority.port();
            return scheme.equalsIgnoreCase(o.getScheme())
                    && authority.host().equalsIgnoreCase(o.getHost())
                    && originPort == ownPort;
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /** Lets a browser page of an allowed origin call the service with gRPC-Web. */
    private static void cors(HttpServerRequest req, String origin) {
        var h = req.response().headers();
        h.set("access-control-allow-origin", origin);
        h.set("vary", "origin");
        h.set("access-control-allow-methods", "GET, POST, PUT, OPTIONS");
        h.set("access-control-allow-headers", "authorization, content-type, x-grpc-web, x-user-agent, grpc-timeout");
        h.set("access-control-expose-headers", "grpc-status, grpc-message, " + Rpc.FIELD_TRAILER);
        h.set("access-control-max-age", "600");
    }

    /** The bound port. */
    int actualPort() {
        return server.actualPort();
    }

    /** Stops accepting and waits for open connections to finish, at most {@code millis}. */
    Future<Void> shutdown(long millis) {
        return server.shutdown(millis, TimeUnit.MILLISECONDS);
    }
}
