package org.bluelamp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.api.ProtoMapping;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recommend}: ranks a fleet file's units for each incident of an incidents file. */
@Command(
        name = "recommend",
        mixinStandardHelpOptions = true,
        description = {
            "Rank units for incidents by road travel time under the grade policy and the road conditions in force.",
            "Reads a fleet file and an incidents file (JSON); prints one JSON object per incident, one per line."
        })
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Mixin
    ConditionOptions conditionOptions;

    @Option(
            names = "--fleet",
            required = true,
            paramLabel = "<file>",
            description =
                    "Fleet JSON: {\"units\":[{\"id\",\"lat\",\"lon\",\"kind\",\"status\",\"capabilities\":[...]}]}")
    Path fleetFile;

    @Option(
            names = "--incidents",
            required = true,
            paramLabel = "<file>",
            description = "Incidents JSON: {\"incidents\":[{\"id\",\"lat\",\"lon\",\"grade\"}]}")
    Path incidentsFile;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(
            names = "--k",
            defaultValue = "5",
            paramLabel = "<n>",
            description = "Candidates per incident, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--at",
            paramLabel = "<instant>",
            description = "Evaluate as of this time (ISO-8601, e.g. 2026-11-22T12:00:00Z; default: now).")
    String at;

    @Option(names = "--no-geometry", description = "Leave route polylines out.")
    boolean noGeometry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (k < 1 || k > IncidentRequest.MAX_CANDIDATES) {
            throw BluelampException.invalid(
                    "--k", "--k must be between 1 and " + IncidentRequest.MAX_CANDIDATES + ", got " + k);
        }
        long now = System.currentTimeMillis();
        if (at != null) {
            try {
                now = Instant.parse(at).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw BluelampException.invalid(
                        "--at", "--at must be an ISO-8601 instant like 2026-11-22T12:00:00Z, got " + Echo.quote(at));
            }
        }
        FleetState fleet = new FleetState(FleetOptions.defaults());
        CapabilityRegistry capabilities = fleet.options().capabilities();
        PolicyBook policies = policy.policies(capabilities);
        UrbanAreas urban = policy.urbanAreas();
        List<String> grades = policies.grades().stream().map(GradePolicy::code).toList();
        List<FleetFile.Entry> units =
                FleetFile.read(fleetFile, "--fleet", capabilities, grades, now, ClientTimeRule.defaults());
        List<IncidentsFile.Entry> incidents = IncidentsFile.read(incidentsFile, "--incidents");
        PrintWriter out = spec.commandLine().getOut();
        try (RoadNetwork net = mapOptions.open(spec)) {
            IncidentsFile.check(
                    incidents, policies, capabilities, net.bounds(), "--incidents", incidentsFile.toString());
            FleetFile.register(
                    units, fleet, net.bounds(), "--fleet", spec.commandLine().getErr());
            Dispatcher dispatcher = Dispatcher.create(
                    net,
                    fleet,
                    policies,
                    urban,
                    InstantSource.fixed(Instant.ofEpochMilli(now)),
                    conditionOptions.open(net, urban));
            for (IncidentsFile.Entry inc : incidents) {
                IncidentRequest req =
                        new IncidentRequest(inc.id(), inc.location(), inc.grade(), inc.type(), inc.capabilities(), k);
                Recommendation rec;
                try {
                    rec = dispatcher.recommend(req);
                } catch (BluelampException e) {
                    throw new BluelampException(
                            e.kind(),
                            e.field(),
                            "--incidents " + incidentsFile + ": " + inc.path() + ": " + e.getMessage());
                }
                Json.print(out, toProto(rec));
            }
        }
        return 0;
    }

    /** The contract's answer (the service's own mapping); route polylines left out with --no-geometry. */
    private RecommendResponse toProto(Recommendation rec) {
        RecommendResponse r = ProtoMapping.toProto(rec);
        if (!noGeometry) {
            return r;
        }
        RecommendResponse.Builder b = r.toBuilder();
        b.getCandidatesBuilderList().forEach(c -> c.clearEncodedPolyline());
        b.getResponsePlanBuilderList().forEach(c -> c.clearEncodedPolyline());
        return b.build();
    }
}
