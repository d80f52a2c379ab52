package org.bluelamp.road;

import com.graphhopper.GraphHopper;
import com.graphhopper.geohash.SpatialKeyAlgo;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.DAType;
import com.graphhopper.storage.GHDirectory;
import com.graphhopper.storage.index.IndexStructureInfo;
import com.graphhopper.storage.index.LineIntIndex;
import com.graphhopper.storage.index.LocationIndexTree;
import com.graphhopper.util.DistancePlaneProjection;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.Helper;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.BBox;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;

/**
 * Snaps a point to the road edge a profile may use, with exactly GraphHopper's answer and
 * without GraphHopper's allocation: the same edge, closest node, way index, position, snapped
 * point and query distance as {@code LocationIndexTree.findClosest} with the profile's
 * subnetwork snap filter ({@link RoadNetwork#snapFilter}), and the same position along the edge
 * as {@link TravelTimeGraph#place} measures from it.
 *
 * <p><b>How it stays exact.</b> GraphHopper's answer depends on more than distance: its location
 * index visits square rings of tiles around the query (up to four rings), keeps a candidate only
 * when it is strictly closer than the best so far (so among equal distances the first visited
 * wins), and stops after a ring once the best is closer than the ring's outer border. This class
 * holds GraphHopper's own tile lists, read once from the graph cache's {@code location_index}
 * with GraphHopper's {@link LineIntIndex}, visits them in the same order, evaluates each edge's
 * towers, shape points and segments with the same floating-point operations
 * ({@link DistancePlaneProjection}) and applies the same stopping rule; so ties and the rare
 * far-from-road cases resolve exactly as GraphHopper resolves them. The only thing it adds is a
 * lower bound: an edge whose bounding box is provably further (by more than a millimetre, far
 * above the rounding of these computations) than the best candidate so far is skipped, which
 * cannot change the answer because only a strictly closer candidate replaces the best one. To
 * make that bound bite from the first edge, the window is capped from the start by a guess (the
 * plane distance to the nearest usable segment of the query's own tile, without trigonometry);
 * the guess is checked after every ring and the search is repeated without it when the best so
 * far did not lie well inside it (see {@link #search}), so a wrong guess costs time, never
 * exactness.
 *
 * <p><b>Ties.</b> When two edges are at exactly the same distance (a point on a junction is on
 * every edge meeting there; a point equidistant from two parallel carriageways), both answers
 * are exact snaps; the one returned is the edge GraphHopper visits first: the first tile of the
 * first ring holding it, and within a tile the lowest edge id (GraphHopper fills a tile's list
 * edge by edge). Within one edge the base tower is preferred to the adjacent one only when
 * strictly closer. The time to reach the incident is the same either way when the point is on
 * a junction, since the placement is then at the shared node.
 *
 * <p>Memory: GraphHopper's tile lists as one flat array of 16-byte entries (edge and profile
 * bits, the edge's bounding box as 16-bit steps from the tile's corner rounded outwards
 * ({@link TileBoxes}), where its geometry starts), each entry with its own copy of its edge's
 * geometry (integers of 10⁻⁷ degrees, as GraphHopper stores them) so that a snap reads memory
 * front to back; per tile where its entries start and how far they reach beyond it; per edge one
 * record of what only the answer needs (end nodes, distance, where its segment lengths start) and
 * per shape point the length of the segment before it; for tiles of 12 or more entries, per
 * quarter (widened by about 40 m) the list of entries whose box meets it, scanned instead of the
 * whole tile when the search window lies inside the query's widened quarter. Built once (a few seconds per
 * million edges); immutable and safe to share between threads, except that a large network's snap cells
 * ({@link SnapCells}) arrive later from a background thread, published through a volatile field (a snap reads it once;
 * the answer is the same with or without them). {@link #snap} allocates nothing.
 */
public final class EdgeSnapIndex {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EdgeSnapIndex.class);

    /**
     * Rings of tiles GraphHopper's location index searches before it gives up
     * ({@code LocationIndexTree} default, {@code index.max_region_search}; {@link RoadNetwork}
     * does not change it).
     */
    static final int MAX_REGION_SEARCH = 4;

    /** Skip margin: an edge is skipped only when its lower bound exceeds the best by this much, metres. */
    private static final double PRUNE_MARGIN_METRES = 0.001;

    private static final double EARTH_RADIUS_METRES = 6_371_000.0;
    private static final double RADIANS_PER_UNIT = Math.toRadians(1e-7);
    private static final double DEG_TO_RAD = Math.PI / 180;
    /** Squared storage units (10^-7 degrees) to squared radians, lowered by a relative 10^-9 for rounding. */
    private static final double LOWER_BOUND_UNITS_SQUARED = RADIANS_PER_UNIT * RADIANS_PER_UNIT * (1 - 1e-9);
    /**
     * How much {@link #estimateCap} enlarges its guess (squared plane distance) before trusting it
     * as a window: GraphHopper's cosines differ from the query's by a relative 10^-4 within a
     * few hundred metres, so a guess this much larger almost never needs the second search.
     */
    private static final double CAP_SLACK = 1.001;

    private static final int PROFILE_BITS = 4;
    private static final int EDGE_MASK = (1 << (31 - PROFILE_BITS)) - 1;
    private static final int ENTRY_INTS = 4; // 16 bytes: four entries a cache line
    private static final int E_EDGE = 0; // edge id and profile bits
    private static final int E_LAT = 1; // the box's latitudes, 16 bits each (see TileBoxes)
    private static final int E_LON = 2; // the box's longitudes, 16 bits each
    private static final int E_FIRST_POINT = 3;
    /** Tile word: the entries' start in the low bits, the tile's box shift above them. */
    private static final int TILE_START_BITS = 27;

    private static final int TILE_START_MASK = (1 << TILE_START_BITS) - 1;
    /** Ints per tile in {@link #tiles}: start and shift, overhang, quarters' block (or -1). */
    private static final int TILE_INTS = 3;
    /** Tiles with fewer entries than this get no quarters: their scan is short anyway. */
    private static final int QUARTER_MIN_ENTRIES = 12;
    /** Ints per quarters' block: the tile's middle (lat, lon), four list starts and the end. */
    private static final int Q_INTS = 7;
    /** How far a quarter's list reaches beyond the quarter, metres (about): windows this small use it. */
    private static final double QUARTER_MARGIN_METRES = 40;

    private static final int R_INTS = 5;
    private static final int R_SEGMENTS = 0;
    private static final int R_BASE = 1;
    private static final int R_ADJ = 2;
    private static final int R_DISTANCE_HIGH = 3;
    private static final int R_DISTANCE_LOW = 4;

    static {
        if (TravelProfile.values().length > PROFILE_BITS) {
            throw new ExceptionInInitializerError("snap index has room for " + PROFILE_BITS + " profiles");
        }
    }

    private static int profileBit(TravelProfile p) {
        return 1 << (31 - PROFILE_BITS + p.ordinal());
    }

    private final double minLat;
    private final double maxLat;
    private final double minLon;
    private final double maxLon;
    private final SpatialKeyAlgo keyAlgo;
    private final int parts;
    private final double tileDeltaLat;
    private final double tileDeltaLon;
    private final double equalNormedDelta;
    private final double maxSnapDistanceMetres;

    // tiles: tile t = y * parts + x has two ints, tiles[2t] and tiles[2t + 1]. The first holds where its entries
    // start (the low TILE_START_BITS bits; they end where the next tile's start) and, above, the shift of its
    // entries' boxes (TileBoxes); the second how far (10^-7 degrees, never negative) its entries' boxes reach beyond
    // the tile's own rectangle (tileRect), so that a whole tile whose widened rectangle misses the window is passed
    // over. Entries are in GraphHopper's order; entry i is entries[ENTRY_INTS * i ..]: the edge id with, in its top
    // PROFILE_BITS bits, which profiles may snap to it; the edge's box in 16-bit steps from the tile's corner (rounded
    // outwards, TileBoxes); where its geometry starts in `points` (it ends where the next entry's starts: a last
    // entry marks the end). Each entry carries its own copy of its edge's geometry, laid out in entry order, so a
    // snap reads a few runs of memory front to back instead of jumping to each edge's arrays (cache misses, not
    // arithmetic, are most of a snap's time); an entry is 16 bytes, so a tile's scan reads half the cache lines
    // of 32-byte entries with the full box, end nodes and all
    private final int[] tiles;
    // quarters of the busier tiles: each block of Q_INTS ints in `quarters` holds the tile's middle (lat, lon, storage
    // units) and where the lists of its four quarters start and end in quarterEntries (south-west, south-east,
    // north-west, north-east, then the end); a quarter's list holds, ascending, the tile's entries (numbered from the
    // tile's first) whose stored box meets the quarter widened by the margin. A snap whose whole window lies in that
    // widened quarter scans only its list: every other entry of the tile would fail the box test anyway
    private final int[] quarters;
    private final char[] quarterEntries;
    private final int marginLatUnits;
    private final int marginLonUnits;
    private final int[] entries;
    private final int[] points; // lat, lon of each point in 10^-7 degrees, interleaved, base node to adjacent node

    // per edge e, what only the answer needs, in one record of R_INTS ints at R_INTS * e (one cache line): where its
    // segment lengths start in segmentMetres, its base and adjacent node, its distance (metres, as a double's bits)
    private final int[] edgeRecord;
    private final double[] segmentMetres; // [k]: plane distance from point k - 1 to point k of the same edge
    private final boolean[] prepared; // by profile ordinal
    // whether ring 0 may read only the entries the guess recorded (off only for tests, with the quarters)
    private final boolean guessedRingZero;
    // the snap cells' fast path (SnapCells: rings 0 and 1), or null when off or not built yet (a large network's are
    // built in the background: a snap reads this once, and searches without them until they are published here)
    private volatile SnapCells cells;
    // counted down once the cells are settled: built, off, or given up (at once unless built in the background)
    private final CountDownLatch cellsSettled = new CountDownLatch(1);

    private EdgeSnapIndex(RoadNetwork network, boolean withQuarters) {
        GraphHopper hopper = network.graphHopper();
        BaseGraph graph = hopper.getBaseGraph();
        BBox bounds = graph.getBounds();
        minLat = bounds.minLat;
        maxLat = bounds.maxLat;
        minLon = bounds.minLon;
        maxLon = bounds.maxLon;
        maxSnapDistanceMetres = network.options().maxSnapDistanceMetres();
        guessedRingZero = withQuarters;
        if (!(hopper.getLocationIndex() instanceof LocationIndexTree tree)) {
            throw new IllegalStateException("GraphHopper's location index is a "
                    + hopper.getLocationIndex().getClass() + ", not a tree");
        }
        int minResolutionMetres = tree.getMinResolutionInMeter();
        IndexStructureInfo info = IndexStructureInfo.create(bounds, minResolutionMetres);
        keyAlgo = info.getKeyAlgo();
        parts = info.getParts();
        tileDeltaLat = info.getDeltaLat();
        tileDeltaLon = info.getDeltaLon();
        equalNormedDelta = DistancePlaneProjection.DIST_PLANE.calcNormalizedDist(0.1);

        int edges = graph.getEdges();
        int[] edgeBase = new int[edges];
        int[] edgeAdj = new int[edges];
        edgeRecord = new int[R_INTS * edges];
        int[] edgeBox = new int[4 * edges];
        int[] pointStart = new int[edges + 1];
        IntList lats = new IntList(edges * 3);
        IntList lons = new IntList(edges * 3);
        var nodes = graph.getNodeAccess();
        var all = graph.getAllEdges();
        while (all.next()) {
            int e = all.getEdge();
            edgeBase[e] = all.getBaseNode();
            edgeAdj[e] = all.getAdjNode();
            long distanceBits = Double.doubleToRawLongBits(all.getDistance());
            edgeRecord[R_INTS * e + R_BASE] = edgeBase[e];
            edgeRecord[R_INTS * e + R_ADJ] = edgeAdj[e];
            edgeRecord[R_INTS * e + R_DISTANCE_HIGH] = (int) (distanceBits >>> 32);
            edgeRecord[R_INTS * e + R_DISTANCE_LOW] = (int) distanceBits;
            pointStart[e] = lats.size();
            edgeRecord[R_INTS * e + R_SEGMENTS] = pointStart[e];
            lats.add(toUnits(nodes.getLat(edgeBase[e])));
            lons.add(toUnits(nodes.getLon(edgeBase[e])));
            PointList pillars = all.fetchWayGeometry(FetchMode.PILLAR_ONLY);
            for (int i = 0; i < pillars.size(); i++) {
                lats.add(toUnits(pillars.getLat(i)));
                lons.add(toUnits(pillars.getLon(i)));
            }
            lats.add(toUnits(nodes.getLat(edgeAdj[e])));
            lons.add(toUnits(nodes.getLon(edgeAdj[e])));
        }
        pointStart[edges] = lats.size();
        int[] pointLat = lats.toArray();
        int[] pointLon = lons.toArray();
        int[] pointCoord = new int[2 * pointLat.length];
        for (int k = 0; k < pointLat.length; k++) {
            pointCoord[2 * k] = pointLat[k];
            pointCoord[2 * k + 1] = pointLon[k];
        }
        segmentMetres = new double[pointLat.length];
        for (int e = 0; e < edges; e++) {
            int bMinLat = Integer.MAX_VALUE, bMaxLat = Integer.MIN_VALUE;
            int bMinLon = Integer.MAX_VALUE, bMaxLon = Integer.MIN_VALUE;
            for (int k = pointStart[e]; k < pointStart[e + 1]; k++) {
                bMinLat = Math.min(bMinLat, pointLat[k]);
                bMaxLat = Math.max(bMaxLat, pointLat[k]);
                bMinLon = Math.min(bMinLon, pointLon[k]);
                bMaxLon = Math.max(bMaxLon, pointLon[k]);
                if (k > pointStart[e]) {
                    segmentMetres[k] =
                            DistancePlaneProjection.DIST_PLANE.calcDist( // degrees bit for bit as GraphHopper's
                                    pointLat[k - 1] / 1e7, pointLon[k - 1] / 1e7, pointLat[k] / 1e7, pointLon[k] / 1e7);
                }
            }
            edgeBox[4 * e] = bMinLat;
            edgeBox[4 * e + 1] = bMaxLat;
            edgeBox[4 * e + 2] = bMinLon;
            edgeBox[4 * e + 3] = bMaxLon;
        }

        if (edges > EDGE_MASK) {
            throw new IllegalStateException("snap index holds at most " + EDGE_MASK + " edges, the graph has " + edges);
        }
        prepared = new boolean[TravelProfile.values().length];
        int[] profileMask = new int[edges];
        for (TravelProfile p : network.options().profiles()) {
            DefaultSnapFilter filter = network.snapFilter(p);
            prepared[p.ordinal()] = true;
            all = graph.getAllEdges();
            while (all.next()) {
                if (filter.accept(all)) {
                    profileMask[all.getEdge()] |= profileBit(p);
                }
            }
        }

        // GraphHopper's own tile lists, in its stored order, from the graph cache
        long tiles = (long) parts * parts;
        if (tiles >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("location index of " + parts + " x " + parts + " tiles is too large");
        }
        int[] tileStart = new int[(int) tiles + 1];
        IntList tileList = new IntList(edges * 2);
        GHDirectory dir = new GHDirectory(hopper.getGraphHopperLocation(), DAType.RAM_STORE);
        LineIntIndex stored = new LineIntIndex(bounds.clone(), dir, "location_index");
        try {
            if (!stored.loadExisting()) {
                throw new IllegalStateException("no location index in graph cache " + hopper.getGraphHopperLocation());
            }
            if (stored.getMinResolutionInMeter() != minResolutionMetres) {
                throw new IllegalStateException("location index resolution " + stored.getMinResolutionInMeter()
                        + " differs from the loaded index's " + minResolutionMetres);
            }
            for (int y = 0; y < parts; y++) {
                double centreLat = minLat + (y + 0.5) * tileDeltaLat;
                for (int x = 0; x < parts; x++) {
                    double centreLon = minLon + (x + 0.5) * tileDeltaLon;
                    if (keyAlgo.x(centreLon) != x || keyAlgo.y(centreLat) != y) {
                        throw new IllegalStateException("tile centre of " + x + "," + y + " maps to another tile");
                    }
                    tileStart[y * parts + x] = tileList.size();
                    stored.findEdgeIdsInNeighborhood(centreLat, centreLon, 0, tileList::add);
                }
            }
        } finally {
            dir.close(); // closes the index's data too
        }
        tileStart[(int) tiles] = tileList.size();
        int[] tileEdges = tileList.toArray();
        long pointCount = 0;
        for (int e : tileEdges) {
            pointCount += pointStart[e + 1] - pointStart[e];
        }
        if (2 * pointCount >= Integer.MAX_VALUE - 8
                || (long) ENTRY_INTS * (tileEdges.length + 1) >= Integer.MAX_VALUE - 8
                || tileEdges.length >= TILE_START_MASK) {
            throw new IllegalStateException(
                    "snap index of " + tileEdges.length + " tile entries and " + pointCount + " points is too large");
        }
        entries = new int[ENTRY_INTS * (tileEdges.length + 1)];
        points = new int[(int) (2 * pointCount)];
        double cosMid = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        marginLatUnits = (int) Math.round(QUARTER_MARGIN_METRES / 111_195.0 * 1e7);
        marginLonUnits = (int) Math.round(marginLatUnits / Math.max(0.05, cosMid));
        QuarterBuilder quarterList = new QuarterBuilder(marginLatUnits, marginLonUnits, withQuarters);
        this.tiles = new int[TILE_INTS * ((int) tiles + 1)];
        int nextPoint = 0;
        for (int tile = 0; tile < tiles; tile++) {
            int tx = tile % parts;
            int ty = tile / parts;
            int cornerLat = tileRectMinLat(ty);
            int cornerLon = tileRectMinLon(tx);
            int shift = 0;
            for (int i = tileStart[tile]; i < tileStart[tile + 1]; i++) {
                shift = Math.max(shift, TileBoxes.shiftFor(edgeBox, 4 * tileEdges[i], cornerLat, cornerLon));
            }
            long overhang = 0;
            for (int i = tileStart[tile]; i < tileStart[tile + 1]; i++) {
                int e = tileEdges[i];
                int o = ENTRY_INTS * i;
                entries[o + E_EDGE] = e | profileMask[e];
                entries[o + E_LAT] = TileBoxes.pack(edgeBox[4 * e], edgeBox[4 * e + 1], cornerLat, shift);
                entries[o + E_LON] = TileBoxes.pack(edgeBox[4 * e + 2], edgeBox[4 * e + 3], cornerLon, shift);
                entries[o + E_FIRST_POINT] = nextPoint;
                int n = pointStart[e + 1] - pointStart[e];
                System.arraycopy(pointCoord, 2 * pointStart[e], points, 2 * nextPoint, 2 * n);
                nextPoint += n;
                // from the boxes as stored (rounded outwards), which the search tests
                int latQ = entries[o + E_LAT];
                int lonQ = entries[o + E_LON];
                overhang = Math.max(overhang, (long) cornerLat - TileBoxes.min(latQ, cornerLat, shift));
                overhang = Math.max(overhang, (long) TileBoxes.max(latQ, cornerLat, shift) - tileRectMaxLat(ty));
                overhang = Math.max(overhang, (long) cornerLon - TileBoxes.min(lonQ, cornerLon, shift));
                overhang = Math.max(overhang, (long) TileBoxes.max(lonQ, cornerLon, shift) - tileRectMaxLon(tx));
            }
            this.tiles[TILE_INTS * tile] = (shift << TILE_START_BITS) | tileStart[tile];
            this.tiles[TILE_INTS * tile + 1] = (int) Math.min(Integer.MAX_VALUE / 2, overhang);
            this.tiles[TILE_INTS * tile + 2] = quarterList.quarter(
                    entries,
                    tileStart[tile],
                    tileStart[tile + 1],
                    cornerLat,
                    cornerLon,
                    tileRectMaxLat(ty),
                    tileRectMaxLon(tx),
                    shift);
        }
        this.tiles[TILE_INTS * (int) tiles] = tileEdges.length;
        quarters = quarterList.blocks();
        quarterEntries = quarterList.entries();
        entries[ENTRY_INTS * tileEdges.length + E_FIRST_POINT] = nextPoint;
    }

    /**
     * The snap cells of this index ({@link SnapCells}), or {@code null} when a default build would pass {@code
     * budgetBytes} (said in the log): not tried when the index times {@link #MIN_CELLS_BYTES_PER_INDEX_BYTE} already
     * passes it, stopped when the cells' arrays do. Reads only the index's arrays (any thread).
     */
    private SnapCells buildCells(int perSide, int maxCandidates, long budgetBytes, boolean ringOneAllowed) {
        if (MIN_CELLS_BYTES_PER_INDEX_BYTE * arraysBytes() > budgetBytes) {
            LOG.info(
                    "snap cells off: at least {} MB ({} times the index's {} MB) would pass their budget of {} MB;"
                            + " -Dbluelamp.snap.cells=8 builds them regardless",
                    MIN_CELLS_BYTES_PER_INDEX_BYTE * arraysBytes() / 1_000_000,
                    MIN_CELLS_BYTES_PER_INDEX_BYTE,
                    arraysBytes() / 1_000_000,
                    budgetBytes / 1_000_000);
            return null;
        }
        long startNanos = System.nanoTime();
        int tileCount = parts * parts;
        int[] tileStart = new int[tileCount + 1];
        for (int t = 0; t < tileCount; t++) {
            tileStart[t] = tiles[TILE_INTS * t] & TILE_START_MASK;
        }
        int entryCount = tiles[TILE_INTS * tileCount];
        tileStart[tileCount] = entryCount;
        int[] entryEdge = new int[entryCount];
        int[] entryFirstPoint = new int[entryCount + 1];
        for (int i = 0; i <= entryCount; i++) {
            if (i < entryCount) {
                entryEdge[i] = entries[ENTRY_INTS * i + E_EDGE];
            }
            entryFirstPoint[i] = entries[ENTRY_INTS * i + E_FIRST_POINT];
        }
        int[] profileBits = new int[TravelProfile.values().length];
        for (TravelProfile p : TravelProfile.values()) {
            profileBits[p.ordinal()] = prepared[p.ordinal()] ? profileBit(p) : 0;
        }
        SnapCells.Source source = new SnapCells.Source(
                parts,
                minLat,
                minLon,
                tileDeltaLat,
                tileDeltaLon,
                tileStart,
                entryEdge,
                entryFirstPoint,
                EDGE_MASK,
                points,
                edgeRecord,
                R_INTS,
                segmentMetres,
                profileBits,
                equalNormedDelta);
        SnapCells built = SnapCells.build(budgetBytes, ringOneAllowed, perSide, maxCandidates, source);
        if (built == null) {
            LOG.info(
                    "snap cells off: they passed their budget of {} MB while being built, beside the index's {} MB;"
                            + " -Dbluelamp.snap.cells=8 builds them regardless",
                    budgetBytes / 1_000_000,
                    arraysBytes() / 1_000_000);
        } else {
            LOG.info(
                    "snap cells on ({} a tile side): {} MB beside the index's {} MB, built in {} ms",
                    perSide,
                    built.memoryBytes() / 1_000_000,
                    arraysBytes() / 1_000_000,
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
        return built;
    }

    // a tile's rectangle in 10^-7 degrees, widened by one unit each way (only ever compared with overhangs
    // measured from the same values)
    private int tileRectMinLat(int ty) {
        return (int) Math.floor((minLat + ty * tileDeltaLat) * 1e7) - 1;
    }

    private int tileRectMaxLat(int ty) {
        return (int) Math.ceil((minLat + (ty + 1) * tileDeltaLat) * 1e7) + 1;
    }

    private int tileRectMinLon(int tx) {
        return (int) Math.floor((minLon + tx * tileDeltaLon) * 1e7) - 1;
    }

    private int tileRectMaxLon(int tx) {
        return (int) Math.ceil((minLon + (tx + 1) * tileDeltaLon) * 1e7) + 1;
    }

    /**
     * Snap cells per tile side ({@link SnapCells}) unless the system property {@code
     * bluelamp.snap.cells} says otherwise: 1.8-1.9 times as fast as the search alone on New York and Rutland
     * (benchmarks/RESULTS.md, snap19), for 6 to 35 times the index's memory (New York 12.1: 397 MB), so by default
     * they are built only within {@link #cellsBudgetBytes}.
     */
    static final int DEFAULT_CELLS_PER_SIDE = 8;

    /**
     * Less than the cells were measured to take for each byte of the index (Andorra 5.9; Rutland 12.8, New York 12.1,
     * city centres up to 35): a network whose index times this passes the budget is not even tried.
     */
    static final long MIN_CELLS_BYTES_PER_INDEX_BYTE = 4;

    /** The most the cells may take by default, bytes (a county's or a city's network; not a nation's). */
    static final long MAX_CELLS_BUDGET_BYTES = 512L << 20;

    /**
     * The cells' budget by default: an eighth of the heap, at most {@link #MAX_CELLS_BUDGET_BYTES} (with the command
     * line's 4 GB heap: New York's network gets its cells, about 376 MB with the service's four profiles; a national
     * network's, 2.3 GB and two minutes to build, would not).
     */
    static long cellsBudgetBytes() {
        return Math.min(MAX_CELLS_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 8);
    }

    /**
     * An index whose own arrays take more than this, bytes, builds its snap cells in the background: every real road
     * network (the embedded Monaco's 0.4 MB index: about 6.5 s for its cells at a cold start, which had held back
     * `serve`'s ready line from 4.9 to 11.6 s; New York's 32 MB: about 25 s); only tiny test extracts build them at
     * once.
     */
    static final long BACKGROUND_CELLS_ABOVE_INDEX_BYTES = 256L << 10;

    /**
     * Builds the index of an opened road network (about a second per million edges), with the snap cells' fast path
     * ({@link SnapCells}, rings 0 and 1; the answers are the same with or without it) where its memory fits {@link
     * #cellsBudgetBytes}. On a large network (an index above {@link #BACKGROUND_CELLS_ABOVE_INDEX_BYTES}) the cells
     * are built by a background thread: the index answers at once, by its search, and takes the cells when they are
     * ready. The system property {@code bluelamp.snap.cells} overrides the default: {@code off} or 0 leaves the cells
     * off, a count of cells a tile side builds them whatever they take; {@code bluelamp.snap.cells.k} sets the
     * candidates a cell may list before it is split, 6 unless given.
     */
    public static EdgeSnapIndex build(RoadNetwork network) {
        return build(
                network,
                System.getProperty("bluelamp.snap.cells", ""),
                cellsBudgetBytes(),
                BACKGROUND_CELLS_ABOVE_INDEX_BYTES);
    }

    /**
     * {@link #build} with the system property's value {@code cellsSetting} ("" when not set), the cells' default
     * budget {@code budgetBytes} (which an explicit count overrides) and the index size above which they are built in
     * the background.
     */
    static EdgeSnapIndex build(RoadNetwork network, String cellsSetting, long budgetBytes, long backgroundAboveBytes) {
        String value = cellsSetting.trim();
        int perSide = value.isEmpty() ? DEFAULT_CELLS_PER_SIDE : cellsPerSide(value);
        int maxCandidates = Integer.getInteger("bluelamp.snap.cells.k", SnapCells.DEFAULT_MAX_CANDIDATES);
        long budget = value.isEmpty() ? budgetBytes : Long.MAX_VALUE;
        EdgeSnapIndex index = new EdgeSnapIndex(network, true);
        if (perSide == 0) {
            return index.settle(null);
        }
        if (index.arraysBytes() <= backgroundAboveBytes) {
            return index.settle(index.buildCells(perSide, maxCandidates, budget, true));
        }
        LOG.info(
                "snap index ready ({} MB); its snap cells are being built in the background (snaps search until then)",
                index.arraysBytes() / 1_000_000);
        Thread.ofPlatform().daemon().name("snap-cells").start(() -> {
            SnapCells built = null;
            try {
                built = index.buildCells(perSide, maxCandidates, budget, true);
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.warn("snap cells not built (snaps go on searching without them): {}", e.toString());
            } finally {
                index.settle(built);
            }
        });
        return index;
    }

    /** Publishes the cells (null: none) and marks them settled, once, whichever way the index was built. */
    private EdgeSnapIndex settle(SnapCells built) {
        cells = built;
        cellsSettled.countDown();
        return this;
    }

    private static int cellsPerSide(String value) {
        if (value.equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            int perSide = Integer.parseInt(value);
            if (perSide >= 0 && perSide <= 64) {
                return perSide;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "bluelamp.snap.cells is " + value + ": off or a count of cells from 0 to 64");
    }

    /**
     * For tests: {@link #build} with or without the tiles' quarters and ring 0 read from the guess's list (without,
     * every tile is scanned whole), without the cells' fast path (rings 0 and 1).
     */
    static EdgeSnapIndex build(RoadNetwork network, boolean withQuarters) {
        return new EdgeSnapIndex(network, withQuarters).settle(null);
    }

    /** For tests: {@link #build} with {@code cellsPerSide} snap cells a tile side (0: off). */
    static EdgeSnapIndex buildWithCells(RoadNetwork network, int cellsPerSide) {
        return buildWithCells(network, cellsPerSide, SnapCells.DEFAULT_MAX_CANDIDATES);
    }

    /**
     * For tests: {@link #build} with {@code cellsPerSide} cells a tile side, a cell listing more than {@code
     * maxCandidates} candidates split.
     */
    static EdgeSnapIndex buildWithCells(RoadNetwork network, int cellsPerSide, int maxCandidates) {
        return buildWithCells(network, cellsPerSide, maxCandidates, true);
    }

    /**
     * For tests: {@link #buildWithCells(RoadNetwork, int, int)}, with ring 1's sections only if {@code ringOne}
     * (without, the cells are built as for a network whose ring-1 sections would not fit: ring 0 only).
     */
    static EdgeSnapIndex buildWithCells(RoadNetwork network, int cellsPerSide, int maxCandidates, boolean ringOne) {
        EdgeSnapIndex index = new EdgeSnapIndex(network, true);
        return index.settle(
                cellsPerSide > 0 ? index.buildCells(cellsPerSide, maxCandidates, Long.MAX_VALUE, ringOne) : null);
    }

    private static int toUnits(double deg) {
        int units = Helper.degreeToInt(deg);
        if (Helper.intToDegree(units) != deg) {
            throw new IllegalStateException("coordinate " + deg + " is not stored in 1e-7 degrees");
        }
        return units;
    }

    private double lat(int point) {
        return points[2 * point] / 1e7; // bit for bit GraphHopper's Helper.intToDegree
    }

    private double lon(int point) {
        return points[2 * point + 1] / 1e7;
    }

    /**
     * Snaps a point for a profile into {@code out}; allocates nothing. The maximum snap distance
     * is not applied here: compare {@link EdgeSnap#distanceMetres()} with it (see {@link #place}).
     *
     * @return the outcome, also in {@code out}
     * @throws BluelampException INVALID_ARGUMENT when the profile was not prepared for this network
     */
    public EdgeSnap.Outcome snap(TravelProfile profile, double latDeg, double lonDeg, EdgeSnap out) {
        if (!prepared[profile.ordinal()]) {
            throw BluelampException.invalid(
                    "profile", "profile " + profile + " was not prepared for this road network");
        }
        out.queryLatDeg = latDeg;
        out.queryLonDeg = lonDeg;
        out.edgeId = -1;
        out.closestNode = -1;
        out.wayIndex = -1;
        out.position = null;
        if (!(latDeg <= maxLat && latDeg >= minLat && lonDeg <= maxLon && lonDeg >= minLon)) {
            out.outcome = EdgeSnap.Outcome.OUTSIDE_MAP;
            return out.outcome;
        }
        out.fromCells = false;
        SnapCells cells = this.cells;
        if (cells == null) {
            return snapInto(profileBit(profile), latDeg, lonDeg, out);
        }
        double cosQ = Math.cos(Math.toRadians(latDeg));
        int bit = profileBit(profile);
        if (cells.snap(bit, profile.ordinal(), latDeg, lonDeg, keyAlgo.x(lonDeg), keyAlgo.y(latDeg), cosQ, out)) {
            out.fromCells = true;
            return out.outcome;
        }
        snapGuessing(bit, latDeg, lonDeg, cosQ, CAP_SLACK, out);
        return out.outcome;
    }

    private EdgeSnap.Outcome snapInto(int profileBit, double latDeg, double lonDeg, EdgeSnap out) {
        // cos of any latitude m within d radians of the query's is within cosQ +- d (|cos'| <= 1)
        double cosQ = Math.cos(Math.toRadians(latDeg));
        snapGuessing(profileBit, latDeg, lonDeg, cosQ, CAP_SLACK, out);
        return out.outcome;
    }

    /** @return whether the search capped by the guess stood (false: it was repeated without the cap) */
    private boolean snapGuessing(
            int profileBit, double latDeg, double lonDeg, double cosQ, double capSlack, EdgeSnap out) {
        double cap = estimateCap(profileBit, latDeg, lonDeg, cosQ, capSlack, true, out);
        if (cap != Double.POSITIVE_INFINITY && search(profileBit, latDeg, lonDeg, cosQ, cap, out)) {
            return true;
        }
        search(profileBit, latDeg, lonDeg, cosQ, Double.POSITIVE_INFINITY, out);
        return false;
    }

    /**
     * For tests: {@link #snap} with the guessed window scaled by {@code capSlack} instead of
     * {@link #CAP_SLACK} (below 1 the guess is often too small, so the repeated search runs).
     *
     * @return whether the capped search stood; false when it was repeated without the cap
     */
    boolean snapWithGuessScaled(TravelProfile profile, double latDeg, double lonDeg, double capSlack, EdgeSnap out) {
        if (snap(profile, latDeg, lonDeg, out) == EdgeSnap.Outcome.OUTSIDE_MAP) {
            return true;
        }
        return snapGuessing(profileBit(profile), latDeg, lonDeg, Math.cos(Math.toRadians(latDeg)), capSlack, out);
    }

    /**
     * A guess at the search window, without trigonometry or exact arithmetic: the plane distance
     * (longitudes scaled by the query's cosine) from the query to the nearest segment of the
     * edges the profile may use in the query's own tile, found by a branch and bound over the
     * tile's entries (the entry with the nearest box first; an entry whose box is further than the
     * nearest segment so far is not opened), a little enlarged and turned into a threshold as
     * {@link #threshold} does. It also records in {@code out}, in the tile's order, the usable
     * entries whose box lies within {@link #recordLimit} of that distance: ring 0 of the search
     * reads only those when that provably leaves out no entry its window meets. Only a guess: the
     * search checks after every ring that its best candidate lay well inside it, and searches
     * again without it otherwise (see {@link #search}).
     *
     * @return the window's threshold (normed), or infinity when the tile holds no usable edge
     */
    private double estimateCap(
            int profileBit,
            double latDeg,
            double lonDeg,
            double cosQ,
            double capSlack,
            boolean useQuarters,
            EdgeSnap out) {
        out.guessedCount = 0;
        out.guessedBestSq = Double.POSITIVE_INFINITY;
        out.guessedWholeTile = false;
        int x = keyAlgo.x(lonDeg);
        int y = keyAlgo.y(latDeg);
        if (x < 0 || y < 0 || x >= parts || y >= parts) {
            return Double.POSITIVE_INFINITY;
        }
        int tile = y * parts + x;
        int[] entries = this.entries;
        double qLat = latDeg * 1e7;
        double qLon = lonDeg * 1e7;
        int word = tiles[TILE_INTS * tile];
        int shift = word >>> TILE_START_BITS;
        int cornerLat = tileRectMinLat(y);
        int cornerLon = tileRectMinLon(x);
        int first = word & TILE_START_MASK;
        int from = first;
        int to = tiles[TILE_INTS * tile + TILE_INTS] & TILE_START_MASK;
        int block = tiles[TILE_INTS * tile + 2];
        boolean listed = false;
        if (block >= 0 && useQuarters) {
            int q = quarterOf(block, qLat, qLon);
            from = quarters[block + 2 + q];
            to = quarters[block + 3 + q];
            listed = true;
        }
        // first the boxes: every entry the profile may use, with its box's plane distance (squared, storage units)
        int[] guessed = out.guessedEntries;
        double[] boxes = out.guessedBoxSq;
        int count = 0;
        int nearest = -1;
        double nearestBoxSq = Double.POSITIVE_INFINITY;
        for (int n = from; n < to; n++) {
            int i = listed ? first + quarterEntries[n] : n;
            int o = ENTRY_INTS * i;
            if ((entries[o + E_EDGE] & profileBit) == 0) {
                continue;
            }
            int boxLatQ = entries[o + E_LAT];
            int boxLonQ = entries[o + E_LON];
            double boxLat = Math.max(
                    0,
                    Math.max(
                            TileBoxes.min(boxLatQ, cornerLat, shift) - qLat,
                            qLat - TileBoxes.max(boxLatQ, cornerLat, shift)));
            double boxLon = Math.max(
                            0,
                            Math.max(
                                    TileBoxes.min(boxLonQ, cornerLon, shift) - qLon,
                                    qLon - TileBoxes.max(boxLonQ, cornerLon, shift)))
                    * cosQ;
            double boxSq = boxLat * boxLat + boxLon * boxLon;
            if (count == guessed.length) {
                guessed = out.guessedEntries = Arrays.copyOf(guessed, 2 * count);
                boxes = out.guessedBoxSq = Arrays.copyOf(boxes, 2 * count);
            }
            if (boxSq < nearestBoxSq) {
                nearestBoxSq = boxSq;
                nearest = count;
            }
            guessed[count] = i;
            boxes[count++] = boxSq;
        }
        // then the segments, branch and bound, from the entry with the nearest box
        double bestSq = Double.POSITIVE_INFINITY; // squared plane distance in storage units
        if (nearest >= 0) {
            bestSq = nearestSegmentSq(guessed[nearest], qLat, qLon, cosQ, bestSq);
            for (int n = 0; n < count; n++) {
                if (boxes[n] < bestSq && n != nearest) {
                    bestSq = nearestSegmentSq(guessed[n], qLat, qLon, cosQ, bestSq);
                }
            }
        }
        // keep, in the tile's order, the entries ring 0 of the search may need (see search)
        double limit = recordLimit(bestSq);
        int kept = 0;
        for (int n = 0; n < count; n++) {
            if (boxes[n] <= limit) {
                guessed[kept++] = guessed[n];
            }
        }
        count = kept;
        if (bestSq == Double.POSITIVE_INFINITY && listed) {
            return estimateCap(profileBit, latDeg, lonDeg, cosQ, capSlack, false, out);
        }
        out.guessedCount = count;
        out.guessedWholeTile = !listed;
        out.guessedBestSq = bestSq;
        if (bestSq == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return threshold(bestSq * (RADIANS_PER_UNIT * RADIANS_PER_UNIT) * capSlack, equalNormedDelta);
    }

    /**
     * The smaller of {@code bestSq} and the squared plane distance (storage units, longitudes scaled
     * by {@code cosQ}) from the query to the nearest segment of tile entry {@code i}'s geometry.
     */
    private double nearestSegmentSq(int i, double qLat, double qLon, double cosQ, double bestSq) {
        int[] points = this.points;
        int o = ENTRY_INTS * i;
        int k = entries[o + E_FIRST_POINT];
        int last = entries[o + ENTRY_INTS + E_FIRST_POINT] - 1;
        double ay = points[2 * k] - qLat;
        double ax = (points[2 * k + 1] - qLon) * cosQ;
        for (k++; k <= last; k++) {
            double by = points[2 * k] - qLat;
            double bx = (points[2 * k + 1] - qLon) * cosQ;
            double dx = bx - ax;
            double dy = by - ay;
            double len = dx * dx + dy * dy;
            double t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
            double px = ax + t * dx;
            double py = ay + t * dy;
            double d = px * px + py * py;
            if (d < bestSq) {
                bestSq = d;
            }
            ax = bx;
            ay = by;
        }
        return bestSq;
    }

    /**
     * GraphHopper's search (see the class comment), evaluating exactly only the candidates whose
     * trigonometry-free lower bound lies within the window: {@link #threshold} of the best so far,
     * and never more than {@code cap}. With a finite cap the answer is GraphHopper's only when,
     * after every ring, the best so far lies within the cap's window (every candidate that could
     * equal or beat it, or end its edge's traversal, was then evaluated, so the best and the
     * ring's stopping decision are GraphHopper's); otherwise this returns false and the caller
     * searches again with an infinite cap.
     *
     * @return true with the answer in {@code out}, false when the cap was too small
     */
    private boolean search(int profileBit, double latDeg, double lonDeg, double cosQ, double cap, EdgeSnap out) {
        // the best candidate so far, as GraphHopper's Snap holds it (normed distance)
        double best = Double.MAX_VALUE;
        // a candidate must be evaluated exactly when its lower bound does not exceed the window's
        // threshold: it could then beat the best (by less than the margin) or end its edge's traversal
        setWindow(out, cap, latDeg, lonDeg, cosQ);
        out.ringZeroFromGuess = false;
        int bestEdge = -1;
        int bestNode = -1;
        int bestWay = -1;
        int bestPos = -1;
        double bestShrink = 0; // the best segment's cosine (pos EDGE), for finish
        double equal = equalNormedDelta;
        double qLat = latDeg * 1e7; // storage units, for the lower bounds
        double qLon = lonDeg * 1e7;
        int x = keyAlgo.x(lonDeg);
        int y = keyAlgo.y(latDeg);
        int[] tiles = this.tiles;
        int bestFirstPoint = -1;
        int bestSize = -1; // points of the best edge
        int[] entries = this.entries;
        int[] points = this.points;
        int parts = this.parts;
        for (int iteration = 0; iteration < MAX_REGION_SEARCH; iteration++) {
            // the ring of tiles at Chebyshev distance `iteration`, in LineIntIndex.findEdgeIdsInNeighborhood's order
            int ringTiles = iteration == 0 ? 1 : 8 * iteration;
            int side = 2 * iteration + 1;
            for (int t = 0; t < ringTiles; t++) {
                int tx;
                int ty;
                if (iteration == 0) {
                    tx = x;
                    ty = y;
                } else if (t < 2 * side) {
                    // columns x - iteration and x + iteration, interleaved, for y - iteration .. y + iteration
                    ty = y - iteration + (t >> 1);
                    tx = (t & 1) == 0 ? x - iteration : x + iteration;
                } else {
                    // rows y - iteration and y + iteration, interleaved, for x - iteration + 1 .. x + iteration - 1
                    int u = t - 2 * side;
                    tx = x - iteration + 1 + (u >> 1);
                    ty = (u & 1) == 0 ? y - iteration : y + iteration;
                }
                if (tx < 0 || ty < 0 || tx >= parts || ty >= parts) {
                    continue;
                }
                int tile = ty * parts + tx;
                if (iteration > 0) {
                    // every entry box lies in the tile's rectangle widened by its overhang: when that misses
                    // the window, so does every entry, and the per-entry test below would skip them all
                    int overhang = tiles[TILE_INTS * tile + 1];
                    if ((long) tileRectMaxLat(ty) + overhang < out.windowMinLatUnits
                            || (long) tileRectMinLat(ty) - overhang > out.windowMaxLatUnits
                            || (long) tileRectMaxLon(tx) + overhang < out.windowMinLonUnits
                            || (long) tileRectMinLon(tx) - overhang > out.windowMaxLonUnits) {
                        continue;
                    }
                }
                int word = tiles[TILE_INTS * tile];
                int shift = word >>> TILE_START_BITS;
                int cornerLat = tileRectMinLat(ty);
                int cornerLon = tileRectMinLon(tx);
                int first = word & TILE_START_MASK;
                int from = first;
                int to = tiles[TILE_INTS * tile + TILE_INTS] & TILE_START_MASK;
                int block = tiles[TILE_INTS * tile + 2];
                boolean listed = false;
                int[] guessed = null;
                if (iteration == 0 && guessedRingZero) {
                    // ring 0 may read only the entries the guess recorded: every usable entry it left out has a box
                    // whose plane distance (squared) exceeds recordLimit(its bestSq); when that is at least the
                    // window's rectangle's farthest corner measured the same way (the same operations, all
                    // monotonic: a box meeting the rectangle measures no more), no entry left out meets the window,
                    // so each would fail the box test below at its turn (the window only shrinks). Otherwise (a
                    // search without the cap, a failed check) the tile is read as before
                    double hLat = Math.max(0, Math.max(out.windowMaxLatUnits - qLat, qLat - out.windowMinLatUnits));
                    double hLon =
                            Math.max(0, Math.max(out.windowMaxLonUnits - qLon, qLon - out.windowMinLonUnits)) * cosQ;
                    if (hLat * hLat + hLon * hLon <= recordLimit(out.guessedBestSq)) {
                        guessed = out.guessedEntries;
                    }
                }
                if (block >= 0) {
                    // the window only shrinks during the scan: when it lies in the widened quarter now, every entry
                    // left out of the quarter's list fails the box test below at its turn
                    int q = quarterOf(block, qLat, qLon);
                    int midLat = quarters[block];
                    int midLon = quarters[block + 1];
                    long latLo = ((q & 2) == 0 ? cornerLat : midLat) - (long) marginLatUnits;
                    long latHi = ((q & 2) == 0 ? midLat : tileRectMaxLat(ty)) + (long) marginLatUnits;
                    long lonLo = ((q & 1) == 0 ? cornerLon : midLon) - (long) marginLonUnits;
                    long lonHi = ((q & 1) == 0 ? midLon : tileRectMaxLon(tx)) + (long) marginLonUnits;
                    if (out.windowMinLatUnits >= latLo
                            && out.windowMaxLatUnits <= latHi
                            && out.windowMinLonUnits >= lonLo
                            && out.windowMaxLonUnits <= lonHi) {
                        from = quarters[block + 2 + q];
                        to = quarters[block + 3 + q];
                        listed = true;
                    }
                }
                if (guessed != null && (listed || out.guessedWholeTile)) {
                    // the guess read the whole tile, or the quarter's list the window lies in (see above)
                    out.ringZeroFromGuess = true;
                    from = 0;
                    to = out.guessedCount;
                    listed = false;
                } else {
                    guessed = null;
                }
                for (int k = from; k < to; k++) {
                    int i = guessed != null ? guessed[k] : listed ? first + quarterEntries[k] : k;
                    int o = ENTRY_INTS * i;
                    int entry = entries[o + E_EDGE];
                    int boxLatQ = entries[o + E_LAT];
                    int boxLonQ = entries[o + E_LON];
                    if ((entry & profileBit) == 0
                            || TileBoxes.max(boxLatQ, cornerLat, shift) < out.windowMinLatUnits
                            || TileBoxes.min(boxLatQ, cornerLat, shift) > out.windowMaxLatUnits
                            || TileBoxes.max(boxLonQ, cornerLon, shift) < out.windowMinLonUnits
                            || TileBoxes.min(boxLonQ, cornerLon, shift) > out.windowMaxLonUnits) {
                        continue; // no candidate of this edge can beat the best or end the traversal early
                    }
                    int e = entry & EDGE_MASK;
                    // GraphHopper's LocationIndexTree.traverseEdge, candidate by candidate; a candidate is
                    // computed exactly only when its lower bound does not rule it out
                    int s = entries[o + E_FIRST_POINT];
                    int last = entries[o + ENTRY_INTS + E_FIRST_POINT] - 1;
                    int len = last - s; // points after the base node: pillars and the adjacent node
                    int baseLatU = points[2 * s];
                    int baseLonU = points[2 * s + 1];
                    int adjLatU = points[2 * last];
                    int adjLonU = points[2 * last + 1];
                    // which tower is closer, BASE or ADJ; -1: not decided yet (the exact distances are not needed so
                    // far)
                    int closestTower = -1;
                    if ((inWindow(out, baseLatU, baseLonU) || inWindow(out, adjLatU, adjLonU))
                            && Math.min(
                                            pointLowerBound(baseLatU, baseLonU, qLat, qLon, cosQ),
                                            pointLowerBound(adjLatU, adjLonU, qLat, qLon, cosQ))
                                    <= out.windowThreshold) {
                        double baseDist = normed(latDeg, lonDeg, lat(s), lon(s));
                        double adjDist = normed(latDeg, lonDeg, lat(last), lon(last));
                        double closestDist;
                        if (baseDist < adjDist) {
                            closestTower = BASE;
                            closestDist = baseDist;
                            if (baseDist < best) {
                                best = baseDist;
                                bestEdge = e;
                                bestFirstPoint = s;
                                bestSize = len + 1;
                                bestNode = closestTower;
                                bestWay = 0;
                                bestPos = TOWER;
                                setWindow(out, Math.min(cap, threshold(best, equal)), latDeg, lonDeg, cosQ);
                            }
                        } else {
                            closestTower = ADJ;
                            closestDist = adjDist;
                            if (adjDist < best) {
                                best = adjDist;
                                bestEdge = e;
                                bestFirstPoint = s;
                                bestSize = len + 1;
                                bestNode = closestTower;
                                bestWay = len;
                                bestPos = TOWER;
                                setWindow(out, Math.min(cap, threshold(best, equal)), latDeg, lonDeg, cosQ);
                            }
                        }
                        if (closestDist <= equal) {
                            continue;
                        }
                    }
                    int lastLatU = baseLatU;
                    int lastLonU = baseLonU;
                    for (int j = 0; j < len; j++) {
                        int pLatU = points[2 * (s + 1 + j)];
                        int pLonU = points[2 * (s + 1 + j) + 1];
                        // both the segment's projection and its end pillar lie in the segment's box
                        if (Math.max(lastLatU, pLatU) < out.windowMinLatUnits
                                || Math.min(lastLatU, pLatU) > out.windowMaxLatUnits
                                || Math.max(lastLonU, pLonU) < out.windowMinLonUnits
                                || Math.min(lastLonU, pLonU) > out.windowMaxLonUnits
                                || crossesBoundary(lastLonU, pLonU) // DistancePlaneProjection.isCrossBoundary
                                || segmentLowerBound(lastLatU, lastLonU, pLatU, pLonU, qLat, qLon, cosQ)
                                        > out.windowThreshold) {
                            lastLatU = pLatU;
                            lastLonU = pLonU;
                            continue;
                        }
                        double lastLat = lastLatU / 1e7; // bit for bit GraphHopper's Helper.intToDegree
                        double lastLon = lastLonU / 1e7;
                        double pLat = pLatU / 1e7;
                        double pLon = pLonU / 1e7;
                        double shrink = Math.cos(Math.toRadians((lastLat + pLat) / 2.0));
                        double d;
                        int way;
                        int pos;
                        if (validEdgeDistance(latDeg, lonDeg, lastLat, lastLon, pLat, pLon, shrink)) {
                            d = normedEdgeDistance(latDeg, lonDeg, lastLat, lastLon, pLat, pLon, shrink);
                            way = j;
                            pos = EDGE;
                        } else if (j < len - 1) {
                            d = normed(latDeg, lonDeg, pLat, pLon);
                            way = j + 1;
                            pos = PILLAR;
                        } else {
                            lastLatU = pLatU;
                            lastLonU = pLonU;
                            continue; // GraphHopper checks nothing here, and its last value did not end the edge
                        }
                        if (d < best) {
                            if (closestTower < 0) {
                                closestTower = normed(latDeg, lonDeg, lat(s), lon(s))
                                                < normed(latDeg, lonDeg, lat(last), lon(last))
                                        ? BASE
                                        : ADJ;
                            }
                            best = d;
                            bestEdge = e;
                            bestFirstPoint = s;
                            bestSize = len + 1;
                            bestNode = closestTower;
                            bestWay = way;
                            bestPos = pos;
                            bestShrink = shrink;
                            setWindow(out, Math.min(cap, threshold(best, equal)), latDeg, lonDeg, cosQ);
                        }
                        if (d <= equal) {
                            break;
                        }
                        lastLatU = pLatU;
                        lastLonU = pLonU;
                    }
                }
            }
            if (cap != Double.POSITIVE_INFINITY && (bestNode < 0 || threshold(best, equal) > cap)) {
                return false; // the cap may have hidden a candidate GraphHopper evaluates
            }
            if (bestNode >= 0
                    && DistancePlaneProjection.DIST_PLANE.calcDenormalizedDist(best)
                            < ringBorderMetres(latDeg, lonDeg, iteration, cosQ)) {
                break;
            }
        }
        if (bestNode < 0) {
            out.outcome = EdgeSnap.Outcome.NO_ROAD;
            return true;
        }
        finish(out, latDeg, lonDeg, bestEdge, bestFirstPoint, bestSize, bestNode, bestWay, bestPos, best, bestShrink);
        return true;
    }

    /** Which quarter of a tile with quarters' block {@code block} holds the query (storage units): 0 to 3. */
    private int quarterOf(int block, double qLat, double qLon) {
        return (qLat >= quarters[block] ? 2 : 0) | (qLon >= quarters[block + 1] ? 1 : 0);
    }

    /**
     * Which of the query tile's entries {@link #estimateCap} records for ring 0 of the search: those whose box's
     * plane distance (squared, storage units, as the guess measures it) is at most this, for the nearest plane
     * distance {@code bestSq} found so far. Non-decreasing in {@code bestSq}; about three times the square of
     * the window the guess makes, so the check in {@link #search} nearly always lets ring 0 read only them.
     */
    private static double recordLimit(double bestSq) {
        return 3 * bestSq + 600;
    }

    /** DistancePlaneProjection.isCrossBoundary on stored longitudes: more than 300 degrees apart. */
    static boolean crossesBoundary(int lonUnits1, int lonUnits2) {
        return Math.abs((long) lonUnits1 - lonUnits2) > 3_000_000_000L;
    }

    private static final int BASE = 0;
    private static final int ADJ = 1;

    private static final int TOWER = 0;
    private static final int PILLAR = 1;
    private static final int EDGE = 2;

    /** Candidates with a lower bound above this need no exact evaluation (see {@link #snapInto}). */
    private static double threshold(double bestNormed, double equalNormedDelta) {
        double margin = PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
        double r = Math.sqrt(bestNormed) + margin;
        double q = Math.sqrt(equalNormedDelta) + margin;
        return Math.max(r * r, q * q);
    }

    /**
     * Sets the search window: a box around the query outside which every point is further than
     * {@code threshold} (normed): a latitude offset beyond the window's half-height alone exceeds
     * it, and within that height the mid latitude's cosine is at least {@code cosQ - halfHeight / 2}
     * (|cos'| <= 1), so a longitude offset beyond the half-width does too. Widened by a relative
     * 10^-9 and one storage unit for rounding.
     */
    private static void setWindow(EdgeSnap out, double threshold, double qLat, double qLon, double cosQ) {
        out.windowThreshold = threshold;
        if (threshold == Double.POSITIVE_INFINITY) {
            out.windowMinLatDeg = Double.NEGATIVE_INFINITY;
            out.windowMaxLatDeg = Double.POSITIVE_INFINITY;
            out.windowMinLonDeg = Double.NEGATIVE_INFINITY;
            out.windowMaxLonDeg = Double.POSITIVE_INFINITY;
            out.windowMinLatUnits = Integer.MIN_VALUE;
            out.windowMaxLatUnits = Integer.MAX_VALUE;
            out.windowMinLonUnits = Integer.MIN_VALUE;
            out.windowMaxLonUnits = Integer.MAX_VALUE;
            return;
        }
        double radius = Math.sqrt(threshold) * (1 + 1e-9);
        double halfLatDeg = radius / DEG_TO_RAD;
        double cosLow = cosQ - radius * 0.5;
        double halfLonDeg = cosLow > 1e-6 ? radius / (cosLow * (1 - 1e-9)) / DEG_TO_RAD : Double.POSITIVE_INFINITY;
        out.windowMinLatDeg = qLat - halfLatDeg;
        out.windowMaxLatDeg = qLat + halfLatDeg;
        out.windowMinLonDeg = qLon - halfLonDeg;
        out.windowMaxLonDeg = qLon + halfLonDeg;
        out.windowMinLatUnits = toUnitsFloor(out.windowMinLatDeg);
        out.windowMaxLatUnits = toUnitsCeil(out.windowMaxLatDeg);
        out.windowMinLonUnits = toUnitsFloor(out.windowMinLonDeg);
        out.windowMaxLonUnits = toUnitsCeil(out.windowMaxLonDeg);
    }

    private static int toUnitsFloor(double deg) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.floor(deg * 1e7) - 1));
    }

    private static int toUnitsCeil(double deg) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.ceil(deg * 1e7) + 1));
    }

    /**
     * A lower bound on GraphHopper's normed distance from the query to segment a-b, all in
     * storage units (10^-7 degrees; the query's in a double): the plane distance with longitudes
     * scaled by the smallest cosine any mid latitude between the query and the segment can have
     * (cosQ less half the largest latitude offset, |cos'| <= 1), which is never more than the
     * cosine GraphHopper uses. Lowered by a relative 10^-9 for rounding (the window's millimetre
     * margin covers the absolute rounding of the units, under a micrometre); no trigonometry.
     */
    static double segmentLowerBound(int aLatU, int aLonU, int bLatU, int bLonU, double qLat, double qLon, double cosQ) {
        double ay = aLatU - qLat;
        double by = bLatU - qLat;
        double far = Math.max(Math.abs(ay), Math.abs(by)) * RADIANS_PER_UNIT;
        double scale = Math.max(0, cosQ - far * 0.5);
        double ax = (aLonU - qLon) * scale;
        double dx = (bLonU - qLon) * scale - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
        double px = ax + t * dx;
        double py = ay + t * dy;
        return (px * px + py * py) * LOWER_BOUND_UNITS_SQUARED;
    }

    /** {@link #segmentLowerBound} for a single point. */
    static double pointLowerBound(int latU, int lonU, double qLat, double qLon, double cosQ) {
        double py = latU - qLat;
        double px = (lonU - qLon) * Math.max(0, cosQ - Math.abs(py) * RADIANS_PER_UNIT * 0.5);
        return (px * px + py * py) * LOWER_BOUND_UNITS_SQUARED;
    }

    private static boolean inWindow(EdgeSnap out, int latU, int lonU) {
        return latU >= out.windowMinLatUnits
                && latU <= out.windowMaxLatUnits
                && lonU >= out.windowMinLonUnits
                && lonU <= out.windowMaxLonUnits;
    }

    /** GraphHopper's LocationIndexTree.calculateRMin: distance to the border of the searched square. */
    private double ringBorderMetres(double lat, double lon, int paddingTiles, double cosLat) {
        return ringBorderMetres(
                minLat,
                minLon,
                tileDeltaLat,
                tileDeltaLon,
                keyAlgo.x(lon),
                keyAlgo.y(lat),
                paddingTiles,
                lat,
                lon,
                cosLat);
    }

    /**
     * GraphHopper's LocationIndexTree.calculateRMin for the query (lat, lon) in tile (x, y) of a grid from (minLat,
     * minLon) in steps of (tileDeltaLat, tileDeltaLon): metres to the border of the square of tiles {@code
     * paddingTiles} around it; {@code cosLat} is the cosine of {@code lat}. Shared with {@link SnapCells}.
     */
    static double ringBorderMetres(
            double minLat,
            double minLon,
            double tileDeltaLat,
            double tileDeltaLon,
            int x,
            int y,
            int paddingTiles,
            double lat,
            double lon,
            double cosLat) {
        double southLat = minLat + (y - paddingTiles) * tileDeltaLat;
        double northLat = minLat + (y + paddingTiles + 1) * tileDeltaLat;
        double westLon = minLon + (x - paddingTiles) * tileDeltaLon;
        double eastLon = minLon + (x + paddingTiles + 1) * tileDeltaLon;
        double dSouthernLat = lat - southLat;
        double dNorthernLat = northLat - lat;
        double dWesternLon = lon - westLon;
        double dEasternLon = eastLon - lon;
        // DistancePlaneProjection.calcDist along a meridian and along a parallel, operation for
        // operation: the other offset is 0, so its term is exactly 0, and the mid latitude of
        // (lat, lat) is exactly lat, whose cosine the caller has (no trigonometry here)
        double dLat = Math.toRadians((dSouthernLat < dNorthernLat ? southLat : northLat) - lat);
        double dMinLat = EARTH_RADIUS_METRES * Math.sqrt(dLat * dLat);
        double left = cosLat * Math.toRadians((dWesternLon < dEasternLon ? westLon : eastLon) - lon);
        double dMinLon = EARTH_RADIUS_METRES * Math.sqrt(left * left);
        return Math.min(dMinLat, dMinLon);
    }

    /**
     * GraphHopper's Snap.calcSnappedPoint and query distance, then TravelTimeGraph.place's position along the edge.
     * {@code bestNormed} is the search's normed distance of the answer and {@code bestShrink} (pos EDGE) the cosine
     * it used for the segment: the same operations on the same values as the ones repeated here, so they are
     * reused bit for bit (the snapped point of an EDGE answer is the crossing point whose distance the search
     * measured, {@code DistanceCalcEarth.calcNormalizedEdgeDistance}; a tower's or pillar's distance is symmetric
     * in its two points, operation for operation), and computed again only when the crossing point is moved onto a
     * shape point.
     */
    private void finish(
            EdgeSnap out,
            double qLat,
            double qLon,
            int edge,
            int s,
            int size,
            int tower,
            int wayIndex,
            int pos,
            double bestNormed,
            double bestShrink) {
        int r = R_INTS * edge;
        int m = edgeRecord[r + R_SEGMENTS]; // the edge's segment lengths; s: its geometry in `points`, size points
        int baseNode = edgeRecord[r + R_BASE];
        int adjNode = edgeRecord[r + R_ADJ];
        double tmpLat = lat(s + wayIndex);
        double tmpLon = lon(s + wayIndex);
        double adjLat = Double.NaN;
        double adjLon = Double.NaN;
        if (pos == EDGE) {
            adjLat = lat(s + wayIndex + 1);
            adjLon = lon(s + wayIndex + 1);
            if (!validEdgeDistance(qLat, qLon, tmpLat, tmpLon, adjLat, adjLon, bestShrink)) {
                throw new IllegalStateException("segment " + wayIndex + " of edge " + edge + " no longer valid");
            }
        }
        double full = Double.longBitsToDouble(
                ((long) edgeRecord[r + R_DISTANCE_HIGH] << 32) | (edgeRecord[r + R_DISTANCE_LOW] & 0xFFFF_FFFFL));
        answer(
                out,
                qLat,
                qLon,
                edge,
                baseNode,
                adjNode,
                size,
                tower,
                wayIndex,
                pos,
                bestNormed,
                bestShrink,
                tmpLat,
                tmpLon,
                adjLat,
                adjLon,
                full,
                segmentMetres,
                m);
    }

    /**
     * The answer once the search (or {@link SnapCells}) has found it: GraphHopper's Snap.calcSnappedPoint (the
     * crossing point, moved onto a shape point when within 10^-6 degrees of it), the query distance, and
     * TravelTimeGraph.place's two parts of the edge, written into {@code out}. {@code tmpLat, tmpLon} is the edge's
     * point {@code wayIndex}; {@code adjLat, adjLon} the next one (read only when {@code pos} is EDGE); {@code
     * fullMetres} the edge's distance; the edge's segment lengths are {@code segmentMetres[m + 1 ..]} (segment k
     * ends at point k). Shared by both paths so that their answers are made by one piece of code.
     */
    static void answer(
            EdgeSnap out,
            double qLat,
            double qLon,
            int edge,
            int baseNode,
            int adjNode,
            int size,
            int tower,
            int wayIndex,
            int pos,
            double bestNormed,
            double bestShrink,
            double tmpLat,
            double tmpLon,
            double adjLat,
            double adjLon,
            double fullMetres,
            double[] segmentMetres,
            int m) {
        int node = tower == BASE ? baseNode : adjNode;
        double spLat = tmpLat;
        double spLon = tmpLon;
        boolean moved = false; // the crossing point was moved onto a shape point
        if (pos == EDGE) {
            double shrink = bestShrink; // Math.cos(Math.toRadians((tmpLat + adjLat) / 2.0)) in the search
            // DistanceCalcEarth.calcCrossingPointToEdge
            double aLon = tmpLon * shrink;
            double bLon = adjLon * shrink;
            double rLon = qLon * shrink;
            double deltaLon = bLon - aLon;
            double deltaLat = adjLat - tmpLat;
            double crossLat;
            double crossLon;
            if (deltaLat == 0.0) {
                crossLat = tmpLat;
                crossLon = qLon;
            } else if (deltaLon == 0.0) {
                crossLat = qLat;
                crossLon = tmpLon;
            } else {
                double norm = deltaLon * deltaLon + deltaLat * deltaLat;
                double factor = ((rLon - aLon) * deltaLon + (qLat - tmpLat) * deltaLat) / norm;
                double cLon = aLon + factor * deltaLon;
                crossLat = tmpLat + factor * deltaLat;
                crossLon = cLon / shrink;
            }
            if (considerEqual(crossLat, crossLon, tmpLat, tmpLon)) {
                moved = true;
                pos = wayIndex == 0 ? TOWER : PILLAR;
                node = wayIndex == 0 ? baseNode : node;
            } else if (considerEqual(crossLat, crossLon, adjLat, adjLon)) {
                moved = true;
                wayIndex++;
                pos = wayIndex == size - 1 ? TOWER : PILLAR;
                spLat = adjLat;
                spLon = adjLon;
                node = wayIndex == size - 1 ? adjNode : node;
            } else {
                spLat = crossLat;
                spLon = crossLon;
            }
        }
        var plane = DistancePlaneProjection.DIST_PLANE;
        out.outcome = EdgeSnap.Outcome.FOUND;
        out.edgeId = edge;
        out.closestNode = node;
        out.wayIndex = wayIndex;
        out.position = pos == TOWER
                ? EdgeSnap.Position.TOWER
                : pos == PILLAR ? EdgeSnap.Position.PILLAR : EdgeSnap.Position.EDGE;
        out.snappedLatDeg = spLat;
        out.snappedLonDeg = spLon;
        out.distanceMetres = moved
                ? plane.calcDist(spLat, spLon, qLat, qLon)
                : EARTH_RADIUS_METRES * Math.sqrt(bestNormed); // DistancePlaneProjection.calcDist of the same point
        if (pos == TOWER) {
            boolean atBase = node == baseNode;
            out.toBaseMetres = atBase ? 0 : fullMetres;
            out.toAdjMetres = atBase ? fullMetres : 0;
            return;
        }
        // the two parts of the edge as GraphHopper's query graph cuts it (summed in the same order)
        double toStart = 0;
        for (int i = 1; i <= wayIndex; i++) {
            toStart += segmentMetres[m + i];
        }
        double toEnd = 0;
        int from = wayIndex + 1;
        if (pos == EDGE) {
            toStart += plane.calcDist(tmpLat, tmpLon, spLat, spLon);
            toEnd += plane.calcDist(spLat, spLon, adjLat, adjLon);
        } else {
            from = wayIndex;
        }
        for (int i = from + 1; i < size; i++) {
            toEnd += segmentMetres[m + i];
        }
        out.toBaseMetres = toStart;
        out.toAdjMetres = toEnd;
    }

    private static boolean considerEqual(double lat, double lon, double lat2, double lon2) {
        return Math.abs(lat - lat2) < 1.0E-6 && Math.abs(lon - lon2) < 1.0E-6;
    }

    /** DistancePlaneProjection.calcNormalizedDist, operation for operation. */
    static double normed(double fromLat, double fromLon, double toLat, double toLon) {
        double dLat = Math.toRadians(toLat - fromLat);
        double dLon = Math.toRadians(toLon - fromLon);
        double left = Math.cos(Math.toRadians((fromLat + toLat) / 2.0)) * dLon;
        return dLat * dLat + left * left;
    }

    /** DistanceCalcEarth.validEdgeDistance with its shrink factor computed once by the caller. */
    static boolean validEdgeDistance(
            double rLatDeg,
            double rLonDeg,
            double aLatDeg,
            double aLonDeg,
            double bLatDeg,
            double bLonDeg,
            double shrink) {
        double aLon = aLonDeg * shrink;
        double bLon = bLonDeg * shrink;
        double rLon = rLonDeg * shrink;
        double arX = rLon - aLon;
        double arY = rLatDeg - aLatDeg;
        double abX = bLon - aLon;
        double abY = bLatDeg - aLatDeg;
        double abAr = arX * abX + arY * abY;
        double rbX = bLon - rLon;
        double rbY = bLatDeg - rLatDeg;
        double abRb = rbX * abX + rbY * abY;
        return abAr > 0.0 && abRb > 0.0;
    }

    /** DistanceCalcEarth.calcNormalizedEdgeDistance with its shrink factor computed once by the caller. */
    static double normedEdgeDistance(
            double rLatDeg,
            double rLonDeg,
            double aLatDeg,
            double aLonDeg,
            double bLatDeg,
            double bLonDeg,
            double shrink) {
        double aLon = aLonDeg * shrink;
        double bLon = bLonDeg * shrink;
        double rLon = rLonDeg * shrink;
        double deltaLon = bLon - aLon;
        double deltaLat = bLatDeg - aLatDeg;
        if (deltaLat == 0.0) {
            return normed(aLatDeg, rLonDeg, rLatDeg, rLonDeg);
        }
        if (deltaLon == 0.0) {
            return normed(rLatDeg, aLonDeg, rLatDeg, rLonDeg);
        }
        double norm = deltaLon * deltaLon + deltaLat * deltaLat;
        double factor = ((rLon - aLon) * deltaLon + (rLatDeg - aLatDeg) * deltaLat) / norm;
        double cLon = aLon + factor * deltaLon;
        double cLat = aLatDeg + factor * deltaLat;
        return normed(cLat, cLon / shrink, rLatDeg, rLonDeg);
    }

    /**
     * Places a point on a profile's graph like {@link TravelTimeGraph#place}, with the same errors
     * as {@link RoadNetwork#snap}: a convenience that allocates the answer.
     *
     * @param field the request field named in any error
     * @throws BluelampException INVALID_ARGUMENT when the point is outside the map or no usable
     *     road lies within the maximum snap distance
     */
    public EdgePlacement place(TravelProfile profile, String field, GeoPoint point, EdgeSnap scratch) {
        EdgeSnap.Outcome outcome = snap(profile, point.latDeg(), point.lonDeg(), scratch);
        switch (outcome) {
            case OUTSIDE_MAP ->
                throw BluelampException.invalid(
                        field,
                        String.format(
                                Locale.ROOT,
                                "%s %s is outside the area of this map (latitude %.5f to %.5f, longitude %.5f to %.5f)",
                                field,
                                point,
                                minLat,
                                maxLat,
                                minLon,
                                maxLon));
            case NO_ROAD ->
                throw BluelampException.invalid(
                        field,
                        String.format(
                                Locale.ROOT,
                                "%s %s is not near any road usable by profile %s (nothing within the search radius)",
                                field,
                                point,
                                profile));
            case FOUND -> {}
        }
        if (scratch.distanceMetres() > maxSnapDistanceMetres) {
            throw BluelampException.invalid(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s %s is %.0f m from the nearest road usable by profile %s;"
                                    + " the maximum snap distance is %.0f m",
                            field,
                            point,
                            scratch.distanceMetres(),
                            profile,
                            maxSnapDistanceMetres));
        }
        return scratch.toPlacement(point);
    }

    /**
     * {@link #place} for one profile as a thread-safe function: each thread snaps into its own
     * {@link EdgeSnap} scratch, so nothing but the returned placement is allocated.
     *
     * @throws BluelampException INVALID_ARGUMENT when the profile was not prepared for this network
     */
    public EdgePlacer placer(TravelProfile profile) {
        if (!prepared[profile.ordinal()]) {
            throw BluelampException.invalid(
                    "profile", "profile " + profile + " was not prepared for this road network");
        }
        ThreadLocal<EdgeSnap> scratch = ThreadLocal.withInitial(EdgeSnap::new);
        return (field, point) -> place(profile, field, point, scratch.get());
    }

    /** For tests: tiles with quarters. */
    int quarteredTiles() {
        return quarters.length / Q_INTS;
    }

    /** Edges in the index. */
    public int edgeCount() {
        return edgeRecord.length / R_INTS;
    }

    /** Bytes held by this index's arrays (an estimate of its heap footprint). */
    public long memoryBytes() {
        return arraysBytes() + cellsMemoryBytes();
    }

    // the index's own arrays, without the cells
    private long arraysBytes() {
        return 4L * (tiles.length + entries.length + points.length + edgeRecord.length + quarters.length)
                + 2L * quarterEntries.length
                + 8L * segmentMetres.length;
    }

    /**
     * Waits until the snap cells are settled (built, off or given up; at once unless they are being built in the
     * background), at most {@code timeoutMillis}: for measurements and tools that want the steady state.
     *
     * @return whether they are settled
     */
    public boolean awaitCells(long timeoutMillis) throws InterruptedException {
        return cellsSettled.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Bytes held by the snap cells' arrays (0 when they are off or not built yet). */
    public long cellsMemoryBytes() {
        SnapCells c = cells;
        return c == null ? 0 : c.memoryBytes();
    }

    /** For measurements: the snap cells and their blobs, in words. */
    public String cellsSummary() {
        SnapCells c = cells;
        return c == null ? "no snap cells" : c.summary();
    }

    /**
     * For measurements: the candidate count of the fast path's blob a query reads (-1: none) plus 1000 times its
     * cell's depth (0: a tile's own cell; 1, 2: split once, twice); -1 when the fast path is off.
     */
    public int cellProbe(double latDeg, double lonDeg) {
        SnapCells c = cells;
        return c == null ? -1 : c.probe(latDeg, lonDeg, keyAlgo.x(lonDeg), keyAlgo.y(latDeg));
    }

    /** Snap cells a tile side, 0 when they are off or not built yet. */
    public int cellsPerSide() {
        SnapCells c = cells;
        return c == null ? 0 : c.perSide;
    }

    /** For tests: GraphHopper's tile grid, {minLat, minLon, tileDeltaLat, tileDeltaLon} (degrees). */
    double[] tileGrid() {
        return new double[] {minLat, minLon, tileDeltaLat, tileDeltaLon};
    }

    /** Builds the quarters' blocks and lists (see {@link #quarters}). */
    private static final class QuarterBuilder {
        private final int marginLat;
        private final int marginLon;
        private final IntList blocks = new IntList(1024);
        private final IntList listed = new IntList(1024);
        private final boolean on;

        QuarterBuilder(int marginLat, int marginLon, boolean on) {
            this.marginLat = marginLat;
            this.marginLon = marginLon;
            this.on = on;
        }

        /** @return the tile's block in {@link #blocks}, or -1 when it gets no quarters */
        int quarter(
                int[] entries,
                int first,
                int end,
                int cornerLat,
                int cornerLon,
                int rectMaxLat,
                int rectMaxLon,
                int shift) {
            if (!on || end - first < QUARTER_MIN_ENTRIES || end - first > Character.MAX_VALUE) {
                return -1;
            }
            int block = blocks.size();
            int midLat = cornerLat + (rectMaxLat - cornerLat) / 2;
            int midLon = cornerLon + (rectMaxLon - cornerLon) / 2;
            blocks.add(midLat);
            blocks.add(midLon);
            for (int q = 0; q < 4; q++) {
                blocks.add(listed.size());
                long latLo = ((q & 2) == 0 ? cornerLat : midLat) - (long) marginLat;
                long latHi = ((q & 2) == 0 ? midLat : rectMaxLat) + (long) marginLat;
                long lonLo = ((q & 1) == 0 ? cornerLon : midLon) - (long) marginLon;
                long lonHi = ((q & 1) == 0 ? midLon : rectMaxLon) + (long) marginLon;
                for (int i = first; i < end; i++) {
                    int o = ENTRY_INTS * i;
                    int lat = entries[o + E_LAT];
                    int lon = entries[o + E_LON];
                    if (TileBoxes.max(lat, cornerLat, shift) >= latLo
                            && TileBoxes.min(lat, cornerLat, shift) <= latHi
                            && TileBoxes.max(lon, cornerLon, shift) >= lonLo
                            && TileBoxes.min(lon, cornerLon, shift) <= lonHi) {
                        listed.add(i - first);
                    }
                }
            }
            blocks.add(listed.size());
            return block;
        }

        int[] blocks() {
            return blocks.toArray();
        }

        char[] entries() {
            char[] out = new char[listed.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (char) listed.values[i];
            }
            return out;
        }
    }

    /** A growable list of ints for building the index. */
    private static final class IntList {
        private int[] values;
        private int size;

        IntList(int capacity) {
            values = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1));
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
