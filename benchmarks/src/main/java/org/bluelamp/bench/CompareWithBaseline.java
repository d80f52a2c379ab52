package org.bluelamp.bench;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * Compares the engine's top 5 with GraphHopper per-candidate routing (route every unit, sort by its
 * road time plus its own off-road leg to the road, as the engine's ETA counts it) on
 * a benchmark network and prints every difference: the check behind the "identical results"
 * claim in RESULTS.md.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CompareWithBaseline national 100 urban 32</pre>
 *
 * <p>{@code -Dbluelamp.bench.ranking=dijkstra} (or {@code buckets}) makes the engine rank by that path
 * only; {@code auto} (the default) as the service does.
 */
public final class CompareWithBaseline {
    public static void main(String[] args) {
        String map = args[0];
        int units = Integer.parseInt(args[1]);
        String site = args[2];
        int incidents = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        RoadNetwork net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        PolicyBook policies = PolicyBook.loadDefault(fleet.state().options().capabilities());
        Dispatcher d = Dispatcher.create(
                net, fleet.state(), policies, UrbanAreas.none(), InstantSource.fixed(Instant.ofEpochMilli(now)));
        // -Dbluelamp.bench.ranking=auto|buckets|dijkstra: which path the engine ranks by (auto by default;
        // a sparse fleet's buckets are then built off the query path while the Dijkstra answers)
        String ranking = System.getProperty("bluelamp.bench.ranking", "auto");
        d.setBucketUse(
                switch (ranking) {
                    case "auto" -> Dispatcher.BucketUse.AUTO;
                    case "buckets" -> Dispatcher.BucketUse.ALWAYS;
                    case "dijkstra" -> Dispatcher.BucketUse.NEVER;
                    default ->
                        throw new IllegalArgumentException(
                                "bluelamp.bench.ranking must be auto, buckets or dijkstra, got '" + ranking + "'");
                });
        UnitReading r = new UnitReading();
        int identical = 0;
        List<GeoPoint> sites = IncidentSites.pick(net, site, incidents, 7);
        for (int i = 0; i < sites.size(); i++) {
            GeoPoint p = sites.get(i);
            Recommendation rec = d.recommend(IncidentRequest.of("c", p, "1"));
            List<double[]> all = new ArrayList<>();
            for (int u = 0; u < fleet.state().unitCount(); u++) {
                fleet.state().readUnit(u, r);
                GHResponse rsp = net.oracle()
                        .graphHopper()
                        .route(new GHRequest(r.latDeg(), r.lonDeg(), p.latDeg(), p.lonDeg())
                                .setProfile(TravelProfile.CAR_EMERGENCY.profileName()));
                if (!rsp.hasErrors()) {
                    // the unit's own walk to the road counts in its ETA, as the engine ranks: its
                    // snap distance at its kind's off-road speed (a unit placed in a field is slower
                    // than its road time says); the incident's leg is the same for every car
                    // (beyond the fix's own accuracy, which the engine does not charge)
                    double legSeconds;
                    try {
                        double snap = net.place(
                                        TravelProfile.CAR_EMERGENCY, "unit", new GeoPoint(r.latDeg(), r.lonDeg()))
                                .snapDistanceMetres();
                        double accuracy = Double.isNaN(r.accuracyMetres()) ? 0 : r.accuracyMetres();
                        legSeconds = Math.max(0, snap - accuracy) / policies.offRoadMetresPerSecond(r.kind());
                    } catch (org.bluelamp.error.BluelampException tooFarFromARoad) {
                        continue; // the engine cannot place it either
                    }
                    double roadSeconds = rsp.getBest().getTime() / 1000.0;
                    all.add(new double[] {roadSeconds, u, legSeconds, roadSeconds + legSeconds});
                }
            }
            all.sort((a, b) -> Double.compare(a[3], b[3]));
            boolean same = rec.candidates().size() == Math.min(5, all.size());
            StringBuilder diff = new StringBuilder();
            for (int k = 0; k < Math.min(5, all.size()); k++) {
                Candidate c = k < rec.candidates().size() ? rec.candidates().get(k) : null;
                double[] b = all.get(k);
                boolean ok = c != null
                        && Math.abs(c.roadSeconds() - b[0]) <= 1.0
                        && Math.abs(c.offRoadSeconds() - b[2]) <= 1.0;
                same &= ok;
                diff.append(String.format(
                        Locale.ROOT,
                        "%n   rank %d: engine %s %.1f s road + %.1f s to the road | GraphHopper U%d %.1f s + %.1f s %s",
                        k + 1,
                        c == null ? "-" : c.unitId(),
                        c == null ? Double.NaN : c.roadSeconds(),
                        c == null ? Double.NaN : c.offRoadSeconds(),
                        (int) b[1],
                        b[0],
                        b[2],
                        ok ? "" : "<-- differs"));
            }
            if (same) {
                identical++;
            } else {
                System.out.println("incident " + i + " at " + p + " excluded " + rec.excluded() + diff);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s %d units %s (ranking %s): identical top 5 for %d of %d incidents%n",
                map,
                units,
                site,
                ranking,
                identical,
                sites.size());
    }
}
