package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bucket many-to-one search over GraphHopper's contraction hierarchies against its oracles:
 * for seeded fleets and incidents on real extracts, every source's road time equals
 * {@link ManyToOneSearch}'s (the engine's exact Dijkstra over the same milliseconds) and agrees
 * with GraphHopper's own route within a second (in practice milliseconds), also after sources
 * move along their edge, move to other edges and leave; the k best by road plus extra time are
 * the Dijkstra's k best; the filter leaves sources out. Prints the seed on failure.
 */
class BucketManyToOneSearchTest {

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "rutland, car_emergency, 1, near",
        "rutland, car, 2, near",
        "rutland, foot, 3, near",
        "rutland, bike, 4, near",
        "monaco, car, 5, near",
        "andorra, car, 6, near",
        "leeds, foot, 7, near",
        "london, bike, 8, near",
        "rutland, car_emergency, 9, exact",
        "monaco, foot, 10, exact",
    })
    void everyTimeEqualsTheDijkstrasAndGraphHoppersRoute(String map, String profileName, long seed, String where) {
        boolean exact = "exact".equals(where);
        RoadNetwork net = ManyToOneSearchTest.network(map);
        TravelProfile profile = TravelProfile.find(profileName).orElseThrow();
        TravelTimeGraph graph = TravelTimeGraph.build(net, profile);
        ContractionHierarchy ch = ContractionHierarchy.build(net, graph);
        SourceBuckets store = new SourceBuckets(ch);
        BucketManyToOneSearch buckets = new BucketManyToOneSearch(ch);
        ManyToOneSearch dijkstra = new ManyToOneSearch(graph);
        BucketManyToOneSearch.Answer answer = new BucketManyToOneSearch.Answer();
        Random rnd = new Random(seed);
        int sources = 60;
        EdgePlacement[] at = new EdgePlacement[sources];
        int[] extra = new int[sources];
        boolean[] movedAlong = new boolean[sources]; // placed by moving along its edge: no GraphHopper route from it
        for (int s = 0; s < sources; s++) {
            at[s] = ManyToOneSearchTest.placeRandom(net, profile, rnd, "unit", exact);
            extra[s] = rnd.nextInt(4) == 0 ? rnd.nextInt(120_000) : 0;
            store.put(s, at[s], extra[s]);
        }
        int compared = 0;
        int routeChecked = 0;
        long maxRouteDiff = 0;
        for (int round = 0; round < 8; round++) {
            EdgePlacement target = ManyToOneSearchTest.placeRandom(net, profile, rnd, "incident", exact);
            if (round == 1) {
                // a source on the incident's own edge
                at[0] = target;
                movedAlong[0] = false;
                store.put(0, target, extra[0]);
            }
            // the oracle: the Dijkstra over every present source, run to exhaustion
            dijkstra.start(target);
            List<Integer> ids = new ArrayList<>();
            for (int s = 0; s < sources; s++) {
                if (at[s] != null) {
                    dijkstra.addSource(at[s], extra[s]);
                    ids.add(s);
                }
            }
            dijkstra.run((src, total) -> false, Integer.MAX_VALUE);
            int[] expectedRoad = new int[sources];
            Arrays.fill(expectedRoad, -1);
            for (int i = 0; i < ids.size(); i++) {
                if (dijkstra.isConfirmed(i)) {
                    expectedRoad[ids.get(i)] = dijkstra.roadMillis(i);
                }
            }
            buckets.query(store, target, Integer.MAX_VALUE, null, answer);
            int[] actualRoad = new int[sources];
            Arrays.fill(actualRoad, -1);
            for (int r = 0; r < answer.count(); r++) {
                actualRoad[answer.source(r)] = answer.roadMillis(r);
                assertEquals(answer.roadMillis(r) + extra[answer.source(r)], answer.totalMillis(r));
                if (r > 0) {
                    assertTrue(answer.totalMillis(r) >= answer.totalMillis(r - 1), "seed " + seed + ": out of order");
                }
            }
            for (int s = 0; s < sources; s++) {
                if (at[s] == null) {
                    assertEquals(-1, actualRoad[s], "seed " + seed + ": removed source " + s + " answered");
                    continue;
                }
                final int src = s;
                final int rnd2 = round;
                assertEquals(
                        expectedRoad[s],
                        actualRoad[s],
                        () -> "seed " + seed + " round " + rnd2 + ": " + profile + " source " + src + " at " + at[src]
                                + " to " + target + " (Dijkstra, buckets; -1: no route)");
                compared++;
                if (actualRoad[s] >= 0 && s % 3 == 0 && !movedAlong[s]) {
                    try {
                        Route oracle = net.route(profile, at[s].requested(), target.requested());
                        long diff = Math.abs(oracle.timeMillis() - actualRoad[s]);
                        maxRouteDiff = Math.max(maxRouteDiff, diff);
                        assertTrue(
                                diff <= 1000,
                                "seed " + seed + ": GraphHopper route " + oracle.timeMillis() + " ms vs "
                                        + actualRoad[s] + " ms from " + at[s] + " to " + target);
                        routeChecked++;
                    } catch (BluelampException e) {
                        fail("seed " + seed + ": buckets found a route GraphHopper did not: " + e);
                    }
                }
            }
            // the k best with a filter equal the oracle's k best among the accepted
            int k = 5;
            buckets.query(store, target, k, s -> s % 2 == 0, answer);
            long[] expected = new long[sources];
            int m = 0;
            for (int s = 0; s < sources; s += 2) {
                if (at[s] != null && expectedRoad[s] >= 0) {
                    expected[m++] = ((long) (expectedRoad[s] + extra[s]) << 32) | s;
                }
            }
            Arrays.sort(expected, 0, m);
            assertEquals(Math.min(k, m), answer.count(), "seed " + seed);
            for (int r = 0; r < answer.count(); r++) {
                assertEquals((int) expected[r], answer.source(r), "seed " + seed + ": rank " + r);
                assertEquals((int) (expected[r] >>> 32), answer.totalMillis(r), "seed " + seed + ": rank " + r);
            }
            // with a per-query cost instead of the store's extra times: the same k best, and each
            // ranked source's route (the CH path unpacked) takes exactly its road time
            buckets.queryWithCost(store, target, k, s -> s % 2 == 0 ? extra[s] : -1, answer);
            assertEquals(Math.min(k, m), answer.count(), "seed " + seed);
            EdgeConditions open = EdgeConditions.none(graph);
            for (int r = 0; r < answer.count(); r++) {
                assertEquals((int) expected[r], answer.source(r), "seed " + seed + ": cost rank " + r);
                assertEquals((int) (expected[r] >>> 32), answer.totalMillis(r), "seed " + seed + ": cost rank " + r);
                RoadPath path = buckets.path(store, answer.source(r));
                assertEquals(at[answer.source(r)], path.from());
                assertEquals(target, path.to());
                assertEquals(
                        answer.roadMillis(r),
                        open.routeMillis(path),
                        "seed " + seed + ": route of rank " + r + " " + path);
                int[] pn = path.nodes();
                int[] pe = path.edges();
                for (int i = 0; i < pe.length; i++) {
                    assertTrue(
                            graph.edgeBase(pe[i]) == pn[i] && graph.edgeAdj(pe[i]) == pn[i + 1]
                                    || graph.edgeAdj(pe[i]) == pn[i] && graph.edgeBase(pe[i]) == pn[i + 1],
                            "seed " + seed + ": route edges do not join");
                }
                double metres = graph.roadMetres(path);
                assertTrue(metres >= 0 && Double.isFinite(metres), "seed " + seed + ": route metres " + metres);
            }
            // and without a filter, for several k (the bounded search stops early; ties go to the lower id)
            long[] all = new long[sources];
            int n = 0;
            for (int s = 0; s < sources; s++) {
                if (at[s] != null && expectedRoad[s] >= 0) {
                    all[n++] = ((long) (expectedRoad[s] + extra[s]) << 32) | s;
                }
            }
            Arrays.sort(all, 0, n);
            for (int kk : new int[] {1, 3, 12, 64, 65}) {
                buckets.query(store, target, kk, null, answer);
                assertEquals(Math.min(kk, n), answer.count(), "seed " + seed + " k " + kk);
                for (int r = 0; r < answer.count(); r++) {
                    assertEquals((int) all[r], answer.source(r), "seed " + seed + " k " + kk + ": rank " + r);
                    assertEquals((int) (all[r] >>> 32), answer.totalMillis(r), "seed " + seed + " k " + kk);
                }
            }
            // then the fleet moves: along the same edge, to other edges, away and back
            for (int s = 0; s < sources; s++) {
                int what = rnd.nextInt(6);
                if (what == 0 && at[s] != null) {
                    EdgePlacement p = at[s];
                    double full = p.toBaseMetres() + p.toAdjMetres();
                    double toBase = rnd.nextDouble() * full;
                    at[s] = new EdgePlacement(
                            p.requested(), p.snapped(), p.snapDistanceMetres(), p.edgeId(), toBase, full - toBase);
                    movedAlong[s] = true;
                    store.put(s, at[s], extra[s]);
                } else if (what == 1) {
                    at[s] = ManyToOneSearchTest.placeRandom(net, profile, rnd, "unit", exact);
                    movedAlong[s] = false;
                    store.put(s, at[s], extra[s]);
                } else if (what == 2 && s > 0) {
                    at[s] = null;
                    store.remove(s);
                } else if (what == 3 && at[s] != null) {
                    extra[s] = rnd.nextInt(60_000);
                    store.setExtraMillis(s, extra[s]);
                }
            }
        }
        System.out.printf(
                "buckets vs Dijkstra, %s %s seed %d: %d source times identical; %d checked against GraphHopper's"
                        + " route, max |difference| %d ms; %d entries for %d sources,"
                        + " last query %d settled, %d scanned%n",
                map,
                profile,
                seed,
                compared,
                routeChecked,
                maxRouteDiff,
                store.entryCount(),
                store.sourceCount(),
                buckets.settledNodes(),
                buckets.scannedEntries());
        assertTrue(compared >= 300 && routeChecked >= 40, "seed " + seed + ": too few comparisons");
    }

    @Test
    void badCallsAreRefusedAndClosuresAreDetected() {
        RoadNetwork net = TestMaps.monacoNetwork();
        TravelTimeGraph graph = TravelTimeGraph.build(net, TravelProfile.CAR);
        ContractionHierarchy ch = ContractionHierarchy.build(net, graph);
        SourceBuckets store = new SourceBuckets(ch);
        EdgePlacement p = net.place(TravelProfile.CAR, "unit", new GeoPoint(43.7384, 7.4246));
        assertThrows(IllegalArgumentException.class, () -> store.put(-1, p, 0));
        assertThrows(IllegalArgumentException.class, () -> store.put(0, p, -5));
        assertThrows(IllegalArgumentException.class, () -> store.setExtraMillis(3, 0));
        store.put(3, p, 0);
        assertTrue(store.contains(3));
        assertEquals(1, store.sourceCount());
        assertTrue(store.entryCount(3) > 0);
        store.remove(3);
        store.remove(3);
        assertEquals(0, store.sourceCount());
        assertEquals(0, store.entryCount());
        var search = new BucketManyToOneSearch(ch);
        assertThrows(
                IllegalArgumentException.class,
                () -> search.query(store, p, 0, null, new BucketManyToOneSearch.Answer()));
        assertTrue(BucketManyToOneSearch.appliesTo((long[]) null));
        assertTrue(BucketManyToOneSearch.appliesTo(new long[4]));
        long[] closed = new long[(graph.edgeCount() + 63) / 64];
        closed[p.edgeId() >>> 6] |= 1L << p.edgeId();
        assertFalse(BucketManyToOneSearch.appliesTo(closed));
        // road conditions: never the bucket path when anything is closed or slowed
        assertTrue(BucketManyToOneSearch.appliesTo((EdgeConditions) null));
        assertTrue(BucketManyToOneSearch.appliesTo(EdgeConditions.none(graph)));
        assertFalse(BucketManyToOneSearch.appliesTo(EdgeConditions.of(graph, closed.clone(), null, null)));
        double[] slowed = new double[graph.edgeCount()];
        java.util.Arrays.fill(slowed, 1);
        slowed[p.edgeId()] = 1.25;
        assertFalse(BucketManyToOneSearch.appliesTo(EdgeConditions.of(graph, null, slowed, null)));
        var other = new SourceBuckets(ContractionHierarchy.build(net, graph));
        assertThrows(
                IllegalArgumentException.class,
                () -> search.query(other, p, 1, null, new BucketManyToOneSearch.Answer()));
    }
}
