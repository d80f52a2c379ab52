package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Fix intake of two builds in one JVM, interleaved block by block, timed by this thread's CPU
 * clock: each build's {@link FixIntakeBenchmark} is loaded from its own {@code benchmarks.jar} in
 * its own class loader, so both see the same moments of a shared machine (a noisy moment hits both)
 * and the ratio after / before is what to read.
 *
 * <p>{@code java -Xmx6g -cp benchmarks.jar org.bluelamp.bench.IntakeBeforeAfter before.jar after.jar
 * [units] [blocks] [fixesPerBlock] [replayGapMillis]}: for each build, the one-at-a-time path
 * ({@code applyFix}) and the staged path ({@code applyStagedBatch}); prints each block and the
 * medians. Single-threaded. {@code replayGapMillis} (default 3,600,000, the benchmark's default)
 * is the pause before the stream is replayed (see {@link FixIntakeBenchmark}); it is applied to
 * both builds alike by shortening each benchmark's private replay span after its setup (builds
 * from before the benchmark had the parameter always used an hour), so the two see the same stream.
 */
public final class IntakeBeforeAfter {
    private IntakeBeforeAfter() {}

    private static final long HOUR_MILLIS = 3_600_000L;

    /** One build's benchmark state and its two paths. */
    private record Build(String name, Object state, Method one, Method staged, int stagedFixes) {
        static Build load(String name, Path jar, int units, long replayGapMillis) throws Exception {
            Object b = BuildBenchmark.setUp(
                    jar.toString(),
                    "org.bluelamp.bench.FixIntakeBenchmark",
                    Map.of("units", units, "historyCapacity", 64),
                    "setUp");
            Class<?> c = b.getClass();
            ClassLoader loader = c.getClassLoader();
            java.lang.reflect.Field span = c.getDeclaredField("span");
            span.setAccessible(true);
            span.setLong(b, span.getLong(b) - HOUR_MILLIS + replayGapMillis); // setUp added an hour
            int per = loader.loadClass("org.bluelamp.tracking.FixIntake")
                    .getField("STAGE_FIXES")
                    .getInt(null);
            return new Build(name, b, c.getMethod("applyFix"), c.getMethod("applyStagedBatch"), per);
        }

        /** Runs {@code fixes} fixes through one path; returns the CPU nanoseconds it took. */
        long run(boolean staged, int fixes, ThreadMXBean clock) throws Exception {
            long c0 = clock.getCurrentThreadCpuTime();
            if (staged) {
                for (int i = 0; i < fixes / stagedFixes; i++) {
                    this.staged.invoke(state);
                }
            } else {
                for (int i = 0; i < fixes; i++) {
                    one.invoke(state);
                }
            }
            return clock.getCurrentThreadCpuTime() - c0;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: IntakeBeforeAfter before.jar after.jar [units] [blocks] [fixesPerBlock] [replayGapMillis]");
            System.exit(2);
        }
        int units = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int perBlock = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        long gapMillis = args.length > 5 ? Long.parseLong(args[5]) : HOUR_MILLIS;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Build[] builds = {
            Build.load("before", Path.of(args[0]), units, gapMillis),
            Build.load("after", Path.of(args[1]), units, gapMillis)
        };
        System.out.printf(Locale.ROOT, "replay gap %d ms%n", gapMillis);
        for (Build b : builds) { // warm-up: both paths of both builds, as much as one block each, twice
            for (int i = 0; i < 2; i++) {
                b.run(false, perBlock, clock);
                b.run(true, perBlock, clock);
            }
        }
        double[][] rates = new double[4][blocks];
        String[] names = {"before one", "before staged", "after one", "after staged"};
        for (int r = 0; r < blocks; r++) {
            for (int k = 0; k < 4; k++) {
                int which = (k + r) % 4; // rotate the order so that no path always runs first
                Build b = builds[which / 2];
                boolean staged = which % 2 == 1;
                int fixes = staged ? perBlock / b.stagedFixes() * b.stagedFixes() : perBlock;
                rates[which][r] = fixes / (b.run(staged, fixes, clock) / 1e9);
            }
            System.out.printf(
                    Locale.ROOT,
                    "block %d: %s %.0f, %s %.0f, %s %.0f, %s %.0f fixes per CPU-second%n",
                    r,
                    names[0],
                    rates[0][r],
                    names[1],
                    rates[1][r],
                    names[2],
                    rates[2][r],
                    names[3],
                    rates[3][r]);
        }
        double[] median = new double[4];
        for (int k = 0; k < 4; k++) {
            double[] v = rates[k].clone();
            Arrays.sort(v);
            median[k] = v[v.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "INTAKE %d units %-14s median %.0f min %.0f max %.0f fixes per CPU-second%n",
                    units,
                    names[k],
                    median[k],
                    v[0],
                    v[v.length - 1]);
        }
        System.out.printf(
                Locale.ROOT,
                "RATIO after / before: one %.2f, staged %.2f; after staged / before one %.2f%n",
                median[2] / median[0],
                median[3] / median[1],
                median[3] / median[0]);
        System.exit(0);
    }
}
