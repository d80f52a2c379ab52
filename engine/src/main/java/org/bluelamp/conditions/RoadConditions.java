package org.bluelamp.conditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.input.Echo;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadPath;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The road conditions of one road network: the closures and slowdowns added (kept through a
 * {@link ConditionsStore}), the time-of-day {@link CongestionProfile}, and what they mean for
 * each profile's searches at an instant ({@link #at}: one {@link EdgeConditions}, the value the
 * ranking's search and coverage's search both take). One code path for every user of conditions.
 *
 * <p>Adding a condition checks it against the map (an area covering the whole map is refused, a
 * road between two points must have a route), finds its edges through the {@link EdgeIndex}
 * (never a scan of the network), saves it in the store, and only then puts it in force, so
 * nothing is half-applied. The conditions in force are a snapshot swapped atomically; the
 * {@link EdgeConditions} of a profile at an instant are computed once per snapshot, hour of the
 * week and set of conditions in force (a few milliseconds for a county) and cached, so a query
 * allocates nothing proportional to the graph.
 *
 * <p>Thread-safety: {@link #at} and the readers from any number of threads; {@link #add} and
 * {@link #remove} from any thread (serialised). Each read takes the snapshot in force when it
 * reads: a reader that must see one set of conditions across several reads (a ranking: one
 * {@link #at} per profile, then the conditions its answer lists) takes a {@link #view} once.
 */
public final class RoadConditions {
    private static final Logger LOG = LoggerFactory.getLogger(RoadConditions.class);
    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** Who made a change when the caller does not say: the engine itself (a file at start, a test). */
    public static final String ENGINE = "engine:engine";
    /** Order in which a closure's profiles are tried to find the road between two points. */
    private static final TravelProfile[] ROAD_PROFILES = {
        TravelProfile.CAR, TravelProfile.CAR_EMERGENCY, TravelProfile.BIKE, TravelProfile.FOOT
    };

    /** A condition with the edges it touches (sorted edge ids). */
    public record Entry(Condition condition, int[] edges) {
        public Entry {
            Objects.requireNonNull(condition, "condition");
            edges = edges.clone();
        }

        @Override
        public int[] edges() {
            return edges.clone();
        }

        public int edgeCount() {
            return edges.length;
        }

        /** Whether it touches an edge (binary search). */
        public boolean touches(int edge) {
            return Arrays.binarySearch(edges, edge) >= 0;
        }
    }

    /** The conditions in force at a time, immutable; replaced as a whole on every change. */
    private static final class Snapshot {
        final long version;
        final List<Entry> entries;
        /** Distinct start and end instants, sorted: the set in force changes only there. */
        final long[] boundaries;

        /** What the conditions in force mean per hour, profile and interval (see {@link #at}). */
        final HourCache cache = new HourCache();

        Snapshot(long version, List<Entry> entries) {
            this.version = version;
            this.entries = List.copyOf(entries);
            TreeSet<Long> b = new TreeSet<>();
            for (Entry e : entries) {
                b.add(e.condition().startEpochMillis());
                if (e.condition().endEpochMillis() != Condition.NO_END) {
                    b.add(e.condition().endEpochMillis());
                }
            }
            boundaries = b.stream().mapToLong(Long::longValue).toArray();
        }

        Entry find(String id) {
            for (Entry e : entries) {
                if (e.condition().id().equals(id)) {
                    return e;
                }
            }
            return null;
        }

        int interval(long epochMillis) {
            int i = Arrays.binarySearch(boundaries, epochMillis);
            return i >= 0 ? i + 1 : -i - 1;
        }
    }

    private final RoadNetwork network;
    private final CongestionProfile congestion;
    private final List<Geometry> urbanAreas;
    private final ConditionsStore store;
    private final Object writeLock = new Object();
    private volatile EdgeIndex index;
    private volatile boolean[] urbanEdges;
    private volatile Snapshot snapshot = new Snapshot(0, List.of());
    /** The congestion profile's values per hour and profile; the same whatever conditions are in force. */
    private final HourCache typical = new HourCache();

    private RoadConditions(
            RoadNetwork network, CongestionProfile congestion, List<Geometry> urbanAreas, ConditionsStore store) {
        this.network = network;
        this.congestion = congestion;
        this.urbanAreas = List.copyOf(urbanAreas);
        this.store = store;
    }

    /**
     * The conditions of a network: those kept in {@code store} are loaded (and resolved on this
     * map) now; the congestion profile applies on roads in {@code urbanAreas} (polygons) with its
     * urban factors and elsewhere with its rural ones.
     */
    public static RoadConditions create(
            RoadNetwork network, CongestionProfile congestion, List<Geometry> urbanAreas, ConditionsStore store) {
        RoadConditions c = new RoadConditions(
                Objects.requireNonNull(network),
                Objects.requireNonNull(congestion),
                Objects.requireNonNull(urbanAreas),
                Objects.requireNonNull(store));
        c.reload();
        store.onChange(c::reload);
        return c;
    }

    /** No congestion profile, conditions in memory only. */
    public static RoadConditions none(RoadNetwork network) {
        return create(network, CongestionProfile.none(), List.of(), new InMemoryConditionsStore());
    }

    public RoadNetwork network() {
        return network;
    }

    public CongestionProfile congestion() {
        return congestion;
    }

    /** The areas where the congestion profile's urban factors apply (immutable list of polygons). */
    public List<Geometry> urbanAreas() {
        return urbanAreas;
    }

    /** The edge index, built on first use (about a second for a million edges). */
    public EdgeIndex index() {
        EdgeIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = new EdgeIndex(network.edgeShapes());
                    index = i;
                }
            }
        }
        return i;
    }

    /**
     * Builds now what the first query would otherwise build while others wait behind it: the edge
     * index and which edges are urban (on the synthetic national network, seconds). Idempotent;
     * thread-safe.
     */
    public void prepare() {
        if (urbanAreas.isEmpty()) {
            index();
        } else {
            urbanEdges();
        }
    }

    /** Whether {@link #prepare} (or a query) has built the edge index and the urban edges. */
    boolean prepared() {
        return index != null && (urbanAreas.isEmpty() || urbanEdges != null);
    }

    /** Which edges lie in an urban area (their line intersects one), built on first use. */
    private boolean[] urbanEdges() {
        boolean[] u = urbanEdges;
        if (u == null) {
            synchronized (this) {
                u = urbanEdges;
                if (u == null) {
                    u = new boolean[network.edgeCount()];
                    for (Geometry area : urbanAreas) {
                        for (int e : index().edgesIntersecting(area)) {
                            u[e] = true;
                        }
                    }
                    urbanEdges = u;
                }
            }
        }
        return u;
    }

    // ------------------------------------------------------------------ changes

    /**
     * Adds a condition: checks it against the map, finds its edges, saves it in the store, puts it
     * in force. Errors name the caller's fields.
     *
     * @return the condition with its edges
     * @throws BluelampException ALREADY_EXISTS naming {@code id} for an id in use; INVALID_ARGUMENT
     *     naming the field for an area covering the whole map or a road without a route;
     *     UNAVAILABLE when the store cannot keep it (then nothing changes)
     */
    public Entry add(Condition condition, FieldNames names) {
        return add(condition, names, ENGINE);
    }

    /**
     * As {@link #add(Condition, FieldNames)}, saying who adds it ({@code role:name}, kept by a
     * durable store with the condition).
     */
    public Entry add(Condition condition, FieldNames names, String who) {
        synchronized (writeLock) {
            if (snapshot.find(condition.id()) != null) {
                throw new BluelampException(
                        ErrorKind.ALREADY_EXISTS,
                        names.of("id"),
                        names.of("id") + " " + Echo.quote(condition.id())
                                + " is in use by another condition: remove it first or pick another id");
            }
            Entry entry = resolve(condition, names);
            store.save(condition, who);
            List<Entry> next = new ArrayList<>(snapshot.entries);
            next.add(entry);
            publish(next);
            LOG.info("{} {} added: {} edges", condition.kind(), condition.id(), entry.edgeCount());
            return entry;
        }
    }

    /** {@link #add(Condition, FieldNames)} with the engine's field names. */
    public Entry add(Condition condition) {
        return add(condition, FieldNames.CANONICAL);
    }

    /**
     * Removes a condition.
     *
     * @throws BluelampException NOT_FOUND naming {@code field} for an unknown id; UNAVAILABLE when
     *     the store cannot forget it (then nothing changes)
     */
    public Condition remove(String id, String field) {
        return remove(id, field, ENGINE);
    }

    /** As {@link #remove(String, String)}, saying who removes it ({@code role:name}). */
    public Condition remove(String id, String field, String who) {
        synchronized (writeLock) {
            Entry e = snapshot.find(id);
            if (e == null) {
                throw new BluelampException(
                        ErrorKind.NOT_FOUND, field, field + " " + Echo.quote(id) + ": no such condition");
            }
            store.delete(id, who);
            List<Entry> next = new ArrayList<>(snapshot.entries);
            next.remove(e);
            publish(next);
            LOG.info("{} {} removed", e.condition().kind(), id);
            return e.condition();
        }
    }

    /** Reads the store again (at start, and when another replica changed it). */
    public void reload() {
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>();
            for (Condition c : store.load()) {
                Entry known = snapshot.find(c.id());
                if (known != null && known.condition().equals(c)) {
                    next.add(known);
                    continue;
                }
                try {
                    next.add(resolve(c, FieldNames.CANONICAL));
                } catch (BluelampException e) {
                    LOG.warn(
                            "stored {} {} does not fit this map and is left out: {}", c.kind(), c.id(), e.getMessage());
                }
            }
            publish(next);
        }
    }

    private void publish(List<Entry> entries) {
        snapshot = new Snapshot(snapshot.version + 1, entries);
    }

    /** A version number that changes with every change of the conditions. */
    public long version() {
        return snapshot.version;
    }

    // ------------------------------------------------------------------ reading

    /** Every condition, in the order added, with its edges. */
    public List<Entry> list() {
        return snapshot.entries;
    }

    /** The conditions in force at an instant. */
    public List<Entry> inForceAt(long epochMillis) {
        return inForceAt(snapshot, epochMillis);
    }

    private static List<Entry> inForceAt(Snapshot s, long epochMillis) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : s.entries) {
            if (e.condition().inForceAt(epochMillis)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The conditions as they are now, held for one reader: what it asks of the view comes from
     * this one set of conditions, whatever is added or removed meanwhile. A ranking takes one per
     * query, so that its searches (one {@link #at} per profile, each a read of the conditions) and
     * the conditions its answer lists are all of one moment, wholly before or wholly after a
     * change; asked of this class, each read could fall either side of a change made in between.
     * Any thread.
     */
    public View view() {
        return new View(snapshot);
    }

    /** The conditions of one moment ({@link #view}). Immutable; any thread. */
    public final class View {
        private final Snapshot s;

        private View(Snapshot s) {
            this.s = s;
        }

        /** As {@link RoadConditions#at(TravelProfile, long)}, of this view's conditions. */
        public EdgeConditions at(TravelProfile profile, long epochMillis) {
            return RoadConditions.this.at(s, profile, epochMillis);
        }

        /** As {@link RoadConditions#inForceAt}, of this view's conditions. */
        public List<Entry> inForceAt(long epochMillis) {
            return RoadConditions.inForceAt(s, epochMillis);
        }

        /** The version of this view's conditions ({@link RoadConditions#version}). */
        public long version() {
            return s.version;
        }
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(snapshot.find(id));
    }

    /**
     * What every closure, slowdown and the congestion profile in force at an instant mean for a
     * profile's searches (cached: see the class comment).
     */
    public EdgeConditions at(TravelProfile profile, long epochMillis) {
        return at(snapshot, profile, epochMillis);
    }

    private EdgeConditions at(Snapshot s, TravelProfile profile, long epochMillis) {
        int hour = congestion.hourOfWeek(epochMillis);
        return s.cache.get(
                HourCache.key(hour, profile, s.interval(epochMillis) + 1L),
                () -> withConditions(s, profile, epochMillis, typicalAt(profile, epochMillis)));
    }

    /**
     * The congestion profile alone at an instant (typical traffic, no closure or slowdown): what
     * the ranking compares with to say how much the closures and slowdowns cost a unit. The same
     * value as {@link #at} returns when no condition applies to the profile then.
     */
    public EdgeConditions typicalAt(TravelProfile profile, long epochMillis) {
        int hour = congestion.hourOfWeek(epochMillis);
        return typical.get(HourCache.key(hour, profile, 0), () -> congestionAt(profile, hour));
    }

    /**
     * Computes now, for each profile, what the first query at {@code epochMillis} would otherwise
     * compute while others wait (on the national network about a tenth of a second per profile when
     * the hour of the congestion profile changes): {@link ConditionsAhead} calls it a minute ahead.
     */
    public void prepareAt(Iterable<TravelProfile> profiles, long epochMillis) {
        for (TravelProfile p : profiles) {
            at(p, epochMillis);
        }
    }

    /** Number of {@link EdgeConditions} values held for the hours kept (for tests). */
    int cachedValues() {
        return snapshot.cache.size() + typical.size();
    }

    /**
     * As {@link #at}, with further closures (a planner's what-if): allocates a new value each call
     * (arrays sized to the graph), for scenario runs, not for every recommendation.
     */
    public EdgeConditions at(TravelProfile profile, long epochMillis, List<Closure> extra) {
        if (extra.isEmpty()) {
            return at(profile, epochMillis);
        }
        EdgeConditions base = at(profile, epochMillis);
        int words = EdgeConditions.words(base.graph().edgeCount());
        long[] closed = base.closedEdges() == null
                ? new long[words]
                : base.closedEdges().clone();
        long[] marked = base.markedEdges() == null
                ? new long[words]
                : base.markedEdges().clone();
        for (Closure c : extra) {
            if (c.appliesTo(profile) && c.inForceAt(epochMillis)) {
                for (int e : edgesOf(c, FieldNames.CANONICAL)) {
                    closed[e >>> 6] |= 1L << e;
                    marked[e >>> 6] |= 1L << e;
                }
            }
        }
        return EdgeConditions.of(base.graph(), closed, base.timeFactors(), marked);
    }

    /**
     * The edges a closure or slowdown touches on this map, found as for a condition added to the
     * store (the same edge index and road search), for a planner's what-if.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the caller's field (see {@link #add})
     */
    public Entry resolveWhatIf(Condition condition, FieldNames names) {
        return resolve(condition, names);
    }

    /**
     * As {@link #at(TravelProfile, long)}, with a what-if's closures and slowdowns on top, each
     * applied when it applies to the profile whatever its time window (a what-if asks "if this
     * road were shut"). Closed edges are added; on an edge several what-if slowdowns cover, the
     * slowest applies, multiplied into the factors in force. Allocates arrays sized to the graph:
     * for scenario runs, not per recommendation.
     */
    public EdgeConditions whatIf(TravelProfile profile, long epochMillis, List<Entry> extra) {
        EdgeConditions base = at(profile, epochMillis);
        int edges = base.graph().edgeCount();
        int words = EdgeConditions.words(edges);
        long[] closed = null;
        long[] marked = base.markedEdges() == null
                ? new long[words]
                : base.markedEdges().clone();
        double[] slow = null;
        for (Entry e : extra) {
            if (!e.condition().appliesTo(profile)) {
                continue;
            }
            if (e.condition() instanceof Closure) {
                if (closed == null) {
                    closed = base.closedEdges() == null
                            ? new long[words]
                            : base.closedEdges().clone();
                }
                for (int edge : e.edges) {
                    closed[edge >>> 6] |= 1L << edge;
                    marked[edge >>> 6] |= 1L << edge;
                }
            } else if (e.condition() instanceof Slowdown sd) {
                if (slow == null) {
                    slow = new double[edges];
                    Arrays.fill(slow, 1);
                }
                for (int edge : e.edges) {
                    slow[edge] = Math.max(slow[edge], sd.timeFactor());
                    marked[edge >>> 6] |= 1L << edge;
                }
            }
        }
        if (closed == null) {
            closed = base.closedEdges();
        }
        double[] factors = base.timeFactors();
        if (slow != null) {
            if (factors != null) {
                for (int edge = 0; edge < edges; edge++) {
                    slow[edge] = Math.min(EdgeConditions.MAX_TIME_FACTOR, slow[edge] * factors[edge]);
                }
            }
            factors = slow;
        }
        return EdgeConditions.of(base.graph(), closed, factors, marked);
    }

    /** The conditions in force at {@code t} for a profile, over the congestion of that hour. */
    private EdgeConditions withConditions(Snapshot s, TravelProfile profile, long t, EdgeConditions typical) {
        TravelTimeGraph g = typical.graph();
        int edges = g.edgeCount();
        int words = EdgeConditions.words(edges);
        long[] closed = null;
        long[] marked = null;
        double[] slowdown = null;
        for (Entry e : s.entries) {
            Condition c = e.condition();
            if (!c.inForceAt(t) || !c.appliesTo(profile)) {
                continue;
            }
            if (marked == null) {
                marked = new long[words];
            }
            if (c instanceof Closure) {
                if (closed == null) {
                    closed = new long[words];
                }
                for (int edge : e.edges) {
                    closed[edge >>> 6] |= 1L << edge;
                    marked[edge >>> 6] |= 1L << edge;
                }
            } else if (c instanceof Slowdown sd) {
                if (slowdown == null) {
                    slowdown = new double[edges];
                    Arrays.fill(slowdown, 1);
                }
                double f = sd.timeFactor();
                for (int edge : e.edges) {
                    slowdown[edge] = Math.max(slowdown[edge], f);
                    marked[edge >>> 6] |= 1L << edge;
                }
            }
        }
        if (marked == null) {
            return typical; // nothing applies: the hour's congestion as it is, shared
        }
        if (slowdown == null) {
            return typical.withEdges(closed, marked); // bits only: the hour's scaled times shared
        }
        double[] congestionFactors = typical.timeFactors();
        if (congestionFactors != null) {
            for (int e = 0; e < edges; e++) {
                slowdown[e] *= congestionFactors[e];
            }
        }
        for (int e = 0; e < edges; e++) {
            slowdown[e] = Math.min(EdgeConditions.MAX_TIME_FACTOR, slowdown[e]);
        }
        return EdgeConditions.of(g, closed, slowdown, marked);
    }

    /** The congestion profile's factors for a profile in an hour of the week. */
    private EdgeConditions congestionAt(TravelProfile profile, int hour) {
        TravelTimeGraph g = network.travelTimeGraph(profile);
        if (congestion.isFlat(hour, profile)) {
            return EdgeConditions.none(g);
        }
        int edges = g.edgeCount();
        boolean[] urban = urbanEdges();
        byte[] roadClass = index().shapes().roadClass();
        double[] factors = new double[edges];
        for (int e = 0; e < edges; e++) {
            factors[e] = Math.min(
                    EdgeConditions.MAX_TIME_FACTOR, congestion.timeFactor(hour, urban[e], roadClass[e], profile));
        }
        return EdgeConditions.of(g, null, factors, null);
    }

    // ------------------------------------------------------------------ resolving

    /**
     * The edges a closure touches on this map (for closures a request brings with it).
     *
     * @throws BluelampException INVALID_ARGUMENT naming the caller's field for an area covering the
     *     whole map, or a road between two points without a route
     */
    public int[] edgesOf(Closure closure, FieldNames names) {
        return resolve(closure, names).edges;
    }

    private Entry resolve(Condition c, FieldNames names) {
        int[] edges = switch (c) {
            case Closure cl ->
                switch (cl.place()) {
                    case Closure.Area a -> areaEdges(a.area(), names.of("area"));
                    case Closure.Circle ci -> areaEdges(ci.area(), names.of("circle"));
                    case Closure.Road r -> roadEdges(cl, r, names);
                };
            case Slowdown sd ->
                switch (sd.scope()) {
                    case Slowdown.Area a -> areaEdges(a.area(), names.of("area"));
                    case Slowdown.RoadClasses rc -> index().edgesOfClasses(rc.classes());
                };
        };
        return new Entry(c, edges);
    }

    private int[] areaEdges(ConditionArea area, String field) {
        GeoBounds b = network.bounds();
        Geometry map = FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(b.minLonDeg(), b.minLatDeg()),
            new Coordinate(b.maxLonDeg(), b.minLatDeg()),
            new Coordinate(b.maxLonDeg(), b.maxLatDeg()),
            new Coordinate(b.minLonDeg(), b.maxLatDeg()),
            new Coordinate(b.minLonDeg(), b.minLatDeg())
        });
        if (area.polygon().covers(map)) {
            throw BluelampException.invalid(
                    field, field + " covers the whole map (" + b + "): close the roads that are shut, not the map");
        }
        return index().edgesIntersecting(area.polygon());
    }

    private int[] roadEdges(Closure closure, Closure.Road road, FieldNames names) {
        TravelProfile profile = null;
        for (TravelProfile p : ROAD_PROFILES) {
            if (closure.appliesTo(p) && network.options().profiles().contains(p)) {
                profile = p;
                break;
            }
        }
        if (profile == null) {
            throw BluelampException.invalid(
                    names.of("profiles"),
                    names.of("profiles") + " " + closure.profiles() + ": none is prepared on this map");
        }
        EdgePlacement from = network.place(profile, names.of("road.from"), road.from());
        EdgePlacement to = network.place(profile, names.of("road.to"), road.to());
        ManyToOneSearch search = new ManyToOneSearch(network.travelTimeGraph(profile));
        search.start(to);
        int source = search.addSource(from, 0);
        search.run((s, t) -> true, Integer.MAX_VALUE);
        if (!search.isConfirmed(source)) {
            throw BluelampException.invalid(
                    names.of("road.to"),
                    names.of("road.to") + " " + road.to() + ": no " + profile + " road leads there from "
                            + names.of("road.from") + " " + road.from());
        }
        RoadPath path = search.path(source);
        TreeSet<Integer> edges = new TreeSet<>();
        edges.add(from.edgeId());
        edges.add(to.edgeId());
        for (int e : path.edges()) {
            edges.add(e);
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The conditions of each profile at an instant, for callers that want all of them. */
    public Map<TravelProfile, EdgeConditions> atForEveryProfile(long epochMillis) {
        Map<TravelProfile, EdgeConditions> out = new EnumMap<>(TravelProfile.class);
        for (TravelProfile p : network.options().profiles()) {
            out.put(p, at(p, epochMillis));
        }
        return out;
    }
}
