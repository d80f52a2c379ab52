package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a snap's CPU time goes, by parts timed in isolation over {@link SnapBenchmark}'s seeded
 * points (its setup checks every one against GraphHopper), each timed by the measuring thread's
 * CPU clock, blocks of the parts interleaved so they see the same load: the snap over all 4,096
 * points (the benchmark's figure: the index's lines mostly outside the core's caches); the same
 * snap cycling over 256 and over 16 of those points (the lines those snaps read stay in the
 * caches, so the difference is what fetching lines costs); and one {@code Math.cos} of a mean
 * latitude as GraphHopper's distance arithmetic computes it ({@code cos(toRadians((a + b) / 2))},
 * independent calls, so its throughput). Prints the medians over the blocks. Single-threaded.
 *
 * <pre>java -Dbluelamp.bench.cache=... -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.SnapCostParts
 *     rutland newyork</pre>
 */
public final class SnapCostParts {
    private static final int SNAPS_PER_BLOCK = 200_000;
    private static final int BLOCKS = 9;
    private static final int[] POINT_COUNTS = {4096, 256, 16};

    private SnapCostParts() {}

    public static void main(String[] args) {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        for (String map : args.length > 0 ? args : new String[] {"rutland", "newyork"}) {
            SnapBenchmark b = new SnapBenchmark();
            b.map = map;
            b.setup();
            double[] lats = b.latitudes();
            double sink = 0;
            for (int w = 0; w < 3; w++) {
                for (int pc : POINT_COUNTS) {
                    sink += block(clock, b, pc, 5 * SNAPS_PER_BLOCK)[1];
                }
                sink += cosines(clock, lats, 20 * SNAPS_PER_BLOCK)[1];
            }
            double[][] ns = new double[POINT_COUNTS.length + 1][BLOCKS];
            for (int r = 0; r < BLOCKS; r++) {
                for (int p = 0; p < POINT_COUNTS.length; p++) {
                    double[] t = block(clock, b, POINT_COUNTS[(p + r) % POINT_COUNTS.length], SNAPS_PER_BLOCK);
                    ns[(p + r) % POINT_COUNTS.length][r] = t[0];
                    sink += t[1];
                }
                double[] c = cosines(clock, lats, 10 * SNAPS_PER_BLOCK);
                ns[POINT_COUNTS.length][r] = c[0];
                sink += c[1];
            }
            if (sink == 42.4242) {
                System.out.println(); // keeps the results alive
            }
            for (int p = 0; p < POINT_COUNTS.length; p++) {
                System.out.printf(
                        Locale.ROOT,
                        "SNAP-PARTS %s snap over %d points: %.0f ns (%.0f per CPU-second)%n",
                        map,
                        POINT_COUNTS[p],
                        median(ns[p]),
                        1e9 / median(ns[p]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "SNAP-PARTS %s one Math.cos(Math.toRadians((a + b) / 2)): %.1f ns; load %.1f%n",
                    map,
                    median(ns[POINT_COUNTS.length]),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** @return CPU nanoseconds per snap, and a sink */
    private static double[] block(ThreadMXBean clock, SnapBenchmark b, int pointCount, int snaps) {
        double sink = 0;
        long c0 = clock.getCurrentThreadCpuTime();
        for (int i = 0; i < snaps; i++) {
            sink += b.edgeSnapIndexOver(pointCount);
        }
        return new double[] {(clock.getCurrentThreadCpuTime() - c0) / (double) snaps, sink};
    }

    /** @return CPU nanoseconds per cosine, and a sink */
    private static double[] cosines(ThreadMXBean clock, double[] lats, int count) {
        double sink = 0;
        int mask = lats.length - 1;
        long c0 = clock.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            sink += Math.cos(Math.toRadians((lats[i & mask] + lats[(i + 1) & mask]) / 2.0));
        }
        return new double[] {(clock.getCurrentThreadCpuTime() - c0) / (double) count, sink};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
