package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.CloseIncidentRequest;
import org.bluelamp.proto.v1.CloseIncidentResponse;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.GetIncidentRequest;
import org.bluelamp.proto.v1.IncidentRecord;
import org.bluelamp.proto.v1.ListIncidentsRequest;
import org.bluelamp.proto.v1.ListIncidentsResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client incidents}, {@code client incident} and {@code client close}: the incidents a
 * service has recorded (Dispatch.ListIncidents, GetIncident, CloseIncident; role console).
 */
final class ClientIncidents {
    private ClientIncidents() {}

    /** {@code client incidents}. */
    @Command(
            name = "incidents",
            mixinStandardHelpOptions = true,
            description = "Incidents opened in a time window, newest first (Dispatch.ListIncidents).")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--open", description = "Only incidents not closed.")
        boolean openOnly;

        @Option(names = "--from", paramLabel = "<instant>", description = "Opened at or after, ISO-8601.")
        String from;

        @Option(names = "--to", paramLabel = "<instant>", description = "Opened at or before, ISO-8601 (default: now).")
        String to;

        @Option(
                names = "--max",
                defaultValue = "1000",
                paramLabel = "<n>",
                description = "Most incidents, 1 to 10000 (default: ${DEFAULT-VALUE}).")
        int max;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            long fromMillis = from == null ? 0 : ClientArgs.instantMillis("--from", from);
            long toMillis = to == null ? 0 : ClientArgs.instantMillis("--to", to);
            if (from != null && to != null && fromMillis > toMillis) {
                throw BluelampException.invalid("--from", "--from " + from + " is after --to " + to);
            }
            ListIncidentsRequest req = ListIncidentsRequest.newBuilder()
                    .setOpenOnly(openOnly)
                    .setFromEpochMillis(fromMillis)
                    .setToEpochMillis(toMillis)
                    .setMaxIncidents(max)
                    .build();
            RequestFields fields = RequestFields.of()
                    .field("from_epoch_millis", "--from", from)
                    .field("to_epoch_millis", "--to", to)
                    .field("max_incidents", "--max", Integer.toString(max));
            ListIncidentsResponse r = client.call(fields, c -> c.call(DispatchGrpcClient.ListIncidents, req));
            client.print(spec.commandLine().getOut(), r, (o, a) -> ClientTables.incidents(o, a.getIncidentsList()));
            return 0;
        }
    }

    /** {@code client incident}. */
    @Command(
            name = "incident",
            mixinStandardHelpOptions = true,
            description = "One incident with its units (Dispatch.GetIncident).")
    static final class Get implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "<incident-id>", description = "The incident's id.")
        String incidentId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GetIncidentRequest req = GetIncidentRequest.newBuilder()
                    .setIncidentId(ClientArgs.id("<incident-id>", incidentId))
                    .build();
            IncidentRecord r = client.call(
                    RequestFields.of().field("incident_id", "<incident-id>", incidentId),
                    c -> c.call(DispatchGrpcClient.GetIncident, req));
            client.print(spec.commandLine().getOut(), r, (o, a) -> ClientTables.incidents(o, java.util.List.of(a)));
            return 0;
        }
    }

    /** {@code client close}. */
    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = "Close an incident: its units still assigned become available (Dispatch.CloseIncident).")
    static final class Close implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "<incident-id>", description = "The incident's id.")
        String incidentId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CloseIncidentRequest req = CloseIncidentRequest.newBuilder()
                    .setIncidentId(ClientArgs.id("<incident-id>", incidentId))
                    .build();
            CloseIncidentResponse r = client.call(
                    RequestFields.of().field("incident_id", "<incident-id>", incidentId),
                    c -> c.call(DispatchGrpcClient.CloseIncident, req));
            client.print(
                    spec.commandLine().getOut(),
                    r,
                    (o, a) -> ClientTables.incidents(o, java.util.List.of(a.getIncident())));
            return 0;
        }
    }
}
