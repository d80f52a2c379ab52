package org.bluelamp.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.LipReportDecoded;
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
            LipReportDecoded.Builder json = toProto(report);
            if (receivedAt != null) {
                long receivedAtMillis = parseInstant(receivedAt);
                Optional<LipPositionTime> positionTime = LipPositionTime.resolve(report.time(), receivedAtMillis, 0);
                positionTime.ifPresent(t -> json.setPositionTimeEarliest(
                                Instant.ofEpochMilli(t.earliestEpochMillis()).toString())
                        .setPositionTimeLatest(
                                Instant.ofEpochMilli(t.latestEpochMillis()).toString()));
            }
            Json.print(spec.commandLine().getOut(), json);
            return 0;
        } catch (LipDecodeException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return EXIT_BAD_PDU;
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

    /** The report as the contract's message: every decoded field, units in the names, absent fields left out. */
    static LipReportDecoded.Builder toProto(LipReport report) {
        LipReportDecoded.Builder b =
                LipReportDecoded.newBuilder().setPduKind(report.pduKind().name());
        switch (report.time()) {
            case LipTime.None none -> b.setTimeType("NONE");
            case LipTime.Elapsed elapsed -> {
                b.setTimeType("TIME_ELAPSED")
                        .setTimeElapsed(elapsed.timeElapsed().name());
                elapsed.timeElapsed().maxAgeMillis().ifPresent(ms -> b.setTimeElapsedMaxSeconds(ms / 1000));
            }
            case LipTime.OfPosition p ->
                b.setTimeType("TIME_OF_POSITION")
                        .setDayOfMonthUtc(p.dayOfMonth())
                        .setHourUtc(p.hourUtc())
                        .setMinuteUtc(p.minuteUtc())
                        .setSecondUtc(p.secondUtc());
        }
        b.setLocationShape(report.locationShape().name());
        report.latitudeDeg().ifPresent(b::setLatitude);
        report.longitudeDeg().ifPresent(b::setLongitude);
        report.positionError().ifPresent(e -> b.setPositionError(e.name()));
        report.positionErrorMetres().ifPresent(b::setPositionErrorMetres);
        LipShapeParameters shape = report.shapeParameters();
        shape.radiusMetres().ifPresent(b::setRadiusMetres);
        shape.semiMajorAxisMetres().ifPresent(b::setSemiMajorAxisMetres);
        shape.semiMinorAxisMetres().ifPresent(b::setSemiMinorAxisMetres);
        shape.orientationDeg().ifPresent(b::setOrientationDeg);
        shape.innerRadiusMetres().ifPresent(b::setInnerRadiusMetres);
        shape.outerRadiusMetres().ifPresent(b::setOuterRadiusMetres);
        shape.startAngleDeg().ifPresent(b::setStartAngleDeg);
        shape.stopAngleDeg().ifPresent(b::setStopAngleDeg);
        shape.confidenceLevelCode().ifPresent(b::setConfidenceLevelCode);
        report.altitude().ifPresent(a -> {
            b.setAltitudeReference(a.reference().name());
            a.altitudeMetres().ifPresent(b::setAltitudeMetres);
            a.accuracyMetres().ifPresent(b::setAltitudeAccuracyMetres);
        });
        report.velocityType().ifPresent(v -> b.setVelocityType(v.name()));
        report.horizontalSpeedKmh().ifPresent(b::setHorizontalSpeedKmh);
        report.horizontalSpeedUncertaintyCode().ifPresent(b::setHorizontalSpeedUncertaintyCode);
        report.verticalSpeedKmh().ifPresent(b::setVerticalSpeedKmh);
        report.verticalSpeedUncertaintyCode().ifPresent(b::setVerticalSpeedUncertaintyCode);
        report.directionDeg().ifPresent(b::setDirectionDeg);
        report.directionUncertaintyCode().ifPresent(b::setDirectionUncertaintyCode);
        b.setAckRequested(report.ackRequested())
                .setAdditionalDataType(report.additionalDataType().name());
        report.reasonForSending().ifPresent(r -> b.setReasonForSending(r.name()));
        if (report.userDefinedData().isPresent()) {
            b.setUserDefinedData(report.userDefinedData().getAsInt());
        } else {
            b.setReasonForSendingCode(report.additionalData());
        }
        if (report.optionalElementsBitLength() > 0) {
            b.setOptionalElementsHex(report.optionalElementsHex())
                    .setOptionalElementsBitLength(report.optionalElementsBitLength());
        }
        return b;
    }
}
