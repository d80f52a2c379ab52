package org.bluelamp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * What sorting the road graph along a Hilbert curve at import is worth, by per-query CPU time,
 * both graphs in one JVM (issue 13 point 5): the same map opened sorted (GraphHopper 11's default,
 * as served; {@link BenchNetworks#open(String, boolean)}) and in the extract's import order
 * (imported once into {@code -Dbluelamp.bench.unsortedCache}).
 *
 * <p>{@code rank}: {@link RecommendBenchmark}'s fleet (drawn on the sorted graph, seed 42) and 64
 * incidents, the unsorted dispatcher given the same unit positions; rounds of the 64 queries
 * alternate between the two (which goes first alternating by round), each query timed by the
 * thread's CPU clock. No intake thread (its random walk follows edge ids, which the sort changes),
 * so the fleet stands still and both must answer alike: every answer is compared (units and times
 * of the candidates; an order differing only between equal times is counted as a tie).
 *
 * <p>{@code snap}: {@code points} seeded points in the map's box less a tenth at each side,
 * placed on the car profile by both graphs alternating by round; the snapped points and distances
 * are compared.
 *
 * <pre>java -Xmx12g -XX:+UseParallelGC -Dbluelamp.shared.dir=../shared -Dbluelamp.bench.cache=/work/cache/bench
 *     -Dbluelamp.bench.unsortedCache=DIR -cp benchmarks.jar org.bluelamp.bench.SortOrderCpuTime
 *     rank map:units site [rounds] [warm]
 *     snap map [rounds] [warm]</pre>
 */
public final class SortOrderCpuTime {
    private SortOrderCpuTime() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println(
                    "usage: SortOrderCpuTime rank <map:units> <site> [rounds] [warm] | snap <map> [rounds] [warm]");
            System.exit(2);
        }
        if (args[0].equals("snap")) {
            snap(
                    args[1],
                    args.length > 2 ? Integer.parseInt(args[2]) : 40,
                    args.length > 3 ? Integer.parseInt(args[3]) : 20);
        } else {
            rank(
                    args[1],
                    args[2],
                    args.length > 3 ? Integer.parseInt(args[3]) : 90,
                    args.length > 4 ? Integer.parseInt(args[4]) : 60);
        }
        System.exit(0);
    }

    private static void rank(String mapUnits, String site, int rounds, int warm) {
        String map = mapUnits.substring(0, mapUnits.indexOf(':'));
        int units = Integer.parseInt(mapUnits.substring(mapUnits.indexOf(':') + 1));
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork[] net = {BenchNetworks.open(map, true), BenchNetworks.open(map, false)};
        BenchFleet.Fleet fleet = BenchFleet.create(net[0], units, 42, now);
        var na = net[0].oracle().graphHopper().getBaseGraph().getNodeAccess();
        List<GeoPoint> positions = new ArrayList<>();
        for (int node : fleet.nodes()) {
            positions.add(new GeoPoint(na.getLat(node), na.getLon(node)));
        }
        Dispatcher[] dispatcher = {
            BenchFleet.dispatcher(net[0], fleet, now),
            BenchFleet.dispatcher(net[1], new BenchFleet.Fleet(BenchFleet.at(positions, now), fleet.nodes()), now)
        };
        for (Dispatcher d : dispatcher) {
            d.setFrontierCeilings(true);
        }
        List<IncidentRequest> requests = new ArrayList<>();
        for (GeoPoint p : IncidentSites.pick(net[0], site, 64, 7)) {
            requests.add(IncidentRequest.of("bench", p, "1"));
        }
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[2][rounds * 64];
        Recommendation[][] last = new Recommendation[2][64];
        for (int r = 0; r < warm + rounds; r++) {
            for (int o = 0; o < 2; o++) {
                int b = (r + o) & 1;
                for (int q = 0; q < 64; q++) {
                    long c0 = clock.getCurrentThreadCpuTime();
                    Recommendation answer = dispatcher[b].recommend(requests.get(q));
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    if (r >= warm) {
                        cpu[b][(r - warm) * 64 + q] = c;
                    }
                    last[b][q] = answer;
                }
            }
        }
        int same = 0;
        int ties = 0;
        int differ = 0;
        for (int q = 0; q < 64; q++) {
            switch (compare(last[0][q], last[1][q])) {
                case 0 -> same++;
                case 1 -> ties++;
                default -> {
                    differ++;
                    System.out.println("SORT-RANK differs at incident " + q + ": sorted " + summary(last[0][q])
                            + " unsorted " + summary(last[1][q]));
                }
            }
        }
        report("SORT-RANK " + map + ":" + units + " " + site, cpu);
        System.out.printf(
                Locale.ROOT,
                "SORT-RANK %s:%d %s answers: %d identical, %d differ only in the order of equal times, %d differ%n",
                map,
                units,
                site,
                same,
                ties,
                differ);
    }

    private static void snap(String map, int rounds, int warm) {
        RoadNetwork[] net = {BenchNetworks.open(map, true), BenchNetworks.open(map, false)};
        var b0 = net[0].bounds();
        Random rnd = new Random(11);
        int n = 1024;
        GeoPoint[] points = new GeoPoint[n];
        for (int i = 0; i < n; i++) {
            points[i] = new GeoPoint(
                    b0.minLatDeg() + (b0.maxLatDeg() - b0.minLatDeg()) * (0.1 + 0.8 * rnd.nextDouble()),
                    b0.minLonDeg() + (b0.maxLonDeg() - b0.minLonDeg()) * (0.1 + 0.8 * rnd.nextDouble()));
        }
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[2][rounds * n];
        EdgePlacement[][] placed = new EdgePlacement[2][n];
        for (int r = 0; r < warm + rounds; r++) {
            for (int o = 0; o < 2; o++) {
                int b = (r + o) & 1;
                for (int q = 0; q < n; q++) {
                    long c0 = clock.getCurrentThreadCpuTime();
                    EdgePlacement p;
                    try {
                        p = net[b].place(TravelProfile.CAR, "point", points[q]);
                    } catch (org.bluelamp.error.BluelampException e) {
                        p = null;
                    }
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    if (r >= warm) {
                        cpu[b][(r - warm) * n + q] = c;
                    }
                    placed[b][q] = p;
                }
            }
        }
        int same = 0;
        int equidistant = 0;
        int differ = 0;
        for (int q = 0; q < n; q++) {
            EdgePlacement a = placed[0][q];
            EdgePlacement c = placed[1][q];
            if (a == null || c == null) {
                if (a == null && c == null) {
                    same++;
                } else {
                    differ++;
                }
            } else if (a.snapped().equals(c.snapped()) && a.snapDistanceMetres() == c.snapDistanceMetres()) {
                same++;
            } else if (Math.abs(a.snapDistanceMetres() - c.snapDistanceMetres()) < 1e-6) {
                equidistant++;
            } else {
                differ++;
                System.out.println("SORT-SNAP differs at " + points[q] + ": sorted " + a + " unsorted " + c);
            }
        }
        report("SORT-SNAP " + map, cpu);
        System.out.printf(
                Locale.ROOT,
                "SORT-SNAP %s answers: %d identical, %d at the same distance on another edge, %d differ%n",
                map,
                same,
                equidistant,
                differ);
    }

    /** 0 identical, 1 same times in another order of equal times, 2 different. */
    static int compare(Recommendation a, Recommendation b) {
        List<Candidate> x = a.candidates();
        List<Candidate> y = b.candidates();
        if (x.size() != y.size()) {
            return 2;
        }
        boolean identical = true;
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).etaSeconds() != y.get(i).etaSeconds()) {
                return 2;
            }
            identical &= x.get(i).unitId().equals(y.get(i).unitId());
        }
        return identical ? 0 : 1;
    }

    private static String summary(Recommendation r) {
        StringBuilder sb = new StringBuilder("[");
        for (Candidate c : r.candidates()) {
            sb.append(c.unitId())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", c.etaSeconds()))
                    .append("; ");
        }
        return sb.append(']').toString();
    }

    private static void report(String what, long[][] cpu) {
        String[] name = {"sorted", "unsorted"};
        double[][] pct = new double[2][];
        for (int b = 0; b < 2; b++) {
            pct[b] = percentiles(cpu[b]);
            System.out.printf(
                    Locale.ROOT,
                    "%s %s CPU p50 / p90 / p99 us %.1f / %.1f / %.1f (%d queries)%n",
                    what,
                    name[b],
                    pct[b][0],
                    pct[b][1],
                    pct[b][2],
                    cpu[b].length);
        }
        System.out.printf(
                Locale.ROOT,
                "%s unsorted/sorted p50 %.2f p90 %.2f p99 %.2f (load %.1f)%n",
                what,
                pct[1][0] / pct[0][0],
                pct[1][1] / pct[0][1],
                pct[1][2] / pct[0][2],
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** p50, p90, p99 in µs. */
    private static double[] percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        return new double[] {s[n / 2] / 1e3, s[n * 90 / 100] / 1e3, s[n * 99 / 100] / 1e3};
    }
}
