package org.bluelamp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.dispatch.Candidate;
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

    @Option(
            names = "--policy",
            paramLabel = "<file>",
            description = "Grade policy JSON (default: the shipped England and Wales policy).")
    Path policyFile;

    @Option(
            names = "--urban-areas",
            paramLabel = "<file>",
            description = "Urban areas GeoJSON (default: the shipped areas).")
    Path urbanAreasFile;

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
        PolicyBook policies =
                policyFile != null ? PolicyBook.load(policyFile, capabilities) : PolicyBook.loadDefault(capabilities);
        UrbanAreas urban = urbanAreasFile != null ? UrbanAreas.load(urbanAreasFile) : UrbanAreas.loadDefault();
        List<String> grades = policies.grades().stream().map(GradePolicy::code).toList();
        List<FleetFile.Entry> units =
                FleetFile.read(fleetFile, "--fleet", capabilities, grades, now, ClientTimeRule.defaults());
        List<IncidentsFile.Entry> incidents = IncidentsFile.read(incidentsFile, "--incidents");
        PrintWriter out = spec.commandLine().getOut();
        try (RoadNetwork net = mapOptions.open(spec)) {
            IncidentsFile.check(incidents, policies, capabilities, net.bounds(), "--incidents", incidentsFile);
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
                Json.print(out, toJson(rec));
            }
        }
        return 0;
    }

    private ObjectNode toJson(Recommendation rec) {
        ObjectNode o = Json.object();
        o.put("incidentId", rec.incidentId());
        o.put("grade", rec.grade());
        o.put("gradeName", rec.gradeName());
        o.put("urban", rec.urban());
        if (rec.targetSeconds().isPresent()) {
            o.put("targetSeconds", rec.targetSeconds().getAsDouble());
        }
        ArrayNode cands = o.putArray("candidates");
        rec.candidates().forEach(c -> cands.add(candidate(c)));
        if (!rec.responsePlan().isEmpty() || !rec.unmetRequirements().isEmpty()) {
            ArrayNode plan = o.putArray("responsePlan");
            rec.responsePlan().forEach(c -> plan.add(candidate(c)));
            o.put("planFulfilled", rec.planFulfilled());
            ArrayNode unmet = o.putArray("unmetRequirements");
            rec.unmetRequirements().forEach(unmet::add);
        }
        ObjectNode excluded = o.putObject("excluded");
        rec.excluded().forEach((reason, count) -> excluded.put(reason.code(), count));
        o.put("incidentOffRoadMetres", Math.round(rec.incidentOffRoadMetres()));
        if (!rec.conditionsInForce().isEmpty()) {
            ArrayNode inForce = o.putArray("conditionsInForce");
            rec.conditionsInForce().forEach(inForce::add);
        }
        if (!rec.conditionNotes().isEmpty()) {
            ArrayNode notes = o.putArray("conditionNotes");
            rec.conditionNotes().forEach(notes::add);
        }
        o.put("searchedNodes", rec.searchedNodes());
        o.put("computeMicros", rec.computeMicros());
        o.put("attribution", Json.ATTRIBUTION);
        return o;
    }

    private ObjectNode candidate(Candidate c) {
        ObjectNode o = Json.object();
        o.put("rank", c.rank());
        o.put("unitId", c.unitId());
        o.put("callsign", c.callsign());
        o.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        o.put("profile", c.profile().profileName());
        o.put("status", c.status().name().toLowerCase(Locale.ROOT));
        if (!c.divertedFromGrade().isEmpty()) {
            o.put("divertedFromGrade", c.divertedFromGrade());
        }
        o.put("etaSeconds", round1(c.etaSeconds()));
        o.put("roadSeconds", round1(c.roadSeconds()));
        o.put("mobilisationSeconds", round1(c.mobilisationSeconds()));
        o.put("offRoadSeconds", round1(c.offRoadSeconds()));
        o.put("accessSeconds", round1(c.accessSeconds()));
        o.put("distanceMetres", Math.round(c.distanceMetres()));
        o.put("straightLineMetres", Math.round(c.straightLineMetres()));
        o.put("straightLineRank", c.straightLineRank());
        o.put("meetsTarget", c.meetsTarget());
        o.put("fixAgeSeconds", round1(c.fixAgeSeconds()));
        o.put("stale", c.stale());
        o.put("rankingSeconds", round1(c.rankingSeconds()));
        if (!c.inResponsePlan().isEmpty()) {
            o.put("fills", c.inResponsePlan());
        }
        ArrayNode reasons = o.putArray("reasons");
        c.reasons().forEach(reasons::add);
        if (!noGeometry) {
            o.put("polyline", c.encodedPolyline());
        }
        return o;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
