package org.bluelamp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.api.ContractJson;
import org.bluelamp.api.PlanningMapping;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.CoverageGeoJson;
import org.bluelamp.coverage.CoverageMapImage;
import org.bluelamp.coverage.CoverageReport;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.Scenario;
import org.bluelamp.coverage.ScenarioComparison;
import org.bluelamp.coverage.ScenarioRoads;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.CoverageSummary;
import org.bluelamp.road.RoadNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code coverage}: evaluates a scenario file's baseline deployment and its what-ifs on a map and
 * writes {@code report.json} (the contract's {@code CoverageComparison}, as
 * {@code Planning.EvaluateCoverage} answers), {@code coverage.geojson} and {@code map.png} for the
 * baseline, and {@code coverage-<n>-<name>.geojson} and {@code map-<n>-<name>.png} for each what-if.
 * Prints one JSON line: the files written and the shares.
 */
@Command(
        name = "coverage",
        mixinStandardHelpOptions = true,
        description = {
            "Coverage of a deployment and its what-ifs: shares of road and demand within the grade's targets,",
            "per beat, worst places, MEXCLP expected coverage; report.json, coverage.geojson and map.png."
        })
final class CoverageCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Option(
            names = "--scenario",
            required = true,
            paramLabel = "<file>",
            description =
                    "Scenario JSON: stations, units, grade, busyFraction, beats, demand and what-ifs (see README).")
    Path scenarioFile;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "<folder>",
            description = "Folder for the files written (created).")
    Path out;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(names = "--beats", paramLabel = "<geojson>", description = "Beats GeoJSON (overrides the scenario file's).")
    Path beatsFile;

    @Option(
            names = "--demand",
            paramLabel = "<file>",
            description = "Demand points, CSV (lat,lon[,weight]) or GeoJSON points (overrides the scenario file's;"
                    + " default: the map's buildings).")
    Path demandFile;

    @Option(
            names = "--size",
            defaultValue = "1600x1200",
            paramLabel = "<w>x<h>",
            description = "Size of the PNG maps in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int[] wh = size(size);
        ScenarioFile.Parsed parsed = ScenarioFile.read(scenarioFile, "--scenario");
        CapabilityRegistry capabilities = CapabilityRegistry.defaults();
        PolicyBook policies = policy.policies(capabilities);
        UrbanAreas urban = policy.urbanAreas();
        Path beatsPath = beatsFile != null ? beatsFile : parsed.beats();
        Beats beats = beatsPath == null ? Beats.none() : Beats.load(beatsPath, beatsFile != null ? "--beats" : "beats");
        Path demandPath = demandFile != null ? demandFile : parsed.demand();
        DemandPoints fileDemand =
                demandPath == null ? null : DemandFile.read(demandPath, demandFile != null ? "--demand" : "demand");
        policies.getGrade(parsed.grade()); // an unknown grade is refused before the map is opened
        createFolder(out);
        PrintWriter stdout = spec.commandLine().getOut();
        try (RoadNetwork net = mapOptions.open(spec)) {
            DemandPoints demand = fileDemand != null ? fileDemand : DemandPoints.fromMap(net);
            CoverageArea area = CoverageArea.build(net, urban, beats, demand);
            CoverageEvaluator ev = new CoverageEvaluator(area, policies);
            try {
                ev.gradeWithTarget(parsed.grade());
            } catch (BluelampException e) {
                throw new BluelampException(e.kind(), "grade", "--scenario " + scenarioFile + ": " + e.getMessage());
            }
            List<String> files = new ArrayList<>();
            CoverageReport base = ev.evaluate(parsed.name(), parsed.baseline(), parsed.grade(), RoadConditions.NONE);
            writeOutputs(ev, base, parsed.baseline(), List.of(), "", wh, files);
            List<ScenarioComparison.Outcome> outcomes = new ArrayList<>();
            int n = 1;
            for (Scenario parsedScenario : parsed.scenarios()) {
                Scenario s;
                try {
                    s = ScenarioRoads.resolve(parsedScenario, net);
                } catch (BluelampException e) {
                    throw new BluelampException(
                            e.kind(), e.field(), "--scenario " + scenarioFile + ": " + e.getMessage(), e);
                }
                Deployment d = s.apply(parsed.baseline());
                CoverageReport r = ev.evaluate(s.name(), d, parsed.grade(), s.roads());
                writeOutputs(ev, r, d, s.closureAreas(), "-" + n++ + "-" + slug(s.name()), wh, files);
                outcomes.add(ScenarioComparison.compare(base, s, r));
            }
            ScenarioComparison comparison = new ScenarioComparison(base, outcomes);
            Path report = out.resolve("report.json");
            write(report, PlanningMapping.toProto(comparison));
            files.add(0, report.toString());
            Json.print(stdout, summary(comparison, files));
        }
        return 0;
    }

    private void writeOutputs(
            CoverageEvaluator ev,
            CoverageReport r,
            Deployment d,
            List<ConditionArea> closureAreas,
            String suffix,
            int[] wh,
            List<String> files) {
        Path geo = out.resolve("coverage" + suffix + ".geojson");
        Path png = out.resolve("map" + suffix + ".png");
        try (OutputStream o = Files.newOutputStream(geo)) {
            new CoverageGeoJson().write(ev, r, d, o);
        } catch (IOException e) {
            throw cannotWrite(geo, e);
        }
        try (OutputStream o = Files.newOutputStream(png)) {
            new CoverageMapImage().write(ev, r, d, closureAreas, wh[0], wh[1], o);
        } catch (IOException e) {
            throw cannotWrite(png, e);
        }
        files.add(geo.toString());
        files.add(png.toString());
    }

    private static void write(Path file, com.google.protobuf.MessageOrBuilder m) {
        try {
            Files.writeString(file, ContractJson.print(m) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static BluelampException cannotWrite(Path file, IOException e) {
        return new BluelampException(ErrorKind.UNAVAILABLE, "--out", "cannot write " + file + ": " + e.getMessage(), e);
    }

    static void createFolder(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw BluelampException.invalid(
                    "--out",
                    "--out " + Echo.quote(out.toString()) + " cannot be created as a folder: " + e.getMessage());
        }
        if (!Files.isWritable(out)) {
            throw BluelampException.invalid("--out", "--out " + Echo.quote(out.toString()) + " is not writable");
        }
    }

    static int[] size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w >= 600 && w <= 6000 && h >= 400 && h <= 6000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw BluelampException.invalid(
                "--size", "--size " + Echo.quote(text) + " must be <width>x<height> in pixels, 600x400 to 6000x6000");
    }

    /** A file-name-safe form of a scenario's name. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "scenario" : s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static CoverageSummary summary(ScenarioComparison c, List<String> files) {
        CoverageReport b = c.baseline();
        CoverageSummary.Builder o = CoverageSummary.newBuilder()
                .addAllFiles(files)
                .setName(b.name())
                .setGrade(b.gradeCode())
                .setRoadShareWithinTarget(round(b.road().share()))
                .setDemandShareWithinTarget(round(b.demand().share()));
        if (!Double.isNaN(b.demand().expectedShare())) {
            o.setExpectedShare(round(b.demand().expectedShare()));
        }
        for (ScenarioComparison.Outcome x : c.scenarios()) {
            o.addScenarios(CoverageSummary.ScenarioShares.newBuilder()
                    .setName(x.scenario().name())
                    .setRoadShareWithinTarget(round(x.report().road().share()))
                    .setDemandShareWithinTarget(round(x.report().demand().share()))
                    .setDemandShareChange(round(x.demandShareChange())));
        }
        return o.setAttribution(Json.ATTRIBUTION).build();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
