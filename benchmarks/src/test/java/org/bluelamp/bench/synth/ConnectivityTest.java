package org.bluelamp.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One-way streets that would strand a driver are made two-way; the others stay one-way. */
class ConnectivityTest {
    //   0 --> 1          a one-way triangle 0 -> 1 -> 2 -> 0 (strongly connected, stays one-way)
    //    ^   /           and a one-way dead end 2 -> 3 (nothing comes back: made two-way)
    //     \ v
    //      2 --> 3 ... 4 (two-way)
    @Test
    void onlyOneWaysBetweenComponentsBecomeTwoWay() {
        RoadGraph g = new RoadGraph();
        for (int i = 0; i < 5; i++) g.addVertex(i * 100, (i % 2) * 100, RoadGraph.RURAL);
        int e01 = g.addEdge(0, 1, Highway.RESIDENTIAL, RoadGraph.ONEWAY);
        int e12 = g.addEdge(1, 2, Highway.RESIDENTIAL, RoadGraph.ONEWAY);
        int e20 = g.addEdge(2, 0, Highway.RESIDENTIAL, RoadGraph.ONEWAY);
        int e23 = g.addEdge(2, 3, Highway.RESIDENTIAL, RoadGraph.ONEWAY);
        g.addEdge(3, 4, Highway.RESIDENTIAL, 0);

        assertEquals(1, Connectivity.makeStronglyConnected(g));
        assertFalse(g.hasFlag(e23, RoadGraph.ONEWAY));
        assertTrue(g.hasFlag(e01, RoadGraph.ONEWAY)
                && g.hasFlag(e12, RoadGraph.ONEWAY)
                && g.hasFlag(e20, RoadGraph.ONEWAY));
    }

    @Test
    void separatePiecesAreJoinedToTheLargest() {
        RoadGraph g = new RoadGraph();
        for (int i = 0; i < 4; i++) g.addVertex(i * 100, 0, RoadGraph.RURAL);
        g.addVertex(1_000, 0, RoadGraph.RURAL);
        g.addVertex(1_100, 0, RoadGraph.RURAL);
        g.addEdge(0, 1, Highway.RESIDENTIAL, 0);
        g.addEdge(1, 2, Highway.RESIDENTIAL, 0);
        g.addEdge(2, 3, Highway.RESIDENTIAL, 0);
        g.addEdge(4, 5, Highway.RESIDENTIAL, 0);

        assertEquals(1, Connectivity.linkComponents(g));
        int added = g.edgeCount() - 1;
        assertEquals(3, Math.min(g.from(added), g.to(added)), "joined from the nearest vertex, 3");
        assertEquals(4, Math.max(g.from(added), g.to(added)));
        assertEquals(0, Connectivity.linkComponents(g));
    }
}
