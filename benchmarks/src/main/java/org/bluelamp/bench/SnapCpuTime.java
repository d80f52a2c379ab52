package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link SnapBenchmark}'s two snaps timed by the measuring thread's own CPU clock rather than the
 * wall clock, so that two builds can be compared on a machine shared with other work (wall-clock
 * figures there vary by up to ten times, CPU time much less). Same points as the benchmark (its
 * setup checks every one against GraphHopper). For each map: warm-up, then seven blocks of
 * snaps over the benchmark's 4,096 points; prints the median block's snaps per CPU-second and
 * the ratio to GraphHopper's location index in the same run. Single-threaded.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.SnapCpuTime rutland newyork</pre>
 */
public final class SnapCpuTime {
    private SnapCpuTime() {}

    public static void main(String[] args) {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        for (String map : args.length > 0 ? args : new String[] {"rutland", "newyork"}) {
            SnapBenchmark b = new SnapBenchmark();
            b.map = map;
            b.setup();
            double index = rate(clock, b, true, 1_000_000);
            double graphHopper = rate(clock, b, false, 50_000);
            System.out.printf(
                    Locale.ROOT,
                    "SNAP %s edgeSnapIndex %.0f snaps per CPU-second (%.0f ns each), graphHopperLocationIndex %.0f"
                            + " (%.0f ns), ratio %.1fx%n",
                    map,
                    index,
                    1e9 / index,
                    graphHopper,
                    1e9 / graphHopper,
                    index / graphHopper);
        }
    }

    private static double rate(ThreadMXBean clock, SnapBenchmark b, boolean index, int perBlock) {
        double sink = 0;
        for (int i = 0; i < 3 * perBlock; i++) {
            sink += index ? b.edgeSnapIndex() : b.graphHopperLocationIndex().toBaseMetres();
        }
        double[] rates = new double[7];
        for (int r = 0; r < rates.length; r++) {
            long c0 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < perBlock; i++) {
                sink += index ? b.edgeSnapIndex() : b.graphHopperLocationIndex().toBaseMetres();
            }
            rates[r] = perBlock / ((clock.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        if (sink == 42.4242) {
            System.out.println(); // keeps the snaps alive
        }
        Arrays.sort(rates);
        return rates[3];
    }
}
