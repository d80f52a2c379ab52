package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hashed uniform grid: buckets hold exactly the units whose cell hashes there, however they move. */
class UnitGridTest {
    final FleetState fleet = new FleetState(FleetOptions.defaults().withGrid(500, 64));
    final UnitGrid grid = fleet.grid;

    int register() {
        return fleet.register(UnitSpec.minimal("U" + fleet.unitCount(), UnitKind.CAR), UnitStatus.AVAILABLE, 0)
                .unitIndex();
    }

    int[] members(int bucket) {
        int[][] holder = {new int[1]};
        int n = grid.copyBucket(bucket, holder);
        int[] m = Arrays.copyOf(holder[0], n);
        Arrays.sort(m);
        return m;
    }

    int bucketOf(double lat, double lon) {
        return grid.bucket(grid.cellX(lon), grid.cellY(lat));
    }

    @Test
    void cellsAreSquareOnTheGroundAtTheReferenceLatitude() {
        double latMetres = grid.cellLatDeg * 111_195;
        double lonMetres = grid.cellLonDeg
                * 111_195
                * Math.cos(Math.toRadians(fleet.options().gridReferenceLatitudeDeg()));
        assertEquals(500, latMetres, 1);
        assertEquals(500, lonMetres, 1);
        assertEquals(64, grid.bucketCount());
    }

    @Test
    void aRememberedBucketIsUsedOnlyForItsExactPosition() {
        int u = register();
        int v = register();
        double lat = 52.6;
        double lon = -0.7;
        int right = bucketOf(lat, lon);
        int wrong = (right + 1) & (grid.bucketCount() - 1);
        // the memo of the staged batch: a bucket for exactly (lat, lon); a deliberately wrong one
        // here, to see which moves use it
        grid.rememberBucket(Double.doubleToRawLongBits(lat), Double.doubleToRawLongBits(lon), wrong);
        double nextLat = Math.nextUp(lat);
        assertEquals(right, bucketOf(nextLat, lon), "the next double up is in the same cell");
        grid.move(u, nextLat, lon); // one ulp away: computed, not the memo
        assertEquals(right, (int) (fleet.lines().gridWord(u) >> 32));
        grid.move(v, lat, lon); // exactly the remembered position: the memo's bucket
        assertEquals(wrong, (int) (fleet.lines().gridWord(v) >> 32));
        // a new grid's memo is the bucket of (NaN, NaN), which it computes: never wrong
        FleetState other = new FleetState(FleetOptions.defaults().withGrid(500, 64));
        int w = other.register(UnitSpec.minimal("W", UnitKind.CAR), UnitStatus.AVAILABLE, 0)
                .unitIndex();
        other.grid.move(w, lat, lon);
        assertEquals(right, (int) (other.lines().gridWord(w) >> 32));
    }

    @Test
    void movingUnitsAreAlwaysInExactlyTheBucketOfTheirCell() {
        Random rnd = new Random(17);
        int units = 300;
        double[][] at = new double[units][];
        for (int i = 0; i < units; i++) {
            register();
        }
        long movesLogged = grid.moveSeq.get();
        int crossBucketMoves = 0;
        for (int step = 0; step < 5_000; step++) {
            int u = rnd.nextInt(units);
            double lat = 52.5 + rnd.nextDouble() * 0.3;
            double lon = -0.9 + rnd.nextDouble() * 0.4;
            int before = at[u] == null ? -1 : bucketOf(at[u][0], at[u][1]);
            grid.move(u, lat, lon);
            if (before != bucketOf(lat, lon)) {
                crossBucketMoves++;
            }
            at[u] = new double[] {lat, lon};
        }
        // every bucket holds exactly its units, each once
        int total = 0;
        for (int b = 0; b < grid.bucketCount(); b++) {
            int[] expected = new int[units];
            int n = 0;
            for (int u = 0; u < units; u++) {
                if (at[u] != null && bucketOf(at[u][0], at[u][1]) == b) {
                    expected[n++] = u;
                }
            }
            assertArrayEquals(Arrays.copyOf(expected, n), members(b), "bucket " + b);
            total += n;
            // each member's grid word names this bucket and its own slot (removals move the last unit)
            int[][] holder = {new int[0]};
            int count = grid.copyBucket(b, holder);
            for (int slot = 0; slot < count; slot++) {
                long word = fleet.lines().gridWord(holder[0][slot]);
                assertEquals(b, (int) (word >> 32));
                assertEquals(slot, (int) word);
            }
        }
        assertEquals(Arrays.stream(at).filter(a -> a != null).count(), total);
        assertEquals(crossBucketMoves, grid.moveSeq.get() - movesLogged, "one log entry per change of bucket");
    }

    @Test
    void aMoveWithinTheSameBucketChangesNothing() {
        int u = register();
        grid.move(u, 52.60, -0.70);
        long seq = grid.moveSeq.get();
        int b = bucketOf(52.60, -0.70);
        grid.move(u, 52.6001, -0.7001); // same cell
        assertEquals(seq, grid.moveSeq.get());
        assertArrayEquals(new int[] {u}, members(b));
    }

    @Test
    void fullBucketsGrow() {
        FleetState small = new FleetState(FleetOptions.defaults().withGrid(500, 64));
        for (int i = 0; i < 50; i++) {
            small.register(UnitSpec.minimal("S" + i, UnitKind.CAR), UnitStatus.AVAILABLE, 0);
            small.grid.move(i, 52.6, -0.7); // all in one cell: one bucket grows from 4 to 64 places
        }
        int[][] holder = {new int[0]};
        assertEquals(
                50, small.grid.copyBucket(small.grid.bucket(small.grid.cellX(-0.7), small.grid.cellY(52.6)), holder));
        // every unit's grid word points at its own slot
        for (int slot = 0; slot < 50; slot++) {
            int unit = holder[0][slot];
            assertEquals(slot, (int) small.lines().gridWord(unit));
        }
    }
}
