package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hierarchy's k-label sweep against the k-label Dijkstra on real extracts: seeded random
 * fleets (units near random junctions, a quarter of them with a mobilisation delay of up to two
 * minutes), and every node's labels compared, time by time and unit by unit (a unit may differ
 * only where two labels tie, which either search may order either way). Reports the largest time
 * difference (the hierarchy's millisecond rounding, see {@link ContractionHierarchy}: none on these
 * extracts); prints the seed on failure. New York's agreement is checked by the benchmark tool
 * {@code CoverageSweepAgreement} (too large an import for a unit test): there the rounding shows,
 * 1 ms on under 0.2% of labels.
 */
class ManyToAllSweepRealMapTest {

    @ParameterizedTest(name = "{0} {1} seed {2}: {3} units, k {4}")
    @CsvSource({
        "rutland, car_emergency, 1, 200, 6, 900000",
        "rutland, car_emergency, 2, 20, 2, 480000",
        "rutland, car, 3, 50, 10, 1200000",
        "rutland, foot, 4, 30, 3, 1800000",
        "rutland, bike, 5, 40, 1, 600000",
        "andorra, car, 6, 100, 6, 900000",
        "leeds, foot, 7, 60, 4, 600000",
    })
    void everyNodesLabelsEqualTheDijkstras(String map, String profileName, long seed, int units, int k, int further) {
        RoadNetwork net = ManyToOneSearchTest.network(map);
        TravelProfile profile = TravelProfile.find(profileName).orElseThrow();
        TravelTimeGraph graph = TravelTimeGraph.build(net, profile);
        ContractionHierarchy ch = ContractionHierarchy.build(net, graph);
        assertNotNull(ch.sweepOrder(), "GraphHopper contracted every node of " + map + " " + profile);
        ManyToAllSearch sweep = new ManyToAllSearch(graph, k, ch);
        ManyToAllSearch dijkstra = new ManyToAllSearch(graph, k);
        Random rnd = new Random(seed);
        for (int round = 0; round < 2; round++) {
            sweep.start();
            dijkstra.start();
            for (int u = 0; u < units; u++) {
                EdgePlacement p = ManyToOneSearchTest.placeRandom(net, profile, rnd, "unit", false);
                int start = rnd.nextInt(4) == 0 ? rnd.nextInt(120_000) : 0;
                sweep.addSource(p, start);
                dijkstra.addSource(p, start);
            }
            // the second round as a candidate site's query: best times only within the further limit
            int first = round == 0 ? Integer.MAX_VALUE : further;
            sweep.run(first, further);
            dijkstra.run(first, further);
            assertTrue(sweep.swept());
            long maxDiff = 0;
            int tiesSwapped = 0;
            long labels = 0;
            for (int n = 0; n < graph.nodeCount(); n++) {
                int c = dijkstra.labelCount(n);
                final int node = n;
                final int r = round;
                assertEquals(
                        c,
                        sweep.labelCount(n),
                        () -> "seed " + seed + " round " + r + ": labels of node " + node + " (Dijkstra, sweep)");
                labels += c;
                for (int i = 0; i < c; i++) {
                    int expected = dijkstra.labelMillis(n, i);
                    int actual = sweep.labelMillis(n, i);
                    maxDiff = Math.max(maxDiff, Math.abs((long) expected - actual));
                    final int at = i;
                    assertEquals(
                            expected,
                            actual,
                            () -> "seed " + seed + " round " + r + ": node " + node + " label " + at + " ms");
                    if (dijkstra.labelSource(n, i) != sweep.labelSource(n, i)) {
                        boolean tie = i == c - 1
                                || (i > 0 && dijkstra.labelMillis(n, i - 1) == expected)
                                || dijkstra.labelMillis(n, i + 1) == expected;
                        assertTrue(
                                tie,
                                () -> "seed " + seed + " round " + r + ": node " + node + " label " + at + " unit "
                                        + sweep.labelSource(node, at) + " where the Dijkstra has "
                                        + dijkstra.labelSource(node, at) + " at " + expected + " ms, no tie");
                        tiesSwapped++;
                    }
                    for (int j = 0; j < i; j++) {
                        assertNotEquals(sweep.labelSource(n, j), sweep.labelSource(n, i), "a unit counted twice");
                    }
                }
            }
            System.out.printf(
                    "sweep vs Dijkstra %s %s seed %d round %d: %d nodes, %d labels, largest difference %d ms,"
                            + " %d tied labels with the other unit%n",
                    map, profile, seed, round, graph.nodeCount(), labels, maxDiff, tiesSwapped);
        }
    }
}
