package org.bluelamp.api;

import static org.bluelamp.api.RutlandPlanningService.CONSOLE_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.PLANNER_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.STATIONS;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.*;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.MoveUpAdvice;
import org.bluelamp.proto.v1.MoveUpRequest;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.tracking.FixIntake;
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
    private static final Metadata.Key<String> FIELD =
            Metadata.Key.of(Rpc.FIELD_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    private static RutlandPlanningService rutland;
    private static BluelampService service;
    private static ManagedChannel channel;
    private static CoveragePlanner planner;
    private static FleetState fleet;
    private static FixIntake intake;

    @BeforeAll
    static void start() {
        rutland = RutlandPlanningService.builder()
                .demand(31, 300, true)
                .stationPosts(id -> id + " station")
                .start();
        service = rutland.service;
        channel = rutland.channel;
        planner = rutland.planner;
        fleet = rutland.fleet;
        intake = rutland.intake;
    }

    @AfterAll
    static void stop() throws Exception {
        if (rutland != null) {
            rutland.close();
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
