package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the staged intake's read-ahead costs, against the whole staged path, in one JVM, timed by
 * this thread's CPU clock: blocks of {@link FixIntakeBenchmark#applyStagedBatch} (read-ahead and
 * recording) alternate with blocks of {@link FixIntakeBenchmark#readAheadBatch} (the read-ahead of
 * the stream's next batches alone, recording nothing). Run once per value of
 * {@code -Dbluelamp.staged.passes} (0 to 7: how many of the read-ahead's passes run; the unit
 * indexes are always found) to see what each pass adds.
 *
 * <p>{@code java -Xms6g -Xmx6g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages
 * -Dbluelamp.staged.passes=7 -cp benchmarks.jar org.bluelamp.bench.IntakePassCost [units] [blocks]
 * [fixesPerBlock] [replayGapMillis]}; prints each block and the medians in nanoseconds per fix.
 * Single-threaded.
 */
public final class IntakePassCost {
    private IntakePassCost() {}

    public static void main(String[] args) {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        long gapMillis = args.length > 3 ? Long.parseLong(args[3]) : 60_000;
        FixIntakeBenchmark b = new FixIntakeBenchmark();
        b.units = units;
        b.historyCapacity = 64;
        b.replayGapMillis = gapMillis;
        b.setUp();
        int per = org.bluelamp.tracking.FixIntake.STAGE_FIXES;
        int batches = perBlock / per;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 3 * batches; i++) { // warm-up, and histories as they are while units report
            sink += b.applyStagedBatch();
            if (i % 4 == 0) {
                sink += b.readAheadBatch();
            }
        }
        double[] staged = new double[blocks];
        double[] readAhead = new double[blocks];
        for (int r = 0; r < blocks; r++) {
            long c0 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < batches; i++) {
                sink += b.applyStagedBatch();
            }
            long c1 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < batches; i++) {
                sink += b.readAheadBatch();
            }
            long c2 = clock.getCurrentThreadCpuTime();
            staged[r] = (c1 - c0) / (double) (batches * per);
            readAhead[r] = (c2 - c1) / (double) (batches * per);
            System.out.printf(
                    Locale.ROOT,
                    "block %d: staged %.1f ns per fix, read-ahead alone %.1f%n",
                    r,
                    staged[r],
                    readAhead[r]);
        }
        Arrays.sort(staged);
        Arrays.sort(readAhead);
        System.out.printf(
                Locale.ROOT,
                "PASSES %s units %d: staged median %.1f ns per fix (%.0f per CPU-second), read-ahead alone median %.1f"
                        + " ns per fix (sink %d)%n",
                System.getProperty("bluelamp.staged.passes", "7"),
                units,
                staged[blocks / 2],
                1e9 / staged[blocks / 2],
                readAhead[blocks / 2],
                sink & 1);
        System.exit(0);
    }
}
