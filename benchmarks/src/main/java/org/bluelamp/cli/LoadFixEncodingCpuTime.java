package org.bluelamp.cli;

import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;

/**
 * What the load tool spends per fix to put a batch on the wire, before and after {@link
 * FixFrames}: main's way (a {@code GpsFix} and a {@code LatLon} builder per fix, the id string
 * {@code "LOAD-" + unit}, the batch built, then {@code toByteArray} as the gRPC encoder does) against
 * the frame written straight to the wire format. Blocks of each alternate in one JVM; CPU time and
 * bytes allocated of this thread ({@code ThreadMXBean}), medians over the blocks. Both produce the
 * same bytes (checked before measuring; {@code FixFramesTest} checks it over awkward values).
 *
 * <p>In package {@code org.bluelamp.cli} to reach the tool's package-private {@link FixFrames}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.bluelamp.cli.LoadFixEncodingCpuTime [blocks]
 * [batches per block]} (default 15 blocks of 400 batches of 500 fixes, 10,000 units).
 */
public final class LoadFixEncodingCpuTime {
    private static final int UNITS = 10_000;
    private static final int BATCH = 500;

    private LoadFixEncodingCpuTime() {}

    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] ids = new String[UNITS];
        for (int i = 0; i < UNITS; i++) {
            ids[i] = "LOAD-" + i;
        }
        FixFrames frames = new FixFrames(ids);
        if (!Arrays.equals(
                builders(7, 1, new long[1]).getBytes(),
                frames(frames, 7, 1, new long[1]).getBytes())) {
            throw new AssertionError("the two ways write different bytes");
        }
        double[][] ns = new double[2][blocks];
        double[][] bytes = new double[2][blocks];
        long[] sink = new long[1];
        for (int warm = 0; warm < 3; warm++) {
            builders(warm, batches, sink);
            frames(frames, warm, batches, sink);
        }
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < 2; k++) {
                int way = (b + k) % 2; // alternate which goes first
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getCurrentThreadAllocatedBytes();
                if (way == 0) {
                    builders(b, batches, sink);
                } else {
                    frames(frames, b, batches, sink);
                }
                ns[way][b] = (threads.getCurrentThreadCpuTime() - cpu0) / (double) (batches * BATCH);
                bytes[way][b] = (threads.getCurrentThreadAllocatedBytes() - alloc0) / (double) (batches * BATCH);
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "per fix, median of %d blocks of %d fixes: builders %.1f ns CPU, %.0f B allocated; frames %.1f ns CPU,"
                        + " %.0f B allocated; ratio %.2fx (blocks %.1f-%.1f vs %.1f-%.1f ns) [sink %d]%n",
                blocks,
                batches * BATCH,
                median(ns[0]),
                median(bytes[0]),
                median(ns[1]),
                median(bytes[1]),
                median(ns[0]) / median(ns[1]),
                min(ns[0]),
                max(ns[0]),
                min(ns[1]),
                max(ns[1]),
                sink[0]);
    }

    /** Main's gateway loop body: builders, then the batch's bytes as the gRPC encoder writes them. */
    private static Buffer builders(long seed, int batches, long[] sink) {
        SplittableRandom random = new SplittableRandom(seed);
        Buffer last = null;
        int unit = 0;
        for (int b = 0; b < batches; b++) {
            FixBatch.Builder fb = FixBatch.newBuilder().setBatchId(b + 1);
            for (int i = 0; i < BATCH; i++) {
                unit = unit + 1 == UNITS ? 0 : unit + 1;
                fb.addFixes(GpsFix.newBuilder()
                        .setUnitId("LOAD-" + unit)
                        .setPositionTimeEpochMillis(1_764_000_000_000L + b)
                        .setAccuracyMetres(5)
                        .setPosition(LatLon.newBuilder()
                                .setLatDeg(40.45 + random.nextDouble() * 0.7)
                                .setLonDeg(-74.35 + random.nextDouble() * 0.7)));
            }
            last = Buffer.buffer(fb.build().toByteArray());
            sink[0] += last.length();
        }
        return last;
    }

    /** This branch's: the frame written straight to the wire format. */
    private static Buffer frames(FixFrames frames, long seed, int batches, long[] sink) {
        SplittableRandom random = new SplittableRandom(seed);
        Buffer last = null;
        int unit = 0;
        for (int b = 0; b < batches; b++) {
            frames.begin(b + 1);
            for (int i = 0; i < BATCH; i++) {
                unit = unit + 1 == UNITS ? 0 : unit + 1;
                frames.add(
                        unit,
                        40.45 + random.nextDouble() * 0.7,
                        -74.35 + random.nextDouble() * 0.7,
                        1_764_000_000_000L + b,
                        5);
            }
            last = Buffer.buffer(frames.finish());
            sink[0] += last.length();
        }
        return last;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
