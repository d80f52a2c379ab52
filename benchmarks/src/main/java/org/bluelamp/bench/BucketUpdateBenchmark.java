package org.bluelamp.bench;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.SourceBuckets;
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
 * What keeping the buckets current costs, per unit update, one thread, with 1,000 units in the
 * store: {@code moveToAnotherEdge} (the unit's old entries removed, two upward searches from the
 * new edge's end nodes, the new entries added) and {@code moveAlongSameEdge} (two offsets
 * written). Positions are random car junctions moved up to about 100 m.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BucketUpdateBenchmark {
    private static final int UNITS = 1000;

    @Param({"newyork", "national"})
    public String map;

    private SourceBuckets store;
    private EdgePlacement[] elsewhere;
    private EdgePlacement[] alongEdge;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, UNITS, 42, now);
        TravelTimeGraph graph = TravelTimeGraph.build(net, TravelProfile.CAR_EMERGENCY);
        store = new SourceBuckets(ContractionHierarchy.build(net, graph));
        UnitReading r = new UnitReading();
        alongEdge = new EdgePlacement[UNITS];
        for (int u = 0; u < UNITS; u++) {
            fleet.state().readUnit(u, r);
            EdgePlacement p = net.place(TravelProfile.CAR_EMERGENCY, "unit", new GeoPoint(r.latDeg(), r.lonDeg()));
            store.put(u, p, 0);
            double full = p.toBaseMetres() + p.toAdjMetres();
            alongEdge[u] = new EdgePlacement(
                    p.requested(), p.snapped(), p.snapDistanceMetres(), p.edgeId(), full * 0.3, full * 0.7);
        }
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        Random rnd = new Random(11);
        elsewhere = new EdgePlacement[4096];
        long settled = 0;
        for (int i = 0; i < elsewhere.length; ) {
            int node = junctions[rnd.nextInt(junctions.length)];
            try {
                elsewhere[i] = net.place(
                        TravelProfile.CAR_EMERGENCY,
                        "unit",
                        new GeoPoint(
                                na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.0018,
                                na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.0027));
                i++;
            } catch (org.bluelamp.error.BluelampException e) {
                // off the map: draw another
            }
        }
        for (int i = 0; i < 256; i++) {
            store.put(i % UNITS, elsewhere[i], 0);
            settled += store.lastSearchSettledNodes();
        }
        System.out.printf(
                Locale.ROOT,
                "%n[store] %s %d units: %.1f entries per unit (%.0f bytes of entries per unit at 24 B each; store"
                        + " %.1f MB incl. per-node and per-edge tables), %.0f nodes settled per move to another edge%n",
                map,
                UNITS,
                store.entryCount() / (double) UNITS,
                store.entryCount() * 24.0 / UNITS,
                store.memoryBytes() / 1e6,
                settled / 256.0);
    }

    @Benchmark
    public long moveToAnotherEdge() {
        int i = next++;
        store.put(i % UNITS, elsewhere[i & 4095], 0);
        return store.entryCount();
    }

    @Benchmark
    public long moveAlongSameEdge() {
        int u = next++ % UNITS;
        EdgePlacement p = store.placement(u);
        EdgePlacement q = alongEdge[u].edgeId() == p.edgeId() ? alongEdge[u] : p;
        store.put(u, q, 0);
        return store.entryCount();
    }
}
