package org.bluelamp.fleet;

import java.util.Arrays;
import java.util.Objects;
import org.bluelamp.geo.GeoDistance;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;

/**
 * Finds units by area (box, radius, polygon) and the k nearest to a point in straight line, over
 * the fleet's grid index, while fixes keep arriving.
 *
 * <p>Distances are {@link GeoDistance#equirectangularMetres} from the query point to each unit's
 * newest position. Candidates come from the grid (cheap filter); every candidate's position is then
 * read from the fleet's consistent per-unit snapshot and tested exactly (exact answer). Results are
 * exact for the positions read: a unit whose fix lands while the query runs is judged by either
 * its old or its new position; a unit whose cross-cell move lands while the query runs is still
 * considered (via the grid's move log). A query that finds the fleet's grid replaced when it ends
 * (the automatic grid resized, see {@link GridSizing}) starts again on the new grid. Units
 * without a fix are never returned; stale units are (ranking decides what to do with them).
 *
 * <p>Results stay in this object until the next query: {@link #resultCount()},
 * {@link #resultUnitIndex(int)}, {@link #resultDistanceMetres(int)} (for {@link #nearest} sorted
 * nearest first; for {@link #withinRadius} unsorted; {@code NaN} for box and polygon queries).
 *
 * <p>Longitudes are not wrapped: areas across the antimeridian are not supported. Polygons use JTS
 * with x = longitude, y = latitude; points on the boundary are inside.
 *
 * <p>Thread-safety: not thread-safe; use one per thread ({@link FleetState#newSpatialSearch()}).
 * Queries allocate nothing once the scratch arrays have grown, except polygon queries (one
 * point-in-area locator each).
 */
public final class SpatialSearch {
    private static final int MAX_ATTEMPTS = 3;

    private final FleetState fleet;
    /** The grid of the current attempt (the fleet's, read once per attempt). */
    private UnitGrid grid;

    private final Position position = new Position();
    private final int[][] bucketHolder = {new int[64]};
    private int[] bucketStamp;
    private int[] unitStamp = new int[0];
    private int stamp;

    private int[] resultUnits = new int[16];
    private double[] resultDistances = new double[16];
    private int resultCount;

    // k-nearest max-heap on distance.
    private int[] heapUnits = new int[16];
    private double[] heapDistances = new double[16];
    private int heapSize;
    private int k;

    // Current query.
    private int mode;
    private static final int NEAREST = 0;
    private static final int RADIUS = 1;
    private static final int BOX = 2;
    private static final int POLYGON = 3;
    private double qLat;
    private double qLon;
    private double qRadius;
    private double qMinLat;
    private double qMinLon;
    private double qMaxLat;
    private double qMaxLon;
    private IndexedPointInAreaLocator qLocator;
    private final Coordinate qCoordinate = new Coordinate();
    private UnitFilter qFilter;

    SpatialSearch(FleetState fleet) {
        this.fleet = fleet;
        this.grid = fleet.grid;
        this.bucketStamp = new int[grid.bucketCount()];
    }

    /** Number of units found by the last query. */
    public int resultCount() {
        return resultCount;
    }

    /** Dense index of the {@code i}-th unit found. */
    public int resultUnitIndex(int i) {
        Objects.checkIndex(i, resultCount);
        return resultUnits[i];
    }

    /** Distance of the {@code i}-th unit found from the query point, metres ({@code NaN} for areas). */
    public double resultDistanceMetres(int i) {
        Objects.checkIndex(i, resultCount);
        return resultDistances[i];
    }

    /**
     * The {@code k} units nearest to a point in straight line that pass {@code filter}, nearest
     * first (ties by unit index); fewer if fewer units qualify.
     *
     * @return the number found
     */
    public int nearest(double latDeg, double lonDeg, int k, UnitFilter filter) {
        checkPoint(latDeg, lonDeg);
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + " must be at least 1");
        }
        mode = NEAREST;
        qLat = latDeg;
        qLon = lonDeg;
        qFilter = Objects.requireNonNull(filter, "filter");
        this.k = k;
        if (heapUnits.length < k) {
            heapUnits = new int[k];
            heapDistances = new double[k];
        }
        for (int attempt = 0; ; attempt++) {
            beginQuery();
            heapSize = 0;
            long seq0 = grid.moveSeq.getAcquire();
            int cx = grid.cellX(lonDeg);
            int cy = grid.cellY(latDeg);
            int buckets = grid.bucketCount();
            int scanned = 0;
            for (int r = 0; ; r++) {
                if ((long) (2 * r + 1) * (2 * r + 1) > buckets) {
                    for (int b = 0; b < buckets; b++) {
                        scanBucket(b);
                    }
                    break;
                }
                if (r == 0) {
                    scanned += scanBucket(grid.bucket(cx, cy));
                } else {
                    for (int x = cx - r; x <= cx + r; x++) {
                        scanned += scanBucket(grid.bucket(x, cy - r));
                        scanned += scanBucket(grid.bucket(x, cy + r));
                    }
                    for (int y = cy - r + 1; y <= cy + r - 1; y++) {
                        scanned += scanBucket(grid.bucket(cx - r, y));
                        scanned += scanBucket(grid.bucket(cx + r, y));
                    }
                }
                if (heapSize == k && heapDistances[0] <= lowerBoundOutside(latDeg, lonDeg, cx, cy, r)) {
                    break;
                }
                if (scanned == buckets) {
                    break;
                }
            }
            if (finishWithMoveLog(seq0)) {
                break;
            }
            if (attempt == MAX_ATTEMPTS) {
                scanAllUnits();
                break;
            }
        }
        // Sort the heap into the result, nearest first.
        ensureResultCapacity(heapSize);
        resultCount = heapSize;
        for (int i = heapSize - 1; i >= 0; i--) {
            resultUnits[i] = heapUnits[0];
            resultDistances[i] = heapDistances[0];
            heapPopMax();
        }
        return resultCount;
    }

    /**
     * Units within {@code radiusMetres} of a point that pass {@code filter}, unsorted.
     *
     * @return the number found
     */
    public int withinRadius(double latDeg, double lonDeg, double radiusMetres, UnitFilter filter) {
        checkPoint(latDeg, lonDeg);
        if (!(radiusMetres >= 0) || Double.isInfinite(radiusMetres)) {
            throw new IllegalArgumentException("radiusMetres " + radiusMetres + " must be finite and >= 0");
        }
        mode = RADIUS;
        qLat = latDeg;
        qLon = lonDeg;
        qRadius = radiusMetres;
        qFilter = Objects.requireNonNull(filter, "filter");
        double dLat = radiusMetres / GeoDistance.METRES_PER_DEGREE;
        double maxAbsLat = Math.min(90, Math.abs(latDeg) + dLat);
        double cos = Math.cos(Math.toRadians(maxAbsLat));
        double dLon = cos < 1e-6 ? 360 : dLat / cos;
        runArea(latDeg - dLat, lonDeg - dLon, latDeg + dLat, lonDeg + dLon);
        return resultCount;
    }

    /**
     * Units inside a latitude/longitude box (edges included) that pass {@code filter}.
     *
     * @return the number found
     */
    public int withinBox(double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg, UnitFilter filter) {
        checkPoint(minLatDeg, minLonDeg);
        checkPoint(maxLatDeg, maxLonDeg);
        if (minLatDeg > maxLatDeg || minLonDeg > maxLonDeg) {
            throw new IllegalArgumentException("box min (" + minLatDeg + ", " + minLonDeg + ") must not exceed max ("
                    + maxLatDeg + ", " + maxLonDeg + ")");
        }
        mode = BOX;
        qMinLat = minLatDeg;
        qMinLon = minLonDeg;
        qMaxLat = maxLatDeg;
        qMaxLon = maxLonDeg;
        qFilter = Objects.requireNonNull(filter, "filter");
        runArea(minLatDeg, minLonDeg, maxLatDeg, maxLonDeg);
        return resultCount;
    }

    /**
     * Units inside a polygon or multipolygon (x = longitude, y = latitude, boundary included) that
     * pass {@code filter}. The polygon's envelope selects the cells; a point-in-area locator gives
     * the exact answer.
     *
     * @return the number found
     */
    public int withinPolygon(Geometry polygon, UnitFilter filter) {
        Objects.requireNonNull(polygon, "polygon");
        if (!(polygon instanceof Polygonal)) {
            throw new IllegalArgumentException("polygon is a " + polygon.getGeometryType()
                    + ": give a Polygon or MultiPolygon in longitude/latitude");
        }
        mode = POLYGON;
        qFilter = Objects.requireNonNull(filter, "filter");
        resultCount = 0;
        if (polygon.isEmpty()) {
            return 0;
        }
        Envelope env = polygon.getEnvelopeInternal();
        qMinLat = env.getMinY();
        qMinLon = env.getMinX();
        qMaxLat = env.getMaxY();
        qMaxLon = env.getMaxX();
        qLocator = new IndexedPointInAreaLocator(polygon);
        try {
            runArea(qMinLat, qMinLon, qMaxLat, qMaxLon);
        } finally {
            qLocator = null;
        }
        return resultCount;
    }

    private static void checkPoint(double latDeg, double lonDeg) {
        if (!(latDeg >= -90 && latDeg <= 90)) {
            throw new IllegalArgumentException("latDeg " + latDeg + " is outside [-90, 90]");
        }
        if (!(lonDeg >= -180 && lonDeg <= 180)) {
            throw new IllegalArgumentException("lonDeg " + lonDeg + " is outside [-180, 180]");
        }
    }

    private void runArea(double minLat, double minLon, double maxLat, double maxLon) {
        for (int attempt = 0; ; attempt++) {
            beginQuery();
            resultCount = 0;
            long seq0 = grid.moveSeq.getAcquire();
            int x0 = grid.cellX(minLon);
            int x1 = grid.cellX(maxLon);
            int y0 = grid.cellY(minLat);
            int y1 = grid.cellY(maxLat);
            int buckets = grid.bucketCount();
            if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) >= buckets) {
                for (int b = 0; b < buckets; b++) {
                    scanBucket(b);
                }
            } else {
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        scanBucket(grid.bucket(x, y));
                    }
                }
            }
            if (finishWithMoveLog(seq0)) {
                return;
            }
            if (attempt == MAX_ATTEMPTS) {
                scanAllUnits();
                return;
            }
        }
    }

    private void beginQuery() {
        UnitGrid g = fleet.grid;
        if (g != grid) {
            grid = g;
            if (bucketStamp.length < g.bucketCount()) {
                bucketStamp = new int[g.bucketCount()]; // stamps only ever grow: zeros are never current
            }
        }
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            stamp = 1;
            Arrays.fill(unitStamp, 0);
            Arrays.fill(bucketStamp, 0);
        }
        int n = fleet.unitCount();
        if (unitStamp.length < n) {
            unitStamp = Arrays.copyOf(unitStamp, Math.max(n, unitStamp.length * 2));
        }
    }

    /** Scans a bucket unless already scanned in this query; returns 1 if it was newly scanned. */
    private int scanBucket(int b) {
        if (bucketStamp[b] == stamp) {
            return 0;
        }
        bucketStamp[b] = stamp;
        int n = grid.copyBucket(b, bucketHolder);
        int[] members = bucketHolder[0];
        for (int i = 0; i < n; i++) {
            consider(members[i]);
        }
        return 1;
    }

    /**
     * Considers the units that changed bucket since {@code seq0}. Returns false if the move log
     * wrapped meanwhile, or the fleet's grid was replaced (the query must start again).
     */
    private boolean finishWithMoveLog(long seq0) {
        long seq1 = grid.moveSeq.getAcquire();
        if (seq1 - seq0 >= UnitGrid.MOVE_LOG_SIZE) {
            return false;
        }
        int[] log = grid.moveLog;
        for (long s = seq0; s < seq1; s++) {
            int u = log[(int) s & (UnitGrid.MOVE_LOG_SIZE - 1)];
            if (u >= 0 && u < fleet.unitCount()) {
                consider(u);
            }
        }
        java.lang.invoke.VarHandle.loadLoadFence();
        return grid.moveSeq.getAcquire() - seq0 < UnitGrid.MOVE_LOG_SIZE && fleet.grid == grid;
    }

    /** A unit's newest position, copied consistently from its state line. */
    private static final class Position extends UnitLines.Reader {
        double latDeg;
        double lonDeg;
        long timeMillis;

        @Override
        void copy(UnitLines.Chunk chunk, int offset, long[] state, int base) {
            latDeg = UnitLines.latDeg(state, base);
            lonDeg = UnitLines.lonDeg(state, base);
            timeMillis = UnitLines.timeMillis(state, base);
        }
    }

    /** The fallback: every unit, no grid. */
    private void scanAllUnits() {
        beginQuery();
        heapSize = 0;
        resultCount = 0;
        int n = fleet.unitCount();
        for (int u = 0; u < n; u++) {
            consider(u);
        }
    }

    private void consider(int u) {
        if (u >= unitStamp.length) {
            unitStamp = Arrays.copyOf(unitStamp, Math.max(u + 1, unitStamp.length * 2));
        }
        if (unitStamp[u] == stamp) {
            return;
        }
        unitStamp[u] = stamp;
        fleet.lines().read(u, position);
        if (position.timeMillis == FleetState.NO_FIX) {
            return;
        }
        double lat = position.latDeg;
        double lon = position.lonDeg;
        switch (mode) {
            case NEAREST -> {
                double d = GeoDistance.equirectangularMetres(qLat, qLon, lat, lon);
                if (heapSize == k && !closer(d, u, heapDistances[0], heapUnits[0])) {
                    return;
                }
                if (qFilter.test(u)) {
                    heapOffer(u, d);
                }
            }
            case RADIUS -> {
                double d = GeoDistance.equirectangularMetres(qLat, qLon, lat, lon);
                if (d <= qRadius && qFilter.test(u)) {
                    addResult(u, d);
                }
            }
            case BOX -> {
                if (lat >= qMinLat && lat <= qMaxLat && lon >= qMinLon && lon <= qMaxLon && qFilter.test(u)) {
                    addResult(u, Double.NaN);
                }
            }
            default -> {
                if (lat >= qMinLat && lat <= qMaxLat && lon >= qMinLon && lon <= qMaxLon) {
                    qCoordinate.x = lon;
                    qCoordinate.y = lat;
                    if (qLocator.locate(qCoordinate) != Location.EXTERIOR && qFilter.test(u)) {
                        addResult(u, Double.NaN);
                    }
                }
            }
        }
    }

    /**
     * A lower bound on the distance from the query point to any point outside the block of cells
     * within Chebyshev distance {@code r} of its cell: north/south, at least the latitude gap;
     * east/west (for points in the block's latitude band), at least the longitude gap scaled by the
     * cosine of the band's largest absolute latitude, which bounds the mean-latitude cosine used by
     * {@link GeoDistance#equirectangularMetres} from below.
     */
    private double lowerBoundOutside(double lat, double lon, int cx, int cy, int r) {
        double south = (cy - r) * grid.cellLatDeg;
        double north = (cy + r + 1) * grid.cellLatDeg;
        double west = (cx - r) * grid.cellLonDeg;
        double east = (cx + r + 1) * grid.cellLonDeg;
        double latGap = Math.min(lat - south, north - lat);
        double maxAbsLat = Math.min(90, Math.max(Math.abs(south), Math.abs(north)));
        double lonGap = Math.min(lon - west, east - lon) * Math.cos(Math.toRadians(maxAbsLat));
        return GeoDistance.METRES_PER_DEGREE * Math.max(0, Math.min(latGap, lonGap));
    }

    private static boolean closer(double d, int u, double dOther, int uOther) {
        return d < dOther || (d == dOther && u < uOther);
    }

    private void heapOffer(int u, double d) {
        if (heapSize < k) {
            int i = heapSize++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!closer(heapDistances[parent], heapUnits[parent], d, u)) {
                    break;
                }
                heapUnits[i] = heapUnits[parent];
                heapDistances[i] = heapDistances[parent];
                i = parent;
            }
            heapUnits[i] = u;
            heapDistances[i] = d;
        } else {
            siftDown(0, u, d);
        }
    }

    private void heapPopMax() {
        int last = --heapSize;
        if (last > 0) {
            siftDown(0, heapUnits[last], heapDistances[last]);
        }
    }

    /** Places (u, d) at {@code i} or below so that every parent is farther than its children. */
    private void siftDown(int i, int u, double d) {
        for (; ; ) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            int right = child + 1;
            if (right < heapSize
                    && closer(heapDistances[child], heapUnits[child], heapDistances[right], heapUnits[right])) {
                child = right;
            }
            if (!closer(d, u, heapDistances[child], heapUnits[child])) {
                break;
            }
            heapUnits[i] = heapUnits[child];
            heapDistances[i] = heapDistances[child];
            i = child;
        }
        heapUnits[i] = u;
        heapDistances[i] = d;
    }

    private void addResult(int u, double d) {
        ensureResultCapacity(resultCount + 1);
        resultUnits[resultCount] = u;
        resultDistances[resultCount] = d;
        resultCount++;
    }

    private void ensureResultCapacity(int n) {
        if (n > resultUnits.length) {
            int size = Math.max(n, resultUnits.length * 2);
            resultUnits = Arrays.copyOf(resultUnits, size);
            resultDistances = Arrays.copyOf(resultDistances, size);
        }
    }
}
