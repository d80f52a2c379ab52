package org.bluelamp.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bluelamp.proto.v1.Area;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.Box;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixReason;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.proto.v1.UpdateUnitRequest;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.bluelamp.testing.Fuzzing;

/**
 * Writes the seed inputs of {@link RequestsFuzzTest}: valid requests of every method (their
 * protobuf bytes) at the fuzz targets' fixed clock, from which the fuzzer mutates. Run once from
 * the project root when the contract gains a field worth seeding (docs/fuzzing.md):
 * {@code java -cp <test class path> org.bluelamp.api.RequestSeeds}.
 */
final class RequestSeeds {
    private RequestSeeds() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("engine/src/test/resources/org/bluelamp/api/RequestsFuzzTestInputs");
        long now = Fuzzing.CLOCK.millis();
        LatLon casino = LatLon.newBuilder().setLatDeg(43.7393).setLonDeg(7.4278).build();
        GpsFix fix = GpsFix.newBuilder()
                .setUnitId("AR21")
                .setPosition(casino)
                .setPositionTimeEpochMillis(now - 5_000)
                .setAccuracyMetres(5)
                .setSpeedMetresPerSecond(12.5)
                .setHeadingDeg(270)
                .setReason(FixReason.FIX_REASON_PERIODIC)
                .build();
        Unit unit = Unit.newBuilder()
                .setId("AR21")
                .setCallsign("AR21")
                .setKind(UnitKind.UNIT_KIND_CAR)
                .addCapabilities("armed_response")
                .setCrewSize(2)
                .setHomeStation("Monaco")
                .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                .setCommittedGrade("2")
                .setStatusTimeEpochMillis(now - 1_000)
                .build();
        Area circle = Area.newBuilder()
                .setCircle(Circle.newBuilder().setCentre(casino).setRadiusMetres(1_000))
                .build();
        Area box = Area.newBuilder()
                .setBox(Box.newBuilder()
                        .setSouthWest(LatLon.newBuilder().setLatDeg(43.72).setLonDeg(7.40))
                        .setNorthEast(LatLon.newBuilder().setLatDeg(43.75).setLonDeg(7.44)))
                .build();
        Map<String, Message> seeds = new LinkedHashMap<>();
        seeds.put(
                "registerUnit/with-fix",
                RegisterUnitRequest.newBuilder()
                        .setUnit(unit.toBuilder().setLastFix(fix.toBuilder().clearUnitId()))
                        .build());
        seeds.put(
                "registerUnit/plain",
                RegisterUnitRequest.newBuilder()
                        .setUnit(unit.toBuilder().clearStatus().clearCommittedGrade())
                        .build());
        seeds.put(
                "updateUnit/plain", UpdateUnitRequest.newBuilder().setUnit(unit).build());
        seeds.put(
                "setStatus/committed",
                SetStatusRequest.newBuilder()
                        .setUnitId("AR21")
                        .setStatus(UnitStatus.UNIT_STATUS_COMMITTED)
                        .setCommittedGrade("1")
                        .setStatusTimeEpochMillis(now - 10)
                        .build());
        seeds.put(
                "setStatus/available",
                SetStatusRequest.newBuilder()
                        .setUnitId("AR21")
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .build());
        seeds.put("getUnit/plain", GetUnitRequest.newBuilder().setUnitId("AR21").build());
        seeds.put(
                "listUnits/circle",
                ListUnitsRequest.newBuilder()
                        .addStatuses(UnitStatus.UNIT_STATUS_AVAILABLE)
                        .addCapabilities("dog")
                        .setArea(circle)
                        .setMaxUnits(10)
                        .build());
        seeds.put("listUnits/box", ListUnitsRequest.newBuilder().setArea(box).build());
        seeds.put(
                "getTrack/window",
                GetTrackRequest.newBuilder()
                        .setUnitId("AR21")
                        .setFromEpochMillis(now - 60_000)
                        .setToEpochMillis(now)
                        .build());
        seeds.put(
                "watchFleet/circle",
                WatchFleetRequest.newBuilder()
                        .setIncludeSnapshot(true)
                        .setArea(circle)
                        .setMinIntervalMillis(500)
                        .build());
        seeds.put("watchFleet/box", WatchFleetRequest.newBuilder().setArea(box).build());
        seeds.put(
                "streamFixes/two",
                FixBatch.newBuilder()
                        .setBatchId(7)
                        .addFixes(fix)
                        .addFixes(fix.toBuilder().setUnitId("X1").clearSpeedMetresPerSecond())
                        .build());
        seeds.put(
                "submitLip/short",
                SubmitLipRequest.newBuilder()
                        .setIssi("AR21")
                        .setPdu(ByteString.copyFrom(HexFormat.of().parseHex("00546B71F19012000000")))
                        .setReceivedTimeEpochMillis(now)
                        .build());
        seeds.put(
                "submitLip/long",
                SubmitLipRequest.newBuilder()
                        .setIssi("AR21")
                        .setPdu(ByteString.copyFrom(HexFormat.of().parseHex("4E73DDA841F55809493CC081")))
                        .setPduBitLength(92)
                        .build());
        seeds.put(
                "recommend/plan",
                RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder()
                                .setId("INC-1")
                                .setLocation(casino)
                                .setGrade("1")
                                .setIncidentType("firearms")
                                .addRequiredCapabilities("armed_response"))
                        .setMaxCandidates(3)
                        .build());
        seeds.put(
                "recommend/plain",
                RecommendRequest.newBuilder()
                        .setIncident(Incident.newBuilder().setLocation(casino).setGrade("2"))
                        .build());
        seeds.put(
                "assign/at-scene",
                AssignRequest.newBuilder()
                        .setIncidentId("INC-1")
                        .setUnitId("AR21")
                        .setGrade("1")
                        .setStatus(UnitStatus.UNIT_STATUS_AT_SCENE)
                        .build());
        for (Map.Entry<String, Message> e : seeds.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().toByteArray());
        }
        // raw bodies: a framed recommendation (method byte 0x00 + i) and a gRPC-Web-text one
        Path raw = dir.resolve("rawBodies");
        Files.createDirectories(raw);
        java.util.List<String> methods =
                Requests.BY_NAME.keySet().stream().sorted().toList();
        int recommend = methods.indexOf("dispatch.v1.Dispatch/Recommend");
        byte[] framed = GrpcWeb.frame(0, seeds.get("recommend/plan").toByteArray());
        Files.write(raw.resolve("recommend"), concat((byte) recommend, framed));
        byte[] text = java.util.Base64.getEncoder().encode(framed);
        Files.write(raw.resolve("recommend-text"), concat((byte) (recommend | 0x80), text));
        int fixes = methods.indexOf("dispatch.v1.Tracking/StreamFixes");
        byte[] two = GrpcWeb.frame(0, seeds.get("streamFixes/two").toByteArray());
        Files.write(
                raw.resolve("fixes-two-frames"),
                concat((byte) fixes, concat(two[0], java.util.Arrays.copyOfRange(two, 1, two.length), two)));
    }

    private static byte[] concat(byte first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static byte[] concat(byte first, byte[] middle, byte[] last) {
        byte[] a = concat(first, middle);
        byte[] out = java.util.Arrays.copyOf(a, a.length + last.length);
        System.arraycopy(last, 0, out, a.length, last.length);
        return out;
    }
}
