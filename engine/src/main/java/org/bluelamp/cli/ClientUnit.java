package org.bluelamp.cli;

import java.util.concurrent.Callable;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Unit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code client unit}: one unit with its status and latest fix (Fleet.GetUnit). */
@Command(
        name = "unit",
        mixinStandardHelpOptions = true,
        description = "One unit with its status and latest fix (Fleet.GetUnit).")
final class ClientUnit implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<unit-id>", description = "The unit's id.")
    String unitId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GetUnitRequest req = GetUnitRequest.newBuilder()
                .setUnitId(ClientArgs.id("<unit-id>", unitId))
                .build();
        Unit u = client.call(
                RequestFields.of().field("unit_id", "<unit-id>", unitId), c -> c.call(FleetGrpcClient.GetUnit, req));
        client.print(spec.commandLine().getOut(), u, ClientTables::unit);
        return 0;
    }
}
