package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.Unit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code client status}: sets a unit's status (Fleet.SetStatus). */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Set a unit's status, and the grade of its task (Fleet.SetStatus).")
final class ClientStatus implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<unit-id>", description = "The unit's id.")
    String unitId;

    @Parameters(
            index = "1",
            paramLabel = "<status>",
            description = "available, en_route, at_scene, committed, refreshment, at_station or off_duty.")
    String status;

    @Option(
            names = "--grade",
            paramLabel = "<code>",
            description = "Grade of the task: required for committed, optional for en_route and at_scene.")
    String grade;

    @Option(names = "--at", paramLabel = "<instant>", description = "When the status changed, ISO-8601 (default: now).")
    String at;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SetStatusRequest.Builder b = SetStatusRequest.newBuilder()
                .setUnitId(ClientArgs.id("<unit-id>", unitId))
                .setStatus(ClientArgs.status("<status>", status));
        if (grade != null) {
            b.setCommittedGrade(ClientArgs.id("--grade", grade));
        }
        if (at != null) {
            b.setStatusTimeEpochMillis(ClientArgs.instantMillis("--at", at));
        }
        SetStatusRequest req = b.build();
        RequestFields fields = RequestFields.of()
                .field("unit_id", "<unit-id>", unitId)
                .field("status", "<status>", status)
                .field("committed_grade", "--grade", grade)
                .field("status_time_epoch_millis", "--at", at);
        Unit u = client.call(fields, c -> c.call(FleetGrpcClient.SetStatus, req));
        client.print(spec.commandLine().getOut(), u, ClientTables::unit);
        return 0;
    }
}
