package org.bluelamp.road;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.jackson.Jackson;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.DistancePlaneProjection;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PMap;
import com.graphhopper.util.Parameters;
import com.graphhopper.util.PointList;
import com.graphhopper.util.exceptions.ConnectionNotFoundException;
import com.graphhopper.util.exceptions.PointNotFoundException;
import com.graphhopper.util.shapes.BBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real road network imported from an OpenStreetMap extract with GraphHopper, with one
 * contraction hierarchy per {@link TravelProfile}. Snaps points to roads and answers single
 * routes: the engine's oracle for every travel time it reports.
 *
 * <p>The graph cache lives in a folder named by the extract's SHA-256 and a fingerprint of the
 * profile definitions, so a changed extract or profile builds a new cache and an unchanged one is
 * reused. An import is written to a temporary folder and moved into place when complete, so an
 * interrupted import never leaves a half-written cache behind.
 *
 * <p>Thread-safety: after {@link #open} returns, all query methods are safe to call from any
 * number of threads (GraphHopper's graph and indexes are read-only once loaded).
 */
public final class RoadNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoadNetwork.class);

    /** Encoded values every profile's custom model may read. Part of the cache fingerprint. */
    static final String ENCODED_VALUES = "car_access, car_average_speed, foot_access, foot_average_speed, "
            + "bike_access, bike_average_speed, road_class, road_class_link, road_environment, max_speed, roundabout";

    /** Bump when anything about how we build the graph changes, to force a rebuild of caches. */
    private static final int CACHE_LAYOUT_VERSION = 1;

    private final GraphHopper hopper;
    private final RoadNetworkOptions options;
    private final LoadReport report;
    private final Map<TravelProfile, Weighting> weightings = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, DefaultSnapFilter> snapFilters = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, TravelTimeGraph> travelTimeGraphs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile EdgeSnapIndex snapIndex;
    private volatile EdgeShapes shapes;
    private final Object shapesLock = new Object();

    private RoadNetwork(GraphHopper hopper, RoadNetworkOptions options, LoadReport report) {
        this.hopper = hopper;
        this.options = options;
        this.report = report;
        for (TravelProfile p : options.profiles()) {
            Weighting w = hopper.createWeighting(hopper.getProfile(p.profileName()), new PMap());
            weightings.put(p, w);
            snapFilters.put(
                    p,
                    new DefaultSnapFilter(
                            w, hopper.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(p.profileName()))));
        }
    }

    /**
     * Opens the road network of an extract: reuses its graph cache when the extract and profiles
     * are unchanged, otherwise imports the extract and prepares every profile.
     *
     * @param extract an OSM extract, {@code .osm.pbf} or {@code .osm} XML
     * @throws BluelampException INVALID_ARGUMENT when the extract is missing or unreadable,
     *     UNAVAILABLE when the import itself fails
     */
    public static RoadNetwork open(Path extract, RoadNetworkOptions options) {
        return open(extract, options, ImportProgress.NONE);
    }

    /**
     * As {@link #open(Path, RoadNetworkOptions)}, reporting each phase to {@code progress} (on this
     * thread). Temporary folders left under the cache root by interrupted imports are removed
     * first (see {@link StaleImports}).
     */
    public static RoadNetwork open(Path extract, RoadNetworkOptions options, ImportProgress progress) {
        if (!Files.isRegularFile(extract)) {
            throw BluelampException.invalid("map", "map extract " + extract + " does not exist or is not a file");
        }
        if (!Files.isReadable(extract)) {
            throw BluelampException.invalid("map", "map extract " + extract + " is not readable");
        }
        String name = extract.getFileName().toString();
        if (!(name.endsWith(".osm.pbf")
                || name.endsWith(".pbf")
                || name.endsWith(".osm")
                || name.endsWith(".osm.gz"))) {
            throw BluelampException.invalid(
                    "map", "map extract " + extract + " must be an OpenStreetMap .osm.pbf or .osm file");
        }
        boolean imported = false;
        long importMillis = 0;
        long loadMillis;
        String sha;
        Path cacheDir;
        GraphHopper hopper;
        try {
            sha = sha256(extract, progress);
            String key = baseName(name) + "-" + sha.substring(0, 16) + "-"
                    + profilesFingerprint(options).substring(0, 12);
            cacheDir = options.cacheRoot().resolve(key).toAbsolutePath();
            try {
                Files.createDirectories(options.cacheRoot());
                StaleImports.clear(options.cacheRoot());
                if (!Files.isRegularFile(cacheDir.resolve("properties.txt"))) {
                    long t0 = System.nanoTime();
                    importInto(extract, cacheDir, options, progress);
                    importMillis = (System.nanoTime() - t0) / 1_000_000;
                    imported = true;
                }
            } catch (IOException e) {
                throw new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "cacheDir",
                        "cannot write graph cache under " + options.cacheRoot() + ": " + e.getMessage(),
                        e);
            }
            progress.update(ImportPhase.LOADING, "", Double.NaN);
            long t1 = System.nanoTime();
            hopper = configure(new GraphHopper(), extract, cacheDir, options);
            if (!hopper.load()) {
                throw new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "cacheDir",
                        "graph cache " + cacheDir + " could not be loaded; delete the folder to rebuild it");
            }
            loadMillis = (System.nanoTime() - t1) / 1_000_000;
        } finally {
            progress.finished();
        }
        if (imported) {
            LOG.info("imported {} into {} in {} ms", extract, cacheDir, importMillis);
        }
        LOG.info("loaded graph cache {} in {} ms", cacheDir, loadMillis);
        LoadReport report = new LoadReport(
                extract,
                sha,
                cacheDir,
                imported,
                importMillis,
                loadMillis,
                hopper.getBaseGraph().getNodes(),
                hopper.getBaseGraph().getEdges());
        return new RoadNetwork(hopper, options, report);
    }

    private static void importInto(Path extract, Path cacheDir, RoadNetworkOptions options, ImportProgress progress)
            throws IOException {
        Path tmp = StaleImports.temporaryFolder(cacheDir);
        try (StaleImports.Lock lock = StaleImports.lock(tmp)) {
            deleteRecursively(tmp);
            GraphHopper importer = configure(new ProgressGraphHopper(progress), extract, tmp, options);
            try {
                importer.importAndClose();
            } catch (RuntimeException e) {
                deleteRecursively(tmp);
                throw new BluelampException(ErrorKind.UNAVAILABLE, "map", "import of " + extract + " failed: " + e, e);
            }
            try {
                Files.move(tmp, cacheDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cacheDir);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process finished the same import first: theirs is as good as ours
            }
            // GraphHopper may leave an empty folder behind when it releases its lock on close
            deleteRecursively(tmp);
        }
    }

    private static GraphHopper configure(GraphHopper gh, Path extract, Path dir, RoadNetworkOptions options) {
        gh.setOSMFile(extract.toString());
        gh.setGraphHopperLocation(dir.toString());
        gh.setEncodedValuesString(ENCODED_VALUES);
        // GraphHopper 11 sorts by default: said here so a change of its default cannot change
        // our caches unnoticed. The sort renumbers nodes and edges after the import, before the
        // location index and the hierarchies are built (GraphHopper.postImportOSM); a loaded
        // cache is as it was imported
        gh.setSortGraph(options.sortGraph());
        List<Profile> profiles = new ArrayList<>();
        List<CHProfile> chProfiles = new ArrayList<>();
        for (TravelProfile p : sorted(options)) {
            profiles.add(new Profile(p.profileName()).setCustomModel(parseCustomModel(p)));
            chProfiles.add(new CHProfile(p.profileName()));
        }
        gh.setProfiles(profiles);
        gh.getCHPreparationHandler().setCHProfiles(chProfiles);
        return gh;
    }

    static CustomModel parseCustomModel(TravelProfile p) {
        try {
            return Jackson.newObjectMapper().readValue(p.customModelJson(), CustomModel.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "custom model of profile " + p + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<TravelProfile> sorted(RoadNetworkOptions options) {
        return options.profiles().stream().sorted(Comparator.naturalOrder()).toList();
    }

    static String profilesFingerprint(RoadNetworkOptions options) {
        StringBuilder sb = new StringBuilder("layout=")
                .append(CACHE_LAYOUT_VERSION)
                .append(";gh=")
                .append(com.graphhopper.util.Constants.VERSION)
                .append(";ev=")
                .append(ENCODED_VALUES);
        for (TravelProfile p : sorted(options)) {
            sb.append(";")
                    .append(p.profileName())
                    .append("=")
                    .append(p.customModelJson().replaceAll("\\s+", ""));
        }
        if (!options.sortGraph()) {
            // only when off, so the key of every cache imported sorted (GraphHopper's default) is unchanged
            sb.append(";sort=off");
        }
        return HexFormat.of().formatHex(digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Snaps a point to the nearest road edge the profile may use, on the main connected network.
     *
     * @param field the request field the point came from, named in any error
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} when no usable road lies
     *     within the maximum snap distance
     */
    public SnappedPoint snap(TravelProfile profile, String field, GeoPoint point) {
        Snap snap = snapRaw(profile, field, point);
        var sp = snap.getSnappedPoint();
        var edge = snap.getClosestEdge();
        return new SnappedPoint(
                point,
                new GeoPoint(sp.getLat(), sp.getLon()),
                snap.getQueryDistance(),
                edge.getEdge(),
                edge.getBaseNode(),
                edge.getAdjNode());
    }

    /** GraphHopper's snap of a point, checked against the maximum snap distance. */
    Snap snapRaw(TravelProfile profile, String field, GeoPoint point) {
        return snapRaw(profile, field, point, null);
    }

    /**
     * GraphHopper's snap of a point to an edge the profile may use and that is not in {@code
     * closedEdges} (a bit set over edge ids, or null), checked against the maximum snap distance.
     */
    private Snap snapRaw(TravelProfile profile, String field, GeoPoint point, long[] closedEdges) {
        var bounds = hopper.getBaseGraph().getBounds();
        if (!bounds.contains(point.latDeg(), point.lonDeg())) {
            throw BluelampException.invalid(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s %s is outside the area of this map (latitude %.5f to %.5f, longitude %.5f to %.5f)",
                            field,
                            point,
                            bounds.minLat,
                            bounds.maxLat,
                            bounds.minLon,
                            bounds.maxLon));
        }
        DefaultSnapFilter usable = snapFilter(profile);
        EdgeFilter filter = closedEdges == null
                ? usable
                : edge -> usable.accept(edge) && (closedEdges[edge.getEdge() >>> 6] & (1L << edge.getEdge())) == 0;
        Snap snap = hopper.getLocationIndex().findClosest(point.latDeg(), point.lonDeg(), filter);
        String open = closedEdges == null ? "" : "open ";
        if (!snap.isValid()) {
            throw BluelampException.invalid(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s %s is not near any %sroad usable by profile %s (nothing within the search radius)",
                            field,
                            point,
                            open,
                            profile));
        }
        double distance = snap.getQueryDistance();
        if (distance > options.maxSnapDistanceMetres()) {
            throw BluelampException.invalid(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s %s is %.0f m from the nearest %sroad usable by profile %s; "
                                    + "the maximum snap distance is %.0f m",
                            field,
                            point,
                            distance,
                            open,
                            profile,
                            options.maxSnapDistanceMetres()));
        }
        return snap;
    }

    /**
     * The fastest road route between two points with the profile's prepared (CH) graph.
     *
     * @throws BluelampException INVALID_ARGUMENT naming "from" or "to" when a point is too far
     *     from a road; NO_ROUTE when the road network does not connect them
     */
    public Route route(TravelProfile profile, GeoPoint from, GeoPoint to) {
        return route(profile, from, to, false);
    }

    /**
     * The same route computed with a plain, unprepared Dijkstra search: slow, and the reference
     * that prepared searches are checked against.
     */
    public Route routeUnprepared(TravelProfile profile, GeoPoint from, GeoPoint to) {
        return route(profile, from, to, true);
    }

    private Route route(TravelProfile profile, GeoPoint from, GeoPoint to, boolean unprepared) {
        SnappedPoint a = snap(profile, "from", from);
        SnappedPoint b = snap(profile, "to", to);
        GHRequest req =
                new GHRequest(from.latDeg(), from.lonDeg(), to.latDeg(), to.lonDeg()).setProfile(profile.profileName());
        if (unprepared) {
            req.putHint(Parameters.CH.DISABLE, true);
            req.putHint(Parameters.Landmark.DISABLE, true);
            req.setAlgorithm(Parameters.Algorithms.DIJKSTRA);
        }
        GHResponse rsp = hopper.route(req);
        if (rsp.hasErrors()) {
            for (Throwable t : rsp.getErrors()) {
                if (t instanceof ConnectionNotFoundException) {
                    throw new BluelampException(
                            ErrorKind.NO_ROUTE,
                            "to",
                            "no " + profile + " route from " + from + " to " + to + " on this road network");
                }
                if (t instanceof PointNotFoundException pnf) {
                    String field = pnf.getPointIndex() == 0 ? "from" : "to";
                    throw BluelampException.invalid(
                            field, field + " is not near any road usable by profile " + profile);
                }
            }
            throw new BluelampException(ErrorKind.UNAVAILABLE, "", "routing failed: " + rsp.getErrors());
        }
        ResponsePath path = rsp.getBest();
        PointList pl = path.getPoints();
        double[] lats = new double[pl.size()];
        double[] lons = new double[pl.size()];
        for (int i = 0; i < pl.size(); i++) {
            lats[i] = pl.getLat(i);
            lons[i] = pl.getLon(i);
        }
        return new Route(
                profile,
                from,
                to,
                path.getTime(),
                path.getDistance(),
                lats,
                lons,
                a.distanceMetres(),
                b.distanceMetres());
    }

    /**
     * Places a point on a profile's road graph: snaps it to the nearest edge the profile may use
     * (see {@link #snap}) and measures where along the edge it lies, exactly as GraphHopper's
     * query graph cuts the edge, so that partial times agree with GraphHopper's routes.
     *
     * @param field the request field named in any error
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} when no usable road is within
     *     the snap limit (the message gives the distance)
     */
    public EdgePlacement place(TravelProfile profile, String field, GeoPoint point) {
        return place(profile, field, point, null);
    }

    /**
     * As {@link #place(TravelProfile, String, GeoPoint)}, on the nearest edge that is not closed:
     * where an incident inside a road closure is reached (the nearest open point).
     *
     * @param closedEdges edges that may not be used (bit {@code e % 64} of word {@code e / 64}), or
     *     null for none
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} when no open usable road is
     *     within the snap limit
     */
    public EdgePlacement place(TravelProfile profile, String field, GeoPoint point, long[] closedEdges) {
        Snap snap = snapRaw(profile, field, point, closedEdges);
        EdgeIteratorState closest = snap.getClosestEdge();
        int edge = closest.getEdge();
        BaseGraph g = hopper.getBaseGraph();
        EdgeIteratorState stored = g.getEdgeIteratorState(edge, Integer.MIN_VALUE);
        int base = stored.getBaseNode();
        int adj = stored.getAdjNode();
        double full = stored.getDistance();
        double distanceMetres = snap.getQueryDistance();
        var sp = snap.getSnappedPoint();
        GeoPoint snapped = new GeoPoint(sp.getLat(), sp.getLon());
        if (snap.getSnappedPosition() == Snap.Position.TOWER) {
            boolean atBase = snap.getClosestNode() == base;
            return new EdgePlacement(point, snapped, distanceMetres, edge, atBase ? 0 : full, atBase ? full : 0);
        }
        // Measure the two parts of the edge the way GraphHopper's query graph cuts it: plane
        // projection distances along the geometry, in the orientation of the closest edge.
        PointList way = closest.fetchWayGeometry(FetchMode.ALL);
        int wayIndex = snap.getWayIndex();
        boolean onPillar = snap.getSnappedPosition() == Snap.Position.PILLAR;
        double toStart = 0;
        for (int i = 1; i <= wayIndex; i++) {
            toStart += DistancePlaneProjection.DIST_PLANE.calcDist(
                    way.getLat(i - 1), way.getLon(i - 1), way.getLat(i), way.getLon(i));
        }
        double toEnd = 0;
        int from = wayIndex + 1;
        if (!onPillar) {
            toStart += DistancePlaneProjection.DIST_PLANE.calcDist(
                    way.getLat(wayIndex), way.getLon(wayIndex), sp.getLat(), sp.getLon());
            toEnd += DistancePlaneProjection.DIST_PLANE.calcDist(
                    sp.getLat(), sp.getLon(), way.getLat(from), way.getLon(from));
        } else {
            from = wayIndex;
        }
        for (int i = from + 1; i < way.size(); i++) {
            toEnd += DistancePlaneProjection.DIST_PLANE.calcDist(
                    way.getLat(i - 1), way.getLon(i - 1), way.getLat(i), way.getLon(i));
        }
        boolean reversed =
                closest.getBaseNode() != base || (base == adj && closest.get(EdgeIteratorState.REVERSE_STATE));
        double toBaseMetres = reversed ? toEnd : toStart;
        double toAdjMetres = reversed ? toStart : toEnd;
        return new EdgePlacement(point, snapped, distanceMetres, edge, toBaseMetres, toAdjMetres);
    }

    /**
     * The exact snap over primitive arrays ({@link EdgeSnapIndex}): GraphHopper's answer without
     * GraphHopper's allocation. Built on first use (about a second per million edges) and shared;
     * thread-safe.
     */
    public EdgeSnapIndex snapIndex() {
        EdgeSnapIndex index = snapIndex;
        if (index == null) {
            synchronized (this) {
                index = snapIndex;
                if (index == null) {
                    index = EdgeSnapIndex.build(this);
                    snapIndex = index;
                }
            }
        }
        return index;
    }

    /** {@link #place} for one profile, as a function (for caches and tests). */
    public EdgePlacer placer(TravelProfile profile) {
        snapFilter(profile);
        return (field, point) -> place(profile, field, point);
    }

    /**
     * The geometry of a route found by a search, as {lats, lons}: the source's snapped point, the
     * road nodes and the edge shapes in between, the target's snapped point. The two partial edges
     * at the ends are drawn straight from the snapped points.
     */
    public double[][] geometry(RoadPath path) {
        // from the flat edge shapes (no GraphHopper call, nothing allocated per edge): routes of
        // thousands of edges are drawn for sparse fleets
        EdgeShapes sh = edgeShapes();
        int[] offset = sh.pointOffset();
        double[] shapeLat = sh.latDeg();
        double[] shapeLon = sh.lonDeg();
        NodeAccess na = hopper.getBaseGraph().getNodeAccess();
        int[] nodes = path.nodes();
        int[] edges = path.edges();
        int n = 2 + (nodes.length > 0 ? 1 : 0);
        for (int e : edges) {
            n += offset[e + 1] - offset[e] - 1;
        }
        double[] lats = new double[n];
        double[] lons = new double[n];
        int k = 0;
        lats[k] = path.from().snapped().latDeg();
        lons[k++] = path.from().snapped().lonDeg();
        // each edge oriented from the node we are at (a search tree never holds a loop edge),
        // without its last point, which the next edge or the final node starts with
        for (int i = 0; i < edges.length; i++) {
            int a = offset[edges[i]];
            int b = offset[edges[i] + 1] - 1;
            boolean stored = shapeLat[a] == na.getLat(nodes[i]) && shapeLon[a] == na.getLon(nodes[i]);
            if (stored) {
                for (int j = a; j < b; j++) {
                    lats[k] = shapeLat[j];
                    lons[k++] = shapeLon[j];
                }
            } else {
                for (int j = b; j > a; j--) {
                    lats[k] = shapeLat[j];
                    lons[k++] = shapeLon[j];
                }
            }
        }
        if (nodes.length > 0) {
            int last = nodes[nodes.length - 1];
            lats[k] = na.getLat(last);
            lons[k++] = na.getLon(last);
        }
        lats[k] = path.to().snapped().latDeg();
        lons[k] = path.to().snapped().lonDeg();
        return new double[][] {lats, lons};
    }

    /**
     * The shape of one edge as {lats, lons}, from its base node to its adjacent node (the order
     * of {@link TravelTimeGraph#edgeBase} and {@link TravelTimeGraph#edgeAdj}), its end nodes
     * included. Allocates; for drawing maps and writing GeoJSON.
     */
    public double[][] edgeGeometry(int edge) {
        PointList pl = hopper.getBaseGraph()
                .getEdgeIteratorState(edge, Integer.MIN_VALUE)
                .fetchWayGeometry(FetchMode.ALL);
        double[] lats = new double[pl.size()];
        double[] lons = new double[pl.size()];
        for (int i = 0; i < lats.length; i++) {
            lats[i] = pl.getLat(i);
            lons[i] = pl.getLon(i);
        }
        return new double[][] {lats, lons};
    }

    /**
     * The edges of a profile's main network, as a bit set over edge ids (bit {@code e % 64} of word
     * {@code e / 64}): edges the profile may travel in at least one direction and that are not on
     * one of the small islands GraphHopper marks as cut off from the rest at import (the islands
     * no point is ever snapped to). The roads a coverage share is measured over.
     */
    public long[] mainNetworkEdges(TravelProfile profile) {
        Weighting w = weighting(profile);
        var island = hopper.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(profile.profileName()));
        BaseGraph g = hopper.getBaseGraph();
        long[] bits = new long[(g.getEdges() + 63) / 64];
        var all = g.getAllEdges();
        while (all.next()) {
            if (!all.get(island)
                    && (Double.isFinite(w.calcEdgeWeight(all, false))
                            || Double.isFinite(w.calcEdgeWeight(all, true)))) {
                int e = all.getEdge();
                bits[e >>> 6] |= 1L << e;
            }
        }
        return bits;
    }

    /**
     * The area the map covers: the bounding box of its road graph's nodes. A point outside it can
     * never be snapped to a road of this map (it is refused as outside the map).
     */
    public GeoBounds bounds() {
        BBox b = hopper.getBaseGraph().getBounds();
        return new GeoBounds(b.minLat, b.minLon, b.maxLat, b.maxLon);
    }

    /**
     * The shape and class of every road, for drawing the basemap (built on each call: keep the
     * result).
     */
    public RoadSketch sketch() {
        var em = hopper.getEncodingManager();
        return RoadSketch.of(
                hopper.getBaseGraph(),
                em.hasEncodedValue(com.graphhopper.routing.ev.RoadClass.KEY)
                        ? em.getEnumEncodedValue(
                                com.graphhopper.routing.ev.RoadClass.KEY, com.graphhopper.routing.ev.RoadClass.class)
                        : null);
    }

    /** Road nodes (junctions and ends of roads); their ids are 0 to {@code nodeCount() - 1}. */
    public int nodeCount() {
        return hopper.getBaseGraph().getNodes();
    }

    /** Where road node {@code node} is. */
    public GeoPoint nodePoint(int node) {
        var na = hopper.getBaseGraph().getNodeAccess();
        return new GeoPoint(na.getLat(node), na.getLon(node));
    }

    /**
     * GraphHopper itself, for tests and benchmarks that compare the engine with it (oracles and
     * baselines). Main code outside this package must not use it: {@code ArchitectureTest} fails
     * the build if it does.
     */
    public GraphHopperOracle oracle() {
        return new GraphHopperOracle(this);
    }

    /** Road edges; their ids are 0 to {@code edgeCount() - 1}, the same in every profile's graph. */
    public int edgeCount() {
        return hopper.getBaseGraph().getEdges();
    }

    /**
     * The geometry (every point, tower nodes included, in the edge's stored orientation) and road
     * class of every edge, as flat arrays: what road conditions index, and what routes are drawn
     * from ({@link #geometry}). Built on first use (arrays proportional to the graph: 16 bytes per
     * point, 5 per edge) and shared; thread-safe.
     */
    public EdgeShapes edgeShapes() {
        EdgeShapes s = shapes;
        if (s == null) {
            synchronized (shapesLock) {
                s = shapes;
                if (s == null) {
                    s = exportEdgeShapes();
                    shapes = s;
                }
            }
        }
        return s;
    }

    private EdgeShapes exportEdgeShapes() {
        BaseGraph g = hopper.getBaseGraph();
        int edges = g.getEdges();
        EnumEncodedValue<com.graphhopper.routing.ev.RoadClass> classEnc = hopper.getEncodingManager()
                .getEnumEncodedValue(
                        com.graphhopper.routing.ev.RoadClass.KEY, com.graphhopper.routing.ev.RoadClass.class);
        int[] offset = new int[edges + 1];
        byte[] roadClass = new byte[edges];
        double[] lat = new double[edges * 2 + 16];
        double[] lon = new double[lat.length];
        int points = 0;
        for (int e = 0; e < edges; e++) {
            EdgeIteratorState edge = g.getEdgeIteratorState(e, Integer.MIN_VALUE);
            PointList pl = edge.fetchWayGeometry(FetchMode.ALL);
            if (points + pl.size() > lat.length) {
                int len = Math.max(points + pl.size(), lat.length + lat.length / 2);
                lat = java.util.Arrays.copyOf(lat, len);
                lon = java.util.Arrays.copyOf(lon, len);
            }
            offset[e] = points;
            for (int i = 0; i < pl.size(); i++) {
                lat[points] = pl.getLat(i);
                lon[points] = pl.getLon(i);
                points++;
            }
            roadClass[e] = (byte) RoadClass.find(edge.get(classEnc).name())
                    .orElse(RoadClass.OTHER)
                    .ordinal();
        }
        offset[edges] = points;
        return new EdgeShapes(
                offset, java.util.Arrays.copyOf(lat, points), java.util.Arrays.copyOf(lon, points), roadClass);
    }

    /**
     * The travel-time graph of a prepared profile, built on first use and shared: every search
     * over this network (ranking, road conditions, coverage) uses the same instance, so that
     * per-edge values made for it ({@link EdgeConditions}) fit every search.
     *
     * @throws BluelampException INVALID_ARGUMENT if the profile is not prepared on this network
     */
    public TravelTimeGraph travelTimeGraph(TravelProfile profile) {
        snapFilter(profile);
        return travelTimeGraphs.computeIfAbsent(profile, this::exportTravelTimes);
    }

    /** The travel-time arrays of a profile (see {@link TravelTimeGraph#build}). */
    TravelTimeGraph exportTravelTimes(TravelProfile profile) {
        BaseGraph g = hopper.getBaseGraph();
        Weighting w = weighting(profile);
        int nodes = g.getNodes();
        double[] lat = new double[nodes];
        double[] lon = new double[nodes];
        var na = g.getNodeAccess();
        for (int n = 0; n < nodes; n++) {
            lat[n] = na.getLat(n);
            lon[n] = na.getLon(n);
        }
        int edges = g.getEdges();
        int[] base = new int[edges];
        int[] adj = new int[edges];
        double[] metres = new double[edges];
        int[] fwd = new int[edges];
        int[] bwd = new int[edges];
        var all = g.getAllEdges();
        while (all.next()) {
            int e = all.getEdge();
            base[e] = all.getBaseNode();
            adj[e] = all.getAdjNode();
            metres[e] = all.getDistance();
            fwd[e] = millis(w, all, false);
            bwd[e] = millis(w, all, true);
        }
        return TravelTimeGraph.fromArrays(profile, lat, lon, base, adj, metres, fwd, bwd);
    }

    private static int millis(Weighting w, EdgeIteratorState edge, boolean reverse) {
        if (!Double.isFinite(w.calcEdgeWeight(edge, reverse))) {
            return TravelTimeGraph.CLOSED;
        }
        long ms = w.calcEdgeMillis(edge, reverse);
        if (ms < 0 || ms > Integer.MAX_VALUE / 4) {
            throw new IllegalStateException(
                    "edge " + edge.getEdge() + " has an implausible travel time of " + ms + " ms");
        }
        return (int) ms;
    }

    /** The snap filter of a profile: edges it may use, on its main connected network. */
    DefaultSnapFilter snapFilter(TravelProfile profile) {
        DefaultSnapFilter f = snapFilters.get(profile);
        if (f == null) {
            throw BluelampException.invalid(
                    "profile", "profile " + profile + " was not prepared for this road network");
        }
        return f;
    }

    /** The travel-time weighting of a profile (weight = seconds). */
    Weighting weighting(TravelProfile profile) {
        snapFilter(profile);
        return weightings.get(profile);
    }

    /** The underlying GraphHopper instance (this package only; elsewhere {@link #oracle}). */
    GraphHopper graphHopper() {
        return hopper;
    }

    public LoadReport loadReport() {
        return report;
    }

    public RoadNetworkOptions options() {
        return options;
    }

    @Override
    public void close() {
        hopper.close();
    }

    private static String baseName(String fileName) {
        String base = fileName.replaceFirst("\\.(osm\\.pbf|pbf|osm|osm\\.gz)$", "");
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String sha256(Path file) {
        return sha256(file, ImportProgress.NONE);
    }

    private static String sha256(Path file, ImportProgress progress) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            double size = Math.max(1, Files.size(file));
            long read = 0;
            long reported = 0;
            progress.update(ImportPhase.CHECKSUM, "", 0.0);
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                read += n;
                if (read - reported >= 32L << 20) { // every 32 MB: a country extract takes seconds
                    progress.update(ImportPhase.CHECKSUM, "", read / size);
                    reported = read;
                }
            }
            progress.update(ImportPhase.CHECKSUM, "", 1.0);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw BluelampException.invalid("map", "cannot read map extract " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
