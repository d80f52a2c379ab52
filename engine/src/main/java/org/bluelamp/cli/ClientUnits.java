package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.ListUnitsResponse;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code client units}: lists units by status, capability and area (Fleet.ListUnits). */
@Command(
        name = "units",
        mixinStandardHelpOptions = true,
        description = {
            "List units (Fleet.ListUnits): every filter given must match.",
            "An area (--circle or --box) matches units by their latest position; units without a fix never match."
        })
final class ClientUnits implements Callable<Integer> {
    /** The most units one answer may hold. */
    static final int MAX_UNITS = 10_000;

    @Mixin
    ClientOptions client;

    @Option(
            names = "--status",
            paramLabel = "<status>",
            description = "Only units in this status (repeatable): available, en_route, at_scene, committed, "
                    + "refreshment, at_station, off_duty.")
    List<String> statuses = new ArrayList<>();

    @Option(
            names = "--capability",
            paramLabel = "<code>",
            description = "Only units with this capability (repeatable: units must have every one).")
    List<String> capabilities = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    AreaOptions area;

    @Option(
            names = "--max",
            paramLabel = "<n>",
            description = "At most this many units, 1 to " + MAX_UNITS + " (default: the service's, 1000).")
    Integer max;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (max != null && (max < 1 || max > MAX_UNITS)) {
            throw BluelampException.invalid("--max", "--max must be between 1 and " + MAX_UNITS + ", got " + max);
        }
        ListUnitsRequest.Builder b = ListUnitsRequest.newBuilder().setMaxUnits(max == null ? 0 : max);
        for (String s : statuses) {
            b.addStatuses(ClientArgs.status("--status", s));
        }
        for (String c : capabilities) {
            b.addCapabilities(ClientArgs.id("--capability", c));
        }
        RequestFields fields = RequestFields.of()
                .field("statuses", "--status", String.join(",", statuses))
                .field("capabilities", "--capability", String.join(",", capabilities))
                .field("max_units", "--max", max);
        if (area != null) {
            b.setArea(area.toProto());
            fields.field("area", area.optionName(), area.value());
        }
        ListUnitsRequest req = b.build();
        ListUnitsResponse r = client.call(fields, c -> c.call(FleetGrpcClient.ListUnits, req));
        client.print(spec.commandLine().getOut(), r, ClientTables::units);
        return 0;
    }
}
