package org.bluelamp.bench.synth;

import java.util.Arrays;

/**
 * The network under construction: vertices in local metres and undirected or one-way edges with a
 * highway class, all in growable primitive arrays.
 *
 * <p>Coordinates are metres east ({@code x}) and north ({@code y}) of the area's south-west corner
 * on an equirectangular projection, accurate enough at this scale for a synthetic map. A one-way
 * edge may be driven from {@link #from(int)} to {@link #to(int)} only.
 *
 * <p>The adjacency ({@link #adjacencyStart()} / {@link #adjacencyEdges()}) is a compressed snapshot
 * rebuilt by {@link #buildAdjacency()}; adding an edge invalidates it. Not thread-safe.
 */
final class RoadGraph {
    /** Edge flag: may only be driven from {@code from} to {@code to}. */
    static final int ONEWAY = 1;
    /** Edge flag: inside a settlement (gets an urban speed limit). */
    static final int URBAN = 2;
    /** Edge flag: upgraded by the hierarchy routing (never made one-way). */
    static final int ROUTED = 4;

    /** Settlement id of vertices outside every settlement. */
    static final int RURAL = -1;

    private int vertexCount;
    private double[] xMetres = new double[1024];
    private double[] yMetres = new double[1024];
    private int[] settlementOf = new int[1024];

    private int edgeCount;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private byte[] highway = new byte[1024];
    private byte[] flags = new byte[1024];

    private int[] adjacencyStart;
    private int[] adjacencyEdges;

    int addVertex(double x, double y, int settlement) {
        if (vertexCount == xMetres.length) {
            int n = vertexCount * 2;
            xMetres = Arrays.copyOf(xMetres, n);
            yMetres = Arrays.copyOf(yMetres, n);
            settlementOf = Arrays.copyOf(settlementOf, n);
        }
        xMetres[vertexCount] = x;
        yMetres[vertexCount] = y;
        settlementOf[vertexCount] = settlement;
        return vertexCount++;
    }

    int addEdge(int a, int b, Highway cls, int edgeFlags) {
        if (a == b) throw new IllegalArgumentException("loop edge at vertex " + a);
        if (edgeCount == from.length) {
            int n = edgeCount * 2;
            from = Arrays.copyOf(from, n);
            to = Arrays.copyOf(to, n);
            highway = Arrays.copyOf(highway, n);
            flags = Arrays.copyOf(flags, n);
        }
        from[edgeCount] = a;
        to[edgeCount] = b;
        highway[edgeCount] = (byte) cls.ordinal();
        flags[edgeCount] = (byte) edgeFlags;
        adjacencyStart = null;
        adjacencyEdges = null;
        return edgeCount++;
    }

    int vertexCount() {
        return vertexCount;
    }

    int edgeCount() {
        return edgeCount;
    }

    double x(int v) {
        return xMetres[v];
    }

    double y(int v) {
        return yMetres[v];
    }

    /** The x coordinates by vertex id (the live array, longer than {@link #vertexCount()}; do not modify). */
    double[] xs() {
        return xMetres;
    }

    /** The y coordinates by vertex id (the live array; do not modify). */
    double[] ys() {
        return yMetres;
    }

    int settlement(int v) {
        return settlementOf[v];
    }

    int from(int e) {
        return from[e];
    }

    int to(int e) {
        return to[e];
    }

    int other(int e, int v) {
        return from[e] == v ? to[e] : from[e];
    }

    int highway(int e) {
        return highway[e];
    }

    void setHighway(int e, int ordinal) {
        highway[e] = (byte) ordinal;
    }

    int flags(int e) {
        return flags[e];
    }

    boolean hasFlag(int e, int flag) {
        return (flags[e] & flag) != 0;
    }

    void setFlag(int e, int flag, boolean on) {
        flags[e] = (byte) (on ? flags[e] | flag : flags[e] & ~flag);
    }

    /** Reverses the stored direction of an edge (used to orient one-way streets). */
    void reverse(int e) {
        int t = from[e];
        from[e] = to[e];
        to[e] = t;
    }

    double lengthMetres(int e) {
        double dx = xMetres[from[e]] - xMetres[to[e]];
        double dy = yMetres[from[e]] - yMetres[to[e]];
        return Math.sqrt(dx * dx + dy * dy);
    }

    double distanceMetres(int a, int b) {
        double dx = xMetres[a] - xMetres[b];
        double dy = yMetres[a] - yMetres[b];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Rebuilds the adjacency snapshot: for each vertex the ids of its edges, in edge-id order. */
    void buildAdjacency() {
        int[] start = new int[vertexCount + 1];
        for (int e = 0; e < edgeCount; e++) {
            start[from[e] + 1]++;
            start[to[e] + 1]++;
        }
        for (int v = 0; v < vertexCount; v++) start[v + 1] += start[v];
        int[] fill = Arrays.copyOf(start, vertexCount);
        int[] edges = new int[2 * edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            edges[fill[from[e]]++] = e;
            edges[fill[to[e]]++] = e;
        }
        adjacencyStart = start;
        adjacencyEdges = edges;
    }

    /** Start offsets into {@link #adjacencyEdges()}, one per vertex plus one; needs {@link #buildAdjacency()}. */
    int[] adjacencyStart() {
        if (adjacencyStart == null)
            throw new IllegalStateException("adjacency is stale: call buildAdjacency() after adding edges");
        return adjacencyStart;
    }

    /** Edge ids around each vertex; see {@link #adjacencyStart()}. */
    int[] adjacencyEdges() {
        if (adjacencyEdges == null)
            throw new IllegalStateException("adjacency is stale: call buildAdjacency() after adding edges");
        return adjacencyEdges;
    }

    int degree(int v) {
        int[] start = adjacencyStart();
        return start[v + 1] - start[v];
    }
}
