package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of a grade-1 recommendation (top 5, blue-light car profile) with the engine's
 * many-to-one search, while another thread applies fixes to the same fleet (the larger of 100 and a
 * tenth of the units a second: each unit reporting about every 10 s from 1,000 units up, every
 * second for 100 units). Compare with {@link RecommendBaselineBenchmark}, run in the same invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecommendBenchmark {
    @Param({"rutland", "newyork", "national"})
    public String map;

    @Param({"100", "1000", "10000"})
    public int units;

    @Param({"urban", "rural"})
    public String site;

    /**
     * Whether the ceiling on units not yet examined is raised by the searches' progress
     * ({@link Dispatcher#setFrontierCeilings}; on, as served): {@code -p frontier=false,true}
     * measures without and with it in one run.
     */
    @Param({"true"})
    public boolean frontier = true;

    /**
     * The road nodes per unit above which the dispatcher's automatic choice ranks by buckets
     * ({@link Dispatcher#setAutoNodesPerUnit}); 0 keeps the engine's default: {@code -p
     * autoNodes=500,150} measures two thresholds in one run.
     */
    @Param({"0"})
    public int autoNodes;

    /**
     * Whether each iteration prints the CPU it cost per query: the query thread's, the bucket
     * writers' and the whole process's (with the fix thread, JIT and GC), and the share answered
     * by buckets; {@code -p cpu=true}.
     */
    @Param({"false"})
    public boolean cpu;

    /**
     * Fixes applied per second while queries run; -1 (the default) is max(100, units / 10), each
     * unit reporting about every 10 s (every second for 100 units); 0 keeps the fleet still.
     */
    @Param({"-1"})
    public int fixesPerSecond = -1;

    /**
     * On the bucket path, the fleet size up to which units are examined by one pass over the fleet
     * ({@link Dispatcher#setDirectScanUnits}); -1 keeps the engine's default.
     */
    @Param({"-1"})
    public int directScan = -1;

    private final IterationCpu iterationCpu = new IterationCpu();
    private Dispatcher dispatcher;
    private List<IncidentRequest> requests;
    private BenchFleet.IntakeLoad load;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        dispatcher = Dispatcher.create(
                net,
                fleet.state(),
                PolicyBook.loadDefault(fleet.state().options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(now)));
        dispatcher.setFrontierCeilings(frontier);
        if (autoNodes > 0) {
            dispatcher.setAutoNodesPerUnit(autoNodes);
        }
        if (directScan >= 0) {
            dispatcher.setDirectScanUnits(directScan);
        }
        dispatcher.prepare(); // as the service does at start: the buckets of a sparse fleet built now
        requests = new ArrayList<>();
        for (GeoPoint p : IncidentSites.pick(net, site, 64, 7)) {
            requests.add(IncidentRequest.of("bench", p, "1"));
        }
        int rate = fixesPerSecond < 0 ? Math.max(100, units / 10) : fixesPerSecond;
        load = rate == 0 ? null : new BenchFleet.IntakeLoad(net, fleet, rate, 3, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (load != null) {
            load.close();
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        if (cpu) {
            iterationCpu.start(fixesApplied());
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (cpu) {
            System.out.println(iterationCpu.line(
                    map + " " + units + " " + site + " autoNodes=" + autoNodes + " fixes=" + fixesPerSecond
                            + " directScan=" + directScan,
                    fixesApplied()));
        }
    }

    private long fixesApplied() {
        return load == null ? 0 : load.applied();
    }

    @Benchmark
    public Recommendation manyToOne() {
        Recommendation r = dispatcher.recommend(requests.get(next++ & 63));
        if (cpu) {
            iterationCpu.query(dispatcher.lastAnsweredByBuckets());
        }
        return r;
    }
}
