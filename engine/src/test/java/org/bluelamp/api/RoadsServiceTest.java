package org.bluelamp.api;

import static org.bluelamp.api.GrpcJavaInteropTest.fails;
import static org.bluelamp.api.GrpcJavaInteropTest.field;
import static org.bluelamp.api.ServiceFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.ListConditionsResponse;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RemoveConditionRequest;
import org.bluelamp.proto.v1.RoadBetween;
import org.bluelamp.proto.v1.RoadClasses;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadCondition;
import org.bluelamp.proto.v1.RoadSlowdown;
import org.bluelamp.proto.v1.RoadsGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code Roads} service and a recommendation's own closures, called with the stock grpc-java
 * stubs (an independent client) on the Monaco map: roles (console adds and removes, planner
 * lists, gateway nothing), conditions reaching the ranking, and bad input refused naming the
 * contract's field with nothing applied.
 */
class RoadsServiceTest {
    static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static RoadsGrpc.RoadsBlockingStub roads(String token) {
        return as(RoadsGrpc.newBlockingStub(fx.channel), token).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    static LatLon at(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    static RoadClosure circle(String id, double lat, double lon, double metres) {
        return RoadClosure.newBuilder()
                .setId(id)
                .setReason("test")
                .setCircle(Circle.newBuilder().setCentre(at(lat, lon)).setRadiusMetres(metres))
                .addProfiles("car")
                .addProfiles("car_emergency")
                .build();
    }

    static RecommendResponse recommend(RecommendRequest r) {
        return as(DispatchGrpc.newBlockingStub(fx.channel), CONSOLE_TOKEN)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .recommend(r);
    }

    static RecommendRequest nearCasino() {
        return RecommendRequest.newBuilder()
                .setIncident(Incident.newBuilder()
                        .setLocation(at(CASINO_LAT - 0.0005, CASINO_LON - 0.0005))
                        .setGrade("1"))
                .build();
    }

    @Test
    void aConsoleAddsListsAndRemovesAndTheRankingFollows() {
        RoadCondition added = roads(CONSOLE_TOKEN).addClosure(circle("C1", PALACE_LAT, PALACE_LON, 120));
        assertTrue(added.getEdgeCount() > 0, added.toString());
        assertTrue(added.getInForce());
        assertEquals("C1", added.getClosure().getId());
        RoadCondition slow = roads(CONSOLE_TOKEN)
                .addSlowdown(RoadSlowdown.newBuilder()
                        .setId("S1")
                        .setRoadClasses(RoadClasses.newBuilder().addClasses("residential"))
                        .setSpeedFactor(0.5)
                        .build());
        assertTrue(slow.getEdgeCount() > 0);
        ListConditionsResponse listed = roads(PLANNER_TOKEN).listConditions(ListConditionsRequest.getDefaultInstance());
        assertEquals(2, listed.getConditionsCount());
        RecommendResponse rec = recommend(nearCasino());
        assertTrue(
                rec.getConditionsInForceList().stream().anyMatch(x -> x.contains("C1 (test)")),
                rec.getConditionsInForceList().toString());
        roads(CONSOLE_TOKEN)
                .removeCondition(RemoveConditionRequest.newBuilder().setId("C1").build());
        roads(CONSOLE_TOKEN)
                .removeCondition(RemoveConditionRequest.newBuilder().setId("S1").build());
        assertEquals(
                0,
                roads(CONSOLE_TOKEN)
                        .listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount());
        fails(
                Status.Code.NOT_FOUND,
                () -> roads(CONSOLE_TOKEN)
                        .removeCondition(
                                RemoveConditionRequest.newBuilder().setId("C1").build()));
    }

    @Test
    void rolesDecideWhoMayChangeAndWhoMayRead() {
        fails(
                Status.Code.PERMISSION_DENIED,
                () -> roads(PLANNER_TOKEN).addClosure(circle("P1", CASINO_LAT, CASINO_LON, 50)));
        fails(
                Status.Code.PERMISSION_DENIED,
                () -> roads(GATEWAY_TOKEN).listConditions(ListConditionsRequest.getDefaultInstance()));
        fails(
                Status.Code.UNAUTHENTICATED,
                () -> roads(null).listConditions(ListConditionsRequest.getDefaultInstance()));
        roads(CONSOLE_TOKEN).listConditions(ListConditionsRequest.getDefaultInstance());
        roads(ADMIN_TOKEN).listConditions(ListConditionsRequest.getDefaultInstance());
    }

    @Test
    void badInputIsRefusedNamingTheContractsFieldAndNothingIsApplied() {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[7.41,43.73],[7.42,43.74],[7.42,43.73],"
                + "[7.41,43.74],[7.41,43.73]]]}";
        StatusRuntimeException e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(RoadClosure.newBuilder()
                                .setId("B1")
                                .setAreaGeojson(bowTie)
                                .build()));
        assertEquals("area_geojson", field(e));
        assertTrue(
                e.getStatus().getDescription().contains("self-intersection"),
                e.getStatus().getDescription());
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(RoadClosure.newBuilder()
                                .setId("B2")
                                .setAreaGeojson("")
                                .build()));
        assertEquals("area_geojson", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addSlowdown(RoadSlowdown.newBuilder()
                                .setId("B3")
                                .setRoadClasses(RoadClasses.newBuilder().addClasses("primary"))
                                .setSpeedFactor(2)
                                .build()));
        assertEquals("speed_factor", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addSlowdown(RoadSlowdown.newBuilder()
                                .setId("B4")
                                .setRoadClasses(RoadClasses.newBuilder().addClasses("motorwayy"))
                                .setSpeedFactor(0.5)
                                .build()));
        assertEquals("road_classes.classes[0]", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(circle("B5", CASINO_LAT, CASINO_LON, 50).toBuilder()
                                .setStartEpochMillis(2_000_000_000_000L)
                                .setEndEpochMillis(1_900_000_000_000L)
                                .build()));
        assertEquals("end_epoch_millis", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(circle("B6", CASINO_LAT, CASINO_LON, 50).toBuilder()
                                .addProfiles("tractor")
                                .build()));
        assertEquals("profiles[2]", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN).addClosure(circle("B7", CASINO_LAT, CASINO_LON, 1_000_000)));
        assertEquals("circle.radius_metres", field(e));
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(RoadClosure.newBuilder()
                                .setId("B8")
                                .setAreaGeojson(
                                        "{\"type\":\"Polygon\",\"coordinates\":[[[7.0,43.5],[8.0,43.5],[8.0,44.0],"
                                                + "[7.0,44.0],[7.0,43.5]]]}")
                                .build()));
        assertEquals("area_geojson", field(e));
        assertTrue(
                e.getStatus().getDescription().contains("whole map"),
                e.getStatus().getDescription());
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> roads(CONSOLE_TOKEN)
                        .addClosure(RoadClosure.newBuilder()
                                .setId("B9")
                                .setRoad(RoadBetween.newBuilder().setFrom(at(43.73, 7.42)))
                                .build()));
        assertEquals("road.to", field(e));
        assertEquals(
                0,
                roads(CONSOLE_TOKEN)
                        .listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount(),
                "nothing applied");
        e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> recommend(nearCasino().toBuilder()
                        .addWhatIfClosures(circle("W1", CASINO_LAT, CASINO_LON, 0))
                        .build()));
        assertEquals("what_if_closures[0].circle.radius_metres", field(e));
        roads(CONSOLE_TOKEN).addClosure(circle("D1", CASINO_LAT, CASINO_LON, 30));
        fails(
                Status.Code.ALREADY_EXISTS,
                () -> roads(CONSOLE_TOKEN).addClosure(circle("D1", CASINO_LAT, CASINO_LON, 30)));
        roads(CONSOLE_TOKEN)
                .removeCondition(RemoveConditionRequest.newBuilder().setId("D1").build());
    }

    @Test
    void aRecommendationMayBringItsOwnClosures() {
        RecommendResponse plain = recommend(nearCasino());
        RecommendResponse whatIf = recommend(nearCasino().toBuilder()
                .addWhatIfClosures(circle("W1", PALACE_LAT, PALACE_LON, 150))
                .build());
        assertTrue(
                whatIf.getConditionsInForceList().stream()
                        .anyMatch(x -> x.contains("W1") && x.contains("this request")),
                whatIf.getConditionsInForceList().toString());
        // U2 waits at the Palace, deep inside the closed disc: it may leave along its own road only,
        // which leads to other closed roads, so it has no route (the documented rule)
        assertTrue(
                plain.getCandidatesList().stream().anyMatch(c -> c.getUnitId().equals("U2")));
        assertTrue(
                whatIf.getCandidatesList().stream().noneMatch(c -> c.getUnitId().equals("U2")));
        assertTrue(
                whatIf.getExcludedList().stream()
                        .anyMatch(x ->
                                x.getReason() == org.bluelamp.proto.v1.ExclusionReason.EXCLUSION_REASON_NO_ROAD_ROUTE),
                whatIf.getExcludedList().toString());
        assertEquals(
                0,
                roads(CONSOLE_TOKEN)
                        .listConditions(ListConditionsRequest.getDefaultInstance())
                        .getConditionsCount(),
                "a request's closures are not kept");
    }
}
