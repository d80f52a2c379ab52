package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * The graph's node order ({@link RoadNetworkOptions#sortGraph}): sorted along a Hilbert curve at
 * import by default (GraphHopper 11's default, so every existing cache keeps its folder), and an
 * unsorted import of Rutland numbers its nodes otherwise, is less local, and gives GraphHopper's
 * own answers on that graph and the sorted graph's travel times and snaps.
 */
class RoadNetworkSortOrderTest {

    @Test
    void sortingIsOnByDefaultAndPartOfTheCacheKey() {
        Path root = Path.of("x");
        RoadNetworkOptions defaults = RoadNetworkOptions.defaults(root);
        assertTrue(defaults.sortGraph());
        assertTrue(new RoadNetworkOptions(root, 500, EnumSet.of(TravelProfile.CAR)).sortGraph());
        RoadNetworkOptions unsorted = defaults.withSortGraph(false);
        assertFalse(unsorted.sortGraph());
        assertFalse(unsorted.withMaxSnapDistanceMetres(100).sortGraph(), "a copy keeps the order");
        assertNotEquals(
                RoadNetwork.profilesFingerprint(defaults),
                RoadNetwork.profilesFingerprint(unsorted),
                "a sorted and an unsorted import never share a cache folder");
        // The benchmarks' car caches were imported sorted (GraphHopper's default) under this key
        // before the option existed: the default must keep it, or every cache re-imports. (It
        // changes, rightly, with GraphHopper's version, the encoded values or a custom model.)
        RoadNetworkOptions cars =
                new RoadNetworkOptions(root, 500, EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY));
        assertEquals("2dd2dda55e03", RoadNetwork.profilesFingerprint(cars).substring(0, 12));
    }

    @Test
    void anUnsortedRutlandAgreesWithGraphHopperOnItAndWithTheSortedGraph() {
        RoadNetwork sorted = TestMaps.rutland();
        RoadNetworkOptions options = new RoadNetworkOptions(
                TestMaps.cacheRoot(),
                RoadNetworkOptions.DEFAULT_MAX_SNAP_DISTANCE_METRES,
                EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY),
                false);
        try (RoadNetwork unsorted = RoadNetwork.open(sorted.loadReport().extract(), options)) {
            assertNotEquals(
                    sorted.loadReport().cacheDir(), unsorted.loadReport().cacheDir());
            assertEquals(sorted.nodeCount(), unsorted.nodeCount());
            assertEquals(sorted.loadReport().edges(), unsorted.loadReport().edges());
            int moved = 0;
            for (int n = 0; n < sorted.nodeCount(); n++) {
                if (!sorted.nodePoint(n).equals(unsorted.nodePoint(n))) {
                    moved++;
                }
            }
            assertTrue(moved > sorted.nodeCount() / 2, "the import order numbers nodes otherwise: " + moved + " moved");
            // measured: 92.6% of Rutland's car edges join nodes within 64 ids sorted, 33.2% unsorted
            double sortedShare = shareWithin64Ids(sorted.travelTimeGraph(TravelProfile.CAR));
            double unsortedShare = shareWithin64Ids(unsorted.travelTimeGraph(TravelProfile.CAR));
            assertTrue(
                    sortedShare > 0.8 && unsortedShare < 0.6, "sorted " + sortedShare + " unsorted " + unsortedShare);

            for (TravelProfile profile : List.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY)) {
                travelTimesAgree(sorted, unsorted, profile, profile == TravelProfile.CAR ? 21 : 22);
                snapsAgree(sorted, unsorted, profile, profile == TravelProfile.CAR ? 23 : 24);
            }
        }
    }

    /**
     * Seeded incidents and units (points near junctions of the sorted graph): the many-to-one
     * search on the unsorted graph gives GraphHopper's route time on that graph, and the very
     * times of the same search and route on the sorted graph.
     */
    private static void travelTimesAgree(RoadNetwork sorted, RoadNetwork unsorted, TravelProfile profile, long seed) {
        ManyToOneSearch[] search = {
            new ManyToOneSearch(sorted.travelTimeGraph(profile)), new ManyToOneSearch(unsorted.travelTimeGraph(profile))
        };
        RoadNetwork[] net = {sorted, unsorted};
        Random rnd = new Random(seed);
        int checked = 0;
        for (int incident = 0; incident < 5; incident++) {
            GeoPoint target = nearJunction(sorted, profile, rnd);
            List<GeoPoint> units = new ArrayList<>();
            for (int u = 0; u < 25; u++) {
                units.add(nearJunction(sorted, profile, rnd));
            }
            for (int b = 0; b < 2; b++) {
                search[b].start(net[b].place(profile, "incident", target));
                for (GeoPoint u : units) {
                    search[b].addSource(net[b].place(profile, "unit", u), 0);
                }
                search[b].run((s, total) -> false, Integer.MAX_VALUE);
            }
            for (int s = 0; s < units.size(); s++) {
                String what = "seed " + seed + " " + profile + " " + units.get(s) + " -> " + target;
                assertEquals(search[0].isConfirmed(s), search[1].isConfirmed(s), what);
                if (!search[1].isConfirmed(s)) {
                    continue;
                }
                Route onUnsorted = unsorted.route(profile, units.get(s), target);
                Route onSorted = sorted.route(profile, units.get(s), target);
                assertEquals(onUnsorted.timeMillis(), search[1].roadMillis(s), 1000, what + ": GraphHopper on it");
                assertEquals(onSorted.timeMillis(), onUnsorted.timeMillis(), what + ": GraphHopper's routes");
                assertEquals(search[0].roadMillis(s), search[1].roadMillis(s), what + ": the searches");
                checked++;
            }
        }
        assertTrue(checked >= 100, "only " + checked + " pairs checked");
    }

    /**
     * Seeded points: on the unsorted graph the engine's snap index is GraphHopper's location index
     * to the last bit, and it snaps every point where the sorted graph does (same point, same
     * distance; an equidistant other edge would be a tie, and none occurs for these seeds).
     */
    private static void snapsAgree(RoadNetwork sorted, RoadNetwork unsorted, TravelProfile profile, long seed) {
        SnapOracle oracle = new SnapOracle(unsorted, unsorted.snapIndex());
        Random rnd = new Random(seed);
        for (int i = 0; i < 300; i++) {
            GeoPoint p = nearJunction(sorted, profile, rnd);
            assertNull(oracle.difference(profile, p), "seed " + seed + " " + p);
            EdgePlacement a = sorted.place(profile, "point", p);
            EdgePlacement b = unsorted.place(profile, "point", p);
            assertEquals(a.snapped(), b.snapped(), "seed " + seed + " " + p);
            assertEquals(a.snapDistanceMetres(), b.snapDistanceMetres(), "seed " + seed + " " + p);
        }
    }

    private static GeoPoint nearJunction(RoadNetwork net, TravelProfile profile, Random rnd) {
        for (int attempt = 0; ; attempt++) {
            GeoPoint node = net.nodePoint(rnd.nextInt(net.nodeCount()));
            GeoPoint p = new GeoPoint(
                    node.latDeg() + (rnd.nextDouble() - 0.5) * 0.002, node.lonDeg() + (rnd.nextDouble() - 0.5) * 0.003);
            try {
                net.place(profile, "point", p);
                return p;
            } catch (BluelampException e) {
                if (attempt > 1000) {
                    throw e;
                }
            }
        }
    }

    private static double shareWithin64Ids(TravelTimeGraph g) {
        long within = 0;
        long open = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.edgeFwdMillis(e) != TravelTimeGraph.CLOSED || g.edgeBwdMillis(e) != TravelTimeGraph.CLOSED) {
                open++;
                if (Math.abs(g.edgeBase(e) - g.edgeAdj(e)) <= 64) {
                    within++;
                }
            }
        }
        return within / (double) open;
    }
}
