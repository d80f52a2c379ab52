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
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CpuTime recommend|intake}
 */
public final class CpuTime {
    private CpuTime() {}

    public static void main(String[] args) throws Exception {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        if (args.length == 1 && args[0].equals("intake")) {
            for (int units : new int[] {1000, 10000, 100000}) {
                FixIntakeBenchmark b = new FixIntakeBenchmark();
                b.units = units;
                b.historyCapacity = 64;
                b.setUp();
                b.startIteration();
                for (int i = 0; i < 6_000_000; i++) {
                    b.applyFix();
                }
                double[] rates = new double[7];
                for (int r = 0; r < rates.length; r++) {
                    long c0 = clock.getCurrentThreadCpuTime();
                    for (int i = 0; i < 2_000_000; i++) {
                        b.applyFix();
                    }
                    rates[r] = 2_000_000 / ((clock.getCurrentThreadCpuTime() - c0) / 1e9);
                }
                b.endIteration();
                Arrays.sort(rates);
                System.out.printf(
                        "%nINTAKE units=%d fixesPerCpuSecond median=%.0f min=%.0f max=%.0f%n",
                        units, rates[3], rates[0], rates[6]);
            }
        } else if (args.length == 1 && args[0].equals("recommend")) {
            for (String map : new String[] {"rutland", "newyork"}) {
                for (String site : new String[] {"urban", "rural"}) {
                    for (int units : new int[] {100, 1000, 10000}) {
                        RecommendBenchmark b = new RecommendBenchmark();
                        b.map = map;
                        b.site = site;
                        b.units = units;
                        b.setup();
                        int n = map.equals("newyork") && units == 100 ? 400 : 2000;
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
                                "RECOMMEND %s %s %d cpuMicros p50=%.1f p99=%.1f%n",
                                map, site, units, cpu[n / 2] / 1e3, cpu[(int) (n * 0.99)] / 1e3);
                    }
                }
            }
        } else {
            System.err.println("usage: CpuTime recommend|intake");
            System.exit(2);
        }
        System.exit(0);
    }
}
