package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.bluelamp.geo.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search under {@link EdgeConditions}: on seeded random graphs, searching with closed edges and
 * time factors gives exactly the times of searching, without conditions, the graph whose edges
 * were scaled ({@code round(time × factor)}) and closed beforehand; sources confirmed before the
 * search first met a touched edge have their times without the conditions; a source on a closed
 * edge leaves along it. Failure messages carry the seed.
 */
class EdgeConditionsSearchTest {

    static long[] seeds() {
        long[] seeds = new long[30];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 7000 + i;
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conditionsEqualASearchOverTheScaledAndClosedGraph(long seed) {
        Random rnd = new Random(seed);
        DrawnGraph g = new DrawnGraph();
        int nodes = 20 + rnd.nextInt(120);
        int columns = 1 + (int) Math.sqrt(nodes);
        for (int n = 0; n < nodes; n++) {
            g.node(n, n / columns, n % columns);
        }
        int edgeCount = nodes * 2;
        int[] fwd = new int[edgeCount];
        int[] bwd = new int[edgeCount];
        double[] metres = new double[edgeCount];
        int[] base = new int[edgeCount];
        int[] adj = new int[edgeCount];
        for (int i = 0; i < edgeCount; i++) {
            int a = rnd.nextInt(nodes);
            int b = Math.min(nodes - 1, a + 1 + rnd.nextInt(columns + 1));
            double straight = GeoPoint.haversineMetres(
                    g.point(a).latDeg(),
                    g.point(a).lonDeg(),
                    g.point(b).latDeg(),
                    g.point(b).lonDeg());
            metres[i] = straight * (1 + rnd.nextDouble());
            int ms = (int) Math.round(metres[i] / (3 + rnd.nextDouble() * 30) * 1000);
            fwd[i] = ms;
            bwd[i] = rnd.nextInt(6) == 0 ? TravelTimeGraph.CLOSED : ms;
            base[i] = a;
            adj[i] = b;
            g.edge(a, b, metres[i], fwd[i], bwd[i]);
        }
        TravelTimeGraph graph = g.build();
        long[] closed = new long[EdgeConditions.words(edgeCount)];
        double[] factors = new double[edgeCount];
        long[] marked = new long[closed.length];
        int[] sFwd = new int[edgeCount];
        int[] sBwd = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            factors[e] = rnd.nextInt(3) == 0 ? 1 + rnd.nextDouble() * 3 : 1;
            boolean isClosed = rnd.nextInt(8) == 0;
            if (isClosed) {
                closed[e >>> 6] |= 1L << e;
            }
            if (factors[e] != 1) {
                marked[e >>> 6] |= 1L << e;
            }
            sFwd[e] = isClosed ? TravelTimeGraph.CLOSED : EdgeConditions.scale(fwd[e], factors[e]);
            sBwd[e] = isClosed ? TravelTimeGraph.CLOSED : EdgeConditions.scale(bwd[e], factors[e]);
        }
        EdgeConditions conditions = EdgeConditions.of(graph, closed, factors, marked);
        DrawnGraph scaledDrawing = new DrawnGraph();
        for (int n = 0; n < nodes; n++) {
            scaledDrawing.node(n, n / columns, n % columns);
        }
        for (int e = 0; e < edgeCount; e++) {
            scaledDrawing.edge(base[e], adj[e], metres[e], sFwd[e], sBwd[e]);
        }
        TravelTimeGraph scaled = scaledDrawing.build();
        ManyToOneSearch withConditions = new ManyToOneSearch(graph);
        ManyToOneSearch plainSearch = new ManyToOneSearch(scaled);
        ManyToOneSearch typical = new ManyToOneSearch(graph);
        for (int round = 0; round < 5; round++) {
            int te;
            do {
                te = rnd.nextInt(edgeCount);
            } while (conditions.isClosed(te));
            EdgePlacement target = g.at(te, rnd.nextDouble() * metres[te]);
            withConditions.start(target, conditions);
            plainSearch.start(target);
            typical.start(target);
            int sources = 1 + rnd.nextInt(15);
            for (int s = 0; s < sources; s++) {
                int se;
                do {
                    se = rnd.nextInt(edgeCount);
                } while (conditions.isClosed(se));
                EdgePlacement p = g.at(se, rnd.nextDouble() * metres[se]);
                withConditions.addSource(p, 0);
                plainSearch.addSource(p, 0);
                typical.addSource(p, 0);
            }
            withConditions.run((a, b) -> false, Integer.MAX_VALUE);
            plainSearch.run((a, b) -> false, Integer.MAX_VALUE);
            typical.run((a, b) -> false, Integer.MAX_VALUE);
            for (int s = 0; s < sources; s++) {
                String ctx = "seed " + seed + ", round " + round + ", source " + s;
                assertEquals(plainSearch.isConfirmed(s), withConditions.isConfirmed(s), ctx);
                if (withConditions.isConfirmed(s)) {
                    assertEquals(plainSearch.roadMillis(s), withConditions.roadMillis(s), ctx);
                    for (int e : withConditions.path(s).edges()) {
                        assertFalse(conditions.isClosed(e), ctx + ": passes closed edge " + e);
                    }
                    int sourceEdge = withConditions.path(s).from().edgeId();
                    if (withConditions.roadMillis(s) < withConditions.conditionsMetMillis()
                            && !conditions.isMarked(sourceEdge)) {
                        assertEquals(typical.roadMillis(s), withConditions.roadMillis(s), ctx + ": untouched");
                    }
                }
            }
        }
    }

    /**
     * <pre>
     *   0 ---- 1 ==== 2 ---- 3      edge 1-2 closed; every edge 100 m, 10 s
     * </pre>
     */
    @Test
    void aUnitInsideAClosureLeavesAlongItsOwnRoadButNoOneCrossesIt() {
        DrawnGraph g =
                new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 0, 2).node(3, 0, 3);
        g.both(0, 1, 100, 10_000);
        int closedEdge = g.both(1, 2, 100, 10_000);
        g.both(2, 3, 100, 10_000);
        TravelTimeGraph graph = g.build();
        long[] closed = new long[1];
        closed[0] |= 1L << closedEdge;
        EdgeConditions c = EdgeConditions.of(graph, closed, null, null);
        ManyToOneSearch search = new ManyToOneSearch(graph);
        search.start(g.at(2, 100), c); // the target at node 3
        int inside = search.addSource(g.at(closedEdge, 30), 0); // on the closed edge, 70 m from node 2
        int beyond = search.addSource(g.at(0, 50), 0); // west of the closure
        search.run((a, b) -> false, Integer.MAX_VALUE);
        assertTrue(search.isConfirmed(inside));
        assertEquals(7_000 + 10_000, search.roadMillis(inside));
        assertFalse(search.isConfirmed(beyond), "nobody drives through the closed edge");
        assertEquals(0, search.conditionsMetMillis() == Integer.MAX_VALUE ? 1 : 0, "the closure was met");
    }

    @Test
    void factorsBelowOneOrArraysOfTheWrongSizeAreRefused() {
        DrawnGraph g = new DrawnGraph().node(0, 0, 0).node(1, 0, 1);
        g.both(0, 1, 100, 10_000);
        TravelTimeGraph graph = g.build();
        assertThrows(IllegalArgumentException.class, () -> EdgeConditions.of(graph, null, new double[] {0.5}, null));
        assertThrows(IllegalArgumentException.class, () -> EdgeConditions.of(graph, null, new double[] {1, 1}, null));
        assertThrows(IllegalArgumentException.class, () -> EdgeConditions.of(graph, new long[2], null, null));
        EdgeConditions scaled = EdgeConditions.of(graph, null, new double[] {1.5}, null);
        assertEquals(15_000, scaled.edgeFwdMillis(0));
        assertEquals(7_500, scaled.millisFromBase(g.at(0, 50)));
    }
}
