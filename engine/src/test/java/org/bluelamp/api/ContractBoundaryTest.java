package org.bluelamp.api;

import static org.bluelamp.api.GrpcJavaInteropTest.fails;
import static org.bluelamp.api.GrpcJavaInteropTest.field;
import static org.bluelamp.api.ServiceFixture.ADMIN_TOKEN;
import static org.bluelamp.api.ServiceFixture.CONSOLE_TOKEN;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One boundary for the contract (issue 8.3) and one rule for ids (issue 9.8), over the wire with
 * the stock client: every request check names the contract's field and happens before the engine
 * is called; an id with control characters is refused wherever an id is taken, and no error
 * repeats a control character.
 */
class ContractBoundaryTest {
    private static final String HOSTILE_ID = "T-1\0\n\u001b[31m";
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static FleetGrpc.FleetBlockingStub fleet(String token) {
        return as(FleetGrpc.newBlockingStub(fx.channel), token).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static DispatchGrpc.DispatchBlockingStub dispatch() {
        return as(DispatchGrpc.newBlockingStub(fx.channel), CONSOLE_TOKEN).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static Incident.Builder incident() {
        return Incident.newBuilder()
                .setLocation(LatLon.newBuilder().setLatDeg(43.737).setLonDeg(7.425))
                .setGrade("1");
    }

    private static void noControlCharacters(StatusRuntimeException e) {
        String m = e.getStatus().getDescription();
        assertFalse(m.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "the message repeats a control character: " + m);
    }

    @Test
    void gradeIncidentTypeAndCapabilitiesAreCheckedAtTheBoundaryNamingTheContractField() {
        int before = fx.recommendCalls.get();
        StatusRuntimeException type = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(incident().setIncidentType("alien_landing"))
                                .build()));
        assertEquals("incident.incident_type", field(type));
        assertTrue(
                type.getStatus().getDescription().contains("'alien_landing' is unknown; known incident types are"),
                type.getStatus().getDescription());
        assertEquals(
                "incident.grade",
                field(fails(
                        Status.Code.INVALID_ARGUMENT,
                        () -> dispatch()
                                .recommend(RecommendRequest.newBuilder()
                                        .setIncident(incident().setGrade("9"))
                                        .build()))));
        assertEquals(
                "incident.required_capabilities",
                field(fails(
                        Status.Code.INVALID_ARGUMENT,
                        () -> dispatch()
                                .recommend(RecommendRequest.newBuilder()
                                        .setIncident(incident().addRequiredCapabilities("unicorn"))
                                        .build()))));
        assertEquals(before, fx.recommendCalls.get(), "refused requests never reach the ranking");

        // a known type (case as configured) goes through
        var ok = dispatch()
                .recommend(RecommendRequest.newBuilder()
                        .setIncident(incident().setIncidentType("firearms"))
                        .build());
        assertEquals(before + 1, fx.recommendCalls.get());
        assertTrue(ok.getResponsePlanCount() > 0 || ok.getUnmetRequirementsCount() > 0, "the firearms plan applies");

        // the one check only the ranking can make names the contract's field too
        StatusRuntimeException sea = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(incident()
                                        .setLocation(LatLon.newBuilder()
                                                .setLatDeg(10)
                                                .setLonDeg(10)))
                                .build()));
        assertEquals("incident.location", field(sea));
        assertTrue(
                sea.getStatus().getDescription().startsWith("incident.location"),
                sea.getStatus().getDescription());
    }

    @Test
    void idsWithControlCharactersAreRefusedEverywhereAndNeverEchoedRaw() {
        StatusRuntimeException reg = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(ADMIN_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(Unit.newBuilder()
                                        .setId(HOSTILE_ID)
                                        .setCallsign("X1")
                                        .setKind(UnitKind.UNIT_KIND_CAR))
                                .build()));
        assertEquals("unit.id", field(reg));
        noControlCharacters(reg);
        assertTrue(
                reg.getStatus().getDescription().contains("'T-1\\u0000\\u000a\\u001b[31m'"),
                reg.getStatus().getDescription());
        fails(
                Status.Code.NOT_FOUND,
                () -> fleet(CONSOLE_TOKEN)
                        .getUnit(GetUnitRequest.newBuilder().setUnitId("T-1").build()));

        String[][] cases = {
            {"unit.callsign", "callsign"}, {"unit.home_station", "station"}, {"unit.capabilities", "cap"}
        };
        for (String[] c : cases) {
            Unit.Builder u = Unit.newBuilder().setId("OK-1").setCallsign("X1").setKind(UnitKind.UNIT_KIND_CAR);
            switch (c[1]) {
                case "callsign" -> u.setCallsign(HOSTILE_ID);
                case "station" -> u.setHomeStation(HOSTILE_ID);
                default -> u.addCapabilities(HOSTILE_ID);
            }
            StatusRuntimeException e = fails(
                    Status.Code.INVALID_ARGUMENT,
                    () -> fleet(ADMIN_TOKEN)
                            .registerUnit(
                                    RegisterUnitRequest.newBuilder().setUnit(u).build()));
            assertEquals(c[0], field(e));
            noControlCharacters(e);
        }
        StatusRuntimeException grade = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder()
                                .setUnitId("U1")
                                .setStatus(UnitStatus.UNIT_STATUS_EN_ROUTE)
                                .setCommittedGrade("1\u001b[2J")
                                .build()));
        assertEquals("committed_grade", field(grade));
        noControlCharacters(grade);
        StatusRuntimeException incidentId = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .assign(AssignRequest.newBuilder()
                                .setIncidentId("INC\r\n-1")
                                .setUnitId("U1")
                                .setGrade("1")
                                .build()));
        assertEquals("incident_id", field(incidentId));
        noControlCharacters(incidentId);
        StatusRuntimeException recommendId = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(incident().setId("INC\u0007"))
                                .build()));
        assertEquals("incident.id", field(recommendId));
        StatusRuntimeException type = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(incident().setIncidentType("firearms\n"))
                                .build()));
        assertEquals("incident.incident_type", field(type));
        noControlCharacters(type);
        StatusRuntimeException conditionId = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> as(DispatchGrpc.newBlockingStub(fx.channel), ADMIN_TOKEN)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .listAudit(ListAuditRequest.newBuilder()
                                .setConditionId("A38\u001b[2J")
                                .build()));
        assertEquals("condition_id", field(conditionId));
        noControlCharacters(conditionId);
    }

    @Test
    void aClientTimeFarInTheFutureIsRefusedAndCannotLockAUnit() {
        long now = System.currentTimeMillis();
        long year9999 = java.time.Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();
        for (long t : new long[] {year9999, Long.MAX_VALUE, now * 1000, Long.MIN_VALUE, 1}) {
            StatusRuntimeException e = fails(
                    Status.Code.INVALID_ARGUMENT,
                    () -> fleet(CONSOLE_TOKEN)
                            .setStatus(SetStatusRequest.newBuilder()
                                    .setUnitId("U3")
                                    .setStatus(UnitStatus.UNIT_STATUS_REFRESHMENT)
                                    .setStatusTimeEpochMillis(t)
                                    .build()));
            assertEquals("status_time_epoch_millis", field(e), e.getStatus().getDescription());
        }
        StatusRuntimeException reg = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(ADMIN_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(Unit.newBuilder()
                                        .setId("LOCKED-1")
                                        .setCallsign("L1")
                                        .setKind(UnitKind.UNIT_KIND_CAR)
                                        .setStatusTimeEpochMillis(year9999))
                                .build()));
        assertEquals("unit.status_time_epoch_millis", field(reg));
        // nothing was locked: the unit still takes a change made now, and back again
        fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U3")
                        .setStatus(UnitStatus.UNIT_STATUS_REFRESHMENT)
                        .build());
        Unit back = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U3")
                        .setStatus(UnitStatus.UNIT_STATUS_AT_STATION)
                        .setStatusTimeEpochMillis(System.currentTimeMillis())
                        .build());
        assertEquals(UnitStatus.UNIT_STATUS_AT_STATION, back.getStatus());
    }

    @Test
    void aLipReportWithAnExtremeReceptionTimeIsAnsweredNamingTheField() {
        var tracking = as(org.bluelamp.proto.v1.TrackingGrpc.newBlockingStub(fx.channel), ServiceFixture.GATEWAY_TOKEN)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        for (long t : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, System.currentTimeMillis() * 1000}) {
            StatusRuntimeException e = fails(
                    Status.Code.INVALID_ARGUMENT,
                    () -> tracking.submitLip(org.bluelamp.proto.v1.SubmitLipRequest.newBuilder()
                            .setIssi("U1")
                            .setPdu(com.google.protobuf.ByteString.copyFrom(
                                    java.util.HexFormat.of().parseHex("0088BD4247F737FFE810")))
                            .setReceivedTimeEpochMillis(t)
                            .build()));
            assertEquals("received_time_epoch_millis", field(e), e.getStatus().getDescription());
        }
    }

    @Test
    void anErrorAboutAHugeInputIsAnsweredInFullAndTheConnectionGoesOn() {
        // (the fixture's message limit is 64 KiB; the default 4 MiB allows ids of millions of characters)
        for (int n : new int[] {9_000, 60_000}) {
            String huge = "x".repeat(n);
            StatusRuntimeException e = fails(
                    Status.Code.INVALID_ARGUMENT,
                    () -> fleet(CONSOLE_TOKEN)
                            .getUnit(GetUnitRequest.newBuilder().setUnitId(huge).build()));
            assertEquals("unit_id", field(e));
            String m = e.getStatus().getDescription();
            assertTrue(m.length() < 400 && m.contains("... (" + (n - 64) + " more)"), m);
            // the same connection answers the next call
            assertEquals(
                    "IR11",
                    fleet(CONSOLE_TOKEN)
                            .getUnit(GetUnitRequest.newBuilder().setUnitId("U1").build())
                            .getCallsign());
        }
    }

    @Test
    void aUnitArrivingAtItsIncidentKeepsItsGradeAndIncident() {
        dispatch()
                .assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-19")
                        .setUnitId("U1")
                        .setGrade("1")
                        .build());
        Unit atScene = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U1")
                        .setStatus(UnitStatus.UNIT_STATUS_AT_SCENE)
                        .build());
        assertEquals("1", atScene.getCommittedGrade());
        assertEquals("INC-19", atScene.getAssignedIncidentId());
        Unit committed = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U1")
                        .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                        .build());
        assertEquals("1", committed.getCommittedGrade());
        Unit free = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U1")
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .build());
        assertEquals("", free.getCommittedGrade());
        assertEquals("", free.getAssignedIncidentId());
        StatusRuntimeException noGrade = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder()
                                .setUnitId("U1")
                                .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                                .build()));
        assertEquals("committed_grade", field(noGrade));
    }
}
