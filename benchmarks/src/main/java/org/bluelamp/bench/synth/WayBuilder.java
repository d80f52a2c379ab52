package org.bluelamp.bench.synth;

import java.util.Arrays;

/**
 * Chains edges into OpenStreetMap ways: a way runs through every vertex of degree 2 whose two
 * edges carry the same tags (and, if one-way, the same direction), so such vertices become shape
 * nodes and everything else a junction, exactly as GraphHopper's importer sees it (a node is a
 * graph node if it ends a way or is shared by two ways).
 *
 * <p>Real OpenStreetMap ways also end where a name, speed limit or bridge changes, which leaves
 * junctions of degree 2 (a quarter of Rutland's); to match, {@value #SPLIT_SHARE} of the vertices
 * that could be shape nodes end a way instead, chosen by a hash of the seed and the vertex.
 *
 * <p>One-way ways run in the direction of travel. A way holds at most {@value #MAX_WAY_NODES}
 * nodes (OpenStreetMap's limit is 2,000). Immutable after {@link #build}.
 */
final class WayBuilder {
    static final int MAX_WAY_NODES = 1_000;
    static final double SPLIT_SHARE = 0.3;

    /**
     * Way {@code w} has nodes {@code nodes[start[w]] .. nodes[start[w + 1] - 1]} (vertex ids) and
     * tags {@code tagKey[w]}.
     */
    final int[] start;

    final int[] nodes;
    final int[] tagKey;
    final int wayCount;
    final int junctionCount;
    /** Junctions by degree: index 0 unused, 1..4, and 5 for five or more. */
    final int[] junctionsByDegree;

    private WayBuilder(
            int[] start, int[] nodes, int[] tagKey, int wayCount, int junctionCount, int[] junctionsByDegree) {
        this.start = start;
        this.nodes = nodes;
        this.tagKey = tagKey;
        this.wayCount = wayCount;
        this.junctionCount = junctionCount;
        this.junctionsByDegree = junctionsByDegree;
    }

    /** The tags of an edge as one small number: highway ordinal * 4 + oneway + 2 * urban. */
    static int tagKey(RoadGraph g, int e) {
        return g.highway(e) * 4 + (g.hasFlag(e, RoadGraph.ONEWAY) ? 1 : 0) + (g.hasFlag(e, RoadGraph.URBAN) ? 2 : 0);
    }

    static Highway highwayOf(int tagKey) {
        return Highway.of(tagKey >> 2);
    }

    static boolean onewayOf(int tagKey) {
        return (tagKey & 1) != 0;
    }

    static boolean urbanOf(int tagKey) {
        return (tagKey & 2) != 0;
    }

    static WayBuilder build(RoadGraph g, long seed) {
        g.buildAdjacency();
        int n = g.vertexCount();
        int[] adjStart = g.adjacencyStart(), adj = g.adjacencyEdges();
        boolean[] interior = new boolean[n];
        for (int v = 0; v < n; v++) {
            if (adjStart[v + 1] - adjStart[v] != 2) continue;
            int e1 = adj[adjStart[v]], e2 = adj[adjStart[v] + 1];
            if (tagKey(g, e1) != tagKey(g, e2) || g.other(e1, v) == g.other(e2, v)) continue;
            if (g.hasFlag(e1, RoadGraph.ONEWAY) && (g.to(e1) == v) == (g.to(e2) == v)) continue;
            if ((Seeds.mix(seed + v * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53 < SPLIT_SHARE) continue;
            interior[v] = true;
        }

        int[] wayStart = new int[1024];
        int[] wayNodes = new int[n + g.edgeCount() / 2 + 16];
        int[] wayTag = new int[1024];
        int ways = 0, used = 0;
        boolean[] done = new boolean[g.edgeCount()];
        boolean[] endpoint = new boolean[n];
        for (int e0 = 0; e0 < g.edgeCount(); e0++) {
            if (done[e0]) continue;
            // walk back against the direction of e0 to the start of its chain
            int s = g.from(e0), cur = e0;
            while (interior[s]) {
                int other = adj[adjStart[s]] == cur ? adj[adjStart[s] + 1] : adj[adjStart[s]];
                if (other == e0) break; // a closed ring of shape nodes
                cur = other;
                s = g.other(cur, s);
            }
            // walk forward, cutting long ways
            int v = s, e = cur;
            if (ways + 1 >= wayStart.length) {
                wayStart = Arrays.copyOf(wayStart, wayStart.length * 2);
                wayTag = Arrays.copyOf(wayTag, wayTag.length * 2);
            }
            wayStart[ways] = used;
            wayTag[ways] = tagKey(g, e);
            if (used + MAX_WAY_NODES + 4 >= wayNodes.length) wayNodes = Arrays.copyOf(wayNodes, wayNodes.length * 2);
            wayNodes[used++] = v;
            endpoint[v] = true;
            int inWay = 1;
            while (true) {
                done[e] = true;
                v = g.other(e, v);
                wayNodes[used++] = v;
                inWay++;
                int next = interior[v] ? (adj[adjStart[v]] == e ? adj[adjStart[v] + 1] : adj[adjStart[v]]) : -1;
                if (next < 0 || done[next] || v == s) break;
                if (inWay == MAX_WAY_NODES) {
                    // cut here and start a new way at v
                    endpoint[v] = true;
                    ways++;
                    if (ways + 1 >= wayStart.length) {
                        wayStart = Arrays.copyOf(wayStart, wayStart.length * 2);
                        wayTag = Arrays.copyOf(wayTag, wayTag.length * 2);
                    }
                    if (used + MAX_WAY_NODES + 4 >= wayNodes.length)
                        wayNodes = Arrays.copyOf(wayNodes, wayNodes.length * 2);
                    wayStart[ways] = used;
                    wayTag[ways] = wayTag[ways - 1];
                    wayNodes[used++] = v;
                    inWay = 1;
                }
                e = next;
            }
            endpoint[v] = true;
            if (v == wayNodes[wayStart[ways]] && used - wayStart[ways] >= 3) {
                // a way that returns to its first node: GraphHopper would split it before the last
                // node, making that a junction too; split it here so the count is exact
                int u = wayNodes[used - 2];
                endpoint[u] = true;
                wayNodes[used - 1] = u;
                ways++;
                if (ways + 1 >= wayStart.length) {
                    wayStart = Arrays.copyOf(wayStart, wayStart.length * 2);
                    wayTag = Arrays.copyOf(wayTag, wayTag.length * 2);
                }
                wayStart[ways] = used - 1;
                wayTag[ways] = wayTag[ways - 1];
                wayNodes[used++] = v;
            }
            ways++;
        }
        wayStart[ways] = used;
        int junctions = 0;
        int[] byDegree = new int[6];
        for (int v = 0; v < n; v++)
            if (!interior[v] || endpoint[v]) {
                junctions++;
                byDegree[Math.min(5, adjStart[v + 1] - adjStart[v])]++;
            }
        return new WayBuilder(
                Arrays.copyOf(wayStart, ways + 1),
                Arrays.copyOf(wayNodes, used),
                Arrays.copyOf(wayTag, ways),
                ways,
                junctions,
                byDegree);
    }
}
