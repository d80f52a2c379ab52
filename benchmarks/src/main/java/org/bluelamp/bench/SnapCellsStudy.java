package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bluelamp.road.EdgeSnap;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * The ring-0 fast path of {@link EdgeSnapIndex} (its snap cells, issue 13 point 2) against the same
 * index without it, in one JVM, blocks alternated and timed by the thread's CPU clock: per map and
 * cell count, the cells' build time and memory, the share of points the fast path answers, the
 * CPU nanoseconds per snap of both, streaming over 4,096 points and cycling over 16 (every line
 * cached), for SnapBenchmark's points (car junctions moved up to about 50 m) and for points within
 * 15 m of a car junction. Checks that both give the same answer for every point. Single-threaded.
 *
 * <pre>java -Dbluelamp.bench.cache=... -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.SnapCellsStudy
 *     rutland,newyork 8,4</pre>
 */
public final class SnapCellsStudy {
    private static final int PAIRS = 11;
    private static final int SNAPS_PER_BLOCK = 200_000;

    private SnapCellsStudy() {}

    public static void main(String[] args) {
        String[] maps = (args.length > 0 ? args[0] : "rutland,newyork").split(",");
        String[] counts = (args.length > 1 ? args[1] : "8").split(",");
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        if (Boolean.getBoolean("bluelamp.study.profile")) { // for a profiler: only the fast path's index, 16 points
            RoadNetwork net = BenchNetworks.open(maps[0]);
            System.setProperty("bluelamp.snap.cells", counts[0]);
            EdgeSnapIndex on = BenchNetworks.awaitCells(EdgeSnapIndex.build(net));
            double[][] p = within(net, 7, 15, on);
            double sink = 0;
            long end = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < end) {
                sink += block(clock, on, p, Integer.getInteger("bluelamp.study.mask", 15), new EdgeSnap())[0];
            }
            System.out.println(sink);
            return;
        }
        for (String map : maps) {
            RoadNetwork net = BenchNetworks.open(map);
            System.setProperty("bluelamp.snap.cells", "off");
            long t0 = clock.getCurrentThreadCpuTime();
            EdgeSnapIndex off = EdgeSnapIndex.build(net);
            double offSeconds = (clock.getCurrentThreadCpuTime() - t0) / 1e9;
            double[][] junctions50 = points(net, 5, 0.0009, 0.0013, off);
            double[][] within15 = within(net, 7, 15, off);
            for (String count : counts) {
                System.setProperty("bluelamp.snap.cells", count);
                t0 = clock.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                EdgeSnapIndex on = BenchNetworks.awaitCells(EdgeSnapIndex.build(net));
                // a large network's cells are built by a background thread: its CPU is not this thread's
                double onSeconds =
                        Math.max((clock.getCurrentThreadCpuTime() - t0) / 1e9, (System.nanoTime() - wall0) / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "CELLS %s %s: index build %.1f s CPU without cells, %.1f s with (CPU or wall, the larger);"
                                + " memory %.1f MB without, %.1f MB with; %s%n",
                        map,
                        count,
                        offSeconds,
                        onSeconds,
                        off.memoryBytes() / 1e6,
                        on.memoryBytes() / 1e6,
                        on.cellsSummary());
                probe(map + " " + count + " junctions+-50m", on, junctions50);
                probe(map + " " + count + " within15m", on, within15);
                if (Boolean.getBoolean("bluelamp.study.buildOnly")) {
                    continue;
                }
                compare(clock, map + " " + count + " junctions+-50m", off, on, junctions50);
                compare(clock, map + " " + count + " within15m", off, on, within15);
            }
            System.clearProperty("bluelamp.snap.cells");
        }
    }

    private static void compare(ThreadMXBean clock, String what, EdgeSnapIndex off, EdgeSnapIndex on, double[][] p) {
        EdgeSnap a = new EdgeSnap();
        EdgeSnap b = new EdgeSnap();
        int fast = 0;
        for (int i = 0; i < p[0].length; i++) {
            off.snap(TravelProfile.CAR, p[0][i], p[1][i], a);
            on.snap(TravelProfile.CAR, p[0][i], p[1][i], b);
            if (a.edgeId() != b.edgeId()
                    || a.wayIndex() != b.wayIndex()
                    || a.position() != b.position()
                    || a.distanceMetres() != b.distanceMetres()
                    || a.toBaseMetres() != b.toBaseMetres()
                    || a.toAdjMetres() != b.toAdjMetres()
                    || a.snappedLatDeg() != b.snappedLatDeg()
                    || a.snappedLonDeg() != b.snappedLonDeg()
                    || a.closestNode() != b.closestNode()) {
                throw new IllegalStateException(what + ": differs at " + p[0][i] + "," + p[1][i] + ": " + a + " " + b);
            }
            fast += b.fromFastPath() ? 1 : 0;
        }
        for (int mask : new int[] {4095, 15}) {
            double sink = 0;
            for (int w = 0; w < 3; w++) {
                sink += block(clock, off, p, mask, a)[1] + block(clock, on, p, mask, b)[1];
            }
            double[] nsOff = new double[PAIRS];
            double[] nsOn = new double[PAIRS];
            double[] ratio = new double[PAIRS];
            for (int k = 0; k < PAIRS; k++) {
                boolean offFirst = (k & 1) == 0;
                double[] x = offFirst ? block(clock, off, p, mask, a) : block(clock, on, p, mask, b);
                double[] y = offFirst ? block(clock, on, p, mask, b) : block(clock, off, p, mask, a);
                nsOff[k] = offFirst ? x[0] : y[0];
                nsOn[k] = offFirst ? y[0] : x[0];
                ratio[k] = nsOff[k] / nsOn[k];
                sink += x[1] + y[1];
            }
            System.out.printf(
                    Locale.ROOT,
                    "CELLS-AB %s over %d points: fast path %d of %d; without cells %.0f ns a snap (%.0f a CPU-second),"
                            + " with %.0f ns (%.0f a CPU-second), without/with median of %d pairs %.2fx"
                            + " (%.2f-%.2fx), load %.1f%s%n",
                    what,
                    mask + 1,
                    fast,
                    p[0].length,
                    median(nsOff),
                    1e9 / median(nsOff),
                    median(nsOn),
                    1e9 / median(nsOn),
                    PAIRS,
                    median(ratio),
                    Arrays.stream(ratio).min().orElse(0),
                    Arrays.stream(ratio).max().orElse(0),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    sink == 42.4242 ? " " : "");
        }
    }

    /** The blobs the points read: how many have one, at which depth, with how many candidates (mean). */
    private static void probe(String what, EdgeSnapIndex on, double[][] p) {
        int[] byDepth = new int[8];
        long candidates = 0;
        int withBlob = 0;
        int[] byCount = new int[12];
        int fast = 0;
        long fastCandidates = 0;
        int[] byOutcome = new int[9];
        EdgeSnap snap = new EdgeSnap();
        for (int i = 0; i < p[0].length; i++) {
            on.snap(TravelProfile.CAR, p[0][i], p[1][i], snap);
            byOutcome[snap.fastPathOutcome()]++;
            int probe = on.cellProbe(p[0][i], p[1][i]);
            if (probe < 0) {
                continue;
            }
            withBlob++;
            if (snap.fromFastPath()) {
                fast++;
                fastCandidates += probe % 1000;
            }
            byDepth[probe / 1000]++;
            candidates += probe % 1000;
            byCount[Math.min(11, probe % 1000)]++;
        }
        // bytes allocated by the snaps themselves (the fast path and its fall-back), after a warm-up
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 5; w++) {
            for (int i = 0; i < p[0].length; i++) {
                on.snap(TravelProfile.CAR, p[0][i], p[1][i], snap);
            }
        }
        long bytes0 = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50 * p[0].length; i++) {
            on.snap(TravelProfile.CAR, p[0][i % p[0].length], p[1][i % p[0].length], snap);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - bytes0;
        System.out.printf(Locale.ROOT, "ALLOC %s: %d bytes over %d snaps%n", what, allocated, 50 * p[0].length);
        System.out.printf(
                Locale.ROOT,
                "PROBE %s: %d of %d points read a blob, %d answered by it (%.2f candidates a hit), by depth (0, 1, ...)"
                        + " %s, %.2f candidates a blob read (by count 0..11+: %s); outcomes (no blob, no profile,"
                        + " ring 0, ring 1, ring 0 beyond its border, ring 0 other, ring 1 not proven past ring 0,"
                        + " ring 1 beyond its border, ring 1 other): %s%n",
                what,
                withBlob,
                p[0].length,
                fast,
                fastCandidates / (double) Math.max(1, fast),
                Arrays.toString(byDepth),
                candidates / (double) Math.max(1, withBlob),
                Arrays.toString(byCount),
                Arrays.toString(byOutcome));
    }

    private static double[] block(ThreadMXBean clock, EdgeSnapIndex index, double[][] p, int mask, EdgeSnap snap) {
        double sink = 0;
        long c0 = clock.getCurrentThreadCpuTime();
        for (int i = 0; i < SNAPS_PER_BLOCK; i++) {
            int k = i & mask;
            index.snap(TravelProfile.CAR, p[0][k], p[1][k], snap);
            sink += snap.toBaseMetres();
        }
        return new double[] {(clock.getCurrentThreadCpuTime() - c0) / (double) SNAPS_PER_BLOCK, sink};
    }

    /** SnapBenchmark's points: car junctions moved by up to half the spans, kept when found within the limit. */
    private static double[][] points(RoadNetwork net, long seed, double spanLat, double spanLon, EdgeSnapIndex index) {
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        Random rnd = new Random(seed);
        double[][] p = new double[2][4096];
        EdgeSnap snap = new EdgeSnap();
        for (int i = 0; i < 4096; ) {
            int node = junctions[rnd.nextInt(junctions.length)];
            double lat = na.getLat(node) + (rnd.nextDouble() - 0.5) * spanLat;
            double lon = na.getLon(node) + (rnd.nextDouble() - 0.5) * spanLon;
            if (index.snap(TravelProfile.CAR, lat, lon, snap) == EdgeSnap.Outcome.FOUND
                    && snap.distanceMetres() <= net.options().maxSnapDistanceMetres()) {
                p[0][i] = lat;
                p[1][i++] = lon;
            }
        }
        return p;
    }

    /** Points within {@code metres} of a car junction (uniform in the disc). */
    private static double[][] within(RoadNetwork net, long seed, double metres, EdgeSnapIndex index) {
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        Random rnd = new Random(seed);
        double[][] p = new double[2][4096];
        EdgeSnap snap = new EdgeSnap();
        for (int i = 0; i < 4096; ) {
            int node = junctions[rnd.nextInt(junctions.length)];
            double r = metres * Math.sqrt(rnd.nextDouble());
            double angle = rnd.nextDouble() * 2 * Math.PI;
            double lat = na.getLat(node) + r * Math.sin(angle) / 111_195.0;
            double lon = na.getLon(node) + r * Math.cos(angle) / (111_195.0 * Math.cos(Math.toRadians(lat)));
            if (index.snap(TravelProfile.CAR, lat, lon, snap) == EdgeSnap.Outcome.FOUND) {
                p[0][i] = lat;
                p[1][i++] = lon;
            }
        }
        return p;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
