package org.bluelamp.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageEvaluator;
import org.bluelamp.coverage.CoverageMatrix;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.UnitPlacement;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Greedy placement of 10 available cars over every junction of Rutland for Grade 1, demand = the
 * extract's buildings: {@code matrixAndGreedy} builds the covering matrix (one bounded forward
 * search per junction, on 2 threads) and places greedily (maximal covering); {@code greedyOnly}
 * places over a matrix built once (MEXCLP, q = 0.3, the harder objective: candidates may repeat).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class PlacementBenchmark {
    private CoverageArea area;
    private PolicyBook policies;
    private GradePolicy grade;
    private List<CandidateSite> junctions;
    private CoverageMatrix matrix;

    @Setup(Level.Trial)
    public void setup() {
        RoadNetwork net = BenchNetworks.open("rutland");
        policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        grade = new CoverageEvaluator(area, policies).gradeWithTarget("1");
        junctions = CoverageMatrix.junctions(area);
        matrix = build();
        System.out.printf("%n%d junctions, %d demand points%n", junctions.size(), area.siteCount());
    }

    private CoverageMatrix build() {
        return CoverageMatrix.build(
                area, policies, grade, junctions, UnitKind.CAR, UnitStatus.AVAILABLE, RoadConditions.NONE, 2);
    }

    @Benchmark
    public double matrixAndGreedy() {
        return UnitPlacement.greedy(build(), 10, UnitPlacement.Objective.COVERAGE, Double.NaN, null)
                .valueAfter();
    }

    @Benchmark
    public double greedyOnly() {
        return UnitPlacement.greedy(matrix, 10, UnitPlacement.Objective.EXPECTED, 0.3, null)
                .valueAfter();
    }
}
