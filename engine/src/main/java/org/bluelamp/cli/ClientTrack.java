package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code client track}: a unit's breadcrumb track (Fleet.GetTrack). */
@Command(
        name = "track",
        mixinStandardHelpOptions = true,
        description = "A unit's track: its accepted fixes, oldest first (Fleet.GetTrack).")
final class ClientTrack implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<unit-id>", description = "The unit's id.")
    String unitId;

    @Option(
            names = "--from",
            paramLabel = "<instant>",
            description = "Start of the window, ISO-8601 (default: the start of the kept history).")
    String from;

    @Option(names = "--to", paramLabel = "<instant>", description = "End of the window, ISO-8601 (default: now).")
    String to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GetTrackRequest.Builder b = GetTrackRequest.newBuilder().setUnitId(ClientArgs.id("<unit-id>", unitId));
        long fromMillis = from == null ? 0 : ClientArgs.instantMillis("--from", from);
        long toMillis = to == null ? 0 : ClientArgs.instantMillis("--to", to);
        if (from != null && to != null && fromMillis > toMillis) {
            throw BluelampException.invalid("--from", "--from " + from + " is after --to " + to);
        }
        GetTrackRequest req =
                b.setFromEpochMillis(fromMillis).setToEpochMillis(toMillis).build();
        RequestFields fields = RequestFields.of()
                .field("unit_id", "<unit-id>", unitId)
                .field("from_epoch_millis", "--from", from)
                .field("to_epoch_millis", "--to", to);
        Track t = client.call(fields, c -> c.call(FleetGrpcClient.GetTrack, req));
        client.print(spec.commandLine().getOut(), t, ClientTables::track);
        return 0;
    }
}
