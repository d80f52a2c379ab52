package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UpdateUnitRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client update}: changes a registered unit's description (Fleet.UpdateUnit, admin role).
 * Only the options given change: the unit is read first (Fleet.GetUnit) and the rest is sent back
 * as it was. Status and position are not changed here ({@code client status}, {@code client fixes}).
 */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Change a registered unit's call sign, kind, capabilities, crew or station (Fleet.UpdateUnit; admin role).",
            "Only what is given changes. Status and position are changed with 'client status' and 'client fixes'."
        })
final class ClientUpdate implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "<unit-id>", description = "The unit's id.")
    String unitId;

    @Option(names = "--callsign", paramLabel = "<callsign>", description = "New call sign.")
    String callsign;

    @Option(names = "--kind", paramLabel = "<kind>", description = "New kind: car, van, motorcycle, foot or bicycle.")
    String kind;

    @Option(
            names = "--capability",
            paramLabel = "<code>",
            description = "The unit's capabilities from now on (repeatable; replaces the current list).")
    List<String> capabilities = new ArrayList<>();

    @Option(names = "--no-capabilities", description = "Remove every capability.")
    boolean noCapabilities;

    @Option(names = "--crew", paramLabel = "<n>", description = "New crew size, 1 to " + FleetFile.MAX_CREW + ".")
    Integer crew;

    @Option(names = "--station", paramLabel = "<station>", description = "New home station.")
    String station;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String id = ClientArgs.id("<unit-id>", unitId);
        if (noCapabilities && !capabilities.isEmpty()) {
            throw BluelampException.invalid("--no-capabilities", "give --capability or --no-capabilities, not both");
        }
        if (callsign == null
                && kind == null
                && capabilities.isEmpty()
                && !noCapabilities
                && crew == null
                && station == null) {
            throw BluelampException.invalid(
                    "<unit-id>",
                    "nothing to change: give --callsign, --kind, --capability, --no-capabilities, --crew or --station");
        }
        // check every option before calling
        String newCallsign = callsign == null ? null : ClientArgs.id("--callsign", callsign);
        var newKind = kind == null ? null : ClientArgs.kind("--kind", kind);
        List<String> newCapabilities = new ArrayList<>();
        for (String c : capabilities) {
            newCapabilities.add(ClientArgs.id("--capability", c));
        }
        Integer newCrew = crew == null ? null : ClientRegister.crew("--crew", crew);
        String newStation = station == null ? null : ClientArgs.id("--station", station);

        RequestFields fields = ClientRegister.unitFields(unitId)
                .field("unit_id", "<unit-id>", unitId)
                .field("unit.callsign", "--callsign", callsign)
                .field("unit.kind", "--kind", kind)
                .field("unit.capabilities", "--capability", String.join(",", capabilities))
                .field("unit.crew_size", "--crew", crew)
                .field("unit.home_station", "--station", station);
        Unit updated = client.call(
                fields,
                c -> c.call(
                                FleetGrpcClient.GetUnit,
                                GetUnitRequest.newBuilder().setUnitId(id).build())
                        .compose(current -> {
                            Unit.Builder u = Unit.newBuilder()
                                    .setId(current.getId())
                                    .setCallsign(newCallsign != null ? newCallsign : current.getCallsign())
                                    .setKind(newKind != null ? newKind : current.getKind())
                                    .setCrewSize(newCrew != null ? newCrew : current.getCrewSize())
                                    .setHomeStation(newStation != null ? newStation : current.getHomeStation());
                            if (noCapabilities) {
                                u.clearCapabilities();
                            } else if (!newCapabilities.isEmpty()) {
                                u.addAllCapabilities(newCapabilities);
                            } else {
                                u.addAllCapabilities(current.getCapabilitiesList());
                            }
                            return c.call(
                                    FleetGrpcClient.UpdateUnit,
                                    UpdateUnitRequest.newBuilder().setUnit(u).build());
                        }));
        client.print(spec.commandLine().getOut(), updated, ClientTables::unit);
        return 0;
    }
}
