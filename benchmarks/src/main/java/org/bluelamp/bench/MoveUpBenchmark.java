package org.bluelamp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Move-up advice for a fleet with committed units: {@code advice} ({@link MoveUpPlanner}: the
 * posts' covering matrix built once, one evaluation per step, gains read from the matrix) against
 * what one would write without it ({@code evaluateEveryMove}: the same greedy, each step evaluating
 * the fleet with every free unit moved to every post, one full coverage evaluation per candidate
 * move). Both pick the same moves (printed at set-up). Demand: the extract's buildings; posts:
 * {@code posts} random road nodes; half the units committed ({@code EN_ROUTE}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MoveUpBenchmark {
    @Param({"rutland"})
    public String map;

    @Param({"8"})
    public int units;

    @Param({"8"})
    public int posts;

    private static final int MOVES = 3;

    private CoverageEvaluator evaluator;
    private MoveUpPlanner planner;
    private Deployment fleet;
    private GradePolicy grade;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open(map);
        PolicyBook policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        evaluator = new CoverageEvaluator(area, policies);
        grade = evaluator.gradeWithTarget("1");
        Random rnd = new Random(42);
        List<CandidateSite> sites = new ArrayList<>();
        while (sites.size() < posts) {
            GeoPoint p = onRoad(net, rnd);
            sites.add(new CandidateSite("P" + sites.size(), "post " + sites.size(), p));
        }
        planner = MoveUpPlanner.prepare(area, policies, "1", sites, 1);
        List<PlannedUnit> list = new ArrayList<>();
        while (list.size() < units) {
            UnitStatus status = list.size() % 2 == 0 ? UnitStatus.EN_ROUTE : UnitStatus.AVAILABLE;
            list.add(PlannedUnit.at("U" + list.size(), UnitKind.CAR, status, onRoad(net, rnd)));
        }
        fleet = new Deployment(list, Map.of(), OptionalDouble.empty());
        System.out.printf(
                "%n%s, %d units, %d posts: advice %s%n  every move evaluated: %s%n",
                map, units, posts, names(advice()), evaluateEveryMove());
    }

    private static GeoPoint onRoad(RoadNetwork net, Random rnd) {
        while (true) {
            GeoPoint p = net.nodePoint(rnd.nextInt(net.nodeCount()));
            try {
                net.place(TravelProfile.CAR_EMERGENCY, "p", p);
                return p;
            } catch (RuntimeException e) {
                // off the main network: draw again
            }
        }
    }

    private static List<String> names(MoveUpPlanner.Advice a) {
        List<String> out = new ArrayList<>();
        for (MoveUpPlanner.Move m : a.moves()) {
            out.add(m.unitId() + "->" + m.post().id());
        }
        return out;
    }

    @Benchmark
    public MoveUpPlanner.Advice advice() {
        return planner.advise(evaluator, fleet, MOVES);
    }

    @Benchmark
    public List<String> evaluateEveryMove() {
        List<PlannedUnit> now = new ArrayList<>(fleet.units());
        boolean[] moved = new boolean[now.size()];
        evaluator.run(new Deployment(now, Map.of(), OptionalDouble.empty()), grade, RoadConditions.NONE);
        double share = evaluator.demandShare();
        List<String> out = new ArrayList<>();
        for (int step = 0; step < MOVES; step++) {
            int bestUnit = -1;
            int bestPost = -1;
            double best = share + 1e-12;
            for (int u = 0; u < now.size(); u++) {
                PlannedUnit unit = now.get(u);
                if (moved[u] || !MoveUpPlanner.MOVABLE.contains(unit.status())) {
                    continue;
                }
                for (int p = 0; p < planner.posts().size(); p++) {
                    List<PlannedUnit> trial = new ArrayList<>(now);
                    trial.set(
                            u,
                            new PlannedUnit(
                                    unit.id(),
                                    unit.kind(),
                                    UnitStatus.AVAILABLE,
                                    planner.posts().get(p).position(),
                                    "",
                                    Double.NaN));
                    evaluator.run(new Deployment(trial, Map.of(), OptionalDouble.empty()), grade, RoadConditions.NONE);
                    double s = evaluator.demandShare();
                    if (s > best) {
                        best = s;
                        bestUnit = u;
                        bestPost = p;
                    }
                }
            }
            if (bestUnit < 0) {
                break;
            }
            PlannedUnit unit = now.get(bestUnit);
            now.set(
                    bestUnit,
                    new PlannedUnit(
                            unit.id(),
                            unit.kind(),
                            UnitStatus.AVAILABLE,
                            planner.posts().get(bestPost).position(),
                            "",
                            Double.NaN));
            moved[bestUnit] = true;
            share = best;
            out.add(unit.id() + "->" + planner.posts().get(bestPost).id());
        }
        return out;
    }
}
