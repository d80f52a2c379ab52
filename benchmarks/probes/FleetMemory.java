/*
 * A probe, run as a single source file (not part of the build): used heap after System.gc() of a
 * fleet of N units before and after one fix each, per unit.
 * java -Xmx3g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar benchmarks/probes/FleetMemory.java 100000 64
 */
import java.lang.management.ManagementFactory;
import org.bluelamp.fleet.*;

public class FleetMemory {
    static long used() throws Exception {
        for (int i = 0; i < 4; i++) { System.gc(); Thread.sleep(100); }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int cap = Integer.parseInt(a[1]);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = Integer.toString(2_340_000 + i);
        long t0 = 1_700_000_000_000L;
        long before = used();
        FleetState f = new FleetState(FleetOptions.defaults().withHistory(new HistoryPolicy(cap, 3_600_000L)));
        long empty = used();
        for (int i = 0; i < n; i++) f.register(UnitSpec.minimal(ids[i], UnitKind.CAR), UnitStatus.AVAILABLE, t0);
        long registered = used();
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) f.recordFix(i, 53.8 + r.nextDouble(-1.5, 1.5), -1.55 + r.nextDouble(-2.5, 2.5), t0 + 1000, 5, 0, 0, FixReason.PERIODIC);
        long fixed = used();
        System.out.printf("FLEETMEM units=%d history=%d emptyFleet=%.1f MB registered=%.0f B/unit afterOneFixEach=%.0f B/unit (ids pooled outside, not counted)%n",
            n, cap, (empty - before) / 1e6, (registered - empty) / (double) n, (fixed - empty) / (double) n);
        if (f.unitCount() != n) throw new AssertionError();
    }
}
