package org.bluelamp.bench.synth;

import java.util.Arrays;
import java.util.List;

/**
 * Makes the road hierarchy by routing: for each rank of settlement, links neighbouring settlements
 * of at least that rank (their Gabriel graph) and upgrades every edge the cheapest route between
 * their centres uses to that rank's class.
 *
 * <table>
 *   <caption>Ranks (settlements are numbered largest first)</caption>
 *   <tr><th>class</th><th>settlements linked</th></tr>
 *   <tr><td>trunk</td><td>largest {@value #TRUNK_SHARE} (at least 2), except pairs joined by a motorway</td></tr>
 *   <tr><td>primary</td><td>largest {@value #PRIMARY_SHARE}</td></tr>
 *   <tr><td>secondary</td><td>largest {@value #SECONDARY_SHARE}</td></tr>
 *   <tr><td>tertiary</td><td>all</td></tr>
 * </table>
 *
 * <p>Routes are A* searches over the undirected network where an edge costs its length times its
 * current class's {@link Highway#routeCostFactor()}, so later routes share roads already upgraded
 * and the classes form connected corridors through towns (as A and B roads do). Upgraded edges are
 * two-way. Not thread-safe (owns its search arrays).
 */
final class RoadHierarchy {
    static final double TRUNK_SHARE = 0.02;
    static final double PRIMARY_SHARE = 0.2;
    static final double SECONDARY_SHARE = 0.4;

    private final RoadGraph g;
    private final double[] dist;
    private final int[] parentEdge;
    private final int[] touched;
    private final float[] lengthMetres;
    private final MinHeap heap = new MinHeap();
    private long settledTotal;

    RoadHierarchy(RoadGraph g) {
        this.g = g;
        g.buildAdjacency();
        int n = g.vertexCount();
        dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        parentEdge = new int[n];
        touched = new int[n];
        lengthMetres = new float[g.edgeCount()];
        for (int e = 0; e < g.edgeCount(); e++) lengthMetres[e] = (float) g.lengthMetres(e);
    }

    /** Vertices settled by all routes so far. */
    long settledTotal() {
        return settledTotal;
    }

    /**
     * @param motorwayPairs settlement pairs {@link ProximityGraphs#key keyed} that get a motorway
     *     and need no trunk road
     */
    void build(List<Settlement> settlements, long[] motorwayPairs) {
        int n = settlements.size();
        int trunk = Math.min(n, Math.max(2, (int) Math.round(n * TRUNK_SHARE)));
        int primary = Math.min(n, Math.max(3, (int) Math.round(n * PRIMARY_SHARE)));
        int secondary = Math.min(n, Math.max(4, (int) Math.round(n * SECONDARY_SHARE)));
        link(settlements, trunk, Highway.TRUNK, motorwayPairs);
        link(settlements, primary, Highway.PRIMARY, new long[0]);
        link(settlements, secondary, Highway.SECONDARY, new long[0]);
        link(settlements, n, Highway.TERTIARY, new long[0]);
    }

    private void link(List<Settlement> settlements, int count, Highway cls, long[] skipPairs) {
        long[] pairs = settlementLinks(settlements, count);
        for (long pair : pairs) {
            if (Arrays.binarySearch(skipPairs, pair) >= 0) continue;
            Settlement a = settlements.get((int) (pair >>> 32)), b = settlements.get((int) pair);
            route(a.centreVertex, b.centreVertex, cls.ordinal());
        }
    }

    /**
     * The Gabriel graph of the first {@code count} settlements' centres, as sorted
     * {@link ProximityGraphs#key keys}.
     */
    static long[] settlementLinks(List<Settlement> settlements, int count) {
        if (count < 2) return new long[0];
        double[] xs = new double[count], ys = new double[count];
        int[] ids = new int[count];
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            Settlement s = settlements.get(i);
            xs[i] = s.centreX;
            ys[i] = s.centreY;
            ids[i] = i;
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        double cell = Math.sqrt((maxX - minX + 1) * (maxY - minY + 1) / count);
        ProximityGraphs.Edges e = ProximityGraphs.build(xs, ys, ids, count, Math.min(12, count - 1), cell);
        long[] all = new long[e.relativeNeighbourhood().length + e.gabrielOnly().length];
        System.arraycopy(e.relativeNeighbourhood(), 0, all, 0, e.relativeNeighbourhood().length);
        System.arraycopy(e.gabrielOnly(), 0, all, e.relativeNeighbourhood().length, e.gabrielOnly().length);
        Arrays.sort(all);
        return all;
    }

    /** A* from {@code source} to {@code target}; upgrades the route's edges to {@code cls}. */
    private void route(int source, int target, int cls) {
        int[] start = g.adjacencyStart(), adj = g.adjacencyEdges();
        double tx = g.x(target), ty = g.y(target);
        double h = Highway.TRUNK.routeCostFactor();
        int touchedCount = 0;
        heap.clear();
        dist[source] = 0;
        parentEdge[source] = -1;
        touched[touchedCount++] = source;
        heap.push(h * distance(g.x(source) - tx, g.y(source) - ty), source);
        boolean found = false;
        while (!heap.isEmpty()) {
            double key = heap.peekKey();
            int v = heap.pop();
            double dv = dist[v];
            if (key > dv + h * distance(g.x(v) - tx, g.y(v) - ty) + 1e-6) continue;
            settledTotal++;
            if (v == target) {
                found = true;
                break;
            }
            for (int i = start[v]; i < start[v + 1]; i++) {
                int e = adj[i];
                int w = g.other(e, v);
                double dw = dv + lengthMetres[e] * Highway.of(g.highway(e)).routeCostFactor();
                if (dw < dist[w]) {
                    if (dist[w] == Double.POSITIVE_INFINITY) touched[touchedCount++] = w;
                    dist[w] = dw;
                    parentEdge[w] = e;
                    heap.push(dw + h * distance(g.x(w) - tx, g.y(w) - ty), w);
                }
            }
        }
        if (found) {
            for (int v = target; v != source; ) {
                int e = parentEdge[v];
                g.setHighway(e, Highway.moreImportant(g.highway(e), cls));
                g.setFlag(e, RoadGraph.ROUTED, true);
                g.setFlag(e, RoadGraph.ONEWAY, false);
                v = g.other(e, v);
            }
        }
        for (int i = 0; i < touchedCount; i++) dist[touched[i]] = Double.POSITIVE_INFINITY;
    }

    private static double distance(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }
}
