package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The many-to-one search against a plain textbook Dijkstra on seeded random graphs, in the way of
 * GraphHopper's {@code RandomizedRoutingTest}: one-way and closed directions, zero-length and
 * very short edges (whose rounded times are faster than the top speed), several components, points
 * anywhere along edges, some sources on the target's edge, resumed runs with ceilings. For every
 * source the road time must equal the reference exactly, sources must be confirmed in order of
 * total time, and the lower bound that {@link TravelTimeGraph#speedSlackMetres} promises must
 * hold. Every failure message carries its seed; {@code -Dbluelamp.seed=N} runs one seed only.
 */
class ManyToOneSearchRandomGraphTest {

    static long[] seeds() {
        return RandomRoadGraphs.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTimeEqualsPlainDijkstra(long seed) {
        Random rnd = new Random(seed);
        DrawnGraph g = RandomRoadGraphs.draw(rnd);
        TravelTimeGraph graph = g.build();
        ManyToOneSearch search = new ManyToOneSearch(graph);
        for (int query = 0; query < 5; query++) {
            EdgePlacement target = randomPlacement(g, graph, rnd);
            search.start(target);
            List<EdgePlacement> sources = new ArrayList<>();
            List<Integer> extras = new ArrayList<>();
            int ceiling = rnd.nextInt(60_000);
            int[] reference = new int[60];
            for (int s = 0; s < reference.length; s++) {
                EdgePlacement p = rnd.nextInt(10) == 0
                        ? placementOn(g, graph, target.edgeId(), rnd)
                        : randomPlacement(g, graph, rnd);
                sources.add(p);
                reference[s] = plainDijkstra(graph, p, target);
            }
            // the first half before a run up to the ceiling, the rest (only those whose total is
            // not below the ceiling, as the search's contract requires) after it
            List<Integer> order = new ArrayList<>();
            List<Integer> totals = new ArrayList<>();
            ManyToOneSearch.Goal record = (source, total) -> {
                order.add(source);
                totals.add(total);
                return false;
            };
            int added = 0;
            int[] indexOf = new int[reference.length];
            Arrays.fill(indexOf, -1);
            for (int s = 0; s < reference.length / 2; s++) {
                int extra = rnd.nextInt(5_000);
                indexOf[s] = search.addSource(sources.get(s), extra);
                extras.add(extra);
                added++;
            }
            search.run(record, ceiling);
            for (int t : totals) {
                assertTrue(t <= ceiling, "seed " + seed + ": confirmed " + t + " above the ceiling " + ceiling);
            }
            for (int s = reference.length / 2; s < reference.length; s++) {
                if (reference[s] != Integer.MAX_VALUE && reference[s] < ceiling) {
                    continue;
                }
                int extra = rnd.nextInt(5_000);
                indexOf[s] = search.addSource(sources.get(s), extra);
                while (extras.size() <= indexOf[s]) {
                    extras.add(0);
                }
                extras.set(indexOf[s], extra);
                added++;
            }
            search.run(record, Integer.MAX_VALUE);
            assertTrue(search.exhausted(), "seed " + seed);
            for (int i = 1; i < totals.size(); i++) {
                assertTrue(totals.get(i) >= totals.get(i - 1), "seed " + seed + ": confirmed out of order");
            }
            for (int s = 0; s < reference.length; s++) {
                int src = indexOf[s];
                if (src < 0) {
                    continue;
                }
                String ctx =
                        "seed " + seed + ", query " + query + ", source " + s + " " + sources.get(s) + " -> " + target;
                if (reference[s] == Integer.MAX_VALUE) {
                    assertFalse(search.isConfirmed(src), ctx + ": found a route plain Dijkstra did not");
                    continue;
                }
                assertTrue(search.isConfirmed(src), ctx + ": no route found");
                assertEquals(reference[s], search.roadMillis(src), ctx);
                assertTrue(order.contains(src), ctx);
                assertEquals(
                        reference[s] + extras.get(src), (int) totals.get(order.indexOf(src)), ctx + ": total time");
                checkLowerBound(graph, sources.get(s), target, search.roadMillis(src), ctx);
                RoadPath path = search.path(src);
                assertEquals(path.nodes().length == 0 ? 0 : path.nodes().length - 1, path.edges().length, ctx);
            }
            assertEquals(added, search.sourceCount(), "seed " + seed);
        }
    }

    /**
     * A search stopped by its goal at the k-th confirmed source confirms the same sources in the
     * same order, with the same times, as a run that confirms every source by the frontier alone
     * (the early confirmation by extra times changes where the search stops, never what it
     * answers), and settles no more.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stoppingAtTheKthConfirmsTheFullRunsFirstK(long seed) {
        Random rnd = new Random(seed);
        DrawnGraph g = RandomRoadGraphs.draw(rnd);
        TravelTimeGraph graph = g.build();
        ManyToOneSearch search = new ManyToOneSearch(graph);
        for (int query = 0; query < 5; query++) {
            EdgePlacement target = randomPlacement(g, graph, rnd);
            int n = 1 + rnd.nextInt(40);
            EdgePlacement[] sources = new EdgePlacement[n];
            int[] extras = new int[n];
            for (int s = 0; s < n; s++) {
                sources[s] = rnd.nextInt(10) == 0
                        ? placementOn(g, graph, target.edgeId(), rnd)
                        : randomPlacement(g, graph, rnd);
                // equal extras on purpose in some queries: ties in total time
                extras[s] = query % 2 == 0 ? rnd.nextInt(60_000) : 1_000 * rnd.nextInt(3);
            }
            List<Integer> fullOrder = new ArrayList<>();
            List<Integer> fullTotals = new ArrayList<>();
            search.setConfirmByExtraTimes(false); // the reference: confirmed by the frontier alone
            search.start(target);
            for (int s = 0; s < n; s++) {
                search.addSource(sources[s], extras[s]);
            }
            search.run(
                    (source, total) -> {
                        fullOrder.add(source);
                        fullTotals.add(total);
                        return false;
                    },
                    Integer.MAX_VALUE);
            int fullSettled = search.settledNodes();
            int k = 1 + rnd.nextInt(Math.max(1, fullOrder.size()));
            List<Integer> order = new ArrayList<>();
            List<Integer> totals = new ArrayList<>();
            search.setConfirmByExtraTimes(true);
            search.start(target);
            for (int s = 0; s < n; s++) {
                search.addSource(sources[s], extras[s]);
            }
            search.run(
                    (source, total) -> {
                        order.add(source);
                        totals.add(total);
                        return order.size() >= k;
                    },
                    Integer.MAX_VALUE);
            String ctx = "seed " + seed + ", query " + query + ", k " + k;
            int expected = Math.min(k, fullOrder.size());
            assertEquals(fullOrder.subList(0, expected), order, ctx + ": confirmed sources");
            assertEquals(fullTotals.subList(0, expected), totals, ctx + ": total times");
            for (int i = 0; i < expected; i++) {
                int src = order.get(i);
                assertEquals(
                        plainDijkstra(graph, sources[src], target), search.roadMillis(src), ctx + ": source " + src);
            }
            assertTrue(search.settledNodes() <= fullSettled, ctx + ": settled more than the full run");
        }
    }

    /** What speedSlackMetres promises: no road time beats the straight line at the top speed, less the slack. */
    private static void checkLowerBound(
            TravelTimeGraph graph, EdgePlacement from, EdgePlacement to, int roadMillis, String ctx) {
        double straight = from.snapped().distanceMetresTo(to.snapped());
        double bound = (straight - graph.speedSlackMetres()) / graph.maxMetresPerSecond() * 1000;
        assertTrue(
                roadMillis >= bound - 1e-6,
                ctx + ": " + roadMillis + " ms over " + straight + " m beats the bound " + bound + " ms (slack "
                        + graph.speedSlackMetres() + " m at " + graph.maxMetresPerSecond() + " m/s)");
    }

    private static EdgePlacement randomPlacement(DrawnGraph g, TravelTimeGraph graph, Random rnd) {
        return placementOn(g, graph, rnd.nextInt(graph.edgeCount()), rnd);
    }

    private static EdgePlacement placementOn(DrawnGraph g, TravelTimeGraph graph, int edge, Random rnd) {
        double full = graph.edgeDistanceMetres(edge);
        double r = rnd.nextDouble();
        double toBase = r < 0.1 ? 0 : r < 0.2 ? full : rnd.nextDouble() * full;
        return g.at(edge, toBase);
    }

    /**
     * The textbook algorithm, forwards from the source: its partial edge to each end node (or
     * straight along the edge to the target when they share it), Dijkstra over whole edges with a
     * priority queue of objects, then the target's partial edge from each of its end nodes.
     */
    static int plainDijkstra(TravelTimeGraph graph, EdgePlacement from, EdgePlacement to) {
        int n = graph.nodeCount();
        long[] dist = new long[n];
        Arrays.fill(dist, Long.MAX_VALUE);
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        int e = from.edgeId();
        int toBase = graph.millisToBase(from);
        int toAdj = graph.millisToAdj(from);
        if (toBase != TravelTimeGraph.CLOSED) {
            dist[graph.edgeBase(e)] = Math.min(dist[graph.edgeBase(e)], toBase);
            queue.add(new long[] {dist[graph.edgeBase(e)], graph.edgeBase(e)});
        }
        if (toAdj != TravelTimeGraph.CLOSED) {
            dist[graph.edgeAdj(e)] = Math.min(dist[graph.edgeAdj(e)], toAdj);
            queue.add(new long[] {dist[graph.edgeAdj(e)], graph.edgeAdj(e)});
        }
        boolean[] done = new boolean[n];
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int node = (int) top[1];
            if (done[node]) {
                continue;
            }
            done[node] = true;
            for (int edge = 0; edge < graph.edgeCount(); edge++) {
                if (graph.edgeBase(edge) == node && graph.edgeFwdMillis(edge) != TravelTimeGraph.CLOSED) {
                    relax(dist, queue, graph.edgeAdj(edge), dist[node] + graph.edgeFwdMillis(edge));
                }
                if (graph.edgeAdj(edge) == node && graph.edgeBwdMillis(edge) != TravelTimeGraph.CLOSED) {
                    relax(dist, queue, graph.edgeBase(edge), dist[node] + graph.edgeBwdMillis(edge));
                }
            }
        }
        long best = Long.MAX_VALUE;
        int t = to.edgeId();
        if (t == e) {
            int along = graph.millisAlongEdge(from, to);
            if (along != TravelTimeGraph.CLOSED) {
                best = along;
            }
        }
        int fromBase = graph.millisFromBase(to);
        if (fromBase != TravelTimeGraph.CLOSED && dist[graph.edgeBase(t)] != Long.MAX_VALUE) {
            best = Math.min(best, dist[graph.edgeBase(t)] + fromBase);
        }
        int fromAdj = graph.millisFromAdj(to);
        if (fromAdj != TravelTimeGraph.CLOSED && dist[graph.edgeAdj(t)] != Long.MAX_VALUE) {
            best = Math.min(best, dist[graph.edgeAdj(t)] + fromAdj);
        }
        return best == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) best;
    }

    private static void relax(long[] dist, PriorityQueue<long[]> queue, int node, long d) {
        if (d < dist[node]) {
            dist[node] = d;
            queue.add(new long[] {d, node});
        }
    }
}
