package org.bluelamp.api;

import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.*;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.MoveUpAdvice;
import org.bluelamp.proto.v1.MoveUpRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Planning.GetMoveUpAdvice} over gRPC on the real Rutland extract, with Rutland's four
 * stations as standby posts: an empty fleet gets empty advice (not an error); once Uppingham's car
 * is sent the advice is the library's for the same fleet (units, posts, road times and distances,
 * shares), each move raising the share; {@code max_moves} outside 0 to 10 is refused naming the
 * field and echoing the value; planners may not ask (it is the console's).
 */
class MoveUpServiceTest {
    private static final String PLANNER_TOKEN = "planner-token-0123456789";
    private static final String CONSOLE_TOKEN = "console-token-0123456789";
    private static final Metadata.Key<String> FIELD =
            Metadata.Key.of(Rpc.FIELD_TRAILER, Metadata.ASCII_STRING_MARSHALLER);
    private static final double[][] STATIONS = {
        {52.67317, -0.72874}, {52.71294, -0.65958}, {52.59026, -0.72235}, {52.62772, -0.55216}
    };
    private static final String[] STATION_IDS = {"OAKHAM", "COTTESMORE", "UPPINGHAM", "KETTON"};

    private static Vertx vertx;
    private static BluelampService service;
    private static ManagedChannel channel;
    private static CoveragePlanner planner;
    private static FleetState fleet;
    private static FixIntake intake;

    @BeforeAll
    static void start() {
        RoadNetwork network = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        InstantSource clock = InstantSource.system();
        fleet = new FleetState(FleetOptions.defaults());
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        UrbanAreas urban = UrbanAreas.loadDefault();
        Dispatcher dispatcher = Dispatcher.create(network, fleet, policies, urban, clock);
        Random rnd = new Random(31);
        int n = 300;
        double[] lat = new double[n];
        double[] lon = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(network, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1 + rnd.nextInt(3);
        }
        List<CandidateSite> posts = new ArrayList<>();
        for (int i = 0; i < STATIONS.length; i++) {
            posts.add(new CandidateSite(
                    STATION_IDS[i], STATION_IDS[i] + " station", new GeoPoint(STATIONS[i][0], STATIONS[i][1])));
        }
        planner = new CoveragePlanner(
                CoverageArea.build(
                        CoverageRoads.of(network, dispatcher::graph),
                        urban,
                        Beats.none(),
                        DemandPoints.fromFile(lat, lon, w, "seeded points")),
                policies,
                network,
                posts);
        intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        vertx = Vertx.vertx();
        AccessPolicy access = AccessPolicy.of(Map.of(PLANNER_TOKEN, Role.PLANNER, CONSOLE_TOKEN, Role.CONSOLE));
        service = BluelampService.start(
                        vertx,
                        Backend.of(dispatcher, intake, clock),
                        access,
                        ServiceOptions.loopbackEphemeral().withThreads(2, 1),
                        planner)
                .await();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.shutdown();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static PlanningGrpc.PlanningBlockingStub planning(String token) {
        return as(PlanningGrpc.newBlockingStub(channel), token).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static MoveUpRequest moves(int n) {
        return MoveUpRequest.newBuilder().setMaxMoves(n).build();
    }

    @Test
    void moveUpAdviceEndToEnd() throws Exception {
        // an empty fleet: empty advice, not an error
        MoveUpAdvice empty = planning(CONSOLE_TOKEN).getMoveUpAdvice(moves(0));
        assertEquals(0, empty.getMovesCount(), empty.toString());
        assertEquals(0, empty.getShareNow());
        assertEquals(4, empty.getPosts());
        assertEquals("1", empty.getGrade());

        // cars at Oakham (two), Cottesmore and Uppingham; Uppingham's is sent
        long now = System.currentTimeMillis();
        String[] ids = {"OK1", "OK2", "CT1", "UP1"};
        int[] at = {0, 0, 1, 2};
        for (int i = 0; i < ids.length; i++) {
            fleet.register(
                    new UnitSpec(ids[i], "C" + i, UnitKind.CAR, Set.of(), 2, ""),
                    StatusChange.of(UnitStatus.AVAILABLE, now));
            intake.apply(
                    ids[i],
                    STATIONS[at[i]][0],
                    STATIONS[at[i]][1] + 0.0005 * i,
                    now - 1_000,
                    5,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        fleet.setStatus("UP1", UnitStatus.EN_ROUTE, "1", System.currentTimeMillis());
        Thread.sleep(ServiceState.LIVE_INTERVAL_MILLIS + 100); // past the kept (empty) advice

        MoveUpAdvice advice = planning(CONSOLE_TOKEN).getMoveUpAdvice(moves(3));
        MoveUpPlanner.Advice library =
                planner.moveUp("1", LiveCoverage.deployment(fleet, System.currentTimeMillis()), 3);
        assertFalse(library.moves().isEmpty(), "Uppingham's car gone should leave a hole to fill: " + library);
        assertEquals(PlanningMapping.round(library.shareNow(), 5), advice.getShareNow());
        assertEquals(library.moves().size(), advice.getMovesCount(), advice.toString());
        double share = advice.getShareNow();
        for (int i = 0; i < advice.getMovesCount(); i++) {
            var m = advice.getMoves(i);
            MoveUpPlanner.Move x = library.moves().get(i);
            assertEquals(x.unitId(), m.getUnitId());
            assertNotEquals("UP1", m.getUnitId(), "a committed unit never moves");
            assertEquals(x.post().id(), m.getPostId());
            assertEquals(x.post().name(), m.getPostName());
            assertEquals(
                    PlanningMapping.round(x.post().position().latDeg(), 6),
                    m.getPost().getLatDeg());
            assertEquals(x.travelMillis() / 1000.0, m.getTravelSeconds());
            assertTrue(m.getTravelSeconds() > 0 && m.getTravelMetres() > 0, m.toString());
            assertEquals(PlanningMapping.round(x.shareAfter(), 5), m.getShareAfter());
            assertTrue(m.getGainShare() > 0 && m.getShareAfter() > share, m.toString());
            share = m.getShareAfter();
        }

        // max_moves 0 means 3: the same advice
        assertEquals(
                advice.getMovesList(),
                planning(CONSOLE_TOKEN).getMoveUpAdvice(moves(0)).getMovesList());

        for (int bad : new int[] {11, -1}) {
            StatusRuntimeException e = assertThrows(
                    StatusRuntimeException.class, () -> planning(CONSOLE_TOKEN).getMoveUpAdvice(moves(bad)));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("max_moves", e.getTrailers().get(FIELD));
            assertTrue(
                    e.getStatus().getDescription().contains("max_moves")
                            && e.getStatus().getDescription().contains(Integer.toString(bad)),
                    e.getStatus().getDescription());
        }
        // the same call over HTTP/JSON, its query parameter named as JSON names it
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + service.grpcPort() + path))
                                .header("authorization", "Bearer " + CONSOLE_TOKEN)
                                .timeout(java.time.Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        var ok = get.apply("/v1/coverage/move-ups?maxMoves=3");
        assertEquals(200, ok.statusCode(), ok.body());
        var okJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.body());
        assertEquals(advice.getMovesCount(), okJson.path("moves").size(), ok.body());
        var badHttp = get.apply("/v1/coverage/move-ups?maxMoves=11");
        assertEquals(400, badHttp.statusCode(), badHttp.body());
        assertTrue(badHttp.body().contains("max_moves"), badHttp.body());

        StatusRuntimeException notConsole = assertThrows(
                StatusRuntimeException.class, () -> planning(PLANNER_TOKEN).getMoveUpAdvice(moves(3)));
        assertEquals(Status.Code.PERMISSION_DENIED, notConsole.getStatus().getCode());
    }
}
