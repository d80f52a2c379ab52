package org.bluelamp.api;

import static org.bluelamp.api.GrpcJavaInteropTest.fails;
import static org.bluelamp.api.GrpcJavaInteropTest.field;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.tracking.IntakeOptions;
import org.bluelamp.tracking.ServiceArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service with a service area (Monaco with a margin): an incident outside it and a unit
 * registered with a position outside it are refused naming the field; inside, a registered
 * position is applied. (Fixes outside are refused and counted: {@code ServeProcessTest}.)
 */
class ServiceAreaServiceTest {
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServiceFixture(
                ServiceOptions.loopbackEphemeral().withThreads(2, 1).withDrainTimeout(Duration.ofSeconds(5)),
                IntakeOptions.defaults().withServiceArea(ServiceArea.around(43.72, 7.40, 43.76, 7.44, 2_000)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static LatLon at(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    @Test
    void incidentsOutsideTheServiceAreaAreRefusedNamingTheField() {
        int before = fx.recommendCalls.get();
        StatusRuntimeException e = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> as(DispatchGrpc.newBlockingStub(fx.channel), ServiceFixture.CONSOLE_TOKEN)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(0, 0))
                                        .setGrade("1"))
                                .build()));
        assertEquals("incident.location", field(e));
        assertTrue(
                e.getStatus().getDescription().contains("outside the service area"),
                e.getStatus().getDescription());
        assertEquals(before, fx.recommendCalls.get());
    }

    @Test
    void aUnitRegisteredWithAPositionGetsItCheckedLikeAFix() {
        var fleet = as(FleetGrpc.newBlockingStub(fx.channel), ServiceFixture.ADMIN_TOKEN)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        StatusRuntimeException sea = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet.registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder()
                                .setId("SEA-1")
                                .setCallsign("S1")
                                .setKind(UnitKind.UNIT_KIND_CAR)
                                .setLastFix(GpsFix.newBuilder().setPosition(at(0, 0))))
                        .build()));
        assertEquals("unit.last_fix.position", field(sea));
        assertTrue(sea.getStatus().getDescription().contains("0, 0 is what radios send without a GPS fix"));
        StatusRuntimeException fast = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet.registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder()
                                .setId("FAST-1")
                                .setCallsign("F1")
                                .setKind(UnitKind.UNIT_KIND_CAR)
                                .setLastFix(GpsFix.newBuilder()
                                        .setPosition(at(43.7393, 7.4278))
                                        .setSpeedMetresPerSecond(900)))
                        .build()));
        assertEquals("unit.last_fix.speed_metres_per_second", field(fast));

        Unit placed = fleet.registerUnit(RegisterUnitRequest.newBuilder()
                .setUnit(Unit.newBuilder()
                        .setId("CASINO-1")
                        .setCallsign("C1")
                        .setKind(UnitKind.UNIT_KIND_CAR)
                        .setLastFix(GpsFix.newBuilder().setPosition(at(43.7393, 7.4278))))
                .build());
        assertTrue(placed.hasLastFix(), "the position was applied before the answer");
        assertEquals(43.7393, placed.getLastFix().getPosition().getLatDeg(), 1e-9);
        assertTrue(fx.service.health().getString("serviceArea").startsWith("latitude 43.70"));
    }
}
