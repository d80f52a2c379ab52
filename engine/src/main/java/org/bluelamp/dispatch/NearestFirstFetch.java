package org.bluelamp.dispatch;

import java.util.Arrays;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.SpatialSearch;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.geo.GeoPoint;

/**
 * Fetches a query's units from the fleet's grid nearest-first, in growing batches (64, 256, ...
 * or more when the request needs more units), handing out each unit once. After each batch it
 * tells how far out it has reached: every unit not yet handed out is at least that far from the
 * incident in straight line (the distance {@link ReachBound} turns into a time ceiling).
 *
 * <p>Not thread-safe: one per query thread, reused; allocation-free once grown to the fleet.
 */
final class NearestFirstFetch {
    /** How many times larger each batch is than the one before, by default. */
    static final int GROWTH = 4;

    private static final int MIN_BATCH = 64;

    /** This fetch's batch growth (default {@value #GROWTH}; at least 2). */
    int growth = GROWTH;

    private SpatialSearch spatial;
    private FleetState spatialFleet;
    private int[] handedOutStamp = new int[0];
    private int stamp;

    private GeoPoint at;
    private int batch;
    private int found;
    private int[] fresh = new int[MIN_BATCH];
    private double[] freshMetres = new double[MIN_BATCH];
    private int freshCount;
    private int handedOut;
    private boolean fetched;

    /**
     * Starts fetching around {@code at}; the first batch holds at least eight times the units
     * the request asks for ({@code unitsWanted}).
     */
    void begin(FleetState fleet, GeoPoint at, int unitsWanted) {
        if (spatialFleet != fleet) {
            spatial = fleet.newSpatialSearch();
            spatialFleet = fleet;
        }
        int units = fleet.unitCount();
        if (handedOutStamp.length < units) {
            handedOutStamp = new int[Math.max(units, handedOutStamp.length * 2)];
            stamp = 0;
        }
        if (++stamp == 0) {
            Arrays.fill(handedOutStamp, 0);
            stamp = 1;
        }
        this.at = at;
        this.batch = Math.max(MIN_BATCH, 8 * unitsWanted);
        this.found = 0;
        this.freshCount = 0;
        this.handedOut = 0;
        this.fetched = false;
    }

    /**
     * Fetches the next batch: the nearest {@code batch} units with a position, of which the ones
     * not handed out before become {@link #freshUnit(int)} 0 .. {@link #freshCount()} - 1. The
     * batch after this one is {@link #growth} times larger.
     */
    void next() {
        if (fetched) {
            batch = (int) Math.min(Integer.MAX_VALUE / 2, batch * (long) growth);
        }
        fetched = true;
        found = spatial.nearest(at.latDeg(), at.lonDeg(), batch, UnitFilter.ALL);
        freshCount = 0;
        for (int j = 0; j < found; j++) {
            int unit = spatial.resultUnitIndex(j);
            if (markHandedOut(unit)) {
                if (freshCount == fresh.length) {
                    fresh = Arrays.copyOf(fresh, freshCount * 2);
                    freshMetres = Arrays.copyOf(freshMetres, freshCount * 2);
                }
                fresh[freshCount] = unit;
                freshMetres[freshCount] = spatial.resultDistanceMetres(j);
                freshCount++;
            }
        }
    }

    private boolean markHandedOut(int unit) {
        if (unit >= handedOutStamp.length) {
            handedOutStamp = Arrays.copyOf(handedOutStamp, Math.max(unit + 1, handedOutStamp.length * 2));
        }
        if (handedOutStamp[unit] == stamp) {
            return false;
        }
        handedOutStamp[unit] = stamp;
        handedOut++;
        return true;
    }

    /** Units of the last batch not handed out before. */
    int freshCount() {
        return freshCount;
    }

    /** The {@code i}-th new unit of the last batch (nearest first). */
    int freshUnit(int i) {
        return fresh[i];
    }

    /** Its straight-line (equirectangular) distance from the incident, metres. */
    double freshMetres(int i) {
        return freshMetres[i];
    }

    /** Whether the last batch held every unit with a position (it was not full). */
    boolean reachedEveryUnit() {
        return found < batch;
    }

    /**
     * The straight-line distance of the farthest unit of the last batch: no unit not handed out
     * is nearer. Only meaningful while {@link #reachedEveryUnit()} is false.
     */
    double reachedMetres() {
        return spatial.resultDistanceMetres(found - 1);
    }

    /** Units handed out this query. */
    int handedOutCount() {
        return handedOut;
    }
}
