package org.bluelamp.cli;

import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.api.client.RemoteCallException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.FleetRegistration;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client register}: registers one unit described by options, or every unit of a fleet file
 * (then sends the file's positions as fixes), through Fleet.RegisterUnit (admin role).
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Register units (Fleet.RegisterUnit; needs the admin role): one unit from options,",
            "or every unit of a fleet file (--fleet, the format of 'recommend --fleet'),",
            "whose positions are then sent as fixes."
        })
final class ClientRegister implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<unit-id>",
            description = "The unit's id (1 to 64 printable characters); not with --fleet.")
    String unitId;

    @Option(
            names = "--fleet",
            paramLabel = "<file>",
            description = "Register every unit of this fleet file (JSON) instead, then send their positions as fixes.")
    Path fleetFile;

    @Option(
            names = "--callsign",
            paramLabel = "<callsign>",
            description = "The call sign used on the radio (default: the unit's id).")
    String callsign;

    @Option(
            names = "--kind",
            defaultValue = "car",
            paramLabel = "<kind>",
            description = "car, van, motorcycle, foot or bicycle (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(
            names = "--capability",
            paramLabel = "<code>",
            description = "A capability of the unit, e.g. armed_response (repeatable).")
    List<String> capabilities = new ArrayList<>();

    @Option(
            names = "--crew",
            defaultValue = "1",
            paramLabel = "<n>",
            description = "Officers crewing the unit, 1 to " + FleetFile.MAX_CREW + " (default: ${DEFAULT-VALUE}).")
    int crew;

    @Option(names = "--station", paramLabel = "<station>", description = "The station the unit works from.")
    String station;

    @Option(
            names = "--status",
            defaultValue = "available",
            paramLabel = "<status>",
            description = "The unit's first status (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(
            names = "--grade",
            paramLabel = "<code>",
            description = "Grade of the unit's task: required with --status committed.")
    String grade;

    /** The options that describe one unit, which --fleet replaces. */
    static final List<String> UNIT_OPTIONS =
            List.of("--callsign", "--kind", "--capability", "--crew", "--station", "--status", "--grade");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fleetFile == null) {
            if (unitId == null) {
                throw BluelampException.invalid(
                        "<unit-id>", "give the unit's id (client register <unit-id> --kind ...) or --fleet <file>");
            }
            return registerOne();
        }
        if (unitId != null) {
            throw BluelampException.invalid(
                    "--fleet", "give either <unit-id> " + Echo.quote(unitId) + " or --fleet, not both");
        }
        for (String option : UNIT_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw BluelampException.invalid(
                        option, option + " describes one unit; with --fleet the file describes every unit");
            }
        }
        return registerFleet(fleetFile);
    }

    private int registerOne() {
        String id = ClientArgs.id("<unit-id>", unitId);
        Unit.Builder u = Unit.newBuilder()
                .setId(id)
                .setCallsign(callsign == null ? id : ClientArgs.id("--callsign", callsign))
                .setKind(ClientArgs.kind("--kind", kind))
                .setCrewSize(crew("--crew", crew))
                .setStatus(ClientArgs.status("--status", status));
        for (String c : capabilities) {
            u.addCapabilities(ClientArgs.id("--capability", c));
        }
        if (station != null) {
            u.setHomeStation(ClientArgs.id("--station", station));
        }
        if (grade != null) {
            u.setCommittedGrade(ClientArgs.id("--grade", grade));
        }
        RegisterUnitRequest req = RegisterUnitRequest.newBuilder().setUnit(u).build();
        RequestFields fields = unitFields(unitId)
                .field("unit.callsign", "--callsign", callsign)
                .field("unit.kind", "--kind", kind)
                .field("unit.capabilities", "--capability", String.join(",", capabilities))
                .field("unit.crew_size", "--crew", crew)
                .field("unit.home_station", "--station", station)
                .field("unit.status", "--status", status)
                .field("unit.committed_grade", "--grade", grade)
                .onStatus(
                        GrpcStatus.ALREADY_EXISTS,
                        "<unit-id> " + Echo.quote(id)
                                + " is already registered: change it with 'dispatch client update " + id + " ...'");
        Unit r = client.call(fields, c -> c.call(FleetGrpcClient.RegisterUnit, req));
        client.print(spec.commandLine().getOut(), r, ClientTables::unit);
        return 0;
    }

    static RequestFields unitFields(String unitId) {
        return RequestFields.of().field("unit.id", "<unit-id>", unitId);
    }

    static int crew(String option, int crew) {
        if (crew < 1 || crew > FleetFile.MAX_CREW) {
            throw BluelampException.invalid(
                    option, option + " must be between 1 and " + FleetFile.MAX_CREW + ", got " + crew);
        }
        return crew;
    }

    /** Every unit of the file, one call each (in order), then one fix batch with their positions. */
    private int registerFleet(Path file) {
        long now = System.currentTimeMillis();
        List<FleetFile.Entry> entries = FleetFile.read(file, "--fleet", null, null, now, ClientTimeRule.defaults());
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2]; // registered, already registered
        List<FleetFile.Entry> withPosition = new ArrayList<>();
        client.call(RequestFields.of(), c -> registerEach(c, entries, 0, counts, problems, withPosition));
        for (String p : problems) {
            err.println("error: --fleet " + file + ": " + p);
        }
        err.flush();
        FixSender.Summary fixes = null;
        if (!withPosition.isEmpty()) {
            List<GpsFix> batch = new ArrayList<>();
            List<String> where = new ArrayList<>();
            for (FleetFile.Entry e : withPosition) {
                GpsFix.Builder f = GpsFix.newBuilder()
                        .setUnitId(e.spec().id())
                        .setPosition(LatLon.newBuilder()
                                .setLatDeg(e.position().latDeg())
                                .setLonDeg(e.position().lonDeg()))
                        .setPositionTimeEpochMillis(e.positionTimeMillis());
                if (!Double.isNaN(e.accuracyMetres())) {
                    f.setAccuracyMetres(e.accuracyMetres());
                }
                batch.add(f.build());
                where.add(e.path());
            }
            fixes = FixSender.sendAll(client, batch, where, "--fleet " + file, err);
        }
        FleetRegistration.Builder o = FleetRegistration.newBuilder()
                .setUnits(entries.size())
                .setRegistered(counts[0])
                .setAlreadyRegistered(counts[1])
                .setFailed(problems.size() - counts[1]);
        if (fixes != null) {
            o.setPositions(fixes.toProto().setSource("--fleet " + file).setLines(withPosition.size()));
        }
        PrintWriter out = spec.commandLine().getOut();
        client.print(out, o);
        boolean allPositionsTaken = fixes == null || fixes.allAccepted();
        return problems.isEmpty() && allPositionsTaken ? 0 : Main.EXIT_BAD_INPUT;
    }

    private Future<Void> registerEach(
            BluelampClient c,
            List<FleetFile.Entry> entries,
            int i,
            int[] counts,
            List<String> problems,
            List<FleetFile.Entry> withPosition) {
        if (i == entries.size()) {
            return Future.succeededFuture();
        }
        FleetFile.Entry e = entries.get(i);
        Unit.Builder u = Unit.newBuilder()
                .setId(e.spec().id())
                .setCallsign(e.spec().callsign())
                .setKind(UnitKind.valueOf("UNIT_KIND_" + e.spec().kind().name()))
                .addAllCapabilities(e.spec().capabilities())
                .setCrewSize(e.spec().crewSize())
                .setHomeStation(e.spec().homeStation())
                .setStatus(
                        UnitStatus.valueOf("UNIT_STATUS_" + e.status().status().name()));
        if (e.status().committedGrade() != null) {
            u.setCommittedGrade(e.status().committedGrade());
        }
        RegisterUnitRequest req = RegisterUnitRequest.newBuilder().setUnit(u).build();
        return c.call(FleetGrpcClient.RegisterUnit, req)
                .transform(ar -> {
                    if (ar.succeeded()) {
                        counts[0]++;
                        if (e.position() != null) {
                            withPosition.add(e);
                        }
                        return Future.succeededFuture();
                    }
                    if (ar.cause() instanceof RemoteCallException r
                            && r.status() != GrpcStatus.UNAVAILABLE
                            && r.status() != GrpcStatus.UNAUTHENTICATED
                            && r.status() != GrpcStatus.PERMISSION_DENIED) {
                        if (r.status() == GrpcStatus.ALREADY_EXISTS) {
                            counts[1]++;
                            problems.add(
                                    e.path() + " (unit " + Echo.quote(e.spec().id())
                                            + ") is already registered; left as it is"
                                            + " (change it with 'dispatch client update')");
                        } else {
                            problems.add(
                                    e.path() + " (unit " + Echo.quote(e.spec().id()) + "): "
                                            + RemoteErrors.describe(r, "", fileFields(e))
                                                    .getMessage());
                        }
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(ar.cause()); // the service as a whole refused: stop
                })
                .compose(v -> registerEach(c, entries, i + 1, counts, problems, withPosition));
    }

    /** The service's field names mapped to the fleet file's. */
    private static RequestFields fileFields(FleetFile.Entry e) {
        String p = e.path();
        return RequestFields.of()
                .field("unit.id", p + ".id", e.spec().id())
                .field("unit.callsign", p + ".callsign", e.spec().callsign())
                .field("unit.kind", p + ".kind", e.spec().kind().name().toLowerCase(Locale.ROOT))
                .field(
                        "unit.capabilities",
                        p + ".capabilities",
                        String.join(",", e.spec().capabilities()))
                .field("unit.crew_size", p + ".crewSize", e.spec().crewSize())
                .field("unit.home_station", p + ".homeStation", e.spec().homeStation())
                .field("unit.status", p + ".status", e.status().status().name().toLowerCase(Locale.ROOT))
                .field("unit.committed_grade", p + ".committedGrade", e.status().committedGrade());
    }
}
