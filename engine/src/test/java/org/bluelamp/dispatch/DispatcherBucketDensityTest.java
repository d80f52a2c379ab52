package org.bluelamp.dispatch;

import static org.bluelamp.dispatch.DispatcherBucketsTest.NOW;
import static org.bluelamp.dispatch.DispatcherBucketsTest.dispatcher;
import static org.bluelamp.dispatch.DispatcherBucketsTest.network;
import static org.bluelamp.dispatch.DispatcherBucketsTest.strip;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.Test;

/**
 * The automatic choice between buckets and the Dijkstra by the fleet's density
 * ({@link Dispatcher#AUTO_NODES_PER_UNIT}): buckets for a fleet twice as sparse as the threshold,
 * the Dijkstra at 40 road nodes per unit (the national day's 50,000 units) and at 26 (the stress
 * run), with their buckets dropped should they have been built; and the buckets of a fleet that
 * grew dense are dropped, and built again should it turn sparse.
 */
class DispatcherBucketDensityTest {

    @Test
    void autoRanksASparseFleetByBucketsAndTheNationalDayAndStressDensitiesByTheDijkstra() {
        RoadNetwork net = network("rutland");
        int nodes = carNodes(dispatcher(net, RandomFleet.create(net, 0, 11, NOW, false)));
        int sparsePerUnit = 2 * Dispatcher.AUTO_NODES_PER_UNIT;
        assertTrue(
                Dispatcher.AUTO_NODES_PER_UNIT / Dispatcher.FREE_DENSITY_MARGIN >= 40,
                "40 nodes per unit (the national day) is dense with the margin: its buckets are dropped too");
        Dispatcher sparse = dispatcher(net, RandomFleet.create(net, nodes / sparsePerUnit, 12, NOW, false));
        assertFalse(sparse.prepare().isEmpty(), sparsePerUnit + " nodes per unit: prepare builds the buckets");
        int byBuckets = 0;
        for (GeoPoint p : RandomFleet.incidents(net, 8, 13)) {
            sparse.recommend(new IncidentRequest("A", p, "1", "", Set.of(), 5));
            byBuckets += sparse.lastAnsweredByBuckets() ? 1 : 0;
        }
        assertTrue(byBuckets > 0, sparsePerUnit + " nodes per unit: AUTO ranked none by buckets");
        for (int perUnit : new int[] {40, 26}) {
            Dispatcher dense = dispatcher(net, RandomFleet.create(net, nodes / perUnit, 14, NOW, false));
            assertEquals(List.of(), dense.prepare(), perUnit + " nodes per unit: no buckets built");
            for (GeoPoint p : RandomFleet.incidents(net, 4, 15)) {
                dense.recommend(new IncidentRequest("D", p, "1", "", Set.of(), 5));
                assertFalse(dense.lastAnsweredByBuckets(), perUnit + " nodes per unit: ranked by the Dijkstra");
            }
            dense.awaitBucketBuilds();
            assertEquals(0, dense.bucketMemoryBytes(), perUnit + " nodes per unit: none built by a query");
        }
    }

    @Test
    void theBucketsOfAFleetThatGrewDenseAreDroppedAndBuiltAgainWhenItThinsOut() throws Exception {
        RoadNetwork net = network("rutland");
        int nodes = carNodes(dispatcher(net, RandomFleet.create(net, 0, 21, NOW, false)));
        FleetState fleet = RandomFleet.create(net, nodes / (2 * Dispatcher.AUTO_NODES_PER_UNIT), 22, NOW, false);
        Dispatcher d = dispatcher(net, fleet);
        d.setBucketUpkeep(Dispatcher.BucketUpkeep.BY_QUERY); // no writer thread holding them after
        assertFalse(d.prepare().isEmpty());
        List<GeoPoint> incidents = RandomFleet.incidents(net, 6, 23);
        IncidentRequest req = new IncidentRequest("G", incidents.get(0), "1", "", Set.of(), 5);
        d.recommend(req);
        assertTrue(d.lastAnsweredByBuckets());
        WeakReference<ProfileBuckets> car = new WeakReference<>(d.builtBuckets(TravelProfile.CAR_EMERGENCY));
        assertNotNull(car.get());
        // the stores are what a query thread's state refers to
        List<WeakReference<SourceBuckets>> stores = new ArrayList<>();
        for (TravelProfile p : d.bucketsReady()) {
            stores.add(new WeakReference<>(d.builtBuckets(p).store()));
        }

        // dense, but not by the margin: kept (no building and dropping in turn near the threshold)
        int nearThreshold = nodes / Dispatcher.AUTO_NODES_PER_UNIT + 1;
        grow(fleet, net, nearThreshold - fleet.unitCount(), 24);
        d.recommend(req);
        assertFalse(d.lastAnsweredByBuckets(), "dense: the Dijkstra");
        assertFalse(d.bucketsReady().isEmpty(), "just past the threshold: kept");

        // dense by the margin: dropped, and the answers stay the Dijkstra's
        int denseByMargin = Dispatcher.FREE_DENSITY_MARGIN * nodes / Dispatcher.AUTO_NODES_PER_UNIT + 1;
        grow(fleet, net, denseByMargin - fleet.unitCount(), 25);
        for (GeoPoint p : incidents) {
            IncidentRequest r = new IncidentRequest("H", p, "1", "", Set.of(), 5);
            Recommendation auto = d.recommend(r);
            assertFalse(d.lastAnsweredByBuckets());
            d.setBucketUse(Dispatcher.BucketUse.NEVER);
            assertEquals(strip(d.recommend(r)), strip(auto));
            d.setBucketUse(Dispatcher.BucketUse.AUTO);
        }
        assertEquals(List.of(), d.bucketsReady(), "the dense fleet's buckets were dropped");
        assertEquals(0, d.bucketMemoryBytes());
        for (int i = 0; i < 50 && (car.get() != null || stores.stream().anyMatch(w -> w.get() != null)); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(car.get(), "nothing keeps the dropped buckets");
        for (WeakReference<SourceBuckets> w : stores) {
            assertNull(w.get(), "nothing (such as a query thread's state) keeps a dropped store");
        }

        // sparse again (a threshold below the fleet's nodes per unit): built again off the query path
        d.setBucketUpkeep(Dispatcher.BucketUpkeep.WRITER);
        d.setAutoNodesPerUnit(Math.max(1, nodes / (4 * fleet.unitCount())));
        d.recommend(req);
        d.awaitBucketBuilds();
        assertTrue(
                d.bucketsReady().contains(TravelProfile.CAR_EMERGENCY),
                d.bucketsReady().toString());
        Recommendation again = d.recommend(req);
        assertTrue(d.lastAnsweredByBuckets(), "sparse again: by buckets");
        d.setBucketUse(Dispatcher.BucketUse.NEVER);
        assertEquals(strip(d.recommend(req)), strip(again));
    }

    /** Adds available cars at random road points, each with a fresh fix. */
    private static void grow(FleetState fleet, RoadNetwork net, int units, long seed) {
        List<GeoPoint> at = RandomFleet.incidents(net, Math.max(1, units), seed);
        for (int i = 0; i < units; i++) {
            String id = "G" + seed + "-" + i;
            fleet.register(
                    new UnitSpec(id, id, UnitKind.CAR, Set.of(), 2, "station"),
                    StatusChange.of(UnitStatus.AVAILABLE, NOW - 600_000));
            GeoPoint p = at.get(i);
            fleet.recordFix(
                    fleet.indexOf(id),
                    p.latDeg(),
                    p.lonDeg(),
                    NOW - 5_000,
                    10,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
    }

    private static int carNodes(Dispatcher d) {
        int nodes = 0;
        for (GradePolicy g : d.policies().grades()) {
            nodes = Math.max(nodes, d.graph(g.carProfile()).nodeCount());
        }
        return nodes;
    }
}
