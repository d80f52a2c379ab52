package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.HistoryPolicy;
import org.bluelamp.fleet.StagedFixes;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.bluelamp.tracking.IntakeResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fix intake into fleet state on one thread: validation, ordering, duplicate detection, history
 * and spatial index, one fix per operation.
 *
 * <p>The stream: {@code units} radios, each reporting every 5 to 30 s (its own interval, with
 * jitter) while moving at 0 to 20 m/s over an area that grows with the fleet (a county for 1,000
 * units, Great Britain for 100,000). Fixes are delivered in arrival order: most 0.2 to 3 s after
 * their position time, 1% as backlog 30 s to 10 min late (out of order), and 2% delivered twice.
 * The engine clock follows the arrival time. When the stream ends it is replayed shifted forward
 * in time, so every pass is new traffic, after a pause of {@code replayGapMillis}: the default hour
 * (the figures of earlier rounds) makes every unit look silent for an hour between passes, so at
 * 100,000 units, where a pass is about six minutes of traffic (about 20 fixes a unit), every pass
 * begins by evicting whole histories by age and relearning intervals from them; a one-minute gap
 * ({@code -p replayGapMillis=60000}) keeps histories continuous, as in a service whose units keep
 * reporting. Unit ids come from a pool (their hash codes are cached;
 * a gateway decoding fresh strings pays about 10-20 ns more per fix).
 *
 * <p>The heap is in transparent huge pages (where the kernel offers them), as {@code dispatch serve}
 * runs it: at 100,000 units the history rings span 200+ MB, and in 4 KB pages nearly every read of
 * a fix was also a page walk. Rounds before 2026-11-27's sixth ran without it; to compare with them
 * pass {@code -jvmArgsAppend "-Xms4g -Xmx4g"} (which replaces this list).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FixIntakeBenchmark {
    private static final long T0 = 1_700_000_000_000L;
    private static final int STREAM = 2_000_000;

    @Param({"1000", "10000", "100000"})
    public int units;

    /** Fixes of history kept per unit (the default policy keeps 64, at most one hour). */
    @Param({"64"})
    public int historyCapacity;

    /** The pause between the end of the stream and its replay, milliseconds (see the class comment). */
    @Param({"3600000"})
    public long replayGapMillis = 3_600_000;

    private String[] ids;
    private int[] unit;
    private double[] lat;
    private double[] lon;
    private long[] time;
    private long[] arrival;
    private double[] accuracy;
    private double[] speed;
    private double[] heading;
    private long span;

    private FixIntake intake;
    /** A second staged batch over the same fleet, for {@link #readAheadOnly}. */
    private StagedFixes readAheadOnly;

    private final long[] now = new long[1];
    private int cursor;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        ids = new String[units];
        for (int u = 0; u < units; u++) {
            ids[u] = Integer.toString(2_340_000 + u);
        }
        // Area: about 10 km^2 per unit, centred on Leeds, at least 30 x 30 km.
        double sideKm = Math.max(30, Math.sqrt(units * 10.0));
        double dLat = sideKm / 2 / 111.2;
        double dLon = dLat / Math.cos(Math.toRadians(53.8));
        long[] interval = new long[units];
        long[] next = new long[units];
        double[] ulat = new double[units];
        double[] ulon = new double[units];
        for (int u = 0; u < units; u++) {
            interval[u] = 5_000 + random.nextInt(25_000);
            next[u] = T0 + random.nextInt((int) interval[u]);
            ulat[u] = 53.8 + random.nextDouble(-dLat, dLat);
            ulon[u] = -1.55 + random.nextDouble(-dLon, dLon);
        }
        // Generate fixes in position-time order with a min-heap on next report time.
        int[] heap = new int[units];
        for (int u = 0; u < units; u++) {
            heap[u] = u;
        }
        for (int i = units / 2 - 1; i >= 0; i--) {
            siftDown(heap, units, i, next);
        }
        int n = 0;
        unit = new int[STREAM];
        lat = new double[STREAM];
        lon = new double[STREAM];
        time = new long[STREAM];
        arrival = new long[STREAM];
        accuracy = new double[STREAM];
        speed = new double[STREAM];
        heading = new double[STREAM];
        while (n < STREAM) {
            int u = heap[0];
            long t = next[u];
            double v = random.nextDouble(0, 20);
            double h = random.nextDouble(0, 360);
            double metres = v * interval[u] / 1000.0;
            ulat[u] += Math.cos(Math.toRadians(h)) * metres / 111_200;
            ulon[u] += Math.sin(Math.toRadians(h)) * metres / (111_200 * Math.cos(Math.toRadians(ulat[u])));
            int copies = random.nextInt(50) == 0 ? 2 : 1;
            for (int c = 0; c < copies && n < STREAM; c++, n++) {
                unit[n] = u;
                lat[n] = ulat[u];
                lon[n] = ulon[u];
                time[n] = t;
                accuracy[n] = 2 + random.nextInt(30);
                speed[n] = v;
                heading[n] = h;
                arrival[n] =
                        t + (random.nextInt(100) == 0 ? 30_000 + random.nextInt(570_000) : 200 + random.nextInt(2_800));
            }
            next[u] = t + interval[u] + random.nextInt(2_000) - 1_000;
            siftDown(heap, units, 0, next);
        }
        sortByArrival();
        span = arrival[STREAM - 1] - time[0] + replayGapMillis;

        FleetState fleet =
                new FleetState(FleetOptions.defaults().withHistory(new HistoryPolicy(historyCapacity, 3_600_000L)));
        for (int u = 0; u < units; u++) {
            fleet.register(UnitSpec.minimal(ids[u], UnitKind.CAR), UnitStatus.AVAILABLE, T0 - 1);
        }
        InstantSource clock = new InstantSource() {
            @Override
            public long millis() {
                return now[0];
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        readAheadOnly = new StagedFixes(fleet);
        bareLines = new long[units * 16];
        cursor = 0;
        offset = 0;
    }

    private static void siftDown(int[] heap, int size, int i, long[] key) {
        int x = heap[i];
        for (; ; ) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && key[heap[c + 1]] < key[heap[c]]) {
                c++;
            }
            if (key[heap[c]] >= key[x]) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }

    private void sortByArrival() {
        // Sort a permutation by arrival time (stable) and apply it to every column.
        long[] keys = new long[STREAM];
        for (int i = 0; i < STREAM; i++) {
            keys[i] = (arrival[i] - T0) << 21 | i; // arrival within ~24 days, index < 2^21
        }
        java.util.Arrays.sort(keys);
        int[] u2 = new int[STREAM];
        double[] la2 = new double[STREAM];
        double[] lo2 = new double[STREAM];
        long[] t2 = new long[STREAM];
        long[] a2 = new long[STREAM];
        double[] ac2 = new double[STREAM];
        double[] s2 = new double[STREAM];
        double[] h2 = new double[STREAM];
        for (int j = 0; j < STREAM; j++) {
            int i = (int) (keys[j] & ((1 << 21) - 1));
            u2[j] = unit[i];
            la2[j] = lat[i];
            lo2[j] = lon[i];
            t2[j] = time[i];
            a2[j] = arrival[i];
            ac2[j] = accuracy[i];
            s2[j] = speed[i];
            h2[j] = heading[i];
        }
        unit = u2;
        lat = la2;
        lon = lo2;
        time = t2;
        arrival = a2;
        accuracy = ac2;
        speed = s2;
        heading = h2;
    }

    @Benchmark
    public IntakeResult applyFix() {
        int i = cursor;
        if (i == STREAM) {
            i = 0;
            offset += span;
        }
        cursor = i + 1;
        now[0] = arrival[i] + offset;
        return intake.apply(
                ids[unit[i]], lat[i], lon[i], time[i] + offset, accuracy[i], speed[i], heading[i], FixReason.PERIODIC);
    }

    /**
     * The staged batch path, {@link FixIntake#STAGE_FIXES} fixes per operation (JMH divides by
     * them, so the score is fixes/s as for {@link #applyFix}): every fix of the batch is staged
     * ({@link FixIntake#stage}), then each is applied in order, as the service takes a batch.
     */
    @Benchmark
    @OperationsPerInvocation(FixIntake.STAGE_FIXES)
    public int applyStagedBatch() {
        int from = nextBatch();
        int to = from + FixIntake.STAGE_FIXES;
        for (int i = from; i < to; i++) {
            intake.stage(ids[unit[i]], lat[i], lon[i]);
        }
        int latest = 0;
        for (int i = from; i < to; i++) {
            now[0] = arrival[i] + offset;
            IntakeResult r = intake.apply(
                    ids[unit[i]],
                    lat[i],
                    lon[i],
                    time[i] + offset,
                    accuracy[i],
                    speed[i],
                    heading[i],
                    FixReason.PERIODIC);
            latest += r.outcome() == FixOutcome.ACCEPTED_LATEST ? 1 : 0;
        }
        cursor = to;
        return latest;
    }

    /** Where the stream's next batch of {@link FixIntake#STAGE_FIXES} starts (replayed later when it ends). */
    private int nextBatch() {
        if (cursor + FixIntake.STAGE_FIXES > STREAM) {
            cursor = 0;
            offset += span;
        }
        return cursor;
    }

    /**
     * Diagnostic (not a JMH benchmark; {@code IntakePassCost} calls it): stages the stream's next
     * {@link FixIntake#STAGE_FIXES} fixes into a batch of its own and reads their memory ahead
     * (the read-ahead {@link #applyStagedBatch} makes before recording), recording nothing, so its
     * CPU time is the read-ahead's alone. Advances the stream as {@link #applyStagedBatch} does.
     */
    public int readAheadBatch() {
        int from = nextBatch();
        int to = from + FixIntake.STAGE_FIXES;
        for (int i = from; i < to; i++) {
            readAheadOnly.stage(ids[unit[i]], lat[i], lon[i]);
        }
        cursor = to;
        return readAheadOnly.take(ids[unit[from]]);
    }

    /**
     * The floor the guard compares intake with: the bare cost of storing each fix of the same
     * stream in its unit's line of a plain array (position and time, no validation, no history,
     * no index), one fix per operation.
     */
    @Benchmark
    public long bareStore() {
        int i = cursor;
        if (i == STREAM) {
            i = 0;
            offset += span;
        }
        cursor = i + 1;
        int at = unit[i] * 16;
        long[] lines = bareLines;
        lines[at] = Double.doubleToRawLongBits(lat[i]);
        lines[at + 1] = Double.doubleToRawLongBits(lon[i]);
        lines[at + 2] = time[i] + offset;
        return lines[at + 3]++;
    }

    private long[] bareLines;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long iterationOps;
    private long iterationCpuNanos;
    private long iterationStartTotal;

    /**
     * Fixes per second of CPU time of the benchmark thread, printed per iteration: on a shared
     * machine, wall-clock throughput also counts the time this thread waited for a core.
     */
    @Setup(Level.Iteration)
    public void startIteration() {
        iterationStartTotal = intake.counters().total();
        iterationCpuNanos = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = THREADS.getCurrentThreadCpuTime() - iterationCpuNanos;
        iterationOps = intake.counters().total() - iterationStartTotal;
        System.out.printf(" [cpu: %.0f fixes per CPU-second]", iterationOps * 1e9 / cpu);
    }

    @TearDown(Level.Trial)
    public void report() {
        var c = intake.counters();
        System.out.printf(
                "%n[units=%d] latest=%d historyOnly=%d duplicates=%d rejected=%d%n",
                units,
                c.count(FixOutcome.ACCEPTED_LATEST),
                c.count(FixOutcome.ACCEPTED_HISTORY_ONLY),
                c.count(FixOutcome.DUPLICATE),
                c.count(FixOutcome.REJECTED));
    }
}
