package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * How local a road graph's node numbering is, sorted along a Hilbert curve at import (GraphHopper
 * 11's default, as served) and in the extract's import order ({@code RoadNetworkOptions.sortGraph}
 * off), for issue 13 point 5: opens each map both ways (importing the unsorted one into {@code
 * -Dbluelamp.bench.unsortedCache} the first time) and prints, for the car profile's {@link
 * TravelTimeGraph}:
 *
 * <ul>
 *   <li>the share of edges whose two ends are within 64 and within 1,024 node ids of each other;
 *   <li>for Dijkstra searches of {@code settle} settled nodes from the same 200 seeded junctions
 *       (picked by position, so both orders search from the same places), the mean distinct
 *       64-byte lines per settled node of a CSR layout like the searches' (an int offset per node,
 *       an int head and an int time per adjacency entry, an int label per node): the cache lines
 *       a search must bring in;
 *   <li>the CPU time per settled node of those searches, both orders alternating in this JVM.
 * </ul>
 *
 * <pre>java -Xmx6g -Dbluelamp.shared.dir=../shared -Dbluelamp.bench.cache=/work/cache/bench
 *     -Dbluelamp.bench.unsortedCache=DIR -cp benchmarks.jar org.bluelamp.bench.GraphOrderLocality
 *     rutland,newyork,national [settle]</pre>
 */
public final class GraphOrderLocality {
    private GraphOrderLocality() {}

    public static void main(String[] args) {
        String[] maps = (args.length > 0 ? args[0] : "rutland,newyork,national").split(",");
        int settle = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        for (String map : maps) {
            RoadNetwork sorted = BenchNetworks.open(map, true);
            RoadNetwork plain = BenchNetworks.open(map, false);
            System.out.printf(
                    Locale.ROOT,
                    "LOCALITY %s import: sorted %s (%d ms), unsorted %s (%d ms); nodes %d / %d, edges %d / %d%n",
                    map,
                    sorted.loadReport().cacheDir().getFileName(),
                    sorted.loadReport().importMillis(),
                    plain.loadReport().cacheDir().getFileName(),
                    plain.loadReport().importMillis(),
                    sorted.loadReport().nodes(),
                    plain.loadReport().nodes(),
                    sorted.loadReport().edges(),
                    plain.loadReport().edges());
            Csr[] csr = {
                new Csr(sorted.travelTimeGraph(TravelProfile.CAR)), new Csr(plain.travelTimeGraph(TravelProfile.CAR))
            };
            int[][] sources = sameSources(csr, 200, 42);
            String[] name = {"sorted", "unsorted"};
            for (int b = 0; b < 2; b++) {
                System.out.printf(
                        Locale.ROOT,
                        "LOCALITY %s %s edges within 64 ids %.1f%%, within 1024 ids %.1f%%%n",
                        map,
                        name[b],
                        100.0 * csr[b].shareWithin(64),
                        100.0 * csr[b].shareWithin(1024));
            }
            ThreadMXBean clock = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[2];
            long[] settled = new long[2];
            long[] lines = new long[2];
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sources[0].length; i++) {
                    for (int o = 0; o < 2; o++) {
                        int b = (i + o) & 1;
                        long c0 = clock.getCurrentThreadCpuTime();
                        int s = csr[b].dijkstra(sources[b][i], settle, false);
                        long c = clock.getCurrentThreadCpuTime() - c0;
                        if (round > 0) {
                            cpu[b] += c;
                            settled[b] += s;
                        }
                        if (round == 2) {
                            csr[b].dijkstra(sources[b][i], settle, true);
                            lines[b] += csr[b].linesTouched();
                        }
                    }
                }
            }
            for (int b = 0; b < 2; b++) {
                System.out.printf(
                        Locale.ROOT,
                        "LOCALITY %s %s Dijkstra of %d settled: %.1f distinct lines and %.1f ns CPU per settled node%n",
                        map,
                        name[b],
                        settle,
                        lines[b] / (double) (settled[b] / 2),
                        cpu[b] / (double) settled[b]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "LOCALITY %s unsorted/sorted lines %.2f, ns per settled node %.2f (load %.1f)%n",
                    map,
                    lines[1] / (double) lines[0],
                    (cpu[1] / (double) settled[1]) / (cpu[0] / (double) settled[0]),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    /** The same junctions in both graphs: drawn in the first, found in the second by position. */
    private static int[][] sameSources(Csr[] csr, int count, long seed) {
        java.util.Map<Long, Integer> at = new java.util.HashMap<>();
        for (int n = 0; n < csr[1].nodes; n++) {
            at.putIfAbsent(csr[1].key(n), n);
        }
        Random rnd = new Random(seed);
        int[][] out = new int[2][count];
        int m = 0;
        while (m < count) {
            int n = rnd.nextInt(csr[0].nodes);
            Integer twin = at.get(csr[0].key(n));
            if (twin != null && csr[0].degree(n) >= 2) {
                out[0][m] = n;
                out[1][m] = twin;
                m++;
            }
        }
        return out;
    }

    /** A forward CSR of one profile's open edges, laid out by node id as the searches' are. */
    private static final class Csr {
        final int nodes;
        final TravelTimeGraph g;
        final int[] offset;
        final int[] head;
        final int[] millis;
        final int[] label;
        final int[] settledStamp;
        int stamp;
        final java.util.BitSet lineSeen = new java.util.BitSet();
        int lineCount;
        final long[] heap;
        int heapSize;

        Csr(TravelTimeGraph g) {
            this.g = g;
            nodes = g.nodeCount();
            offset = new int[nodes + 1];
            for (int e = 0; e < g.edgeCount(); e++) {
                if (g.edgeFwdMillis(e) >= 0) {
                    offset[g.edgeBase(e) + 1]++;
                }
                if (g.edgeBwdMillis(e) >= 0) {
                    offset[g.edgeAdj(e) + 1]++;
                }
            }
            for (int n = 0; n < nodes; n++) {
                offset[n + 1] += offset[n];
            }
            head = new int[offset[nodes]];
            millis = new int[offset[nodes]];
            int[] fill = Arrays.copyOf(offset, nodes);
            for (int e = 0; e < g.edgeCount(); e++) {
                if (g.edgeFwdMillis(e) >= 0) {
                    int i = fill[g.edgeBase(e)]++;
                    head[i] = g.edgeAdj(e);
                    millis[i] = g.edgeFwdMillis(e);
                }
                if (g.edgeBwdMillis(e) >= 0) {
                    int i = fill[g.edgeAdj(e)]++;
                    head[i] = g.edgeBase(e);
                    millis[i] = g.edgeBwdMillis(e);
                }
            }
            label = new int[nodes];
            settledStamp = new int[nodes];
            heap = new long[offset[nodes] + 1];
        }

        long key(int n) {
            return (Math.round(g.nodeLatDeg(n) * 1e6) << 32) ^ Math.round(g.nodeLonDeg(n) * 1e6);
        }

        int degree(int n) {
            return offset[n + 1] - offset[n];
        }

        double shareWithin(int ids) {
            long within = 0;
            long all = 0;
            for (int e = 0; e < g.edgeCount(); e++) {
                if (g.edgeFwdMillis(e) >= 0 || g.edgeBwdMillis(e) >= 0) {
                    all++;
                    if (Math.abs(g.edgeBase(e) - g.edgeAdj(e)) <= ids) {
                        within++;
                    }
                }
            }
            return within / (double) all;
        }

        int linesTouched() {
            return lineCount;
        }

        /** Settles up to {@code limit} nodes from {@code source}; returns how many it settled. */
        int dijkstra(int source, int limit, boolean countLines) {
            stamp += 2;
            lineSeen.clear();
            lineCount = 0;
            heapSize = 0;
            push(0, source);
            label[source] = 0;
            settledStamp[source] = stamp;
            int settledCount = 0;
            while (heapSize > 0 && settledCount < limit) {
                long top = pop();
                int n = (int) top;
                int d = (int) (top >>> 32);
                if (settledStamp[n] == stamp + 1 || d > label[n]) {
                    continue;
                }
                settledStamp[n] = stamp + 1;
                settledCount++;
                if (countLines) {
                    touch(0, n); // offset[n]
                }
                for (int i = offset[n]; i < offset[n + 1]; i++) {
                    int h = head[i];
                    int nd = d + millis[i];
                    if (countLines) {
                        touch(1, i); // head[i]
                        touch(2, i); // millis[i]
                        touch(3, h); // label[h]
                    }
                    if (settledStamp[h] < stamp || (settledStamp[h] == stamp && nd < label[h])) {
                        settledStamp[h] = stamp;
                        label[h] = nd;
                        push(nd, h);
                    }
                }
            }
            return settledCount;
        }

        private void touch(int array, int index) {
            int line = (index >>> 4) * 4 + array; // 16 ints per 64-byte line, four arrays
            if (!lineSeen.get(line)) {
                lineSeen.set(line);
                lineCount++;
            }
        }

        private void push(int d, int n) {
            long v = ((long) d << 32) | n;
            int i = heapSize++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (heap[p] <= v) {
                    break;
                }
                heap[i] = heap[p];
                i = p;
            }
            heap[i] = v;
        }

        private long pop() {
            long top = heap[0];
            long last = heap[--heapSize];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= heapSize) {
                    break;
                }
                if (c + 1 < heapSize && heap[c + 1] < heap[c]) {
                    c++;
                }
                if (heap[c] >= last) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = last;
            return top;
        }
    }
}
