package org.bluelamp.api;

import static org.bluelamp.api.GrpcJavaInteropTest.fails;
import static org.bluelamp.api.ServiceFixture.ADMIN_TOKEN;
import static org.bluelamp.api.ServiceFixture.CONSOLE_TOKEN;
import static org.bluelamp.api.ServiceFixture.GATEWAY_TOKEN;
import static org.bluelamp.api.ServiceFixture.PLANNER_TOKEN;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens per role: UNAUTHENTICATED without a right token, PERMISSION_DENIED for the wrong call. */
class AccessTest {
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static GetUnitRequest u1() {
        return GetUnitRequest.newBuilder().setUnitId("U1").build();
    }

    private static FleetGrpc.FleetBlockingStub fleet(String token) {
        return as(FleetGrpc.newBlockingStub(fx.channel), token).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void missingOrWrongTokenIsUnauthenticated() {
        StatusRuntimeException none =
                fails(Status.Code.UNAUTHENTICATED, () -> fleet(null).getUnit(u1()));
        assertTrue(none.getStatus().getDescription().contains("Bearer"));
        fails(
                Status.Code.UNAUTHENTICATED,
                () -> fleet("not-a-known-token-at-all").getUnit(u1()));
        fails(Status.Code.UNAUTHENTICATED, () -> fleet(CONSOLE_TOKEN + "x").getUnit(u1()));
        // the stream too, before any message is read
        var stream = as(TrackingGrpc.newStub(fx.channel), null);
        var errors = new java.util.concurrent.LinkedBlockingQueue<Throwable>();
        stream.streamFixes(new io.grpc.stub.StreamObserver<FixBatchAck>() {
            @Override
            public void onNext(FixBatchAck value) {}

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onCompleted() {}
        });
        Throwable t = assertDoesNotTimeOut(errors);
        assertEquals(Status.Code.UNAUTHENTICATED, Status.fromThrowable(t).getCode());
    }

    private static Throwable assertDoesNotTimeOut(java.util.concurrent.BlockingQueue<Throwable> q) {
        try {
            Throwable t = q.poll(10, TimeUnit.SECONDS);
            assertTrue(t != null, "the call ended");
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachRoleMakesOnlyItsCalls() {
        // console: fleet reads and dispatch, not registration, not fixes
        fleet(CONSOLE_TOKEN).getUnit(u1());
        StatusRuntimeException denied = fails(
                Status.Code.PERMISSION_DENIED,
                () -> fleet(CONSOLE_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(Unit.newBuilder()
                                        .setId("A1")
                                        .setCallsign("A1")
                                        .setKind(UnitKind.UNIT_KIND_CAR))
                                .build()));
        assertTrue(denied.getStatus()
                .getDescription()
                .contains("role console may not call dispatch.v1.Fleet/RegisterUnit"));
        var lip = SubmitLipRequest.newBuilder()
                .setIssi("U1")
                .setPdu(com.google.protobuf.ByteString.copyFrom(
                        java.util.HexFormat.of().parseHex("0088BD4247F737FFE810")))
                .build();
        fails(
                Status.Code.PERMISSION_DENIED,
                () -> as(TrackingGrpc.newBlockingStub(fx.channel), CONSOLE_TOKEN)
                        .submitLip(lip));

        // gateway: fixes only
        as(TrackingGrpc.newBlockingStub(fx.channel), GATEWAY_TOKEN).submitLip(lip);
        fails(Status.Code.PERMISSION_DENIED, () -> fleet(GATEWAY_TOKEN).getUnit(u1()));
        RecommendRequest rec = RecommendRequest.newBuilder()
                .setIncident(Incident.newBuilder()
                        .setGrade("1")
                        .setLocation(LatLon.newBuilder().setLatDeg(43.737).setLonDeg(7.425)))
                .build();
        fails(
                Status.Code.PERMISSION_DENIED,
                () -> as(DispatchGrpc.newBlockingStub(fx.channel), GATEWAY_TOKEN)
                        .recommend(rec));

        // planner: no fleet call (Planning only)
        fails(Status.Code.PERMISSION_DENIED, () -> fleet(PLANNER_TOKEN).getUnit(u1()));

        // admin: everything
        fleet(ADMIN_TOKEN)
                .registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder().setId("A1").setCallsign("A1").setKind(UnitKind.UNIT_KIND_CAR))
                        .build());
        as(DispatchGrpc.newBlockingStub(fx.channel), ADMIN_TOKEN).recommend(rec);
        Iterator<?> watch = as(FleetGrpc.newBlockingStub(fx.channel), ADMIN_TOKEN)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .watchFleet(org.bluelamp.proto.v1.WatchFleetRequest.newBuilder()
                        .setIncludeSnapshot(true)
                        .build());
        assertTrue(watch.hasNext());
    }

    @Test
    void authFileIsReadAndCheckedAtStart(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("auth.json");
        Files.writeString(
                ok,
                "{\"gateway\":[\"gw-0123456789abcdef\"],"
                        + "\"console\":[\"con-0123456789abcdef\",\"con-2-0123456789abcdef\"]}");
        AccessPolicy p = AccessPolicy.load(ok);
        assertEquals(Role.CONSOLE, p.authorize("Bearer con-2-0123456789abcdef", Role.CONSOLE, "m"));
        assertEquals(Role.GATEWAY, p.authorize("bearer  gw-0123456789abcdef ", Role.GATEWAY, "m"));
        CallRefused wrongRole =
                assertThrows(CallRefused.class, () -> p.authorize("Bearer gw-0123456789abcdef", Role.CONSOLE, "m"));
        assertEquals(CallRefused.Why.PERMISSION_DENIED, wrongRole.why());
        assertEquals(
                CallRefused.Why.UNAUTHENTICATED,
                assertThrows(CallRefused.class, () -> p.authorize("Basic Zm9vOmJhcg==", Role.CONSOLE, "m"))
                        .why());

        Path shortToken = dir.resolve("short.json");
        Files.writeString(shortToken, "{\"admin\":[\"short\"]}");
        BluelampException e = assertThrows(BluelampException.class, () -> AccessPolicy.load(shortToken));
        assertEquals("auth", e.field());
        assertTrue(e.getMessage().contains("shorter than 16"));
        Path badRole = dir.resolve("role.json");
        Files.writeString(badRole, "{\"superuser\":[\"0123456789abcdef0\"]}");
        assertTrue(assertThrows(BluelampException.class, () -> AccessPolicy.load(badRole))
                .getMessage()
                .contains("unknown role 'superuser'"));
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, "{\"admin\":[\"0123456789abcdef0\"],\"gateway\":[\"0123456789abcdef0\"]}");
        assertTrue(assertThrows(BluelampException.class, () -> AccessPolicy.load(twice))
                .getMessage()
                .contains("listed twice"));
    }
}
