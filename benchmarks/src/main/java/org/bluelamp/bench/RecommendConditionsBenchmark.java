package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.conditions.RoadConditions;
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
 * A grade-1 recommendation (top 5, blue-light car profile) with 50 road closures and the
 * time-of-day congestion profile in force at a weekday evening peak (every road slowed: the whole
 * map is urban), against the same query without conditions ({@link #noConditions}), in the same
 * run, same fleet, same incidents, while another thread applies fixes. {@code -prof gc} gives the
 * allocation per query of each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecommendConditionsBenchmark {
    @Param({"newyork"})
    public String map;

    @Param({"1000", "10000"})
    public int units;

    @Param({"urban", "rural"})
    public String site;

    @Param({"50"})
    public int closures;

    private Dispatcher plain;
    private Dispatcher conditioned;
    private List<IncidentRequest> requests;
    private BenchFleet.IntakeLoad load;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        long now = BenchConditions.PEAK;
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        PolicyBook policies = PolicyBook.loadDefault(fleet.state().options().capabilities());
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(now));
        plain = Dispatcher.create(net, fleet.state(), policies, UrbanAreas.none(), clock);
        long t0 = System.nanoTime();
        RoadConditions rc = BenchConditions.create(net, closures, 0, 11);
        System.out.printf(
                "%n%d closures on %s (%d edges) added in %.0f ms, index included%n",
                closures, map, net.edgeCount(), (System.nanoTime() - t0) / 1e6);
        conditioned = Dispatcher.create(net, fleet.state(), policies, UrbanAreas.none(), clock, rc);
        requests = new ArrayList<>();
        for (GeoPoint p : IncidentSites.pick(net, site, 64, 7)) {
            requests.add(IncidentRequest.of("bench", p, "1"));
        }
        load = new BenchFleet.IntakeLoad(net, fleet, Math.max(100, units / 10), 3, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        load.close();
    }

    @Benchmark
    public Recommendation noConditions() {
        return plain.recommend(requests.get(next++ & 63));
    }

    @Benchmark
    public Recommendation closuresAndPeakTraffic() {
        return conditioned.recommend(requests.get(next++ & 63));
    }

    /**
     * The {@code i}-th of the 64 incidents, with the conditions in force or without: for pairing
     * queries in {@link CpuTime}.
     */
    Recommendation recommend(int i, boolean withConditions) {
        return (withConditions ? conditioned : plain).recommend(requests.get(i & 63));
    }
}
