package org.bluelamp.simulation;

import org.bluelamp.road.TravelTimeGraph;

/**
 * The roads a patrol may drive, walk or cycle on for one profile, forwards: for each road node the
 * edges leaving it that the profile may travel in that direction and that belong to the profile's
 * main network (never onto an island cut off from it), with their times. Built once from the
 * profile's {@link TravelTimeGraph} (the engine's own per-edge milliseconds) in compressed sparse
 * row form. Immutable; thread-safe.
 */
final class WalkGraph {
    private final TravelTimeGraph graph;
    private final int[] outOffset;
    private final int[] outEdge;
    private final int[] outHead;
    private final int[] outMillis;

    /**
     * @param mainNetworkEdges bit set over edge ids of the profile's main network
     */
    WalkGraph(TravelTimeGraph graph, long[] mainNetworkEdges) {
        this.graph = graph;
        int nodes = graph.nodeCount();
        int edges = graph.edgeCount();
        int[] degree = new int[nodes + 1];
        for (int e = 0; e < edges; e++) {
            if ((mainNetworkEdges[e >>> 6] & (1L << e)) == 0) {
                continue;
            }
            if (graph.edgeFwdMillis(e) != TravelTimeGraph.CLOSED) {
                degree[graph.edgeBase(e)]++;
            }
            if (graph.edgeBwdMillis(e) != TravelTimeGraph.CLOSED && graph.edgeBase(e) != graph.edgeAdj(e)) {
                degree[graph.edgeAdj(e)]++;
            }
        }
        outOffset = new int[nodes + 1];
        for (int n = 0; n < nodes; n++) {
            outOffset[n + 1] = outOffset[n] + degree[n];
        }
        int arcs = outOffset[nodes];
        outEdge = new int[arcs];
        outHead = new int[arcs];
        outMillis = new int[arcs];
        int[] fill = new int[nodes];
        System.arraycopy(outOffset, 0, fill, 0, nodes);
        for (int e = 0; e < edges; e++) {
            if ((mainNetworkEdges[e >>> 6] & (1L << e)) == 0) {
                continue;
            }
            int base = graph.edgeBase(e);
            int adj = graph.edgeAdj(e);
            if (graph.edgeFwdMillis(e) != TravelTimeGraph.CLOSED) {
                int a = fill[base]++;
                outEdge[a] = e;
                outHead[a] = adj;
                outMillis[a] = graph.edgeFwdMillis(e);
            }
            if (graph.edgeBwdMillis(e) != TravelTimeGraph.CLOSED && base != adj) {
                int a = fill[adj]++;
                outEdge[a] = e;
                outHead[a] = base;
                outMillis[a] = graph.edgeBwdMillis(e);
            }
        }
    }

    TravelTimeGraph graph() {
        return graph;
    }

    int firstArc(int node) {
        return outOffset[node];
    }

    int endArc(int node) {
        return outOffset[node + 1];
    }

    int arcEdge(int arc) {
        return outEdge[arc];
    }

    int arcHead(int arc) {
        return outHead[arc];
    }

    int arcMillis(int arc) {
        return outMillis[arc];
    }

    /** Road nodes with at least three ways out on the main network: junctions. */
    int[] junctions() {
        int count = 0;
        int nodes = outOffset.length - 1;
        for (int n = 0; n < nodes; n++) {
            if (outOffset[n + 1] - outOffset[n] >= 3) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int n = 0; n < nodes; n++) {
            if (outOffset[n + 1] - outOffset[n] >= 3) {
                out[k++] = n;
            }
        }
        return out;
    }
}
