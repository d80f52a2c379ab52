package org.bluelamp.cli;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.FixOutcome;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.proto.v1.TrackingGrpcClient;
import org.bluelamp.tracking.lip.LipDecodeException;
import org.bluelamp.tracking.lip.LipDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client lip}: submits one raw TETRA LIP location report, given in hex, as the radio with
 * the given ISSI sent it (Tracking.SubmitLip, gateway role), and prints what became of it. A
 * report the service refuses (e.g. a position outside its area) prints its outcome and exits 2.
 */
@Command(
        name = "lip",
        mixinStandardHelpOptions = true,
        description = {
            "Submit one TETRA LIP location report in hex from a radio (Tracking.SubmitLip; gateway role).",
            "Prints the outcome and the fix decoded from it; exits 2 when the service refuses the report."
        })
final class ClientLip implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<issi>", description = "ISSI of the radio that sent it (its unit id).")
    String issi;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "<hex>",
            description = "The PDU in hex from the PDU type on, e.g. 0FF7B1BA574481548030; spaces and a 0x prefix are "
                    + "allowed (several arguments are joined).")
    List<String> hex;

    @Option(
            names = "--received-at",
            paramLabel = "<instant>",
            description = "When the gateway received it, ISO-8601 (default: now); resolves the report's time.")
    String receivedAt;

    @Option(
            names = "--bit-length",
            paramLabel = "<bits>",
            description = "Meaningful bits of the PDU when it does not end on an octet (default: all of them).")
    Integer bitLength;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String joined = String.join(" ", hex);
        byte[] pdu;
        try {
            pdu = LipDecoder.parseHex(joined);
        } catch (LipDecodeException e) {
            throw BluelampException.invalid(
                    "<hex>", "<hex> " + Echo.quote(joined) + " is not a PDU in hex: " + e.getMessage());
        }
        if (bitLength != null && (bitLength < 1 || bitLength > pdu.length * 8)) {
            throw BluelampException.invalid(
                    "--bit-length",
                    "--bit-length must be between 1 and " + pdu.length * 8 + " (the bits given in hex), got "
                            + bitLength);
        }
        SubmitLipRequest.Builder b = SubmitLipRequest.newBuilder()
                .setIssi(ClientArgs.id("<issi>", issi))
                .setPdu(ByteString.copyFrom(pdu))
                .setPduBitLength(bitLength == null ? 0 : bitLength);
        if (receivedAt != null) {
            b.setReceivedTimeEpochMillis(ClientArgs.instantMillis("--received-at", receivedAt));
        }
        SubmitLipRequest req = b.build();
        RequestFields fields = RequestFields.of()
                .field("issi", "<issi>", issi)
                .field("pdu", "<hex>", joined)
                .field("pdu_bit_length", "--bit-length", bitLength)
                .field("received_time_epoch_millis", "--received-at", receivedAt);
        SubmitLipResponse r = client.call(fields, c -> c.call(TrackingGrpcClient.SubmitLip, req));
        client.print(spec.commandLine().getOut(), r, ClientTables::lip);
        if (r.getOutcome() == FixOutcome.FIX_OUTCOME_REJECTED) {
            spec.commandLine()
                    .getErr()
                    .println("error: the report from <issi> " + Echo.quote(issi) + " was refused ("
                            + FixSender.reasonName(r.getReason()) + "): " + TextTable.withoutControls(r.getMessage()));
            spec.commandLine().getErr().flush();
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }
}
