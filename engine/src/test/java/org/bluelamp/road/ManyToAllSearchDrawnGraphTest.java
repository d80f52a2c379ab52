package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The many-to-all search on small graphs drawn by hand: best times and sources from several
 * units with different start times, the k nearest distinct sources of each node, one-way streets
 * followed forwards (units travel to places), limits, closed edges and slowed edges. Every edge is
 * 100 m long and takes 10 s unless drawn otherwise.
 */
class ManyToAllSearchDrawnGraphTest {
    private static final int ALL = Integer.MAX_VALUE;

    //   0 ---- 1 ---- 2
    //   |             |
    //   3 ---- 4 ---- 5
    private final DrawnGraph town = new DrawnGraph()
            .node(0, 0, 0)
            .node(1, 0, 1)
            .node(2, 0, 2)
            .node(3, 1, 0)
            .node(4, 1, 1)
            .node(5, 1, 2);
    private final int e01 = town.both(0, 1, 100, 10_000);
    private final int e12 = town.both(1, 2, 100, 10_000);
    private final int e03 = town.both(0, 3, 100, 10_000);
    private final int e25 = town.both(2, 5, 100, 10_000);
    private final int e34 = town.both(3, 4, 100, 10_000);
    private final int e45 = town.both(4, 5, 100, 10_000);

    @Test
    void everyNodeGetsItsBestTimeAndTheUnitThatGivesIt() {
        ManyToAllSearch search = new ManyToAllSearch(town.build(), 1);
        search.start();
        int atNode0 = search.addSource(town.at(e01, 0), 0); // on node 0
        int midway45 = search.addSource(town.at(e45, 50), 20_000); // between 4 and 5, mobilising for 20 s
        search.run(ALL, ALL);
        assertEquals(0, search.bestMillis(0));
        assertEquals(10_000, search.bestMillis(1));
        assertEquals(20_000, search.bestMillis(2));
        assertEquals(10_000, search.bestMillis(3));
        assertEquals(20_000, search.bestMillis(4)); // tie: 0-3-4 takes 20 s, the other unit 20 s + 5 s
        assertEquals(atNode0, search.bestSource(4));
        assertEquals(25_000, search.bestMillis(5));
        assertEquals(midway45, search.bestSource(5));
        for (int n = 0; n < 6; n++) {
            assertEquals(1, search.labelCount(n));
        }
    }

    @Test
    void theKNearestDistinctUnitsOfEveryNode() {
        ManyToAllSearch search = new ManyToAllSearch(town.build(), 3);
        search.start();
        int a = search.addSource(town.at(e01, 0), 0);
        int b = search.addSource(town.at(e25, 100), 0); // on node 5
        int c = search.addSource(town.at(e12, 50), 1_000);
        search.run(ALL, ALL);
        // node 2: c (1 + 5 s), b (10 s), a (20 s)
        assertEquals(3, search.labelCount(2));
        assertEquals(c, search.labelSource(2, 0));
        assertEquals(6_000, search.labelMillis(2, 0));
        assertEquals(b, search.labelSource(2, 1));
        assertEquals(10_000, search.labelMillis(2, 1));
        assertEquals(a, search.labelSource(2, 2));
        assertEquals(20_000, search.labelMillis(2, 2));
        // node 3: a (10 s), b (by 4: 20 s), c (by 1 and 0: 1 + 5 + 10 + 10 = 26 s)
        assertEquals(10_000, search.labelMillis(3, 0));
        assertEquals(20_000, search.labelMillis(3, 1));
        assertEquals(b, search.labelSource(3, 1));
        assertEquals(26_000, search.labelMillis(3, 2));
        assertEquals(c, search.labelSource(3, 2));
        assertEquals(3, search.countWithin(3, 26_000));
        assertEquals(2, search.countWithin(3, 25_999));
        assertEquals(1, search.countWithin(3, 19_999));
        // a unit is counted once per node, however many ways it arrives
        for (int n = 0; n < 6; n++) {
            assertEquals(3, search.labelCount(n));
            assertNotEquals(search.labelSource(n, 0), search.labelSource(n, 1));
            assertNotEquals(search.labelSource(n, 1), search.labelSource(n, 2));
            assertNotEquals(search.labelSource(n, 0), search.labelSource(n, 2));
        }
    }

    //   1   2   3   4   5      a unit on each spoke's end; spoke i takes i s
    //    \  \  |  /  /
    //            0 ---------- 6   (10 s)
    @Test
    void aNodeReachedByMoreThanKUnitsKeepsExactlyTheKBestAndPushesNoMore() {
        DrawnGraph star = new DrawnGraph().node(0, 1, 3).node(6, 1, 6);
        int[] spoke = new int[6];
        for (int i = 1; i <= 5; i++) {
            star.node(i, 0, i);
        }
        for (int i = 1; i <= 5; i++) {
            spoke[i] = star.both(i, 0, 100, i * 1_000);
        }
        star.both(0, 6, 100, 10_000);
        ManyToAllSearch search = new ManyToAllSearch(star.build(), 2);
        search.start();
        int[] unit = new int[6];
        for (int i = 1; i <= 5; i++) {
            unit[i] = search.addSource(star.at(spoke[i], 0), 0); // on spoke node i
        }
        search.run(ALL, ALL);
        // the hub: five units reach it, it keeps the two nearest
        assertEquals(2, search.labelCount(0));
        assertEquals(unit[1], search.labelSource(0, 0));
        assertEquals(1_000, search.labelMillis(0, 0));
        assertEquals(unit[2], search.labelSource(0, 1));
        assertEquals(2_000, search.labelMillis(0, 1));
        // and so does the node behind it
        assertEquals(2, search.labelCount(6));
        assertEquals(11_000, search.labelMillis(6, 0));
        assertEquals(unit[1], search.labelSource(6, 0));
        assertEquals(12_000, search.labelMillis(6, 1));
        assertEquals(unit[2], search.labelSource(6, 1));
        // spoke j: its own unit, then unit 1 through the hub (spoke 1: unit 2)
        for (int j = 2; j <= 5; j++) {
            assertEquals(unit[j], search.labelSource(j, 0));
            assertEquals(unit[1], search.labelSource(j, 1));
            assertEquals(1_000 + j * 1_000, search.labelMillis(j, 1));
        }
        assertEquals(unit[2], search.labelSource(1, 1));
        assertEquals(3_000, search.labelMillis(1, 1));
        // pruned at push: units 3 to 5 are never queued at the hub (two better ones are held), so
        // every label pushed is settled: 5 spoke ends, 2 at the hub, 5 through it, 2 behind it
        assertEquals(14, search.settledLabels());
        assertEquals(14, search.pushedLabels());
    }

    @Test
    void furtherLabelsStopAtTheirLimitAndBestTimesAtTheirs() {
        ManyToAllSearch search = new ManyToAllSearch(town.build(), 3);
        search.start();
        search.addSource(town.at(e01, 0), 0);
        search.addSource(town.at(e25, 100), 0);
        search.run(ALL, 15_000);
        assertEquals(1, search.labelCount(3)); // the second unit needs 20 s
        assertEquals(1, search.labelCount(1));
        assertEquals(10_000, search.labelMillis(1, 0));
        assertEquals(1, search.labelCount(4)); // 10 s from node 5; the first unit's 20 s is past the limit
        assertEquals(10_000, search.bestMillis(4));
        search.start();
        search.addSource(town.at(e01, 0), 0);
        search.run(15_000, 15_000);
        assertEquals(ManyToAllSearch.UNREACHED, search.bestMillis(2));
        assertEquals(ManyToAllSearch.UNREACHED, search.bestMillis(4));
        assertEquals(-1, search.bestSource(5));
        assertEquals(10_000, search.bestMillis(1));
    }

    //   0 --> 1 --> 2
    //   ^           |
    //   |           v
    //   3 <-------- 4
    @Test
    void oneWayStreetsAreFollowedForwards() {
        DrawnGraph g = new DrawnGraph()
                .node(0, 0, 0)
                .node(1, 0, 1)
                .node(2, 0, 2)
                .node(3, 1, 0)
                .node(4, 1, 2);
        int e01 = g.oneWay(0, 1, 100, 10_000);
        g.oneWay(1, 2, 100, 10_000);
        g.oneWay(2, 4, 100, 10_000);
        g.oneWay(4, 3, 100, 10_000);
        g.oneWay(3, 0, 100, 10_000);
        ManyToAllSearch search = new ManyToAllSearch(g.build(), 1);
        search.start();
        search.addSource(g.at(e01, 20), 0); // 20 m after node 0, facing 1
        search.run(ALL, ALL);
        assertEquals(8_000, search.bestMillis(1));
        assertEquals(18_000, search.bestMillis(2));
        assertEquals(28_000, search.bestMillis(4));
        assertEquals(38_000, search.bestMillis(3));
        assertEquals(48_000, search.bestMillis(0)); // all the way round: it cannot reverse along 0 -> 1
    }

    @Test
    void closedEdgesAreAvoidedButAUnitLeavesAlongItsOwnClosedRoad() {
        TravelTimeGraph graph = town.build();
        ManyToAllSearch search = new ManyToAllSearch(graph, 1);
        long[] closed = new long[1];
        closed[0] |= 1L << e12;
        closed[0] |= 1L << e03;
        search.start();
        search.closeEdges(closed);
        search.addSource(town.at(e01, 50), 0); // between 0 and 1
        search.addSource(town.at(e03, 30), 60_000); // inside the closure 0-3, 30 m from 0
        search.run(ALL, ALL);
        assertEquals(5_000, search.bestMillis(1));
        assertEquals(5_000, search.bestMillis(0));
        // 2: not 1-2 (closed) but round by 0? 0-3 is closed too: the second unit leaves to 3 (7 s)
        // then 3-4-5-2
        assertEquals(60_000 + 7_000, search.bestMillis(3));
        assertEquals(60_000 + 37_000, search.bestMillis(2));
        search.start(); // closures last one query
        search.addSource(town.at(e01, 50), 0);
        search.run(ALL, ALL);
        assertEquals(15_000, search.bestMillis(2));
    }

    @Test
    void slowedEdgesTakeLongerAndSoDoTheirParts() {
        TravelTimeGraph graph = town.build();
        ManyToAllSearch search = new ManyToAllSearch(graph, 1);
        double[] factors = new double[graph.edgeCount()];
        java.util.Arrays.fill(factors, 1);
        factors[e01] = 2.5;
        factors[e03] = 1.5;
        search.start();
        search.scaleEdges(factors);
        search.addSource(town.at(e01, 40), 0);
        search.run(ALL, ALL);
        assertEquals(10_000, search.bestMillis(0)); // 40 m of a 25 s edge
        assertEquals(15_000, search.bestMillis(1)); // 60 m of it
        assertEquals(25_000, search.bestMillis(3)); // + 15 s
        assertEquals(25_000, search.bestMillis(2));
        assertEquals(2.5, search.timeFactor(e01));
        assertThrows(IllegalStateException.class, () -> search.scaleEdges(null));
    }

    @Test
    void aSecondQueryForgetsTheFirst() {
        ManyToAllSearch search = new ManyToAllSearch(town.build(), 2);
        search.start();
        search.addSource(town.at(e01, 0), 0);
        search.addSource(town.at(e45, 100), 0);
        search.run(ALL, ALL);
        assertEquals(2, search.labelCount(3));
        search.start();
        search.addSource(town.at(e12, 100), 0); // node 2 only
        search.run(ALL, ALL);
        assertEquals(1, search.labelCount(3));
        assertEquals(30_000, search.bestMillis(3));
        assertEquals(0, search.bestSource(3));
        assertEquals(6, search.settledLabels());
        assertThrows(IllegalStateException.class, () -> search.run(ALL, ALL));
    }
}
