package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark guard ({@code benchmarks/guard}): a short pass over the states of
 * {@link RecommendBenchmark}, {@link RecommendBaselineBenchmark} and {@link FixIntakeBenchmark}
 * that fails (exit status 1) when a speed ratio falls below its threshold. Every figure is a ratio
 * of two measurements taken in the same run and timed by the measuring thread's own CPU clock, so
 * that a machine shared with other work (waiting for a core is not CPU time) does not fail it;
 * thresholds sit an order of magnitude below the ratios measured on a quiet machine, so the guard
 * catches a regression in kind (an accidental per-candidate search, a lost index, an allocation
 * storm), not a few percent.
 *
 * <ul>
 *   <li>ranking against per-candidate routing: the engine's recommendation (top 5 of 1,000 units,
 *       urban incidents) against one GraphHopper route per unit, p50 over the same incidents, on
 *       Rutland and New York: at least {@link #RANKING_MIN_RATIO} times faster;
 *   <li>sparse fleet: the dispatcher's recommendation for 100 units on New York (urban incidents)
 *       with the contraction-hierarchy buckets against the same dispatcher with buckets off (its
 *       Dijkstra), p50 over the same incidents: at least {@link #SPARSE_MIN_RATIO} times faster,
 *       and the two answers identical for every incident compared
 *       ({@link SparseFleetBenchmark}'s setup check; the national network is too slow to build
 *       here);
 *   <li>intake: fixes per CPU-second through the staged batch path at 10,000 units against the
 *       bare cost of storing each fix of the same stream in its unit's line
 *       ({@link FixIntakeBenchmark#bareStore}): at least {@link #INTAKE_MIN_RATIO} of it; and the
 *       staged path at least {@link #STAGED_MIN_RATIO} of the one-at-a-time path.
 * </ul>
 *
 * <p>Single-threaded, apart from the benchmark states' own intake threads. Not a test: it needs
 * the shared extracts and a few minutes.
 */
public final class Guard {
    /** Engine vs per-candidate routing at p50 (measured quiet: 2,000x Rutland, 3,000x New York). */
    static final double RANKING_MIN_RATIO = 100;

    /**
     * Staged intake vs bare stores of the same stream (measured 0.009 at load average 20, where
     * the bare stores stay in cache and intake does not: a floor for a fivefold regression).
     */
    static final double INTAKE_MIN_RATIO = 0.002;

    /**
     * Buckets vs the dispatcher's Dijkstra, New York, 100 units, urban, p50 (measured 3.9 at load
     * average 31, RESULTS.md; the threshold leaves a twofold margin).
     */
    static final double SPARSE_MIN_RATIO = 2;

    /**
     * Staged intake vs one fix at a time: staging must never cost much (0.87 to 1.58 in ten CI runs
     * of 2026-11-26 and 27 with three rounds, the lowest on a busy machine: five rounds now, and a
     * threshold that a busy machine's noise does not reach while a staged path a third slower than
     * one at a time still fails).
     */
    static final double STAGED_MIN_RATIO = 0.7;

    private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();

    private Guard() {}

    record Check(String name, double ratio, double threshold, String detail) {
        boolean passed() {
            return ratio >= threshold;
        }
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        List<Check> checks = new ArrayList<>();
        for (String map : new String[] {"rutland", "newyork"}) {
            checks.add(ranking(map));
            report(checks.getLast());
        }
        checks.addAll(sparse());
        checks.subList(checks.size() - 2, checks.size()).forEach(Guard::report);
        checks.addAll(intake());
        checks.subList(checks.size() - 2, checks.size()).forEach(Guard::report);
        boolean ok = checks.stream().allMatch(Check::passed);
        System.out.printf(
                Locale.ROOT,
                "GUARD %s: %d checks in %.0f s%n",
                ok ? "PASSED" : "FAILED",
                checks.size(),
                (System.nanoTime() - start) / 1e9);
        System.exit(ok ? 0 : 1);
    }

    private static void report(Check c) {
        System.out.printf(
                Locale.ROOT,
                "GUARD %-4s %-40s ratio %10.3f (threshold %.3f) %s%n",
                c.passed() ? "ok" : "FAIL",
                c.name(),
                c.ratio(),
                c.threshold(),
                c.detail());
    }

    /** Engine against per-candidate routing, 1,000 units, urban incidents; CPU-time p50 of each. */
    static Check ranking(String map) throws InterruptedException {
        RecommendBenchmark engine = new RecommendBenchmark();
        engine.map = map;
        engine.units = 1000;
        engine.site = "urban";
        engine.setup();
        long[] engineNanos = new long[256];
        for (int i = 0; i < 256; i++) {
            engine.manyToOne(); // warm-up
        }
        for (int i = 0; i < engineNanos.length; i++) {
            long c0 = CLOCK.getCurrentThreadCpuTime();
            engine.manyToOne();
            engineNanos[i] = CLOCK.getCurrentThreadCpuTime() - c0;
        }
        engine.tearDown();
        RecommendBaselineBenchmark baseline = new RecommendBaselineBenchmark();
        baseline.map = map;
        baseline.units = 1000;
        baseline.site = "urban";
        baseline.setup();
        baseline.perCandidateRouting(); // warm-up
        long[] baselineNanos = new long[3];
        for (int i = 0; i < baselineNanos.length; i++) {
            long c0 = CLOCK.getCurrentThreadCpuTime();
            baseline.perCandidateRouting();
            baselineNanos[i] = CLOCK.getCurrentThreadCpuTime() - c0;
        }
        baseline.tearDown();
        double e = median(engineNanos);
        double b = median(baselineNanos);
        return new Check(
                "ranking " + map + " 1000 units p50",
                b / e,
                RANKING_MIN_RATIO,
                String.format(Locale.ROOT, "engine %.0f µs, per-candidate %.1f ms (CPU time)", e / 1e3, b / 1e6));
    }

    /**
     * The dispatcher with buckets (ALWAYS) against the same dispatcher without (NEVER), 100 units on
     * New York, urban incidents, CPU-time p50 of each, interleaved; and the setup's comparison of
     * their answers.
     */
    static List<Check> sparse() {
        SparseFleetBenchmark b = new SparseFleetBenchmark();
        b.map = "newyork";
        b.units = 100;
        b.site = "urban";
        b.setup();
        int n = 128;
        for (int i = 0; i < n / 2; i++) { // warm-up
            b.dispatcherBuckets();
            b.dispatcherDijkstra();
        }
        long[] bucketNanos = new long[n];
        long[] dijkstraNanos = new long[n];
        for (int i = 0; i < n; i++) {
            long c0 = CLOCK.getCurrentThreadCpuTime();
            b.dispatcherBuckets();
            long c1 = CLOCK.getCurrentThreadCpuTime();
            b.dispatcherDijkstra();
            long c2 = CLOCK.getCurrentThreadCpuTime();
            bucketNanos[i] = c1 - c0;
            dijkstraNanos[i] = c2 - c1;
        }
        double bk = median(bucketNanos);
        double dj = median(dijkstraNanos);
        String detail = String.format(
                Locale.ROOT,
                "buckets %.0f µs, Dijkstra %.0f µs (CPU time); answers identical for %d of %d incidents, %d by buckets",
                bk / 1e3,
                dj / 1e3,
                b.dispatcherSameAnswers,
                b.dispatcherChecked,
                b.dispatcherByBuckets);
        return List.of(
                new Check("sparse newyork 100 units p50 Dijkstra / buckets", dj / bk, SPARSE_MIN_RATIO, detail),
                new Check(
                        "sparse newyork 100 units identical answers",
                        b.dispatcherChecked == 0 ? 0 : b.dispatcherSameAnswers / (double) b.dispatcherChecked,
                        1.0,
                        detail));
    }

    /** Staged intake, one-at-a-time intake and bare stores of one stream, 10,000 units. */
    static List<Check> intake() {
        FixIntakeBenchmark b = new FixIntakeBenchmark();
        b.units = 10_000;
        b.historyCapacity = 64;
        b.setUp();
        int batches = 2_000_000 / org.bluelamp.tracking.FixIntake.STAGE_FIXES;
        int fixes = batches * org.bluelamp.tracking.FixIntake.STAGE_FIXES;
        for (int i = 0; i < batches; i++) { // warm-up of both paths
            b.applyStagedBatch();
        }
        for (int i = 0; i < fixes; i++) {
            b.applyFix();
        }
        for (int i = 0; i < fixes; i++) {
            b.bareStore();
        }
        int rounds = 5;
        double[] staged = new double[rounds];
        double[] one = new double[rounds];
        double[] bare = new double[rounds];
        for (int round = 0; round < rounds; round++) { // interleaved, so a noisy moment hits all three
            long c0 = CLOCK.getCurrentThreadCpuTime();
            for (int i = 0; i < batches; i++) {
                b.applyStagedBatch();
            }
            long c1 = CLOCK.getCurrentThreadCpuTime();
            for (int i = 0; i < fixes; i++) {
                b.applyFix();
            }
            long c2 = CLOCK.getCurrentThreadCpuTime();
            for (int i = 0; i < fixes; i++) {
                b.bareStore();
            }
            long c3 = CLOCK.getCurrentThreadCpuTime();
            staged[round] = fixes / ((c1 - c0) / 1e9);
            one[round] = fixes / ((c2 - c1) / 1e9);
            bare[round] = fixes / ((c3 - c2) / 1e9);
        }
        double s = median(staged);
        double o = median(one);
        double r = median(bare);
        String detail = String.format(
                Locale.ROOT,
                "staged %.2f M, one at a time %.2f M, bare stores %.1f M fixes per CPU-second",
                s / 1e6,
                o / 1e6,
                r / 1e6);
        return List.of(
                new Check("intake 10000 units staged / bare stores", s / r, INTAKE_MIN_RATIO, detail),
                new Check("intake 10000 units staged / one at a time", s / o, STAGED_MIN_RATIO, detail));
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
