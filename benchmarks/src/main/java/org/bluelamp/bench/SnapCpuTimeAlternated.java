package org.bluelamp.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Two builds of {@link SnapBenchmark#edgeSnapIndex} in one JVM, their blocks alternated, each timed
 * by the measuring thread's CPU clock: on a machine shared with other work the load changes from
 * minute to minute, so two builds measured one after the other differ by more than a change to
 * the snap does; blocks alternated every few hundred milliseconds see the same load. Each jar (a
 * {@code benchmarks.jar} of the build) is loaded by its own class loader, with its own copy of
 * the engine and GraphHopper; each runs its benchmark's setup (which checks its 4,096 points
 * against GraphHopper). Prints, per map, the median over the blocks of each build's nanoseconds
 * of CPU per snap and the median of the per-pair ratios. Single-threaded.
 *
 * <pre>java -Dbluelamp.bench.cache=... -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.SnapCpuTimeAlternated
 *     before.jar after.jar rutland newyork</pre>
 */
public final class SnapCpuTimeAlternated {
    private static final int SNAPS_PER_BLOCK = 200_000;
    private static final int PAIRS = 15;

    private SnapCpuTimeAlternated() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: SnapCpuTimeAlternated <before.jar> <after.jar> <map>...");
            System.exit(2);
        }
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        for (int m = 2; m < args.length; m++) {
            String map = args[m];
            MethodHandle before = snapOf(args[0], map);
            MethodHandle after = snapOf(args[1], map);
            double sink = 0;
            for (int i = 0; i < 3; i++) { // warm-up, both
                sink += block(clock, before, 5 * SNAPS_PER_BLOCK)[1];
                sink += block(clock, after, 5 * SNAPS_PER_BLOCK)[1];
            }
            double[] nsBefore = new double[PAIRS];
            double[] nsAfter = new double[PAIRS];
            double[] ratio = new double[PAIRS];
            for (int p = 0; p < PAIRS; p++) {
                double[] a =
                        (p & 1) == 0 ? block(clock, before, SNAPS_PER_BLOCK) : block(clock, after, SNAPS_PER_BLOCK);
                double[] b =
                        (p & 1) == 0 ? block(clock, after, SNAPS_PER_BLOCK) : block(clock, before, SNAPS_PER_BLOCK);
                nsBefore[p] = (p & 1) == 0 ? a[0] : b[0];
                nsAfter[p] = (p & 1) == 0 ? b[0] : a[0];
                ratio[p] = nsBefore[p] / nsAfter[p];
                sink += a[1] + b[1];
            }
            if (sink == 42.4242) {
                System.out.println(); // keeps the snaps alive
            }
            System.out.printf(
                    Locale.ROOT,
                    "SNAP-AB %s before %.0f ns per snap (%.0f per CPU-second), after %.0f ns (%.0f per CPU-second),"
                            + " before/after median of %d pairs %.2fx (pairs %.2f-%.2fx), load %s%n",
                    map,
                    median(nsBefore),
                    1e9 / median(nsBefore),
                    median(nsAfter),
                    1e9 / median(nsAfter),
                    PAIRS,
                    median(ratio),
                    Arrays.stream(ratio).min().orElse(0),
                    Arrays.stream(ratio).max().orElse(0),
                    loadAverage());
        }
    }

    private static MethodHandle snapOf(String jar, String map) throws Throwable {
        Object benchmark = BuildBenchmark.setUp(jar, "org.bluelamp.bench.SnapBenchmark", Map.of("map", map), "setup");
        Class<?> type = benchmark.getClass();
        return MethodHandles.publicLookup()
                .findVirtual(type, "edgeSnapIndex", MethodType.methodType(double.class))
                .bindTo(benchmark);
    }

    /** @return CPU nanoseconds per snap, and a sink */
    private static double[] block(ThreadMXBean clock, MethodHandle snap, int snaps) throws Throwable {
        double sink = 0;
        long c0 = clock.getCurrentThreadCpuTime();
        for (int i = 0; i < snaps; i++) {
            sink += (double) snap.invokeExact();
        }
        return new double[] {(clock.getCurrentThreadCpuTime() - c0) / (double) snaps, sink};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
