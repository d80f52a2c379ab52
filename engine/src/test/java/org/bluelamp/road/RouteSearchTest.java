package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-to-one route search (A* with landmarks) on graphs drawn by hand, on seeded random graphs
 * against the textbook Dijkstra of {@link ManyToOneSearchRandomGraphTest}, and on Rutland against
 * the engine's {@link ManyToOneSearch}: the same milliseconds for every pair, a route whose edges
 * add up to them, and fewer settled nodes than the many-to-one search. Every failure message
 * carries its seed; {@code -Dbluelamp.seed=N} runs one seed only.
 */
class RouteSearchTest {

    //   0 ---- 1 ---- 2        the bottom road 3-4-5 is one-way eastwards
    //   |             |
    //   3 ---> 4 ---> 5
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
    private final int e34 = town.oneWay(3, 4, 100, 10_000);
    private final int e45 = town.oneWay(4, 5, 100, 10_000);

    @Test
    void findsTheFastestRouteWithItsNodesAndEdges() {
        RouteSearch search = new RouteSearch(Landmarks.build(town.build(), 2));
        // from 30 m along 3->4 to halfway along 1-2: on to 4 and 5, up to 2, back to the middle
        int millis = search.route(town.at(e34, 30), town.at(e12, 50));
        assertEquals(7_000 + 10_000 + 10_000 + 5_000, millis);
        RoadPath path = search.path();
        assertArrayEquals(new int[] {4, 5, 2}, path.nodes());
        assertArrayEquals(new int[] {e45, e25}, path.edges());
    }

    @Test
    void oneWayStreetsAreNotDrivenAgainstTheirDirection() {
        RouteSearch search = new RouteSearch(Landmarks.build(town.build(), 3));
        // from 4 to 3 the one-way road is closed: along 4->5 (the start's own edge), round by 2, 1, 0
        int millis = search.route(town.at(e45, 0), town.at(e34, 0));
        assertEquals(10_000 * 5, millis);
        assertArrayEquals(new int[] {5, 2, 1, 0, 3}, search.path().nodes());
        assertArrayEquals(new int[] {e25, e12, e01, e03}, search.path().edges());
    }

    @Test
    void onTheSameEdgeTheWayIsAlongItUnlessThatDirectionIsClosed() {
        RouteSearch search = new RouteSearch(Landmarks.build(town.build(), 2));
        assertEquals(3_000, search.route(town.at(e12, 20), town.at(e12, 50)));
        assertTrue(search.path().alongTargetEdge());
        // backwards on the one-way 3->4: out to 4 and round 5, 2, 1, 0, 3 and 20 m along it
        int millis = search.route(town.at(e34, 60), town.at(e34, 20));
        assertEquals(4_000 + 10_000 * 5 + 2_000, millis);
        assertArrayEquals(new int[] {4, 5, 2, 1, 0, 3}, search.path().nodes());
    }

    @Test
    void unconnectedPlacesHaveNoRoute() {
        DrawnGraph two =
                new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 3, 3).node(3, 3, 4);
        int a = two.both(0, 1, 100, 10_000);
        int b = two.both(2, 3, 100, 10_000);
        RouteSearch search = new RouteSearch(Landmarks.build(two.build(), 2));
        assertEquals(RouteSearch.NO_ROUTE, search.route(two.at(a, 10), two.at(b, 10)));
        assertThrows(IllegalStateException.class, search::path);
        assertEquals(2_000, search.route(two.at(b, 10), two.at(b, 30)), "the next query is not disturbed");
    }

    static long[] seeds() {
        return RandomRoadGraphs.seeds(2000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTimeEqualsPlainDijkstraOnRandomGraphs(long seed) {
        Random rnd = new Random(seed);
        DrawnGraph g = RandomRoadGraphs.draw(rnd);
        TravelTimeGraph graph = g.build();
        Landmarks landmarks = Landmarks.build(graph, 1 + rnd.nextInt(6));
        RouteSearch search = new RouteSearch(landmarks);
        for (int pair = 0; pair < 40; pair++) {
            // the bound between two nodes (placements at base nodes) is never above the true time,
            // and "unreachable" only when it is; not on zero-length edges, whose placements stand at
            // both their nodes at once (a partial edge of 0 m takes 0 ms)
            int a = rnd.nextInt(graph.edgeCount());
            int b = rnd.nextInt(graph.edgeCount());
            if (graph.edgeDistanceMetres(a) == 0 || graph.edgeDistanceMetres(b) == 0) {
                continue;
            }
            int truth = ManyToOneSearchRandomGraphTest.plainDijkstra(graph, g.at(a, 0), g.at(b, 0));
            int bound = landmarks.lowerBoundMillis(graph.edgeBase(a), graph.edgeBase(b));
            String ctx = "seed " + seed + ", nodes " + graph.edgeBase(a) + " -> " + graph.edgeBase(b);
            if (bound == Landmarks.UNREACHED) {
                assertEquals(Integer.MAX_VALUE, truth, ctx + ": called unreachable");
            } else {
                assertTrue(bound >= 0 && bound <= truth, ctx + ": bound " + bound + " above the time " + truth);
            }
        }
        for (int query = 0; query < 60; query++) {
            EdgePlacement from = placementOn(g, graph, rnd.nextInt(graph.edgeCount()), rnd);
            EdgePlacement to = rnd.nextInt(8) == 0
                    ? placementOn(g, graph, from.edgeId(), rnd)
                    : placementOn(g, graph, rnd.nextInt(graph.edgeCount()), rnd);
            int reference = ManyToOneSearchRandomGraphTest.plainDijkstra(graph, from, to);
            int millis = search.route(from, to);
            String ctx = "seed " + seed + ", query " + query + ": " + from + " -> " + to;
            if (reference == Integer.MAX_VALUE) {
                assertEquals(RouteSearch.NO_ROUTE, millis, ctx + ": found a route plain Dijkstra did not");
                continue;
            }
            assertEquals(reference, millis, ctx);
            assertEquals(reference, pathMillis(graph, search.path()), ctx + ": the route's edges");
        }
    }

    /**
     * Rutland's car and emergency graphs: random pairs of points on the roads, the same time as the
     * engine's many-to-one search from the destination, a route adding up to it, and the work.
     */
    @Test
    void everyTimeEqualsTheEnginesManyToOneSearchOnRutland() {
        long seed = Long.getLong("bluelamp.seed", 20261126L);
        RoadNetwork network = TestMaps.rutland();
        Random rnd = new Random(seed);
        for (TravelProfile profile : new TravelProfile[] {TravelProfile.CAR, TravelProfile.CAR_EMERGENCY}) {
            TravelTimeGraph graph = network.travelTimeGraph(profile);
            RouteSearch route = new RouteSearch(Landmarks.build(graph, 16));
            ManyToOneSearch many = new ManyToOneSearch(graph);
            GeoPoint[] points = randomRoadPoints(network, graph, rnd, 400);
            long settledRoute = 0;
            long settledMany = 0;
            int routes = 0;
            for (int q = 0; q + 1 < points.length; q += 2) {
                EdgePlacement from;
                EdgePlacement to;
                try {
                    from = network.place(profile, "from", points[q]);
                    to = network.place(profile, "to", points[q + 1]);
                } catch (BluelampException e) {
                    continue; // beyond the snap limit of this profile's roads
                }
                many.start(to);
                int source = many.addSource(from, 0);
                many.run((s, total) -> true, Integer.MAX_VALUE);
                int millis = route.route(from, to);
                String ctx =
                        "seed " + seed + ", " + profile + ", pair " + q / 2 + ": " + points[q] + " -> " + points[q + 1];
                if (!many.isConfirmed(source)) {
                    assertEquals(RouteSearch.NO_ROUTE, millis, ctx);
                    continue;
                }
                assertEquals(many.roadMillis(source), millis, ctx);
                assertEquals(millis, pathMillis(graph, route.path()), ctx + ": the route's edges");
                settledRoute += route.settledNodes();
                settledMany += many.settledNodes();
                routes++;
            }
            assertTrue(routes > 150, "seed " + seed + ": only " + routes + " connected pairs");
            assertTrue(
                    settledRoute * 2 < settledMany,
                    "seed " + seed + ", " + profile + ": A* settled " + settledRoute + " nodes, the many-to-one search "
                            + settledMany);
        }
    }

    private static GeoPoint[] randomRoadPoints(RoadNetwork network, TravelTimeGraph graph, Random rnd, int n) {
        var b = network.bounds();
        GeoPoint[] points = new GeoPoint[n];
        for (int i = 0; i < n; i++) {
            // a node of the graph, moved a little: every point lies near a road
            int node = rnd.nextInt(graph.nodeCount());
            double lat = Math.max(
                    b.minLatDeg(), Math.min(b.maxLatDeg(), graph.nodeLatDeg(node) + rnd.nextGaussian() * 2e-4));
            double lon = Math.max(
                    b.minLonDeg(), Math.min(b.maxLonDeg(), graph.nodeLonDeg(node) + rnd.nextGaussian() * 3e-4));
            points[i] = new GeoPoint(lat, lon);
        }
        return points;
    }

    /** The time of a route: its two partial edges and its whole edges, each in the direction travelled. */
    static int pathMillis(TravelTimeGraph g, RoadPath path) {
        EdgePlacement from = path.from();
        EdgePlacement to = path.to();
        if (path.alongTargetEdge()) {
            return g.millisAlongEdge(from, to);
        }
        int[] nodes = path.nodes();
        int[] edges = path.edges();
        int e = from.edgeId();
        int toBase = g.millisToBase(from);
        int toAdj = g.millisToAdj(from);
        boolean viaBase = g.edgeBase(e) == g.edgeAdj(e)
                ? toAdj == TravelTimeGraph.CLOSED || (toBase != TravelTimeGraph.CLOSED && toBase <= toAdj)
                : nodes[0] == g.edgeBase(e);
        int total = viaBase ? toBase : toAdj;
        assertNotEquals(TravelTimeGraph.CLOSED, total, "the first partial edge is closed that way");
        for (int i = 0; i < edges.length; i++) {
            int edge = edges[i];
            boolean forward = g.edgeBase(edge) == nodes[i];
            assertEquals(nodes[i + 1], forward ? g.edgeAdj(edge) : g.edgeBase(edge), "edge " + i + " joins its nodes");
            int ms = forward ? g.edgeFwdMillis(edge) : g.edgeBwdMillis(edge);
            assertNotEquals(TravelTimeGraph.CLOSED, ms, "edge " + edge + " travelled in a closed direction");
            total += ms;
        }
        int te = to.edgeId();
        int last = nodes[nodes.length - 1];
        int fromBase = g.millisFromBase(to);
        int fromAdj = g.millisFromAdj(to);
        boolean atBase = g.edgeBase(te) == g.edgeAdj(te)
                ? fromAdj == TravelTimeGraph.CLOSED || (fromBase != TravelTimeGraph.CLOSED && fromBase <= fromAdj)
                : last == g.edgeBase(te);
        int tail = atBase ? fromBase : fromAdj;
        assertNotEquals(TravelTimeGraph.CLOSED, tail, "the last partial edge is closed that way");
        return total + tail;
    }

    private static EdgePlacement placementOn(DrawnGraph g, TravelTimeGraph graph, int edge, Random rnd) {
        double full = graph.edgeDistanceMetres(edge);
        double r = rnd.nextDouble();
        double toBase = r < 0.1 ? 0 : r < 0.2 ? full : rnd.nextDouble() * full;
        return g.at(edge, toBase);
    }
}
