package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The work of coverage's k-label search counted, for issue 12 point 8: one
 * {@link ManyToAllSearch} from {@code units} random cars (seed 42, each starting at 60 s) over a
 * whole map with 1, 2 and 6 labels per node (best times only; the live refresh; MEXCLP with
 * q = 0.3), further labels up to 20 minutes: labels settled, labels pushed on the heap (the
 * waste of labels pushed and never settled), and the CPU ms of the measuring thread (three runs
 * after three warm-up runs). {@code java -cp benchmarks/target/benchmarks.jar
 * org.bluelamp.bench.CoverageSearchWork newyork 200}.
 */
public final class CoverageSearchWork {
    private CoverageSearchWork() {}

    public static void main(String[] args) {
        String map = args.length >= 1 ? args[0] : "rutland";
        int units = args.length >= 2 ? Integer.parseInt(args[1]) : 200;
        RoadNetwork net = BenchNetworks.open(map);
        TravelTimeGraph g = net.travelTimeGraph(TravelProfile.CAR_EMERGENCY);
        Random rnd = new Random(42);
        List<EdgePlacement> placements = new ArrayList<>();
        while (placements.size() < units) {
            try {
                placements.add(
                        net.place(TravelProfile.CAR_EMERGENCY, "unit", net.nodePoint(rnd.nextInt(net.nodeCount()))));
            } catch (RuntimeException e) {
                // off the main network
            }
        }
        var thread = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(
                "load average at start: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int k : new int[] {1, 2, 6}) {
            ManyToAllSearch s = new ManyToAllSearch(g, k);
            for (int rep = 0; rep < 6; rep++) {
                long c0 = thread.getCurrentThreadCpuTime();
                s.start();
                for (EdgePlacement p : placements) {
                    s.addSource(p, 60_000);
                }
                s.run(Integer.MAX_VALUE, 20 * 60_000);
                long c1 = thread.getCurrentThreadCpuTime();
                if (rep >= 3) {
                    System.out.printf(
                            "SEARCH %s %d units, %d labels per node: cpu ms %.1f, settled %,d, pushed %,d, nodes %,d%n",
                            map, units, k, (c1 - c0) / 1e6, s.settledLabels(), s.pushedLabels(), g.nodeCount());
                }
            }
        }
    }
}
