package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * What the slowest recommendations of {@link RecommendBenchmark} do that the others do not: per
 * query, its CPU time on the measuring thread and the work the answer reports (road nodes the
 * searches settled, units examined, hence nearest-first batches fetched, the snaps it made), the
 * fifth unit's ranking time and straight line, and the straight-line radius out to which the proven
 * ceiling makes the query examine units (the fifth unit's time at the graphs' top speed). Prints the
 * median of each over all queries, over the slowest 5% and the slowest 1%, and the slowest queries
 * themselves. Measured outside the engine (nothing in the query path is instrumented).
 *
 * <p>{@code java -cp benchmarks.jar org.bluelamp.bench.RankingTail map units site [sites] [rounds]}:
 * the benchmark's fleet (cars at random junctions, its intake thread moving them) and {@code sites}
 * incidents of {@code site} ({@link IncidentSites}), each asked {@code rounds} times after two
 * rounds of warm-up. {@code -Dbluelamp.bench.frontier=off} ranks with the straight-line ceiling
 * alone ({@link Dispatcher#setFrontierCeilings}), {@code both} alternates the two query by query on
 * the same incidents (which goes first alternating by round) and prints both and their ratios.
 */
public final class RankingTail {
    private RankingTail() {}

    /** One query's measures. */
    record Query(
            int site,
            long cpuNanos,
            long settled,
            int examined,
            long snaps,
            double fifthSeconds,
            double fifthStraight) {}

    public static void main(String[] args) throws Exception {
        String map = args.length > 0 ? args[0] : "rutland";
        int units = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String site = args.length > 2 ? args[2] : "rural";
        int sites = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        // "on", "off" (the straight-line ceiling alone) or "both": alternating query by query
        String frontier = System.getProperty("bluelamp.bench.frontier", "on");
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        Dispatcher dispatcher = BenchFleet.dispatcher(net, fleet, now);
        double vmax = 0;
        for (TravelProfile p : net.options().profiles()) {
            vmax = Math.max(vmax, dispatcher.graph(p).maxMetresPerSecond());
        }
        List<IncidentRequest> requests = new ArrayList<>();
        for (GeoPoint p : IncidentSites.pick(net, site, sites, 7)) {
            requests.add(IncidentRequest.of("bench", p, "1"));
        }
        List<Query> out = new ArrayList<>();
        List<Query> off = new ArrayList<>();
        try (var load = new BenchFleet.IntakeLoad(net, fleet, Math.max(100, units / 10), 3, now)) {
            for (int r = 0; r < rounds + 2; r++) {
                for (int k = 0; k < requests.size() * (frontier.equals("both") ? 2 : 1); k++) {
                    int i = frontier.equals("both") ? k / 2 : k;
                    boolean on = frontier.equals("both") ? ((k + r) % 2 == 0) : !frontier.equals("off");
                    dispatcher.setFrontierCeilings(on);
                    long s0 = dispatcher.snapCount();
                    long c0 = clock.getCurrentThreadCpuTime();
                    Recommendation rec = dispatcher.recommend(requests.get(i));
                    long cpu = clock.getCurrentThreadCpuTime() - c0;
                    if (r < 2) {
                        continue;
                    }
                    int notExamined = rec.excluded().getOrDefault(ExclusionReason.NOT_EXAMINED, 0);
                    List<Candidate> c = rec.candidates();
                    Candidate last = c.isEmpty() ? null : c.get(c.size() - 1);
                    (on ? out : off)
                            .add(new Query(
                                    i,
                                    cpu,
                                    rec.searchedNodes(),
                                    units - notExamined,
                                    dispatcher.snapCount() - s0,
                                    last == null ? Double.NaN : last.rankingSeconds(),
                                    last == null ? Double.NaN : last.straightLineMetres()));
                }
            }
        }
        if (!off.isEmpty()) {
            report(map, units, site, sites, rounds, "off", off, vmax, requests.size());
        }
        report(map, units, site, sites, rounds, off.isEmpty() ? frontier : "on", out, vmax, requests.size());
        if (!off.isEmpty()) {
            off.sort(Comparator.comparingLong(Query::cpuNanos));
            out.sort(Comparator.comparingLong(Query::cpuNanos));
            int n = out.size();
            System.out.printf(
                    "%nRATIO off/on CPU p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f; examined sum off/on %d / %d (load %s)%n",
                    (double) off.get(n / 2).cpuNanos() / out.get(n / 2).cpuNanos(),
                    (double) off.get(n * 90 / 100).cpuNanos()
                            / out.get(n * 90 / 100).cpuNanos(),
                    (double) off.get(n * 99 / 100).cpuNanos()
                            / out.get(n * 99 / 100).cpuNanos(),
                    (double) off.get(n * 999 / 1000).cpuNanos()
                            / out.get(n * 999 / 1000).cpuNanos(),
                    off.stream().mapToLong(Query::examined).sum(),
                    out.stream().mapToLong(Query::examined).sum(),
                    loadAverage());
        }
        System.exit(0);
    }

    private static void report(
            String map,
            int units,
            String site,
            int sites,
            int rounds,
            String frontier,
            List<Query> out,
            double vmax,
            int siteCount) {
        out.sort(Comparator.comparingLong(Query::cpuNanos));
        int n = out.size();
        System.out.printf(
                "%nRANKING TAIL map=%s units=%d site=%s sites=%d rounds=%d frontier=%s queries=%d"
                        + " topSpeed=%.1f m/s load=%s%n",
                map, units, site, sites, rounds, frontier, n, vmax, loadAverage());
        System.out.println(
                "group        cpu_us  settled  examined  batches  snaps  fifth_s  fifth_straight_m  reach_radius_m");
        row("all (p50)", out.subList(0, n), vmax);
        row("p90-p95", out.subList(n * 90 / 100, n * 95 / 100), vmax);
        row("slowest 5%", out.subList(n * 95 / 100, n), vmax);
        row("slowest 1%", out.subList(n * 99 / 100, n), vmax);
        System.out.printf(
                "cpu p50/p90/p99/p99.9/max us: %.0f / %.0f / %.0f / %.0f / %.0f%n",
                out.get(n / 2).cpuNanos() / 1e3,
                out.get(n * 90 / 100).cpuNanos() / 1e3,
                out.get(n * 99 / 100).cpuNanos() / 1e3,
                out.get(n * 999 / 1000).cpuNanos() / 1e3,
                out.get(n - 1).cpuNanos() / 1e3);
        System.out.println("slowest queries: site cpu_us settled examined snaps fifth_s fifth_straight_m");
        for (int k = n - 1; k >= Math.max(0, n - 12); k--) {
            Query q = out.get(k);
            System.out.printf(
                    "  %4d %8.0f %8d %6d %4d %7.1f %9.0f%n",
                    q.site(),
                    q.cpuNanos() / 1e3,
                    q.settled(),
                    q.examined(),
                    q.snaps(),
                    q.fifthSeconds(),
                    q.fifthStraight());
        }
        // the sites behind the slowest 5%: how often each appears
        int[] count = new int[siteCount];
        for (Query q : out.subList(n * 95 / 100, n)) {
            count[q.site()]++;
        }
        Integer[] order = new Integer[count.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> count[b] - count[a]);
        StringBuilder sb = new StringBuilder("sites in the slowest 5% (site x times):");
        for (int i = 0; i < Math.min(10, order.length) && count[order[i]] > 0; i++) {
            sb.append(' ').append(order[i]).append('x').append(count[order[i]]);
        }
        System.out.println(sb);
    }

    private static void row(String name, List<Query> qs, double vmax) {
        System.out.printf(
                "%-11s %7.0f %8.0f %9.0f %8.1f %6.1f %8.1f %17.0f %15.0f%n",
                name,
                median(qs, q -> q.cpuNanos() / 1e3),
                median(qs, q -> q.settled()),
                median(qs, q -> q.examined()),
                median(qs, q -> batches(q.examined())),
                median(qs, q -> q.snaps()),
                median(qs, Query::fifthSeconds),
                median(qs, Query::fifthStraight),
                median(qs, q -> q.fifthSeconds() * vmax));
    }

    /** Nearest-first batches of 64, 256, 1,024, ... needed to hand out this many units. */
    private static int batches(int examined) {
        int b = 1;
        for (long size = 64; size < examined; size *= 4) {
            b++;
        }
        return b;
    }

    private static double median(List<Query> qs, java.util.function.ToDoubleFunction<Query> f) {
        double[] v = qs.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    private static String loadAverage() {
        return String.format(
                "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
