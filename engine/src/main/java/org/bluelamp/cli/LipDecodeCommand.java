package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.bluelamp.input.Echo;
import org.bluelamp.tracking.lip.LipDecodeException;
import org.bluelamp.tracking.lip.LipDecoder;
import org.bluelamp.tracking.lip.LipPositionTime;
import org.bluelamp.tracking.lip.LipReport;
import org.bluelamp.tracking.lip.LipShapeParameters;
import org.bluelamp.tracking.lip.LipTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lip-decode}: decodes one TETRA LIP location report given in hex and prints it as one JSON
 * object on standard output; on a bad PDU prints one line {@code error: <reason>} on standard
 * error and exits with {@value #EXIT_BAD_PDU}. One instance per invocation; not thread-safe.
 */
@Command(
        name = "lip-decode",
        description = "Decode a TETRA LIP (ETSI TS 100 392-18-1) short or long location report given in hex "
                + "and print it as one JSON object.",
        mixinStandardHelpOptions = true)
public final class LipDecodeCommand implements Callable<Integer> {

    /** Exit code for a PDU (or hex text) that does not decode. */
    public static final int EXIT_BAD_PDU = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "<hex>",
            description = "The PDU in hex, from the PDU type field on, e.g. 0x06F5EB825AC5FFFE2BC0; "
                    + "spaces and a 0x prefix are allowed (several arguments are joined).")
    private List<String> hex;

    @Option(
            names = "--with-protocol-id",
            description = "The hex starts with the SDS-TL protocol identifier octet, which must be 0A (LIP).")
    private boolean withProtocolIdentifier;

    @Option(
            names = "--received-at",
            paramLabel = "<instant>",
            description = "Reception time (ISO-8601, e.g. 2025-03-01T12:00:00Z) used to resolve the fix time "
                    + "into positionTimeEarliest/positionTimeLatest.")
    private String receivedAt;

    @Override
    public Integer call() {
        try {
            byte[] octets = LipDecoder.parseHex(String.join(" ", hex));
            LipReport report = withProtocolIdentifier
                    ? LipDecoder.decodeWithProtocolIdentifier(octets)
                    : LipDecoder.decode(octets);
            ObjectNode json = toJson(report);
            if (receivedAt != null) {
                long receivedAtMillis = parseInstant(receivedAt);
                Optional<LipPositionTime> positionTime = LipPositionTime.resolve(report.time(), receivedAtMillis, 0);
                positionTime.ifPresent(t -> {
                    json.put(
                            "positionTimeEarliest",
                            Instant.ofEpochMilli(t.earliestEpochMillis()).toString());
                    json.put(
                            "positionTimeLatest",
                            Instant.ofEpochMilli(t.latestEpochMillis()).toString());
                });
            }
            spec.commandLine().getOut().println(JSON.writeValueAsString(json));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (LipDecodeException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return EXIT_BAD_PDU;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static long parseInstant(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--received-at " + Echo.quote(text) + " is not an ISO-8601 instant such as 2025-03-01T12:00:00Z",
                    e);
        }
    }

    /** The report as JSON: every decoded field, units in the names, absent fields left out. */
    static ObjectNode toJson(LipReport report) {
        ObjectNode json = JSON.createObjectNode();
        json.put("pduKind", report.pduKind().name());
        putTime(json, report.time());
        json.put("locationShape", report.locationShape().name());
        put(json, "latitude", report.latitudeDeg());
        put(json, "longitude", report.longitudeDeg());
        report.positionError().ifPresent(e -> json.put("positionError", e.name()));
        put(json, "positionErrorMetres", report.positionErrorMetres());
        LipShapeParameters shape = report.shapeParameters();
        put(json, "radiusMetres", shape.radiusMetres());
        put(json, "semiMajorAxisMetres", shape.semiMajorAxisMetres());
        put(json, "semiMinorAxisMetres", shape.semiMinorAxisMetres());
        put(json, "orientationDeg", shape.orientationDeg());
        put(json, "innerRadiusMetres", shape.innerRadiusMetres());
        put(json, "outerRadiusMetres", shape.outerRadiusMetres());
        put(json, "startAngleDeg", shape.startAngleDeg());
        put(json, "stopAngleDeg", shape.stopAngleDeg());
        put(json, "confidenceLevelCode", shape.confidenceLevelCode());
        report.altitude().ifPresent(a -> {
            json.put("altitudeReference", a.reference().name());
            put(json, "altitudeMetres", a.altitudeMetres());
            put(json, "altitudeAccuracyMetres", a.accuracyMetres());
        });
        report.velocityType().ifPresent(v -> json.put("velocityType", v.name()));
        put(json, "horizontalSpeedKmh", report.horizontalSpeedKmh());
        put(json, "horizontalSpeedUncertaintyCode", report.horizontalSpeedUncertaintyCode());
        put(json, "verticalSpeedKmh", report.verticalSpeedKmh());
        put(json, "verticalSpeedUncertaintyCode", report.verticalSpeedUncertaintyCode());
        put(json, "directionDeg", report.directionDeg());
        put(json, "directionUncertaintyCode", report.directionUncertaintyCode());
        json.put("ackRequested", report.ackRequested());
        json.put("additionalDataType", report.additionalDataType().name());
        report.reasonForSending().ifPresent(r -> json.put("reasonForSending", r.name()));
        if (report.userDefinedData().isPresent()) {
            json.put("userDefinedData", report.userDefinedData().getAsInt());
        } else {
            json.put("reasonForSendingCode", report.additionalData());
        }
        if (report.optionalElementsBitLength() > 0) {
            json.put("optionalElementsHex", report.optionalElementsHex());
            json.put("optionalElementsBitLength", report.optionalElementsBitLength());
        }
        return json;
    }

    private static void putTime(ObjectNode json, LipTime time) {
        switch (time) {
            case LipTime.None none -> json.put("timeType", "NONE");
            case LipTime.Elapsed elapsed -> {
                json.put("timeType", "TIME_ELAPSED");
                json.put("timeElapsed", elapsed.timeElapsed().name());
                elapsed.timeElapsed().maxAgeMillis().ifPresent(ms -> json.put("timeElapsedMaxSeconds", ms / 1000));
            }
            case LipTime.OfPosition p -> {
                json.put("timeType", "TIME_OF_POSITION");
                json.put("dayOfMonthUtc", p.dayOfMonth());
                json.put("hourUtc", p.hourUtc());
                json.put("minuteUtc", p.minuteUtc());
                json.put("secondUtc", p.secondUtc());
            }
        }
    }

    private static void put(ObjectNode json, String name, OptionalDouble value) {
        value.ifPresent(v -> json.put(name, v));
    }

    private static void put(ObjectNode json, String name, OptionalInt value) {
        value.ifPresent(v -> json.put(name, v));
    }
}
