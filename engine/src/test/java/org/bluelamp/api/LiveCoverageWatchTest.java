package org.bluelamp.api;

import static org.bluelamp.api.RutlandPlanningService.CONSOLE_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.PLANNER_TOKEN;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.*;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.LiveCoverage;
import org.bluelamp.proto.v1.LiveCoverageRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.proto.v1.WatchLiveCoverageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Planning.WatchLiveCoverage} over gRPC on the real Rutland extract, with three cars of a
 * live fleet: the first message equals what {@code GetLiveCoverage} answers (but for its age and the
 * time the fleet was read), a status change (a car sent) brings a new message with the coverage
 * the library gives the remaining cars, a cancelled stream's watcher is removed (no leak), the
 * planner role may not watch, and a bad interval is refused naming its field.
 */
class LiveCoverageWatchTest {
    private static final double[][] AT = {{52.67317, -0.72874}, {52.71294, -0.65958}, {52.59026, -0.72235}};
    private static final String[] IDS = {"W1", "W2", "W3"};

    private static RutlandPlanningService rutland;
    private static BluelampService service;
    private static ManagedChannel channel;
    private static CoveragePlanner planner;
    private static FleetState fleet;

    @BeforeAll
    static void start() {
        rutland = RutlandPlanningService.builder()
                .units((fleet, intake) -> {
                    long now = System.currentTimeMillis();
                    for (int i = 0; i < IDS.length; i++) {
                        fleet.register(
                                new UnitSpec(IDS[i], "C" + i, UnitKind.CAR, Set.of(), 2, ""),
                                StatusChange.of(UnitStatus.AVAILABLE, now));
                        intake.apply(
                                IDS[i], AT[i][0], AT[i][1], now - 1_000, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
                    }
                })
                .demand(21, 200, true)
                .options(o -> o.withThreads(2, 1).withDrainTimeout(java.time.Duration.ofSeconds(5)))
                .start();
        service = rutland.service;
        channel = rutland.channel;
        planner = rutland.planner;
        fleet = rutland.fleet;
    }

    @AfterAll
    static void stop() throws Exception {
        if (rutland != null) {
            rutland.close();
        }
    }

    /** A watch's messages, and how it ended (a Status), in arrival order. */
    private static ClientCall<WatchLiveCoverageRequest, LiveCoverage> watch(
            String token, WatchLiveCoverageRequest request, LinkedBlockingQueue<Object> into) {
        ClientCall<WatchLiveCoverageRequest, LiveCoverage> call = channel.newCall(
                PlanningGrpc.getWatchLiveCoverageMethod(),
                CallOptions.DEFAULT.withCallCredentials(ServiceFixture.bearer(token)));
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(LiveCoverage message) {
                        into.add(message);
                        call.request(1);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        into.add(status);
                    }
                },
                new Metadata());
        call.request(1);
        call.sendMessage(request);
        call.halfClose();
        return call;
    }

    private static LiveCoverage nextMessage(LinkedBlockingQueue<Object> q) throws InterruptedException {
        Object o = q.poll(30, TimeUnit.SECONDS);
        assertNotNull(o, "a message within 30 s");
        assertInstanceOf(LiveCoverage.class, o, "a message, not the end: " + o);
        return (LiveCoverage) o;
    }

    /**
     * Lets the kept evaluation age past the service's interval, so that the next read sees the
     * fleet as another test left it (a watch's first message and GetLiveCoverage then agree).
     */
    private static void quiet() throws InterruptedException {
        Thread.sleep(ServiceState.LIVE_INTERVAL_MILLIS + 200);
    }

    /** A message without what differs between two reads of the same evaluation (when, how old). */
    private static LiveCoverage content(LiveCoverage m) {
        return m.toBuilder().clearAgeMillis().clearComputedAtEpochMillis().build();
    }

    @Test
    void theStreamStartsWithGetLiveCoverageFollowsStatusChangesAndGoesWhenCancelled() throws Exception {
        quiet();
        LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
        ClientCall<WatchLiveCoverageRequest, LiveCoverage> call =
                watch(CONSOLE_TOKEN, WatchLiveCoverageRequest.getDefaultInstance(), q);
        LiveCoverage first = nextMessage(q);
        var console = as(PlanningGrpc.newBlockingStub(channel), CONSOLE_TOKEN).withDeadlineAfter(60, TimeUnit.SECONDS);
        LiveCoverage asked = console.getLiveCoverage(LiveCoverageRequest.getDefaultInstance());
        assertEquals(content(asked), content(first));
        assertEquals(3, first.getUnitsCounted(), first.toString());
        assertTrue(first.getAgeMillis() >= 0 && first.getAgeMillis() < 60_000, first.toString());
        assertTrue(first.getGapsGeojson().isEmpty(), "no geometry unless asked for");
        assertEquals(1, service.liveCoverageWatchers());

        // a car is sent: the next new message counts the two others, as the library does
        fleet.setStatus("W1", UnitStatus.EN_ROUTE, "1", System.currentTimeMillis());
        LiveCoverage changed = nextMessage(q);
        while (changed.getUnitsCounted() == 3) {
            changed = nextMessage(q); // a heartbeat (same coverage) may come first
        }
        assertEquals(2, changed.getUnitsCounted(), changed.toString());
        assertTrue(changed.getUnitsList().stream().noneMatch(u -> u.getUnitId().equals("W1")));
        List<PlannedUnit> rest = new ArrayList<>();
        for (int i = 1; i < IDS.length; i++) {
            rest.add(new PlannedUnit(
                    IDS[i], UnitKind.CAR, UnitStatus.AVAILABLE, new GeoPoint(AT[i][0], AT[i][1]), "", 5));
        }
        var library = planner.evaluateOne("rest", "1", new Deployment(rest, Map.of(), OptionalDouble.empty()));
        assertEquals(PlanningMapping.round(library.demand().share(), 5), changed.getDemandShareWithinTarget());
        assertEquals(PlanningMapping.round(library.road().share(), 5), changed.getRoadShareWithinTarget());
        assertTrue(changed.getComputedAtEpochMillis() > first.getComputedAtEpochMillis());

        // cancelled by the console: its watcher goes
        call.cancel("the console closed its coverage panel", null);
        long until = System.currentTimeMillis() + 10_000;
        while (service.liveCoverageWatchers() > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, service.liveCoverageWatchers(), "watchers left after cancel");
        fleet.setStatus("W1", UnitStatus.AVAILABLE, null, System.currentTimeMillis());
    }

    @Test
    void withGapsEveryMessageCarriesTheGeometry() throws Exception {
        LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
        ClientCall<WatchLiveCoverageRequest, LiveCoverage> call = watch(
                CONSOLE_TOKEN,
                WatchLiveCoverageRequest.newBuilder().setIncludeGaps(true).build(),
                q);
        LiveCoverage first = nextMessage(q);
        var geo = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.getGapsGeojson());
        assertEquals(
                "MultiLineString",
                geo.get("features").get(0).get("geometry").get("type").asText());
        assertEquals(
                first.getGapsKm(),
                geo.get("features").get(0).get("properties").get("gapsKm").asDouble(),
                0.0015);
        call.cancel("done", null);
    }

    @Test
    void plannersMayNotWatchAndBadIntervalsAreRefusedNamingTheField() throws Exception {
        LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();
        watch(PLANNER_TOKEN, WatchLiveCoverageRequest.getDefaultInstance(), q);
        Object end = q.poll(30, TimeUnit.SECONDS);
        assertInstanceOf(Status.class, end);
        assertEquals(Status.Code.PERMISSION_DENIED, ((Status) end).getCode());

        LinkedBlockingQueue<Object> bad = new LinkedBlockingQueue<>();
        watch(
                CONSOLE_TOKEN,
                WatchLiveCoverageRequest.newBuilder().setMinIntervalMillis(-5).build(),
                bad);
        Object refused = bad.poll(30, TimeUnit.SECONDS);
        assertInstanceOf(Status.class, refused);
        assertEquals(Status.Code.INVALID_ARGUMENT, ((Status) refused).getCode());
        assertTrue(((Status) refused).getDescription().contains("min_interval_millis"), refused.toString());
        assertTrue(((Status) refused).getDescription().contains("-5"), refused.toString());
    }

    @Test
    void overHttpTheStreamIsNewlineDelimitedJsonAndItsWatcherGoesWithTheClient() throws Exception {
        quiet();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        var r = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.grpcPort()
                                + "/v1/coverage/live/updates?minIntervalMillis=1000"))
                        .header("authorization", "Bearer " + CONSOLE_TOKEN)
                        .timeout(java.time.Duration.ofSeconds(30))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals(
                "application/x-ndjson", r.headers().firstValue("content-type").orElse(""));
        try (var lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            var first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.readLine());
            LiveCoverage asked = as(PlanningGrpc.newBlockingStub(channel), CONSOLE_TOKEN)
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .getLiveCoverage(LiveCoverageRequest.getDefaultInstance());
            assertEquals(asked.getUnitsCounted(), first.path("unitsCounted").asInt(), first.toString());
            assertEquals(
                    asked.getDemandShareWithinTarget(),
                    first.path("demandShareWithinTarget").asDouble(),
                    1e-12);
            assertEquals(1, service.liveCoverageWatchers());
        }
        long until = System.currentTimeMillis() + 10_000;
        while (service.liveCoverageWatchers() > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, service.liveCoverageWatchers(), "the watcher goes with its client");
    }
}
