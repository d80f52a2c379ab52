package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The hierarchy's k-label sweep ({@link ManyToAllSweep}, run by {@link ManyToAllSearch} when given
 * a hierarchy) on small graphs drawn by hand with a hand-made contraction order: a node reached by
 * more units than it keeps labels for keeps exactly the k best, and so does the node below it that
 * only the downward sweep reaches; a shortcut stands for the contracted node between its ends;
 * labels after the first stop at the further limit; a query with closed edges runs the Dijkstra
 * instead. Every edge is 100 m long and takes 10 s unless drawn otherwise.
 */
class ManyToAllSweepDrawnGraphTest {
    private static final int ALL = Integer.MAX_VALUE;

    //   leaves 0..4 each joined to hub 5 (5 is the top of the hierarchy); 6 hangs below the hub
    private final DrawnGraph star = new DrawnGraph()
            .node(0, 0, 0)
            .node(1, 0, 1)
            .node(2, 0, 2)
            .node(3, 2, 0)
            .node(4, 2, 2)
            .node(5, 1, 1)
            .node(6, 1, 3);
    private final int[] spoke = {
        star.both(0, 5, 100, 10_000),
        star.both(1, 5, 100, 10_000),
        star.both(2, 5, 100, 10_000),
        star.both(3, 5, 100, 10_000),
        star.both(4, 5, 100, 10_000)
    };
    private final int e56 = star.both(5, 6, 100, 7_000);

    /** Both directions of every drawn edge, plus the given shortcut arcs (tail, head, millis). */
    private static ContractionHierarchy hierarchy(TravelTimeGraph g, int[] level, int... shortcuts) {
        int arcs = 2 * g.edgeCount() + shortcuts.length / 3;
        int[] tail = new int[arcs];
        int[] head = new int[arcs];
        int[] millis = new int[arcs];
        int a = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            tail[a] = g.edgeBase(e);
            head[a] = g.edgeAdj(e);
            millis[a++] = g.edgeFwdMillis(e);
            tail[a] = g.edgeAdj(e);
            head[a] = g.edgeBase(e);
            millis[a++] = g.edgeBwdMillis(e);
        }
        for (int i = 0; i < shortcuts.length; i += 3) {
            tail[a] = shortcuts[i];
            head[a] = shortcuts[i + 1];
            millis[a++] = shortcuts[i + 2];
        }
        return new ContractionHierarchy(g, level, tail, head, millis);
    }

    @Test
    void aHubReachedByFiveUnitsKeepsExactlyTheTwoBestAndSoDoesTheNodeBelowIt() {
        TravelTimeGraph g = star.build();
        // 6 first, then the leaves, the hub last
        ContractionHierarchy ch = hierarchy(g, new int[] {1, 2, 3, 4, 5, 6, 0});
        ManyToAllSearch search = new ManyToAllSearch(g, 2, ch);
        assertTrue(search.hasSweep());
        search.start();
        // one unit at each leaf (the base of its spoke), setting off at 9, 3, 7, 1 and 5 s
        int[] startMillis = {9_000, 3_000, 7_000, 1_000, 5_000};
        int[] unit = new int[5];
        for (int i = 0; i < 5; i++) {
            unit[i] = search.addSource(star.at(spoke[i], 0), startMillis[i]);
        }
        search.run(ALL, ALL);
        assertTrue(search.swept());
        // the hub: unit 3 (1 + 10 s), unit 1 (3 + 10 s); the other three dropped
        assertEquals(2, search.labelCount(5));
        assertEquals(unit[3], search.labelSource(5, 0));
        assertEquals(11_000, search.labelMillis(5, 0));
        assertEquals(unit[1], search.labelSource(5, 1));
        assertEquals(13_000, search.labelMillis(5, 1));
        // node 6, below the hub, only reached by the sweep: the same two, 7 s later
        assertEquals(2, search.labelCount(6));
        assertEquals(unit[3], search.labelSource(6, 0));
        assertEquals(18_000, search.labelMillis(6, 0));
        assertEquals(unit[1], search.labelSource(6, 1));
        assertEquals(20_000, search.labelMillis(6, 1));
        assertEquals(2, search.countWithin(6, 20_000));
        assertEquals(1, search.countWithin(6, 19_999));
        // leaf 0: its own unit (9 s) and unit 3 by the hub (1 + 10 + 10 s)
        assertEquals(unit[0], search.labelSource(0, 0));
        assertEquals(9_000, search.labelMillis(0, 0));
        assertEquals(unit[3], search.labelSource(0, 1));
        assertEquals(21_000, search.labelMillis(0, 1));
        // leaf 3: its own unit (1 s), then unit 1 by the hub (3 + 20 s)
        assertEquals(1_000, search.bestMillis(3));
        assertEquals(unit[3], search.bestSource(3));
        assertEquals(unit[1], search.labelSource(3, 1));
        assertEquals(23_000, search.labelMillis(3, 1));
        assertSameAsDijkstra(g, search, 2, ALL);
    }

    @Test
    void furtherLabelsStopAtTheFurtherLimitAndBestTimesDoNot() {
        TravelTimeGraph g = star.build();
        ContractionHierarchy ch = hierarchy(g, new int[] {1, 2, 3, 4, 5, 6, 0});
        ManyToAllSearch search = new ManyToAllSearch(g, 3, ch);
        search.start();
        search.addSource(star.at(spoke[0], 0), 0);
        search.addSource(star.at(spoke[1], 0), 5_000);
        search.run(ALL, 16_000);
        assertTrue(search.swept());
        // node 6: unit 0 at 17 s (beyond 16 s, but its best), unit 1 at 22 s dropped
        assertEquals(1, search.labelCount(6));
        assertEquals(17_000, search.bestMillis(6));
        // the hub: 10 s and 15 s, both within
        assertEquals(2, search.labelCount(5));
        assertSameAsDijkstra(g, search, 3, 16_000);
    }

    //   0 -- 1 -- 2 -- 3, with 1 and 2 contracted first: shortcuts 0-2 (20 s) and 0-3 (30 s)
    @Test
    void aShortcutStandsForTheContractedNodes() {
        DrawnGraph line =
                new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 0, 2).node(3, 0, 3);
        line.both(0, 1, 100, 10_000);
        line.both(1, 2, 100, 10_000);
        int e23 = line.both(2, 3, 100, 10_000);
        TravelTimeGraph g = line.build();
        // contract 1 (shortcut 0-2), then 2 (shortcut 0-3 through the first one), then 0, then 3
        ContractionHierarchy ch =
                hierarchy(g, new int[] {2, 0, 1, 3}, 0, 2, 20_000, 2, 0, 20_000, 0, 3, 30_000, 3, 0, 30_000);
        ManyToAllSearch search = new ManyToAllSearch(g, 2, ch);
        search.start();
        int atZero = search.addSource(line.at(0, 0), 0);
        int atThree = search.addSource(line.at(e23, 100), 4_000);
        search.run(ALL, ALL);
        assertTrue(search.swept());
        assertEquals(atZero, search.bestSource(1));
        assertEquals(10_000, search.bestMillis(1));
        assertEquals(atThree, search.labelSource(1, 1));
        assertEquals(24_000, search.labelMillis(1, 1));
        assertEquals(atThree, search.bestSource(2));
        assertEquals(14_000, search.bestMillis(2));
        assertEquals(20_000, search.labelMillis(2, 1));
        assertSameAsDijkstra(g, search, 2, ALL);
    }

    @Test
    void aQueryWithClosedEdgesRunsTheDijkstra() {
        TravelTimeGraph g = star.build();
        ContractionHierarchy ch = hierarchy(g, new int[] {1, 2, 3, 4, 5, 6, 0});
        ManyToAllSearch search = new ManyToAllSearch(g, 2, ch);
        search.start();
        long[] closed = new long[1];
        closed[0] |= 1L << e56;
        search.closeEdges(closed);
        search.addSource(star.at(spoke[0], 0), 0);
        search.run(ALL, ALL);
        assertFalse(search.swept());
        assertEquals(ManyToAllSearch.UNREACHED, search.bestMillis(6));
        assertEquals(10_000, search.bestMillis(5));
        // the next query without conditions sweeps again
        search.start();
        search.addSource(star.at(spoke[0], 0), 0);
        search.run(ALL, ALL);
        assertTrue(search.swept());
        assertEquals(17_000, search.bestMillis(6));
    }

    @Test
    void nodesOfEqualLevelGetNoSweep() {
        TravelTimeGraph g = star.build();
        ContractionHierarchy ch = hierarchy(g, new int[] {1, 1, 3, 4, 5, 6, 0});
        assertNull(ch.sweepOrder());
        ManyToAllSearch search = new ManyToAllSearch(g, 2, ch);
        assertFalse(search.hasSweep());
        assertThrows(IllegalArgumentException.class, () -> new ManyToAllSweep(ch, 2));
    }

    /** Every node's labels equal those of the Dijkstra over the same sources (no ties drawn). */
    private static void assertSameAsDijkstra(TravelTimeGraph g, ManyToAllSearch swept, int k, int further) {
        ManyToAllSearch dijkstra = new ManyToAllSearch(g, k);
        dijkstra.start();
        for (int s = 0; s < swept.sourceCount(); s++) {
            dijkstra.addSource(swept.sourcePlacement(s), swept.sourceStartMillis(s));
        }
        dijkstra.run(ALL, further);
        for (int n = 0; n < g.nodeCount(); n++) {
            assertEquals(dijkstra.labelCount(n), swept.labelCount(n), "labels of node " + n);
            for (int i = 0; i < dijkstra.labelCount(n); i++) {
                assertEquals(dijkstra.labelMillis(n, i), swept.labelMillis(n, i), "node " + n + " label " + i);
                assertEquals(dijkstra.labelSource(n, i), swept.labelSource(n, i), "node " + n + " label " + i);
            }
        }
    }
}
