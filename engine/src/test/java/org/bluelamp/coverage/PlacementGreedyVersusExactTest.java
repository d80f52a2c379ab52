package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * Greedy placement against the exact optimum (branch and bound) on small real instances on the
 * Rutland extract, demand = the extract's buildings, Grade 1: officers on foot over 30 seeded random
 * junctions of Oakham (their reaches overlap, so the choice matters), and cars over 30 seeded random
 * junctions of the whole county. For each instance: the exact search finishes (proven optimum),
 * greedy never beats it, and greedy reaches at least 1 − 1/e of what the optimum adds (Nemhauser,
 * Wolsey and Fisher 1978). Writes the table to {@code target/placement-greedy-vs-exact.md}; the copy
 * in {@code docs/placement.md} was made from it.
 */
class PlacementGreedyVersusExactTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());
    private static final GeoPoint OAKHAM = new GeoPoint(52.6705, -0.7333);
    private static final double BOUND = 1 - 1 / Math.E;

    @Test
    void greedyIsWithinOneMinusOneOverEOfTheOptimumAndNeverAbove() throws IOException {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        GradePolicy grade = ev.gradeWithTarget("1");
        List<CandidateSite> junctions = CoverageMatrix.junctions(area);
        StringBuilder table = new StringBuilder();
        table.append("| units | candidates | objective | K | greedy share | optimum share | greedy / optimum"
                + " | exact branches |\n|---|---|---|---|---|---|---|---|\n");
        int rows = 0;
        for (UnitKind kind : List.of(UnitKind.FOOT, UnitKind.CAR)) {
            long seed = kind == UnitKind.FOOT ? 7 : 8;
            List<CandidateSite> pool = new ArrayList<>();
            for (CandidateSite c : junctions) {
                if (kind == UnitKind.CAR || c.position().distanceMetresTo(OAKHAM) < 1500) {
                    pool.add(c);
                }
            }
            Collections.shuffle(pool, new Random(seed));
            List<CandidateSite> candidates = pool.subList(0, Math.min(30, pool.size()));
            CoverageMatrix m = CoverageMatrix.build(
                    area, POLICY, grade, candidates, kind, UnitStatus.AVAILABLE, RoadConditions.NONE, 2);
            String where =
                    kind == UnitKind.FOOT ? "foot, Oakham junctions (seed 7)" : "cars, county junctions (seed 8)";
            for (UnitPlacement.Objective objective : UnitPlacement.Objective.values()) {
                double q = objective == UnitPlacement.Objective.EXPECTED ? 0.3 : Double.NaN;
                int maxK = objective == UnitPlacement.Objective.EXPECTED ? 4 : 5;
                for (int k = 1; k <= maxK; k++) {
                    UnitPlacement.Result greedy = UnitPlacement.greedy(m, k, objective, q, null);
                    UnitPlacement.Result exact = UnitPlacement.exact(m, k, objective, q, null, 20_000_000L);
                    String ctx = where + ", " + objective + ", K=" + k;
                    assertTrue(exact.optimal(), ctx + ": the exact search must finish");
                    assertEquals(k, exact.picks().size(), ctx);
                    assertTrue(greedy.valueAfter() <= exact.valueAfter() + 1e-6, ctx + ": greedy above the optimum");
                    double ratio = exact.valueAfter() > 0 ? greedy.valueAfter() / exact.valueAfter() : 1;
                    assertTrue(ratio >= BOUND - 1e-9, ctx + ": greedy below 1 - 1/e of the optimum: " + ratio);
                    table.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %d | %.4f | %.4f | %.4f | %d |%n",
                            where,
                            candidates.size(),
                            objective == UnitPlacement.Objective.EXPECTED ? "MEXCLP q=0.3" : "maximal covering",
                            k,
                            greedy.shareAfter(),
                            exact.shareAfter(),
                            ratio,
                            exact.searchNodes()));
                    rows++;
                }
            }
        }
        assertEquals(18, rows);
        Path out = Path.of("target", "placement-greedy-vs-exact.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
    }
}
