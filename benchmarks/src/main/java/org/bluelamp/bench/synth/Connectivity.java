package org.bluelamp.bench.synth;

import java.util.Arrays;

/**
 * Makes the network one piece for cars: first connected ignoring direction, then strongly
 * connected. Stateless.
 */
final class Connectivity {
    private Connectivity() {}

    /**
     * Joins every component to the largest one by an {@code unclassified} road from its vertex
     * nearest to the rest of the network (rare: only where the proximity graph missed a long edge).
     *
     * @return how many roads were added
     */
    static int linkComponents(RoadGraph g) {
        int n = g.vertexCount();
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) parent[v] = v;
        for (int e = 0; e < g.edgeCount(); e++) union(parent, g.from(e), g.to(e));
        int[] size = new int[n];
        for (int v = 0; v < n; v++) size[find(parent, v)]++;
        int largest = 0;
        for (int v = 0; v < n; v++) if (size[v] > size[largest]) largest = v;
        if (size[largest] == n) return 0;
        final int main = largest;
        // members of each component, grouped by root (counting sort)
        int[] roots = new int[n];
        int[] memberStart = new int[n + 1];
        for (int v = 0; v < n; v++) {
            roots[v] = find(parent, v);
            memberStart[roots[v] + 1]++;
        }
        for (int v = 0; v < n; v++) memberStart[v + 1] += memberStart[v];
        int[] fill = Arrays.copyOf(memberStart, n);
        int[] members = new int[n];
        for (int v = 0; v < n; v++) members[fill[roots[v]]++] = v;

        int[] all = new int[n];
        for (int v = 0; v < n; v++) all[v] = v;
        PointGrid grid = new PointGrid(g.xs(), g.ys(), all, n, 500);
        int added = 0;
        for (int root = 0; root < n; root++) {
            if (size[root] == 0 || root == main) continue;
            // the component's vertex closest to the main component, looking at up to 2,000 of them
            int bestFrom = -1, bestTo = -1;
            double bestD = Double.POSITIVE_INFINITY;
            int end = Math.min(memberStart[root + 1], memberStart[root] + 2_000);
            for (int i = memberStart[root]; i < end; i++) {
                int u = members[i];
                int target = grid.nearest(g.x(u), g.y(u), w -> find(parent, w) == find(parent, main));
                double d = g.distanceMetres(u, target);
                if (d < bestD) {
                    bestD = d;
                    bestFrom = u;
                    bestTo = target;
                }
            }
            g.addEdge(bestFrom, bestTo, Highway.UNCLASSIFIED, 0);
            union(parent, bestFrom, bestTo);
            added++;
        }
        return added;
    }

    /**
     * Makes every one-way edge two-way whose ends lie in different strongly connected components.
     * One pass suffices: in a connected network, once every edge between components is two-way,
     * all components can reach each other.
     *
     * @return how many one-way edges were made two-way
     * @throws IllegalStateException if the network is still not strongly connected (a bug)
     */
    static int makeStronglyConnected(RoadGraph g) {
        g.buildAdjacency();
        int[] comp = stronglyConnectedComponents(g);
        int reverted = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.hasFlag(e, RoadGraph.ONEWAY) && comp[g.from(e)] != comp[g.to(e)]) {
                g.setFlag(e, RoadGraph.ONEWAY, false);
                reverted++;
            }
        }
        if (reverted > 0) {
            int[] again = stronglyConnectedComponents(g);
            for (int v = 0; v < again.length; v++)
                if (again[v] != again[0])
                    throw new IllegalStateException("network not strongly connected after repair at vertex " + v);
        }
        return reverted;
    }

    /** Tarjan's algorithm, iterative; component ids per vertex. */
    static int[] stronglyConnectedComponents(RoadGraph g) {
        int n = g.vertexCount();
        int[] start = g.adjacencyStart(), adj = g.adjacencyEdges();
        int[] index = new int[n];
        Arrays.fill(index, -1);
        int[] low = new int[n];
        int[] comp = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int[] callVertex = new int[n];
        int[] callCursor = new int[n];
        int sp = 0, next = 0, comps = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) continue;
            int depth = 0;
            callVertex[0] = root;
            callCursor[0] = start[root];
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callVertex[depth];
                if (callCursor[depth] < start[v + 1]) {
                    int e = adj[callCursor[depth]++];
                    if (g.hasFlag(e, RoadGraph.ONEWAY) && g.from(e) != v) continue;
                    int w = g.other(e, v);
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callVertex[depth] = w;
                        callCursor[depth] = start[w];
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            comp[w] = comps;
                        } while (w != v);
                        comps++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int parent = callVertex[depth];
                        low[parent] = Math.min(low[parent], low[v]);
                    }
                }
            }
        }
        return comp;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) parent[rb] = ra;
            else parent[ra] = rb;
        }
    }
}
