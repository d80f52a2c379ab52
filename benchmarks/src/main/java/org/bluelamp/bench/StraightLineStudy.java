package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;

/**
 * How often is the unit nearest in a straight line not the one that gets there first by road,
 * and by how much is it slower? Seeded trials on a real network: each trial places a fleet of
 * available cars at random car junctions and an incident at another, asks for a grade-1
 * recommendation of every unit, and compares the straight-line nearest unit's ETA with the best.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.StraightLineStudy [network] [trials]</pre>
 */
public final class StraightLineStudy {
    public static void main(String[] args) {
        String map = args.length > 0 ? args[0] : "rutland";
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        int[] junctions = CarJunctions.of(net);
        var na = net.oracle().graphHopper().getBaseGraph().getNodeAccess();
        System.out.printf(
                Locale.ROOT,
                "| fleet (available cars) | trials | straight-line nearest is not the fastest "
                        + "| extra time when not: median | mean | 90th pct | max "
                        + "| trials where it costs over 1 min |%n");
        System.out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (int units : new int[] {5, 10, 20, 40}) {
            BenchFleet.Fleet fleet = BenchFleet.create(net, units, 1000 + units, now);
            Dispatcher dispatcher = Dispatcher.create(
                    net,
                    fleet.state(),
                    PolicyBook.loadDefault(fleet.state().options().capabilities()),
                    UrbanAreas.loadDefault(),
                    InstantSource.fixed(Instant.ofEpochMilli(now)));
            Random rnd = new Random(units);
            double[] extra = new double[trials];
            int differ = 0;
            int overMinute = 0;
            int done = 0;
            long t = now - 20_000;
            for (int trial = 0; trial < trials; trial++) {
                for (int u = 0; u < units; u++) {
                    int node = junctions[rnd.nextInt(junctions.length)];
                    fleet.state()
                            .recordFix(
                                    u,
                                    na.getLat(node),
                                    na.getLon(node),
                                    t,
                                    10,
                                    Double.NaN,
                                    Double.NaN,
                                    FixReason.PERIODIC);
                }
                t++;
                int node = junctions[rnd.nextInt(junctions.length)];
                Recommendation r = dispatcher.recommend(new IncidentRequest(
                        "study", new GeoPoint(na.getLat(node), na.getLon(node)), "1", "", java.util.Set.of(), units));
                if (r.candidates().isEmpty()) {
                    continue;
                }
                Candidate fastest = r.candidates().get(0);
                Candidate nearest = r.candidates().stream()
                        .filter(c -> c.straightLineRank() == 1)
                        .findFirst()
                        .orElse(null);
                if (nearest == null) {
                    continue;
                }
                done++;
                double slower = nearest.etaSeconds() - fastest.etaSeconds();
                if (slower > 0.5) {
                    extra[differ++] = slower;
                    if (slower > 60) {
                        overMinute++;
                    }
                }
            }
            double[] d = Arrays.copyOf(extra, differ);
            Arrays.sort(d);
            double mean = Arrays.stream(d).average().orElse(0);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.1f%% | %.0f s | %.0f s | %.0f s | %.0f s | %.1f%% |%n",
                    units,
                    done,
                    100.0 * differ / done,
                    differ > 0 ? d[differ / 2] : 0,
                    mean,
                    differ > 0 ? d[(int) (differ * 0.9)] : 0,
                    differ > 0 ? d[differ - 1] : 0,
                    100.0 * overMinute / done);
        }
    }
}
