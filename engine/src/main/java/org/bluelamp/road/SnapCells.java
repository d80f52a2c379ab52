package org.bluelamp.road;

import com.graphhopper.util.DistancePlaneProjection;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fast path of {@link EdgeSnapIndex#snap} for rings 0 and 1 (issue 13 point 2; built by {@link
 * EdgeSnapIndex#build} where it fits its memory budget, or as {@code bluelamp.snap.cells} says): per GraphHopper
 * tile a grid of
 * {@code perSide x perSide} cells, a cell whose list is longer than {@code maxCandidates} (K) split
 * into {@link #SPLIT} x {@link #SPLIT} sub-cells, and those again, at most {@link #MAX_DEPTH} times
 * (a quadtree: the finest cell is 1/128 of a tile side at 8 cells a side, a few metres, where roads
 * meet); per leaf one self-contained blob listing, in the tile's entry order, the tile's entries
 * that can be ring 0's best for some point of the cell, each with its edge, profiles, towers, its
 * points (the whole edge; the format also holds a run of it, with its towers, which the build no
 * longer writes), and (after all candidates) its answer record (end nodes, distance, where its segment
 * lengths start in the index). Leaves whose blobs hold the same candidates share one blob. A snap
 * finds its leaf by one multiplication per axis (no division), reads the blob front to back,
 * evaluates its candidates with GraphHopper's operations (those of {@link EdgeSnapIndex}'s search,
 * entry by entry), and answers from the blob when conditions prove the answer is GraphHopper's (for
 * a cell near its tile's border, after ring 0's candidates, those of ring 1: see below);
 * otherwise the caller runs its ordinary search (nothing is written that the search relies on).
 *
 * <p><b>Finding the cell.</b> Each tile has {@code perSide^2} words; a word is -1 (no fast path), a
 * sub-grid {@code (grid << 1) | 1} (its {@code SPLIT^2} words' offset) or a leaf: bit 0 clear, bits
 * 1-26 its blob's start shifted right by {@code alignShift - 1} (blobs start at multiples of 2 ints,
 * or of 8, or 16, on a network whose blobs need more than 2^27, or 2^29, ints), bits 27-30 the leaf's scale e of the
 * blob's C_p (below). The query computes its cell at the finest level, {@code f = (int) ((q -
 * tileMin) * fine)} with {@code fine = perSide * SPLIT^MAX_DEPTH / tileUnits} precomputed, clamped to
 * the tile, and takes {@code log2(SPLIT)} bits of f per level, from the top. That is the floor of the
 * exact quotient except within a few ulps (of 10^-7 degrees, far under a micrometre) of a cell's
 * border; every cell's rectangle at build, at every level, is widened by {@link #WIDEN_UNITS}
 * storage units (about 2 cm) each way, so the query lies in the rectangle of each cell it reads.
 *
 * <p><b>What goes in a cell.</b> For a cell (its rectangle widened by {@link #WIDEN_UNITS} storage units) and each
 * prepared profile p: {@code U_p}, the smallest over the tile's entries usable by p of an estimate of the farthest
 * the entry is from a point of the cell (min over its segments of the max over the cell's corners, with the
 * largest cosine; only a choice of cut-off); the blob lists every entry e usable by some prepared p with {@code
 * L(e) <= U_p * (1 + 1 %) + 0.5 m}, where {@code L(e)} is a rigorous lower bound of every distance GraphHopper can
 * measure from a point of the cell to a candidate of e (the plane distance from the rectangle to e's segments with
 * longitudes scaled by the smallest cosine of any latitude of the cell and e's box: GraphHopper's candidates,
 * towers, pillars and crossing points, all lie on e's segments, and each of its distances uses the cosine of a
 * latitude between the query's and the candidate's). Then per profile {@code G_p}, the smallest L of anything the
 * blob leaves out for p: entries usable by p not listed (branch and bound over the entries' box distances,
 * themselves rigorous lower bounds); the blob's header holds {@code C_p = G_p - 0.25 m} as a normed distance,
 * rounded down (or -1: the profile takes no fast path here, as when no usable entry lies within {@link
 * #MAX_UPPER_METRES}). C_p does not rely on U: a cut-off chosen badly costs fall-backs, never exactness. When a
 * leaf's blob equals, int for int after the header, one written before (the same entries, points and answers in
 * the same order) and the same profiles have a C_p, the leaf shares it: its word takes the largest scale e with
 * {@code C_p(shared) * SCALE[e] <= C_p(own)} for every profile (computed as the query computes it), and the query
 * uses {@code C_p(shared) * SCALE[e]}, never above its own cell's C_p; when no e fits, the leaf keeps its own
 * blob.
 *
 * <p><b>Ring 1.</b> A leaf where some profile's listing limit {@code U_p * (1 + 1 %) + 0.5 m} reaches its tile's
 * border (the cell's nearest distance to it; only a choice: a point there may have its best beyond ring 0's border)
 * also gets a ring-1 section, for the profiles with a C_p (the active ones): GraphHopper's ring 1 as it visits it
 * (the 8 tiles around, in {@code LineIntIndex.findEdgeIdsInNeighborhood}'s order, tiles off the grid skipped as it
 * skips them, each tile's entries in its order, an entry kept only when its edge was met neither in the tile itself
 * nor earlier in ring 1: {@code LocationIndexTree.findClosest}'s {@code seenEdges} skips those, whatever their
 * profiles). With {@code U01_p} the smaller of U_p and the same estimate over ring 1's kept entries, the section
 * lists, whole, every kept entry used by an active p with L(e) within {@code U01_p * (1 + 1 %) + 0.5 m}, in that
 * order, then their answer records; the header gets {@code C01_p = min(G_p, G1_p) - 0.25 m} (normed, rounded down),
 * G1_p the smallest rigorous lower bound (L, or the box distance, which is below it) of the kept ring-1 entries used
 * by p that are not listed (a cell whose list would exceed {@link #MAX_RING1_CANDIDATES} gets no section). The count
 * word holds both counts and a flag; a ring-1 blob shares only with an equal one (same count word, same ints after
 * the header, the same C set), its leaf's scale keeping both its C_p and its C01_p within its own. A network whose
 * blobs with ring-1 sections would not fit the leaf words (the national one) is built without them ({@link
 * #build}): ring 0 only, as before.
 *
 * <p><b>Why an accepted answer is GraphHopper's.</b> GraphHopper visits ring 0 (the query's tile)
 * first, entry by entry in the tile's order, keeps a candidate only when strictly closer than the
 * best so far, and stops after ring 0 when the best is closer than the tile's border. The fast
 * path evaluates the blob's entries usable by p in that order with the same operations, so each
 * evaluated edge yields the same candidates and the same early exits. It accepts only when (a)
 * its best is closer than ring 0's border ({@code LocationIndexTree.calculateRMin(.., 0)}) and
 * (b) its best {@code d <= C} (the leaf's scaled C_p). By (b), every usable entry and every segment
 * left out of the blob is at least {@code G_p >= C + 0.25 m > d} away: each of its candidates is
 * strictly farther than d, so in GraphHopper's ring 0 it never replaces a best that ends at d or
 * below, and never ends an edge early (that needs 0.1 m, below d + 0.25 m); so ring 0's best is the
 * fast path's best (the first minimum in the same order), and by (a) GraphHopper stops there. Within
 * the blob, as in the search, a tower pair or segment whose trigonometry-free lower bound exceeds the
 * threshold of the best so far (plus a millimetre), capped by the smaller of C and ring 0's border
 * (and, for a list longer than K or in the pre-pass mode, by a guess: the smallest segment lower
 * bound of the blob, enlarged by {@link #GUESS_SLACK}), is not computed; the answer is accepted only
 * when its own threshold lies within that cap, so nothing the cap left out could equal or beat it or
 * end its edge's traversal (a cap too small costs a fall-back, never exactness).
 *
 * <p><b>Why an answer from ring 1 is GraphHopper's.</b> With a ring-1 section for p, the cap is the larger of ring
 * 0's (above) and ring 1's ({@code min(C01, ring 1's border) + 1 mm}, squared), and ring 0 is evaluated under it as
 * above. When ring 0 cannot answer, the fast path goes on only when (c) GraphHopper provably goes on to ring 1:
 * ring 0's best is not below ring 0's border (GraphHopper's own comparison) or there is none, {@code sqrt(C) R} is
 * at least that border and {@code sqrt(cap) R} at least that border plus half a millimetre. Then every ring-0
 * candidate is at or beyond the border: those evaluated are no nearer than their best; one pruned had its lower
 * bound above the threshold at its turn, the smaller of the cap (beyond the border) and the threshold of a best
 * so far (beyond the best, itself at or beyond the border); one left out is at least {@code G >= C + 0.25 m}. So
 * GraphHopper's ring-0 best, whichever it is, does not stop it. It then evaluates ring 1's section, continuing
 * the same best and threshold, and accepts only when (d) the best {@code d <= C01} and its threshold lies within
 * the cap, and (e) d is below ring 1's border ({@code calculateRMin(.., 1)}, GraphHopper's comparison). By (d),
 * everything of rings 0 and 1 left out (ring-0 entries not listed, ring-1 entries kept and not listed; an edge
 * GraphHopper skips in ring 1 is a ring-0 or earlier ring-1 entry, covered by those) is at least {@code C01 + 0.25
 * m > d} away, and everything pruned in either ring is beyond d by more than the pruning margin (the thresholds
 * used never fell below d's, the cap's included) and beyond 0.1 m, so none of them ties or beats d or ends an
 * edge's traversal; the evaluated candidates are GraphHopper's, in its order (ring 0's listed entries, then ring
 * 1's), with its operations, strict-< replacement and early exits: its best after ring 1 is d, the same candidate,
 * and by (e) it stops there. Ring 1 never answers where ring 0 could (the order of the checks).
 *
 * <p>Memory and speed: benchmarks/RESULTS.md (snap18, snap19). Built once; immutable and safe to share
 * between threads; {@link #snap} allocates nothing (its scratch is the {@link EdgeSnap}'s).
 */
final class SnapCells {
    /** Relative and absolute margins between a left-out entry's lower bound and U (see the class comment). */
    static final double RELATIVE_MARGIN = 1e-2;

    static final double ABSOLUTE_MARGIN_METRES = 0.5;
    /** A profile whose U is above this, metres, takes no fast path in the cell (keeps blobs short). */
    static final double MAX_UPPER_METRES = 150;
    /** Sub-cells a side of a split cell, and how many times a cell may be split. */
    static final int SPLIT_BITS = 1;

    static final int SPLIT = 1 << SPLIT_BITS;
    static final int MAX_DEPTH = 4;
    /** Candidates a cell may list before it is split, unless {@code bluelamp.snap.cells.k} says otherwise. */
    static final int DEFAULT_MAX_CANDIDATES = 6;
    /**
     * A leaf's scale of its blob's C_p (normed), the word's bits 27-30: {@code 2^((e - 12) / 2)}, lowered by a relative
     * 10^-9 (so e = 12 is below 1: a blob's own cell). A cell sharing another's blob takes the largest e that keeps
     * every C_p within its own, computed as the query computes it.
     */
    static final double[] SCALE = new double[16];

    private static final int SCALE_ONE = 12;
    private static final int SCALE_SHIFT = 27;
    /** The leaf word's blob start, shifted right by {@code alignShift - 1} (bits 1-26). */
    private static final int LEAF_OFFSET_MASK = 0x07FF_FFFE;

    static {
        for (int e = 0; e < SCALE.length; e++) {
            SCALE[e] = Math.pow(2, (e - SCALE_ONE) / 2.0) * (1 - 1e-9);
        }
    }

    private static final double EARTH_RADIUS_METRES = 6_371_000.0;
    private static final double METRES_PER_UNIT = Math.toRadians(1e-7) * EARTH_RADIUS_METRES;
    private static final double WIDEN_UNITS = 2;
    private static final double PRUNE_MARGIN_METRES = 0.001;
    /** How much the nearest lower bound is enlarged into the guess that caps the exact pass (normed). */
    private static final double GUESS_SLACK = 1.002;

    /**
     * Header ints of a blob: the count word (ring 0's candidate count in bits 0-14, ring 1's in bits 15-29, bit 30 set
     * when the blob has a ring-1 section), then C_p (float bits) per profile ordinal; a blob with a ring-1 section has
     * {@link #RING1_HEADER} more ints: C01_p per profile ordinal.
     */
    static final int HEADER = 1 + 4;

    static final int RING1_HEADER = 4;
    private static final int COUNT_MASK = 0x7FFF;
    private static final int RING1_SHIFT = 15;
    private static final int RING1_FLAG = 1 << 30;
    /** A cell whose ring-1 list would be longer than this gets no ring-1 section (keeps blobs short). */
    static final int MAX_RING1_CANDIDATES = 24;

    /** {@link EdgeSnap#fastPathOutcome()}: what the fast path did with the last snap. */
    static final int NO_BLOB = 0;

    static final int NO_PROFILE = 1;
    static final int RING0_ANSWER = 2;
    static final int RING1_ANSWER = 3;
    static final int RING0_BEYOND_BORDER = 4;
    static final int RING0_OTHER = 5;
    static final int RING1_NOT_PROVEN_PAST_RING0 = 6;
    static final int RING1_BEYOND_BORDER = 7;
    static final int RING1_OTHER = 8;

    /** Ints of a blob's header for its count word. */
    private static int headerInts(int countWord) {
        return (countWord & RING1_FLAG) != 0 ? HEADER + RING1_HEADER : HEADER;
    }
    /**
     * A candidate: edge and profile bits, its shape (point count in bits 20-29, the index of its run's first point in
     * bits 10-19, the run's point count in bits 0-9), then the run's points (lat, lon): the whole edge, or the points
     * of every segment that may matter for the cell (see the class comment); then, unless the run is the whole edge,
     * its towers (base lat, lon, adjacent lat, lon). The candidates' answer sections follow the last candidate, in
     * the same order.
     */
    private static final int C_EDGE = 0;

    private static final int C_SHAPE = 1;
    private static final int C_POINTS = 2;
    /** Points an edge may have in a blob (10 bits each in C_SHAPE); a cell with a longer edge gets no blob. */
    private static final int MAX_POINTS = 0x3FF;

    /** An answer section: base node, adjacent node, distance (double bits, high and low), segment lengths' start. */
    private static final int A_BASE = 0;

    private static final int A_ADJ = 1;
    private static final int A_DISTANCE_HIGH = 2;
    private static final int A_DISTANCE_LOW = 3;
    private static final int A_SEGMENTS = 4;
    private static final int A_INTS = 5;

    private static final int BASE = 0;
    private static final int ADJ = 1;
    private static final int TOWER = 0;
    private static final int PILLAR = 1;
    private static final int EDGE = 2;

    final int perSide;
    /** Blobs start at multiples of {@code 1 << alignShift} ints (the leaf word holds the start shifted right by it). */
    private final int alignShift;
    /** Whether cells near their tile's border have ring-1 sections (false when they would not fit the words). */
    final boolean ringOne;
    /** The most the cells' arrays may take while being built, bytes (words and blobs). */
    private final long maxBytes;
    /** Candidates a cell lists at most before it is split (K). */
    final int maxCandidates;

    private final int parts;
    private final double minLat;
    private final double minLon;
    private final double tileDeltaLat;
    private final double tileDeltaLon;
    private final double tileUnitsLat; // a tile's height and width, storage units
    private final double tileUnitsLon;
    private final int fineSide; // finest cells a tile side: perSide * SPLIT^MAX_DEPTH
    private final double fineLatPerUnit; // fineSide / tileUnitsLat
    private final double fineLonPerUnit;
    private final int edgeMask;
    private final double equalNormedDelta;
    private final double equalThreshold; // the threshold's floor, from the equal distance
    // per tile where its perSide^2 level-1 words start in `words`, or -1 (no entries); cells row (latitude) major
    private final int[] tileCells;
    // cell words: -1 no fast path, blob << 1 a leaf, (sub-grid << 1) | 1 a split cell (SPLIT^2 words, row major)
    private final int[] words;
    private final int[] blob;
    private final double[] segmentMetres; // the index's: [k] the plane distance from point k - 1 to point k

    // build statistics (for measurements)
    private long level1Cells;
    private long cellsSplit;
    private long leaves;
    private long leavesWithBlob;
    private long leavesLong;
    private long blobsShared;
    private long blobCount;
    private long blobCandidates;
    private long leavesRing1;
    private int tilesBuilt;
    private long ring1Candidates;

    // build scratch (null after the constructor)
    private int[] out = new int[1 << 16];
    private int outSize;
    private int[] wordsOut = new int[1 << 12];
    private int wordsSize;
    private int[] dedupSlot = new int[1 << 12]; // blob start + 1, 0 empty
    private int[] dedupLength = new int[1 << 12];
    private int dedupCount;
    private int[] bEntryEdge;
    private int[] bEntryFirstPoint;
    private int[] bPoints;
    private int[] bEdgeRecord;
    private int bRecordInts;
    private int[] bProfileBit;
    private int bFirst;
    private int bN;
    private double[] box = new double[4 * 64];
    private double[] boxDist = new double[64];
    private double[] upperOf = new double[64];
    private int[] order = new int[64];
    private double[] lowerOf = new double[64];
    private double[] leftOutOf = new double[64];
    private double[] uByProfile;
    private double[] gap;
    // ring 1 (build scratch): every entry's box (storage units: min lat, max lat, min lon, max lon), the tiles' starts,
    // per tile the ring-1 entries GraphHopper visits (first occurrences of edges not in the tile), an edge stamp
    private int[] bEntryBox;
    private int[] bTileStart;
    private int[] seenStamp;
    private int stamp;
    private int[] r1List = new int[256];
    private int r1Count;
    private double[] r1Dist = new double[256];
    private double[] r1Lower = new double[256];
    private double[] r1Upper = new double[256];
    private boolean[] r1Listed = new boolean[256];
    private double[] u01;
    private double[] g1;
    private boolean[] active;

    /** Thrown by the constructor when the blobs' starts do not fit the leaf words at its alignment. */
    private static final class BlobsOverflow extends IllegalStateException {
        /** The blobs' ints the whole network would need at the rate of the tiles built so far. */
        final double projectedInts;

        BlobsOverflow(double projectedInts) {
            super("snap cells' blobs do not fit the leaf words", null);
            this.projectedInts = projectedInts;
        }
    }

    /** Ints of blobs the leaf words can address at an alignment shift. */
    private static double capacityInts(int alignShift) {
        return Math.pow(2, 26 + alignShift);
    }

    /** Thrown by the constructor when the cells' arrays would pass {@code maxBytes}. */
    private static final class OverBudget extends IllegalStateException {
        OverBudget() {
            super("snap cells would pass their budget", null);
        }
    }

    /**
     * Builds the cells from the index's arrays ({@code ringOneAllowed}: with ring 1's sections where they fit; the
     * other parameters as the constructor's): blobs at even starts (up to 2^27 ints), or, for a larger
     * network, built again at starts that are multiples of 8 ints (up to 2^29 ints); when the ring-1 sections would
     * not fit there (projected from the first build's rate when it overflowed), without them (ring 0 only, as before
     * snap19: the national network's blobs are near 2^29 ints without them), at multiples of 8, then 16 ints; {@code
     * null} when their arrays would take more than {@code maxBytes} (the build stops there).
     */
    static SnapCells build(long maxBytes, boolean ringOneAllowed, int perSide, int maxCandidates, Source source) {
        int[][] attempts = {{1, 1}, {3, 1}, {3, 0}, {4, 0}}; // alignment shift, ring-1 sections
        double projected = 0;
        BlobsOverflow last = null;
        for (int[] attempt : attempts) {
            int alignShift = attempt[0];
            boolean ringOne = attempt[1] == 1;
            if (ringOne && (!ringOneAllowed || projected > 0.9 * capacityInts(alignShift))) {
                continue; // not wanted, or they would not fit: do not build them only to find out
            }
            try {
                return new SnapCells(maxBytes, alignShift, ringOne, perSide, maxCandidates, source);
            } catch (OverBudget e) {
                return null;
            } catch (BlobsOverflow e) {
                last = e;
                if (ringOne) {
                    projected = Math.max(projected, e.projectedInts);
                }
            }
        }
        throw new IllegalStateException("snap cells' blobs need more than 2^30 ints", last);
    }

    /**
     * The snap index's arrays the cells are built from (read only; the cells keep {@code segmentMetres}).
     *
     * @param parts tiles a side of the index's grid (GraphHopper's)
     * @param minLat the grid's south edge, degrees
     * @param minLon the grid's west edge, degrees
     * @param tileDeltaLat a tile's height, degrees
     * @param tileDeltaLon a tile's width, degrees
     * @param tileStart per tile (y * parts + x) where its entries start, and at [parts^2] the end
     * @param entryEdge per tile entry: its edge id with the profiles' bits above {@code edgeMask}
     * @param entryFirstPoint per tile entry (and one past the last): where its geometry starts in {@code points}
     * @param edgeMask the bits of an entry's edge id
     * @param points lat, lon of each point, interleaved, storage units
     * @param edgeRecord per edge: segment start in {@code segmentMetres}, base, adjacent node, distance bits
     * @param recordInts ints per edge record
     * @param segmentMetres [k] the plane distance from point k - 1 to point k
     * @param profileBitByOrdinal the profile bit of each prepared profile ordinal, 0 when not prepared
     * @param equalNormedDelta GraphHopper's "equal" distance, normed
     */
    record Source(
            int parts,
            double minLat,
            double minLon,
            double tileDeltaLat,
            double tileDeltaLon,
            int[] tileStart,
            int[] entryEdge,
            int[] entryFirstPoint,
            int edgeMask,
            int[] points,
            int[] edgeRecord,
            int recordInts,
            double[] segmentMetres,
            int[] profileBitByOrdinal,
            double equalNormedDelta) {}

    /**
     * @param alignShift blobs start at multiples of {@code 1 << alignShift} ints (1, 3 or 4)
     * @param ringOne whether cells near their tile's border get ring-1 sections
     * @param maxCandidates a cell listing more candidates is split (K)
     */
    private SnapCells(long maxBytes, int alignShift, boolean ringOne, int perSide, int maxCandidates, Source source) {
        int parts = source.parts();
        double minLat = source.minLat();
        double minLon = source.minLon();
        double tileDeltaLat = source.tileDeltaLat();
        double tileDeltaLon = source.tileDeltaLon();
        int[] tileStart = source.tileStart();
        int[] entryEdge = source.entryEdge();
        int[] entryFirstPoint = source.entryFirstPoint();
        int edgeMask = source.edgeMask();
        int[] points = source.points();
        int[] edgeRecord = source.edgeRecord();
        int recordInts = source.recordInts();
        double[] segmentMetres = source.segmentMetres();
        int[] profileBitByOrdinal = source.profileBitByOrdinal();
        double equalNormedDelta = source.equalNormedDelta();
        if (profileBitByOrdinal.length > HEADER - 1) {
            throw new IllegalArgumentException("cells hold " + (HEADER - 1) + " profiles");
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("a cell lists at least one candidate before it is split");
        }
        this.maxBytes = maxBytes;
        this.alignShift = alignShift;
        this.ringOne = ringOne;
        this.perSide = perSide;
        this.maxCandidates = maxCandidates;
        this.parts = parts;
        this.minLat = minLat;
        this.minLon = minLon;
        this.tileDeltaLat = tileDeltaLat;
        this.tileDeltaLon = tileDeltaLon;
        this.tileUnitsLat = tileDeltaLat * 1e7;
        this.tileUnitsLon = tileDeltaLon * 1e7;
        int fine = perSide;
        for (int d = 0; d < MAX_DEPTH; d++) {
            fine *= SPLIT;
        }
        this.fineSide = fine;
        this.fineLatPerUnit = fine / tileUnitsLat;
        this.fineLonPerUnit = fine / tileUnitsLon;
        this.edgeMask = edgeMask;
        this.segmentMetres = segmentMetres;
        this.equalNormedDelta = equalNormedDelta;
        double q = Math.sqrt(equalNormedDelta) + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
        this.equalThreshold = q * q;
        bEntryEdge = entryEdge;
        bEntryFirstPoint = entryFirstPoint;
        bPoints = points;
        bEdgeRecord = edgeRecord;
        bRecordInts = recordInts;
        bProfileBit = profileBitByOrdinal;
        uByProfile = new double[profileBitByOrdinal.length];
        gap = new double[profileBitByOrdinal.length];
        u01 = new double[profileBitByOrdinal.length];
        g1 = new double[profileBitByOrdinal.length];
        active = new boolean[profileBitByOrdinal.length];
        int tiles = parts * parts;
        int entryCount = tileStart[tiles];
        // every entry's box (storage units: min lat, max lat, min lon, max lon)
        bEntryBox = new int[4 * entryCount];
        for (int i = 0; i < entryCount; i++) {
            int bMinLat = Integer.MAX_VALUE, bMaxLat = Integer.MIN_VALUE;
            int bMinLon = Integer.MAX_VALUE, bMaxLon = Integer.MIN_VALUE;
            for (int p = entryFirstPoint[i]; p < entryFirstPoint[i + 1]; p++) {
                bMinLat = Math.min(bMinLat, points[2 * p]);
                bMaxLat = Math.max(bMaxLat, points[2 * p]);
                bMinLon = Math.min(bMinLon, points[2 * p + 1]);
                bMaxLon = Math.max(bMaxLon, points[2 * p + 1]);
            }
            bEntryBox[4 * i] = bMinLat;
            bEntryBox[4 * i + 1] = bMaxLat;
            bEntryBox[4 * i + 2] = bMinLon;
            bEntryBox[4 * i + 3] = bMaxLon;
        }
        if (ringOne) {
            bTileStart = tileStart;
            int maxEdge = 0;
            for (int i = 0; i < entryCount; i++) {
                maxEdge = Math.max(maxEdge, entryEdge[i] & edgeMask);
            }
            seenStamp = new int[maxEdge + 1];
        }
        tileCells = new int[tiles];
        int cellsPerTile = perSide * perSide;
        for (int ty = 0; ty < parts; ty++) {
            for (int tx = 0; tx < parts; tx++) {
                int tile = ty * parts + tx;
                int first = tileStart[tile];
                int n = tileStart[tile + 1] - first;
                if (n == 0) {
                    tileCells[tile] = -1;
                    continue;
                }
                bFirst = first;
                bN = n;
                if (box.length < 4 * n) {
                    box = new double[8 * n];
                    boxDist = new double[2 * n];
                    upperOf = new double[2 * n];
                    order = new int[2 * n];
                    lowerOf = new double[2 * n];
                    leftOutOf = new double[2 * n];
                }
                for (int k = 0; k < 4 * n; k++) {
                    box[k] = bEntryBox[4 * first + k];
                }
                if (ringOne) {
                    ringOneEntries(tx, ty);
                }
                double tMinLat = (minLat + ty * tileDeltaLat) * 1e7;
                double tMinLon = (minLon + tx * tileDeltaLon) * 1e7;
                int cells = allocateWords(cellsPerTile);
                tileCells[tile] = cells;
                tilesBuilt = tile + 1;
                for (int cy = 0; cy < perSide; cy++) {
                    for (int cx = 0; cx < perSide; cx++) {
                        level1Cells++;
                        int word = cellWord(tMinLat, tMinLon, perSide, cy, cx, 0);
                        wordsOut[cells + cy * perSide + cx] = word; // after the call: it may grow wordsOut
                    }
                }
            }
        }
        blob = Arrays.copyOf(out, outSize);
        words = Arrays.copyOf(wordsOut, wordsSize);
        out = null;
        wordsOut = null;
        dedupSlot = null;
        dedupLength = null;
        bEntryEdge = null;
        bEntryFirstPoint = null;
        bPoints = null;
        bEdgeRecord = null;
        box = null;
        boxDist = null;
        upperOf = null;
        order = null;
        bEntryBox = null;
        bTileStart = null;
        seenStamp = null;
        r1List = null;
    }

    /**
     * Ring 1 of tile (tx, ty) as GraphHopper visits it: the 8 tiles around it in {@code
     * LineIntIndex.findEdgeIdsInNeighborhood}'s order (tiles off the grid skipped, as it skips them), each tile's
     * entries in its order, an entry kept only when its edge was met neither in the tile itself nor earlier in ring 1
     * (LocationIndexTree.findClosest's {@code seenEdges}: it skips such an edge, whatever its profiles); into {@code
     * r1List}.
     */
    private void ringOneEntries(int tx, int ty) {
        int[] tileStart = bTileStart;
        int[] entryEdge = bEntryEdge;
        stamp++;
        int tile0 = ty * parts + tx;
        for (int i = tileStart[tile0]; i < tileStart[tile0 + 1]; i++) {
            seenStamp[entryEdge[i] & edgeMask] = stamp;
        }
        r1Count = 0;
        for (int t = 0; t < 8; t++) {
            int nx;
            int ny;
            if (t < 6) { // columns tx - 1 and tx + 1, interleaved, for ty - 1 .. ty + 1
                ny = ty - 1 + (t >> 1);
                nx = (t & 1) == 0 ? tx - 1 : tx + 1;
            } else { // rows ty - 1 and ty + 1 for column tx
                nx = tx;
                ny = (t & 1) == 0 ? ty - 1 : ty + 1;
            }
            if (nx < 0 || ny < 0 || nx >= parts || ny >= parts) {
                continue;
            }
            int tile = ny * parts + nx;
            for (int i = tileStart[tile]; i < tileStart[tile + 1]; i++) {
                int e = entryEdge[i] & edgeMask;
                if (seenStamp[e] == stamp) {
                    continue;
                }
                seenStamp[e] = stamp;
                if (r1Count == r1List.length) {
                    int grow = 2 * r1List.length;
                    r1List = Arrays.copyOf(r1List, grow);
                    r1Dist = new double[grow];
                    r1Lower = new double[grow];
                    r1Upper = new double[grow];
                    r1Listed = new boolean[grow];
                }
                r1List[r1Count++] = i;
            }
        }
    }

    /**
     * Appends a ring-1 section to the leaf blob just written at {@code start} (its ring-0 part, with {@code
     * uByProfile} and {@code gap} still this cell's), when some profile's ring-0 cut-off reaches the tile's border
     * from the cell (a point of the cell may then have its best beyond ring 0's border); see the class comment.
     */
    private void addRingOne(
            int start, double cMinLat, double cMaxLat, double cMinLon, double cMaxLon, double tMinLat, double tMinLon) {
        int profiles = bProfileBit.length;
        // the cell's nearest distance to its tile's border (only a choice of which cells get a ring-1 section)
        double dLat = Math.max(0, Math.min(cMinLat - tMinLat, tMinLat + tileUnitsLat - cMaxLat)) * METRES_PER_UNIT;
        double dLon = Math.max(0, Math.min(cMinLon - tMinLon, tMinLon + tileUnitsLon - cMaxLon))
                * METRES_PER_UNIT
                * cosLow(cMinLat, cMaxLat);
        double minBorder = Math.min(dLat, dLon);
        boolean any = false;
        for (int p = 0; p < profiles; p++) {
            active[p] = uByProfile[p] >= 0 && limit(uByProfile[p]) >= minBorder;
            any |= active[p];
            u01[p] = uByProfile[p];
            g1[p] = Double.POSITIVE_INFINITY;
        }
        if (!any) {
            return;
        }
        int[] points = bPoints;
        int[] entryEdge = bEntryEdge;
        int[] entryFirstPoint = bEntryFirstPoint;
        int[] eBox = bEntryBox;
        int[] profileBit = bProfileBit;
        // U01_p: ring 0's U_p, lowered by ring 1's entries (only a choice of cut-off)
        for (int r = 0; r < r1Count; r++) {
            int i = r1List[r];
            r1Dist[r] = boxDistance(
                    cMinLat, cMaxLat, cMinLon, cMaxLon, eBox[4 * i], eBox[4 * i + 1], eBox[4 * i + 2], eBox[4 * i + 3]);
            r1Lower[r] = Double.NaN;
            r1Upper[r] = Double.NaN;
            r1Listed[r] = false;
            int word = entryEdge[i];
            for (int p = 0; p < profiles; p++) {
                if (active[p] && (word & profileBit[p]) != 0 && r1Dist[r] < u01[p]) {
                    if (Double.isNaN(r1Upper[r])) {
                        r1Upper[r] = upper(
                                points,
                                entryFirstPoint[i],
                                entryFirstPoint[i + 1] - 1,
                                cMinLat,
                                cMaxLat,
                                cMinLon,
                                cMaxLon,
                                eBox[4 * i],
                                eBox[4 * i + 1]);
                    }
                    u01[p] = Math.min(u01[p], r1Upper[r]);
                }
            }
        }
        // the listing: an entry whose rigorous lower bound L is within the largest limit of a profile using it;
        // G1_p: the smallest lower bound (L, or the box distance) of the entries usable by p left out
        int count1 = 0;
        int ints = 0;
        for (int r = 0; r < r1Count; r++) {
            int i = r1List[r];
            int word = entryEdge[i];
            double reach = -1;
            for (int p = 0; p < profiles; p++) {
                if (active[p] && (word & profileBit[p]) != 0) {
                    reach = Math.max(reach, limit(u01[p]));
                }
            }
            if (reach < 0) {
                continue; // no active profile uses it
            }
            double bound = r1Dist[r];
            if (bound <= reach) {
                bound = r1Lower[r] = lower(
                        points,
                        entryFirstPoint[i],
                        entryFirstPoint[i + 1] - 1,
                        cMinLat,
                        cMaxLat,
                        cMinLon,
                        cMaxLon,
                        eBox[4 * i],
                        eBox[4 * i + 1]);
            }
            if (bound <= reach) {
                int size = entryFirstPoint[i + 1] - entryFirstPoint[i];
                if (size > MAX_POINTS || ++count1 > MAX_RING1_CANDIDATES) {
                    return; // no ring-1 section for this cell
                }
                r1Listed[r] = true;
                ints += C_POINTS + 2 * size + A_INTS;
                continue;
            }
            for (int p = 0; p < profiles; p++) {
                if (active[p] && (word & profileBit[p]) != 0) {
                    g1[p] = Math.min(g1[p], bound);
                }
            }
        }
        // the header's C01_p after C_p (the ring-0 part moves up by RING1_HEADER ints), then the section
        reserve(RING1_HEADER + ints);
        System.arraycopy(out, start + HEADER, out, start + HEADER + RING1_HEADER, outSize - start - HEADER);
        outSize += RING1_HEADER;
        for (int p = 0; p < RING1_HEADER; p++) {
            float check = -1;
            if (p < profiles && active[p]) {
                check = normedCheck(Math.min(gap[p], g1[p]));
            }
            out[start + HEADER + p] = Float.floatToRawIntBits(check);
        }
        int firstCandidate = outSize;
        for (int r = 0; r < r1Count; r++) {
            if (!r1Listed[r]) {
                continue;
            }
            int i = r1List[r];
            int s = entryFirstPoint[i];
            int size = entryFirstPoint[i + 1] - s;
            out[outSize + C_EDGE] = entryEdge[i];
            out[outSize + C_SHAPE] = (size << 20) | size; // the whole edge
            System.arraycopy(points, 2 * s, out, outSize + C_POINTS, 2 * size);
            outSize += C_POINTS + 2 * size;
        }
        writeAnswers(firstCandidate, count1);
        out[start] |= RING1_FLAG | (count1 << RING1_SHIFT);
        leavesRing1++;
        ring1Candidates += count1;
    }

    /** C as the header holds it (normed, rounded down): {@code gap - 0.25 m}, or -1 when that is not positive. */
    private static float normedCheck(double gapMetres) {
        double metres = gapMetres - ABSOLUTE_MARGIN_METRES / 2;
        if (!(metres > 0)) {
            return -1;
        }
        double c = metres / EARTH_RADIUS_METRES;
        double normed = Math.min(c * c, Float.MAX_VALUE);
        float check = (float) normed;
        if (check > normed) {
            check = Math.nextDown(check);
        }
        return check;
    }

    /** Writes the answer sections of the {@code count} candidates from {@code c} at {@code outSize}. */
    private void writeAnswers(int c, int count) {
        for (int m = 0; m < count; m++) {
            int e = out[c + C_EDGE] & edgeMask;
            int r = bRecordInts * e;
            reserve(A_INTS);
            out[outSize + A_BASE] = bEdgeRecord[r + 1];
            out[outSize + A_ADJ] = bEdgeRecord[r + 2];
            out[outSize + A_DISTANCE_HIGH] = bEdgeRecord[r + 3];
            out[outSize + A_DISTANCE_LOW] = bEdgeRecord[r + 4];
            out[outSize + A_SEGMENTS] = bEdgeRecord[r]; // segmentMetres[it + i]: segment i - 1 to i
            outSize += A_INTS;
            c += candidateInts(out[c + C_SHAPE]);
        }
    }

    private int allocateWords(int count) {
        checkBudget(count);
        if (wordsSize + count > wordsOut.length) {
            if ((long) wordsSize + count > (1 << 30)) {
                throw new IllegalStateException("snap cells need more than 2^30 words");
            }
            wordsOut = Arrays.copyOf(wordsOut, Math.max(wordsSize + count, 2 * wordsOut.length));
        }
        int at = wordsSize;
        wordsSize += count;
        return at;
    }

    /**
     * The word of cell (iy, ix) of a grid of {@code side} cells a tile side at {@code depth} (0: the tile's own
     * grid): its blob, written (or shared), its sub-grid, built, or -1.
     */
    private int cellWord(double tMinLat, double tMinLon, int side, int iy, int ix, int depth) {
        double cMinLat = tMinLat + tileUnitsLat * iy / side - WIDEN_UNITS;
        double cMaxLat = tMinLat + tileUnitsLat * (iy + 1) / side + WIDEN_UNITS;
        double cMinLon = tMinLon + tileUnitsLon * ix / side - WIDEN_UNITS;
        double cMaxLon = tMinLon + tileUnitsLon * (ix + 1) / side + WIDEN_UNITS;
        int align = (1 << alignShift) - 1; // blobs start at aligned offsets (the leaf word holds the start shifted)
        if ((outSize & align) != 0) {
            reserve(align + 1);
            outSize = (outSize + align) & ~align;
        }
        int start = outSize;
        int count = emitBlob(cMinLat, cMaxLat, cMinLon, cMaxLon);
        if (count > maxCandidates && depth < MAX_DEPTH) {
            outSize = start;
            cellsSplit++;
            int grid = allocateWords(SPLIT * SPLIT);
            for (int sy = 0; sy < SPLIT; sy++) {
                for (int sx = 0; sx < SPLIT; sx++) {
                    int word = cellWord(tMinLat, tMinLon, side * SPLIT, iy * SPLIT + sy, ix * SPLIT + sx, depth + 1);
                    wordsOut[grid + sy * SPLIT + sx] = word;
                }
            }
            return (grid << 1) | 1;
        }
        leaves++;
        if (count < 0) {
            return -1;
        }
        if (count > maxCandidates) {
            leavesLong++;
        }
        leavesWithBlob++;
        if (ringOne && count <= COUNT_MASK) {
            addRingOne(start, cMinLat, cMaxLat, cMinLon, cMaxLon, tMinLat, tMinLon);
        }
        if ((start >>> (alignShift - 1)) > LEAF_OFFSET_MASK) {
            throw new BlobsOverflow((double) outSize * parts * parts / Math.max(1, tilesBuilt));
        }
        return share(start);
    }

    /**
     * The leaf word of the blob just written at {@code start}: its own, or an equal one written before (the new one
     * is dropped) with the largest scale of {@link #SCALE} that keeps every C_p of the shared blob within this
     * cell's own.
     */
    private int share(int start) {
        int length = outSize - start;
        int hash = blobHash(start, outSize);
        int mask = dedupSlot.length - 1;
        for (int s = hash & mask; ; s = (s + 1) & mask) {
            int other = dedupSlot[s] - 1;
            if (other < 0) {
                dedupSlot[s] = start + 1;
                dedupLength[s] = length;
                if (++dedupCount * 2 > dedupSlot.length) {
                    growDedup();
                }
                break;
            }
            if (dedupLength[s] == length && sameBlob(other, start, length)) {
                int scale = scaleWithin(other, start);
                if (scale >= 0) {
                    outSize = start;
                    blobsShared++;
                    return (scale << SCALE_SHIFT) | (other >>> (alignShift - 1));
                }
                break; // this cell's C_p are far smaller: its blob stays its own
            }
        }
        blobCount++;
        blobCandidates += out[start] & COUNT_MASK;
        return (SCALE_ONE << SCALE_SHIFT) | (start >>> (alignShift - 1));
    }

    /** A hash of a blob's count word, ints after its header, and which of its header's C are set. */
    private int blobHash(int start, int end) {
        int headerInts = headerInts(out[start]);
        int hash = 0x9E3779B9 ^ out[start];
        for (int i = start + headerInts; i < end; i++) {
            hash = (hash ^ out[i]) * 0x01000193;
        }
        for (int p = 1; p < headerInts; p++) {
            hash = (hash ^ (out[start + p] < 0 ? 1 : 0)) * 0x01000193;
        }
        return hash ^ (hash >>> 15);
    }

    /**
     * The largest scale e with C(shared) * SCALE[e] <= C(own) for every C of the header (C_p, and C01_p when the blob
     * has a ring-1 section) that is set, or -1.
     */
    private int scaleWithin(int shared, int own) {
        int e = SCALE.length - 1;
        int headerInts = headerInts(out[own]);
        for (int p = 1; p < headerInts; p++) {
            float mine = Float.intBitsToFloat(out[own + p]);
            if (mine < 0) {
                continue;
            }
            double theirs = Float.intBitsToFloat(out[shared + p]);
            while (e >= 0 && !(theirs * SCALE[e] <= mine)) { // the query's operation, bit for bit
                e--;
            }
        }
        return e;
    }

    /**
     * Whether two blobs have the same count word (the same sections), the same ints after the header and the same C
     * set in it.
     */
    private boolean sameBlob(int a, int b, int length) {
        if (out[a] != out[b]) {
            return false;
        }
        int headerInts = headerInts(out[a]);
        for (int p = 1; p < headerInts; p++) {
            if ((out[a + p] < 0) != (out[b + p] < 0)) {
                return false;
            }
        }
        return Arrays.equals(out, a + headerInts, a + length, out, b + headerInts, b + length);
    }

    private void growDedup() {
        int[] oldSlot = dedupSlot;
        int[] oldLength = dedupLength;
        dedupSlot = new int[2 * oldSlot.length];
        dedupLength = new int[2 * oldSlot.length];
        int mask = dedupSlot.length - 1;
        for (int i = 0; i < oldSlot.length; i++) {
            int start = oldSlot[i] - 1;
            if (start < 0) {
                continue;
            }
            int hash = blobHash(start, start + oldLength[i]);
            int s = hash & mask;
            while (dedupSlot[s] != 0) {
                s = (s + 1) & mask;
            }
            dedupSlot[s] = oldSlot[i];
            dedupLength[s] = oldLength[i];
        }
    }

    /**
     * Writes the blob of a cell (rectangle in storage units, already widened) at {@code outSize}: returns its
     * candidate count, or -1 when the cell takes no fast path (nothing is left written then).
     */
    private int emitBlob(double cMinLat, double cMaxLat, double cMinLon, double cMaxLon) {
        int[] points = bPoints;
        int[] entryEdge = bEntryEdge;
        int[] entryFirstPoint = bEntryFirstPoint;
        int[] profileBitByOrdinal = bProfileBit;
        int profiles = profileBitByOrdinal.length;
        int first = bFirst;
        int n = bN;
        double[] box = this.box;
        double[] boxDist = this.boxDist;
        double[] upperOf = this.upperOf;
        int[] order = this.order;
        for (int k = 0; k < n; k++) {
            boxDist[k] = boxDistance(
                    cMinLat, cMaxLat, cMinLon, cMaxLon, box[4 * k], box[4 * k + 1], box[4 * k + 2], box[4 * k + 3]);
            upperOf[k] = Double.NaN;
            order[k] = k;
        }
        sortBy(order, n, boxDist);
        // U per profile: branch and bound from the nearest box
        double maxLimit = -1;
        for (int p = 0; p < profiles; p++) {
            int bit = profileBitByOrdinal[p];
            double u = Double.POSITIVE_INFINITY;
            if (bit != 0) {
                for (int r = 0; r < n; r++) {
                    int k = order[r];
                    if (boxDist[k] >= u) {
                        break;
                    }
                    if ((entryEdge[first + k] & bit) == 0) {
                        continue;
                    }
                    if (Double.isNaN(upperOf[k])) {
                        upperOf[k] = upper(
                                points,
                                entryFirstPoint[first + k],
                                entryFirstPoint[first + k + 1] - 1,
                                cMinLat,
                                cMaxLat,
                                cMinLon,
                                cMaxLon,
                                box[4 * k],
                                box[4 * k + 1]);
                    }
                    u = Math.min(u, upperOf[k]);
                }
            }
            uByProfile[p] = u <= MAX_UPPER_METRES ? u : -1;
            if (uByProfile[p] >= 0) {
                maxLimit = Math.max(maxLimit, limit(uByProfile[p]));
            }
        }
        if (maxLimit < 0) {
            return -1;
        }
        // the candidates, in the tile's order (C_p, in the header, once they are known)
        int start = outSize;
        reserve(HEADER);
        outSize += HEADER;
        double[] lowerOf = this.lowerOf;
        double[] leftOutOf = this.leftOutOf;
        for (int k = 0; k < n; k++) {
            lowerOf[k] = Double.NaN;
            leftOutOf[k] = Double.NaN; // NaN: not listed
        }
        int count = 0;
        boolean tooLong = false;
        int firstCandidate = outSize;
        for (int k = 0; k < n; k++) {
            if (boxDist[k] > maxLimit) {
                continue;
            }
            int word = entryEdge[first + k];
            double reach = -1; // the largest limit of a profile that may use the entry
            for (int p = 0; p < profiles; p++) {
                int bit = profileBitByOrdinal[p];
                if (bit != 0 && (word & bit) != 0 && uByProfile[p] >= 0) {
                    reach = Math.max(reach, limit(uByProfile[p]));
                }
            }
            if (reach < 0 || boxDist[k] > reach) {
                continue;
            }
            int s = entryFirstPoint[first + k];
            int last = entryFirstPoint[first + k + 1] - 1;
            lowerOf[k] = lower(points, s, last, cMinLat, cMaxLat, cMinLon, cMaxLon, box[4 * k], box[4 * k + 1]);
            if (lowerOf[k] > reach) {
                continue;
            }
            // the segments that may matter: a segment left out is farther than every limit
            int runFirst = -1;
            int runLast = -1; // points
            double leftOut = Double.POSITIVE_INFINITY; // the nearest segment farther than the reach (conservative)
            if (last > s) {
                runFirst = s;
                runLast = last;
            }
            int runPoints = runFirst < 0 ? 0 : runLast - runFirst + 1;
            int size = last - s + 1;
            boolean whole = runPoints == size;
            if (size > MAX_POINTS) {
                tooLong = true;
            }
            reserve(C_POINTS + 2 * runPoints + 4 + A_INTS);
            out[outSize + C_EDGE] = word;
            out[outSize + C_SHAPE] =
                    size > MAX_POINTS ? 0 : (size << 20) | ((runFirst < 0 ? 0 : runFirst - s) << 10) | runPoints;
            if (runPoints > 0) {
                System.arraycopy(points, 2 * runFirst, out, outSize + C_POINTS, 2 * runPoints);
            }
            outSize += C_POINTS + 2 * runPoints;
            leftOutOf[k] = leftOut;
            if (!whole) {
                out[outSize] = points[2 * s];
                out[outSize + 1] = points[2 * s + 1];
                out[outSize + 2] = points[2 * last];
                out[outSize + 3] = points[2 * last + 1];
                outSize += 4;
            }
            count++;
        }
        out[start] = count;
        if (count == 0 || tooLong) {
            outSize = start;
            return -1;
        }
        // C_p: within 0.25 m of the nearest thing left out for p (entries usable by p not listed, segments of listed
        // ones outside their runs), each bounded by L; branch and bound over the entries by their box distance
        double[] gap = this.gap;
        double maxGap = -1;
        for (int p = 0; p < profiles; p++) {
            gap[p] = uByProfile[p] >= 0 ? Double.POSITIVE_INFINITY : -1;
            maxGap = Math.max(maxGap, gap[p]);
        }
        for (int r = 0; r < n && boxDist[order[r]] < maxGap; r++) {
            int k = order[r];
            int word = entryEdge[first + k];
            double left = leftOutOf[k];
            if (Double.isNaN(left)) {
                if (Double.isNaN(lowerOf[k])) {
                    lowerOf[k] = lower(
                            points,
                            entryFirstPoint[first + k],
                            entryFirstPoint[first + k + 1] - 1,
                            cMinLat,
                            cMaxLat,
                            cMinLon,
                            cMaxLon,
                            box[4 * k],
                            box[4 * k + 1]);
                }
                left = lowerOf[k];
            }
            maxGap = -1;
            for (int p = 0; p < profiles; p++) {
                if (gap[p] >= 0 && (word & profileBitByOrdinal[p]) != 0) {
                    gap[p] = Math.min(gap[p], left);
                }
                maxGap = Math.max(maxGap, gap[p]);
            }
        }
        for (int p = 0; p < profiles; p++) {
            float check = gap[p] >= 0 ? normedCheck(gap[p]) : -1;
            out[start + 1 + p] = Float.floatToRawIntBits(check);
        }
        for (int p = profiles; p < HEADER - 1; p++) {
            out[start + 1 + p] = Float.floatToRawIntBits(-1f);
        }
        // the answer sections, after every candidate's geometry
        writeAnswers(firstCandidate, count);
        return count;
    }

    /** An entry is listed when its lower bound is at most this, for a profile's U (metres). */
    private static double limit(double u) {
        return u * (1 + RELATIVE_MARGIN) + ABSOLUTE_MARGIN_METRES;
    }

    private void reserve(int ints) {
        checkBudget(ints);
        if (outSize + ints > out.length) {
            if ((long) outSize + ints > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("snap cells need more than 2^31 ints");
            }
            out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(outSize + ints, 2L * out.length)));
        }
    }

    private void checkBudget(int moreInts) {
        if (4L * ((long) wordsSize + outSize + moreInts) > maxBytes) {
            throw new OverBudget();
        }
    }

    /** Sorts the first n of order ascending by key[order[.]] (insertion sort: tiles hold few entries). */
    private static void sortBy(int[] order, int n, double[] key) {
        for (int i = 1; i < n; i++) {
            int v = order[i];
            double kv = key[v];
            int j = i - 1;
            while (j >= 0 && key[order[j]] > kv) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    /** For measurements: cells, splits, leaves, blobs (shared), candidates and bytes a blob, memory. */
    String summary() {
        return String.format(
                Locale.ROOT,
                "%d x %d cells a tile, K %d, ring 1 %s: %d tile cells, %d split (%.1f%%), %d leaves, %d with a blob"
                        + " (%d above K), %d distinct blobs (%d cells share one), %.1f candidates and %.0f bytes a"
                        + " distinct blob, %d leaves with a ring-1 section (%.1f ring-1 candidates each), %.1f MB"
                        + " (words %.1f MB, blobs %.1f MB)",
                perSide,
                perSide,
                maxCandidates,
                ringOne ? "on" : "off",
                level1Cells,
                cellsSplit,
                100.0 * cellsSplit / Math.max(1, level1Cells + cellsSplit * SPLIT * SPLIT),
                leaves,
                leavesWithBlob,
                leavesLong,
                blobCount,
                blobsShared,
                blobCandidates / (double) Math.max(1, blobCount),
                4.0 * blob.length / Math.max(1, blobCount),
                leavesRing1,
                ring1Candidates / (double) Math.max(1, leavesRing1),
                memoryBytes() / 1e6,
                4e-6 * (tileCells.length + words.length),
                4e-6 * blob.length);
    }

    /** Bytes held by the cells' arrays. */
    long memoryBytes() {
        return 4L * (tileCells.length + words.length + blob.length);
    }

    /** The leaf word for a query in tile (x, y), or -1 (no fast path); its depth in {@code depthOut[0]}. */
    private int leaf(double qLat, double qLon, int x, int y, int[] depthOut) {
        if (x < 0 || y < 0 || x >= parts || y >= parts) {
            return -1;
        }
        int cells = tileCells[y * parts + x];
        if (cells < 0) {
            return -1;
        }
        double tMinLat = (minLat + y * tileDeltaLat) * 1e7;
        double tMinLon = (minLon + x * tileDeltaLon) * 1e7;
        int last = fineSide - 1;
        int fy = Math.max(0, Math.min(last, (int) ((qLat - tMinLat) * fineLatPerUnit)));
        int fx = Math.max(0, Math.min(last, (int) ((qLon - tMinLon) * fineLonPerUnit)));
        int shift = SPLIT_BITS * MAX_DEPTH;
        int w = words[cells + (fy >> shift) * perSide + (fx >> shift)];
        int depth = 0;
        while (w >= 0 && (w & 1) != 0) { // a sub-grid: the next SPLIT_BITS bits of the fine index
            shift -= SPLIT_BITS;
            depth++;
            w = words[(w >>> 1) + ((fy >> shift) & (SPLIT - 1)) * SPLIT + ((fx >> shift) & (SPLIT - 1))];
        }
        if (depthOut != null) {
            depthOut[0] = depth;
        }
        return w;
    }

    /**
     * For measurements: the ring-0 candidate count of the blob a query reads (or -1: no blob) plus 1000 times its
     * cell's depth.
     */
    int probe(double latDeg, double lonDeg, int x, int y) {
        int[] depth = new int[1];
        int w = leaf(latDeg * 1e7, lonDeg * 1e7, x, y, depth);
        return w < 0 ? -1 : (blob[(w & LEAF_OFFSET_MASK) << (alignShift - 1)] & COUNT_MASK) + 1000 * depth[0];
    }

    /**
     * The fast path: evaluates the query's cell's blob and, when the answer provably is GraphHopper's (see the
     * class comment), writes it into {@code out} and returns true; otherwise returns false and leaves the answer
     * fields to the caller's search. Sets {@code out}'s fast-path outcome (for measurements).
     *
     * @param x the query's tile column (GraphHopper's key algorithm)
     * @param y the query's tile row
     * @param cosQ the cosine of the query's latitude, {@code Math.cos(Math.toRadians(latDeg))}
     */
    boolean snap(int profileBit, int profile, double latDeg, double lonDeg, int x, int y, double cosQ, EdgeSnap out) {
        double qLat = latDeg * 1e7;
        double qLon = lonDeg * 1e7;
        int w = leaf(qLat, qLon, x, y, null);
        if (w < 0) {
            out.cellsOutcome = NO_BLOB;
            return false;
        }
        int b = (w & LEAF_OFFSET_MASK) << (alignShift - 1);
        int[] blob = this.blob;
        double scale = SCALE[w >>> SCALE_SHIFT];
        double check = Float.intBitsToFloat(blob[b + 1 + profile]) * scale;
        if (check < 0) {
            out.cellsOutcome = NO_PROFILE;
            return false;
        }
        int head = blob[b];
        int count = head & COUNT_MASK;
        int first = b + HEADER;
        double borderMetres = ringZeroBorderMetres(latDeg, lonDeg, x, y, cosQ);
        // the cap: C_p, and ring 0's border (an answer must lie within it, (a)), so that a point that will fall back
        // computes little beyond lower bounds; with a ring-1 section for the profile, at least ring 1's (the same with
        // C01_p and ring 1's border), so that ring 0 is evaluated as far as ring 1's answer needs
        double r0 = Math.min(Math.sqrt(check), borderMetres / EARTH_RADIUS_METRES)
                + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
        double cap = Math.max(r0 * r0, equalThreshold);
        int count1 = -1; // ring 1's candidates, -1: no ring-1 section for the profile
        double check1 = -1;
        double border1Metres = 0;
        if ((head & RING1_FLAG) != 0) {
            first += RING1_HEADER;
            check1 = Float.intBitsToFloat(blob[b + HEADER + profile]) * scale;
            if (check1 >= 0) {
                count1 = (head >>> RING1_SHIFT) & COUNT_MASK;
                border1Metres = EdgeSnapIndex.ringBorderMetres(
                        minLat, minLon, tileDeltaLat, tileDeltaLon, x, y, 1, latDeg, lonDeg, cosQ);
                double r1 = Math.min(Math.sqrt(check1), border1Metres / EARTH_RADIUS_METRES)
                        + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
                cap = Math.max(cap, r1 * r1);
            }
        }
        double[] bounds = null;
        if (count > maxCandidates) {
            bounds = prePass(first, count, profileBit, qLat, qLon, cosQ, out);
            // the guess: the smallest segment lower bound of ring 0's candidates, a little enlarged (see prePass)
            double guess = Math.sqrt(Math.min(check, bounds[bounds.length - 1] * GUESS_SLACK))
                    + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
            cap = Math.max(guess * guess, equalThreshold);
        }
        return evaluate(
                first,
                count,
                count1,
                check,
                check1,
                cap,
                borderMetres,
                border1Metres,
                bounds,
                profileBit,
                latDeg,
                lonDeg,
                qLat,
                qLon,
                cosQ,
                out);
    }

    /**
     * snap17's pre-pass over ring 0's candidates: each usable segment's trigonometry-free lower bound
     * ({@link EdgeSnapIndex#segmentLowerBound}), kept in blob order for the exact pass, whose smallest, a little
     * enlarged, is a guess that caps that pass (returned in the array's last slot). The cap is checked after the pass
     * (an answer is accepted only when its threshold lies within the cap: every candidate the cap left out is then
     * farther than it by more than the pruning margin), so a wrong guess costs a fall-back, never exactness.
     */
    private double[] prePass(
            int first, int count, int profileBit, double qLat, double qLon, double cosQ, EdgeSnap out) {
        int[] blob = this.blob;
        double[] bounds = out.cellBounds;
        int n = 0;
        double nearest = Double.POSITIVE_INFINITY;
        int c = first;
        for (int m = 0; m < count; m++) {
            int shape = blob[c + C_SHAPE];
            int size = shape >>> 20;
            int runPoints = shape & MAX_POINTS;
            int rp = c + C_POINTS;
            boolean usable = (blob[c + C_EDGE] & profileBit) != 0;
            c = rp + 2 * runPoints + (runPoints == size ? 0 : 4);
            if (!usable || runPoints == 0) {
                continue;
            }
            if (n + runPoints + 1 > bounds.length) {
                bounds = out.cellBounds = Arrays.copyOf(bounds, 2 * (n + runPoints + 1));
            }
            int lastLatU = blob[rp];
            int lastLonU = blob[rp + 1];
            for (int k = 1; k < runPoints; k++) {
                int pLatU = blob[rp + 2 * k];
                int pLonU = blob[rp + 2 * k + 1];
                double lb = EdgeSnapIndex.crossesBoundary(lastLonU, pLonU)
                        ? Double.POSITIVE_INFINITY
                        : EdgeSnapIndex.segmentLowerBound(lastLatU, lastLonU, pLatU, pLonU, qLat, qLon, cosQ);
                bounds[n++] = lb;
                nearest = Math.min(nearest, lb);
                lastLatU = pLatU;
                lastLonU = pLonU;
            }
        }
        if (bounds.length == 0) {
            bounds = out.cellBounds = new double[16];
        }
        bounds[bounds.length - 1] = nearest;
        return bounds;
    }

    /**
     * The exact pass over the blob (the search's per-entry code) and the acceptance: ring 0's candidates, then, when
     * ring 0 cannot answer and the blob has a ring-1 section for the profile ({@code count1 >= 0}) and GraphHopper
     * provably goes on to ring 1, ring 1's, in GraphHopper's order; segments of ring 0 pruned by {@code bounds} (the
     * pre-pass's, in blob order) when given, else (and in ring 1) by a trigonometry-free lower bound each.
     */
    private boolean evaluate(
            int first,
            int count,
            int count1,
            double check,
            double check1,
            double cap,
            double borderMetres,
            double border1Metres,
            double[] bounds,
            int profileBit,
            double latDeg,
            double lonDeg,
            double qLat,
            double qLon,
            double cosQ,
            EdgeSnap out) {
        int[] blob = this.blob;
        double equal = equalNormedDelta;
        double threshold = cap;
        double best = Double.MAX_VALUE;
        int bestCandidate = -1;
        int bestIndex = -1; // of the best's candidate in its section, for its answer section
        int bestAnswer = -1; // where the best's answer section is
        int bestNode = -1;
        int bestWay = -1;
        int bestPos = -1;
        double bestShrink = 0;
        int c = first;
        for (int ring = 0; ; ring++) {
            int n = 0;
            boolean improved = false;
            for (int m = 0; m < count; m++) {
                int word = blob[c + C_EDGE];
                int shape = blob[c + C_SHAPE];
                int size = shape >>> 20;
                int runFirst = (shape >>> 10) & MAX_POINTS;
                int runPoints = shape & MAX_POINTS;
                int candidate = c;
                int rp =
                        c + C_POINTS; // the run's point k (edge point runFirst + k) at blob[rp + 2k], blob[rp + 2k + 1]
                boolean whole = runPoints == size;
                c = rp + 2 * runPoints + (whole ? 0 : 4);
                if ((word & profileBit) == 0) {
                    continue;
                }
                int lb = n - 1; // the run's segment k has its pre-pass lower bound at bounds[lb + k]
                n += runPoints == 0 ? 0 : runPoints - 1;
                int len = size - 1; // points after the base node
                int towers = whole ? rp : rp + 2 * runPoints;
                int adjAt = whole ? rp + 2 * len : towers + 2;
                int baseLatU = blob[towers];
                int baseLonU = blob[towers + 1];
                int adjLatU = blob[adjAt];
                int adjLonU = blob[adjAt + 1];
                int closestTower = -1;
                if (Math.min(
                                EdgeSnapIndex.pointLowerBound(baseLatU, baseLonU, qLat, qLon, cosQ),
                                EdgeSnapIndex.pointLowerBound(adjLatU, adjLonU, qLat, qLon, cosQ))
                        <= threshold) {
                    double baseDist = EdgeSnapIndex.normed(latDeg, lonDeg, baseLatU / 1e7, baseLonU / 1e7);
                    double adjDist = EdgeSnapIndex.normed(latDeg, lonDeg, adjLatU / 1e7, adjLonU / 1e7);
                    double closestDist;
                    if (baseDist < adjDist) {
                        closestTower = BASE;
                        closestDist = baseDist;
                        if (baseDist < best) {
                            best = baseDist;
                            bestCandidate = candidate;
                            bestIndex = m;
                            improved = true;
                            bestNode = BASE;
                            bestWay = 0;
                            bestPos = TOWER;
                            threshold = threshold(best, cap);
                        }
                    } else {
                        closestTower = ADJ;
                        closestDist = adjDist;
                        if (adjDist < best) {
                            best = adjDist;
                            bestCandidate = candidate;
                            bestIndex = m;
                            improved = true;
                            bestNode = ADJ;
                            bestWay = len;
                            bestPos = TOWER;
                            threshold = threshold(best, cap);
                        }
                    }
                    if (closestDist <= equal) {
                        continue;
                    }
                }
                if (runPoints == 0) {
                    continue;
                }
                // the segments that may matter, in the edge's order; those left out are farther than C_p (build)
                int lastLatU = blob[rp];
                int lastLonU = blob[rp + 1];
                for (int k = 1; k < runPoints; k++) {
                    int j = runFirst + k - 1; // segment j: edge points j to j + 1
                    int pLatU = blob[rp + 2 * k];
                    int pLonU = blob[rp + 2 * k + 1];
                    boolean skip;
                    if (bounds != null) {
                        skip = bounds[lb + k] > threshold; // infinite when it crosses the boundary (isCrossBoundary)
                    } else if (EdgeSnapIndex.crossesBoundary(lastLonU, pLonU)) {
                        skip = true;
                    } else {
                        skip = EdgeSnapIndex.segmentLowerBound(lastLatU, lastLonU, pLatU, pLonU, qLat, qLon, cosQ)
                                > threshold;
                    }
                    if (skip) {
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
                    if (EdgeSnapIndex.validEdgeDistance(latDeg, lonDeg, lastLat, lastLon, pLat, pLon, shrink)) {
                        d = EdgeSnapIndex.normedEdgeDistance(latDeg, lonDeg, lastLat, lastLon, pLat, pLon, shrink);
                        way = j;
                        pos = EDGE;
                    } else if (j < len - 1) {
                        d = EdgeSnapIndex.normed(latDeg, lonDeg, pLat, pLon);
                        way = j + 1;
                        pos = PILLAR;
                    } else {
                        lastLatU = pLatU;
                        lastLonU = pLonU;
                        continue; // GraphHopper checks nothing here, and its last value did not end the edge
                    }
                    if (d < best) {
                        if (closestTower < 0) {
                            closestTower = EdgeSnapIndex.normed(latDeg, lonDeg, baseLatU / 1e7, baseLonU / 1e7)
                                            < EdgeSnapIndex.normed(latDeg, lonDeg, adjLatU / 1e7, adjLonU / 1e7)
                                    ? BASE
                                    : ADJ;
                        }
                        best = d;
                        bestCandidate = candidate;
                        bestIndex = m;
                        improved = true;
                        bestNode = closestTower;
                        bestWay = way;
                        bestPos = pos;
                        bestShrink = shrink;
                        threshold = threshold(best, cap);
                    }
                    if (d <= equal) {
                        break;
                    }
                    lastLatU = pLatU;
                    lastLonU = pLonU;
                }
            }
            if (improved) {
                bestAnswer = c + A_INTS * bestIndex; // c: the end of the section's candidates, where its answers start
            }
            if (ring == 0) {
                // (b) every entry left out is provably farther; (a) GraphHopper stops after ring 0
                boolean withinCap = bestNode >= 0 && best <= check && rawThreshold(best) <= cap;
                boolean beyondBorder =
                        bestNode < 0 || !(DistancePlaneProjection.DIST_PLANE.calcDenormalizedDist(best) < borderMetres);
                if (withinCap && !beyondBorder) {
                    out.cellsOutcome = RING0_ANSWER;
                    break;
                }
                if (count1 < 0) {
                    out.cellsOutcome = beyondBorder ? RING0_BEYOND_BORDER : RING0_OTHER;
                    return false;
                }
                // (c) GraphHopper goes on to ring 1: every ring-0 candidate is at or beyond ring 0's border (those
                // evaluated: their best is; those pruned: beyond the cap or the best; those left out: at least
                // C_p + 0.25 m)
                if (!beyondBorder
                        || !(Math.sqrt(check) * EARTH_RADIUS_METRES >= borderMetres)
                        || !(Math.sqrt(cap) * EARTH_RADIUS_METRES >= borderMetres + PRUNE_MARGIN_METRES / 2)) {
                    out.cellsOutcome = RING1_NOT_PROVEN_PAST_RING0;
                    return false;
                }
                c += A_INTS * count; // past ring 0's answers: ring 1's candidates
                count = count1;
                bounds = null;
                continue;
            }
            // (d) every entry of rings 0 and 1 left out is provably farther; (e) GraphHopper stops after ring 1
            if (bestNode >= 0 && best <= check1 && rawThreshold(best) <= cap) {
                if (DistancePlaneProjection.DIST_PLANE.calcDenormalizedDist(best) < border1Metres) {
                    out.cellsOutcome = RING1_ANSWER;
                    break;
                }
                out.cellsOutcome = RING1_BEYOND_BORDER;
            } else {
                out.cellsOutcome = RING1_OTHER;
            }
            return false;
        }
        finish(out, latDeg, lonDeg, bestAnswer, bestCandidate, bestNode, bestWay, bestPos, best, bestShrink);
        return true;
    }

    /** The search's threshold for a best so far (normed), without the cap. */
    private double rawThreshold(double bestNormed) {
        double r = Math.sqrt(bestNormed) + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
        return Math.max(r * r, equalThreshold);
    }

    /** The search's threshold for a best so far, never above the cell's cap (both normed). */
    private double threshold(double bestNormed, double cap) {
        double r = Math.sqrt(bestNormed) + PRUNE_MARGIN_METRES / EARTH_RADIUS_METRES;
        return Math.min(cap, Math.max(r * r, equalThreshold));
    }

    /** GraphHopper's LocationIndexTree.calculateRMin for ring 0 ({@link EdgeSnapIndex#ringBorderMetres}). */
    private double ringZeroBorderMetres(double lat, double lon, int x, int y, double cosLat) {
        return EdgeSnapIndex.ringBorderMetres(minLat, minLon, tileDeltaLat, tileDeltaLon, x, y, 0, lat, lon, cosLat);
    }

    /** The answer ({@link EdgeSnapIndex#answer}) from the edge's points, nodes and distance in the blob. */
    private void finish(
            EdgeSnap out,
            double qLat,
            double qLon,
            int a,
            int candidate,
            int tower,
            int wayIndex,
            int pos,
            double bestNormed,
            double bestShrink) {
        int[] blob = this.blob;
        int edge = blob[candidate + C_EDGE] & edgeMask;
        int size = blob[candidate + C_SHAPE] >>> 20;
        int baseNode = blob[a + A_BASE];
        int adjNode = blob[a + A_ADJ];
        double tmpLat = pointUnits(blob, candidate, size, wayIndex, 0) / 1e7;
        double tmpLon = pointUnits(blob, candidate, size, wayIndex, 1) / 1e7;
        double adjLat = Double.NaN;
        double adjLon = Double.NaN;
        if (pos == EDGE) {
            adjLat = pointUnits(blob, candidate, size, wayIndex + 1, 0) / 1e7;
            adjLon = pointUnits(blob, candidate, size, wayIndex + 1, 1) / 1e7;
        }
        double full = Double.longBitsToDouble(
                ((long) blob[a + A_DISTANCE_HIGH] << 32) | (blob[a + A_DISTANCE_LOW] & 0xFFFF_FFFFL));
        // the answer from the index's segment lengths (the one line read outside the blob, for answers off the towers)
        EdgeSnapIndex.answer(
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
                blob[a + A_SEGMENTS]);
    }

    /**
     * The latitude ({@code coordinate} 0) or longitude (1) of point {@code w} of a candidate's edge, storage units: a
     * tower from the candidate's header, another point from its run (an answer's points always lie in it).
     */
    private static int pointUnits(int[] blob, int candidate, int size, int w, int coordinate) {
        int shape = blob[candidate + C_SHAPE];
        int runFirst = (shape >>> 10) & MAX_POINTS;
        int runPoints = shape & MAX_POINTS;
        int k = w - runFirst;
        if (k >= 0 && k < runPoints) {
            return blob[candidate + C_POINTS + 2 * k + coordinate];
        }
        int towers = candidate + C_POINTS + 2 * runPoints; // the run is not the whole edge
        if (w == 0) {
            return blob[towers + coordinate];
        }
        if (w == size - 1) {
            return blob[towers + 2 + coordinate];
        }
        throw new IllegalStateException("point " + w + " of a snap cell's candidate is not in its run");
    }

    /** Ints of a candidate of shape word {@code shape}. */
    private static int candidateInts(int shape) {
        int runPoints = shape & MAX_POINTS;
        return C_POINTS + 2 * runPoints + (runPoints == shape >>> 20 ? 0 : 4);
    }

    // ---- build-time bounds (storage units in, metres out), as snap14's EdgeSnapCells computed them

    /** The smallest cosine of a latitude in [lo, hi] (storage units). */
    private static double cosLow(double lo, double hi) {
        return Math.cos(Math.toRadians(Math.max(Math.abs(lo), Math.abs(hi)) * 1e-7));
    }

    /** The largest cosine of a latitude in [lo, hi] (storage units). */
    private static double cosHigh(double lo, double hi) {
        if (lo <= 0 && hi >= 0) {
            return 1;
        }
        return Math.cos(Math.toRadians(Math.min(Math.abs(lo), Math.abs(hi)) * 1e-7));
    }

    /** A lower bound of the distance between two boxes (storage units), metres, with the smallest cosine. */
    private static double boxDistance(
            double aMinLat,
            double aMaxLat,
            double aMinLon,
            double aMaxLon,
            double bMinLat,
            double bMaxLat,
            double bMinLon,
            double bMaxLon) {
        double c = cosLow(Math.min(aMinLat, bMinLat), Math.max(aMaxLat, bMaxLat));
        double dy = Math.max(0, Math.max(bMinLat - aMaxLat, aMinLat - bMaxLat)) * METRES_PER_UNIT;
        double dx = Math.max(0, Math.max(bMinLon - aMaxLon, aMinLon - bMaxLon)) * METRES_PER_UNIT * c;
        return Math.sqrt(dx * dx + dy * dy) * (1 - 1e-9);
    }

    /**
     * An estimate of the farthest a point of the cell is from the polyline {@code points[s..last]}: min over its
     * segments of the max over the cell's corners, with the largest cosine (only a choice of the cut-off: the fast
     * path checks its answer against it).
     */
    private static double upper(
            int[] points,
            int s,
            int last,
            double cMinLat,
            double cMaxLat,
            double cMinLon,
            double cMaxLon,
            double eMinLat,
            double eMaxLat) {
        double cos = cosHigh(Math.min(cMinLat, eMinLat), Math.max(cMaxLat, eMaxLat));
        double sx = METRES_PER_UNIT * cos; // origin at the cell's south-west corner
        double w = (cMaxLon - cMinLon) * sx;
        double h = (cMaxLat - cMinLat) * METRES_PER_UNIT;
        double ax = (points[2 * s + 1] - cMinLon) * sx;
        double ay = (points[2 * s] - cMinLat) * METRES_PER_UNIT;
        if (last == s) {
            return Math.sqrt(
                    Math.max(Math.max(sq(ax, ay), sq(ax - w, ay)), Math.max(sq(ax, ay - h), sq(ax - w, ay - h))));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = s + 1; k <= last; k++) {
            double bx = (points[2 * k + 1] - cMinLon) * sx;
            double by = (points[2 * k] - cMinLat) * METRES_PER_UNIT;
            double m = Math.max(
                    Math.max(segmentSq(0, 0, ax, ay, bx, by), segmentSq(w, 0, ax, ay, bx, by)),
                    Math.max(segmentSq(0, h, ax, ay, bx, by), segmentSq(w, h, ax, ay, bx, by)));
            best = Math.min(best, m);
            ax = bx;
            ay = by;
        }
        return Math.sqrt(best);
    }

    /**
     * A rigorous lower bound of GraphHopper's distance from any point of the cell to any point of the polyline
     * {@code points[s..last]}, metres: the plane distance with the smallest cosine of the cell's and the polyline's
     * latitudes, lowered by a relative 10^-9 for rounding (the margins between it and C_p are far larger).
     */
    private static double lower(
            int[] points,
            int s,
            int last,
            double cMinLat,
            double cMaxLat,
            double cMinLon,
            double cMaxLon,
            double eMinLat,
            double eMaxLat) {
        double cos = cosLow(Math.min(cMinLat, eMinLat), Math.max(cMaxLat, eMaxLat));
        double sx = METRES_PER_UNIT * cos;
        double w = (cMaxLon - cMinLon) * sx;
        double h = (cMaxLat - cMinLat) * METRES_PER_UNIT;
        double ax = (points[2 * s + 1] - cMinLon) * sx;
        double ay = (points[2 * s] - cMinLat) * METRES_PER_UNIT;
        double best = pointRectSq(ax, ay, w, h);
        for (int k = s + 1; k <= last && best > 0; k++) {
            double bx = (points[2 * k + 1] - cMinLon) * sx;
            double by = (points[2 * k] - cMinLat) * METRES_PER_UNIT;
            if (crossesRect(ax, ay, bx, by, w, h)) {
                return 0;
            }
            best = Math.min(best, pointRectSq(bx, by, w, h));
            best = Math.min(
                    best,
                    Math.min(
                            Math.min(segmentSq(0, 0, ax, ay, bx, by), segmentSq(w, 0, ax, ay, bx, by)),
                            Math.min(segmentSq(0, h, ax, ay, bx, by), segmentSq(w, h, ax, ay, bx, by))));
            ax = bx;
            ay = by;
        }
        return Math.sqrt(best) * (1 - 1e-9);
    }

    private static double sq(double x, double y) {
        return x * x + y * y;
    }

    /** Squared distance from point p to segment a-b. */
    private static double segmentSq(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = dx * dx + dy * dy;
        double t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
        return sq(ax + t * dx - px, ay + t * dy - py);
    }

    /** Squared distance from a point to the rectangle [0, w] x [0, h]. */
    private static double pointRectSq(double x, double y, double w, double h) {
        double dx = Math.max(0, Math.max(-x, x - w));
        double dy = Math.max(0, Math.max(-y, y - h));
        return dx * dx + dy * dy;
    }

    /** Whether segment a-b meets the rectangle [0, w] x [0, h] (Liang-Barsky clipping). */
    private static boolean crossesRect(double ax, double ay, double bx, double by, double w, double h) {
        double t0 = 0;
        double t1 = 1;
        double dx = bx - ax;
        double dy = by - ay;
        for (int i = 0; i < 4; i++) {
            double p = i == 0 ? -dx : i == 1 ? dx : i == 2 ? -dy : dy;
            double q = i == 0 ? ax : i == 1 ? w - ax : i == 2 ? ay : h - ay;
            if (p == 0) {
                if (q < 0) {
                    return false;
                }
            } else {
                double r = q / p;
                if (p < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
                if (t0 > t1) {
                    return false;
                }
            }
        }
        return true;
    }
}
