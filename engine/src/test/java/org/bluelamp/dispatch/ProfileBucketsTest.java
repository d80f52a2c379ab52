package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.BucketManyToOneSearch;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.Test;

/**
 * The bucket writer keeps a profile's buckets current off the query path, and a query never sees a
 * change half-applied or older than the query: on Rutland, a fix-writer thread moves every unit
 * of a seeded fleet to a new random position per round (most to another edge) while two query
 * threads hold the buckets again and again. Each time, every unit must be in the store at the
 * position of the last round completed before the query began or a later one, and the buckets
 * must rank every unit with exactly the road time a Dijkstra from the stored placements gives (a
 * half-applied move or removal would leave entries of one place with the placement of another).
 */
class ProfileBucketsTest {
    private static final TravelProfile PROFILE = TravelProfile.CAR_EMERGENCY;
    private static final int UNITS = 40;
    private static final int ROUNDS = 60;

    @Test
    void queriesNeverSeeAHalfAppliedOrOlderFleet() throws Exception {
        long seed = 61;
        Fixture f = Fixture.rutland(seed);
        RoadNetwork net = f.net();
        FleetState fleet = f.fleet();
        ProfileGraphs graphs = f.graphs();
        ProfileBuckets buckets = f.buckets();
        Random rnd = new Random(seed);
        // every unit's position per round, each one that places on the graph; round 0 is recorded
        // before the threads start (the random fleet's own first fixes need not place: a query that
        // ran before the mover's first round would then miss such a unit rightly)
        GeoPoint[][] at = new GeoPoint[UNITS][ROUNDS + 1];
        long t0 = DispatcherBucketsTest.NOW; // after every first fix (up to 20 s old)
        for (int u = 0; u < UNITS; u++) {
            for (int j = 0; j <= ROUNDS; j++) {
                at[u][j] = placeable(net, graphs, rnd);
            }
            fleet.recordFix(
                    u,
                    at[u][0].latDeg(),
                    at[u][0].lonDeg(),
                    t0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        List<GeoPoint> incidents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            incidents.add(placeable(net, graphs, rnd));
        }
        buckets.catchUpChanges = Long.MAX_VALUE; // every query catches up: what is checked here
        AtomicInteger completed = new AtomicInteger(0); // the last round every unit has reached
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger checks = new AtomicInteger();
        Thread mover = new Thread(() -> {
            try {
                long t = t0;
                long deadline = System.nanoTime() + 30_000_000_000L;
                for (int j = 1; j <= ROUNDS && failure.get() == null; j++) {
                    // a round at most every 3 ms, and no faster than the queries check (a loaded
                    // machine must not let the stream end before the queries have seen it move)
                    while (checks.get() < j / 4 && failure.get() == null && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    for (int u = 0; u < UNITS; u++) {
                        fleet.recordFix(
                                u,
                                at[u][j].latDeg(),
                                at[u][j].lonDeg(),
                                ++t,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                FixReason.PERIODIC);
                    }
                    completed.set(j);
                    Thread.sleep(3);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        Runnable query = () -> {
            Checker c = new Checker(buckets, graphs, at);
            Random r = new Random(seed + Thread.currentThread().threadId());
            try {
                while (mover.isAlive() && failure.get() == null) {
                    c.check(completed.get(), incidents.get(r.nextInt(incidents.size())));
                    checks.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        Thread q1 = new Thread(query);
        Thread q2 = new Thread(query);
        mover.start();
        q1.start();
        q2.start();
        mover.join();
        q1.join();
        q2.join();
        if (failure.get() != null) {
            throw new AssertionError("seed " + seed, failure.get());
        }
        assertTrue(checks.get() >= 10, "only " + checks.get() + " checks ran while units moved");
        // after the stream: exactly the last round
        new Checker(buckets, graphs, at).check(ROUNDS, incidents.get(0));
        assertTrue(buckets.passes() >= 2, "passes " + buckets.passes());
        assertTrue(buckets.moves() >= UNITS * 2L, "moves " + buckets.moves());
    }

    @Test
    void aQueryFarBehindRanksByTheDijkstraWhileTheWriterCatchesUp() throws Exception {
        long seed = 62;
        Fixture f = Fixture.rutland(seed);
        RoadNetwork net = f.net();
        FleetState fleet = f.fleet();
        ProfileGraphs graphs = f.graphs();
        ProfileBuckets buckets = f.buckets();
        buckets.applyNow(); // as Dispatcher.prepare at start: the writer does not run yet
        Random rnd = new Random(seed);
        long t = DispatcherBucketsTest.NOW;
        for (int u = 0; u < UNITS; u++) { // 40 changes: more than a query catches up with itself
            GeoPoint p = placeable(net, graphs, rnd);
            fleet.recordFix(u, p.latDeg(), p.lonDeg(), ++t, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        assertTrue(fleet.changeCount() - buckets.appliedChanges() > ProfileBuckets.CATCH_UP_CHANGES);
        assertFalse(buckets.acquireCurrent(), "seed " + seed + ": a query 40 changes behind must not catch up itself");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (buckets.appliedChanges() < fleet.changeCount() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(fleet.changeCount(), buckets.appliedChanges(), "the writer caught up in the background");
        assertTrue(buckets.acquireCurrent(), "up to date again: buckets answer");
        buckets.release();
    }

    /** Rutland, a seeded fleet of {@link #UNITS} units and the profile's buckets over it, the writer not started. */
    private record Fixture(RoadNetwork net, FleetState fleet, ProfileGraphs graphs, ProfileBuckets buckets) {
        static Fixture rutland(long seed) {
            RoadNetwork net = DispatcherBucketsTest.network("rutland");
            FleetState fleet = RandomFleet.create(net, UNITS, seed, DispatcherBucketsTest.NOW, false);
            ProfileGraphs graphs = new ProfileGraphs(net);
            ContractionHierarchy ch = ContractionHierarchy.build(net, graphs.graph(PROFILE));
            ProfileBuckets buckets = new ProfileBuckets(
                    PROFILE, fleet, ch, graphs.placements(PROFILE), EnumSet.allOf(UnitKind.class), -1);
            return new Fixture(net, fleet, graphs, buckets);
        }
    }

    /** One query thread's check of the store it holds. */
    private static final class Checker {
        private final ProfileBuckets buckets;
        private final ProfileGraphs graphs;
        private final GeoPoint[][] at;
        private final BucketManyToOneSearch search;
        private final BucketManyToOneSearch.Answer answer = new BucketManyToOneSearch.Answer();
        private final ManyToOneSearch dijkstra;

        Checker(ProfileBuckets buckets, ProfileGraphs graphs, GeoPoint[][] at) {
            this.buckets = buckets;
            this.graphs = graphs;
            this.at = at;
            this.search = new BucketManyToOneSearch(buckets.store().hierarchy());
            this.dijkstra = new ManyToOneSearch(graphs.graph(PROFILE));
        }

        /** Holds the store and checks it against the round completed before the query began. */
        void check(int completedRound, GeoPoint incident) {
            assertTrue(buckets.acquireCurrent(), "the writer must catch up");
            try {
                SourceBuckets store = buckets.store();
                for (int u = 0; u < UNITS; u++) {
                    assertTrue(store.contains(u), "unit " + u + " missing (round " + completedRound + ")");
                    GeoPoint stored = store.placement(u).requested();
                    int round = -1;
                    for (int j = 0; j < at[u].length; j++) {
                        if (at[u][j].equals(stored)) {
                            round = j;
                        }
                    }
                    assertTrue(
                            round >= completedRound,
                            "unit " + u + " at round " + round + " after round " + completedRound + " completed");
                }
                EdgePlacement target = graphs.placeIncident(PROFILE, incident);
                search.query(store, target, UNITS, null, answer);
                dijkstra.start(target);
                Map<Integer, Integer> unitOfSource = new HashMap<>();
                for (int u = 0; u < UNITS; u++) {
                    unitOfSource.put(dijkstra.addSource(store.placement(u), 0), u);
                }
                dijkstra.run((s, total) -> false, Integer.MAX_VALUE);
                Map<Integer, Integer> expected = new HashMap<>();
                for (int i = 0; i < dijkstra.confirmedCount(); i++) {
                    int s = dijkstra.confirmedSource(i);
                    expected.put(unitOfSource.get(s), dijkstra.roadMillis(s));
                }
                Map<Integer, Integer> got = new HashMap<>();
                for (int i = 0; i < answer.count(); i++) {
                    got.put(answer.source(i), answer.roadMillis(i));
                }
                assertEquals(expected, got, "bucket times against the Dijkstra from the stored placements");
            } finally {
                buckets.release();
            }
        }
    }

    private static GeoPoint placeable(RoadNetwork net, ProfileGraphs graphs, Random rnd) {
        while (true) {
            GeoPoint p = RandomFleet.nearRandomNode(net, rnd);
            try {
                graphs.placeIncident(PROFILE, p);
                return p;
            } catch (BluelampException e) {
                // beyond the snap limit of every car road: draw again
            }
        }
    }
}
