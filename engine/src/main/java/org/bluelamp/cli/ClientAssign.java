package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.AssignResponse;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code client assign}: sends a unit to an incident (Dispatch.Assign). */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        description = "Assign a unit to an incident: it becomes en_route with the incident's grade (Dispatch.Assign).")
final class ClientAssign implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<unit-id>", description = "The unit's id.")
    String unitId;

    @Option(
            names = "--incident-id",
            required = true,
            paramLabel = "<id>",
            description = "The incident the unit is sent to.")
    String incidentId;

    @Option(
            names = "--grade",
            defaultValue = "1",
            paramLabel = "<code>",
            description = "The incident's grade (default: ${DEFAULT-VALUE}).")
    String grade;

    @Option(
            names = "--status",
            paramLabel = "<status>",
            description = "The status to set: en_route (default), at_scene or committed.")
    String status;

    @Option(
            names = "--at",
            paramLabel = "<lat,lon>",
            description = "Where the incident is, recorded when this assignment opens it (default: the location of "
                    + "the last recommendation for --incident-id, if any).")
    String at;

    @Option(names = "--type", paramLabel = "<code>", description = "The incident's type, recorded with it.")
    String type;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AssignRequest.Builder b = AssignRequest.newBuilder()
                .setUnitId(ClientArgs.id("<unit-id>", unitId))
                .setIncidentId(ClientArgs.id("--incident-id", incidentId))
                .setGrade(ClientArgs.id("--grade", grade));
        if (status != null) {
            b.setStatus(ClientArgs.status("--status", status));
        }
        if (at != null) {
            b.setLocation(ClientArgs.latLon("--at", at));
        }
        if (type != null) {
            b.setIncidentType(ClientArgs.id("--type", type));
        }
        AssignRequest req = b.build();
        RequestFields fields = RequestFields.of()
                .field("unit_id", "<unit-id>", unitId)
                .field("incident_id", "--incident-id", incidentId)
                .field("grade", "--grade", grade)
                .field("status", "--status", status)
                .field("location", "--at", at)
                .field("incident_type", "--type", type);
        AssignResponse r = client.call(fields, c -> c.call(DispatchGrpcClient.Assign, req));
        client.print(spec.commandLine().getOut(), r, (o, a) -> {
            ClientTables.unit(o, a.getUnit());
            if (a.hasTakenFrom()) {
                long left = a.getTakenFrom().getUnitsList().stream()
                        .filter(u -> u.getStillAssigned())
                        .count();
                o.println("warning: " + a.getUnit().getId() + " was taken from "
                        + a.getTakenFrom().getId()
                        + " (grade " + a.getTakenFrom().getGrade() + "), which "
                        + (left == 0 ? "now has no unit assigned" : "still has " + left + " assigned"));
            }
        });
        return 0;
    }
}
