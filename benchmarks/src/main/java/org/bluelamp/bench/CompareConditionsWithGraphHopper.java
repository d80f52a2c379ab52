package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.CongestionProfile;
import org.bluelamp.conditions.CustomModelExport;
import org.bluelamp.conditions.InMemoryConditionsStore;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * The exactness of ranking under road conditions on a benchmark network (New York is too big for
 * the test suite): 50 seeded random closures and 10 random slowdowns across the map, around every
 * incident three closures 0.4 to 2 km from it and a slowdown over it, and the shipped congestion
 * profile at a weekday evening peak, with an urban area (an irregular polygon 6 to 12 km around
 * the middle of the map) so that both its urban and rural factors apply. Every listed unit's road
 * time is compared with GraphHopper's own route for the same points with the equivalent custom
 * model ({@link CustomModelExport}: closures as {@code priority multiply_by 0}, slowdowns and
 * congestion as {@code speed multiply_by}; contraction hierarchies disabled), and every listed
 * unit's route (the ranking's search under the same {@code EdgeConditions}) is checked to touch no
 * closed edge. Prints every difference over a second with the seed,
 * and a summary; exits 1 on any. Units on a closed road and incidents on one (they follow the
 * engine's documented rule, tested in {@code ClosureRulesTest}) are counted and not compared.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CompareConditionsWithGraphHopper newyork 11 20
 * </pre>
 */
public final class CompareConditionsWithGraphHopper {
    private CompareConditionsWithGraphHopper() {}

    private static GeoPoint offset(GeoPoint p, double northMetres, double eastMetres) {
        double perDegree = 6_371_008.8 * Math.PI / 180;
        return new GeoPoint(
                p.latDeg() + northMetres / perDegree,
                p.lonDeg() + eastMetres / (perDegree * Math.cos(Math.toRadians(p.latDeg()))));
    }

    public static void main(String[] args) {
        String map = args[0];
        long seed = Long.parseLong(args[1]);
        int incidents = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long now = BenchConditions.PEAK;
        RoadNetwork net = BenchNetworks.open(map);
        GeoBounds b = net.bounds();
        GeoPoint middle = new GeoPoint((b.minLatDeg() + b.maxLatDeg()) / 2, (b.minLonDeg() + b.maxLonDeg()) / 2);
        RoadConditions rc = RoadConditions.create(
                net,
                CongestionProfile.loadDefault(),
                List.of(BenchConditions.star(middle, new Random(seed), 6_000, 12_000)
                        .polygon()),
                new InMemoryConditionsStore());
        BenchConditions.addRandom(net, rc, 50, 10, seed);
        List<GeoPoint> sites = new ArrayList<>(IncidentSites.pick(net, "urban", incidents / 2, seed));
        sites.addAll(IncidentSites.pick(net, "rural", incidents - incidents / 2, seed));
        // around every incident, closures and a slowdown its units' routes must deal with
        Random near = new Random(seed * 7919);
        EnumSet<TravelProfile> cars = EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY);
        for (int i = 0; i < sites.size(); i++) {
            GeoPoint site = sites.get(i);
            for (int k = 0; k < 3; k++) {
                double bearing = near.nextDouble() * 2 * Math.PI;
                double metres = 400 + near.nextDouble() * 1600;
                GeoPoint c = offset(site, metres * Math.cos(bearing), metres * Math.sin(bearing));
                rc.add(new Closure(
                        "N" + i + "_" + k,
                        "near incident " + i,
                        new Closure.Area(BenchConditions.star(c, near, 100, 350)),
                        0,
                        Condition.NO_END,
                        cars));
            }
            rc.add(new Slowdown(
                    "M" + i,
                    "near incident " + i,
                    new Slowdown.Area(BenchConditions.star(site, near, 300, 1500)),
                    0.3 + near.nextDouble() * 0.6,
                    0,
                    Condition.NO_END,
                    cars));
        }
        BenchFleet.Fleet fleet = BenchFleet.create(net, 2000, seed, now);
        Dispatcher d = Dispatcher.create(
                net,
                fleet.state(),
                PolicyBook.loadDefault(fleet.state().options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(now)),
                rc);
        Map<TravelProfile, String> models = new EnumMap<>(TravelProfile.class);
        Map<TravelProfile, ManyToOneSearch> searches = new EnumMap<>(TravelProfile.class);
        UnitReading r = new UnitReading();
        int compared = 0;
        int different = 0;
        int throughClosure = 0;
        int unitsOnClosedRoads = 0;
        int incidentsOnClosedRoads = 0;
        int affected = 0;
        double worst = 0;
        for (int i = 0; i < sites.size(); i++) {
            GeoPoint p = sites.get(i);
            Recommendation rec = d.recommend(IncidentRequest.of("c" + i, p, i % 3 == 0 ? "2" : "1"));
            if (!rec.conditionNotes().isEmpty()) {
                incidentsOnClosedRoads++;
                continue;
            }
            for (Candidate c : rec.candidates()) {
                TravelProfile profile = c.profile();
                fleet.state().readUnit(fleet.state().getUnit(c.unitId()).unitIndex(), r);
                GeoPoint from = new GeoPoint(r.latDeg(), r.lonDeg());
                var ec = rc.at(profile, now);
                if (ec.isClosed(net.place(profile, "unit", from).edgeId())) {
                    unitsOnClosedRoads++;
                    continue;
                }
                if (c.reasons().stream()
                        .anyMatch(x -> x.startsWith("avoids")
                                || x.startsWith("slowdown")
                                || x.startsWith("road conditions"))) {
                    affected++;
                }
                String model = models.computeIfAbsent(profile, x -> CustomModelExport.json(rc, x, now));
                double gh = net.oracle().routeSeconds(profile, from, p, model);
                double diff = Math.abs(gh - c.roadSeconds());
                worst = Math.max(worst, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
                compared++;
                if (!(diff <= 1.0)) {
                    different++;
                    System.out.printf(
                            Locale.ROOT,
                            "seed %d, incident %d at %s, unit %s (%s): engine %.3f s, GraphHopper %.3f s%n",
                            seed,
                            i,
                            p,
                            c.unitId(),
                            profile.profileName(),
                            c.roadSeconds(),
                            gh);
                }
                ManyToOneSearch search = searches.computeIfAbsent(profile, x -> new ManyToOneSearch(ec.graph()));
                search.start(net.place(profile, "incident", p, ec.closedEdges()), ec);
                int s = search.addSource(net.place(profile, "unit", from), 0);
                search.run((x, y) -> true, Integer.MAX_VALUE);
                for (int e : search.isConfirmed(s) ? search.path(s).edges() : new int[0]) {
                    if (ec.isClosed(e)) {
                        throughClosure++;
                        System.out.printf(
                                Locale.ROOT,
                                "seed %d, incident %d, unit %s: route passes closed edge %d%n",
                                seed,
                                i,
                                c.unitId(),
                                e);
                        break;
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s, seed %d: %d candidates compared with GraphHopper's custom-model routes (%d of them affected by"
                        + " closures or slowdowns), %d differ by more than 1 s (largest difference %.3f s), %d routes"
                        + " through a closed edge; not compared: %d units on closed roads, %d incidents on closed"
                        + " roads%n",
                map,
                seed,
                compared,
                affected,
                different,
                worst,
                throughClosure,
                unitsOnClosedRoads,
                incidentsOnClosedRoads);
        System.exit(different == 0 && throughClosure == 0 && compared > 0 ? 0 : 1);
    }
}
