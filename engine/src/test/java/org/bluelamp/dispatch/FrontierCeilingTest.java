package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frontier ceiling ({@link ReachBound#ceilingMillis(double, double, int, double)} over
 * {@link ManyToOneSearch#frontierMillis} and {@link ManyToOneSearch#coverMetres}): a proven lower
 * bound on the road time of every unit placed outside a partly run search's cover, checked against
 * the full search's times on Rutland; and the dispatcher's answers the same with it and without it,
 * with fewer units examined.
 */
class FrontierCeilingTest {
    @Test
    void everyPlacementOutsideTheCoverTakesAtLeastTheFrontierCeiling() {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        ProfileGraphs graphs = new ProfileGraphs(net);
        Random rnd = new Random(61);
        List<GeoPoint> points = RandomFleet.incidents(net, 700, 62);
        int checked = 0;
        int aboveStraightLine = 0;
        for (TravelProfile profile : new TravelProfile[] {TravelProfile.CAR_EMERGENCY, TravelProfile.FOOT}) {
            TravelTimeGraph graph = graphs.graph(profile);
            ReachBound bound = graphs.reachBound(profile);
            List<EdgePlacement> placed = new ArrayList<>();
            for (GeoPoint p : points) {
                try {
                    placed.add(net.place(profile, "unit", p));
                } catch (BluelampException e) {
                    // off this profile's roads
                }
            }
            ManyToOneSearch partial = new ManyToOneSearch(graph);
            ManyToOneSearch full = new ManyToOneSearch(graph);
            for (int t = 0; t < 12; t++) {
                EdgePlacement target = placed.get(rnd.nextInt(placed.size()));
                int limit = rnd.nextInt(profile == TravelProfile.FOOT ? 3_600_000 : 600_000);
                partial.start(target);
                partial.run((s, total) -> false, limit);
                int frontier = partial.frontierMillis();
                double cover = partial.coverMetres();
                assertTrue(frontier > limit || frontier == Integer.MAX_VALUE, "the search stopped at its limit");
                full.start(target);
                for (EdgePlacement u : placed) {
                    full.addSource(u, 0);
                }
                full.run((s, total) -> false, Integer.MAX_VALUE);
                for (int s = 0; s < placed.size(); s++) {
                    if (!full.isConfirmed(s)) {
                        continue; // no route
                    }
                    EdgePlacement u = placed.get(s);
                    double straight = GeoDistance.equirectangularMetres(
                            target.requested().latDeg(),
                            target.requested().lonDeg(),
                            u.requested().latDeg(),
                            u.requested().lonDeg());
                    int ceiling = bound.ceilingMillis(straight, target.snapDistanceMetres(), frontier, cover);
                    String ctx = profile + " target " + target.snapped() + " limit " + limit + " unit " + u.snapped()
                            + " cover " + cover + " frontier " + frontier;
                    assertTrue(full.roadMillis(s) >= ceiling, ctx + ": " + full.roadMillis(s) + " < " + ceiling);
                    assertTrue(ceiling >= bound.ceilingMillis(straight, target.snapDistanceMetres()), ctx);
                    checked++;
                    if (ceiling > bound.ceilingMillis(straight, target.snapDistanceMetres())) {
                        aboveStraightLine++;
                    }
                }
            }
        }
        assertTrue(checked > 5_000, "checked " + checked);
        assertTrue(aboveStraightLine > checked / 10, "the frontier raised " + aboveStraightLine + " of " + checked);
    }

    @Test
    void theCoverHoldsEveryEdgeAtASettledNode() {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        TravelTimeGraph graph = new ProfileGraphs(net).graph(TravelProfile.CAR);
        Random rnd = new Random(63);
        ManyToOneSearch search = new ManyToOneSearch(graph);
        ManyToOneSearch probe = new ManyToOneSearch(graph);
        int edgesChecked = 0;
        for (GeoPoint p : RandomFleet.incidents(net, 12, 64)) {
            EdgePlacement target = net.place(TravelProfile.CAR, "incident", p);
            int limit = rnd.nextInt(300_000);
            search.start(target);
            search.run((s, total) -> false, limit);
            double cover = search.coverMetres();
            // the nodes settled: at most the limit from the target (a source at each end of each edge)
            probe.start(target);
            for (int e = 0; e < graph.edgeCount(); e++) {
                double length = graph.edgeDistanceMetres(e);
                GeoPoint a = new GeoPoint(graph.nodeLatDeg(graph.edgeBase(e)), graph.nodeLonDeg(graph.edgeBase(e)));
                GeoPoint b = new GeoPoint(graph.nodeLatDeg(graph.edgeAdj(e)), graph.nodeLonDeg(graph.edgeAdj(e)));
                probe.addSource(new EdgePlacement(a, a, 0, e, 0, length), 0);
                probe.addSource(new EdgePlacement(b, b, 0, e, length, 0), 0);
            }
            probe.run((s, total) -> false, limit);
            boolean[] settled = new boolean[graph.nodeCount()];
            for (int i = 0; i < probe.confirmedCount(); i++) {
                int source = probe.confirmedSource(i);
                int e = source / 2;
                settled[source % 2 == 0 ? graph.edgeBase(e) : graph.edgeAdj(e)] = true;
            }
            settled[graph.edgeBase(target.edgeId())] = true;
            settled[graph.edgeAdj(target.edgeId())] = true;
            for (int e = 0; e < graph.edgeCount(); e++) {
                int a = graph.edgeBase(e);
                int b = graph.edgeAdj(e);
                if (!settled[a] && !settled[b]) {
                    continue;
                }
                edgesChecked++;
                for (int n : new int[] {a, b}) {
                    double d = GeoPoint.haversineMetres(
                            target.snapped().latDeg(),
                            target.snapped().lonDeg(),
                            graph.nodeLatDeg(n),
                            graph.nodeLonDeg(n));
                    assertTrue(d <= cover, "node " + n + " of edge " + e + " at " + d + " m, cover " + cover);
                }
            }
        }
        assertTrue(edgesChecked > 1_000, "checked " + edgesChecked + " edges");
    }

    @ParameterizedTest(name = "{0} units, seed {1}, mixed {2}")
    @CsvSource({"40, 71, true", "400, 72, true", "1500, 73, false"})
    void theAnswersAreTheSameWithFewerUnitsExamined(int units, long seed, boolean mixed) {
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        FleetState fleet = RandomFleet.create(net, units, seed, DispatcherBucketsTest.NOW, mixed);
        Dispatcher d = DispatcherBucketsTest.dispatcher(net, fleet);
        d.setBucketUse(Dispatcher.BucketUse.NEVER);
        Random rnd = new Random(seed);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 40, seed * 31);
        long examinedWith = 0;
        long examinedWithout = 0;
        for (int i = 0; i < incidents.size(); i++) {
            IncidentRequest req = DispatcherBucketsTest.request(i, incidents.get(i), rnd);
            String ctx = "seed " + seed + ", incident " + i + " " + req;
            d.setFrontierCeilings(false);
            Recommendation without;
            try {
                without = d.recommend(req);
            } catch (BluelampException e) {
                d.setFrontierCeilings(true);
                assertThrows(BluelampException.class, () -> d.recommend(req), ctx);
                continue;
            }
            d.setFrontierCeilings(true);
            Recommendation with = d.recommend(req);
            assertEquals(DispatcherBucketsTest.strip(without), DispatcherBucketsTest.strip(with), ctx);
            int notWith = with.excluded().getOrDefault(ExclusionReason.NOT_EXAMINED, 0);
            int notWithout = without.excluded().getOrDefault(ExclusionReason.NOT_EXAMINED, 0);
            assertTrue(notWith >= notWithout, ctx + ": more units examined with the frontier");
            examinedWith += units - notWith;
            examinedWithout += units - notWithout;
        }
        if (units >= 1000) {
            assertTrue(
                    examinedWith < examinedWithout,
                    "examined " + examinedWith + " with the frontier, " + examinedWithout + " without");
        }
    }
}
