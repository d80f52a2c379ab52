package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The JMH states of {@link RecommendBenchmark} and {@link FixIntakeBenchmark}, timed by the
 * measuring thread's own CPU clock instead of the wall clock: on a machine shared with other
 * work, wall-clock figures vary between runs by up to ten times, CPU time much less. Used to
 * compare two builds interleaved (see RESULTS.md). Single-threaded (the recommendation state runs
 * its own intake thread, as in JMH).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CpuTime recommend [map:units,...]
 * [sites]} ({@link RecommendBenchmark#manyToOne}, its intake thread running), {@code CpuTime intake [units,...]
 * [one|staged|both]} or {@code CpuTime conditions [units,...]} ({@link RecommendConditionsBenchmark}'s two
 * queries paired on the same incident, alternating which goes first), {@code CpuTime sparse [map] [units,...]
 * [sites]} (buckets against the Dijkstra) or {@code CpuTime stream [map] [units] [fixesPerSecond,...] [site]}
 * (the same while fixes stream), {@code CpuTime placement [map] [units] [fixesPerSecond,...] [site]}
 * (placement at intake off and on while fixes stream), {@code CpuTime dijkstra [map] [units]
 * [fixesPerSecond,...] [site]} (the Dijkstra path with units confirmed by the frontier alone and by
 * the extra-time rule, interleaved while fixes stream), {@code CpuTime steps [map] [units]
 * [fixesPerSecond,...] [site]} (the Dijkstra path examining later batches in steps of 64 units against
 * each batch whole, interleaved while fixes stream).
 */
public final class CpuTime {
    private CpuTime() {}

    /** Seven blocks of 2,000,000 fixes after 6,000,000 of warm-up; prints the median block's fixes per CPU-second. */
    static double intake(ThreadMXBean clock, int units, boolean staged) {
        FixIntakeBenchmark b = new FixIntakeBenchmark();
        b.units = units;
        b.historyCapacity = 64;
        b.setUp();
        b.startIteration();
        int per = staged ? org.bluelamp.tracking.FixIntake.STAGE_FIXES : 1;
        for (int i = 0; i < 6_000_000 / per; i++) {
            run(b, staged);
        }
        double[] rates = new double[7];
        for (int r = 0; r < rates.length; r++) {
            long c0 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < 2_000_000 / per; i++) {
                run(b, staged);
            }
            rates[r] = (2_000_000 / per * per) / ((clock.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        b.endIteration();
        Arrays.sort(rates);
        System.out.printf(
                "%nINTAKE units=%d path=%s fixesPerCpuSecond median=%.0f min=%.0f max=%.0f%n",
                units, staged ? "staged" : "one", rates[3], rates[0], rates[6]);
        return rates[3];
    }

    private static void run(FixIntakeBenchmark b, boolean staged) {
        if (staged) {
            b.applyStagedBatch();
        } else {
            b.applyFix();
        }
    }

    /**
     * New York, grade 1, top 5: each of 64 incidents asked 40 times with and 40 times without the 50
     * closures and the evening-peak profile (after 10 rounds of warm-up), the two queries of a pair
     * back to back in alternating order; prints p50 and p99 of each, in CPU microseconds of the
     * measuring thread, and their ratios.
     */
    static void conditions(ThreadMXBean clock, int units, String site) throws InterruptedException {
        RecommendConditionsBenchmark b = new RecommendConditionsBenchmark();
        b.map = "newyork";
        b.units = units;
        b.site = site;
        b.closures = 50;
        b.setup();
        for (int i = 0; i < 640; i++) {
            b.recommend(i, i % 2 == 0);
            b.recommend(i, i % 2 != 0);
        }
        int n = 64 * 40;
        long[] plain = new long[n];
        long[] conditioned = new long[n];
        for (int i = 0; i < n; i++) {
            boolean conditionsFirst = (i / 64) % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean withConditions = conditionsFirst == (k == 0);
                long c0 = clock.getCurrentThreadCpuTime();
                b.recommend(i, withConditions);
                long cpu = clock.getCurrentThreadCpuTime() - c0;
                (withConditions ? conditioned : plain)[i] = cpu;
            }
        }
        b.tearDown();
        Arrays.sort(plain);
        Arrays.sort(conditioned);
        int p50 = n / 2;
        int p99 = (int) (n * 0.99);
        System.out.printf(
                "CONDITIONS newyork %s %d cpuMicros none p50=%.1f p99=%.1f conditions p50=%.1f p99=%.1f"
                        + " ratio p50=%.2f p99=%.2f%n",
                site,
                units,
                plain[p50] / 1e3,
                plain[p99] / 1e3,
                conditioned[p50] / 1e3,
                conditioned[p99] / 1e3,
                (double) conditioned[p50] / plain[p50],
                (double) conditioned[p99] / plain[p99]);
    }

    /**
     * {@link SparseFleetBenchmark}'s dispatcher with buckets whenever they apply (ALWAYS) and with
     * the Dijkstra only (NEVER), each query of the same 64 incidents timed alternately by the
     * thread's CPU clock (1,000 of each after 300 of warm-up); prints p50 and p99 and their ratio,
     * what AUTO chooses, and start-up: {@link org.bluelamp.dispatch.Dispatcher#prepare} and the
     * first query after it, against the first query of a dispatcher without it.
     */
    static void sparse(ThreadMXBean clock, String map, int units, String site) {
        SparseFleetBenchmark b = new SparseFleetBenchmark();
        b.map = map;
        b.units = units;
        b.site = site;
        b.setup();
        var always = org.bluelamp.dispatch.Dispatcher.BucketUse.ALWAYS;
        var never = org.bluelamp.dispatch.Dispatcher.BucketUse.NEVER;
        for (int i = 0; i < 300; i++) {
            b.recommendWith(always, i);
            b.recommendWith(never, i);
        }
        int n = 1000;
        long[] buckets = new long[n];
        long[] dijkstra = new long[n];
        int byBuckets = 0;
        for (int i = 0; i < n; i++) {
            long c0 = clock.getCurrentThreadCpuTime();
            b.recommendWith(always, i);
            buckets[i] = clock.getCurrentThreadCpuTime() - c0;
            byBuckets += b.lastAnsweredByBuckets() ? 1 : 0;
            c0 = clock.getCurrentThreadCpuTime();
            b.recommendWith(never, i);
            dijkstra[i] = clock.getCurrentThreadCpuTime() - c0;
        }
        b.recommendWith(org.bluelamp.dispatch.Dispatcher.BucketUse.AUTO, 0);
        boolean auto = b.lastAnsweredByBuckets();
        Arrays.sort(buckets);
        Arrays.sort(dijkstra);
        double b50 = buckets[n / 2] / 1e3;
        double b99 = buckets[(int) (n * 0.99)] / 1e3;
        double d50 = dijkstra[n / 2] / 1e3;
        double d99 = dijkstra[(int) (n * 0.99)] / 1e3;
        System.out.printf(
                java.util.Locale.ROOT,
                "%nSPARSE %s %s %d units nodesPerUnit=%d cpuMicros buckets p50=%.0f p99=%.0f (%d of %d by buckets)"
                        + " dijkstra p50=%.0f p99=%.0f ratio dijkstra/buckets p50=%.2f p99=%.2f AUTO=%s%n",
                map,
                site,
                units,
                b.carNodes() / units,
                b50,
                b99,
                byBuckets,
                n,
                d50,
                d99,
                d50 / b50,
                d99 / b99,
                auto ? "buckets" : "dijkstra");
        b.startUp(clock);
    }

    /**
     * The direct-scan limit ({@link org.bluelamp.dispatch.Dispatcher#DIRECT_SCAN_UNITS}) by
     * measurement: {@link SparseFleetBenchmark}'s dispatcher in bucket mode examining units by one
     * pass over the fleet (limit above the fleet) and by the grid's rings (limit 0), and the
     * Dijkstra path, each query of the same 64 incidents timed in turn by the thread's CPU clock
     * ({@code n} of each after {@code n / 3} of warm-up, the order rotated every query). Every
     * incident's answer must be identical both ways of examining (else it exits 1).
     */
    static void directScanLimit(ThreadMXBean clock, String map, int units, String site, int n) {
        SparseFleetBenchmark b = new SparseFleetBenchmark();
        b.map = map;
        b.units = units;
        b.site = site;
        b.setup();
        var always = org.bluelamp.dispatch.Dispatcher.BucketUse.ALWAYS;
        var never = org.bluelamp.dispatch.Dispatcher.BucketUse.NEVER;
        int same = 0;
        for (int i = 0; i < 64; i++) {
            String direct = SparseFleetBenchmark.answerTextOf(b.recommendWith(always, Integer.MAX_VALUE, i));
            String grid = SparseFleetBenchmark.answerTextOf(b.recommendWith(always, 0, i));
            same += direct.equals(grid) ? 1 : 0;
        }
        if (same != 64) {
            System.out.printf(
                    "LIMIT %s %s %d units: one pass and grid differ on %d of 64 incidents%n",
                    map, site, units, 64 - same);
            System.exit(1);
        }
        long[][] cpu = new long[3][n];
        int byBuckets = 0;
        for (int i = -n / 3; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                int way = Math.floorMod(i + k, 3);
                long c0 = clock.getCurrentThreadCpuTime();
                switch (way) {
                    case 0 -> b.recommendWith(always, Integer.MAX_VALUE, Math.floorMod(i, 64));
                    case 1 -> b.recommendWith(always, 0, Math.floorMod(i, 64));
                    default -> b.recommendWith(never, Math.floorMod(i, 64));
                }
                long c = clock.getCurrentThreadCpuTime() - c0;
                if (i >= 0) {
                    cpu[way][i] = c;
                    byBuckets += way < 2 && b.lastAnsweredByBuckets() ? 1 : 0;
                }
            }
        }
        for (long[] c : cpu) {
            Arrays.sort(c);
        }
        double[] p50 = new double[3];
        double[] p99 = new double[3];
        for (int k = 0; k < 3; k++) {
            p50[k] = cpu[k][n / 2] / 1e3;
            p99[k] = cpu[k][(int) (n * 0.99)] / 1e3;
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "%nLIMIT %s %s %d units nodesPerUnit=%d cpuMicros onePass p50=%.0f p99=%.0f grid p50=%.0f p99=%.0f"
                        + " dijkstra p50=%.0f p99=%.0f (%d of %d bucket queries by buckets; 64/64 identical)"
                        + " grid/onePass p50=%.2f dijkstra/onePass p50=%.2f dijkstra/grid p50=%.2f p99=%.2f%n",
                map,
                site,
                units,
                b.carNodes() / units,
                p50[0],
                p99[0],
                p50[1],
                p99[1],
                p50[2],
                p99[2],
                byBuckets,
                2 * n,
                p50[1] / p50[0],
                p50[2] / p50[0],
                p50[2] / p50[1],
                p99[2] / p99[1]);
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        if (args.length >= 1 && args[0].equals("intake")) {
            // intake [units,...] [one|staged|both]: each fleet size, each path interleaved per block
            int[] fleets = args.length >= 2
                    ? Arrays.stream(args[1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray()
                    : new int[] {1000, 10000, 100000};
            String paths = args.length >= 3 ? args[2] : "both";
            for (int units : fleets) {
                for (String path : paths.equals("both") ? new String[] {"one", "staged"} : new String[] {paths}) {
                    intake(clock, units, path.equals("staged"));
                }
            }
        } else if (args.length >= 1 && args[0].equals("recommend")) {
            // recommend [map:units,...] [sites]: RecommendBenchmark.manyToOne (its intake thread running)
            String[] fleets = args.length >= 2
                    ? args[1].split(",")
                    : new String[] {
                        "rutland:100", "rutland:1000", "rutland:10000", "newyork:100", "newyork:1000", "newyork:10000"
                    };
            String[] sites = args.length >= 3 ? args[2].split(",") : new String[] {"urban", "rural"};
            for (String fleet : fleets) {
                String map = fleet.substring(0, fleet.indexOf(':'));
                int units = Integer.parseInt(fleet.substring(fleet.indexOf(':') + 1));
                for (String site : sites) {
                    RecommendBenchmark b = new RecommendBenchmark();
                    b.map = map;
                    b.site = site;
                    b.units = units;
                    b.setup();
                    int n = map.equals("newyork") && units == 100 ? 400 : 4000;
                    for (int i = 0; i < n; i++) {
                        b.manyToOne();
                    }
                    long[] cpu = new long[n];
                    for (int i = 0; i < n; i++) {
                        long c0 = clock.getCurrentThreadCpuTime();
                        b.manyToOne();
                        cpu[i] = clock.getCurrentThreadCpuTime() - c0;
                    }
                    b.tearDown();
                    Arrays.sort(cpu);
                    System.out.printf(
                            "RECOMMEND %s %s %d cpuMicros p50=%.1f p90=%.1f p99=%.1f%n",
                            map,
                            site,
                            units,
                            cpu[n / 2] / 1e3,
                            cpu[(int) (n * 0.9)] / 1e3,
                            cpu[(int) (n * 0.99)] / 1e3);
                }
            }
        } else if (args.length >= 1 && args[0].equals("conditions")) {
            int[] fleets = args.length >= 2
                    ? Arrays.stream(args[1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray()
                    : new int[] {1000, 10000};
            for (int units : fleets) {
                for (String site : new String[] {"urban", "rural"}) {
                    conditions(clock, units, site);
                }
            }
        } else if (args.length >= 1 && args[0].equals("stream")) {
            // stream [map] [units] [fixesPerSecond,...] [site]: queries while fixes stream
            SparseFleetBenchmark b = streamingFleet(args, "newyork", 1000);
            for (String rate : (args.length >= 4 ? args[3] : "2000,20000").split(",")) {
                b.streaming(clock, Integer.parseInt(rate));
            }
        } else if (args.length >= 1 && args[0].equals("dijkstra")) {
            // dijkstra [map] [units] [fixesPerSecond,...] [site]: the extra-time rule against the frontier alone
            SparseFleetBenchmark b = streamingFleet(args, "national", 50000);
            for (String rate : (args.length >= 4 ? args[3] : "5000").split(",")) {
                b.streamingDijkstra(clock, Integer.parseInt(rate));
            }
        } else if (args.length >= 1 && args[0].equals("steps")) {
            // steps [map] [units] [fixesPerSecond,...] [site]: later batches in steps against whole batches
            SparseFleetBenchmark b = streamingFleet(args, "national", 50000);
            for (String rate : (args.length >= 4 ? args[3] : "5000").split(",")) {
                b.streamingSteps(clock, Integer.parseInt(rate));
            }
        } else if (args.length >= 1 && args[0].equals("placement")) {
            // placement [map] [units] [fixesPerSecond,...] [site]: placement at intake off and on while fixes stream
            SparseFleetBenchmark b = streamingFleet(args, "newyork", 10000);
            for (String rate : (args.length >= 4 ? args[3] : "20000,200000").split(",")) {
                b.streamingPlacement(clock, Integer.parseInt(rate));
            }
        } else if (args.length >= 1 && args[0].equals("sparse")) {
            // sparse [map] [units,...] [sites]: buckets against the Dijkstra, same incidents, interleaved
            String map = args.length >= 2 ? args[1] : "newyork";
            int[] fleets = args.length >= 3
                    ? Arrays.stream(args[2].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray()
                    : new int[] {1000, 5000, 10000};
            String[] sites = args.length >= 4 ? args[3].split(",") : new String[] {"urban", "rural"};
            for (String site : sites) {
                for (int units : fleets) {
                    sparse(clock, map, units, site);
                }
            }
        } else if (args.length >= 1 && args[0].equals("limit")) {
            // limit [map] [units,...] [sites]: bucket mode examining by one pass vs by the grid vs the Dijkstra
            String map = args.length >= 2 ? args[1] : "newyork";
            int[] fleets = args.length >= 3
                    ? Arrays.stream(args[2].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray()
                    : new int[] {1000, 2000, 5000};
            String[] sites = args.length >= 4 ? args[3].split(",") : new String[] {"urban", "rural"};
            int n = args.length >= 5 ? Integer.parseInt(args[4]) : 500;
            for (String site : sites) {
                for (int units : fleets) {
                    directScanLimit(clock, map, units, site, n);
                }
            }
        } else {
            System.err.println("usage: CpuTime limit [map] [units,...] [sites] [queries]"
                    + " | recommend|intake [units,...] [one|staged|both] | conditions [units,...]"
                    + " | stream [map] [units] [fixesPerSecond,...] [site]"
                    + " | dijkstra|steps [map] [units] [fixesPerSecond,...] [site] | sparse [map] [units,...] [sites]"
                    + " | placement [map] [units] [fixesPerSecond,...] [site]");
            System.exit(2);
        }
        System.exit(0);
    }

    /**
     * The sparse-fleet state for the streaming modes ({@code <mode> [map] [units] [fixesPerSecond,...]
     * [site]}), set up: {@code args[1]} the map, {@code args[2]} the units, {@code args[4]} the site
     * (urban by default).
     */
    private static SparseFleetBenchmark streamingFleet(String[] args, String defaultMap, int defaultUnits) {
        SparseFleetBenchmark b = new SparseFleetBenchmark();
        b.map = args.length >= 2 ? args[1] : defaultMap;
        b.units = args.length >= 3 ? Integer.parseInt(args[2]) : defaultUnits;
        b.site = args.length >= 5 ? args[4] : "urban";
        b.setup();
        return b;
    }
}
