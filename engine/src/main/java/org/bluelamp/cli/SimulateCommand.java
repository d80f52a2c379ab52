package org.bluelamp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.SimulationSummary;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.simulation.DispatchPolicies;
import org.bluelamp.simulation.DispatchPolicy;
import org.bluelamp.simulation.RunResult;
import org.bluelamp.simulation.Scenario;
import org.bluelamp.simulation.Simulation;
import org.bluelamp.simulation.SimulationWorld;
import org.bluelamp.simulation.report.Comparison;
import org.bluelamp.simulation.report.Estimate;
import org.bluelamp.simulation.report.PolicySummary;
import org.bluelamp.simulation.report.ResultPlots;
import org.bluelamp.simulation.report.ResultsJson;
import org.bluelamp.simulation.report.RunMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: replays days of a scenario's incidents on a real road network under each
 * policy asked for, over several seeds (the same incidents for every policy of a seed), and writes
 * {@code results.json}, {@code timing.json} and PNG charts into a folder. Progress on standard
 * error when it is a terminal; one JSON line on standard output when done.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate shifts of a scenario under dispatch policies and compare them.",
            "Writes results.json (measures with 95%% intervals over the seeds), timing.json and PNG charts into --out."
        })
final class SimulateCommand implements Callable<Integer> {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    MapOptions mapOptions;

    @Option(
            names = "--scenario",
            required = true,
            paramLabel = "<file>",
            description = "Scenario JSON: demand, stations, shifts, units, reporting (see the README).")
    Path scenarioFile;

    @Option(
            names = "--policies",
            paramLabel = "<a,b,c>",
            defaultValue = "straight-line,road-time,station",
            description = "Policies to compare, comma-separated: straight-line, road-time, move-up (road-time with"
                    + " coverage's move-up advice to the scenario's stations), station. Default: ${DEFAULT-VALUE}.")
    String policiesOption;

    @Option(
            names = "--days",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "Days of calls per run, 1 to 14 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seeds",
            paramLabel = "<n>",
            defaultValue = "20",
            description = "Replications, 1 to 1000, seeds first-seed, first-seed + 1, ... (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--first-seed",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "The first replication's seed (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(
            names = "--threads",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "Runs at once, 1 to 64 (default: ${DEFAULT-VALUE}; each run is single-threaded).")
    int threads;

    @Option(
            names = "--ranking",
            paramLabel = "<auto|buckets|dijkstra>",
            defaultValue = "auto",
            description = "How the engine ranks in the runs: its own choice (auto), buckets over the contraction"
                    + " hierarchy, or the backward Dijkstra. The same answers; only the speed differs (default:"
                    + " ${DEFAULT-VALUE}).")
    String ranking;

    @Option(
            names = "--policy",
            paramLabel = "<file>",
            description = "Grade policy JSON (default: the shipped England and Wales policy).")
    Path policyFile;

    @Option(names = "--out", required = true, paramLabel = "<folder>", description = "Folder for the results.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (days < 1 || days > 14) {
            throw BluelampException.invalid("--days", "--days must be from 1 to 14, got " + days);
        }
        if (seeds < 1 || seeds > 1000) {
            throw BluelampException.invalid("--seeds", "--seeds must be from 1 to 1000, got " + seeds);
        }
        if (threads < 1 || threads > 64) {
            throw BluelampException.invalid("--threads", "--threads must be from 1 to 64, got " + threads);
        }
        org.bluelamp.dispatch.Dispatcher.BucketUse bucketUse =
                switch (ranking.strip().toLowerCase(Locale.ROOT)) {
                    case "auto" -> org.bluelamp.dispatch.Dispatcher.BucketUse.AUTO;
                    case "buckets" -> org.bluelamp.dispatch.Dispatcher.BucketUse.ALWAYS;
                    case "dijkstra" -> org.bluelamp.dispatch.Dispatcher.BucketUse.NEVER;
                    default ->
                        throw BluelampException.invalid(
                                "--ranking", "--ranking " + Echo.quote(ranking) + " must be auto, buckets or dijkstra");
                };
        List<String> names = new ArrayList<>();
        for (String raw : new LinkedHashSet<>(List.of(policiesOption.split(",", -1)))) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw BluelampException.invalid(
                        "--policies", "--policies " + Echo.quote(policiesOption) + " has an empty name");
            }
            DispatchPolicies.check(name, "--policies");
            names.add(name);
        }
        CapabilityRegistry capabilities = CapabilityRegistry.defaults();
        Scenario scenario = SimulationFile.read(scenarioFile, capabilities);
        PolicyBook policies =
                policyFile != null ? PolicyBook.load(policyFile, capabilities) : PolicyBook.loadDefault(capabilities);
        UrbanAreas urban = scenario.urbanAreasFile() != null
                ? UrbanAreas.load(scenario.urbanAreasFile())
                : UrbanAreas.loadDefault();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw BluelampException.invalid("--out", "--out " + out + ": cannot create the folder: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = !mapOptions.quiet && Terminal.stderrIsTerminal();
        try (RoadNetwork net = mapOptions.open(spec)) {
            SimulationWorld world;
            try {
                world = new SimulationWorld(net, mapOptions.extract(), scenario, policies, urban);
            } catch (BluelampException e) {
                throw new BluelampException(e.kind(), e.field(), "--scenario " + scenarioFile + ": " + e.getMessage());
            }
            List<Supplier<DispatchPolicy>> factories = new ArrayList<>();
            for (String name : names) {
                factories.add(DispatchPolicies.factory(name, "--policies", world));
            }
            int total = names.size() * seeds;
            RunResult[] results = new RunResult[total];
            AtomicInteger done = new AtomicInteger();
            Progress progress = new Progress(err, showProgress, total, days);
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bluelamp-simulate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    for (int p = 0; p < names.size(); p++) {
                        int index = s * names.size() + p;
                        long seed = firstSeed + s;
                        Supplier<DispatchPolicy> factory = factories.get(p);
                        String name = names.get(p);
                        futures.add(pool.submit(() -> {
                            Simulation sim = new Simulation(
                                    world,
                                    factory.get(),
                                    seed,
                                    days,
                                    new Simulation.Options(false, f -> progress.update(name, seed, f), bucketUse));
                            results[index] = sim.run();
                            progress.finished(done.incrementAndGet());
                        }));
                    }
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BluelampException(ErrorKind.UNAVAILABLE, "", "interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BluelampException be) {
                    throw be;
                }
                throw new IllegalStateException("a simulation run failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
                progress.clear();
            }
            Comparison comparison = comparison(world, scenario, policies, names, results);
            List<Path> files = new ArrayList<>();
            try {
                files.add(ResultsJson.write(comparison, out));
                files.add(writeTiming(results, out));
                files.addAll(ResultPlots.write(comparison, out));
            } catch (IOException e) {
                throw BluelampException.invalid("--out", "--out " + out + ": cannot write: " + e.getMessage());
            }
            Json.print(spec.commandLine().getOut(), summary(comparison, files));
        }
        return 0;
    }

    private Comparison comparison(
            SimulationWorld world, Scenario scenario, PolicyBook policies, List<String> names, RunResult[] results) {
        List<String> codes = scenario.demand().grades().stream()
                .map(Scenario.GradeDemand::grade)
                .toList();
        List<double[]> targets = new ArrayList<>();
        for (String code : codes) {
            GradePolicy g = policies.getGrade(code);
            targets.add(new double[] {g.urbanTargetSeconds() / 60, g.ruralTargetSeconds() / 60});
        }
        List<PolicySummary> summaries = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            List<RunMetrics> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                runs.add(RunMetrics.of(results[s * names.size() + p], codes));
            }
            summaries.add(PolicySummary.of(names.get(p), runs, codes, days));
        }
        List<Long> seedList = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            seedList.add(firstSeed + s);
        }
        return new Comparison(
                scenario.name(),
                mapOptions.extract().getFileName().toString(),
                days,
                seedList,
                world.demandDescription(),
                scenario.demand().incidentsPerDay(),
                scenario.unitCount(),
                codes,
                targets,
                summaries);
    }

    private Path writeTiming(RunResult[] results, Path folder) throws IOException {
        ObjectNode root = Json.object();
        root.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        root.put("threads", threads);
        root.put("ranking", ranking);
        ArrayNode runs = root.putArray("runs");
        double hours = 0;
        double seconds = 0;
        double cpuSeconds = 0;
        for (RunResult r : results) {
            ObjectNode o = runs.addObject();
            RunResult.Timing t = r.timing();
            double simulated = r.days() * 24.0;
            hours += simulated;
            seconds += t.totalNanos() / 1e9;
            cpuSeconds += t.cpuNanos() / 1e9;
            o.put("policy", r.policy());
            o.put("seed", r.seed());
            o.put("incidents", r.incidentCount());
            o.put("events", r.counts().events());
            o.put("wallSeconds", t.totalNanos() / 1e9);
            o.put("cpuSeconds", t.cpuNanos() / 1e9);
            o.put("setupSeconds", t.setupNanos() / 1e9);
            o.put("decideSeconds", t.decideNanos() / 1e9);
            o.put("routeSeconds", t.routeNanos() / 1e9);
            o.put("positionSeconds", t.reportNanos() / 1e9);
            o.put("simulatedHoursPerSecond", t.simulatedHoursPerSecond(simulated));
            o.put("simulatedHoursPerCpuSecond", t.simulatedHoursPerCpuSecond(simulated));
        }
        root.put("simulatedHoursPerSecond", hours / seconds);
        root.put("simulatedHoursPerCpuSecond", hours / cpuSeconds);
        root.put(
                "loadAverage",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        Path file = folder.resolve("timing.json");
        Files.writeString(file, PRETTY.writeValueAsString(root) + "\n");
        return file;
    }

    private static SimulationSummary summary(Comparison c, List<Path> files) {
        SimulationSummary.Builder o = SimulationSummary.newBuilder()
                .setScenario(c.scenario())
                .setDays(c.days())
                .setSeeds(c.seeds().size());
        String first = c.gradeCodes().get(0);
        for (PolicySummary p : c.policies()) {
            Estimate e = p.grades().get(first).get("compliance");
            o.putGrade1Compliance(
                    p.policy(),
                    SimulationSummary.Estimate.newBuilder()
                            .setMean(ResultsJsonRounding.round(e.mean()))
                            .setCi95HalfWidth(ResultsJsonRounding.round(e.halfWidth()))
                            .build());
        }
        files.forEach(p -> o.addFiles(p.toString()));
        return o.setAttribution(Json.ATTRIBUTION).build();
    }

    /** Rounding for the summary line (4 decimals; NaN stays NaN). */
    private static final class ResultsJsonRounding {
        static double round(double v) {
            return Double.isNaN(v) ? v : Math.round(v * 10_000) / 10_000.0;
        }
    }

    /**
     * Progress on one rewritten line of standard error: runs finished, the run in progress and how
     * far it is, elapsed time. Thread-safe (runs report from worker threads).
     */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean show;
        private final int total;
        private final int days;
        private final long startNanos = System.nanoTime();
        private int finished;
        private long lastDraw;

        Progress(PrintWriter err, boolean show, int total, int days) {
            this.err = err;
            this.show = show;
            this.total = total;
            this.days = days;
        }

        synchronized void update(String policy, long seed, double fraction) {
            long now = System.nanoTime();
            if (!show || now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            long s = (now - startNanos) / 1_000_000_000L;
            err.print(String.format(
                    Locale.ROOT,
                    "\r\u001b[Ksimulating: %d of %d runs done; %s, seed %d: day %d of %d, %d%%; %d:%02d",
                    finished,
                    total,
                    policy,
                    seed,
                    Math.min(days, (int) (fraction * days) + 1),
                    days,
                    (int) (fraction * 100),
                    s / 60,
                    s % 60));
            err.flush();
        }

        synchronized void finished(int count) {
            finished = count;
        }

        synchronized void clear() {
            if (show) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
