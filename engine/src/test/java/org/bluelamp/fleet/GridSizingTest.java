package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bluelamp.geo.GeoDistance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The automatic grid: sized from where the units are, rebuilt rarely, every unit in exactly the
 * bucket of its cell after each rebuild, and queries exact against brute force across rebuilds,
 * also while a writer moves units and replaces the grid under them.
 */
class GridSizingTest {
    private static final long T0 = SpatialSearchTest.T0;

    /**
     * Units uniformly over a box: a fresh sizing gives about sqrt(3 x area / units), the rule
     * measured by hand before; the grid the fleet kept while growing stays within the band.
     */
    @Test
    void aUniformFleetGetsTwoToSixUnitsACell() {
        // the national day's box (51.7..54.3, -3.7..0.7), 50,000 units: 2,300 m was measured best
        FleetState national = uniformFleet(50_000, 51.7, -3.7, 54.3, 0.7, 1);
        assertEquals(2_000, freshCellMetres(national));
        assertEquals(2_000, national.gridCellMetres());
        assertEquals(53, national.grid.referenceLatDeg);
        assertBucketsFit(national);
        // a county (New York's box, about 46 x 50 km), 1,000 and 10,000 units
        FleetState county = uniformFleet(1_000, 40.5, -74.25, 40.95, -73.7, 2);
        assertEquals(2_000, freshCellMetres(county));
        assertBucketsFit(county);
        FleetState dense = uniformFleet(10_000, 40.5, -74.25, 40.95, -73.7, 3);
        assertEquals(1_000, freshCellMetres(dense));
        assertBucketsFit(dense);
    }

    private static double freshCellMetres(FleetState fleet) {
        GridSizing.Positions p = GridSizing.Positions.of(fleet);
        return GridSizing.STEPS_METRES[GridSizing.chooseStep(p, Math.rint(p.meanLatDeg()))];
    }

    /** A fleet in a few towns is sized by its towns, not by the box around them. */
    @Test
    void aClusteredFleetIsSizedByWhereItsUnitsStand() {
        SplittableRandom random = new SplittableRandom(5);
        int units = 20_000;
        FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
        double[][] towns = {{51.5, -0.1}, {53.48, -2.24}, {52.48, -1.9}, {53.8, -1.55}, {55.95, -3.19}};
        for (int u = 0; u < units; u++) {
            double[] town = towns[u % towns.length];
            // within about 5 km of the town's centre
            SpatialSearchTest.place(
                    fleet, u, town[0] + random.nextDouble(-0.045, 0.045), town[1] + random.nextDouble(-0.07, 0.07), T0);
        }
        // the box around the towns would say sqrt(3 x 500 km x 400 km / 20,000) = 5.5 km
        assertTrue(fleet.gridCellMetres() <= 500, "cell " + fleet.gridCellMetres());
        assertBucketsFit(fleet);
    }

    @Test
    void aFixedGridIsNeverResized() {
        FleetState fleet =
                SpatialSearchTest.fleetOf(5_000, FleetOptions.defaults().withGrid(500, 1 << 10));
        UnitGrid first = fleet.grid;
        SplittableRandom random = new SplittableRandom(7);
        for (int u = 0; u < 5_000; u++) {
            SpatialSearchTest.place(fleet, u, 50 + random.nextDouble(8), -5 + random.nextDouble(7), T0);
        }
        assertSame(first, fleet.grid);
        assertEquals(500, fleet.gridCellMetres());
    }

    /**
     * A fleet that keeps its size and spread is never rebuilt however long it moves, and a fleet
     * that grows from nothing is rebuilt a few times, not at every check.
     */
    @Test
    void rebuildsAreRare() {
        SplittableRandom random = new SplittableRandom(11);
        int units = 10_000;
        FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
        UnitGrid seen = fleet.grid;
        int rebuilds = 0;
        long time = T0;
        for (int u = 0; u < units; u++) {
            SpatialSearchTest.place(fleet, u, 52 + random.nextDouble(2), -2 + random.nextDouble(3), time);
            if (fleet.grid != seen) {
                seen = fleet.grid;
                rebuilds++;
            }
        }
        assertTrue(rebuilds >= 2 && rebuilds <= 6, rebuilds + " rebuilds while growing to 10,000 units");
        fleet.gridCheckDue(fleet.grid); // sized for all 10,000
        UnitGrid grown = fleet.grid;
        // 2,000,000 fixes of the same spread: about twelve checks (one per 160,000 changes of bucket)
        for (int i = 0; i < 2_000_000; i++) {
            SpatialSearchTest.place(
                    fleet, random.nextInt(units), 52 + random.nextDouble(2), -2 + random.nextDouble(3), ++time);
        }
        assertSame(grown, fleet.grid, "a steady fleet was rebuilt");
        // the same fleet drawn into one town: rebuilt with smaller cells at the next check
        for (int i = 0; i < 2_000_000; i++) {
            SpatialSearchTest.place(
                    fleet, random.nextInt(units), 53 + random.nextDouble(0.1), -1 + random.nextDouble(0.15), ++time);
        }
        assertNotSame(grown, fleet.grid);
        assertTrue(fleet.gridCellMetres() < grown.cellMetres, fleet.gridCellMetres() + " m");
        assertGridHoldsExactly(fleet, positionsOf(fleet));
    }

    /** After rebuilds, every bucket holds exactly its units, and each unit's grid word its place. */
    @Test
    void everyUnitIsInTheBucketOfItsCellAcrossRebuilds() {
        SplittableRandom random = new SplittableRandom(13);
        int units = 3_000;
        FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
        double[][] pos = new double[units][];
        long time = T0;
        int rebuilds = 0;
        UnitGrid seen = fleet.grid;
        for (int i = 0; i < 400_000; i++) {
            int u = random.nextInt(units);
            // spread that changes tenfold every 100,000 fixes, so the grid is resized both ways
            double spread = (i / 100_000) % 2 == 0 ? 0.05 : 2;
            pos[u] = new double[] {53 + random.nextDouble(spread), -1 + random.nextDouble(spread)};
            SpatialSearchTest.place(fleet, u, pos[u][0], pos[u][1], ++time);
            if (i % 50_000 == 49_999) {
                fleet.gridCheckDue(fleet.grid); // a check as if due (few moves cross cells in the small spread)
            }
            if (fleet.grid != seen) {
                seen = fleet.grid;
                rebuilds++;
                assertGridHoldsExactly(fleet, pos);
            }
        }
        assertTrue(rebuilds >= 3, rebuilds + " rebuilds");
        assertGridHoldsExactly(fleet, pos);
    }

    /** Queries from one search object reused across many rebuilds agree with brute force. */
    @Test
    void queriesMatchBruteForceAcrossRebuilds() {
        long seed = Long.getLong("bluelamp.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        try {
            int units = 1 + random.nextInt(4_000);
            FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
            SpatialSearch search = fleet.newSpatialSearch(); // made before any rebuild, kept throughout
            double[][] pos = new double[units][];
            long time = T0;
            for (int round = 0; round < 40; round++) {
                double spread = new double[] {0.02, 0.3, 3}[random.nextInt(3)];
                int fixes = random.nextInt(3 * units);
                for (int i = 0; i < fixes; i++) {
                    int u = random.nextInt(units);
                    pos[u] = new double[] {
                        54 + random.nextDouble(-spread, spread), -1.5 + random.nextDouble(-spread, spread)
                    };
                    SpatialSearchTest.place(fleet, u, pos[u][0], pos[u][1], ++time);
                }
                if (random.nextInt(4) == 0) { // and a replacement of another geometry now and then
                    fleet.replaceGrid(
                            GridSizing.STEPS_METRES[random.nextInt(GridSizing.STEPS_METRES.length)],
                            1 << (6 + random.nextInt(12)),
                            50 + random.nextInt(10));
                }
                for (int q = 0; q < 20; q++) {
                    double lat = 54 + random.nextDouble(-spread * 1.5, spread * 1.5);
                    double lon = -1.5 + random.nextDouble(-spread * 1.5, spread * 1.5);
                    int k = 1 + random.nextInt(40);
                    search.nearest(lat, lon, k, UnitFilter.ALL);
                    assertEquals(bruteNearest(pos, lat, lon, k), results(search), "nearest, round " + round);
                    double radius = random.nextDouble(10, spread * 60_000);
                    search.withinRadius(lat, lon, radius, UnitFilter.ALL);
                    assertEquals(bruteRadius(pos, lat, lon, radius), sorted(search), "radius, round " + round);
                }
            }
        } catch (AssertionError e) {
            throw new AssertionError(
                    "seed " + seed + " (rerun with -Dbluelamp.test.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    /**
     * A writer moves every unit and replaces the grid (by its own sizing and by hand, other
     * geometries) while a reader queries. The fleet goes through phases: in each, a seeded set of
     * targets stays within {@code R} of the query point (jumping between cells all the while) and
     * every other unit beyond 2R (anywhere up to 100 km); between phases the sets change. A query
     * that ran wholly inside one phase (the phase word, even, the same before and after) must
     * return exactly that phase's targets: by nearest with k = their number, and by radius R.
     */
    @Test
    @Timeout(120)
    void concurrentQueriesAreExactAcrossRebuilds() throws Exception {
        long seed = Long.getLong("bluelamp.test.seed", System.nanoTime());
        int units = 2_000;
        int targets = 24;
        double qLat = 53.8;
        double qLon = -1.55;
        double radius = 3_000;
        FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
        int phases = 300;
        int[][] targetsOf = new int[phases][];
        SplittableRandom plan = new SplittableRandom(seed);
        for (int p = 0; p < phases; p++) {
            TreeSet<Integer> set = new TreeSet<>();
            while (set.size() < targets) {
                set.add(plan.nextInt(units));
            }
            targetsOf[p] = set.stream().mapToInt(Integer::intValue).toArray();
        }
        AtomicLong phaseWord = new AtomicLong(1); // odd: changing; 2p + 2: in phase p
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong checked = new AtomicLong();
        AtomicLong replaced = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                writePhases(fleet, seed, units, phases, targetsOf, phaseWord, stop, replaced, qLat, qLon, radius);
            } catch (Throwable e) { // a broken grid may throw: fail, and let the reader stop
                failure.compareAndSet(null, "writer: " + e);
            } finally {
                stop.set(true);
            }
        });
        Thread reader = new Thread(() -> {
            SpatialSearch search = fleet.newSpatialSearch();
            while (!stop.get()) {
                long before = phaseWord.get();
                int n = search.nearest(qLat, qLon, targets, UnitFilter.ALL);
                int[] nearest = new int[n];
                for (int i = 0; i < n; i++) {
                    nearest[i] = search.resultUnitIndex(i);
                }
                int m = search.withinRadius(qLat, qLon, radius, UnitFilter.ALL);
                int[] within = new int[m];
                for (int i = 0; i < m; i++) {
                    within[i] = search.resultUnitIndex(i);
                }
                if (phaseWord.get() != before || (before & 1) != 0) {
                    continue;
                }
                int[] expected = targetsOf[(int) (before / 2 - 1)];
                Arrays.sort(nearest);
                Arrays.sort(within);
                if (!Arrays.equals(expected, nearest)) {
                    failure.compareAndSet(
                            null, "nearest: " + Arrays.toString(nearest) + " expected " + Arrays.toString(expected));
                }
                if (!Arrays.equals(expected, within)) {
                    failure.compareAndSet(
                            null, "radius: " + Arrays.toString(within) + " expected " + Arrays.toString(expected));
                }
                checked.incrementAndGet();
            }
        });
        reader.start();
        writer.start();
        writer.join();
        reader.join();
        assertNull(failure.get(), "seed " + seed + " (rerun with -Dbluelamp.test.seed=" + seed + ")");
        assertTrue(checked.get() > 100, checked.get() + " queries checked");
        assertTrue(replaced.get() > phases, replaced.get() + " replacements");
    }

    private static void writePhases(
            FleetState fleet,
            long seed,
            int units,
            int phases,
            int[][] targetsOf,
            AtomicLong phaseWord,
            AtomicBoolean stop,
            AtomicLong replaced,
            double qLat,
            double qLon,
            double radius) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        long time = T0;
        boolean[] isTarget = new boolean[units];
        for (int p = 0; p < phases && !stop.get(); p++) {
            phaseWord.set(2L * p + 1);
            Arrays.fill(isTarget, false);
            for (int t : targetsOf[p]) {
                isTarget[t] = true;
            }
            for (int u = 0; u < units; u++) { // everyone to where this phase wants it
                time = jump(fleet, u, isTarget[u], random, qLat, qLon, radius, time);
            }
            if (random.nextBoolean()) {
                fleet.replaceGrid(
                        GridSizing.STEPS_METRES[random.nextInt(GridSizing.STEPS_METRES.length)],
                        1 << (6 + random.nextInt(10)),
                        50 + random.nextInt(8));
                replaced.incrementAndGet();
            }
            phaseWord.set(2L * p + 2);
            for (int i = 0; i < 20_000; i++) {
                int u = random.nextInt(units);
                time = jump(fleet, u, isTarget[u], random, qLat, qLon, radius, time);
                if (i % 5_000 == 4_999) {
                    // within the phase too: the query sees its grid replaced while it runs
                    fleet.replaceGrid(
                            GridSizing.STEPS_METRES[random.nextInt(GridSizing.STEPS_METRES.length)],
                            1 << (6 + random.nextInt(10)),
                            50 + random.nextInt(8));
                    replaced.incrementAndGet();
                }
            }
        }
    }

    /** Moves {@code u} within {@code radius} of the point (a target) or 2-30 radii away. */
    private static long jump(
            FleetState fleet,
            int u,
            boolean target,
            SplittableRandom random,
            double lat,
            double lon,
            double radius,
            long time) {
        double metres = target ? random.nextDouble(0, radius * 0.99) : random.nextDouble(radius * 2, radius * 30);
        double bearing = random.nextDouble(2 * Math.PI);
        double dLat = metres * Math.cos(bearing) / GeoDistance.METRES_PER_DEGREE;
        double dLon = metres * Math.sin(bearing) / GeoDistance.METRES_PER_DEGREE / Math.cos(Math.toRadians(lat));
        SpatialSearchTest.place(fleet, u, lat + dLat, lon + dLon, time + 1);
        return time + 1;
    }

    // ---------------------------------------------------------------- helpers

    private static FleetState uniformFleet(
            int units, double minLat, double minLon, double maxLat, double maxLon, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FleetState fleet = SpatialSearchTest.fleetOf(units, FleetOptions.defaults());
        for (int u = 0; u < units; u++) {
            SpatialSearchTest.place(fleet, u, random.nextDouble(minLat, maxLat), random.nextDouble(minLon, maxLon), T0);
        }
        // the last sizing was at half the units or more; a check now sizes it for all of them
        fleet.gridCheckDue(fleet.grid);
        return fleet;
    }

    private static void assertBucketsFit(FleetState fleet) {
        UnitGrid g = fleet.grid;
        long occupied = GridSizing.occupiedCells(GridSizing.Positions.of(fleet), g.cellLatDeg, g.cellLonDeg);
        assertTrue(2 * occupied <= g.bucketCount(), occupied + " cells in " + g.bucketCount() + " buckets");
        double perCell = (double) fleet.unitCount() / occupied;
        assertTrue(
                perCell >= GridSizing.KEEP_MIN_PER_CELL && perCell <= GridSizing.KEEP_MAX_PER_CELL,
                perCell + " units an occupied cell");
    }

    private static double[][] positionsOf(FleetState fleet) {
        double[][] pos = new double[fleet.unitCount()][];
        UnitReading r = new UnitReading();
        for (int u = 0; u < pos.length; u++) {
            fleet.readUnit(u, r);
            if (r.hasFix()) {
                pos[u] = new double[] {r.latDeg(), r.lonDeg()};
            }
        }
        return pos;
    }

    private static void assertGridHoldsExactly(FleetState fleet, double[][] pos) {
        UnitGrid g = fleet.grid;
        int[] seen = new int[pos.length];
        int[][] holder = {new int[1]};
        for (int b = 0; b < g.bucketCount(); b++) {
            int n = g.copyBucket(b, holder);
            for (int slot = 0; slot < n; slot++) {
                int u = holder[0][slot];
                seen[u]++;
                assertEquals(b, g.bucket(g.cellX(pos[u][1]), g.cellY(pos[u][0])), "unit " + u + "'s bucket");
                long word = fleet.lines().gridWord(u);
                assertEquals(b, (int) (word >> 32), "unit " + u + "'s grid word: bucket");
                assertEquals(slot, (int) word, "unit " + u + "'s grid word: slot");
            }
        }
        int placed = 0;
        for (int u = 0; u < pos.length; u++) {
            assertEquals(pos[u] == null ? 0 : 1, seen[u], "unit " + u + " in the grid");
            placed += seen[u];
        }
        assertEquals(placed, g.placed);
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

    private static List<Integer> bruteNearest(double[][] pos, double lat, double lon, int k) {
        List<Integer> all = new ArrayList<>();
        for (int u = 0; u < pos.length; u++) {
            if (pos[u] != null) {
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
