package org.bluelamp.api;

import com.google.protobuf.MessageOrBuilder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.proto.v1.Health;
import org.bluelamp.proto.v1.Liveness;
import org.bluelamp.proto.v1.Readiness;
import org.bluelamp.tracking.IntakeCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network service: gRPC (HTTP/2), gRPC-Web for browsers, plain HTTP for {@code /health}
 * and {@code /metrics}, and the web console ({@link ConsoleRoutes}: its page, libraries and basemap
 * tiles), over one {@link Backend}; the HTTP port, when there is one, serves all of it too.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li><b>Event loops</b> ({@link ServiceOptions#eventLoopInstances()} gRPC server instances on one
 *       port): decode, authorize, validate, answer look-ups and status changes, write answers.
 *       Never block, never search.
 *   <li><b>Search pool</b> ({@link ServiceOptions#searchThreads()} workers): recommendations and
 *       fleet area queries; at most {@link ServiceOptions#maxQueuedSearches()} waiting, beyond
 *       that RESOURCE_EXHAUSTED.
 *   <li><b>Intake thread</b> ({@link IntakeWorker}): the single writer of fixes.
 *   <li><b>Feed thread</b> ({@link FleetFeed}): the live map feed.
 *   <li><b>Coverage feed thread</b> ({@link LiveCoverageFeed}, with Planning): the live coverage
 *       refreshed once a second while a console watches it.
 * </ul>
 *
 * <h2>Shutdown</h2>
 *
 * <p>{@link #shutdown()}: readiness goes false, new calls get UNAVAILABLE, fix streams acknowledge
 * every batch already read and end with UNAVAILABLE, watchers end, unary calls in flight finish;
 * the servers stop accepting and close once idle (at most {@link ServiceOptions#drainTimeout()});
 * the intake applies what is queued. Vert.x itself is left to the caller.
 *
 * <p>Thread-safety: {@link #start} and {@link #shutdown} from any non-event-loop thread.
 */
public final class BluelampService {
    private static final Logger LOG = LoggerFactory.getLogger(BluelampService.class);

    private final Vertx vertx;
    private final ServiceState state;
    private final ServiceMetrics metrics;
    private final WorkerExecutor searchPool;
    private final AccessPolicy access;
    private final io.vertx.core.Handler<HttpServerRequest> console;
    private final List<GrpcVerticle> verticles = new ArrayList<>();
    private final List<String> deployments = new ArrayList<>();
    private final long startedMillis = System.currentTimeMillis();
    private final long[] rateRing = new long[11];
    private final long rateTimer;
    private GrpcVerticle httpVerticle;
    private volatile boolean ready;
    private volatile boolean stopped;

    private BluelampService(
            Vertx vertx,
            Backend backend,
            AccessPolicy access,
            ServiceOptions options,
            ServiceMetrics metrics,
            CoveragePlanner planner) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.access = access;
        this.searchPool =
                vertx.createSharedWorkerExecutor("bluelamp-search", options.searchThreads(), 60, TimeUnit.SECONDS);
        ActiveCalls calls = new ActiveCalls();
        RequestRules rules = new RequestRules(
                backend.policies(),
                backend.fleet().options().capabilities(),
                backend.intake().options().clientTimes(),
                backend.intake().rules(),
                options.maxFixesPerBatch(),
                backend.clock());
        Rpc rpc = new Rpc(
                calls, access, metrics, searchPool, options.maxQueuedSearches(), options.maxMessageBytes(), rules);
        IntakeWorker intake = new IntakeWorker(backend.intake(), options.intakeQueueCapacity());
        this.state = new ServiceState(backend, options, rules, metrics, rpc, intake, calls, planner);
        metrics.bindIntake(backend.intake().counters(), intake);
        metrics.gauge("bluelamp.fleet.units", "registered units", backend.fleet(), f -> f.unitCount());
        metrics.gauge("bluelamp.active.calls", "gRPC calls in flight", calls, c -> c.count());
        metrics.gauge("bluelamp.watchers", "consoles watching the fleet", state.feed, f -> f.watcherCount());
        metrics.bindStore(backend.durable());
        this.console = ConsoleRoutes.router(vertx, state, access);
        this.rateTimer = vertx.setPeriodic(1000, id -> sampleRate());
    }

    /**
     * Starts the service on {@code vertx}: the health and metrics endpoint, then the gRPC servers.
     * Ready once the returned future completes.
     */
    public static Future<BluelampService> start(
            Vertx vertx, Backend backend, AccessPolicy access, ServiceOptions options) {
        return start(vertx, backend, access, options, null);
    }

    /**
     * Starts the service as {@link #start(Vertx, Backend, AccessPolicy, ServiceOptions)} does, also
     * serving {@code dispatch.v1.Planning} over {@code planner} (null: Planning is not served and its
     * calls get UNIMPLEMENTED).
     */
    public static Future<BluelampService> start(
            Vertx vertx, Backend backend, AccessPolicy access, ServiceOptions options, CoveragePlanner planner) {
        Objects.requireNonNull(access, "access");
        BluelampService s = new BluelampService(vertx, backend, access, options, new ServiceMetrics(), planner);
        return s.startServers().map(v -> {
            s.ready = true;
            LOG.info(
                    "serving gRPC{} on {}:{} (gRPC-Web too), health and metrics on port {}; {} units; auth {}",
                    options.tls() ? " over TLS" : "",
                    options.host(),
                    s.grpcPort(),
                    s.httpPort(),
                    backend.fleet().unitCount(),
                    access.isOpen() ? "OFF (every caller is admin)" : "on");
            return s;
        });
    }

    private Future<Void> startServers() {
        ServiceOptions o = state.options;
        Future<Void> http = Future.succeededFuture();
        if (o.httpPort() >= 0) {
            // the HTTP port serves the same as the gRPC port (the console's page calls gRPC-Web
            // on the origin it was loaded from), so a browser needs only http://host:8080/
            httpVerticle = new GrpcVerticle(state, o.httpPort(), this::httpEndpoints);
            http = vertx.deployVerticle(httpVerticle, new DeploymentOptions()).map(id -> {
                synchronized (deployments) {
                    deployments.add(id);
                }
                return null;
            });
        }
        // Instances share one port only when they ask for the same number: resolve "any free port" first.
        int port = o.grpcPort() == 0 && o.eventLoopInstances() > 1 ? freePort(o.host()) : o.grpcPort();
        return http.compose(v -> deploy(port)).compose(first -> {
            List<Future<?>> rest = new ArrayList<>();
            for (int i = 1; i < o.eventLoopInstances(); i++) {
                rest.add(deploy(first));
            }
            return Future.all(rest).mapEmpty();
        });
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE, "host", "cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /** Deploys one gRPC server instance; returns its port (the first one picks it when 0). */
    private Future<Integer> deploy(int port) {
        GrpcVerticle v = new GrpcVerticle(state, port, this::httpEndpoints);
        synchronized (verticles) {
            verticles.add(v);
        }
        return vertx.deployVerticle(v, new DeploymentOptions()).map(id -> {
            synchronized (deployments) {
                deployments.add(id);
            }
            return v.actualPort();
        });
    }

    /** The gRPC port. */
    public int grpcPort() {
        return verticles.get(0).actualPort();
    }

    /** The health and metrics port (the gRPC port when no separate one). */
    public int httpPort() {
        return httpVerticle != null ? httpVerticle.actualPort() : grpcPort();
    }

    /** The metrics. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The intake thread, for in-process producers of fixes (the demonstration fleet). */
    public IntakeWorker intakeWorker() {
        return state.intake;
    }

    /** Whether the service takes calls (started, not draining). */
    public boolean isReady() {
        return ready && !state.calls.isDraining();
    }

    // ------------------------------------------------------------------ health and metrics

    /**
     * {@code /health/live} and {@code /health/ready} (open: probes carry no token; they say only
     * {@code live} and {@code ready}), {@code /health} and {@code /metrics} (the details: the admin
     * role or a {@code metrics} token; without {@code --auth} every caller is admin).
     */
    private void httpEndpoints(HttpServerRequest req) {
        if (HEALTH_PATHS.contains(req.path())
                && req.method() != io.vertx.core.http.HttpMethod.GET
                && req.method() != io.vertx.core.http.HttpMethod.HEAD) {
            // a POST or DELETE here changes nothing; answering it as a GET would say it did
            req.response()
                    .setStatusCode(405)
                    .putHeader("allow", "GET, HEAD")
                    .putHeader("content-type", "text/plain")
                    .end(req.path() + " answers GET (and HEAD) only, not "
                            + org.bluelamp.input.Echo.quote(req.method().name()) + "\n");
            return;
        }
        switch (req.path()) {
            case "/health/live" -> json(req, 200, Liveness.newBuilder().setLive(true));
            case "/health/ready" ->
                json(req, isReady() ? 200 : 503, Readiness.newBuilder().setReady(isReady()));
            case "/health" -> {
                if (mayRead(req)) {
                    Health h = healthReport();
                    json(req, h.getReady() ? 200 : 503, h);
                }
            }
            case "/metrics" -> {
                if (mayRead(req)) {
                    vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
                        if (ar.succeeded()) {
                            req.response()
                                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                                    .end(ar.result());
                        } else {
                            req.response().setStatusCode(500).end();
                        }
                    });
                }
            }
            default -> console.handle(req);
        }
    }

    private static final java.util.Set<String> HEALTH_PATHS =
            java.util.Set.of("/health", "/health/live", "/health/ready", "/metrics");

    /** Whether the caller may read the details; if not, the request is answered 401 or 403. */
    private boolean mayRead(HttpServerRequest req) {
        try {
            access.authorize(req.getHeader("authorization"), Role.METRICS, req.path());
            return true;
        } catch (CallRefused refused) {
            boolean unknown = refused.why() == CallRefused.Why.UNAUTHENTICATED;
            if (unknown) {
                req.response().putHeader("www-authenticate", "Bearer realm=\"bluelamp\"");
            }
            String body = ErrorMapping.statusJson(new ErrorMapping.Mapped(refused.status(), refused.getMessage(), ""));
            req.response()
                    .setStatusCode(unknown ? 401 : 403)
                    .putHeader("content-type", "application/json")
                    .end(body + "\n");
            return false;
        }
    }

    private static void json(HttpServerRequest req, int status, MessageOrBuilder body) {
        req.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(ContractJson.print(body) + "\n");
    }

    /** The health report served at {@code /health}, as a JSON object (for tests and callers in process). */
    public JsonObject health() {
        return new JsonObject(ContractJson.print(healthReport()));
    }

    /** The health report served at {@code /health}. */
    public Health healthReport() {
        Backend b = state.backend;
        IntakeCounters c = b.intake().counters();
        boolean draining = state.calls.isDraining();
        boolean degraded = b.durable().degraded();
        return Health.newBuilder()
                .setLive(true)
                .setReady(isReady())
                .setStatus(draining ? "draining" : !ready ? "starting" : degraded ? "degraded" : "serving")
                .setStore(StoreHealth.of(b.durable()))
                .setUptimeSeconds((System.currentTimeMillis() - startedMillis) / 1000)
                .setMap(Health.MapInfo.newBuilder()
                        .setLoaded(true)
                        .setExtract(b.map().extract())
                        .setNodes(b.map().nodes())
                        .setEdges(b.map().edges()))
                .setUnits(b.fleet().unitCount())
                .setServiceArea(
                        b.intake().options().serviceArea() == null
                                ? "anywhere"
                                : b.intake().options().serviceArea().toString())
                .setIntake(Health.Intake.newBuilder()
                        .setFixesPerSecond(Math.round(intakeRate() * 10) / 10.0)
                        .setAccepted(c.count(FixOutcome.ACCEPTED_LATEST) + c.count(FixOutcome.ACCEPTED_HISTORY_ONLY))
                        .setDuplicates(c.count(FixOutcome.DUPLICATE))
                        .setRejected(c.count(FixOutcome.REJECTED))
                        .setQueueDepth(state.intake.queueDepth()))
                .setActiveCalls(state.calls.count())
                .setWatchers(state.feed.watcherCount())
                .build();
    }

    /** Consoles watching the live coverage (WatchLiveCoverage) now; 0 when it is not served. */
    int liveCoverageWatchers() {
        return state.liveFeed == null ? 0 : state.liveFeed.watcherCount();
    }

    private int rateSamples;

    private synchronized void sampleRate() {
        System.arraycopy(rateRing, 1, rateRing, 0, rateRing.length - 1);
        rateRing[rateRing.length - 1] = state.backend.intake().counters().total();
        rateSamples++;
    }

    /** Fixes per second over the last (up to) 10 seconds. */
    public synchronized double intakeRate() {
        int n = Math.min(rateSamples, rateRing.length) - 1;
        if (n < 1) {
            return 0;
        }
        long last = rateRing[rateRing.length - 1];
        long first = rateRing[rateRing.length - 1 - n];
        return (double) (last - first) / n;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Drains and stops the service (see the class comment); blocks up to about the drain timeout.
     * Idempotent. Must not be called on an event loop.
     *
     * @return whether every call finished within the drain timeout
     */
    public boolean shutdown() {
        if (stopped) {
            return true;
        }
        stopped = true;
        Duration drain = state.options.drainTimeout();
        long t0 = System.nanoTime();
        LOG.info("shutting down: draining {} calls in flight (at most {} s)", state.calls.count(), drain.toSeconds());
        state.calls.startDraining();
        state.feed.close();
        if (state.liveFeed != null) {
            state.liveFeed.close();
        }
        boolean idle = state.calls.awaitIdle(drain.toMillis());
        long left = Math.max(100, drain.toMillis() - (System.nanoTime() - t0) / 1_000_000);
        List<Future<Void>> closing = new ArrayList<>();
        for (GrpcVerticle v : verticles) {
            closing.add(v.shutdown(left));
        }
        if (httpVerticle != null) {
            closing.add(httpVerticle.shutdown(left));
        }
        await(Future.all(closing), left + 1000);
        for (String id : deployments) {
            await(vertx.undeploy(id), 5000);
        }
        vertx.cancelTimer(rateTimer);
        state.intake.close();
        searchPool.close();
        LOG.info(
                "stopped in {} ms{}",
                (System.nanoTime() - t0) / 1_000_000,
                idle ? "" : " (some calls did not finish within the drain timeout)");
        return idle;
    }

    private static void await(Future<?> f, long millis) {
        try {
            f.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown step did not complete cleanly: {}", e.toString());
        }
    }
}
