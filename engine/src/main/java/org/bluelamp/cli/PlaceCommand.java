package org.bluelamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.bluelamp.api.ContractJson;
import org.bluelamp.api.PlanningMapping;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.CoverageGeoJson;
import org.bluelamp.coverage.CoverageMapImage;
import org.bluelamp.coverage.CoverageMatrix;
import org.bluelamp.coverage.CoverageReport;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.Station;
import org.bluelamp.coverage.UnitPlacement;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.PlacementComparison;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place}: proposes where K more units should stand to maximise coverage of a scenario file's
 * demand (greedy maximal covering, or greedy MEXCLP with a busy fraction), from candidate points or
 * every road junction, optionally keeping the scenario's units where they are and comparing with the
 * exact optimum on small instances. Prints the contract's {@code UnitPlacement} as JSON; with
 * {@code --out}, also the coverage report, GeoJSON and map of the deployment with the placed units.
 */
@Command(
        name = "place",
        mixinStandardHelpOptions = true,
        description = {
            "Propose standby points for K units that maximise coverage within the grade's targets",
            "(greedy maximal covering, or MEXCLP with --busy-fraction); prints JSON."
        })
final class PlaceCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Option(
            names = "--scenario",
            required = true,
            paramLabel = "<file>",
            description = "Scenario JSON (the same file as coverage): grade, stations, demand, beats, units.")
    Path scenarioFile;

    @Option(names = "--units", required = true, paramLabel = "<k>", description = "How many units to place, 1 to 50.")
    int units;

    @Option(
            names = "--candidates",
            defaultValue = "junctions",
            paramLabel = "<where>",
            description = "junctions (every road junction, default), stations (the scenario's), or a GeoJSON file of"
                    + " points with an id property.")
    String candidates;

    @Option(
            names = "--busy-fraction",
            paramLabel = "<q>",
            description = "Maximise MEXCLP expected coverage with this busy fraction (default: the scenario's"
                    + " busyFraction with --objective expected).")
    Double busyFraction;

    @Option(
            names = "--objective",
            paramLabel = "<o>",
            description = "coverage (maximal covering) or expected (MEXCLP); default: expected when a busy fraction"
                    + " is given here, coverage otherwise.")
    String objective;

    @Option(
            names = "--status",
            defaultValue = "available",
            paramLabel = "<status>",
            description = "The placed units' status, which sets their mobilisation delay (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--keep", description = "Keep the scenario's units where they are and place K more.")
    boolean keep;

    @Option(
            names = "--exact",
            description = "Also find the exact optimum by branch and bound (at most 64 candidates) and print both.")
    boolean exact;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(names = "--demand", paramLabel = "<file>", description = "Demand points (overrides the scenario file's).")
    Path demandFile;

    @Option(
            names = "--out",
            paramLabel = "<folder>",
            description = "Also write report.json, coverage.geojson and map.png of the result.")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "<n>",
            description = "Threads for the covering matrix (default: the cores).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (units < 1 || units > 50) {
            throw BluelampException.invalid("--units", "--units must be 1 to 50, got " + units);
        }
        UnitStatus unitStatus = FleetFile.parseEnum(UnitStatus.class, status, "--status");
        ScenarioFile.Parsed parsed = ScenarioFile.read(scenarioFile, "--scenario");
        double q = busyFraction != null
                ? busyFraction
                : parsed.baseline().busyFraction().orElse(Double.NaN);
        if (busyFraction != null && !(busyFraction >= 0 && busyFraction < 1)) {
            throw BluelampException.invalid(
                    "--busy-fraction", "--busy-fraction must be at least 0 and below 1, got " + busyFraction);
        }
        UnitPlacement.Objective obj = objective == null
                ? (busyFraction != null ? UnitPlacement.Objective.EXPECTED : UnitPlacement.Objective.COVERAGE)
                : switch (objective.toLowerCase(Locale.ROOT)) {
                    case "coverage" -> UnitPlacement.Objective.COVERAGE;
                    case "expected" -> UnitPlacement.Objective.EXPECTED;
                    default ->
                        throw BluelampException.invalid(
                                "--objective",
                                "--objective must be coverage or expected, got " + Echo.quote(objective));
                };
        if (obj == UnitPlacement.Objective.EXPECTED && Double.isNaN(q)) {
            throw BluelampException.invalid(
                    "--busy-fraction",
                    "--objective expected needs a busy fraction: give --busy-fraction or busyFraction in the scenario");
        }
        CapabilityRegistry capabilities = CapabilityRegistry.defaults();
        PolicyBook policies = policy.policies(capabilities);
        UrbanAreas urban = policy.urbanAreas();
        Path demandPath = demandFile != null ? demandFile : parsed.demand();
        DemandPoints fileDemand =
                demandPath == null ? null : DemandFile.read(demandPath, demandFile != null ? "--demand" : "demand");
        Beats beats = parsed.beats() == null ? Beats.none() : Beats.load(parsed.beats(), "beats");
        List<CandidateSite> given = switch (candidates) {
            case "junctions" -> null;
            case "stations" -> stations(parsed.baseline());
            default -> candidateFile(Path.of(candidates));
        };
        if (out != null) {
            CoverageCommand.createFolder(out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (RoadNetwork net = mapOptions.open(spec)) {
            DemandPoints demand = fileDemand != null ? fileDemand : DemandPoints.fromMap(net);
            CoverageArea area = CoverageArea.build(net, urban, beats, demand);
            CoverageEvaluator ev = new CoverageEvaluator(area, policies);
            GradePolicy grade = ev.gradeWithTarget(parsed.grade());
            List<CandidateSite> sites = given != null ? given : CoverageMatrix.junctions(area);
            if (exact && sites.size() > 64) {
                throw BluelampException.invalid(
                        "--exact",
                        "--exact takes at most 64 candidates; there are " + sites.size() + " (give --candidates)");
            }
            int[] kept = null;
            Deployment keptDeployment = parsed.baseline();
            if (keep) {
                ev.run(keptDeployment, grade, RoadConditions.NONE);
                kept = ev.siteCounts();
            }
            long t1 = System.nanoTime();
            CoverageMatrix m = CoverageMatrix.build(
                    area,
                    policies,
                    grade,
                    sites,
                    UnitKind.CAR,
                    unitStatus,
                    RoadConditions.NONE,
                    threads != null
                            ? Math.max(1, threads)
                            : Runtime.getRuntime().availableProcessors());
            UnitPlacement.Result greedy = UnitPlacement.greedy(m, units, obj, q, kept);
            double millis = (System.nanoTime() - t1) / 1e6;
            var json = PlanningMapping.toProto(greedy, sites.size(), millis);
            String text;
            if (exact) {
                UnitPlacement.Result best = UnitPlacement.exact(m, units, obj, q, kept, 50_000_000L);
                text = ContractJson.print(PlacementComparison.newBuilder()
                        .setGreedy(json)
                        .setOptimum(PlanningMapping.toProto(best, sites.size(), 0))
                        .setOptimal(best.optimal())
                        .setGreedyOverOptimum(best.valueAfter() > 0 ? greedy.valueAfter() / best.valueAfter() : 1));
            } else {
                text = ContractJson.print(json);
            }
            stdout.println(text);
            stdout.flush();
            if (out != null) {
                List<PlannedUnit> all = new ArrayList<>(keep ? keptDeployment.units() : List.of());
                int i = 1;
                for (UnitPlacement.Pick p : greedy.picks()) {
                    all.add(PlannedUnit.at(
                            "P" + i++, UnitKind.CAR, unitStatus, p.site().position()));
                }
                Deployment placed = new Deployment(
                        all,
                        keep ? keptDeployment.stations() : java.util.Map.of(),
                        Double.isNaN(q) ? OptionalDouble.empty() : OptionalDouble.of(q));
                CoverageReport r = ev.evaluate(
                        parsed.name() + ": " + units + " placed", placed, parsed.grade(), RoadConditions.NONE);
                write(out.resolve("placement.json"), text);
                write(out.resolve("report.json"), ContractJson.print(PlanningMapping.toProto(r)));
                try (OutputStream o = Files.newOutputStream(out.resolve("coverage.geojson"))) {
                    new CoverageGeoJson().write(ev, r, placed, o);
                }
                try (OutputStream o = Files.newOutputStream(out.resolve("map.png"))) {
                    new CoverageMapImage().write(ev, r, placed, 1600, 1200, o);
                }
            }
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE, "--out", "cannot write to " + out + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private static List<CandidateSite> stations(Deployment d) {
        List<CandidateSite> out = new ArrayList<>();
        for (Station s : d.stations().values()) {
            out.add(new CandidateSite(s.id(), s.name(), s.position()));
        }
        if (out.isEmpty()) {
            throw BluelampException.invalid("--candidates", "--candidates stations: the scenario lists no stations");
        }
        return out;
    }

    private static List<CandidateSite> candidateFile(Path file) {
        JsonNode root = JsonFields.read(file, "--candidates");
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw BluelampException.invalid(
                    "--candidates",
                    "--candidates must be junctions, stations or a GeoJSON FeatureCollection of points; "
                            + Echo.quote(file.toString()) + " is not one");
        }
        List<CandidateSite> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.path("features")) {
            String where = "--candidates " + file + ": features[" + i + "]";
            JsonNode c = f.path("geometry").path("coordinates");
            if (!"Point".equals(f.path("geometry").path("type").asText())
                    || c.size() < 2
                    || !c.get(0).isNumber()) {
                throw BluelampException.invalid("--candidates", where + " must be a Point feature");
            }
            double lon = c.get(0).asDouble();
            double lat = c.get(1).asDouble();
            if (!GeoPoint.isLatitude(lat) || !GeoPoint.isLongitude(lon)) {
                throw BluelampException.invalid("--candidates", where + ": " + lat + "," + lon + " is not a position");
            }
            String id = f.path("properties").path("id").asText("candidate-" + i);
            Ids.check("--candidates", id);
            out.add(new CandidateSite(id, f.path("properties").path("name").asText(id), new GeoPoint(lat, lon)));
            i++;
        }
        if (out.isEmpty()) {
            throw BluelampException.invalid("--candidates", "--candidates " + file + " has no points");
        }
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }
}
