package org.bluelamp.bench.synth;

import com.carrotsearch.hppc.IntArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds each settlement's streets: an irregular grid that is always connected.
 *
 * <ul>
 *   <li>Lattice points inside the settlement's outline, jittered by up to ±0.3 of a block, warped
 *       so blocks grow outward, rotated by the settlement's own angle.</li>
 *   <li>Every {@value #ARTERIAL_EVERY}th lattice line is a through road ({@code tertiary}) and is
 *       always kept; some cells get a diagonal street.</li>
 *   <li>A random spanning tree of the remaining streets is kept (so the grid stays connected), and
 *       each other street is kept with a probability falling from {@value #KEEP_CORE} in the core to
 *       {@value #KEEP_EDGE} at the edge, which leaves T-junctions, bends and dead ends (real British
 *       streets have few four-way crossings).</li>
 *   <li>Cul-de-sacs run into some blocks, more often in the suburbs.</li>
 *   <li>In settlements at least {@value #ONEWAY_MIN_RHO} blocks across in radius, about
 *       {@value #ONEWAY_LINE_SHARE} of the residential lines in the core are one-way, alternating
 *       in direction like a city grid. Strong connectivity is restored later by
 *       {@link Connectivity#makeStronglyConnected}.</li>
 * </ul>
 *
 * <p>The gateways through which the rural network connects to the settlement are the outline
 * vertices (with a lattice neighbour missing) on through roads plus {@value #GATEWAY_SHARE} of the
 * others. Stateless.
 */
final class TownStreetGenerator {
    static final int ARTERIAL_EVERY = 8;
    static final double ONEWAY_MIN_RHO = 12;
    static final double KEEP_CORE = 0.5;
    static final double KEEP_EDGE = 0.25;
    static final double ONEWAY_LINE_SHARE = 0.45;
    static final double ONEWAY_CORE_SHARE = 0.38;
    static final double DIAGONAL_SHARE = 0.015;
    static final double GATEWAY_SHARE = 0.3;

    private static final int HORIZONTAL = 0;
    private static final int VERTICAL = 1;
    private static final int DIAGONAL = 2;

    private TownStreetGenerator() {}

    /** Adds every settlement's streets to {@code graph}; appends the outline vertices to {@code gateways}. */
    static void build(RoadGraph graph, List<Settlement> settlements, long seed, IntArrayList gateways) {
        for (Settlement s : settlements) buildOne(graph, s, Seeds.stream(seed, Seeds.TOWN, s.id), gateways);
    }

    private static void buildOne(RoadGraph g, Settlement s, SplittableRandom rnd, IntArrayList gateways) {
        double maxFactor = 1;
        for (double a : s.amplitude) maxFactor += Math.abs(a);
        int m = (int) Math.ceil(s.rhoMax * maxFactor) + 1;
        int w = 2 * m + 1;
        int[] idx = new int[w * w];
        Arrays.fill(idx, -1);
        double cos = StrictMath.cos(s.rotationRadians), sin = StrictMath.sin(s.rotationRadians);
        s.firstVertex = g.vertexCount();
        for (int j = -m; j <= m; j++) {
            for (int i = -m; i <= m; i++) {
                double rho = Math.sqrt(i * i + j * j);
                if (rho > 0 && rho > s.boundaryRho(StrictMath.atan2(j, i))) continue;
                double u = i, v = j;
                if (rho > 0) {
                    u += 0.6 * (rnd.nextDouble() - 0.5);
                    v += 0.6 * (rnd.nextDouble() - 0.5);
                }
                idx[(i + m) + w * (j + m)] = addLatticeVertex(g, s, u, v, cos, sin);
            }
        }
        s.centreVertex = idx[m + w * m];

        // candidate streets
        int capacity = 3 * (g.vertexCount() - s.firstVertex) + 4;
        int[] candA = new int[capacity], candB = new int[capacity];
        byte[] kind = new byte[capacity];
        int[] line = new int[capacity];
        float[] midRho = new float[capacity];
        boolean[] arterial = new boolean[capacity];
        boolean[] cellHasDiagonal = new boolean[w * w];
        int n = 0;
        boolean hasArterials = s.rhoMax >= ARTERIAL_EVERY;
        for (int j = -m; j <= m; j++) {
            for (int i = -m; i <= m; i++) {
                int a = at(idx, w, m, i, j);
                if (a < 0) continue;
                int right = at(idx, w, m, i + 1, j);
                if (right >= 0) {
                    candA[n] = a;
                    candB[n] = right;
                    kind[n] = HORIZONTAL;
                    line[n] = j;
                    midRho[n] = (float) Math.sqrt((i + 0.5) * (i + 0.5) + j * j);
                    arterial[n] = hasArterials && Math.floorMod(j, ARTERIAL_EVERY) == 0;
                    n++;
                }
                int up = at(idx, w, m, i, j + 1);
                if (up >= 0) {
                    candA[n] = a;
                    candB[n] = up;
                    kind[n] = VERTICAL;
                    line[n] = i;
                    midRho[n] = (float) Math.sqrt(i * i + (j + 0.5) * (j + 0.5));
                    arterial[n] = hasArterials && Math.floorMod(i, ARTERIAL_EVERY) == 0;
                    n++;
                }
                int diagonal = at(idx, w, m, i + 1, j + 1);
                if (right >= 0 && up >= 0 && diagonal >= 0 && rnd.nextDouble() < DIAGONAL_SHARE) {
                    boolean rising = rnd.nextBoolean();
                    candA[n] = rising ? a : right;
                    candB[n] = rising ? diagonal : up;
                    kind[n] = DIAGONAL;
                    line[n] = 0;
                    midRho[n] = (float) Math.sqrt((i + 0.5) * (i + 0.5) + (j + 0.5) * (j + 0.5));
                    n++;
                    cellHasDiagonal[(i + m) + w * (j + m)] = true;
                }
            }
        }

        // spanning tree (arterials first, then random order) plus extra streets
        int base = s.firstVertex;
        int[] parent = new int[g.vertexCount() - base];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        boolean[] kept = new boolean[n];
        int[] order = new int[n];
        int others = 0;
        for (int c = 0; c < n; c++) {
            if (arterial[c]) {
                kept[c] = true;
                union(parent, candA[c] - base, candB[c] - base);
            } else {
                order[others++] = c;
            }
        }
        for (int i = others - 1; i > 0; i--) {
            int r = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[r];
            order[r] = t;
        }
        for (int k = 0; k < others; k++) {
            int c = order[k];
            if (union(parent, candA[c] - base, candB[c] - base)) {
                kept[c] = true;
            } else {
                double keep = KEEP_CORE - (KEEP_CORE - KEEP_EDGE) * Math.min(1.0, midRho[c] / s.rhoMax);
                if (kind[c] == DIAGONAL) keep *= 0.5;
                kept[c] = rnd.nextDouble() < keep;
            }
        }

        // one-way lines in the core
        boolean oneWays = s.rhoMax >= ONEWAY_MIN_RHO;
        boolean[] rowOneway = new boolean[w], colOneway = new boolean[w];
        if (oneWays) {
            for (int k = 0; k < w; k++) {
                rowOneway[k] = rnd.nextDouble() < ONEWAY_LINE_SHARE;
                colOneway[k] = rnd.nextDouble() < ONEWAY_LINE_SHARE;
            }
        }
        double coreRho = ONEWAY_CORE_SHARE * s.rhoMax;
        for (int c = 0; c < n; c++) {
            if (!kept[c]) continue;
            int a = candA[c], b = candB[c];
            int flags = RoadGraph.URBAN;
            if (oneWays
                    && !arterial[c]
                    && kind[c] != DIAGONAL
                    && midRho[c] < coreRho
                    && (kind[c] == HORIZONTAL ? rowOneway[line[c] + m] : colOneway[line[c] + m])) {
                flags |= RoadGraph.ONEWAY;
                if (Math.floorMod(line[c], 2) == 1) {
                    int t = a;
                    a = b;
                    b = t;
                }
            }
            g.addEdge(a, b, arterial[c] ? Highway.TERTIARY : Highway.RESIDENTIAL, flags);
        }

        // cul-de-sacs into blocks without a diagonal
        for (int j = -m; j < m; j++) {
            for (int i = -m; i < m; i++) {
                if (cellHasDiagonal[(i + m) + w * (j + m)]) continue;
                int corner = rnd.nextInt(4);
                int ci = i + (corner & 1), cj = j + (corner >> 1);
                int from = at(idx, w, m, ci, cj);
                if (from < 0) continue;
                double rho = Math.sqrt((i + 0.5) * (i + 0.5) + (j + 0.5) * (j + 0.5));
                double p = 0.02 + 0.1 * Math.min(1.0, rho / s.rhoMax);
                if (rnd.nextDouble() >= p) continue;
                double u = i + 0.5 + 0.24 * (rnd.nextDouble() - 0.5);
                double v = j + 0.5 + 0.24 * (rnd.nextDouble() - 0.5);
                int end = addLatticeVertex(g, s, u, v, cos, sin);
                g.addEdge(from, end, Highway.RESIDENTIAL, RoadGraph.URBAN);
            }
        }
        s.endVertex = g.vertexCount();

        // outline vertices are the gateways to the rural network
        for (int j = -m; j <= m; j++)
            for (int i = -m; i <= m; i++) {
                int a = at(idx, w, m, i, j);
                if (a >= 0
                        && (at(idx, w, m, i + 1, j) < 0
                                || at(idx, w, m, i - 1, j) < 0
                                || at(idx, w, m, i, j + 1) < 0
                                || at(idx, w, m, i, j - 1) < 0)
                        && (hasArterials
                                        && (Math.floorMod(i, ARTERIAL_EVERY) == 0
                                                || Math.floorMod(j, ARTERIAL_EVERY) == 0)
                                || rnd.nextDouble() < GATEWAY_SHARE
                                || a == s.centreVertex)) gateways.add(a);
            }
    }

    private static int addLatticeVertex(RoadGraph g, Settlement s, double u, double v, double cos, double sin) {
        double r = Math.sqrt(u * u + v * v);
        double scale = s.coreSpacingMetres * (1 + s.warp * r / s.rhoMax);
        double lx = u * scale, ly = v * scale;
        return g.addVertex(s.centreX + lx * cos - ly * sin, s.centreY + lx * sin + ly * cos, s.id);
    }

    private static int at(int[] idx, int w, int m, int i, int j) {
        if (i < -m || i > m || j < -m || j > m) return -1;
        return idx[(i + m) + w * (j + m)];
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static boolean union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra == rb) return false;
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
        return true;
    }
}
