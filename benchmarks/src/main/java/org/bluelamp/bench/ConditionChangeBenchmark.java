package org.bluelamp.bench;

import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgeConditions;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding and removing a county-sized closure polygon (an irregular polygon about 20 km across,
 * some 300 km², around the middle of the map) on a network with the edge index built: finding its
 * edges through the index, checking it, putting it in force and taking it out again
 * ({@link #addAndRemove}); and the first search's cost of the change, rebuilding the per-edge
 * arrays of one profile at the peak hour ({@link #addRemoveAndRebuild}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConditionChangeBenchmark {
    @Param({"newyork"})
    public String map;

    private RoadConditions rc;
    private Closure county;
    private int edges;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open(map);
        rc = BenchConditions.create(net, 50, 0, 11);
        GeoBounds b = net.bounds();
        GeoPoint middle = new GeoPoint((b.minLatDeg() + b.maxLatDeg()) / 2, (b.minLonDeg() + b.maxLonDeg()) / 2);
        ConditionArea area = BenchConditions.star(middle, new Random(3), 9_000, 11_000);
        county = new Closure(
                "COUNTY", "bench", new Closure.Area(area), 0, Condition.NO_END, EnumSet.allOf(TravelProfile.class));
        edges = rc.add(county).edgeCount();
        rc.remove("COUNTY", "id");
        System.out.printf("%ncounty polygon: %.0f km², %d of %d edges%n", areaKm2(area), edges, net.edgeCount());
    }

    static double areaKm2(ConditionArea a) {
        double lat = a.polygon().getCentroid().getY();
        double perDegree = 111.195;
        return a.polygon().getArea() * perDegree * perDegree * Math.cos(Math.toRadians(lat));
    }

    @Benchmark
    public int addAndRemove() {
        int n = rc.add(county).edgeCount();
        rc.remove("COUNTY", "id");
        return n;
    }

    @Benchmark
    public EdgeConditions addRemoveAndRebuild() {
        rc.add(county);
        EdgeConditions c = rc.at(TravelProfile.CAR_EMERGENCY, BenchConditions.PEAK);
        rc.remove("COUNTY", "id");
        return c;
    }
}
