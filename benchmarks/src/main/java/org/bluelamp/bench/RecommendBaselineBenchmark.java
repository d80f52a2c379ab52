package org.bluelamp.bench;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.storage.index.Snap;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
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
 * What an integrator would write with GraphHopper alone, for the same queries as
 * {@link RecommendBenchmark}: one GraphHopper route per candidate unit then sort
 * ({@code perCandidateRouting}, whose results must equal the engine's), and one reverse
 * shortest-path tree from the incident bounded at the 20-minute grade-1 target, reading each
 * unit's time at its nearest junction ({@code shortestPathTree}, approximate). Setup checks that
 * the engine's top 5 equal the per-candidate top 5 and prints the count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class RecommendBaselineBenchmark {
    @Param({"rutland", "newyork", "national"})
    public String map;

    @Param({"100", "1000"})
    public int units;

    @Param({"urban", "rural"})
    public String site;

    private RoadNetwork net;
    private FleetState fleet;
    private List<GeoPoint> incidents;
    private BenchFleet.IntakeLoad load;
    private int next;
    private final UnitReading reading = new UnitReading();

    @Setup(Level.Trial)
    public void setup() {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        net = BenchNetworks.open(map);
        BenchFleet.Fleet f = BenchFleet.create(net, units, 42, now);
        fleet = f.state();
        incidents = IncidentSites.pick(net, site, 64, 7);
        Dispatcher dispatcher = Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(now)));
        int identical = 0;
        int checked = 0;
        for (int i = 0; i < 16; i++) {
            List<Candidate> engine = dispatcher
                    .recommend(IncidentRequest.of("check", incidents.get(i), "1"))
                    .candidates();
            long[] baseline = perCandidate(incidents.get(i));
            checked++;
            boolean same = engine.size() == Math.min(5, baseline.length);
            for (int r = 0; same && r < engine.size(); r++) {
                same = Math.abs(engine.get(r).roadSeconds() * 1000 - (baseline[r] >>> 20)) <= 1000;
            }
            identical += same ? 1 : 0;
        }
        System.out.printf(
                "%n[check] %s %d units %s: engine top 5 equals per-candidate GraphHopper top 5 "
                        + "for %d of %d incidents%n",
                map, units, site, identical, checked);
        load = new BenchFleet.IntakeLoad(net, f, Math.max(100, units / 10), 3, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        load.close();
    }

    /** Sorted (millis << 20 | unit) of every unit GraphHopper can route, one route per unit. */
    private long[] perCandidate(GeoPoint incident) {
        int n = fleet.unitCount();
        long[] found = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            fleet.readUnit(i, reading);
            GHResponse rsp = net.oracle()
                    .graphHopper()
                    .route(new GHRequest(reading.latDeg(), reading.lonDeg(), incident.latDeg(), incident.lonDeg())
                            .setProfile(TravelProfile.CAR_EMERGENCY.profileName()));
            if (!rsp.hasErrors()) {
                found[m++] = (rsp.getBest().getTime() << 20) | i;
            }
        }
        long[] sorted = Arrays.copyOf(found, m);
        Arrays.sort(sorted);
        return sorted;
    }

    @Benchmark
    public long[] perCandidateRouting() {
        long[] all = perCandidate(incidents.get(next++ & 63));
        return Arrays.copyOf(all, Math.min(5, all.length));
    }

    @Benchmark
    public long[] shortestPathTree() {
        GeoPoint incident = incidents.get(next++ & 63);
        var hopper = net.oracle().graphHopper();
        var filter = net.oracle().snapFilter(TravelProfile.CAR_EMERGENCY);
        Snap snap = hopper.getLocationIndex().findClosest(incident.latDeg(), incident.lonDeg(), filter);
        QueryGraph qg = QueryGraph.create(hopper.getBaseGraph(), snap);
        ShortestPathTree tree = new ShortestPathTree(
                qg, net.oracle().weighting(TravelProfile.CAR_EMERGENCY), true, TraversalMode.NODE_BASED);
        tree.setTimeLimit(20 * 60_000);
        long[] timeByNode = new long[qg.getNodes()];
        Arrays.fill(timeByNode, -1);
        tree.search(snap.getClosestNode(), label -> timeByNode[label.node] = label.time);
        int n = fleet.unitCount();
        long[] found = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            fleet.readUnit(i, reading);
            Snap s = hopper.getLocationIndex().findClosest(reading.latDeg(), reading.lonDeg(), filter);
            if (s.isValid() && s.getClosestNode() < timeByNode.length && timeByNode[s.getClosestNode()] >= 0) {
                found[m++] = (timeByNode[s.getClosestNode()] << 20) | i;
            }
        }
        Arrays.sort(found, 0, m);
        return Arrays.copyOf(found, Math.min(5, m));
    }
}
