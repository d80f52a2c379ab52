package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The narrowest race of the grid's move: one unit hops between two neighbouring cells while a query
 * covering both runs over and over. A query scans the western cell first; a hop east to west can
 * land between its scan of the western cell (not there yet) and of the eastern one (gone), and only
 * the move log can tell it. A move logged after the old bucket lets go of the unit leaves a window
 * in which the query reads the log's sequence before the entry appears: such a grid missed the unit
 * within half a second here (15,183 of 51 million queries over 10 s), and once failed
 * {@code GridSizingTest}'s concurrent test in CI. The test stops at the first miss.
 */
class UnitGridConcurrencyTest {
    private static final long RUN_NANOS = 2_000_000_000L;

    @Test
    @Timeout(60)
    void aUnitHoppingBetweenTwoCellsIsFoundByEveryQuery() throws Exception {
        FleetState fleet = SpatialSearchTest.fleetOf(1, FleetOptions.defaults().withGrid(1_000, 1 << 10));
        UnitGrid grid = fleet.grid;
        double lat = 53.8 + grid.cellLatDeg / 2;
        double west = grid.cellX(-1.55) * grid.cellLonDeg + grid.cellLonDeg / 2; // the middle of a cell
        double east = west + grid.cellLonDeg;
        assertTrue(grid.bucket(grid.cellX(west), grid.cellY(lat)) != grid.bucket(grid.cellX(east), grid.cellY(lat)));
        SpatialSearchTest.place(fleet, 0, lat, west, SpatialSearchTest.T0);
        double radiusMetres = 1_200; // from the point between the two: both cells, and both positions
        double midLon = (west + east) / 2;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong misses = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        Thread reader = new Thread(() -> {
            SpatialSearch search = fleet.newSpatialSearch();
            long q = 0;
            while (!stop.get()) {
                if (search.withinBox(lat - 0.001, west, lat + 0.001, east, UnitFilter.ALL) != 1) {
                    misses.incrementAndGet();
                }
                if (search.withinRadius(lat, midLon, radiusMetres, UnitFilter.ALL) != 1) {
                    misses.incrementAndGet();
                }
                q += 2;
            }
            queries.set(q);
        });
        reader.start();
        long time = SpatialSearchTest.T0;
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end && misses.get() == 0) {
            for (int i = 0; i < 10_000; i++) {
                SpatialSearchTest.place(fleet, 0, lat, (i & 1) == 0 ? east : west, ++time);
            }
        }
        stop.set(true);
        reader.join();
        assertEquals(0, misses.get(), "queries that missed the unit, of " + queries.get());
        assertTrue(queries.get() > 1_000, queries.get() + " queries");
    }
}
