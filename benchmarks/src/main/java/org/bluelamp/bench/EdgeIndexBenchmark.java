package org.bluelamp.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.conditions.EdgeIndex;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.locationtech.jts.geom.Geometry;
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
 * Finding the roads a county-sized closure polygon touches (issue 11's 50 ms goal for adding a
 * closure), before and after in the same run: {@link #linePerEdge} is the earlier
 * {@code EdgeIndex} (a JTS line built and tested per candidate edge, {@link LinePerEdgeIndex}),
 * {@link #segmentsOverArrays} the current one (segments tested over the edge's coordinate arrays
 * against the area's boundary in a grid). The polygon is {@link ConditionChangeBenchmark}'s (an
 * irregular star 9–11 km across around the middle of the map); setup checks both give the same
 * edges.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EdgeIndexBenchmark {
    @Param({"newyork"})
    public String map;

    private EdgeIndex index;
    private LinePerEdgeIndex baseline;
    private Geometry county;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open(map);
        index = new EdgeIndex(net.edgeShapes());
        baseline = new LinePerEdgeIndex(net.edgeShapes());
        GeoBounds b = net.bounds();
        GeoPoint middle = new GeoPoint((b.minLatDeg() + b.maxLatDeg()) / 2, (b.minLonDeg() + b.maxLonDeg()) / 2);
        double scale = map.equals("newyork") ? 1 : 0.5; // Rutland is itself a county: a polygon half its size
        county = BenchConditions.star(middle, new Random(3), 9_000 * scale, 11_000 * scale)
                .polygon();
        int[] now = index.edgesIntersecting(county);
        int[] before = baseline.edgesIntersecting(county);
        if (!Arrays.equals(now, before)) {
            throw new IllegalStateException("the two answers differ: " + now.length + " vs " + before.length);
        }
        System.out.printf(
                "%ncounty polygon on %s: %d of %d edges, same answer both ways%n", map, now.length, net.edgeCount());
    }

    @Benchmark
    public int[] linePerEdge() {
        return baseline.edgesIntersecting(county);
    }

    @Benchmark
    public int[] segmentsOverArrays() {
        return index.edgesIntersecting(county);
    }
}
