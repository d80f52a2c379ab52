package org.bluelamp.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.Landmarks;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RouteSearch;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One unit's route, as the shift simulator plans a drive: from a point on the roads to another,
 * car profile, one thread, two ways in the same run. {@code manyToOne} is the engine's
 * {@link ManyToOneSearch} from the destination with the unit as its only source (what the
 * simulator used before, and the baseline); {@code landmarkAStar} is {@link RouteSearch} (A* with
 * 16 {@link Landmarks}), which gives the same milliseconds: the set-up checks every one of the
 * 512 seeded pairs (seed 15) and prints the nodes each way settles. Pairs: car junctions, moved
 * up to about 50 m, at any distance apart on the map (as patrol, return-to-station and incident
 * drives are).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouteBenchmark {
    private static final int PAIRS = 512;
    private static final long SEED = 15;

    @Param({"rutland", "newyork"})
    public String map;

    private EdgePlacement[] from;
    private EdgePlacement[] to;
    private ManyToOneSearch many;
    private RouteSearch route;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open(map);
        TravelTimeGraph graph = net.travelTimeGraph(TravelProfile.CAR);
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        Random rnd = new Random(SEED);
        EdgePlacement[] points = new EdgePlacement[2 * PAIRS];
        for (int i = 0; i < points.length; ) {
            int node = junctions[rnd.nextInt(junctions.length)];
            GeoPoint p = new GeoPoint(
                    na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.0009,
                    na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.0013);
            try {
                points[i++] = net.place(TravelProfile.CAR, "position", p);
            } catch (BluelampException e) {
                // beyond the map's edge: draw another
            }
        }
        from = new EdgePlacement[PAIRS];
        to = new EdgePlacement[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            from[i] = points[2 * i];
            to[i] = points[2 * i + 1];
        }
        long t0 = System.nanoTime();
        Landmarks landmarks = Landmarks.build(graph, 16);
        long buildMillis = (System.nanoTime() - t0) / 1_000_000;
        many = new ManyToOneSearch(graph);
        route = new RouteSearch(landmarks);
        long settledMany = 0;
        long settledRoute = 0;
        int connected = 0;
        for (int i = 0; i < PAIRS; i++) {
            int expected = manyToOneMillis(i);
            settledMany += many.settledNodes();
            int millis = route.route(from[i], to[i]);
            settledRoute += route.settledNodes();
            if (expected != millis) {
                throw new IllegalStateException("seed " + SEED + ", pair " + i + " (" + from[i] + " -> " + to[i]
                        + "): A* " + millis + " ms, many-to-one " + expected + " ms");
            }
            if (millis >= 0) {
                connected++;
            }
        }
        System.out.printf(
                "%n[check] %s: A* equals the many-to-one search on all %d pairs (%d connected, seed %d); settled"
                        + " nodes per route %.0f (A*) and %.0f (many-to-one); landmarks built in %d ms, %.1f MB%n",
                map,
                PAIRS,
                connected,
                SEED,
                settledRoute / (double) PAIRS,
                settledMany / (double) PAIRS,
                buildMillis,
                landmarks.memoryBytes() / 1e6);
    }

    private int manyToOneMillis(int i) {
        many.start(to[i]);
        int source = many.addSource(from[i], 0);
        many.run((s, total) -> true, Integer.MAX_VALUE);
        return many.isConfirmed(source) ? many.roadMillis(source) : RouteSearch.NO_ROUTE;
    }

    @Benchmark
    public int manyToOne() {
        return manyToOneMillis(next++ & (PAIRS - 1));
    }

    @Benchmark
    public int landmarkAStar() {
        int i = next++ & (PAIRS - 1);
        return route.route(from[i], to[i]);
    }
}
