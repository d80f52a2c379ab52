package org.bluelamp.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgePlacer;
import org.bluelamp.road.EdgeSnap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.SnapOracle;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapping a GPS position to the road network and measuring where along the edge it lies, one
 * thread, two ways in the same run: {@code graphHopperLocationIndex} is {@link RoadNetwork#place}
 * (GraphHopper's location index with the profile's snap filter, then the position along the
 * edge: today's path and the baseline); {@code edgeSnapIndex} is {@link EdgeSnapIndex#snap}, the
 * same answer to the last bit (see {@code CompareSnapWithGraphHopper}) over primitive arrays.
 * This is the cost the dispatcher pays once per unit and profile when a unit's position has
 * changed since the last query that needed it; fix intake itself never snaps.
 * Positions: random car junctions moved up to about 50 m, as GPS fixes of moving cars are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapBenchmark {
    @Param({"rutland", "newyork"})
    public String map;

    private EdgePlacer placer;
    private EdgeSnapIndex index;
    private final EdgeSnap snap = new EdgeSnap();
    private GeoPoint[] points;
    private double[] lats;
    private double[] lons;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open(map);
        placer = net.placer(TravelProfile.CAR);
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        Random rnd = new Random(5);
        points = new GeoPoint[4096];
        for (int i = 0; i < points.length; ) {
            int node = junctions[rnd.nextInt(junctions.length)];
            GeoPoint p = new GeoPoint(
                    na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.0009,
                    na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.0013);
            try {
                placer.place("position", p); // keep only points on the map and near a road
                points[i++] = p;
            } catch (org.bluelamp.error.BluelampException e) {
                // a jittered point beyond the map's edge: draw another
            }
        }
        lats = new double[points.length];
        lons = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            lats[i] = points[i].latDeg();
            lons[i] = points[i].lonDeg();
        }
        index = EdgeSnapIndex.build(net);
        BenchNetworks.awaitCells(index);
        SnapOracle oracle = new SnapOracle(net, index);
        for (GeoPoint p : points) {
            String diff = oracle.difference(TravelProfile.CAR, p);
            if (diff != null) {
                throw new IllegalStateException("snap index differs from GraphHopper at " + p + ": " + diff);
            }
        }
        System.out.printf(
                "%n[check] %s: snap index equals GraphHopper's snap for all %d benchmark points; index %.1f MB%n",
                map, points.length, index.memoryBytes() / 1e6);
    }

    @Benchmark
    public EdgePlacement graphHopperLocationIndex() {
        return placer.place("position", points[next++ & 4095]);
    }

    @Benchmark
    public double edgeSnapIndex() {
        int i = next++ & 4095;
        index.snap(TravelProfile.CAR, lats[i], lons[i], snap);
        return snap.toBaseMetres();
    }

    /**
     * {@link #edgeSnapIndex} cycling over only the first {@code pointCount} of the benchmark's points (a power of
     * two, at most 4,096): with a few points every line the snap reads stays in the core's caches, so the
     * difference to {@link #edgeSnapIndex} is what fetching the index's lines costs (see {@code SnapCostParts}).
     */
    public double edgeSnapIndexOver(int pointCount) {
        int i = next++ & (pointCount - 1);
        index.snap(TravelProfile.CAR, lats[i], lons[i], snap);
        return snap.toBaseMetres();
    }

    /** Latitudes of the benchmark's points, degrees (a copy). */
    public double[] latitudes() {
        return lats.clone();
    }
}
