package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The many-to-one search on small graphs drawn by hand, without any map: one-way streets, a source
 * and the target on the same edge, zero-length edges, closed edges, resuming with a ceiling and
 * sources added late. Every edge is 100 m long and takes 10 s unless drawn otherwise.
 */
class ManyToOneSearchDrawnGraphTest {
    private static final int NEVER_STOP = Integer.MAX_VALUE;

    /** Collects confirmed sources in order and never stops the search. */
    private static final class Confirmations implements ManyToOneSearch.Goal {
        final List<Integer> sources = new ArrayList<>();
        final List<Integer> totals = new ArrayList<>();

        @Override
        public boolean accept(int source, int totalMillis) {
            sources.add(source);
            totals.add(totalMillis);
            return false;
        }
    }

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
    void sourcesAreConfirmedInOrderOfTimeWithTheirRoutes() {
        ManyToOneSearch search = new ManyToOneSearch(town.build());
        search.start(town.at(e12, 50)); // the incident halfway between 1 and 2
        int atNode0 = search.addSource(town.at(e01, 0), 0);
        int nearNode4 = search.addSource(town.at(e45, 30), 0);
        int onTargetEdge = search.addSource(town.at(e12, 20), 0);
        Confirmations c = new Confirmations();
        assertFalse(search.run(c, NEVER_STOP));
        assertTrue(search.exhausted());
        assertEquals(List.of(onTargetEdge, atNode0, nearNode4), c.sources);
        assertEquals(List.of(3_000, 15_000, 22_000), c.totals);
        assertEquals(15_000, search.roadMillis(atNode0));
        assertEquals(150, search.roadMetres(atNode0), 1e-9);
        // 30 m to node 4 and round by 3, 0 and 1 is slower than 70 m to node 5 and up to 2
        assertEquals(22_000, search.roadMillis(nearNode4));
        assertEquals(70 + 100 + 50, search.roadMetres(nearNode4), 1e-9);
        RoadPath path = search.path(nearNode4);
        assertArrayEquals(new int[] {5, 2}, path.nodes());
        assertArrayEquals(new int[] {e25}, path.edges());
        // along the incident's own edge, through no node
        assertEquals(3_000, search.roadMillis(onTargetEdge));
        assertEquals(30, search.roadMetres(onTargetEdge), 1e-9);
        assertTrue(search.path(onTargetEdge).alongTargetEdge());
    }

    @Test
    void extraTimeOrdersSourcesButIsNotRoadTime() {
        ManyToOneSearch search = new ManyToOneSearch(town.build());
        search.start(town.at(e12, 50));
        int slowToStart = search.addSource(town.at(e12, 20), 30_000);
        int far = search.addSource(town.at(e45, 30), 0);
        Confirmations c = new Confirmations();
        search.run(c, NEVER_STOP);
        assertEquals(List.of(far, slowToStart), c.sources);
        assertEquals(List.of(22_000, 33_000), c.totals);
        assertEquals(3_000, search.roadMillis(slowToStart));
        assertThrows(IllegalArgumentException.class, () -> search.addSource(town.at(e01, 0), -1));
    }

    //   0 --> 1 --> 2
    //   ^           |
    //   |           v
    //   3 <-------- 4
    @Test
    void oneWayStreetsAreFollowedRoundTheBlock() {
        DrawnGraph g = new DrawnGraph()
                .node(0, 0, 0)
                .node(1, 0, 1)
                .node(2, 0, 2)
                .node(3, 1, 0)
                .node(4, 1, 2);
        int e01 = g.oneWay(0, 1, 100, 10_000);
        int e12 = g.oneWay(1, 2, 100, 10_000);
        int e24 = g.oneWay(2, 4, 100, 10_000);
        int e43 = g.oneWay(4, 3, 100, 10_000);
        int e30 = g.oneWay(3, 0, 100, 10_000);
        ManyToOneSearch search = new ManyToOneSearch(g.build());
        search.start(g.at(e12, 50));
        int downstream = search.addSource(g.at(e12, 80), 0); // past the incident on its one-way street
        int upstream = search.addSource(g.at(e12, 20), 0);
        int before = search.addSource(g.at(e01, 50), 0);
        Confirmations c = new Confirmations();
        search.run(c, NEVER_STOP);
        assertEquals(List.of(upstream, before, downstream), c.sources);
        assertEquals(3_000, search.roadMillis(upstream));
        assertEquals(10_000, search.roadMillis(before));
        // 20 m on to node 2, then 2, 4, 3, 0, 1 and half of 1-2
        assertEquals(2_000 + 40_000 + 5_000, search.roadMillis(downstream));
        RoadPath round = search.path(downstream);
        assertArrayEquals(new int[] {2, 4, 3, 0, 1}, round.nodes());
        assertArrayEquals(new int[] {e24, e43, e30, e01}, round.edges());
        assertEquals(20 + 400 + 50, search.roadMetres(downstream), 1e-9);
    }

    //   0 --- 1 === 2 --- 3      (1 === 2: a zero-length edge taking no time)
    @Test
    void zeroLengthEdgesCostNothingAndCanHoldPoints() {
        DrawnGraph g =
                new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 0, 1).node(3, 0, 2);
        int e01 = g.both(0, 1, 100, 10_000);
        int e12 = g.both(1, 2, 0, 0);
        int e23 = g.both(2, 3, 100, 10_000);
        ManyToOneSearch search = new ManyToOneSearch(g.build());
        search.start(g.at(e23, 50));
        int across = search.addSource(g.at(e01, 50), 0);
        int onTheZeroEdge = search.addSource(g.at(e12, 0), 0);
        search.run(new Confirmations(), NEVER_STOP);
        assertEquals(10_000, search.roadMillis(across));
        assertEquals(100, search.roadMetres(across), 1e-9);
        assertArrayEquals(new int[] {1, 2}, search.path(across).nodes());
        assertArrayEquals(new int[] {e12}, search.path(across).edges());
        assertEquals(5_000, search.roadMillis(onTheZeroEdge));
        assertEquals(50, search.roadMetres(onTheZeroEdge), 1e-9);
        // and the incident itself on the zero-length edge
        search.start(g.at(e12, 0));
        int fromZero = search.addSource(g.at(e01, 0), 0);
        int fromThree = search.addSource(g.at(e23, 100), 0);
        search.run(new Confirmations(), NEVER_STOP);
        assertEquals(10_000, search.roadMillis(fromZero));
        assertEquals(10_000, search.roadMillis(fromThree));
        assertEquals(100, search.roadMetres(fromThree), 1e-9);
    }

    @Test
    void closedEdgesAreAvoidedForThisQueryOnly() {
        TravelTimeGraph graph = town.build();
        ManyToOneSearch search = new ManyToOneSearch(graph);
        search.start(town.at(e12, 50));
        search.blockEdges(bits(graph, e25));
        int nearNode4 = search.addSource(town.at(e45, 30), 0);
        search.run(new Confirmations(), NEVER_STOP);
        // 2-5 closed: round by 4, 3, 0 and 1
        assertEquals(3_000 + 30_000 + 5_000, search.roadMillis(nearNode4));
        assertArrayEquals(new int[] {4, 3, 0, 1}, search.path(nearNode4).nodes());
        assertArrayEquals(new int[] {e34, e03, e01}, search.path(nearNode4).edges());
        // 2-5 and 3-4 closed: node 4 and 5 are cut off
        search.start(town.at(e12, 50));
        search.blockEdges(bits(graph, e25, e34));
        int cutOff = search.addSource(town.at(e45, 30), 0);
        int fine = search.addSource(town.at(e01, 0), 0);
        Confirmations c = new Confirmations();
        assertFalse(search.run(c, NEVER_STOP));
        assertTrue(search.exhausted());
        assertEquals(List.of(fine), c.sources);
        assertFalse(search.isConfirmed(cutOff));
        // the next query has no closures
        search.start(town.at(e12, 50));
        int again = search.addSource(town.at(e45, 30), 0);
        search.run(new Confirmations(), NEVER_STOP);
        assertEquals(22_000, search.roadMillis(again));
    }

    @Test
    void aSearchResumesAboveItsCeilingAndTakesSourcesAddedLate() {
        ManyToOneSearch search = new ManyToOneSearch(town.build());
        search.start(town.at(e12, 50));
        int atNode0 = search.addSource(town.at(e01, 0), 0);
        Confirmations c = new Confirmations();
        assertFalse(search.run(c, 10_000));
        assertFalse(search.exhausted(), "stopped at the ceiling, not at the end of the graph");
        assertEquals(List.of(), c.sources, "15 s is above the 10 s ceiling");
        int settledAtCeiling = search.settledNodes();
        assertTrue(settledAtCeiling >= 2, "nodes 1 and 2 were settled");
        // late sources, each at least the ceiling away in total; one joins at node 1, already settled
        int late = search.addSource(town.at(e45, 30), 0);
        int joinsSettledNode = search.addSource(town.at(e01, 90), 20_000);
        assertFalse(search.run(c, NEVER_STOP));
        assertEquals(List.of(atNode0, late, joinsSettledNode), c.sources);
        assertEquals(List.of(15_000, 22_000, 26_000), c.totals);
        assertEquals(6_000, search.roadMillis(joinsSettledNode));
        assertArrayEquals(new int[] {1}, search.path(joinsSettledNode).nodes());
        assertTrue(search.settledNodes() > settledAtCeiling);
    }

    @Test
    void aGoalStopsTheSearchAndAnUnconfirmedSourceHasNoPath() {
        ManyToOneSearch search = new ManyToOneSearch(town.build());
        search.start(town.at(e12, 50));
        int first = search.addSource(town.at(e12, 20), 0);
        int second = search.addSource(town.at(e45, 30), 0);
        assertTrue(search.run((source, total) -> source == first, NEVER_STOP));
        assertTrue(search.isConfirmed(first));
        assertFalse(search.isConfirmed(second));
        assertThrows(IllegalStateException.class, () -> search.path(second));
        assertEquals(1, search.confirmedCount());
        assertEquals(2, search.sourceCount());
    }

    private static long[] bits(TravelTimeGraph graph, int... edges) {
        long[] b = new long[(graph.edgeCount() + 63) / 64];
        for (int e : edges) {
            b[e >>> 6] |= 1L << e;
        }
        return b;
    }
}
