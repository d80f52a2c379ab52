package org.bluelamp.api;

import static org.bluelamp.api.GrpcWeb.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.tracking.FixRules;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * The contract's boundary in process ({@link Requests#decode}): from the bytes a client sends to
 * the engine's values, no sockets. Every id field follows the one id rule, names its contract
 * field, and no message repeats a control character.
 */
class RequestsTest {
    static final RequestRules RULES = new RequestRules(
            PolicyBook.loadDefault(CapabilityRegistry.defaults()),
            CapabilityRegistry.defaults(),
            ClientTimeRule.defaults(),
            new FixRules(IntakeOptions.defaults()),
            10_000,
            InstantSource.system());

    private static final String BAD = "X\u0000\u001b[31m";

    static List<Object> decode(String method, Message m) {
        return Requests.decode(method, frame(0, m.toByteArray()), false, RULES, 1 << 20);
    }

    private static BluelampException refused(String method, Message m) {
        return assertThrows(BluelampException.class, () -> decode(method, m));
    }

    private static void refusesNaming(String field, String method, Message m) {
        BluelampException e = refused(method, m);
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), "raw control character echoed: " + e.getMessage());
    }

    @Test
    void everyIdFieldFollowsTheOneIdRule() {
        refusesNaming(
                "unit_id",
                "dispatch.v1.Fleet/GetUnit",
                GetUnitRequest.newBuilder().setUnitId(BAD).build());
        refusesNaming(
                "unit_id",
                "dispatch.v1.Fleet/GetTrack",
                GetTrackRequest.newBuilder().setUnitId(BAD).build());
        refusesNaming(
                "unit_id",
                "dispatch.v1.Fleet/SetStatus",
                SetStatusRequest.newBuilder()
                        .setUnitId(BAD)
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .build());
        refusesNaming(
                "capabilities",
                "dispatch.v1.Fleet/ListUnits",
                ListUnitsRequest.newBuilder().addCapabilities(BAD).build());
        refusesNaming(
                "unit_id",
                "dispatch.v1.Dispatch/Assign",
                AssignRequest.newBuilder()
                        .setIncidentId("I-1")
                        .setUnitId(BAD)
                        .setGrade("1")
                        .build());
        refusesNaming(
                "grade",
                "dispatch.v1.Dispatch/Assign",
                AssignRequest.newBuilder()
                        .setIncidentId("I-1")
                        .setUnitId("U")
                        .setGrade(" 1")
                        .build());
        refusesNaming(
                "issi",
                "dispatch.v1.Tracking/SubmitLip",
                SubmitLipRequest.newBuilder()
                        .setIssi(BAD)
                        .setPdu(ByteString.copyFrom(HexFormat.of().parseHex("0088BD4247F737FFE810")))
                        .build());
        refusesNaming(
                "unit_id",
                "dispatch.v1.Fleet/GetUnit",
                GetUnitRequest.newBuilder().setUnitId("x".repeat(65)).build());
        BluelampException empty = refused("dispatch.v1.Fleet/GetUnit", GetUnitRequest.getDefaultInstance());
        assertTrue(empty.getMessage().contains("it is empty"), empty.getMessage());
    }

    @Test
    void aCheckedRecommendationIsTheEnginesRequest() {
        RecommendRequest r = RecommendRequest.newBuilder()
                .setIncident(Incident.newBuilder()
                        .setId("INC-7")
                        .setLocation(LatLon.newBuilder().setLatDeg(52.63).setLonDeg(-1.13))
                        .setGrade("1")
                        .setIncidentType("FIREARMS")
                        .addRequiredCapabilities("first_aid"))
                .setMaxCandidates(3)
                .build();
        Requests.Recommending checked = (Requests.Recommending)
                decode("dispatch.v1.Dispatch/Recommend", r).get(0);
        assertFalse(checked.coverageImpact());
        IncidentRequest req = checked.incident();
        assertEquals("INC-7", req.incidentId());
        assertEquals("FIREARMS", req.incidentType(), "incident types are matched case-insensitively, as configured");
        assertEquals(3, req.maxCandidates());
        // the same through gRPC-Web-text framing
        byte[] text = Base64.getEncoder().encode(frame(0, r.toByteArray()));
        assertEquals(
                checked,
                Requests.decode("dispatch.v1.Dispatch/Recommend", text, true, RULES, 1 << 20)
                        .get(0));
        // the coverage flag is carried beside the engine's request
        assertEquals(
                new Requests.Recommending(req, true),
                decode(
                                "dispatch.v1.Dispatch/Recommend",
                                r.toBuilder().setIncludeCoverageImpact(true).build())
                        .get(0));
    }
}
