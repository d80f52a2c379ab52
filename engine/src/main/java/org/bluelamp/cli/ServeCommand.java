package org.bluelamp.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bluelamp.api.AccessPolicy;
import org.bluelamp.api.Backend;
import org.bluelamp.api.BluelampService;
import org.bluelamp.api.ServiceOptions;
import org.bluelamp.api.demo.DemoFleet;
import org.bluelamp.conditions.ConditionsAhead;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.Station;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.ServiceReady;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.StoreOptions;
import org.bluelamp.store.StoreService;
import org.bluelamp.tracking.AcceptedFixSink;
import org.bluelamp.tracking.AutoRegistration;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.bluelamp.tracking.ServiceArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the network service on a map, with a demonstration fleet unless told otherwise.
 * Prints one JSON line when ready (ports, auth, units); runs until SIGTERM or SIGINT, then drains
 * and exits 0.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve gRPC (and gRPC-Web) for gateways, consoles and admins, plus /health and /metrics over HTTP.",
            "Prints one JSON line when ready; SIGTERM or Ctrl-C drains calls in flight and exits 0."
        })
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** Buckets of a grid fixed by {@code --grid-cell-metres} (the fixed grid's earlier default). */
    private static final int FIXED_GRID_BUCKETS = 1 << 16;

    @Mixin
    MapOptions mapOptions;

    @Mixin
    ConditionOptions conditionOptions;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "<address>",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback needs --auth.")
    String host;

    @Option(
            names = "--port",
            defaultValue = "50051",
            paramLabel = "<n>",
            description = "gRPC and gRPC-Web port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "<n>",
            description = "Port of /health and /metrics, 0 for any free one, -1 for none (they are served on the gRPC "
                    + "port too) (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--auth",
            paramLabel = "<file>",
            description = "Bearer tokens by role, JSON "
                    + "{\"gateway\":[...],\"console\":[...],\"planner\":[...],\"metrics\":[...],\"admin\":[...]}; "
                    + "/metrics and /health need a metrics or admin token. "
                    + "Without it every caller is admin, and only loopback is allowed.")
    Path auth;

    @Option(names = "--tls-cert", paramLabel = "<pem>", description = "Serve TLS with this PEM certificate (chain).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "<pem>", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(
            names = "--fleet",
            paramLabel = "<file>",
            description =
                    "Start with the units of this fleet file (the format of recommend's --fleet; a position outside "
                            + "the map is left out with a warning); no demonstration fleet then unless --demo-units is "
                            + "given.")
    Path fleetFile;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(
            names = "--demand",
            paramLabel = "<file>",
            description = "Demand points for the Planning service, CSV (lat,lon[,weight]) or GeoJSON points"
                    + " (default: the map's buildings).")
    Path demandFile;

    @Option(
            names = "--beats",
            paramLabel = "<geojson>",
            description = "Beats GeoJSON for the Planning service's per-beat coverage (default: none).")
    Path beatsFile;

    @Option(
            names = "--stations",
            paramLabel = "<file>",
            description = "Standby posts for Planning.GetMoveUpAdvice: the stations of a coverage scenario file (the"
                    + " format of coverage --scenario, e.g. map-data/examples/rutland-coverage.json). Without it,"
                    + " move-up advice is always empty.")
    Path stationsFile;

    @Option(
            names = "--no-planning",
            description = "Do not serve dispatch.v1.Planning (skips preparing coverage at start).")
    boolean noPlanning;

    @Option(
            names = "--service-area",
            paramLabel = "<geojson>",
            description = "Where positions are taken: GeoJSON Polygon(s), a Feature or a FeatureCollection of them. "
                    + "Fixes outside are refused (counted as outside_service_area), incidents and registered positions "
                    + "outside get INVALID_ARGUMENT (default: the map's bounds with 10 km around them).")
    Path serviceAreaFile;

    @Option(
            names = "--demo-units",
            defaultValue = "40",
            paramLabel = "<n>",
            description = "Units of the demonstration fleet that moves on the map (default: ${DEFAULT-VALUE}; 0 starts "
                    + "with an empty fleet, to be registered with Fleet.RegisterUnit).")
    int demoUnits;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "<n>", description = "Seed of the demonstration fleet.")
    long seed;

    @Option(
            names = "--auto-register",
            description = "Register fixes' unknown radios as off-duty cars instead of " + "rejecting them.")
    boolean autoRegister;

    @Option(
            names = "--max-message-bytes",
            defaultValue = "4194304",
            paramLabel = "<n>",
            description = "Largest request message (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(
            names = "--max-fixes-per-batch",
            defaultValue = "10000",
            paramLabel = "<n>",
            description = "Most fixes in one FixBatch (default: ${DEFAULT-VALUE}).")
    int maxFixesPerBatch;

    @Option(
            names = "--grid-cell-metres",
            paramLabel = "<m>",
            description = "Fix the side of the fleet's grid cells, metres, 10 to 100000 (default: none,"
                    + " the fleet sizes its grid itself from where its units are, about two to six units"
                    + " an occupied cell, and resizes it as the fleet grows or spreads). Every"
                    + " recommendation's nearest-first fetch scans these cells. Answers do not depend on it.")
    Double gridCellMetres;

    @Option(names = "--search-threads", paramLabel = "<n>", description = "Recommendation threads (default: cores).")
    Integer searchThreads;

    @Option(names = "--event-loops", paramLabel = "<n>", description = "gRPC event loops (default: cores).")
    Integer eventLoops;

    @Option(
            names = "--idle-timeout-seconds",
            defaultValue = "300",
            paramLabel = "<s>",
            description =
                    "Close a connection on which no byte moves either way for this long (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(
            names = "--header-timeout-seconds",
            defaultValue = "10",
            paramLabel = "<s>",
            description = "Close a new connection that has not sent a complete first request within this long "
                    + "(default: ${DEFAULT-VALUE}).")
    int headerTimeoutSeconds;

    @Option(
            names = "--max-streams-per-connection",
            defaultValue = "100",
            paramLabel = "<n>",
            description = "Calls one HTTP/2 connection may have open at once; clients queue the rest "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxStreamsPerConnection;

    @Option(
            names = "--cors-origin",
            paramLabel = "<origin>",
            description = "An origin (e.g. https://console.example) whose browser pages may call the service with "
                    + "gRPC-Web; repeat for more. Default: the service's own origin only.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(
            names = "--drain-seconds",
            defaultValue = "10",
            paramLabel = "<s>",
            description = "Longest wait for calls in flight on shutdown (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(
            names = "--redis",
            split = ",",
            paramLabel = "<uri>",
            description = "Keep the state durable in Redis and share it with other instances: redis://host:port "
                    + "(rediss:// for TLS, redis://:password@host:port/2 for a password and database 2); several, "
                    + "comma-separated, are the seed nodes of a Redis Cluster. Without it the state is in memory only.")
    List<String> redis = new ArrayList<>();

    @Option(
            names = "--redis-cluster",
            description = "The --redis node is a seed of a Redis Cluster (implied by several --redis nodes).")
    boolean redisCluster;

    @Option(
            names = "--force",
            defaultValue = "default",
            paramLabel = "<code>",
            description = "The force whose state this engine keeps: every Redis key starts with bl:{<code>}: "
                    + "(a Redis Cluster hash tag: a force's keys live in one slot) (default: ${DEFAULT-VALUE}).")
    String force;

    @Option(
            names = "--instance",
            paramLabel = "<name>",
            description = "This engine's name among the instances of a force on one Redis; its stream positions "
                    + "are kept under it (default: <host name>-<process id>).")
    String instance;

    @Option(
            names = "--redis-timeout-millis",
            defaultValue = "2000",
            paramLabel = "<ms>",
            description = "A change Redis has not confirmed within this long is refused as UNAVAILABLE "
                    + "(default: ${DEFAULT-VALUE}).")
    int redisTimeoutMillis;

    @Option(
            names = "--journal-batch",
            defaultValue = "512",
            paramLabel = "<n>",
            description = "Most fixes in one journal entry (default: ${DEFAULT-VALUE}).")
    int journalBatch;

    @Option(
            names = "--journal-max-entries",
            defaultValue = "100000",
            paramLabel = "<n>",
            description = "Journal entries kept in Redis (XADD MAXLEN ~) (default: ${DEFAULT-VALUE}).")
    long journalMaxEntries;

    @Option(
            names = "--journal-backlog",
            defaultValue = "1000000",
            paramLabel = "<n>",
            description = "Fixes kept in memory for the journal while Redis is away; beyond it the oldest are "
                    + "dropped and counted (default: ${DEFAULT-VALUE}).")
    long journalBacklog;

    @Option(
            names = "--audit-retention-days",
            defaultValue = "400",
            paramLabel = "<days>",
            description = "How long the audit trail keeps entries (XADD MINID ~) (default: ${DEFAULT-VALUE}).")
    double auditRetentionDays;

    @Spec
    CommandSpec spec;

    static final String CHANGE_PORT = "give another port with --port <n> (0 picks a free one)";
    static final String CHANGE_HTTP_PORT =
            "give another port with --http-port <n> (0 picks a free one; -1 serves health and metrics on the gRPC "
                    + "port only)";

    @Override
    public Integer call() throws Exception {
        Ports.checkRange("--port", port, 0);
        Ports.checkRange("--http-port", httpPort, -1);
        if (port > 0 && port == httpPort) {
            throw BluelampException.invalid(
                    "--http-port",
                    "--http-port " + httpPort + " is the gRPC port too: give two different ports, "
                            + "or -1 to serve health and metrics on the gRPC port only");
        }
        AccessPolicy access = auth != null ? AccessPolicy.load(auth) : AccessPolicy.open();
        if (access.isOpen() && !isLoopback(host)) {
            throw BluelampException.invalid(
                    "--auth",
                    "--host " + Echo.quote(host) + " is not a loopback address: give --auth with "
                            + "tokens (without it every caller would be admin)");
        }
        ServiceOptions defaults = ServiceOptions.defaults();
        ServiceOptions options = defaults.withHost(host)
                .withPorts(port, httpPort)
                .withTls(tlsCert, tlsKey)
                .withLimits(maxMessageBytes, maxFixesPerBatch)
                .withThreads(
                        searchThreads != null ? searchThreads : defaults.searchThreads(),
                        eventLoops != null ? eventLoops : defaults.eventLoopInstances())
                .withDrainTimeout(Duration.ofSeconds(drainSeconds))
                .withConnectionLimits(new ServiceOptions.ConnectionLimits(
                        Duration.ofSeconds(idleTimeoutSeconds),
                        Duration.ofSeconds(headerTimeoutSeconds),
                        maxStreamsPerConnection))
                .withCorsOrigins(corsOrigins);
        if (access.isOpen()) {
            LOG.warn("no --auth file: every caller is admin (allowed on loopback only)");
        }

        if (gridCellMetres != null && !(gridCellMetres >= 10 && gridCellMetres <= 100_000)) {
            throw BluelampException.invalid(
                    "--grid-cell-metres", "--grid-cell-metres must be between 10 and 100000, got " + gridCellMetres);
        }
        InstantSource clock = InstantSource.system();
        FleetOptions fleetOptions = FleetOptions.defaults();
        FleetState fleet = new FleetState(
                gridCellMetres == null ? fleetOptions : fleetOptions.withGrid(gridCellMetres, FIXED_GRID_BUCKETS));
        PolicyBook policies = policy.policies(fleet.options().capabilities());
        UrbanAreas urban = policy.urbanAreas();
        List<FleetFile.Entry> units = fleetFile == null
                ? List.of()
                : FleetFile.read(
                        fleetFile,
                        "--fleet",
                        fleet.options().capabilities(),
                        policies.grades().stream().map(GradePolicy::code).toList(),
                        clock.millis(),
                        ClientTimeRule.defaults());
        conditionOptions.read(); // a bad --closures file fails before the map is loaded
        Beats beats = beatsFile == null ? Beats.none() : Beats.load(beatsFile, "--beats");
        DemandPoints fileDemand = demandFile == null ? null : DemandFile.read(demandFile, "--demand");
        List<CandidateSite> posts = new ArrayList<>();
        if (stationsFile != null) {
            for (Station st : ScenarioFile.read(stationsFile, "--stations")
                    .baseline()
                    .stations()
                    .values()) {
                posts.add(new CandidateSite(st.id(), st.name(), st.position()));
            }
        }
        // fail in a second, not after loading the map, when a port is taken
        Ports.requireFree(host, port, "--port", CHANGE_PORT);
        Ports.requireFree(host, httpPort, "--http-port", CHANGE_HTTP_PORT);
        StoreOptions storeOptions = storeOptions(); // bad store options fail before Redis or the map
        // connect and load before the map: an unreachable Redis fails in a second; this thread is
        // the fleet's fix writer until the service starts its intake thread
        StoreService stores = storeOptions == null
                ? StoreService.inMemory(fleet, clock)
                : StoreService.open(storeOptions, fleet, clock);
        RoadNetwork network;
        try {
            network = mapOptions.open(spec); // on this thread: never on an event loop
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        boolean demoAsked = spec.commandLine().getParseResult().hasMatchedOption("--demo-units");
        if (fleetFile != null) {
            if (stores.isDurable()) {
                registerDurably(units, stores, network);
            } else {
                FleetFile.register(
                        units,
                        fleet,
                        network.bounds(),
                        "--fleet",
                        spec.commandLine().getErr());
            }
            if (!demoAsked) {
                demoUnits = 0;
            }
        }
        if (stores.isDurable() && !demoAsked) {
            demoUnits = 0; // a demonstration fleet is not durable state: only when asked for
        } else if (stores.isDurable() && demoUnits > 0) {
            LOG.warn("--demo-units with --redis: the demonstration units are registered in memory only");
        }
        Dispatcher dispatcher = Dispatcher.create(
                network, fleet, policies, urban, clock, conditionOptions.open(network, urban, stores.conditions()));
        // opt-in until measured on a quiet machine: each new position placed on the road graphs as
        // its fix arrives, off the query path but also for positions no query reads
        // (benchmarks/RESULTS.md, issue 13 point 4, fifth round)
        dispatcher.setPlacementAtIntake(Boolean.getBoolean("bluelamp.placementAtIntake"));
        // the hierarchies and buckets the first query of each profile would otherwise build
        long prepareStart = System.nanoTime();
        List<TravelProfile> prepared = dispatcher.prepare();
        LOG.info(
                "buckets for {} ready in {} ms ({} units)",
                prepared,
                (System.nanoTime() - prepareStart) / 1_000_000,
                fleet.unitCount());
        // the conditions of the next minute (the congestion's next hour) computed before a query needs them
        ConditionsAhead conditionsAhead = ConditionsAhead.start(
                dispatcher.conditions(),
                List.copyOf(dispatcher.profilesInUse()),
                clock,
                Duration.ofSeconds(20),
                Duration.ofSeconds(60));
        IntakeOptions intakeOptions = IntakeOptions.defaults()
                .withServiceArea(
                        serviceAreaFile != null
                                ? ServiceArea.load(serviceAreaFile)
                                : Backend.MapInfo.of(network).defaultServiceArea());
        if (autoRegister) {
            intakeOptions = intakeOptions.withAutoRegistration(AutoRegistration.offDutyCars());
        }
        FixIntake intake = new FixIntake(
                fleet, intakeOptions, clock, stores.journal() != null ? stores.journal() : AcceptedFixSink.NONE);
        Backend backend = Backend.of(dispatcher, intake, clock, stores.durable());
        CoveragePlanner planner = null;
        if (!noPlanning) {
            DemandPoints demand = fileDemand != null ? fileDemand : DemandPoints.fromMap(network);
            planner = new CoveragePlanner(
                    CoverageArea.build(
                            CoverageRoads.of(network, dispatcher::graph, dispatcher::hierarchy), urban, beats, demand),
                    policies,
                    network,
                    posts);
        }

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, options.eventLoopInstances())));
        BluelampService service;
        try {
            service = BluelampService.start(vertx, backend, access, options, planner)
                    .await();
        } catch (Exception e) { // await() rethrows the listen failure as it is, checked or not
            vertx.close();
            network.close();
            stores.close();
            throw startFailure(e);
        }
        stores.follow(service.intakeWorker()::offer);
        if (planner != null) {
            // a planner's first placement over every junction would build this matrix while it waits
            CoveragePlanner warm = planner;
            String firstGrade = policies.grades().get(0).code();
            Thread.ofPlatform().daemon().name("coverage-matrix").start(() -> {
                try {
                    warm.prepareJunctionMatrix(firstGrade);
                } catch (RuntimeException e) {
                    LOG.warn("covering matrix for grade {} not prepared: {}", firstGrade, e.getMessage());
                }
            });
        }
        DemoFleet demo =
                demoUnits > 0 ? DemoFleet.start(network, fleet, service.intakeWorker(), clock, demoUnits, seed) : null;

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    LOG.info("signal received: draining");
                    if (demo != null) {
                        demo.close();
                    }
                    conditionsAhead.close();
                    service.shutdown();
                    stores.close(); // the journal and the audit backlog are written (a few seconds at most)
                    vertx.close()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(t -> null)
                            .join();
                    network.close();
                    stopped.countDown();
                },
                "bluelamp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals.exitZeroOnStop(); // a drained, orderly stop by SIGTERM or SIGINT is a success

        Json.print(
                spec.commandLine().getOut(),
                ServiceReady.newBuilder()
                        .setGrpcPort(service.grpcPort())
                        .setHttpPort(service.httpPort())
                        .setHost(host)
                        .setTls(options.tls())
                        .setAuth(access.isOpen() ? "off" : "on")
                        .setUnits(fleet.unitCount())
                        .setStore(storeOptions == null ? "memory" : storeOptions.describe())
                        .setMap(backend.map().extract())
                        .setAttribution(Json.ATTRIBUTION));
        stopped.await();
        return 0;
    }

    /** The store's options from the command line, or null without --redis. */
    private StoreOptions storeOptions() {
        if (redis.isEmpty()) {
            return null;
        }
        String name = instance != null ? instance : defaultInstance();
        StoreOptions o = StoreOptions.defaults(redis, force, name)
                .withLimits(
                        Duration.ofMillis(redisTimeoutMillis),
                        Duration.ofMillis(Math.round(auditRetentionDays * 86_400_000d)))
                .withJournal(journalBatch, 10, journalMaxEntries, journalBacklog);
        return redisCluster ? o.asCluster() : o;
    }

    private static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "engine";
        }
        String name = (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9_.:-]", "_");
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }

    /**
     * The fleet file's units with Redis: those the store has are kept as stored (named in a
     * warning), the others registered durably; their positions go to the fleet and the journal.
     */
    private void registerDurably(List<FleetFile.Entry> entries, StoreService stores, RoadNetwork network) {
        FleetState fleet = stores.durable().fleet();
        PrintWriter warnings = spec.commandLine().getErr();
        int kept = 0;
        for (FleetFile.Entry e : entries) {
            if (fleet.findUnit(e.spec().id()).isPresent()) {
                kept++;
                continue;
            }
            var unit = stores.durable()
                    .register(e.spec(), e.status(), AuditEntry.Actor.ENGINE)
                    .join();
            if (e.position() == null) {
                continue;
            }
            if (!network.bounds().contains(e.position())) {
                warnings.println("warning: --fleet: " + e.path() + " (unit "
                        + Echo.quote(e.spec().id())
                        + "): position " + e.position() + " is outside the map (" + network.bounds()
                        + "); the unit is registered without a position");
                continue;
            }
            double lat = e.position().latDeg();
            double lon = e.position().lonDeg();
            long t = e.positionTimeMillis();
            double acc = e.accuracyMetres();
            if (fleet.recordFix(unit.unitIndex(), lat, lon, t, acc, Double.NaN, Double.NaN, FixReason.UNSPECIFIED)
                    != FixOutcome.DUPLICATE) {
                stores.journal()
                        .accepted(
                                unit.unitIndex(),
                                e.spec().id(),
                                lat,
                                lon,
                                t,
                                acc,
                                Double.NaN,
                                Double.NaN,
                                FixReason.UNSPECIFIED);
            }
        }
        if (kept > 0) {
            warnings.println("warning: --fleet: " + kept + " of " + entries.size()
                    + " units are already in the store and were kept as stored");
        }
        warnings.flush();
    }

    /** Why the service did not start, in one line naming the option to change. */
    private BluelampException startFailure(Exception e) {
        if (e instanceof BluelampException be) {
            return be;
        }
        if (Ports.isBindFailure(e)) {
            // a port was taken between the check and the listen: say which, if it still is
            for (int i = 0; i < 2; i++) {
                int p = i == 0 ? httpPort : port;
                String option = i == 0 ? "--http-port" : "--port";
                try {
                    Ports.requireFree(host, p, option, i == 0 ? CHANGE_HTTP_PORT : CHANGE_PORT);
                } catch (BluelampException taken) {
                    return taken;
                }
            }
            return Ports.inUse(host, port, "--port", CHANGE_PORT + "; or " + CHANGE_HTTP_PORT, e);
        }
        String why =
                e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return new BluelampException(
                ErrorKind.UNAVAILABLE, "--port", "cannot start the service on " + host + ":" + port + ": " + why, e);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw BluelampException.invalid("--host", "--host " + Echo.quote(host) + " is not a known address");
        }
    }
}
