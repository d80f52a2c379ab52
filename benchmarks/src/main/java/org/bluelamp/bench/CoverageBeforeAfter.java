package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Issue 12 point 8 on a busy machine: two builds of {@link CoverageBenchmark} (each benchmarks
 * jar in a class loader of its own, so each has its own classes, profiles and compiled code) in one
 * JVM, measured in alternating blocks, so both see the same minutes of the machine's other work.
 * Per block: CPU ms per operation of the measuring thread for {@code evaluate} and
 * {@code liveRefresh}; printed per block and as the median of blocks with the after-to-before
 * ratio. A ratio measured this way holds under load where the separate JVM runs of
 * {@link CoverageCpuTime} (the figure that counts, on a quiet machine) move with the load.
 *
 * <p>{@code java -Xmx12g -Dbluelamp.shared.dir=... -Dbluelamp.bench.cache=... -cp after.jar
 * org.bluelamp.bench.CoverageBeforeAfter before.jar after.jar newyork 200 7} (map, units, blocks;
 * each block at least {@code -Dcoverage.blockMillis} ms of CPU per operation kind, default 1000,
 * after one such block of warm-up).
 */
public final class CoverageBeforeAfter {
    private static final com.sun.management.ThreadMXBean THREAD =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long BLOCK_NANOS = Long.getLong("coverage.blockMillis", 1000) * 1_000_000L;

    private CoverageBeforeAfter() {}

    /** One build's benchmark, set up. */
    private record Build(String name, Object bench, Method evaluate, Method liveRefresh) {
        static Build load(String name, Path jar, String map, int units) throws Exception {
            Object b = BuildBenchmark.setUp(
                    jar.toString(),
                    "org.bluelamp.bench.CoverageBenchmark",
                    Map.of("map", map, "units", units),
                    "setup");
            Class<?> c = b.getClass();
            return new Build(name, b, c.getMethod("evaluate"), c.getMethod("liveRefresh"));
        }

        /** CPU ms per call of {@code m} over a block of at least {@link #BLOCK_NANOS}. */
        double block(Method m) throws Exception {
            long c0 = THREAD.getCurrentThreadCpuTime();
            int n = 0;
            while (n < 2 || THREAD.getCurrentThreadCpuTime() - c0 < BLOCK_NANOS) {
                m.invoke(bench);
                n++;
            }
            return (THREAD.getCurrentThreadCpuTime() - c0) / 1e6 / n;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CoverageBeforeAfter <before.jar> <after.jar> <map> <units> [blocks]");
            System.exit(2);
        }
        String map = args[2];
        int units = Integer.parseInt(args[3]);
        int blocks = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        Build before = Build.load("before", Path.of(args[0]), map, units);
        Build after = Build.load("after", Path.of(args[1]), map, units);
        Build[] builds = {before, after};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Build b : builds) { // warm-up
            b.block(b.evaluate);
            b.block(b.liveRefresh);
        }
        double[][] evaluate = new double[2][blocks];
        double[][] live = new double[2][blocks];
        for (int k = 0; k < blocks; k++) {
            for (int i = 0; i < 2; i++) {
                // alternate which build goes first
                int x = (k % 2 == 0) ? i : 1 - i;
                evaluate[x][k] = builds[x].block(builds[x].evaluate);
                live[x][k] = builds[x].block(builds[x].liveRefresh);
            }
            System.out.printf(
                    "block %d: evaluate before %.1f after %.1f ms; liveRefresh before %.1f after %.1f ms; load %.2f%n",
                    k + 1, evaluate[0][k], evaluate[1][k], live[0][k], live[1][k], os.getSystemLoadAverage());
        }
        print(map + " " + units + " units evaluate", evaluate);
        print(map + " " + units + " units liveRefresh", live);
    }

    private static void print(String what, double[][] ms) {
        double b = median(ms[0]);
        double a = median(ms[1]);
        System.out.printf(
                "BEFORE-AFTER %-36s median of blocks: before %.1f ms, after %.1f ms, after/before %.3f%n",
                what, b, a, a / b);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
