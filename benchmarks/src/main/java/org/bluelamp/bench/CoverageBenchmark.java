package org.bluelamp.bench;

import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.storage.index.Snap;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.RoadNetwork;
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
 * One coverage evaluation of a deployment of available cars for Grade 1 ({@code evaluate}: one
 * forward multi-source search per profile, with each node's nearest units counted for MEXCLP, then
 * every road edge's length and every demand point measured), against what a GraphHopper user would
 * write ({@code shortestPathTreePerUnit}: one {@link ShortestPathTree} per unit bounded at the
 * 20-minute rural target, merged into the best time per node; it measures nodes only, neither
 * road length nor demand points, so it does less than {@code evaluate}). Demand: the extract's
 * buildings (or addresses, or road length when it maps neither). {@code liveRefresh}: what the
 * service does when the live fleet's coverage is refreshed ({@link LiveCoverage#current} past its
 * interval): the same units registered in a {@link org.bluelamp.fleet.FleetState} as available cars
 * at their positions, read back as a deployment and evaluated into the full report (no busy
 * fraction, Grade 1, no gaps' geometry), each after one unit's status changed (so each is a new
 * evaluation); {@code liveRefreshUnchanged}: the same with the fleet as it was (the last evaluation
 * is reused).
 *
 * <p>For CPU time per operation of the measuring thread (the figure that means something on a
 * shared machine), run {@link CoverageCpuTime}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CoverageBenchmark {
    @Param({"rutland", "newyork", "national"})
    public String map;

    @Param({"20", "200"})
    public int units;

    private RoadNetwork net;
    private CoverageEvaluator evaluator;
    private CoverageEvaluator dijkstraEvaluator;
    private Deployment deployment;
    private GradePolicy grade;
    private List<GeoPoint> positions;
    private LiveCoverage live;
    private org.bluelamp.fleet.FleetState liveFleet;
    private long statusMillis;
    private int refreshes;

    @Setup(Level.Trial)
    public void setup() {
        net = BenchNetworks.open(map);
        PolicyBook policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        evaluator = new CoverageEvaluator(area, policies);
        // the same area with the hierarchy hidden: the k-label Dijkstra, the baseline of the sweep
        CoverageArea dijkstraArea = CoverageArea.build(
                withoutHierarchy(area.roads()), UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        dijkstraEvaluator = new CoverageEvaluator(dijkstraArea, policies);
        grade = evaluator.gradeWithTarget("1");
        Random rnd = new Random(42);
        positions = new ArrayList<>();
        List<PlannedUnit> list = new ArrayList<>();
        while (list.size() < units) {
            GeoPoint p = net.nodePoint(rnd.nextInt(net.nodeCount()));
            try {
                net.place(TravelProfile.CAR_EMERGENCY, "unit", p);
            } catch (RuntimeException e) {
                continue; // off the main network
            }
            positions.add(p);
            list.add(PlannedUnit.at("U" + list.size(), UnitKind.CAR, UnitStatus.AVAILABLE, p));
        }
        deployment = new Deployment(list, Map.of(), OptionalDouble.of(0.3));
        long now = System.currentTimeMillis();
        liveFleet = BenchFleet.at(positions, now);
        statusMillis = now - 50_000;
        live = new LiveCoverage(
                new CoveragePlanner(area, policies), liveFleet, InstantSource.fixed(Instant.ofEpochMilli(now)), "1", 0);
        System.out.printf(
                "%nlive refresh: %d units counted, demand share %.4f%n",
                live.current().deployment().units().size(),
                live.current().report().demand().share());
        long t0 = System.nanoTime();
        evaluator.run(deployment, grade, RoadConditions.NONE);
        System.out.printf(
                "first evaluation (builds the hierarchy and its sweep order): %.0f ms%n",
                (System.nanoTime() - t0) / 1e6);
        dijkstraEvaluator.run(deployment, grade, RoadConditions.NONE);
        if (dijkstraEvaluator.demandShare() != evaluator.demandShare()
                || dijkstraEvaluator.expectedShare() != evaluator.expectedShare()) {
            System.out.printf(
                    "NOTE: the Dijkstra's shares differ: demand %.6f, expected %.6f%n",
                    dijkstraEvaluator.demandShare(), dijkstraEvaluator.expectedShare());
        }
        System.out.printf(
                "%n%s, %d units: road share %.4f, demand share %.4f, expected %.4f, %d demand points%n",
                map,
                units,
                evaluator.roadShare(),
                evaluator.demandShare(),
                evaluator.expectedShare(),
                area.siteCount());
    }

    /** The roads as given, but without a contraction hierarchy: evaluations run the k-label Dijkstra. */
    static CoverageRoads withoutHierarchy(CoverageRoads roads) {
        return new CoverageRoads() {
            @Override
            public List<TravelProfile> profiles() {
                return roads.profiles();
            }

            @Override
            public TravelTimeGraph graph(TravelProfile profile) {
                return roads.graph(profile);
            }

            @Override
            public long[] mainNetworkEdges(TravelProfile profile) {
                return roads.mainNetworkEdges(profile);
            }

            @Override
            public EdgePlacement place(TravelProfile profile, String field, GeoPoint point) {
                return roads.place(profile, field, point);
            }

            @Override
            public EdgePlacement place(TravelProfile profile, String field, GeoPoint point, long[] closedEdges) {
                return roads.place(profile, field, point, closedEdges);
            }

            @Override
            public double[][] edgeGeometry(int edge) {
                return roads.edgeGeometry(edge);
            }
        };
    }

    /** The same evaluation with the k-label Dijkstra ({@code ManyToAllSearch} without a hierarchy). */
    @Benchmark
    public double evaluateDijkstra() {
        dijkstraEvaluator.run(deployment, grade, RoadConditions.NONE);
        return dijkstraEvaluator.demandShare();
    }

    @Benchmark
    public double evaluate() {
        evaluator.run(deployment, grade, RoadConditions.NONE);
        return evaluator.demandShare();
    }

    /**
     * The same evaluation counts only ({@link CoverageEvaluator#runCounts}: every demand site's
     * units within target, what move-up advice reads), the searches included.
     */
    @Benchmark
    public int evaluateCounts() {
        evaluator.runCounts(deployment, grade, RoadConditions.NONE);
        return evaluator.siteCounts().length;
    }

    /**
     * One refresh after a change: one unit (in turn) goes on a refreshment break or comes back
     * available, then the live coverage is read (a new evaluation: an unchanged fleet would reuse
     * the last one).
     */
    @Benchmark
    public double liveRefresh() {
        int r = refreshes++;
        String unit = "U" + (r / 2 % units);
        liveFleet.setStatus(unit, r % 2 == 0 ? UnitStatus.REFRESHMENT : UnitStatus.AVAILABLE, null, ++statusMillis);
        return live.current().report().demand().share();
    }

    /** One refresh with the fleet unchanged since the last: the last evaluation reused. */
    @Benchmark
    public double liveRefreshUnchanged() {
        return live.current().report().demand().share();
    }

    @Benchmark
    public int shortestPathTreePerUnit() {
        var hopper = net.oracle().graphHopper();
        var filter = net.oracle().snapFilter(TravelProfile.CAR_EMERGENCY);
        var weighting = net.oracle().weighting(TravelProfile.CAR_EMERGENCY);
        int n = hopper.getBaseGraph().getNodes();
        long[] best = new long[n];
        Arrays.fill(best, Long.MAX_VALUE);
        for (GeoPoint p : positions) {
            Snap snap = hopper.getLocationIndex().findClosest(p.latDeg(), p.lonDeg(), filter);
            QueryGraph qg = QueryGraph.create(hopper.getBaseGraph(), snap);
            ShortestPathTree tree = new ShortestPathTree(qg, weighting, false, TraversalMode.NODE_BASED);
            tree.setTimeLimit(20 * 60_000);
            tree.search(snap.getClosestNode(), label -> {
                if (label.node < n && label.time < best[label.node]) {
                    best[label.node] = label.time;
                }
            });
        }
        int within = 0;
        for (long t : best) {
            if (t <= 15 * 60_000) {
                within++;
            }
        }
        return within;
    }
}
