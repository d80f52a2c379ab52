package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/** The compact graph from arrays and from a real map: reversed adjacency, partial times, top speed and slack. */
class TravelTimeGraphTest {

    @Test
    void arraysBecomeAReversedAdjacencyWithPartialTimes() {
        DrawnGraph g = new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 0, 2);
        int e01 = g.both(0, 1, 100, 10_000);
        int e12 = g.oneWay(1, 2, 200, 8_000);
        TravelTimeGraph graph = g.build();
        assertEquals(3, graph.nodeCount());
        assertEquals(2, graph.edgeCount());
        // arcs arriving at each node: 0 <- 1; 1 <- 0; 2 <- 1 (1 -> 2 is one-way)
        assertArrayEquals(new int[] {0, 1, 2, 3}, graph.inOffset());
        assertArrayEquals(new int[] {1, 0, 1}, graph.inTail());
        assertArrayEquals(new int[] {e01, e01, e12}, graph.inEdge());
        EdgePlacement p = g.at(e12, 50);
        assertEquals(2_000, graph.millisFromBase(p));
        assertEquals(6_000, graph.millisToAdj(p));
        assertEquals(TravelTimeGraph.CLOSED, graph.millisToBase(p), "against the one-way street");
        assertEquals(0, graph.millisToBase(g.at(e12, 0)), "already at the node");
        assertEquals(2, graph.otherNode(e12, 1));
        // 25 m/s on the one-way edge is the fastest; 1% margin
        assertEquals(25 * 1.01, graph.maxMetresPerSecond(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> graph.millisAlongEdge(p, g.at(e01, 3)));
    }

    @Test
    void shortEdgesFasterThanTheTopSpeedAreInTheSlack() {
        DrawnGraph g = new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 0, 1);
        g.both(0, 1, 150, 10_000); // 15 m/s: the top speed, 15.15 m/s
        g.both(1, 2, 1.5, 0); // 1.5 m in no time: 1.5 m of excess
        TravelTimeGraph graph = g.build();
        double v = graph.maxMetresPerSecond();
        // the first edge is shorter than its straight line (nodes ~110 m apart): no excess; the
        // second: 1.5 m; the slack adds twice the largest, the plane error, and 2 x 0.5 ms of rounding
        assertEquals(1.5 + 2 * 1.5 + v / 1000, graph.speedSlackMetres(), 0.01);
    }

    @Test
    void realGraphsStateASmallSlack() {
        for (var net : new RoadNetwork[] {TestMaps.monacoNetwork(), TestMaps.rutland()}) {
            for (TravelProfile p : TravelProfile.values()) {
                TravelTimeGraph graph = TravelTimeGraph.build(net, p);
                System.out.printf(
                        "%s %s: top speed %.2f m/s, speed slack %.1f m%n",
                        net.loadReport().extract().getFileName(),
                        p,
                        graph.maxMetresPerSecond(),
                        graph.speedSlackMetres());
                assertTrue(graph.maxMetresPerSecond() > 1 && graph.maxMetresPerSecond() < 60, p.toString());
                assertTrue(graph.speedSlackMetres() >= 0 && graph.speedSlackMetres() < 2_000, p.toString());
            }
        }
    }
}
