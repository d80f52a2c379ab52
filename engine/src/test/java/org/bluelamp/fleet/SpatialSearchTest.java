package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bluelamp.geo.GeoDistance;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class SpatialSearchTest {
    static final long T0 = 1_700_000_000_000L;

    /** A fleet of {@code units} available cars "u0", "u1", ..., none with a fix (also for other tests here). */
    static FleetState fleetOf(int units, FleetOptions options) {
        FleetState fleet = new FleetState(options);
        for (int i = 0; i < units; i++) {
            fleet.register(UnitSpec.minimal("u" + i, UnitKind.CAR), UnitStatus.AVAILABLE, T0);
        }
        return fleet;
    }

    /** A periodic fix of unit index {@code unit} (also for other tests here). */
    static void place(FleetState fleet, int unit, double lat, double lon, long time) {
        fleet.recordFix(unit, lat, lon, time, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
    }

    /** Leeds city centre and around, drawn roughly:  A . B       C (far east), D without a fix. */
    @Test
    void smallScenarioByBoxRadiusPolygonAndNearest() throws Exception {
        FleetState fleet = fleetOf(4, FleetOptions.defaults());
        place(fleet, 0, 53.7960, -1.5480, T0); // A: city square
        place(fleet, 1, 53.7990, -1.5400, T0); // B: ~650 m north-east of A
        place(fleet, 2, 53.8000, -1.3000, T0); // C: ~16 km east
        SpatialSearch search = fleet.newSpatialSearch();

        assertEquals(3, search.nearest(53.7960, -1.5480, 5, UnitFilter.ALL));
        assertEquals(List.of(0, 1, 2), results(search));
        assertEquals(0.0, search.resultDistanceMetres(0));
        assertEquals(
                GeoDistance.equirectangularMetres(53.7960, -1.5480, 53.7990, -1.5400), search.resultDistanceMetres(1));

        assertEquals(1, search.nearest(53.80, -1.31, 1, UnitFilter.ALL));
        assertEquals(2, search.resultUnitIndex(0));
        assertEquals(1, search.nearest(53.7960, -1.5480, 1, u -> u != 0));
        assertEquals(1, search.resultUnitIndex(0));

        assertEquals(2, search.withinRadius(53.7960, -1.5480, 1_000, UnitFilter.ALL));
        assertEquals(List.of(0, 1), sorted(search));
        assertEquals(1, search.withinRadius(53.7960, -1.5480, 100, UnitFilter.ALL));

        assertEquals(2, search.withinBox(53.79, -1.56, 53.80, -1.53, UnitFilter.ALL));
        assertEquals(List.of(0, 1), sorted(search));

        Geometry triangle = new WKTReader().read("POLYGON ((-1.56 53.79, -1.545 53.79, -1.545 53.80, -1.56 53.79))");
        assertEquals(1, search.withinPolygon(triangle, UnitFilter.ALL));
        assertEquals(0, search.resultUnitIndex(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> search.withinPolygon(new WKTReader().read("POINT (0 0)"), UnitFilter.ALL));
    }

    @Test
    void unitsMovingBetweenCellsAreFoundWhereTheyAreNow() {
        FleetState fleet = fleetOf(2, FleetOptions.defaults());
        place(fleet, 0, 53.80, -1.55, T0);
        place(fleet, 1, 53.90, -1.55, T0);
        SpatialSearch search = fleet.newSpatialSearch();
        place(fleet, 0, 54.50, -1.00, T0 + 1_000);
        assertEquals(0, search.withinRadius(53.80, -1.55, 2_000, UnitFilter.ALL));
        assertEquals(1, search.withinRadius(54.50, -1.00, 10, UnitFilter.ALL));
        assertEquals(1, search.nearest(53.80, -1.55, 1, UnitFilter.ALL));
        assertEquals(1, search.resultUnitIndex(0));
        // An out-of-order fix does not move the unit back.
        place(fleet, 0, 53.80, -1.55, T0 + 500);
        assertEquals(0, search.withinRadius(53.80, -1.55, 2_000, UnitFilter.ALL));
    }

    /** Seeded comparison with a brute-force scan, across densities, k, cell sizes and bucket counts. */
    @Test
    void matchesBruteForceOnRandomFleets() {
        long seed = Long.getLong("bluelamp.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        try {
            for (int round = 0; round < 30; round++) {
                int units = 1 + random.nextInt(3_000);
                double cell = new double[] {50, 500, 5_000}[random.nextInt(3)];
                int buckets = 1 << (6 + random.nextInt(10));
                FleetState fleet = fleetOf(units, FleetOptions.defaults().withGrid(cell, buckets));
                double spreadDeg = new double[] {0.05, 0.5, 5}[random.nextInt(3)];
                double[][] pos = new double[units][];
                for (int u = 0; u < units; u++) {
                    if (random.nextInt(20) == 0) {
                        continue; // no fix
                    }
                    for (int step = 0; step < 3; step++) { // move a few times
                        pos[u] = new double[] {
                            54 + random.nextDouble(-spreadDeg, spreadDeg),
                            -1.5 + random.nextDouble(-spreadDeg, spreadDeg)
                        };
                        place(fleet, u, pos[u][0], pos[u][1], T0 + step);
                    }
                }
                SpatialSearch search = fleet.newSpatialSearch();
                for (int q = 0; q < 20; q++) {
                    double lat = 54 + random.nextDouble(-spreadDeg * 1.5, spreadDeg * 1.5);
                    double lon = -1.5 + random.nextDouble(-spreadDeg * 1.5, spreadDeg * 1.5);
                    int k = 1 + random.nextInt(12);
                    int parity = random.nextInt(2);
                    UnitFilter filter = u -> u % 2 == parity;
                    search.nearest(lat, lon, k, filter);
                    List<Integer> expected = bruteNearest(pos, lat, lon, k, parity);
                    assertEquals(expected, results(search), "nearest round " + round);
                    double radius = random.nextDouble(10, spreadDeg * 50_000);
                    search.withinRadius(lat, lon, radius, UnitFilter.ALL);
                    assertEquals(bruteRadius(pos, lat, lon, radius), sorted(search), "radius round " + round);
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError(
                    "seed " + seed + " (rerun with -Dbluelamp.test.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    /**
     * Static units must always be found while other units sharing their buckets move across cells
     * at full speed: swap-removals and moves must never hide them.
     */
    @Test
    void concurrentQueriesNeverMissUnitsWhileOthersMove() throws Exception {
        int statics = 50;
        int movers = 2_000;
        FleetState fleet = fleetOf(statics + movers, FleetOptions.defaults().withGrid(200, 64));
        for (int u = 0; u < statics; u++) {
            place(fleet, u, 53.80 + u * 0.001, -1.55, T0);
        }
        for (int u = statics; u < statics + movers; u++) {
            place(fleet, u, 53.5 + (u % 100) * 0.01, -1.0, T0);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SpatialSearch search = fleet.newSpatialSearch();
            UnitFilter staticOnly = u -> u < statics;
            while (!stop.get()) {
                int n = search.nearest(53.80, -1.55, 10, staticOnly);
                for (int i = 0; i < n; i++) {
                    if (search.resultUnitIndex(i) != i) {
                        failure.compareAndSet(null, "nearest: got " + search.resultUnitIndex(i) + " at rank " + i);
                    }
                }
                if (n != 10) {
                    failure.compareAndSet(null, "nearest found " + n);
                }
                n = search.withinBox(53.79, -1.56, 53.90, -1.54, staticOnly);
                if (n != statics) {
                    failure.compareAndSet(null, "box found " + n + " of " + statics);
                }
            }
        });
        reader.start();
        SplittableRandom random = new SplittableRandom(3);
        long time = T0;
        for (int i = 0; i < 3_000_000 && failure.get() == null; i++) {
            int u = statics + random.nextInt(movers);
            place(fleet, u, 53.5 + random.nextDouble(0.6), -1.6 + random.nextDouble(0.7), ++time);
        }
        stop.set(true);
        reader.join();
        assertEquals(null, failure.get());
    }

    private static List<Integer> results(SpatialSearch s) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < s.resultCount(); i++) {
            list.add(s.resultUnitIndex(i));
        }
        return list;
    }

    private static List<Integer> sorted(SpatialSearch s) {
        return new ArrayList<>(new TreeSet<>(results(s)));
    }

    private static List<Integer> bruteNearest(double[][] pos, double lat, double lon, int k, int parity) {
        List<Integer> all = new ArrayList<>();
        for (int u = 0; u < pos.length; u++) {
            if (pos[u] != null && u % 2 == parity) {
                all.add(u);
            }
        }
        all.sort(Comparator.<Integer>comparingDouble(
                        u -> GeoDistance.equirectangularMetres(lat, lon, pos[u][0], pos[u][1]))
                .thenComparingInt(u -> u));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static List<Integer> bruteRadius(double[][] pos, double lat, double lon, double radius) {
        List<Integer> all = new ArrayList<>();
        for (int u = 0; u < pos.length; u++) {
            if (pos[u] != null && GeoDistance.equirectangularMetres(lat, lon, pos[u][0], pos[u][1]) <= radius) {
                all.add(u);
            }
        }
        return all;
    }
}
