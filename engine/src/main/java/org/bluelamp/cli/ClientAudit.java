package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.AuditEntry;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.ListAuditResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code client audit}: exports the audit trail as JSON lines, one entry per line, oldest first
 * (Dispatch.ListAudit, role admin): what a complaint investigation reads to see who was offered
 * what, who sent whom, and every status change after.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Export the audit trail as JSON lines, oldest first: recommendations served (the candidates and their "
                    + "ETAs), assignments, status changes and closures, with who made them (Dispatch.ListAudit).",
            "Example: dispatch client audit --incident-id INC-1 > inc-1.jsonl",
            "Example: dispatch client audit --condition A38-flood > a38-flood.jsonl"
        })
final class ClientAudit implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--incident-id", paramLabel = "<id>", description = "Only this incident's entries.")
    String incidentId;

    @Option(
            names = "--unit",
            paramLabel = "<unit-id>",
            description = "Only entries concerning this unit (recommendations that offered it included).")
    String unitId;

    @Option(
            names = "--condition",
            paramLabel = "<condition-id>",
            description = "Only entries of this road closure or slowdown (its addition and removal).")
    String conditionId;

    @Option(names = "--from", paramLabel = "<instant>", description = "From this time, ISO-8601.")
    String from;

    @Option(names = "--to", paramLabel = "<instant>", description = "Until this time, ISO-8601 (default: now).")
    String to;

    @Option(
            names = "--max",
            defaultValue = "10000",
            paramLabel = "<n>",
            description = "Most entries, 1 to 100000 (default: ${DEFAULT-VALUE}).")
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
        ListAuditRequest.Builder b = ListAuditRequest.newBuilder()
                .setFromEpochMillis(fromMillis)
                .setToEpochMillis(toMillis)
                .setMaxEntries(max);
        if (incidentId != null) {
            b.setIncidentId(ClientArgs.id("--incident-id", incidentId));
        }
        if (unitId != null) {
            b.setUnitId(ClientArgs.id("--unit", unitId));
        }
        if (conditionId != null) {
            b.setConditionId(ClientArgs.id("--condition", conditionId));
        }
        ListAuditRequest req = b.build();
        RequestFields fields = RequestFields.of()
                .field("incident_id", "--incident-id", incidentId)
                .field("unit_id", "--unit", unitId)
                .field("condition_id", "--condition", conditionId)
                .field("from_epoch_millis", "--from", from)
                .field("to_epoch_millis", "--to", to)
                .field("max_entries", "--max", Integer.toString(max));
        ListAuditResponse r = client.call(fields, c -> c.call(DispatchGrpcClient.ListAudit, req));
        if (client.table()) {
            ClientTables.audit(spec.commandLine().getOut(), r.getEntriesList());
        } else {
            for (AuditEntry e : r.getEntriesList()) {
                Json.print(spec.commandLine().getOut(), e);
            }
        }
        return 0;
    }
}
