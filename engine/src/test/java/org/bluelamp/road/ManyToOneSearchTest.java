package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The many-to-one search against its oracle: for seeded random incidents and fleets on real
 * extracts, every source's road time equals GraphHopper's own route time for the same profile and
 * points (within one second; in practice a few milliseconds of rounding), and sources are
 * confirmed in order of time. Prints the seed on failure.
 */
class ManyToOneSearchTest {

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "rutland, car_emergency, 1, near",
        "rutland, car, 2, near",
        "rutland, foot, 3, near",
        "rutland, bike, 4, near",
        "monaco, car, 5, near",
        "leeds, foot, 6, near",
        "london, bike, 7, near",
        "andorra, car, 8, near",
        "leeds-its, car, 9, near",
        "leeds, car, 10, exact",
        "rutland, car_emergency, 11, exact",
        "monaco, car, 12, exact",
    })
    void everyRoadTimeAgreesWithGraphHoppersRoute(String map, String profileName, long seed, String where) {
        // "exact": points exactly on junctions (snapped to a junction, often by a one-way edge)
        boolean exact = "exact".equals(where);
        RoadNetwork net = network(map);
        TravelProfile profile = TravelProfile.find(profileName).orElseThrow();
        TravelTimeGraph graph = TravelTimeGraph.build(net, profile);
        ManyToOneSearch search = new ManyToOneSearch(graph);
        Random rnd = new Random(seed);
        int checked = 0;
        long maxDiffMillis = 0;
        for (int incident = 0; incident < 6; incident++) {
            EdgePlacement target = placeRandom(net, profile, rnd, "incident", exact);
            search.start(target);
            List<EdgePlacement> units = new ArrayList<>();
            int extra = 0;
            for (int u = 0; u < 25; u++) {
                EdgePlacement p = placeRandom(net, profile, rnd, "unit", exact);
                units.add(p);
                search.addSource(p, extra);
            }
            // two units on the incident's own edge, one each side
            units.add(target);
            search.addSource(target, 0);
            int[] lastTotal = {-1};
            search.run(
                    (s, total) -> {
                        assertTrue(total >= lastTotal[0], "seed " + seed + ": confirmed out of order");
                        lastTotal[0] = total;
                        return false;
                    },
                    Integer.MAX_VALUE);
            assertTrue(search.exhausted());
            for (int s = 0; s < units.size(); s++) {
                EdgePlacement p = units.get(s);
                Route oracle;
                try {
                    oracle = net.route(profile, p.requested(), target.requested());
                } catch (BluelampException e) {
                    assertFalse(
                            search.isConfirmed(s),
                            "seed " + seed + ": search found a route GraphHopper did not: " + e + " source " + s + " "
                                    + p + " target " + target);
                    continue;
                }
                final int source = s;
                maxDiffMillis = Math.max(maxDiffMillis, Math.abs(oracle.timeMillis() - search.roadMillis(s)));
                assertTrue(
                        search.isConfirmed(s), () -> "seed " + seed + ": no route found from " + p + " to " + target);
                assertEquals(
                        oracle.timeMillis(),
                        search.roadMillis(s),
                        1000,
                        () -> "seed " + seed + ": " + profile + " " + p.requested() + " -> " + target.requested());
                // distances agree unless two routes tie on time
                if (Math.abs(oracle.timeMillis() - search.roadMillis(source)) <= 5) {
                    assertEquals(
                            oracle.distanceMetres(),
                            search.roadMetres(s),
                            Math.max(2.0, oracle.distanceMetres() * 0.02),
                            () -> "seed " + seed + ": distance " + p.requested() + " -> " + target.requested());
                }
                double[][] geometry = net.geometry(search.path(s));
                assertTrue(geometry[0].length >= 2);
                // drawn from the flat edge shapes: the very points GraphHopper's own geometry gives
                double[][] viaGraphHopper = graphHopperGeometry(net, search.path(s));
                assertArrayEquals(viaGraphHopper[0], geometry[0], "seed " + seed + ": drawn latitudes");
                assertArrayEquals(viaGraphHopper[1], geometry[1], "seed " + seed + ": drawn longitudes");
                // the drawn route is the road route: as long as its distance, less what drawing the
                // two partial edges straight cuts off
                double drawn = 0;
                for (int i = 1; i < geometry[0].length; i++) {
                    drawn += GeoPoint.haversineMetres(
                            geometry[0][i - 1], geometry[1][i - 1], geometry[0][i], geometry[1][i]);
                }
                double partials = Math.max(p.toBaseMetres(), p.toAdjMetres())
                        + Math.max(target.toBaseMetres(), target.toAdjMetres());
                assertTrue(
                        drawn <= search.roadMetres(s) * 1.01 + 1
                                && drawn >= (search.roadMetres(s) - partials) * 0.99 - 1,
                        "seed " + seed + ": drawn " + drawn + " m vs road " + search.roadMetres(s) + " m");
                checked++;
            }
        }
        System.out.printf(
                "many-to-one vs GraphHopper route, %s %s seed %d: %d pairs, max |difference| %d ms%n",
                map, profile, seed, checked, maxDiffMillis);
        assertTrue(checked >= 100, "seed " + seed + ": only " + checked + " pairs checked");
    }

    /** A route's points fetched edge by edge from GraphHopper (the oracle of {@link RoadNetwork#geometry}). */
    static double[][] graphHopperGeometry(RoadNetwork net, RoadPath path) {
        var g = net.graphHopper().getBaseGraph();
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {
            path.from().snapped().latDeg(), path.from().snapped().lonDeg()
        });
        int[] nodes = path.nodes();
        int[] edges = path.edges();
        for (int i = 0; i < edges.length; i++) {
            var pl =
                    g.getEdgeIteratorState(edges[i], nodes[i + 1]).fetchWayGeometry(com.graphhopper.util.FetchMode.ALL);
            for (int j = 0; j < pl.size() - 1; j++) {
                points.add(new double[] {pl.getLat(j), pl.getLon(j)});
            }
        }
        if (nodes.length > 0) {
            int last = nodes[nodes.length - 1];
            points.add(new double[] {
                g.getNodeAccess().getLat(last), g.getNodeAccess().getLon(last)
            });
        }
        points.add(
                new double[] {path.to().snapped().latDeg(), path.to().snapped().lonDeg()});
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    static RoadNetwork network(String map) {
        return switch (map) {
            case "rutland" -> TestMaps.rutland();
            case "monaco" -> TestMaps.monacoNetwork();
            case "leeds" -> TestMaps.network(TestMaps.shared(TestMaps.LEEDS_CITY_CENTRE));
            case "london" -> TestMaps.network(TestMaps.shared(TestMaps.LONDON_ST_GEORGES));
            case "andorra" -> TestMaps.network(TestMaps.shared(TestMaps.ANDORRA));
            case "leeds-its" -> TestMaps.network(TestMaps.shared(TestMaps.LEEDS_ITS));
            default -> throw new IllegalArgumentException(map);
        };
    }

    /** A random point near a random node, placed on the graph (retries points too far from a usable road). */
    static EdgePlacement placeRandom(
            RoadNetwork net, TravelProfile profile, Random rnd, String field, boolean exactlyOnJunction) {
        for (int attempt = 0; ; attempt++) {
            GeoPoint node = net.nodePoint(rnd.nextInt(net.nodeCount()));
            double jitter = exactlyOnJunction ? 0 : 1;
            GeoPoint p = new GeoPoint(
                    node.latDeg() + jitter * (rnd.nextDouble() - 0.5) * 0.002,
                    node.lonDeg() + jitter * (rnd.nextDouble() - 0.5) * 0.003);
            try {
                return net.place(profile, field, p);
            } catch (BluelampException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }
}
