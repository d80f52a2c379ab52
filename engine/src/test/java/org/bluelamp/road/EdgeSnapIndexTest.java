package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import com.graphhopper.storage.index.LocationIndexTree;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.DistancePlaneProjection;
import com.graphhopper.util.FetchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link EdgeSnapIndex} against its oracle, GraphHopper's location index with the profile's snap
 * filter and {@link TravelTimeGraph#place}: for seeded points of every kind (near roads, exactly on
 * junctions, exactly on shape points and segment midpoints, far from roads, about the maximum
 * snap distance, outside the map) on every real map and every profile, the same edge, closest
 * node, way index, position, snapped point, query distance, position along the edge and refusal,
 * to the last bit. Ties (points exactly on a junction, where every edge meeting there is at
 * distance 0) are counted by brute force and must resolve the same way. New York is checked by
 * the benchmarks' {@code CompareSnapWithGraphHopper} (its import alone would take half a minute).
 * Prints the seed on failure.
 */
class EdgeSnapIndexTest {

    @ParameterizedTest(name = "{0} seed {1} cells {2}")
    @CsvSource({
        "monaco, 1, ''",
        "rutland, 2, ''",
        "leeds, 3, ''",
        "london, 4, ''",
        "leeds-its, 5, ''",
        "andorra, 6, ''",
        "monaco, 7, off",
        "rutland, 8, off",
        "leeds, 9, off",
        "london, 10, off",
        "leeds-its, 11, off",
        "andorra, 12, off"
    })
    void everySnapIsGraphHoppersSnapToTheLastBit(String map, long seed, String cells) throws InterruptedException {
        RoadNetwork net = ManyToOneSearchTest.network(map);
        // '' is the default (the cells on: these maps fit their budget), off the search alone
        EdgeSnapIndex index = EdgeSnapIndex.build(net, cells, EdgeSnapIndex.cellsBudgetBytes(), Long.MAX_VALUE);
        assertTrue(index.awaitCells(0), "the cells of an index built with no background are settled at once");
        assertEquals(cells.isEmpty() ? EdgeSnapIndex.DEFAULT_CELLS_PER_SIDE : 0, index.cellsPerSide());
        SnapOracle oracle = new SnapOracle(net, index);
        Random rnd = new Random(seed);
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        var bounds = g.getBounds();
        int[] counts = new int[Kind.values().length];
        int found = 0;
        int refusedBeyondLimit = 0;
        int noRoad = 0;
        int ties = 0;
        for (TravelProfile profile : TravelProfile.values()) {
            List<GeoPoint> points = new ArrayList<>();
            List<Kind> kinds = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int node = rnd.nextInt(g.getNodes());
                GeoPoint p = new GeoPoint(
                        na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.004,
                        na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.006);
                points.add(p);
                kinds.add(Kind.NEAR);
            }
            for (int i = 0; i < 160; i++) {
                int node = rnd.nextInt(g.getNodes());
                points.add(new GeoPoint(na.getLat(node), na.getLon(node)));
                kinds.add(Kind.JUNCTION);
            }
            for (int i = 0; i < 160; i++) {
                var edge = g.getEdgeIteratorState(rnd.nextInt(g.getEdges()), Integer.MIN_VALUE);
                var pl = edge.fetchWayGeometry(FetchMode.ALL);
                int k = rnd.nextInt(pl.size() - 1);
                if (rnd.nextBoolean() && k > 0) {
                    points.add(new GeoPoint(pl.getLat(k), pl.getLon(k))); // a shape point
                } else {
                    points.add(
                            new GeoPoint((pl.getLat(k) + pl.getLat(k + 1)) / 2, (pl.getLon(k) + pl.getLon(k + 1)) / 2));
                }
                kinds.add(Kind.ON_ROAD);
            }
            for (int i = 0; i < 100; i++) {
                points.add(new GeoPoint(
                        bounds.minLat + rnd.nextDouble() * (bounds.maxLat - bounds.minLat),
                        bounds.minLon + rnd.nextDouble() * (bounds.maxLon - bounds.minLon)));
                kinds.add(Kind.FAR);
            }
            for (int i = 0; i < 60; i++) {
                GeoPoint p = atDistanceFromRoad(net, oracle, profile, rnd, 495 + rnd.nextDouble() * 10);
                if (p != null) {
                    points.add(p);
                    kinds.add(Kind.SNAP_LIMIT);
                }
            }
            for (int i = 0; i < 20; i++) {
                double lat = rnd.nextBoolean() ? bounds.maxLat + 0.001 : bounds.minLat - 0.001;
                points.add(new GeoPoint(lat, bounds.minLon + rnd.nextDouble() * (bounds.maxLon - bounds.minLon)));
                kinds.add(Kind.OUTSIDE);
            }
            EdgeSnap snap = new EdgeSnap();
            for (int i = 0; i < points.size(); i++) {
                GeoPoint p = points.get(i);
                String diff = oracle.difference(profile, p);
                assertNull(diff, "seed " + seed + ", " + map + " " + profile + ", " + kinds.get(i) + " point " + p);
                counts[kinds.get(i).ordinal()]++;
                EdgeSnap.Outcome o = index.snap(profile, p.latDeg(), p.lonDeg(), snap);
                if (o == EdgeSnap.Outcome.FOUND) {
                    found++;
                    if (snap.distanceMetres() > net.options().maxSnapDistanceMetres()) {
                        refusedBeyondLimit++;
                    }
                    if (kinds.get(i) == Kind.JUNCTION && i % 16 == 0 && tiedEdges(net, profile, p, snap) > 1) {
                        ties++;
                    }
                } else if (o == EdgeSnap.Outcome.NO_ROAD) {
                    noRoad++;
                }
            }
        }
        System.out.printf(
                "snap index vs GraphHopper, %s seed %d: identical for %d near, %d junction, %d on-road, %d far,"
                        + " %d at the snap limit, %d outside points (%d found, %d beyond the limit, %d no road;"
                        + " %d brute-force ties resolved alike); index %.1f MB%n",
                map,
                seed,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4],
                counts[5],
                found,
                refusedBeyondLimit,
                noRoad,
                ties,
                index.memoryBytes() / 1e6);
        assertTrue(found > 800, "seed " + seed + ": only " + found + " snaps found something");
        if (!map.equals("leeds-its") && !map.equals("london") && !map.equals("leeds")) {
            // the tiny extracts have no point 500 m from their roads inside their bounds
            assertTrue(counts[4] > 50, "seed " + seed + ": few points at the snap limit: " + counts[4]);
            assertTrue(refusedBeyondLimit > 10, "seed " + seed + ": no point beyond the snap limit");
        }
    }

    /**
     * The dispatcher's placer ({@link RoadNetwork#snapIndex}, {@link EdgeSnapIndex#placer}) is one
     * shared index, and from several threads at once places every point as GraphHopper does
     * ({@link RoadNetwork#place}), refusals included with the same message.
     */
    @Test
    void theSharedPlacerPlacesAsGraphHopperFromSeveralThreads() throws Exception {
        RoadNetwork net = ManyToOneSearchTest.network("rutland");
        assertSame(net.snapIndex(), net.snapIndex());
        EdgePlacer placer = net.snapIndex().placer(TravelProfile.CAR);
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        long seed = 77;
        Random rnd = new Random(seed);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int node = rnd.nextInt(g.getNodes());
            // up to about 2 km off a junction: most near a road, some beyond the snap limit
            points.add(new GeoPoint(
                    na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.04,
                    na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.06));
        }
        List<String> expected = new ArrayList<>();
        for (GeoPoint p : points) {
            expected.add(describe(() -> net.place(TravelProfile.CAR, "position", p)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> got = new ArrayList<>();
                    for (GeoPoint p : points) {
                        got.add(describe(() -> placer.place("position", p)));
                    }
                    return got;
                }));
            }
            for (var run : runs) {
                assertEquals(expected, run.get(), "seed " + seed);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.stream().anyMatch(d -> d.startsWith("refused")), "some points beyond the snap limit");
    }

    /**
     * The guessed window never changes the answer: with the guess shrunk (so the capped search is
     * often refused after a ring and repeated without the cap) or left as it is, every snap is
     * the same as {@link EdgeSnapIndex#snap}'s (which the oracle test above checks against
     * GraphHopper), and both the capped search and its repetition really ran.
     */
    @Test
    void aGuessTooSmallOrTooLargeGivesTheSameSnap() {
        RoadNetwork net = ManyToOneSearchTest.network("rutland");
        EdgeSnapIndex index = net.snapIndex();
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        long seed = 78;
        Random rnd = new Random(seed);
        EdgeSnap expected = new EdgeSnap();
        EdgeSnap got = new EdgeSnap();
        int stood = 0;
        int repeated = 0;
        for (double slack : new double[] {0.25, 0.9, 1.0, 4.0}) {
            for (int i = 0; i < 1_000; i++) {
                int node = rnd.nextInt(g.getNodes());
                double lat = na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.004;
                double lon = na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.006;
                TravelProfile profile = TravelProfile.values()[i % TravelProfile.values().length];
                index.snap(profile, lat, lon, expected);
                if (index.snapWithGuessScaled(profile, lat, lon, slack, got)) {
                    stood++;
                } else {
                    repeated++;
                }
                String where = "seed " + seed + " slack " + slack + " point " + lat + "," + lon + " " + profile;
                assertEquals(expected.outcome(), got.outcome(), where);
                assertEquals(expected.edgeId(), got.edgeId(), where);
                assertEquals(expected.closestNode(), got.closestNode(), where);
                assertEquals(expected.wayIndex(), got.wayIndex(), where);
                assertEquals(expected.position(), got.position(), where);
                assertEquals(expected.snappedLatDeg(), got.snappedLatDeg(), 0, where);
                assertEquals(expected.snappedLonDeg(), got.snappedLonDeg(), 0, where);
                assertEquals(expected.distanceMetres(), got.distanceMetres(), 0, where);
                assertEquals(expected.toBaseMetres(), got.toBaseMetres(), 0, where);
                assertEquals(expected.toAdjMetres(), got.toAdjMetres(), 0, where);
            }
        }
        assertTrue(stood > 100, "capped searches that stood: " + stood);
        assertTrue(repeated > 100, "capped searches repeated without the cap: " + repeated);
    }

    /**
     * The tiles' quarters, and ring 0 reading only the entries the guess recorded, never change the
     * answer: on real maps, for seeded points near roads (moved up to about 60 m from a random
     * junction, so most windows fit in a quarter), exactly on junctions and anywhere in a tile,
     * every profile, the index with both gives field by field the answer of the same index
     * scanning every tile whole (which the oracle test above checks against GraphHopper), and ring
     * 0 does read only the guess's entries in most snaps. Prints the seed and point on failure.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"rutland, 11", "andorra, 12", "leeds, 13"})
    void theQuartersAndTheGuessedRingZeroGiveTheWholeTilesAnswer(String map, long seed) {
        RoadNetwork net = ManyToOneSearchTest.network(map);
        EdgeSnapIndex quartered = EdgeSnapIndex.build(net, true);
        EdgeSnapIndex whole = EdgeSnapIndex.build(net, false);
        assertTrue(quartered.quarteredTiles() > 0, map + ": no tile has quarters");
        assertEquals(0, whole.quarteredTiles());
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        Random rnd = new Random(seed);
        EdgeSnap expected = new EdgeSnap();
        EdgeSnap got = new EdgeSnap();
        int found = 0;
        int fromGuess = 0;
        for (int i = 0; i < 12_000; i++) {
            int node = rnd.nextInt(g.getNodes());
            double spread = i % 3 == 0 ? 0 : i % 3 == 1 ? 0.001 : 0.006;
            double lat = na.getLat(node) + (rnd.nextDouble() - 0.5) * spread;
            double lon = na.getLon(node) + (rnd.nextDouble() - 0.5) * spread * 1.5;
            TravelProfile profile = TravelProfile.values()[i % TravelProfile.values().length];
            whole.snap(profile, lat, lon, expected);
            quartered.snap(profile, lat, lon, got);
            String where = map + " seed " + seed + " point " + lat + "," + lon + " " + profile;
            assertEquals(expected.outcome(), got.outcome(), where);
            assertEquals(expected.edgeId(), got.edgeId(), where);
            assertEquals(expected.closestNode(), got.closestNode(), where);
            assertEquals(expected.wayIndex(), got.wayIndex(), where);
            assertEquals(expected.position(), got.position(), where);
            assertEquals(expected.snappedLatDeg(), got.snappedLatDeg(), 0, where);
            assertEquals(expected.snappedLonDeg(), got.snappedLonDeg(), 0, where);
            assertEquals(expected.distanceMetres(), got.distanceMetres(), 0, where);
            assertEquals(expected.toBaseMetres(), got.toBaseMetres(), 0, where);
            assertEquals(expected.toAdjMetres(), got.toAdjMetres(), 0, where);
            found += got.found() ? 1 : 0;
            fromGuess += got.ringZeroFromGuess ? 1 : 0;
        }
        System.out.printf(
                "quarters and guessed ring 0 vs whole tiles, %s seed %d: 12000 snaps identical (%d found), %d tiles"
                        + " with quarters, ring 0 from the guess's entries in %d snaps%n",
                map, seed, found, quartered.quarteredTiles(), fromGuess);
        assertTrue(fromGuess > 6_000, map + " seed " + seed + ": ring 0 read the guess's entries in " + fromGuess);
    }

    private static String describe(java.util.function.Supplier<EdgePlacement> place) {
        try {
            return place.get().toString();
        } catch (BluelampException e) {
            return "refused " + e.field() + ": " + e.getMessage();
        }
    }

    @Test
    void theCellsAreBuiltByDefaultOnlyWhereTheyFitTheirBudgetAndAnExplicitCountOverridesIt() {
        RoadNetwork net = ManyToOneSearchTest.network("leeds-its");
        EdgeSnapIndex plain = EdgeSnapIndex.build(net, "off", Long.MAX_VALUE, Long.MAX_VALUE);
        long cellsBytes =
                EdgeSnapIndex.build(net, "", Long.MAX_VALUE, Long.MAX_VALUE).cellsMemoryBytes();

        assertEquals(0, plain.cellsPerSide());
        assertTrue(cellsBytes > 0, "cells " + cellsBytes + " B");
        assertEquals(
                8,
                EdgeSnapIndex.build(net, "", 2 * cellsBytes, Long.MAX_VALUE)
                        .cellsPerSide()); // the build reserves ahead
        assertEquals(
                0,
                EdgeSnapIndex.build(net, "", cellsBytes / 2, Long.MAX_VALUE).cellsPerSide(),
                "stopped while being built");
        long notTried = EdgeSnapIndex.MIN_CELLS_BYTES_PER_INDEX_BYTE * plain.memoryBytes() - 1;
        assertEquals(0, EdgeSnapIndex.build(net, "", notTried, Long.MAX_VALUE).cellsPerSide(), "not tried");
        assertEquals(4, EdgeSnapIndex.build(net, " 4 ", 0, Long.MAX_VALUE).cellsPerSide());
        assertEquals(
                0, EdgeSnapIndex.build(net, "0", Long.MAX_VALUE, Long.MAX_VALUE).cellsPerSide());
        assertEquals(
                Math.min(
                        EdgeSnapIndex.MAX_CELLS_BUDGET_BYTES,
                        Runtime.getRuntime().maxMemory() / 8),
                EdgeSnapIndex.cellsBudgetBytes());
        var notACount = assertThrows(
                IllegalArgumentException.class, () -> EdgeSnapIndex.build(net, "eight", 0, Long.MAX_VALUE));
        assertTrue(notACount.getMessage().contains("bluelamp.snap.cells is eight"), notACount.getMessage());
        var tooMany =
                assertThrows(IllegalArgumentException.class, () -> EdgeSnapIndex.build(net, "65", 0, Long.MAX_VALUE));
        assertTrue(tooMany.getMessage().contains("from 0 to 64"), tooMany.getMessage());
    }

    @Test
    void cellsBuiltInTheBackgroundChangeNoAnswerBeforeDuringOrAfterTheyArrive() throws InterruptedException {
        RoadNetwork net = ManyToOneSearchTest.network("rutland");
        EdgeSnapIndex search = EdgeSnapIndex.build(net, "off", Long.MAX_VALUE, Long.MAX_VALUE);
        // every index is "large": its cells are built by the background thread
        EdgeSnapIndex index = EdgeSnapIndex.build(net, "", Long.MAX_VALUE, 0);
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        Random rnd = new Random(41);
        EdgeSnap expected = new EdgeSnap();
        EdgeSnap got = new EdgeSnap();
        int snaps = 0;
        int answeredByCells = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean cellsArrived = false;
        int afterArrival = 0;
        while (afterArrival < 2_000) {
            assertTrue(System.nanoTime() < deadline, "no cells after 120 s (" + snaps + " snaps)");
            cellsArrived |= index.cellsPerSide() == EdgeSnapIndex.DEFAULT_CELLS_PER_SIDE;
            int node = rnd.nextInt(g.getNodes());
            double lat = na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.001;
            double lon = na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.0015;
            TravelProfile profile = TravelProfile.values()[rnd.nextInt(TravelProfile.values().length)];
            search.snap(profile, lat, lon, expected);
            index.snap(profile, lat, lon, got);
            String where = "seed 41 snap " + snaps + " point " + lat + "," + lon + " " + profile + " (cells "
                    + got.fromFastPath() + ")";
            assertEquals(expected.outcome(), got.outcome(), where);
            assertEquals(expected.edgeId(), got.edgeId(), where);
            assertEquals(expected.closestNode(), got.closestNode(), where);
            assertEquals(expected.wayIndex(), got.wayIndex(), where);
            assertEquals(expected.position(), got.position(), where);
            assertEquals(expected.distanceMetres(), got.distanceMetres(), 0, where);
            assertEquals(expected.toBaseMetres(), got.toBaseMetres(), 0, where);
            snaps++;
            answeredByCells += got.fromFastPath() ? 1 : 0;
            afterArrival += cellsArrived ? 1 : 0;
        }
        assertTrue(answeredByCells > 1_000, answeredByCells + " of the last 2,000 snaps answered by the cells");
    }

    @Test
    void anUnpreparedProfileIsRefusedNamingTheProfile() {
        // every profile is prepared on the shared test networks: open the smallest extract with cars only
        RoadNetwork tiny = TestMaps.network(TestMaps.shared(TestMaps.LEEDS_ITS));
        EdgeSnapIndex index = EdgeSnapIndex.build(tiny);
        double lon = tiny.graphHopper().getBaseGraph().getNodeAccess().getLon(0);
        var options = new RoadNetworkOptions(
                TestMaps.cacheRoot(),
                RoadNetworkOptions.DEFAULT_MAX_SNAP_DISTANCE_METRES,
                java.util.EnumSet.of(TravelProfile.CAR));
        try (RoadNetwork carsOnly = RoadNetwork.open(TestMaps.shared(TestMaps.LEEDS_ITS), options)) {
            EdgeSnapIndex carIndex = EdgeSnapIndex.build(carsOnly);
            var carNodes = carsOnly.graphHopper().getBaseGraph().getNodeAccess();
            double carLat = carNodes.getLat(0);
            double carLon = carNodes.getLon(0);
            BluelampException e = assertThrows(
                    BluelampException.class, () -> carIndex.snap(TravelProfile.FOOT, carLat, carLon, new EdgeSnap()));
            assertEquals("profile", e.field());
            assertTrue(e.getMessage().contains("foot"), e.getMessage());
            assertEquals(EdgeSnap.Outcome.FOUND, carIndex.snap(TravelProfile.CAR, carLat, carLon, new EdgeSnap()));
        }
        EdgeSnap snap = new EdgeSnap();
        assertEquals(EdgeSnap.Outcome.OUTSIDE_MAP, index.snap(TravelProfile.CAR, Double.NaN, lon, snap));
        assertEquals(EdgeSnap.Outcome.OUTSIDE_MAP, index.snap(TravelProfile.CAR, 43.7, 7.42, snap));
        assertThrows(IllegalStateException.class, () -> snap.toPlacement(new GeoPoint(43.7, 7.42)));
    }

    enum Kind {
        NEAR,
        JUNCTION,
        ON_ROAD,
        FAR,
        SNAP_LIMIT,
        OUTSIDE
    }

    /** A point about {@code metres} from the nearest road the profile may use, or null. */
    private static GeoPoint atDistanceFromRoad(
            RoadNetwork net, SnapOracle oracle, TravelProfile profile, Random rnd, double metres) {
        var g = net.graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        int node = rnd.nextInt(g.getNodes());
        double angle = rnd.nextDouble() * 2 * Math.PI;
        GeoPoint p = new GeoPoint(na.getLat(node), na.getLon(node));
        for (int step = 0; step < 6; step++) {
            Snap s = oracle.graphHopperSnap(profile, p);
            if (s == null) {
                return null;
            }
            var sp = s.getSnappedPoint();
            double d = s.getQueryDistance();
            double dLat;
            double dLon;
            if (d < 1) {
                dLat = Math.cos(angle) / 111_195.0;
                dLon = Math.sin(angle) / (111_195.0 * Math.cos(Math.toRadians(sp.getLat())));
                d = 1;
            } else {
                dLat = (p.latDeg() - sp.getLat()) / d;
                dLon = (p.lonDeg() - sp.getLon()) / d;
            }
            double lat = sp.getLat() + dLat * metres;
            double lon = sp.getLon() + dLon * metres;
            if (!g.getBounds().contains(lat, lon)) {
                return null;
            }
            p = new GeoPoint(lat, lon);
        }
        return p;
    }

    /** Edges the profile may use at exactly the snapped distance, by brute force over every edge. */
    private static int tiedEdges(RoadNetwork net, TravelProfile profile, GeoPoint p, EdgeSnap snap) {
        var hopper = net.graphHopper();
        var tree = (LocationIndexTree) hopper.getLocationIndex();
        var filter = net.snapFilter(profile);
        var all = hopper.getBaseGraph().getAllEdges();
        double best = Double.MAX_VALUE;
        int atBest = 0;
        while (all.next()) {
            if (!filter.accept(all)) {
                continue;
            }
            double[] min = {Double.MAX_VALUE};
            tree.traverseEdge(
                    p.latDeg(), p.lonDeg(), all, (node, normed, wayIndex, pos) -> min[0] = Math.min(min[0], normed));
            double d = DistancePlaneProjection.DIST_PLANE.calcDenormalizedDist(min[0]);
            if (d < best - 1e-9) {
                best = d;
                atBest = 1;
            } else if (Math.abs(d - best) <= 1e-9) {
                atBest++;
            }
        }
        assertEquals(
                best,
                snap.distanceMetres(),
                0.01,
                "the snap is the nearest edge (to rounding of its recomputed distance)");
        return atBest;
    }
}
