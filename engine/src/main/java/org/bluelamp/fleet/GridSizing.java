package org.bluelamp.fleet;

import java.util.Arrays;

/**
 * Sizes the automatic fleet grid ({@link FleetOptions#AUTOMATIC_GRID}) from where the fleet's
 * units are, so that a nearest-first fetch scans few empty cells and few far-away units.
 *
 * <p>The measure is the mean number of units in an <em>occupied</em> cell, counted over the
 * units' newest positions: unlike the fleet's box (area ÷ units), it follows the fleet's shape,
 * so a fleet along a coast, in a few towns or with one unit far away is sized by where its units
 * actually stand. Cell sides come in fixed steps ({@link #STEPS_METRES}, doubling from 125 m to
 * 64 km, so the grids of two steps nest and the measure grows with the side); the side chosen is
 * the smallest step with at least {@value #CHOOSE_MIN_PER_CELL} units an occupied cell (so 2 to
 * about 6.4: on a uniform spread, 1.6 to 6.4 units a cell of the area, where the national
 * measurement of 2,300 m cells had 2.7 and 4,600 m ones 10.8 at the same cost), or the largest
 * step if none has. Buckets: a power of two at least four times the occupied cells (1,024 to 2^20), so a
 * bucket rarely holds two cells' units.
 *
 * <p>Hysteresis: a check keeps the current grid while its measure stays within
 * [{@value #KEEP_MIN_PER_CELL}, {@value #KEEP_MAX_PER_CELL}] and its buckets are at least twice its
 * occupied cells; checks come when the placed units have doubled or after 16 changes of bucket
 * per placed unit. So a fleet growing from nothing to 100,000 units is checked about 11 times and
 * rebuilt about 5 times, and a fleet of steady size is rebuilt only when its spread changes 4-fold.
 * No check before {@value #FIRST_CHECK_UNITS} units have a position (the grid of the options, 500
 * m, until then).
 *
 * <p>Cost: a check reads every registered unit's line once and counts occupied cells with an
 * open-addressing set (one to five counts); a rebuild places every unit again. Both run on the fix
 * writer inside the fix that made them due, never on the path of a fix that stays in its bucket:
 * at 100,000 units a rebuild took 8-18 ms of CPU and a check that kept the grid at most 5 ms
 * ({@code GridRebuildTime} in the benchmarks, benchmarks/RESULTS.md, issue 13 points 4-5, eighth
 * round).
 *
 * <p>Thread-safety: static methods for the fix writer only.
 */
final class GridSizing {
    /** The cell sides a sizing chooses from, metres. */
    static final double[] STEPS_METRES = {125, 250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000};

    /** The side of the automatic grid before its first sizing, metres. */
    static final double INITIAL_CELL_METRES = 500;

    static final int FIRST_CHECK_UNITS = 64;
    static final double CHOOSE_MIN_PER_CELL = 2;
    static final double KEEP_MIN_PER_CELL = 1.4;
    static final double KEEP_MAX_PER_CELL = 8;
    static final int MOVES_PER_UNIT_BETWEEN_CHECKS = 16;
    static final int MIN_BUCKETS = 1 << 10;
    static final int MAX_BUCKETS = 1 << 20;

    private GridSizing() {}

    /** Schedules the first check of a new automatic grid. */
    static void scheduleFirst(UnitGrid grid) {
        grid.checkAtPlaced = FIRST_CHECK_UNITS;
        grid.checkAtMoveSeq = Long.MAX_VALUE;
    }

    /**
     * Checks {@code current}'s size against the fleet's placed units; returns it (with its next
     * check scheduled) when it still fits, else a new grid holding every placed unit (not yet
     * published: the caller does that). Fix writer only.
     */
    static UnitGrid check(FleetState fleet, UnitGrid current) {
        Positions p = Positions.of(fleet);
        int n = p.count;
        if (n >= FIRST_CHECK_UNITS) {
            long occupiedNow = occupiedCells(p, current.cellLatDeg, current.cellLonDeg);
            double perCell = (double) n / occupiedNow;
            boolean fits = perCell >= KEEP_MIN_PER_CELL
                    && perCell <= KEEP_MAX_PER_CELL
                    && 2 * occupiedNow <= current.bucketCount();
            if (!fits) {
                double refLat = Math.max(-80, Math.min(80, Math.rint(p.meanLatDeg())));
                int step = chooseStep(p, refLat);
                double cell = STEPS_METRES[step];
                long occupied = occupiedCells(p, cellLatDeg(cell), cellLonDeg(cell, refLat));
                int buckets = bucketsFor(occupied);
                UnitGrid next = UnitGrid.rebuilt(fleet, cell, buckets, refLat);
                schedule(next, next.placed);
                return next;
            }
        }
        schedule(current, Math.max(n, current.placed));
        return current;
    }

    /** Schedules {@code grid}'s next check: at twice {@code placed} units, or 16 changes of bucket a unit. */
    static void schedule(UnitGrid grid, int placed) {
        grid.checkAtPlaced = Math.max(FIRST_CHECK_UNITS, 2L * placed);
        grid.checkAtMoveSeq = grid.moveSeq.getPlain() + (long) MOVES_PER_UNIT_BETWEEN_CHECKS * Math.max(placed, 64);
    }

    /** The smallest step with at least {@link #CHOOSE_MIN_PER_CELL} units an occupied cell (binary search). */
    static int chooseStep(Positions p, double refLatDeg) {
        int lo = 0;
        int hi = STEPS_METRES.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double cell = STEPS_METRES[mid];
            long occupied = occupiedCells(p, cellLatDeg(cell), cellLonDeg(cell, refLatDeg));
            if ((double) p.count / occupied >= CHOOSE_MIN_PER_CELL) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int bucketsFor(long occupiedCells) {
        long want = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, 4 * occupiedCells));
        return (int) Math.min(MAX_BUCKETS, Long.highestOneBit(want - 1) << 1);
    }

    static double cellLatDeg(double cellMetres) {
        return cellMetres / org.bluelamp.geo.GeoDistance.METRES_PER_DEGREE;
    }

    static double cellLonDeg(double cellMetres, double refLatDeg) {
        return cellLatDeg(cellMetres) / Math.cos(Math.toRadians(refLatDeg));
    }

    /** Distinct cells holding at least one of the positions, for cells of the given size (as {@link UnitGrid}). */
    static long occupiedCells(Positions p, double cellLatDeg, double cellLonDeg) {
        int n = p.count;
        int capacity = Integer.highestOneBit(Math.max(4, 2 * n) - 1) << 1;
        long[] keys = new long[capacity];
        Arrays.fill(keys, Long.MIN_VALUE);
        int mask = capacity - 1;
        long distinct = 0;
        for (int i = 0; i < n; i++) {
            int cx = (int) Math.floor(p.lonDeg[i] / cellLonDeg);
            int cy = (int) Math.floor(p.latDeg[i] / cellLatDeg);
            long key = ((long) cx << 32) | (cy & 0xFFFF_FFFFL);
            long h = key * 0x9E37_79B9_7F4A_7C15L;
            int slot = (int) (h >>> 32) & mask;
            while (true) {
                long k = keys[slot];
                if (k == Long.MIN_VALUE) {
                    keys[slot] = key;
                    distinct++;
                    break;
                }
                if (k == key) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return Math.max(1, distinct);
    }

    /** The newest positions of the units placed in the grid (those with a grid word). */
    static final class Positions {
        final double[] latDeg;
        final double[] lonDeg;
        final int count;

        Positions(double[] latDeg, double[] lonDeg, int count) {
            this.latDeg = latDeg;
            this.lonDeg = lonDeg;
            this.count = count;
        }

        static Positions of(FleetState fleet) {
            UnitLines lines = fleet.lines();
            int units = fleet.unitCount();
            double[] lat = new double[units];
            double[] lon = new double[units];
            int n = 0;
            for (int u = 0; u < units; u++) {
                if (lines.gridWord(u) == -1) {
                    continue;
                }
                long[] s = lines.chunk(u).state;
                int base = UnitLines.base(u);
                lat[n] = UnitLines.latDeg(s, base);
                lon[n] = UnitLines.lonDeg(s, base);
                n++;
            }
            return new Positions(lat, lon, n);
        }

        double meanLatDeg() {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += latDeg[i];
            }
            return count == 0 ? 0 : sum / count;
        }
    }
}
