package org.bluelamp.cli;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.api.client.RemoteCallException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.Box;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.LoadReport;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.TrackingGrpcClient;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load}: N simulated gateways stream fixes at a target rate (each gateway's units in turn,
 * so every unit reports at the same interval) while M consoles ask for recommendations and status
 * changes are made at target rates, against a running {@code serve}; reports offered and achieved
 * rates and latency percentiles (end to end, as the client sees them) as one JSON object, with a
 * line per minute (and, with {@code --jmx}, the service's heap after a full collection at each
 * minute's end, see {@link ServiceHeap}). Minute lines also go to standard error as they finish.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Load a running service: gateways streaming fixes and consoles asking for recommendations.",
            "Registers --units units (ids LOAD-n) first. Prints one JSON object with rates and latency percentiles."
        })
final class LoadCommand implements Callable<Integer> {
    /** The service, and an admin token (registration needs the admin role). */
    @Mixin
    TargetOptions target;

    @Option(
            names = "--units",
            defaultValue = "10000",
            paramLabel = "<n>",
            description = "Units to register and move (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--gateways", defaultValue = "4", paramLabel = "<n>", description = "Fix streams.")
    int gateways;

    @Option(
            names = "--fixes-per-second",
            defaultValue = "200000",
            paramLabel = "<n>",
            description = "Target, all gateways.")
    int fixesPerSecond;

    @Option(names = "--batch", defaultValue = "500", paramLabel = "<n>", description = "Fixes per batch.")
    int batch;

    @Option(
            names = "--window",
            defaultValue = "16",
            paramLabel = "<n>",
            description = "Unacknowledged batches per stream.")
    int window;

    @Option(
            names = "--consoles",
            defaultValue = "8",
            paramLabel = "<n>",
            description = "Consoles asking for recommendations.")
    int consoles;

    @Option(
            names = "--recommendations-per-second",
            defaultValue = "2000",
            paramLabel = "<n>",
            description = "Target, all consoles.")
    int recommendationsPerSecond;

    @Option(
            names = "--max-in-flight",
            defaultValue = "64",
            paramLabel = "<n>",
            description = "Recommendations in flight per console beyond which a due request is skipped (and counted).")
    int maxInFlight;

    @Option(
            names = "--moving-share",
            defaultValue = "1.0",
            paramLabel = "<0..1>",
            description = "Share of fixes that move their unit to a new position; the rest repeat the unit's last "
                    + "position with a new time (a parked or standing unit) (default: ${DEFAULT-VALUE}).")
    double movingShare;

    @Option(
            names = "--report-every-seconds",
            paramLabel = "<s>",
            description = "Each unit reports once per this many seconds: the fix rate becomes units / s"
                    + " (instead of --fixes-per-second).")
    Double reportEverySeconds;

    @Option(
            names = "--step-metres",
            defaultValue = "0",
            paramLabel = "<m>",
            description = "A moving fix moves its unit at most this far from its last position (0: anywhere in"
                    + " the box) (default: ${DEFAULT-VALUE}).")
    double stepMetres;

    @Option(
            names = "--status-changes-per-second",
            defaultValue = "0",
            paramLabel = "<n>",
            description = "SetStatus calls per second, each unit cycling AVAILABLE, EN_ROUTE, AT_SCENE, AVAILABLE"
                    + " (default: ${DEFAULT-VALUE}).")
    int statusChangesPerSecond;

    @Option(
            names = "--jmx",
            paramLabel = "<host:port>",
            description = "The service's JMX agent: at the end of every measured minute ask it for a full"
                    + " collection and report the heap it left.")
    String jmx;

    @Option(
            names = "--no-heap",
            description = "With --jmx, read the service's CPU time but do not ask for a full collection at each"
                    + " minute's end: in a run of several minutes that collection stalls the service inside the"
                    + " next minute's measured time (a latency run; the heap figures need it).")
    boolean noHeap;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "<s>", description = "Measured duration.")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", paramLabel = "<s>", description = "Unmeasured warm-up.")
    int warmupSeconds;

    @Option(
            names = "--box",
            defaultValue = "43.731,7.416,43.745,7.427",
            paramLabel = "<s,w,n,e>",
            description = "Where units and incidents are placed (default: central Monaco, on land).")
    String box;

    @Option(
            names = "--spread",
            defaultValue = "box",
            paramLabel = "<box|roads>",
            description = "Where units stand: box, uniformly over --box (in fields and water too; the server snaps"
                    + " them to the nearest road), or roads, at random points of the car roads inside --box weighted"
                    + " by road length (the roads of --map, the extract the service serves, read from --cache-dir),"
                    + " a moving unit hopping to a road point near its last position (default: ${DEFAULT-VALUE}).")
    String spread;

    @Option(
            names = "--incidents",
            defaultValue = "box",
            paramLabel = "<box|roads>",
            description = "Where incidents are: box, uniformly over --box (in water and fields too: those more than"
                    + " the service's snap limit from a road are refused and counted apart), or roads, beside the car"
                    + " roads inside --box as a control room's addresses are: a random road point (as --spread roads"
                    + " draws them, from --map and --cache-dir) moved up to --incident-offset-metres in a random"
                    + " direction (default: ${DEFAULT-VALUE}).")
    String incidents;

    @Option(
            names = "--incident-offset-metres",
            defaultValue = "15",
            paramLabel = "<m>",
            description = "With --incidents roads: how far from its road point an incident lies at most, metres"
                    + " (default: ${DEFAULT-VALUE}).")
    double incidentOffsetMetres;

    /** The map read for {@code --spread roads} and {@code --incidents roads} (the service's extract and cache). */
    @Mixin
    MapOptions roadMap;

    @Spec
    CommandSpec spec;

    /** With {@code --spread roads} or {@code --incidents roads}: the map's road points; else null. */
    private RoadPoints roadPoints;

    /** Each unit's id, LOAD-n, by n. */
    private String[] unitIds;

    private volatile boolean measuring;
    private volatile boolean stopping;
    private final AtomicLong fixesAcked = new AtomicLong();
    private final AtomicLong fixesAccepted = new AtomicLong();
    private final AtomicLong batchesOverloaded = new AtomicLong();
    /** Recommendations sent while measuring and answered: what the measured rate counts (never above offered). */
    private final AtomicLong recommendationsOkSentMeasuring = new AtomicLong();

    private final AtomicLong recommendationsFailed = new AtomicLong();
    private final AtomicLong recommendationsFailedInvalid = new AtomicLong();
    private final AtomicLong recommendationsSkipped = new AtomicLong();
    private final AtomicLong recommendationsDue = new AtomicLong();
    private final AtomicLong fixesSent = new AtomicLong();
    private final AtomicLong statusChangesOk = new AtomicLong();
    private final AtomicLong statusChangesFailed = new AtomicLong();
    private final AtomicLong statusChangesDue = new AtomicLong();
    private final ConcurrentLinkedQueue<long[]> statusLatencies = new ConcurrentLinkedQueue<>();
    /** Recommendation latencies of the minute under way (swapped out at each minute's end). */
    private volatile ConcurrentLinkedQueue<long[]> minuteLatencies = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<long[]> recLatencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> ackLatencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> rankingTimes = new ConcurrentLinkedQueue<>();
    private double south;
    private double west;
    private double north;
    private double east;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        AreaOptions area = new AreaOptions();
        area.box = box;
        Box b = area.toProto().getBox();
        south = b.getSouthWest().getLatDeg();
        west = b.getSouthWest().getLonDeg();
        north = b.getNorthEast().getLatDeg();
        east = b.getNorthEast().getLonDeg();
        target.hostPort(); // a bad --target fails here, before anything starts
        unitIds = new String[units];
        for (int i = 0; i < units; i++) {
            unitIds[i] = "LOAD-" + i;
        }
        if (spread.equals("roads") || incidents.equals("roads")) {
            try (RoadNetwork network = roadMap.open(spec)) {
                int pool = (int) Math.min(4_000_000, Math.max(200_000, 40L * units));
                roadPoints = new RoadPoints(network, south, west, north, east, pool, Math.max(50, stepMetres), 42);
            }
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<BluelampClient> clients = new ArrayList<>();
        try {
            BluelampClient admin = target.connect(vertx);
            clients.add(admin);
            register(admin);
            List<Future<Void>> done = new ArrayList<>();
            for (int g = 0; g < gateways; g++) {
                BluelampClient c = target.connect(vertx);
                clients.add(c);
                done.add(gateway(vertx, c, g));
            }
            for (int m = 0; m < consoles; m++) {
                BluelampClient c = target.connect(vertx);
                clients.add(c);
                console(vertx, c, m);
            }
            if (statusChangesPerSecond > 0) {
                BluelampClient c = target.connect(vertx);
                clients.add(c);
                statusChanger(vertx, c);
            }
            // connected, and its beans read once, before the warm-up, so that the first connection's cost in the
            // service (its JMX agent starts an RMI connection and loads its management classes) falls in the
            // warm-up, not in the measured time
            ServiceHeap service = jmx == null ? null : ServiceHeap.connect(jmx);
            List<LoadReport.Minute> minutes;
            double elapsed;
            long toolCpu;
            long serviceCpu = -1;
            // what the measured time ends with, read at its end: before the last minute's full collection, which
            // (asked for the heap figure) would otherwise stall the service inside the measured time
            long[] atEnd = new long[9];
            long acked0;
            long accepted0;
            long sent0;
            long due0;
            long status0;
            long statusDue0;
            try {
                if (service != null) {
                    service.processCpuNanos();
                    service.fullCollections();
                }
                Thread.sleep(warmupSeconds * 1000L);
                acked0 = fixesAcked.get();
                accepted0 = fixesAccepted.get();
                sent0 = fixesSent.get();
                due0 = recommendationsDue.get();
                status0 = statusChangesOk.get();
                statusDue0 = statusChangesDue.get();
                recLatencies.clear();
                ackLatencies.clear();
                rankingTimes.clear();
                statusLatencies.clear();
                minuteLatencies = new ConcurrentLinkedQueue<>();
                long serviceCpu0 = service == null ? -1 : service.processCpuNanos();
                long toolCpu0 = toolCpuNanos();
                measuring = true;
                long t0 = System.nanoTime();
                minutes = measure(t0, noHeap ? null : service, () -> {
                    measuring = false;
                    atEnd[0] = System.nanoTime();
                    atEnd[1] = toolCpuNanos();
                    atEnd[2] = service != null && serviceCpu0 >= 0 ? service.processCpuNanos() : -1;
                    atEnd[3] = fixesAcked.get();
                    atEnd[4] = fixesAccepted.get();
                    atEnd[5] = fixesSent.get();
                    atEnd[6] = recommendationsDue.get();
                    atEnd[7] = statusChangesOk.get();
                    atEnd[8] = statusChangesDue.get();
                });
                elapsed = (atEnd[0] - t0) / 1e9;
                toolCpu = atEnd[1] - toolCpu0;
                if (atEnd[2] >= 0) {
                    serviceCpu = atEnd[2] - serviceCpu0;
                }
            } finally {
                if (service != null) {
                    service.close();
                }
            }
            long acked = atEnd[3] - acked0;
            long accepted = atEnd[4] - accepted0;
            // answers to calls sent in the measured time, also those that arrive just after it
            long recs = recommendationsOkSentMeasuring.get();
            long fixesOffered = atEnd[5] - sent0;
            long recsOffered = atEnd[6] - due0;
            long statusOk = atEnd[7] - status0;
            long statusOffered = atEnd[8] - statusDue0;
            stopping = true;
            for (Future<Void> f : done) {
                try {
                    f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw RemoteErrors.describe(e.getCause(), target.hostPort().toString(), RequestFields.of());
                }
            }
            LoadReport.Builder o = LoadReport.newBuilder()
                    .setTarget(target.hostPort().toString())
                    .setSeconds(Math.round(elapsed * 10) / 10.0)
                    .setUnits(units)
                    .setGateways(gateways)
                    .setBatch(batch)
                    .setMovingShare(movingShare)
                    .setTargetFixesPerSecond(fixesPerSecond)
                    .setFixesAcknowledgedPerSecond(Math.round(acked / elapsed))
                    .setFixesAcceptedPerSecond(Math.round(accepted / elapsed))
                    .setBatchesOverloaded(batchesOverloaded.get())
                    .setBatchAckLatencyMillis(percentiles(ackLatencies))
                    .setConsoles(consoles)
                    .setTargetRecommendationsPerSecond(recommendationsPerSecond)
                    .setRecommendationsPerSecond(Math.round(recs / elapsed))
                    .setRecommendationsFailed(recommendationsFailed.get())
                    .setRecommendationsFailedInvalidArgument(recommendationsFailedInvalid.get())
                    .setRecommendationsFailedOther(recommendationsFailed.get() - recommendationsFailedInvalid.get())
                    .setIncidents(incidents)
                    .setLoadToolCpuSeconds(Math.round(toolCpu / 1e7) / 100.0)
                    .setRecommendationsSkippedInFlightLimit(recommendationsSkipped.get())
                    .setRecommendLatencyMillis(percentiles(recLatencies))
                    .setServerRankingMillis(percentiles(rankingTimes))
                    .setFixesOfferedPerSecond(Math.round(fixesOffered / elapsed))
                    .setRecommendationsOfferedPerSecond(Math.round(recsOffered / elapsed))
                    .setReportEverySeconds(reportEverySeconds == null ? 0 : reportEverySeconds)
                    .setStepMetres(stepMetres)
                    .setTargetStatusChangesPerSecond(statusChangesPerSecond)
                    .setStatusChangesOfferedPerSecond(Math.round(statusOffered / elapsed))
                    .setStatusChangesPerSecond(Math.round(statusOk / elapsed))
                    .setStatusChangesFailed(statusChangesFailed.get())
                    .setStatusChangeLatencyMillis(percentiles(statusLatencies))
                    .addAllMinutes(minutes);
            if (serviceCpu >= 0) {
                o.setServiceCpuSeconds(Math.round(serviceCpu / 1e7) / 100.0)
                        .setLoadToolCpuShare(
                                toolCpu + serviceCpu == 0
                                        ? 0
                                        : Math.round(toolCpu / (double) (toolCpu + serviceCpu) * 1e4) / 1e4);
            }
            heapSpread(minutes, o);
            Json.print(spec.commandLine().getOut(), o.build());
        } finally {
            for (BluelampClient c : clients) {
                c.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return 0;
    }

    private void checkOptions() {
        positive("--units", units);
        positive("--gateways", gateways);
        positive("--batch", batch);
        positive("--window", window);
        positive("--seconds", seconds);
        if (consoles < 0) {
            throw BluelampException.invalid("--consoles", "--consoles must be 0 or more, got " + consoles);
        }
        if (warmupSeconds < 0) {
            throw BluelampException.invalid(
                    "--warmup-seconds", "--warmup-seconds must be 0 or more, got " + warmupSeconds);
        }
        if (fixesPerSecond < 1 || recommendationsPerSecond < 0 || maxInFlight < 1) {
            throw BluelampException.invalid(
                    "--fixes-per-second",
                    "--fixes-per-second and --max-in-flight must be at least 1, --recommendations-per-second at "
                            + "least 0");
        }
        if (reportEverySeconds != null) {
            if (!(reportEverySeconds > 0 && reportEverySeconds <= 86_400)) {
                throw BluelampException.invalid(
                        "--report-every-seconds",
                        "--report-every-seconds must be more than 0 and at most 86400, got " + reportEverySeconds);
            }
            fixesPerSecond = (int) Math.max(1, Math.round(units / reportEverySeconds));
        }
        if (!(stepMetres >= 0 && stepMetres <= 1_000_000)) {
            throw BluelampException.invalid(
                    "--step-metres", "--step-metres must be between 0 and 1000000, got " + stepMetres);
        }
        if (jmx != null) {
            ServiceHeap.port(jmx);
        }
        if (statusChangesPerSecond < 0) {
            throw BluelampException.invalid(
                    "--status-changes-per-second",
                    "--status-changes-per-second must be 0 or more, got " + statusChangesPerSecond);
        }
        if (!spread.equals("box") && !spread.equals("roads")) {
            throw BluelampException.invalid("--spread", "--spread must be box or roads, got " + Echo.capped(spread));
        }
        if (!incidents.equals("box") && !incidents.equals("roads")) {
            throw BluelampException.invalid(
                    "--incidents", "--incidents must be box or roads, got " + Echo.capped(incidents));
        }
        if (!(incidentOffsetMetres >= 0 && incidentOffsetMetres <= 1_000)) {
            throw BluelampException.invalid(
                    "--incident-offset-metres",
                    "--incident-offset-metres must be between 0 and 1000, got " + incidentOffsetMetres);
        }
        if (!(movingShare >= 0 && movingShare <= 1)) {
            throw BluelampException.invalid(
                    "--moving-share", "--moving-share must be between 0 and 1, got " + movingShare);
        }
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw BluelampException.invalid(option, option + " must be at least 1, got " + value);
        }
    }

    private void register(BluelampClient admin) throws Exception {
        int concurrency = 64;
        AtomicLong next = new AtomicLong();
        List<Future<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            lanes.add(registerLane(admin, next));
        }
        try {
            Future.all(lanes).toCompletionStage().toCompletableFuture().get(registerSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw RemoteErrors.describe(
                    e.getCause(),
                    target.hostPort().toString(),
                    RequestFields.of().field("unit", "--units", units));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BluelampException(
                    org.bluelamp.error.ErrorKind.UNAVAILABLE,
                    "--units",
                    "registering " + units + " units at " + target.hostPort() + " took more than " + registerSeconds()
                            + " s");
        }
    }

    /** How long registration may take: 120 s, or 2 ms per unit for larger fleets. */
    private long registerSeconds() {
        return Math.max(120, units / 500L);
    }

    private Future<Void> registerLane(BluelampClient admin, AtomicLong next) {
        long i = next.getAndIncrement();
        if (i >= units) {
            return Future.succeededFuture();
        }
        Unit u = Unit.newBuilder()
                .setId("LOAD-" + i)
                .setCallsign("L" + i)
                .setKind(i % 10 == 9 ? UnitKind.UNIT_KIND_FOOT : UnitKind.UNIT_KIND_CAR)
                .setCrewSize(2)
                .build();
        return admin.call(
                        FleetGrpcClient.RegisterUnit,
                        RegisterUnitRequest.newBuilder().setUnit(u).build())
                .<Void>mapEmpty()
                .recover(e -> e instanceof org.bluelamp.api.client.RemoteCallException r
                                && r.status() == io.vertx.grpc.common.GrpcStatus.ALREADY_EXISTS
                        ? Future.succeededFuture()
                        : Future.failedFuture(e))
                .compose(v -> registerLane(admin, next));
    }

    /** One gateway: paced batches on one stream, at most --window unacknowledged. */
    private Future<Void> gateway(Vertx vertx, BluelampClient client, int g) {
        Promise<Void> done = Promise.promise();
        SplittableRandom random = new SplittableRandom(g);
        // this gateway's units are g, g + gateways, g + 2 gateways, ...: taken in turn
        int own = (units - g + gateways - 1) / gateways;
        int[] turn = new int[1];
        double stepLat = stepMetres / 111_195.0;
        double stepLon = stepLat / Math.max(0.01, Math.cos(Math.toRadians((south + north) / 2)));
        long[] lastTime = new long[units];
        double[] lastLat = new double[units];
        double[] lastLon = new double[units];
        double batchesPerSecond = fixesPerSecond / (double) gateways / batch;
        FixFrames frames = new FixFrames(unitIds);
        client.open(TrackingGrpcClient.StreamFixes)
                .onSuccess((GrpcClientRequest<FixBatch, FixBatchAck> req) -> {
                    long[] sentAt = new long[1 << 16];
                    long[] sent = new long[1];
                    long[] acked = new long[1];
                    long start = System.nanoTime();
                    req.response()
                            .onSuccess(resp -> {
                                resp.handler(ack -> {
                                    long idx = ack.getMessageIndex();
                                    acked[0]++;
                                    fixesAcked.addAndGet(batch);
                                    fixesAccepted.addAndGet(ack.getAcceptedCount());
                                    if (ack.getBatchErrorValue() != 0) {
                                        batchesOverloaded.incrementAndGet();
                                    }
                                    if (measuring) {
                                        ackLatencies.add(new long[] {System.nanoTime() - sentAt[(int) (idx & 0xFFFF)]});
                                    }
                                });
                                resp.endHandler(v -> done.tryComplete());
                                resp.exceptionHandler(done::tryFail);
                            })
                            .onFailure(done::tryFail);
                    vertx.setPeriodic(5, id -> {
                        if (stopping) {
                            vertx.cancelTimer(id);
                            req.end();
                            return;
                        }
                        long due = (long) ((System.nanoTime() - start) / 1e9 * batchesPerSecond);
                        while (sent[0] < due && sent[0] - acked[0] < window && !req.writeQueueFull()) {
                            frames.begin(sent[0]);
                            long now = System.currentTimeMillis();
                            for (int i = 0; i < batch; i++) {
                                int unit = g + gateways * turn[0];
                                turn[0] = turn[0] + 1 == own ? 0 : turn[0] + 1;
                                long t = Math.max(now, lastTime[unit] + 1);
                                lastTime[unit] = t;
                                if (roadPoints != null) {
                                    moveOnRoads(unit, lastLat, lastLon, random);
                                } else if (lastLat[unit] == 0 || stepMetres == 0 && random.nextDouble() < movingShare) {
                                    lastLat[unit] = south + random.nextDouble() * (north - south);
                                    lastLon[unit] = west + random.nextDouble() * (east - west);
                                } else if (random.nextDouble() < movingShare) {
                                    double lat = lastLat[unit] + (2 * random.nextDouble() - 1) * stepLat;
                                    double lon = lastLon[unit] + (2 * random.nextDouble() - 1) * stepLon;
                                    lastLat[unit] = Math.min(north, Math.max(south, lat));
                                    lastLon[unit] = Math.min(east, Math.max(west, lon));
                                }
                                // written straight to the wire format: no builder, message or id string per fix
                                frames.add(unit, lastLat[unit], lastLon[unit], t, 5);
                            }
                            sentAt[(int) (sent[0] & 0xFFFF)] = System.nanoTime();
                            req.writeMessage(GrpcMessage.message("identity", Buffer.buffer(frames.finish())));
                            fixesSent.addAndGet(batch);
                            sent[0]++;
                        }
                    });
                })
                .onFailure(done::tryFail);
        return done.future();
    }

    /**
     * {@code --spread roads}: a unit's first position is a road point anywhere in the box; a moving
     * fix hops to a road point near its last position (anywhere with {@code --step-metres 0}), or
     * stays where it is when none is near.
     */
    private void moveOnRoads(int unit, double[] lastLat, double[] lastLon, SplittableRandom random) {
        int p;
        if (lastLat[unit] == 0 || stepMetres == 0 && random.nextDouble() < movingShare) {
            p = roadPoints.any(random);
        } else if (random.nextDouble() < movingShare) {
            p = roadPoints.near(lastLat[unit], lastLon[unit], random);
        } else {
            return;
        }
        if (p >= 0) {
            lastLat[unit] = roadPoints.latDeg(p);
            lastLon[unit] = roadPoints.lonDeg(p);
        }
    }

    /** One console: paced recommendation requests at random incidents in the box. */
    private void console(Vertx vertx, BluelampClient client, int m) {
        SplittableRandom random = new SplittableRandom(1000 + m);
        double perSecond = recommendationsPerSecond / (double) consoles;
        long start = System.nanoTime();
        long[] sent = new long[1];
        long[] inFlight = new long[1];
        @SuppressWarnings("unchecked")
        Handler<Long>[] tick = new Handler[1];
        tick[0] = id -> {
            if (stopping) {
                return;
            }
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            while (sent[0] < due) {
                sent[0]++;
                recommendationsDue.incrementAndGet();
                if (inFlight[0] >= maxInFlight) {
                    recommendationsSkipped.incrementAndGet();
                    continue;
                }
                inFlight[0]++;
                String grade = random.nextInt(4) == 0 ? "2" : "1";
                RecommendRequest r = RecommendRequest.newBuilder()
                        .setMaxCandidates(5)
                        .setIncident(Incident.newBuilder().setGrade(grade).setLocation(incidentAt(random)))
                        .build();
                long t0 = System.nanoTime();
                // an answer to a request sent in the warm-up is not counted in the measured rate: under
                // a backlog it would make the rate answered exceed the rate offered
                boolean sentMeasuring = measuring;
                client.call(DispatchGrpcClient.Recommend, r).onComplete(ar -> {
                    inFlight[0]--;
                    if (ar.succeeded()) {
                        if (sentMeasuring) {
                            recommendationsOkSentMeasuring.incrementAndGet();
                        }
                        if (measuring) {
                            long[] latency = {System.nanoTime() - t0};
                            recLatencies.add(latency);
                            minuteLatencies.add(latency);
                            rankingTimes.add(new long[] {ar.result().getComputeMicros() * 1000});
                        }
                    } else {
                        if (ar.cause() instanceof RemoteCallException e && e.status() == GrpcStatus.INVALID_ARGUMENT) {
                            recommendationsFailedInvalid.incrementAndGet();
                        }
                        if (recommendationsFailed.incrementAndGet() <= 3) {
                            System.err.println("recommendation failed: " + ar.cause());
                        }
                    }
                });
            }
            // one timer a request, at the next one's instant (a 2 ms periodic timer per console woke the
            // tool's event loops twice for every request sent at 2,000 a second over 8 consoles)
            if (perSecond > 0) {
                long nextNanos = start + (long) Math.ceil((sent[0] + 1) / perSecond * 1e9);
                long delayMillis = (nextNanos - System.nanoTime() + 999_999) / 1_000_000;
                vertx.setTimer(Math.max(1, Math.min(100, delayMillis)), tick[0]);
            }
        };
        vertx.setTimer(1, tick[0]);
    }

    /**
     * Where the next incident is: anywhere in the box ({@code --incidents box}), or beside a road
     * ({@code roads}): a road point of the box moved up to {@code --incident-offset-metres} in a
     * random direction, as an address lies beside its street.
     */
    private LatLon incidentAt(SplittableRandom random) {
        if (!incidents.equals("roads")) {
            return LatLon.newBuilder()
                    .setLatDeg(south + random.nextDouble() * (north - south))
                    .setLonDeg(west + random.nextDouble() * (east - west))
                    .build();
        }
        int p = roadPoints.any(random);
        double metres = incidentOffsetMetres * Math.sqrt(random.nextDouble()); // uniform over the disc
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = roadPoints.latDeg(p) + metres * Math.cos(bearing) / 111_195.0;
        double lon = roadPoints.lonDeg(p)
                + metres * Math.sin(bearing) / 111_195.0 / Math.max(0.01, Math.cos(Math.toRadians(lat)));
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    /** This process's CPU time so far, nanoseconds (all its threads), or 0 if the JVM cannot tell. */
    private static long toolCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
    }

    /**
     * The measured time, minute by minute (the last part minute too): recommendations answered and
     * their latency, and with {@code --jmx} the heap after a full collection at each minute's end.
     * {@code atEnd} runs once, when the measured time is over and before the last collection.
     */
    private List<LoadReport.Minute> measure(long t0, ServiceHeap heap, Runnable atEnd) throws InterruptedException {
        List<LoadReport.Minute> minutes = new ArrayList<>();
        long fullGcs0 = heap == null ? 0 : heap.fullCollections();
        long end = t0 + seconds * 1_000_000_000L;
        for (int m = 1; ; m++) {
            long minuteEnd = Math.min(end, t0 + m * 60_000_000_000L);
            long wait = minuteEnd - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (minuteEnd >= end) {
                atEnd.run();
            }
            ConcurrentLinkedQueue<long[]> q = minuteLatencies;
            minuteLatencies = new ConcurrentLinkedQueue<>();
            LoadReport.Minute.Builder line = LoadReport.Minute.newBuilder()
                    .setMinute(m)
                    .setRecommendations(q.size())
                    .setRecommendLatencyMillis(percentiles(q));
            if (heap != null) {
                ServiceHeap.FullGc gc = heap.collect();
                long fullGcs = heap.fullCollections();
                line.setHeapAfterFullGcMb(Math.round(gc.heapAfterBytes() / 1e5) / 10.0)
                        .setFullGcMillis(gc.durationMillis())
                        .setFullGcs(fullGcs - fullGcs0);
                fullGcs0 = fullGcs;
            }
            LoadReport.Minute done = line.build();
            minutes.add(done);
            System.err.printf(
                    java.util.Locale.ROOT,
                    "minute %d: %d recommendations, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%s%n",
                    m,
                    done.getRecommendations(),
                    done.getRecommendLatencyMillis().getP50(),
                    done.getRecommendLatencyMillis().getP99(),
                    done.getRecommendLatencyMillis().getP999(),
                    heap == null
                            ? ""
                            : String.format(
                                    java.util.Locale.ROOT,
                                    ", heap after full GC %.1f MB (that GC %d ms, %d full GCs this minute)",
                                    done.getHeapAfterFullGcMb(),
                                    (long) done.getFullGcMillis(),
                                    done.getFullGcs()));
            if (minuteEnd >= end) {
                return minutes;
            }
        }
    }

    /** Heap after full GC from minute 2 to the last whole minute: largest, smallest and spread. */
    private void heapSpread(List<LoadReport.Minute> minutes, LoadReport.Builder o) {
        double max = 0;
        double min = Double.MAX_VALUE;
        int n = 0;
        int wholeMinutes = seconds / 60;
        for (LoadReport.Minute m : minutes) {
            if (m.getMinute() >= 2 && m.getMinute() <= wholeMinutes && m.getHeapAfterFullGcMb() > 0) {
                max = Math.max(max, m.getHeapAfterFullGcMb());
                min = Math.min(min, m.getHeapAfterFullGcMb());
                n++;
            }
        }
        if (n >= 2) {
            o.setHeapAfterFullGcMaxMb(max)
                    .setHeapAfterFullGcMinMb(min)
                    .setHeapAfterFullGcSpread(Math.round((max - min) / min * 1e4) / 1e4);
        }
    }

    /**
     * Status changes at the target rate: a random unit moves on AVAILABLE, EN_ROUTE, AT_SCENE,
     * AVAILABLE, ... (each a legal transition); a unit with a change in flight is passed over.
     */
    private void statusChanger(Vertx vertx, BluelampClient client) {
        SplittableRandom random = new SplittableRandom(7);
        UnitStatus[] cycle = {
            UnitStatus.UNIT_STATUS_EN_ROUTE, UnitStatus.UNIT_STATUS_AT_SCENE, UnitStatus.UNIT_STATUS_AVAILABLE
        };
        // per unit: the index in the cycle of its next status, plus BUSY while a change is in flight
        int busyBit = 4;
        java.util.concurrent.atomic.AtomicIntegerArray state =
                new java.util.concurrent.atomic.AtomicIntegerArray(units);
        long start = System.nanoTime();
        long[] sent = new long[1];
        vertx.setPeriodic(5, id -> {
            if (stopping) {
                vertx.cancelTimer(id);
                return;
            }
            long due = (long) ((System.nanoTime() - start) / 1e9 * statusChangesPerSecond);
            while (sent[0] < due) {
                sent[0]++;
                statusChangesDue.incrementAndGet();
                int unit = random.nextInt(units);
                int step = state.get(unit);
                if (step >= busyBit || !state.compareAndSet(unit, step, step | busyBit)) {
                    continue; // a change of this unit is in flight
                }
                long t0 = System.nanoTime();
                SetStatusRequest r = SetStatusRequest.newBuilder()
                        .setUnitId("LOAD-" + unit)
                        .setStatus(cycle[step])
                        .build();
                client.call(FleetGrpcClient.SetStatus, r).onComplete(ar -> {
                    state.set(unit, ar.succeeded() ? (step + 1) % cycle.length : step);
                    if (ar.succeeded()) {
                        statusChangesOk.incrementAndGet();
                        if (measuring) {
                            statusLatencies.add(new long[] {System.nanoTime() - t0});
                        }
                    } else if (statusChangesFailed.incrementAndGet() <= 3) {
                        System.err.println("status change failed: " + ar.cause());
                    }
                });
            }
        });
    }

    private static LoadReport.Percentiles percentiles(ConcurrentLinkedQueue<long[]> q) {
        long[] v = q.stream().mapToLong(a -> a[0]).toArray();
        Arrays.sort(v);
        LoadReport.Percentiles.Builder o = LoadReport.Percentiles.newBuilder().setCount(v.length);
        if (v.length == 0) {
            return o.build();
        }
        return o.setP50(ms(v, 0.50))
                .setP90(ms(v, 0.90))
                .setP99(ms(v, 0.99))
                .setP999(ms(v, 0.999))
                .setMax(Math.round(v[v.length - 1] / 1e4) / 100.0)
                .build();
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }
}
