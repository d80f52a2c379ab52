package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;

/**
 * The nearest-first fetch's batch growth 4 (the default) against 2 ({@link Dispatcher#setFetchGrowth}), on one
 * dispatcher, interleaved query by query on the same 256 incidents: first checks both give the same candidates for
 * every incident, then prints the CPU time of the measuring thread (p50 / p90 / p99 over {@code queries} of each after
 * 2,000 of warm-up) and the ratios 4 ÷ 2.
 *
 * <p>Usage: {@code java -Dbluelamp.shared.dir=../shared -Dbluelamp.bench.cache=<dir> -cp benchmarks.jar
 * org.bluelamp.bench.FetchGrowthCpuTime <rutland|newyork|national> <units> <urban|rural|box> <queries>};
 * {@code -Dbuckets=NEVER|AUTO|ALWAYS} sets the dispatcher's bucket use (default AUTO).
 */
public final class FetchGrowthCpuTime {
    private FetchGrowthCpuTime() {}

    public static void main(String[] a) throws Exception {
        String map = a[0];
        int units = Integer.parseInt(a[1]);
        String site = a[2];
        int n = Integer.parseInt(a[3]);
        var threads = ManagementFactory.getThreadMXBean();
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        Dispatcher d = BenchFleet.dispatcher(net, fleet, now);
        d.setBucketUse(Dispatcher.BucketUse.valueOf(System.getProperty("buckets", "AUTO")));
        List<GeoPoint> sites = IncidentSites.pick(net, site, 256, 7);
        int[] growth = {4, 2};
        int same = 0;
        for (int i = 0; i < sites.size(); i++) {
            String[] ans = new String[2];
            for (int k = 0; k < 2; k++) {
                d.setFetchGrowth(growth[k]);
                try {
                    Recommendation r = d.recommend(IncidentRequest.of("q", sites.get(i), i % 4 == 0 ? "2" : "1"));
                    ans[k] = r.candidates().toString();
                } catch (RuntimeException e) {
                    ans[k] = e.toString();
                }
            }
            if (ans[0].equals(ans[1])) {
                same++;
            } else {
                System.out.println("DIFFERENT at " + sites.get(i) + "\n 4: " + ans[0] + "\n 2: " + ans[1]);
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "[check] %s %s %d units: same candidates for %d of %d incidents%n",
                map,
                site,
                units,
                same,
                sites.size());
        long[][] cpu = new long[2][n];
        for (int i = -2000; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                int way = Math.floorMod(i + k, 2);
                d.setFetchGrowth(growth[way]);
                GeoPoint p = sites.get(Math.floorMod(i, sites.size()));
                long c0 = threads.getCurrentThreadCpuTime();
                try {
                    d.recommend(IncidentRequest.of("q", p, Math.floorMod(i, 4) == 0 ? "2" : "1"));
                } catch (RuntimeException e) {
                    // an incident off the roads: timed as refused, the same both ways
                }
                long c = threads.getCurrentThreadCpuTime() - c0;
                if (i >= 0) {
                    cpu[way][i] = c;
                }
            }
        }
        StringBuilder line =
                new StringBuilder(String.format(java.util.Locale.ROOT, "GROWTH %s %s %d units:", map, site, units));
        for (int k = 0; k < 2; k++) {
            Arrays.sort(cpu[k]);
            line.append(String.format(
                    java.util.Locale.ROOT,
                    " growth%d p50 %.0f p90 %.0f p99 %.0f us;",
                    growth[k],
                    cpu[k][n / 2] / 1e3,
                    cpu[k][n * 9 / 10] / 1e3,
                    cpu[k][n * 99 / 100] / 1e3));
        }
        line.append(String.format(
                java.util.Locale.ROOT,
                " 4/2 ratio p50 %.3f p90 %.3f p99 %.3f",
                (double) cpu[0][n / 2] / cpu[1][n / 2],
                (double) cpu[0][n * 9 / 10] / cpu[1][n * 9 / 10],
                (double) cpu[0][n * 99 / 100] / cpu[1][n * 99 / 100]));
        System.out.println(line);
    }
}
