package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;

/**
 * What the automatic fleet grid's sizing costs the fix writer: a fleet of {@code units} grows
 * from nothing (one first fix each, uniformly over the national day's box) and then moves
 * ({@code moves} fixes, each unit to a random point of the box), with the CPU time of every fix
 * taken by this thread's clock. Prints each fix after which the grid's geometry changed (a
 * rebuild) with its CPU time, and the slowest fixes of each phase (they include the checks that
 * kept the grid). The grid's own work is all on those fixes: any other fix pays one compare.
 *
 * <p>{@code java -cp benchmarks.jar org.bluelamp.bench.GridRebuildTime [units] [moves]}
 * (defaults 100,000 and 8,000,000: enough moves for several checks, one per 16 changes of bucket a unit).
 */
public final class GridRebuildTime {
    private GridRebuildTime() {}

    public static void main(String[] args) {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int moves = args.length > 1 ? Integer.parseInt(args[1]) : 8_000_000;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long t0 = 1_700_000_000_000L;
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int i = 0; i < units; i++) {
            fleet.register(UnitSpec.minimal("U" + i, UnitKind.CAR), StatusChange.of(UnitStatus.AVAILABLE, t0));
        }
        SplittableRandom random = new SplittableRandom(42);
        long[] growth = new long[units];
        double cell = fleet.gridCellMetres();
        int buckets = fleet.gridBucketCount();
        System.out.printf(Locale.ROOT, "start: %.0f m, %d buckets%n", cell, buckets);
        for (int u = 0; u < units; u++) {
            long c0 = clock.getCurrentThreadCpuTime();
            fix(fleet, random, u, t0 + 1);
            growth[u] = clock.getCurrentThreadCpuTime() - c0;
            if (fleet.gridCellMetres() != cell || fleet.gridBucketCount() != buckets) {
                cell = fleet.gridCellMetres();
                buckets = fleet.gridBucketCount();
                System.out.printf(
                        Locale.ROOT,
                        "rebuilt at unit %d: %.0f m, %d buckets, that fix %.3f ms CPU%n",
                        u + 1,
                        cell,
                        buckets,
                        growth[u] / 1e6);
            }
        }
        report("growth", growth);
        long[] moving = new long[moves];
        long time = t0 + 2;
        for (int i = 0; i < moves; i++) {
            long c0 = clock.getCurrentThreadCpuTime();
            fix(fleet, random, random.nextInt(units), ++time);
            moving[i] = clock.getCurrentThreadCpuTime() - c0;
            if (fleet.gridCellMetres() != cell || fleet.gridBucketCount() != buckets) {
                cell = fleet.gridCellMetres();
                buckets = fleet.gridBucketCount();
                System.out.printf(
                        Locale.ROOT,
                        "rebuilt at move %d: %.0f m, %d buckets, that fix %.3f ms CPU%n",
                        i + 1,
                        cell,
                        buckets,
                        moving[i] / 1e6);
            }
        }
        report("moving", moving);
    }

    private static void fix(FleetState fleet, SplittableRandom random, int unit, long time) {
        fleet.recordFix(
                unit,
                51.7 + random.nextDouble(2.6),
                -3.7 + random.nextDouble(4.4),
                time,
                10,
                Double.NaN,
                Double.NaN,
                FixReason.PERIODIC);
    }

    private static void report(String phase, long[] cpuNanos) {
        long[] sorted = cpuNanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        StringBuilder top = new StringBuilder();
        for (int i = n - 1; i >= Math.max(0, n - 8); i--) {
            top.append(String.format(Locale.ROOT, " %.3f", sorted[i] / 1e6));
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d fixes, CPU per fix p50 %.2f us, p99.99 %.1f us; slowest ms:%s%n",
                phase,
                n,
                sorted[n / 2] / 1e3,
                sorted[(int) Math.min(n - 1, (long) n * 9999 / 10000)] / 1e3,
                top);
    }
}
