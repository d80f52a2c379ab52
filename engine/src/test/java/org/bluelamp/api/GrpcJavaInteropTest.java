package org.bluelamp.api;

import static org.bluelamp.api.ServiceFixture.ADMIN_TOKEN;
import static org.bluelamp.api.ServiceFixture.CASINO_LAT;
import static org.bluelamp.api.ServiceFixture.CASINO_LON;
import static org.bluelamp.api.ServiceFixture.CONSOLE_TOKEN;
import static org.bluelamp.api.ServiceFixture.GATEWAY_TOKEN;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.Area;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.ChangeKind;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixOutcome;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.proto.v1.Track;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.proto.v1.UpdateUnitRequest;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.bluelamp.road.Polyline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service of the contract driven over a real socket by the stock grpc-java client (its own
 * generated stubs, Netty transport), the way a third-party console or gateway would.
 */
class GrpcJavaInteropTest {
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

    private static LatLon at(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    private static GpsFix fix(String unit, double lat, double lon, long time) {
        return GpsFix.newBuilder()
                .setUnitId(unit)
                .setPosition(at(lat, lon))
                .setPositionTimeEpochMillis(time)
                .setAccuracyMetres(4)
                .build();
    }

    static StatusRuntimeException fails(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e;
    }

    static String field(StatusRuntimeException e) {
        return e.getTrailers() == null
                ? null
                : e.getTrailers().get(Metadata.Key.of(Rpc.FIELD_TRAILER, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void registerUpdateGetAndListUnits() {
        Unit registered = fleet(ADMIN_TOKEN)
                .registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder()
                                .setId("R1")
                                .setCallsign("DG41")
                                .setKind(UnitKind.UNIT_KIND_CAR)
                                .addCapabilities("dog"))
                        .build());
        assertEquals("R1", registered.getId());
        assertEquals(UnitStatus.UNIT_STATUS_AVAILABLE, registered.getStatus());
        assertEquals(1, registered.getCrewSize());
        assertFalse(registered.hasLastFix());
        assertTrue(registered.getStale(), "a unit without a fix is stale");

        fails(
                Status.Code.ALREADY_EXISTS,
                () -> fleet(ADMIN_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(registered)
                                .build()));
        StatusRuntimeException badCap = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(ADMIN_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(Unit.newBuilder()
                                        .setId("R2")
                                        .setCallsign("X")
                                        .setKind(UnitKind.UNIT_KIND_CAR)
                                        .addCapabilities("jetpack"))
                                .build()));
        assertTrue(badCap.getStatus().getDescription().contains("unit.capabilities[0] 'jetpack' is unknown"));
        assertEquals("unit.capabilities", field(badCap));
        StatusRuntimeException noKind = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(ADMIN_TOKEN)
                        .registerUnit(RegisterUnitRequest.newBuilder()
                                .setUnit(Unit.newBuilder().setId("R2").setCallsign("X"))
                                .build()));
        assertEquals("unit.kind", field(noKind));

        Unit updated = fleet(ADMIN_TOKEN)
                .updateUnit(UpdateUnitRequest.newBuilder()
                        .setUnit(registered.toBuilder().setCallsign("DG42").setCrewSize(2))
                        .build());
        assertEquals("DG42", updated.getCallsign());
        fails(
                Status.Code.NOT_FOUND,
                () -> fleet(ADMIN_TOKEN)
                        .updateUnit(UpdateUnitRequest.newBuilder()
                                .setUnit(registered.toBuilder().setId("NOPE"))
                                .build()));

        Unit u1 = fleet(CONSOLE_TOKEN)
                .getUnit(GetUnitRequest.newBuilder().setUnitId("U1").build());
        assertEquals("IR11", u1.getCallsign());
        assertEquals(CASINO_LAT, u1.getLastFix().getPosition().getLatDeg(), 1e-9);
        assertTrue(u1.hasFixAgeSeconds());
        StatusRuntimeException missing = fails(
                Status.Code.NOT_FOUND,
                () -> fleet(CONSOLE_TOKEN)
                        .getUnit(GetUnitRequest.newBuilder().setUnitId("NOPE").build()));
        assertTrue(missing.getStatus().getDescription().contains("'NOPE'"));
        fails(Status.Code.INVALID_ARGUMENT, () -> fleet(CONSOLE_TOKEN).getUnit(GetUnitRequest.getDefaultInstance()));

        var armed = fleet(CONSOLE_TOKEN)
                .listUnits(ListUnitsRequest.newBuilder()
                        .addCapabilities("armed_response")
                        .build());
        assertEquals(
                List.of("U2"), armed.getUnitsList().stream().map(Unit::getId).toList());
        var atStation = fleet(CONSOLE_TOKEN)
                .listUnits(ListUnitsRequest.newBuilder()
                        .addStatuses(UnitStatus.UNIT_STATUS_AT_STATION)
                        .build());
        assertEquals(
                List.of("U3"),
                atStation.getUnitsList().stream().map(Unit::getId).toList());
        var nearCasino = fleet(CONSOLE_TOKEN)
                .listUnits(ListUnitsRequest.newBuilder()
                        .setArea(Area.newBuilder()
                                .setCircle(Circle.newBuilder()
                                        .setCentre(at(CASINO_LAT, CASINO_LON))
                                        .setRadiusMetres(200)))
                        .build());
        assertEquals(
                List.of("U1"),
                nearCasino.getUnitsList().stream().map(Unit::getId).toList());
        StatusRuntimeException badArea = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .listUnits(ListUnitsRequest.newBuilder()
                                .setArea(Area.newBuilder()
                                        .setCircle(Circle.newBuilder()
                                                .setCentre(at(Double.NaN, 7.0))
                                                .setRadiusMetres(10)))
                                .build()));
        assertEquals("area.circle.centre.lat_deg", field(badArea));
    }

    @Test
    void statusesFollowTheTransitionTableAndGrades() {
        Unit u = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U3")
                        .setStatus(UnitStatus.UNIT_STATUS_REFRESHMENT)
                        .build());
        assertEquals(UnitStatus.UNIT_STATUS_REFRESHMENT, u.getStatus());
        StatusRuntimeException illegal = fails(
                Status.Code.FAILED_PRECONDITION,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder()
                                .setUnitId("U3")
                                .setStatus(UnitStatus.UNIT_STATUS_AT_SCENE)
                                .build()));
        assertTrue(
                illegal.getStatus().getDescription().contains("REFRESHMENT"),
                illegal.getStatus().toString());
        StatusRuntimeException grade = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder()
                                .setUnitId("U3")
                                .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                                .setCommittedGrade("9")
                                .build()));
        assertEquals("committed_grade", field(grade));
        StatusRuntimeException gradeMissing = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder()
                                .setUnitId("U3")
                                .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                                .build()));
        assertEquals("committed_grade", field(gradeMissing));
        fails(
                Status.Code.INVALID_ARGUMENT,
                () -> fleet(CONSOLE_TOKEN)
                        .setStatus(SetStatusRequest.newBuilder().setUnitId("U3").build()));
        fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U3")
                        .setStatus(UnitStatus.UNIT_STATUS_AT_STATION)
                        .build());
    }

    @Test
    void recommendRanksByRoadTimeWithRouteGeometryAndAssignSendsTheUnit() {
        RecommendResponse r = dispatch()
                .recommend(RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setId("INC-1")
                                .setLocation(at(43.7370, 7.4250))
                                .setGrade("1"))
                        .setMaxCandidates(3)
                        .build());
        assertEquals("INC-1", r.getIncidentId());
        assertEquals("Emergency", r.getGradeName());
        assertTrue(r.hasTargetSeconds());
        assertTrue(r.getCandidatesCount() >= 2, "U1 and U2 (and units other tests add) have positions");
        assertTrue(r.getCandidatesList().stream().anyMatch(c -> c.getUnitId().equals("U1")));
        var first = r.getCandidates(0);
        assertEquals(1, first.getRank());
        assertTrue(first.getEtaSeconds() > 0 && first.getDistanceMetres() > 0);
        assertTrue(first.getEtaSeconds() <= r.getCandidates(1).getEtaSeconds());
        assertFalse(first.getReasonsList().isEmpty());
        double[][] line = Polyline.decode(first.getEncodedPolyline(), 1e5);
        assertTrue(line[0].length >= 2, "route geometry as an encoded polyline");
        assertTrue(r.getAttribution().contains("OpenStreetMap"));

        StatusRuntimeException noCoverage = fails(
                Status.Code.FAILED_PRECONDITION,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(43.7370, 7.4250))
                                        .setGrade("1"))
                                .setIncludeCoverageImpact(true)
                                .build()));
        assertEquals("include_coverage_impact", field(noCoverage), "this fixture serves no Planning");

        StatusRuntimeException nan = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(Double.NaN, 7.42))
                                        .setGrade("1"))
                                .build()));
        assertEquals("incident.location.lat_deg", field(nan));
        assertTrue(nan.getStatus().getDescription().contains("incident.location.lat_deg"));
        StatusRuntimeException lon = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(43.7, 181))
                                        .setGrade("1"))
                                .build()));
        assertEquals("incident.location.lon_deg", field(lon));
        StatusRuntimeException noLocation = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder().setGrade("1"))
                                .build()));
        assertEquals("incident.location", field(noLocation));
        StatusRuntimeException grade = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(43.737, 7.425))
                                        .setGrade("7"))
                                .build()));
        assertEquals("incident.grade", field(grade));
        StatusRuntimeException cap = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(43.737, 7.425))
                                        .setGrade("1")
                                        .addRequiredCapabilities("unicorn"))
                                .build()));
        assertEquals("incident.required_capabilities", field(cap));
        StatusRuntimeException k = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .recommend(RecommendRequest.newBuilder()
                                .setIncident(Incident.newBuilder()
                                        .setLocation(at(43.737, 7.425))
                                        .setGrade("1"))
                                .setMaxCandidates(101)
                                .build()));
        assertEquals("max_candidates", field(k));
        fails(Status.Code.INVALID_ARGUMENT, () -> dispatch().recommend(RecommendRequest.getDefaultInstance()));

        var assigned = dispatch()
                .assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-1")
                        .setUnitId(first.getUnitId())
                        .setGrade("1")
                        .build());
        assertEquals(UnitStatus.UNIT_STATUS_EN_ROUTE, assigned.getUnit().getStatus());
        assertEquals("1", assigned.getUnit().getCommittedGrade());
        assertEquals("INC-1", assigned.getUnit().getAssignedIncidentId());
        assertFalse(assigned.hasTakenFrom(), "the unit was on no other incident");
        var again = dispatch()
                .assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-1")
                        .setUnitId(first.getUnitId())
                        .setGrade("1")
                        .build());
        assertFalse(again.hasTakenFrom(), "assigned again to the same incident: taken from nothing");
        var diverted = dispatch()
                .assign(AssignRequest.newBuilder()
                        .setIncidentId("INC-1-DIVERT")
                        .setUnitId(first.getUnitId())
                        .setGrade("2")
                        .build());
        assertEquals("INC-1", diverted.getTakenFrom().getId(), "the dispatcher hears what the unit leaves");
        assertEquals("1", diverted.getTakenFrom().getGrade());
        assertTrue(
                diverted.getTakenFrom().getUnitsList().stream().noneMatch(u -> u.getStillAssigned()),
                "INC-1 is left with no unit: " + diverted.getTakenFrom());
        fails(
                Status.Code.NOT_FOUND,
                () -> dispatch()
                        .assign(AssignRequest.newBuilder()
                                .setIncidentId("INC-1")
                                .setUnitId("NOPE")
                                .setGrade("1")
                                .build()));
        fails(
                Status.Code.INVALID_ARGUMENT,
                () -> dispatch()
                        .assign(AssignRequest.newBuilder()
                                .setIncidentId("INC-1")
                                .setUnitId(first.getUnitId())
                                .setGrade("1")
                                .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                                .build()));
        Unit back = fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId(first.getUnitId())
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .build());
        assertEquals("", back.getAssignedIncidentId());
    }

    /** Request bytes as they are, so that a malformed message can be sent with the stock client. */
    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], FixBatchAck> RAW_STREAM_FIXES =
            MethodDescriptor.<byte[], FixBatchAck>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(TrackingGrpc.getStreamFixesMethod().getFullMethodName())
                    .setRequestMarshaller(RAW)
                    .setResponseMarshaller(ProtoUtils.marshaller(FixBatchAck.getDefaultInstance()))
                    .build();

    @Test
    void fixStreamAcknowledgesEachMessageInOrderAndSurvivesAMalformedOne() throws Exception {
        long now = System.currentTimeMillis();
        fleet(ADMIN_TOKEN)
                .registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder().setId("S1").setCallsign("S1").setKind(UnitKind.UNIT_KIND_CAR))
                        .build());
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<byte[]> out = ClientCalls.asyncBidiStreamingCall(
                fx.channel.newCall(
                        RAW_STREAM_FIXES,
                        CallOptions.DEFAULT.withCallCredentials(ServiceFixture.bearer(GATEWAY_TOKEN))),
                new StreamObserver<>() {
                    @Override
                    public void onNext(FixBatchAck ack) {
                        received.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        received.add("completed");
                    }
                });
        FixBatch first = FixBatch.newBuilder()
                .setBatchId(11)
                .addFixes(fix("S1", 43.7393, 7.4278, now - 3000))
                .addFixes(fix("S1", 43.7394, 7.4279, now - 2000))
                .addFixes(fix("GHOST", 43.7394, 7.4279, now - 2000))
                .addFixes(fix("S1", 95, 7.4279, now - 1500))
                .addFixes(fix("S1", 43.7394, 7.4279, now - 2000)) // duplicate
                .build();
        out.onNext(first.toByteArray());
        out.onNext(new byte[] {(byte) 0xFF, 0x01, 0x02}); // not a FixBatch
        FixBatch third = FixBatch.newBuilder()
                .setBatchId(13)
                .addFixes(fix("S1", 43.7395, 7.4280, now - 1000))
                .build();
        out.onNext(third.toByteArray());
        FixBatch.Builder tooMany = FixBatch.newBuilder().setBatchId(14);
        for (int i = 0; i < 101; i++) {
            tooMany.addFixes(fix("S1", 43.74, 7.42, now - 100_000 + i));
        }
        out.onNext(tooMany.build().toByteArray());
        out.onCompleted();

        List<FixBatchAck> acks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Object o = received.poll(10, TimeUnit.SECONDS);
            assertTrue(o instanceof FixBatchAck, "ack " + i + ": " + o);
            acks.add((FixBatchAck) o);
        }
        assertEquals("completed", received.poll(10, TimeUnit.SECONDS));

        for (int i = 0; i < 4; i++) {
            assertEquals(i, acks.get(i).getMessageIndex(), "acks in message order");
        }
        FixBatchAck a = acks.get(0);
        assertEquals(11, a.getBatchId());
        assertEquals(2, a.getAcceptedCount());
        assertEquals(1, a.getDuplicateCount());
        assertEquals(2, a.getRejectedCount());
        assertEquals(RejectReason.REJECT_REASON_UNSPECIFIED, a.getBatchError());
        assertEquals(
                List.of(RejectReason.REJECT_REASON_INVALID_LATITUDE, RejectReason.REJECT_REASON_UNKNOWN_UNIT),
                a.getRejectedByReasonList().stream()
                        .map(c -> c.getReason())
                        .sorted()
                        .toList());
        assertEquals(2, a.getRejections(0).getIndex());
        assertTrue(a.getRejections(1).getMessage().contains("latDeg 95"));

        assertEquals(RejectReason.REJECT_REASON_MALFORMED_MESSAGE, acks.get(1).getBatchError());
        assertTrue(acks.get(1).getBatchErrorMessage().contains("not a valid FixBatch"));

        assertEquals(13, acks.get(2).getBatchId());
        assertEquals(1, acks.get(2).getAcceptedLatestCount(), "the stream went on after the malformed message");

        assertEquals(RejectReason.REJECT_REASON_BATCH_TOO_LARGE, acks.get(3).getBatchError());
        assertTrue(acks.get(3).getBatchErrorMessage().contains("101 fixes, more than the limit of 100"));
        assertEquals(0, acks.get(3).getAcceptedCount());

        Track track = fleet(CONSOLE_TOKEN)
                .getTrack(GetTrackRequest.newBuilder().setUnitId("S1").build());
        assertEquals(3, track.getPointsCount(), "every acknowledged fix is applied, oldest first");
        assertEquals(43.7395, track.getPoints(2).getPosition().getLatDeg(), 1e-9);
        Track window = fleet(CONSOLE_TOKEN)
                .getTrack(GetTrackRequest.newBuilder()
                        .setUnitId("S1")
                        .setFromEpochMillis(now - 2500)
                        .setToEpochMillis(now - 1500)
                        .build());
        assertEquals(1, window.getPointsCount());
    }

    @Test
    void lipReportFromAnIssiBecomesAFix() {
        fleet(ADMIN_TOKEN)
                .registerUnit(RegisterUnitRequest.newBuilder()
                        .setUnit(Unit.newBuilder()
                                .setId("2624001")
                                .setCallsign("LIP1")
                                .setKind(UnitKind.UNIT_KIND_CAR))
                        .build());
        var tracking =
                as(TrackingGrpc.newBlockingStub(fx.channel), GATEWAY_TOKEN).withDeadlineAfter(10, TimeUnit.SECONDS);
        // A captured short location report (see LipRealPduTest): 51.3251 N, 12.0181 E, under 5 s old.
        byte[] pdu = java.util.HexFormat.of().parseHex("0088BD4247F737FFE810");
        SubmitLipResponse r = tracking.submitLip(SubmitLipRequest.newBuilder()
                .setIssi("2624001")
                .setPdu(ByteString.copyFrom(pdu))
                .build());
        assertEquals(FixOutcome.FIX_OUTCOME_ACCEPTED_LATEST, r.getOutcome());
        assertEquals(51.3251, r.getFix().getPosition().getLatDeg(), 1e-3);
        Unit u = fleet(CONSOLE_TOKEN)
                .getUnit(GetUnitRequest.newBuilder().setUnitId("2624001").build());
        assertEquals(12.0181, u.getLastFix().getPosition().getLonDeg(), 1e-3);

        SubmitLipResponse unknown = tracking.submitLip(SubmitLipRequest.newBuilder()
                .setIssi("999")
                .setPdu(ByteString.copyFrom(pdu))
                .build());
        assertEquals(FixOutcome.FIX_OUTCOME_REJECTED, unknown.getOutcome());
        assertEquals(RejectReason.REJECT_REASON_UNKNOWN_UNIT, unknown.getReason());

        StatusRuntimeException bad = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tracking.submitLip(SubmitLipRequest.newBuilder()
                        .setIssi("2624001")
                        .setPdu(ByteString.copyFrom(new byte[] {0x0F, (byte) 0xF7}))
                        .build()));
        assertEquals("pdu", field(bad));
        StatusRuntimeException noIssi = fails(
                Status.Code.INVALID_ARGUMENT,
                () -> tracking.submitLip(SubmitLipRequest.newBuilder()
                        .setPdu(ByteString.copyFrom(pdu))
                        .build()));
        assertEquals("issi", field(noIssi));
    }

    @Test
    void watchFleetSendsASnapshotThenChanges() throws Exception {
        var stub = as(FleetGrpc.newBlockingStub(fx.channel), CONSOLE_TOKEN).withDeadlineAfter(20, TimeUnit.SECONDS);
        Iterator<FleetUpdate> updates = stub.watchFleet(WatchFleetRequest.newBuilder()
                .setIncludeSnapshot(true)
                .setMinIntervalMillis(100)
                .build());
        FleetUpdate snapshot = updates.next();
        assertTrue(snapshot.getFullSnapshot());
        assertEquals(1, snapshot.getSequence());
        assertTrue(snapshot.getChangesList().stream()
                .anyMatch(c -> c.getUnit().getId().equals("U1")));

        CountDownLatch changed = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            while (updates.hasNext()) {
                FleetUpdate u = updates.next();
                for (var c : u.getChangesList()) {
                    if (c.getUnit().getId().equals("U2")
                            && c.getKindsList().contains(ChangeKind.CHANGE_KIND_STATUS)
                            && c.getUnit().getStatus() == UnitStatus.UNIT_STATUS_REFRESHMENT) {
                        changed.countDown();
                        return;
                    }
                }
            }
        });
        t.setDaemon(true);
        t.start();
        fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U2")
                        .setStatus(UnitStatus.UNIT_STATUS_REFRESHMENT)
                        .build());
        assertTrue(changed.await(10, TimeUnit.SECONDS), "the status change reaches the watcher");
        fleet(CONSOLE_TOKEN)
                .setStatus(SetStatusRequest.newBuilder()
                        .setUnitId("U2")
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .build());
        assertNotNull(snapshot);
    }
}
