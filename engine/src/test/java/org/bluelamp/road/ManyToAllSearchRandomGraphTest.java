package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The many-to-all search against one plain textbook Dijkstra per source on seeded random graphs:
 * one-way and closed directions, zero-length and very short edges, several components, sources
 * anywhere along edges with random start times, random closures and slowdowns, 1 to 6 labels per
 * node, with and without limits. For every node, its labels must be exactly the fastest distinct
 * sources of the references (the first unlimited up to the first limit, the rest up to the further
 * limit), each label's time that source's own time. Every failure message carries its seed;
 * {@code -Dbluelamp.seed=N} runs one seed only.
 */
class ManyToAllSearchRandomGraphTest {
    static long[] seeds() {
        return RandomRoadGraphs.seeds(2000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void labelsEqualPlainDijkstraPerSource(long seed) {
        Random rnd = new Random(seed);
        DrawnGraph g = RandomRoadGraphs.draw(rnd);
        TravelTimeGraph graph = g.build();
        int k = 1 + rnd.nextInt(6);
        ManyToAllSearch search = new ManyToAllSearch(graph, k);
        for (int query = 0; query < 4; query++) {
            String ctx = "seed " + seed + ", query " + query + ", k " + k;
            long[] closed = null;
            double[] factors = null;
            if (rnd.nextBoolean()) {
                closed = new long[(graph.edgeCount() + 63) / 64];
                for (int e = 0; e < graph.edgeCount(); e++) {
                    if (rnd.nextInt(12) == 0) {
                        closed[e >>> 6] |= 1L << e;
                    }
                }
            }
            if (rnd.nextBoolean()) {
                factors = new double[graph.edgeCount()];
                for (int e = 0; e < graph.edgeCount(); e++) {
                    factors[e] = rnd.nextInt(4) == 0 ? 1 + rnd.nextDouble() * 3 : 1;
                }
            }
            int firstLimit = rnd.nextBoolean() ? Integer.MAX_VALUE : rnd.nextInt(120_000);
            int furtherLimit = rnd.nextBoolean() ? Integer.MAX_VALUE : rnd.nextInt(120_000);
            int sources = 1 + rnd.nextInt(25);
            search.start();
            search.closeEdges(closed);
            search.scaleEdges(factors);
            long[][] reference = new long[sources][];
            for (int s = 0; s < sources; s++) {
                int edge = rnd.nextInt(graph.edgeCount());
                double full = graph.edgeDistanceMetres(edge);
                double r = rnd.nextDouble();
                EdgePlacement p = g.at(edge, r < 0.1 ? 0 : r < 0.2 ? full : rnd.nextDouble() * full);
                int start = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30_000);
                assertEquals(s, search.addSource(p, start));
                reference[s] = plainDijkstra(graph, p, start, closed, factors);
            }
            search.run(firstLimit, furtherLimit);
            for (int n = 0; n < graph.nodeCount(); n++) {
                long[] times = new long[sources];
                for (int s = 0; s < sources; s++) {
                    times[s] = reference[s][n];
                }
                long[] sorted = times.clone();
                Arrays.sort(sorted);
                int expected = 0;
                for (int i = 0; i < Math.min(k, sources); i++) {
                    long limit = i == 0 ? firstLimit : Math.min(firstLimit, furtherLimit);
                    if (sorted[i] == Long.MAX_VALUE || sorted[i] > limit) {
                        break;
                    }
                    expected++;
                }
                String at = ctx + ", node " + n;
                assertEquals(expected, search.labelCount(n), at + ": labels; reference " + Arrays.toString(sorted));
                for (int i = 0; i < expected; i++) {
                    assertEquals(sorted[i], search.labelMillis(n, i), at + ", label " + i);
                    int src = search.labelSource(n, i);
                    assertEquals(times[src], search.labelMillis(n, i), at + ", label " + i + ": the source's own time");
                    for (int j = 0; j < i; j++) {
                        assertNotEquals(src, search.labelSource(n, j), at + ": a source twice");
                    }
                }
                if (expected == 0) {
                    assertEquals(ManyToAllSearch.UNREACHED, search.bestMillis(n), at);
                } else {
                    assertEquals(sorted[0], search.bestMillis(n), at);
                }
            }
        }
    }

    /** Times from one source to every node (Long.MAX_VALUE when unreached), forwards, by the textbook. */
    static long[] plainDijkstra(TravelTimeGraph graph, EdgePlacement from, int start, long[] closed, double[] factors) {
        int n = graph.nodeCount();
        long[] dist = new long[n];
        Arrays.fill(dist, Long.MAX_VALUE);
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        int e = from.edgeId();
        double f = factors == null ? 1 : factors[e];
        int toBase = graph.partMillis(ManyToAllSearch.scaled(graph.edgeBwdMillis(e), f), e, from.toBaseMetres());
        int toAdj = graph.partMillis(ManyToAllSearch.scaled(graph.edgeFwdMillis(e), f), e, from.toAdjMetres());
        if (toBase != TravelTimeGraph.CLOSED) {
            dist[graph.edgeBase(e)] = Math.min(dist[graph.edgeBase(e)], start + toBase);
            queue.add(new long[] {dist[graph.edgeBase(e)], graph.edgeBase(e)});
        }
        if (toAdj != TravelTimeGraph.CLOSED) {
            dist[graph.edgeAdj(e)] = Math.min(dist[graph.edgeAdj(e)], start + toAdj);
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
                if (closed != null && (closed[edge >>> 6] & (1L << edge)) != 0) {
                    continue;
                }
                double fe = factors == null ? 1 : factors[edge];
                relax(
                        graph,
                        dist,
                        queue,
                        node,
                        edge,
                        graph.edgeBase(edge),
                        graph.edgeAdj(edge),
                        graph.edgeFwdMillis(edge),
                        fe);
                relax(
                        graph,
                        dist,
                        queue,
                        node,
                        edge,
                        graph.edgeAdj(edge),
                        graph.edgeBase(edge),
                        graph.edgeBwdMillis(edge),
                        fe);
            }
        }
        return dist;
    }

    private static void relax(
            TravelTimeGraph graph,
            long[] dist,
            PriorityQueue<long[]> queue,
            int node,
            int edge,
            int from,
            int to,
            int millis,
            double factor) {
        if (from != node || millis == TravelTimeGraph.CLOSED) {
            return;
        }
        long next = dist[node] + ManyToAllSearch.scaled(millis, factor);
        if (next < dist[to]) {
            dist[to] = next;
            queue.add(new long[] {next, to});
        }
    }
}
