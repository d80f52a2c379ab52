package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Issue 12 point 8 on a shared machine: the CPU time (and bytes allocated) per operation of the
 * measuring thread for {@link CoverageBenchmark}'s {@code evaluate}, {@code evaluateCounts} (the
 * counts-only run move-up advice uses), {@code liveRefresh} and its
 * baselines {@code evaluateDijkstra} (the same evaluation by the k-label Dijkstra instead of the
 * hierarchy's sweep) and {@code shortestPathTreePerUnit} (one GraphHopper shortest-path tree per unit, merged),
 * measured in the same run, and for {@link PlacementBenchmark}'s greedy placement (the covering
 * matrix is built on 2 threads, so {@code matrixAndGreedy} is timed by the process's CPU clock, which
 * includes the JIT and GC threads). Wall-clock JMH figures vary tenfold with other work on the
 * machine; a thread's CPU time much less (though caches shared with other work still slow it).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CoverageCpuTime
 * rutland,newyork,national 20,200 [placement]}. Each operation is warmed up, then run in rounds of at
 * least {@code -Dcoverage.roundMillis} ms of CPU time (default 2000; at least {@code -Dcoverage.minOps}
 * operations, default 3) {@code -Dcoverage.rounds} times (default 5); prints the median round's CPU
 * ms per operation, the fastest and slowest round's, and bytes allocated per operation.
 */
public final class CoverageCpuTime {
    private static final com.sun.management.ThreadMXBean THREAD =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final int ROUNDS = Integer.getInteger("coverage.rounds", 5);
    private static final int MIN_OPS = Integer.getInteger("coverage.minOps", 3);
    private static final long ROUND_NANOS = Long.getLong("coverage.roundMillis", 2000) * 1_000_000L;

    private CoverageCpuTime() {}

    /** Median, least and most CPU ms per op over five rounds, and bytes per op, of {@code op}. */
    static void measure(String label, boolean processClock, long roundNanos, DoubleSupplier op) {
        double sink = 0;
        long w0 = cpu(processClock);
        int warm = 0;
        while (warm < MIN_OPS || cpu(processClock) - w0 < roundNanos) {
            sink += op.getAsDouble();
            warm++;
        }
        double[] msPerOp = new double[ROUNDS];
        long bytes = 0;
        long ops = 0;
        for (int r = 0; r < msPerOp.length; r++) {
            long c0 = cpu(processClock);
            long b0 = THREAD.getCurrentThreadAllocatedBytes();
            int n = 0;
            while (n < MIN_OPS || cpu(processClock) - c0 < roundNanos) {
                sink += op.getAsDouble();
                n++;
            }
            msPerOp[r] = (cpu(processClock) - c0) / 1e6 / n;
            bytes += THREAD.getCurrentThreadAllocatedBytes() - b0;
            ops += n;
        }
        double[] sorted = msPerOp.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "COVERAGE %-48s cpu ms/op median %10.3f min %10.3f max %10.3f bytes/op %,12d (%s clock, %d ops; %s)%n",
                label,
                sorted[sorted.length / 2],
                sorted[0],
                sorted[sorted.length - 1],
                bytes / ops,
                processClock ? "process" : "thread",
                ops,
                sink == 42 ? "" : "ok");
    }

    private static long cpu(boolean process) {
        return process ? PROCESS.getProcessCpuTime() : THREAD.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        String[] maps = (args.length >= 1 ? args[0] : "rutland").split(",");
        int[] fleets = Arrays.stream((args.length >= 2 ? args[1] : "20,200").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        boolean placement = args.length >= 3 && args[2].equals("placement");
        System.out.printf("load average at start: %.2f%n", PROCESS.getSystemLoadAverage());
        for (String map : maps) {
            for (int units : fleets) {
                CoverageBenchmark b = new CoverageBenchmark();
                b.map = map;
                b.units = units;
                b.setup();
                String at = map + " " + units + " units ";
                measure(at + "evaluate", false, ROUND_NANOS, b::evaluate);
                measure(at + "baseline evaluateDijkstra", false, ROUND_NANOS, b::evaluateDijkstra);
                measure(at + "evaluateCounts", false, ROUND_NANOS, b::evaluateCounts);
                measure(at + "liveRefresh", false, ROUND_NANOS, b::liveRefresh);
                measure(at + "liveRefreshUnchanged", false, ROUND_NANOS, b::liveRefreshUnchanged);
                if (!Boolean.getBoolean("coverage.noBaseline")) {
                    measure(at + "baseline shortestPathTreePerUnit", false, ROUND_NANOS, b::shortestPathTreePerUnit);
                }
                System.out.printf("load average: %.2f%n", PROCESS.getSystemLoadAverage());
            }
        }
        if (placement) {
            PlacementBenchmark p = new PlacementBenchmark();
            p.setup();
            measure("rutland placement greedyOnly (MEXCLP q=0.3)", false, ROUND_NANOS, p::greedyOnly);
            measure("rutland placement matrixAndGreedy (coverage)", true, ROUND_NANOS, p::matrixAndGreedy);
            System.out.printf("load average: %.2f%n", PROCESS.getSystemLoadAverage());
        }
    }
}
