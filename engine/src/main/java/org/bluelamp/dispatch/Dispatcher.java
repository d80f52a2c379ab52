package org.bluelamp.dispatch;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommends units for an incident: every unit of the fleet is checked against the grade's
 * policy (status, capabilities, age of position), the eligible ones are placed on the road graph
 * of their own kind's profile, and one many-to-one search per profile ranks them by ETA =
 * mobilisation delay + off-road leg + road travel time + the incident's access leg (from the
 * road to the incident at the unit's off-road speed), stopping as soon as the fastest K and a
 * complete response plan are proven. Units left out are counted by reason. An incident further
 * than the snap limit from every road a unit could use is refused, with its distance.
 *
 * <p>A facade over the jobs of a recommendation, each in its own class: {@link Eligibility} (the
 * policy rules), {@link NearestFirstFetch} and {@link ReachBound} (which units to examine, and
 * the proof that the rest cannot matter), {@link ProfileRanking} (one profile's search and its
 * units), {@link RankingQuery} (one thread's query over all of them), {@link
 * RecommendationAssembler} (listing, plan filling, exclusion counts), {@link ReasonTexts} (the
 * sentences), {@link ProfileGraphs} (the graphs and placement caches).
 *
 * <p><b>Two ways to rank.</b> Dense fleets are ranked by the backward Dijkstra
 * ({@link ProfileRanking}), which stops once the nearest units are proven; sparse fleets by
 * buckets over each profile's contraction hierarchy ({@link ProfileBuckets}, see
 * {@link RankingQuery}), whose work does not grow with the distance to the units. {@link BucketUse}
 * chooses: by default ({@link BucketUse#AUTO}) buckets when the fleet has fewer than one unit per
 * {@value #AUTO_NODES_PER_UNIT} road nodes of the grade's car graph (measured: see
 * benchmarks/RESULTS.md), and never under a closure, slowdown or typical-traffic factor. Both
 * give the same answer. A profile's buckets and hierarchy (about 270-420 MB on the national network)
 * are built only for a fleet that is ranked by them: by {@link #prepare} (the service calls it at
 * start) when the fleet is sparse then, or else when the first query finds it sparse, on a thread
 * of its own while queries rank by the Dijkstra (about 4-45 s for the national network; under a
 * second for a county; with {@link BucketUse#ALWAYS} or the queries' own upkeep that first query
 * builds them itself); then a writer thread per profile keeps them current with the fleet, off the
 * query path ({@link ProfileBuckets}).
 *
 * <p>Thread-safety: {@link #recommend} may be called from any number of threads at once, while
 * fixes and status changes are applied to the fleet. Each thread keeps its own query state
 * (primitive arrays sized to the graph, allocated once per thread); the road graphs are
 * immutable; placements are cached lock-free.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final TravelProfile[] PROFILES = TravelProfile.values();
    private final RoadNetwork network;
    private final FleetState fleet;
    private final PolicyBook policies;
    private final UrbanAreas urbanAreas;
    private final InstantSource clock;
    private final ProfileGraphs graphs;
    private final SharedRoadGraphs shared;
    private final RoadConditions conditions;
    private final ThreadLocal<PerThread> perThread;
    private final ConcurrentHashMap<TravelProfile, Optional<ProfileBuckets>> buckets = new ConcurrentHashMap<>();
    /** Builds started off the query path (AUTO under the writer's upkeep), by profile. */
    private final ConcurrentHashMap<TravelProfile, CompletableFuture<Void>> bucketBuilds = new ConcurrentHashMap<>();

    private final Function<TravelProfile, ProfileBuckets> bucketLookup;
    private final AtomicReference<BucketUse> bucketUse = new AtomicReference<>(BucketUse.AUTO);
    private final AtomicReference<BucketUpkeep> bucketUpkeep = new AtomicReference<>(BucketUpkeep.WRITER);
    private volatile int directScanUnits = DIRECT_SCAN_UNITS;
    private volatile int autoNodesPerUnit = AUTO_NODES_PER_UNIT;
    private volatile boolean confirmByExtraTimes = true;
    private volatile boolean frontierCeilings = true;
    private volatile int examineStepUnits = RankingQuery.EXAMINE_STEP_UNITS;
    private volatile int fetchGrowth = NearestFirstFetch.GROWTH;
    private final IntakePlacement intakePlacement;
    private boolean placingAtIntake; // guarded by intakePlacement

    /**
     * The road nodes per unit above which {@link BucketUse#AUTO} ranks with buckets: with fewer
     * units the Dijkstra must settle about this many nodes per unit it proves. Measured in query
     * CPU of a still fleet, interleaved on the same incidents (benchmarks/RESULTS.md, "Issue 13,
     * fourth round"), buckets are faster down to 52 nodes per unit (1.3x / 2.0x urban / rural on
     * New York at 264), which would allow 250; kept at 500 because with fixes streaming the
     * buckets' writer thread costs CPU that measurement does not count, and in the same JMH run
     * New York with 1,000 units by buckets took 2.7-19.5 ms wall at the median against 1.7 ms for
     * 10,000 units by the Dijkstra on a loaded machine. Measured again with the fixes streaming
     * and the writer's CPU counted (benchmarks/RESULTS.md, "growth14"): on the national network
     * with 10,000 units (200 nodes per unit) each reporting every 10 s, a threshold of 100 or 150
     * had no query answered by buckets (the writer, re-searching each moved unit and paced to a
     * quarter of a core, stays more than a catch-up's worth of changes behind) while it cost
     * 120-250 µs of CPU per query; New York with 1,000 (264) answered every query by buckets at
     * no less query CPU than the Dijkstra (about 400 against 280-350 µs). Only Rutland's 100 units
     * (115 nodes per unit) were faster by buckets (52-55 against 80-139 µs). So it stays at 500.
     */
    public static final int AUTO_NODES_PER_UNIT = 500;

    /**
     * In bucket mode, fleets up to this many units are examined nearest-first by one pass over
     * every unit rather than by the fleet grid's growing rings (which, for a hundred units over a
     * country, visit tens of thousands of empty cells per batch). Measured in query CPU,
     * interleaved (benchmarks/RESULTS.md, "Issue 13, fourth round"): at 1,000 units the pass is
     * 1.5x faster than the grid nationally and level (0.96x urban, 1.4x rural) on New York; at
     * 2,000 units it is slower on both (0.73-0.91x), at 5,000 0.3-0.4x (the limit was 8,192).
     */
    public static final int DIRECT_SCAN_UNITS = 1000;

    /**
     * Under {@link BucketUse#AUTO}, buckets built for a sparse fleet are dropped once the fleet has
     * at most 1/this of {@link #AUTO_NODES_PER_UNIT} road nodes per unit on every grade's car graph.
     */
    static final int FREE_DENSITY_MARGIN = 2;

    /** When to rank with buckets over the contraction hierarchy instead of the Dijkstra. */
    public enum BucketUse {
        /** When the fleet is sparse for the graph (see {@link #AUTO_NODES_PER_UNIT}) and they apply. */
        AUTO,
        /** Whenever they apply (no conditions on the grade's profiles; the answer proven by them). */
        ALWAYS,
        /** Never: always the Dijkstra. */
        NEVER
    }

    /**
     * Who keeps the buckets current with the fleet ({@link ProfileBuckets}). Either way a query
     * ranks the fleet as it was at some moment after it began, with the same answers.
     */
    public enum BucketUpkeep {
        /**
         * A writer thread per profile, off the query path, with the query applying at most a few
         * changes itself (further behind, it ranks by the Dijkstra): for the service, where fixes
         * stream in from other threads while queries come and go.
         */
        WRITER,
        /**
         * The queries alone: each applies every change since the last query itself, however many,
         * and no writer thread runs. For one thread that both changes the fleet and ranks (the
         * simulator): no pass for changes no query sees (a unit that moved twice between two
         * queries is searched once), no thread switch, and the bucket path always answers where it
         * applies, never the Dijkstra because the writer fell behind.
         */
        BY_QUERY
    }

    /** One thread's reusable query and answer state. */
    private record PerThread(RankingQuery query, RecommendationAssembler assembler) {}

    private Dispatcher(
            RoadNetwork network,
            FleetState fleet,
            PolicyBook policies,
            UrbanAreas urbanAreas,
            InstantSource clock,
            RoadConditions conditions,
            SharedRoadGraphs shared) {
        if (shared.network() != network) {
            throw new IllegalArgumentException("road graphs of another road network");
        }
        this.network = network;
        this.fleet = fleet;
        this.policies = policies;
        this.urbanAreas = urbanAreas;
        this.clock = clock;
        this.conditions = conditions;
        this.graphs = new ProfileGraphs(shared);
        this.shared = shared;
        this.intakePlacement = new IntakePlacement(fleet, graphs, policies);
        // The per-thread state must not refer to this dispatcher: a thread-local's value that reaches
        // its own key (this.perThread) is never freed while the thread lives, so a pooled thread that
        // served many dispatchers (the simulator's runs) would keep every one of them
        // (DispatcherThreadLocalTest). Hence a lookup that holds only what it needs, not `this`.
        AtomicReference<BucketUpkeep> upkeep = bucketUpkeep;
        Function<TravelProfile, ProfileBuckets> lookup =
                bucketLookup(buckets, bucketBuilds, bucketUse, graphs, fleet, policies, upkeep, shared);
        this.bucketLookup = lookup;
        ProfileGraphs g = graphs;
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(
                new RankingQuery(g, fleet, policies, conditions, lookup), new RecommendationAssembler(network)));
    }

    /**
     * A dispatcher over an opened road network and a fleet. Builds one compact travel-time graph
     * per profile (a fraction of a second for a county).
     */
    public static Dispatcher create(
            RoadNetwork network, FleetState fleet, PolicyBook policies, UrbanAreas urbanAreas, InstantSource clock) {
        return create(network, fleet, policies, urbanAreas, clock, RoadConditions.none(network));
    }

    /**
     * A dispatcher that ranks under road conditions: every closure, slowdown and the congestion
     * profile in force at the time of each request (the clock's now), and the request's own
     * closures.
     */
    public static Dispatcher create(
            RoadNetwork network,
            FleetState fleet,
            PolicyBook policies,
            UrbanAreas urbanAreas,
            InstantSource clock,
            RoadConditions conditions) {
        if (conditions.network() != network) {
            throw new IllegalArgumentException("road conditions of another road network");
        }
        return new Dispatcher(
                Objects.requireNonNull(network),
                Objects.requireNonNull(fleet),
                Objects.requireNonNull(policies),
                Objects.requireNonNull(urbanAreas),
                Objects.requireNonNull(clock),
                conditions,
                new SharedRoadGraphs(network));
    }

    /**
     * A dispatcher without road conditions whose travel-time graphs and contraction hierarchies
     * come from {@code shared}, as do the other dispatchers given it (a hierarchy is built by the
     * first that needs it): for many short-lived dispatchers over one network, such as the
     * simulator's runs.
     */
    public static Dispatcher create(
            RoadNetwork network,
            FleetState fleet,
            PolicyBook policies,
            UrbanAreas urbanAreas,
            InstantSource clock,
            SharedRoadGraphs shared) {
        return new Dispatcher(
                Objects.requireNonNull(network),
                Objects.requireNonNull(fleet),
                Objects.requireNonNull(policies),
                Objects.requireNonNull(urbanAreas),
                Objects.requireNonNull(clock),
                RoadConditions.none(network),
                Objects.requireNonNull(shared, "shared"));
    }

    /** Chooses when to rank with buckets (default {@link BucketUse#AUTO}); any thread. */
    public void setBucketUse(BucketUse use) {
        this.bucketUse.set(Objects.requireNonNull(use, "use"));
    }

    public BucketUse bucketUse() {
        return bucketUse.get();
    }

    /** Chooses who keeps the buckets current (default {@link BucketUpkeep#WRITER}); any thread. */
    public void setBucketUpkeep(BucketUpkeep upkeep) {
        bucketUpkeep.set(Objects.requireNonNull(upkeep, "upkeep"));
    }

    public BucketUpkeep bucketUpkeep() {
        return bucketUpkeep.get();
    }

    /**
     * Sets the fleet size up to which a bucket query examines units by one pass (default
     * {@value #DIRECT_SCAN_UNITS}); for benchmarks that place that limit by measurement. Any thread;
     * the answer is the same either way.
     */
    public void setDirectScanUnits(int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must be 0 or more, got " + units);
        }
        this.directScanUnits = units;
    }

    /**
     * Sets the road nodes per unit above which {@link BucketUse#AUTO} ranks with buckets (default
     * {@value #AUTO_NODES_PER_UNIT}); for benchmarks measuring two thresholds against each other in
     * one run. Any thread; the answer is the same either way (only the path, its memory and its
     * upkeep differ).
     */
    public void setAutoNodesPerUnit(int nodesPerUnit) {
        if (nodesPerUnit < 1) {
            throw new IllegalArgumentException("nodesPerUnit must be 1 or more, got " + nodesPerUnit);
        }
        this.autoNodesPerUnit = nodesPerUnit;
    }

    /** The road nodes per unit above which {@link BucketUse#AUTO} ranks with buckets. */
    public int autoNodesPerUnit() {
        return autoNodesPerUnit;
    }

    /**
     * Sets how many units of a later batch the Dijkstra path examines between advances of its
     * searches (default 64; {@code Integer.MAX_VALUE} examines each batch whole, as before steps
     * were measured); for benchmarks measuring the steps against whole batches in the same run.
     * Any thread; the answer's units, times, order and reasons are the same either way (only the
     * split of the exclusion counts between not examined and the other reasons moves).
     */
    public void setExamineStepUnits(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be 1 or more, got " + units);
        }
        this.examineStepUnits = units;
    }

    /**
     * Sets how many times larger each nearest-first batch of units is than the one before (default
     * 4); for benchmarks measuring batch growths against each other in the same run. Any thread;
     * the answer is the same either way.
     */
    public void setFetchGrowth(int growth) {
        if (growth < 2) {
            throw new IllegalArgumentException("growth must be 2 or more, got " + growth);
        }
        this.fetchGrowth = growth;
    }

    /**
     * Whether the Dijkstra path raises the ceiling on units not yet examined by how far its
     * searches have gone (on by default; {@link ReachBound#ceilingMillis(double, double, int,
     * double)}): far units are then examined only once the searches' settled region nears them,
     * not already where the straight line at the top speed could reach the answer's times. Off, the
     * ceiling is the straight line's alone and the searches keep no cover, as before: for benchmarks
     * comparing the two in one run.
     * The answers are the same either way (units, times, order); only the units examined, and so
     * the split of the exclusion counts, differ.
     */
    public void setFrontierCeilings(boolean on) {
        this.frontierCeilings = on;
    }

    /**
     * Whether the Dijkstra path confirms units below its frontier by the extra times of those not
     * yet confirmed ({@link org.bluelamp.road.ManyToOneSearch#setConfirmByExtraTimes}; on by
     * default); for benchmarks measuring that rule against the frontier alone in the same run. Any
     * thread; the answer is the same either way.
     */
    public void setConfirmByExtraTimes(boolean on) {
        this.confirmByExtraTimes = on;
    }

    /**
     * Places each unit's new position on the road graphs as its fix arrives, on the fleet's fix
     * writer, for the profiles queries used in the last 10 s ({@link IntakePlacement}), or stops
     * doing so. Off by default (the service turns it on with {@code -Dbluelamp.placementAtIntake=true}):
     * it takes the snapping of moved units (half the query CPU in the stress run) off the query
     * path, but snaps every position, also those no query reads, which queries placing lazily
     * never do; so it lowers query latency where the intake thread has a core to spare and costs
     * throughput where the machine is CPU-bound (benchmarks/RESULTS.md). Answers are the same
     * either way. Any thread; idempotent.
     */
    public void setPlacementAtIntake(boolean on) {
        synchronized (intakePlacement) {
            if (on && !placingAtIntake) {
                fleet.addPositionListener(intakePlacement);
            } else if (!on && placingAtIntake) {
                fleet.removePositionListener(intakePlacement);
            }
            placingAtIntake = on;
        }
    }

    /** Whether positions are placed at intake ({@link #setPlacementAtIntake}). */
    public boolean placementAtIntake() {
        synchronized (intakePlacement) {
            return placingAtIntake;
        }
    }

    /**
     * The lookup a query makes for a profile's buckets: those built, or null when there are none
     * (no node-based hierarchy) or none yet. Under {@link BucketUse#AUTO} with the writer's upkeep
     * (the service) a query never waits for a build: the first to ask starts it on a thread of its
     * own ({@code bluelamp-buckets-build-<profile>}) and every query ranks by the Dijkstra until it
     * is done. Otherwise ({@link BucketUse#ALWAYS}, or the queries' own upkeep: one thread that
     * wants the same path every run) the asking query builds them, as {@link #prepare} does.
     */
    private static Function<TravelProfile, ProfileBuckets> bucketLookup(
            ConcurrentHashMap<TravelProfile, Optional<ProfileBuckets>> buckets,
            ConcurrentHashMap<TravelProfile, CompletableFuture<Void>> builds,
            AtomicReference<BucketUse> use,
            ProfileGraphs graphs,
            FleetState fleet,
            PolicyBook policies,
            AtomicReference<BucketUpkeep> upkeep,
            SharedRoadGraphs shared) {
        Function<TravelProfile, Optional<ProfileBuckets>> build = p -> {
            Optional<ProfileBuckets> b = newBuckets(p, graphs, fleet, policies, upkeep, shared);
            b.ifPresent(ProfileBuckets::applyNow); // published only once current with the fleet
            return b;
        };
        return profile -> {
            Optional<ProfileBuckets> ready = buckets.get(profile);
            if (ready != null) {
                return ready.orElse(null);
            }
            if (use.get() == BucketUse.AUTO && upkeep.get() == BucketUpkeep.WRITER) {
                builds.computeIfAbsent(
                        profile,
                        p -> CompletableFuture.runAsync(
                                () -> buildOffTheQueryPath(buckets, p, build),
                                task -> Thread.ofPlatform()
                                        .daemon()
                                        .name("bluelamp-buckets-build-"
                                                + p.name().toLowerCase(Locale.ROOT))
                                        .start(task)));
                return null;
            }
            return buckets.computeIfAbsent(profile, build).orElse(null);
        };
    }

    private static void buildOffTheQueryPath(
            ConcurrentHashMap<TravelProfile, Optional<ProfileBuckets>> buckets,
            TravelProfile profile,
            Function<TravelProfile, Optional<ProfileBuckets>> build) {
        long start = System.nanoTime();
        try {
            Optional<ProfileBuckets> b = buckets.computeIfAbsent(profile, build);
            LOG.info(
                    "buckets for {} {} in {} ms, off the query path",
                    profile,
                    b.isPresent() ? "ready" : "not available (no node-based hierarchy)",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | OutOfMemoryError e) {
            // the Dijkstra keeps answering; not retried (the same build would fail the same way)
            buckets.putIfAbsent(profile, Optional.empty());
            LOG.error("buckets for {} could not be built; ranking by the Dijkstra only", profile, e);
        }
    }

    /**
     * Waits for the bucket builds started off the query path so far (for tests and benchmarks).
     */
    void awaitBucketBuilds() {
        for (CompletableFuture<Void> f : bucketBuilds.values()) {
            f.join();
        }
    }

    private static Optional<ProfileBuckets> newBuckets(
            TravelProfile profile,
            ProfileGraphs graphs,
            FleetState fleet,
            PolicyBook policies,
            AtomicReference<BucketUpkeep> upkeep,
            SharedRoadGraphs shared) {
        if (!graphs.has(profile)) {
            return Optional.empty();
        }
        Optional<ContractionHierarchy> built = shared.hierarchy(profile);
        if (built.isEmpty()) {
            return Optional.empty(); // no (node-based) hierarchy for this profile: the Dijkstra only
        }
        ContractionHierarchy ch = built.get();
        EnumSet<UnitKind> kinds = EnumSet.noneOf(UnitKind.class);
        int statusMask = 0;
        for (GradePolicy g : policies.grades()) {
            for (UnitKind k : UnitKind.values()) {
                if (ProfileGraphs.profileFor(k, g) == profile) {
                    kinds.add(k);
                }
            }
            statusMask |= g.eligibleMask() | g.divertibleMask();
        }
        return Optional.of(new ProfileBuckets(
                profile,
                fleet,
                ch,
                graphs.placements(profile),
                kinds,
                statusMask,
                () -> upkeep.get() == BucketUpkeep.BY_QUERY));
    }

    /**
     * Builds now what the first queries would otherwise build: the road conditions' edge index
     * (which edges are urban, for the congestion profile) and the contraction hierarchy and buckets
     * of every profile the queries would rank by buckets with the fleet as it is now (about 4-45 s
     * each on the national network, under a second for a county): under {@link BucketUse#AUTO},
     * the car, foot and bike profiles of each grade whose fleet is sparse for its car graph (see
     * {@link #AUTO_NODES_PER_UNIT}), and nothing while the fleet has no units (its density is not
     * known yet: the first queries that find it sparse start the build off the query path); under
     * {@link BucketUse#ALWAYS} every such profile; under {@link BucketUse#NEVER} none. Buckets
     * hold about 270-420 MB per profile on the national network, so a dense fleet (50,000 units
     * nationally) does not pay for them. The service calls it before it says it is ready.
     * Idempotent; any thread, while queries run.
     *
     * @return the profiles whose buckets are ready, in profile order
     */
    public List<TravelProfile> prepare() {
        conditions.prepare(); // the road conditions' edge index, which the first query would build
        EnumSet<TravelProfile> used = EnumSet.noneOf(TravelProfile.class);
        for (GradePolicy g : policies.grades()) {
            boolean ranksByBuckets = switch (bucketUse.get()) {
                case NEVER -> false;
                case ALWAYS -> true;
                case AUTO -> fleet.unitCount() > 0 && sparseFor(g);
            };
            if (ranksByBuckets) {
                for (UnitKind k : UnitKind.values()) {
                    used.add(ProfileGraphs.profileFor(k, g));
                }
            }
        }
        for (TravelProfile p : used) {
            ProfileBuckets b = buckets.computeIfAbsent(
                            p, q -> newBuckets(q, graphs, fleet, policies, bucketUpkeep, shared))
                    .orElse(null);
            if (b != null) {
                b.applyNow();
            }
        }
        return bucketsReady();
    }

    /** The profiles whose buckets are built, in profile order (for tests and logs). */
    List<TravelProfile> bucketsReady() {
        List<TravelProfile> ready = new ArrayList<>();
        for (TravelProfile p : TravelProfile.values()) {
            if (buckets.getOrDefault(p, Optional.empty()).isPresent()) {
                ready.add(p);
            }
        }
        return List.copyOf(ready);
    }

    /** A profile's buckets if built, else null (for tests). */
    ProfileBuckets builtBuckets(TravelProfile profile) {
        return buckets.getOrDefault(profile, Optional.empty()).orElse(null);
    }

    /** Queries that waited for a bucket writer so far, over all profiles (for benchmarks). */
    public long bucketWaitCount() {
        long n = 0;
        for (Optional<ProfileBuckets> b : buckets.values()) {
            n += b.map(ProfileBuckets::waits).orElse(0L);
        }
        return n;
    }

    /** Nanoseconds queries spent waiting for bucket writers so far, over all profiles (for benchmarks). */
    public long bucketWaitNanos() {
        long n = 0;
        for (Optional<ProfileBuckets> b : buckets.values()) {
            n += b.map(ProfileBuckets::waitNanos).orElse(0L);
        }
        return n;
    }

    /** Bytes held by the buckets and hierarchies built so far (for memory figures). */
    public long bucketMemoryBytes() {
        long bytes = 0;
        for (Optional<ProfileBuckets> b : buckets.values()) {
            if (b.isPresent()) {
                bytes += b.get().memoryBytes();
            }
        }
        return bytes;
    }

    /** The road conditions it ranks under. */
    public RoadConditions conditions() {
        return conditions;
    }

    /** The profiles its grades rank some kind of unit with (a set in the profiles' order). */
    public Set<TravelProfile> profilesInUse() {
        EnumSet<TravelProfile> used = EnumSet.noneOf(TravelProfile.class);
        for (GradePolicy g : policies.grades()) {
            for (UnitKind k : UnitKind.values()) {
                used.add(ProfileGraphs.profileFor(k, g));
            }
        }
        return Collections.unmodifiableSet(used);
    }

    public PolicyBook policies() {
        return policies;
    }

    public FleetState fleet() {
        return fleet;
    }

    public RoadNetwork network() {
        return network;
    }

    public UrbanAreas urbanAreas() {
        return urbanAreas;
    }

    /** The travel-time graph of a profile. */
    public TravelTimeGraph graph(TravelProfile profile) {
        return graphs.graph(profile);
    }

    /**
     * The contraction hierarchy this dispatcher ranks with for a profile (built now if not yet, once
     * per {@link SharedRoadGraphs}), or null when GraphHopper prepared no node-based hierarchy for it:
     * for coverage, so that a service holds one hierarchy (and one sweep order) per profile.
     */
    public ContractionHierarchy hierarchy(TravelProfile profile) {
        return shared.hierarchy(profile).orElse(null);
    }

    /** The profile a unit of this kind travels with for this grade. */
    public static TravelProfile profileFor(UnitKind kind, GradePolicy grade) {
        return ProfileGraphs.profileFor(kind, grade);
    }

    /** Unit positions snapped so far, over all profiles (each new position is snapped once per profile). */
    public long snapCount() {
        return graphs.snapCount();
    }

    /** Of {@link #snapCount}, those snapped at intake ({@link #setPlacementAtIntake}). */
    public long intakeSnapCount() {
        return graphs.intakeSnapCount();
    }

    private boolean useBuckets(GradePolicy grade) {
        return switch (bucketUse.get()) {
            case NEVER -> false;
            case ALWAYS -> true;
            case AUTO -> sparseFor(grade);
        };
    }

    /** Whether the fleet is sparse for the grade's car graph: AUTO ranks it by buckets. */
    private boolean sparseFor(GradePolicy grade) {
        TravelProfile car = grade.carProfile();
        return graphs.has(car)
                && (long) fleet.unitCount() * autoNodesPerUnit
                        < graphs.graph(car).nodeCount();
    }

    /**
     * Under {@link BucketUse#AUTO}, drops every profile's buckets once no grade would rank by them
     * and the fleet is at least {@value #FREE_DENSITY_MARGIN} times denser than the threshold for
     * every grade (the margin keeps a fleet near the threshold from building and dropping them in
     * turn): a fleet that grew dense no longer holds the 270-420 MB per profile a dense fleet is
     * spared at start. The hierarchy stays (shared with coverage). A query that holds dropped
     * buckets finishes with them; their writer stops {@value ProfileBuckets#IDLE_MILLIS} ms after
     * its last query, and then they are garbage. Should the fleet turn sparse again, the next query
     * starts their build afresh off the query path, as for a fleet that was never sparse.
     */
    private void freeBucketsIfDense() {
        if (bucketUse.get() != BucketUse.AUTO) {
            return;
        }
        long units = fleet.unitCount();
        for (GradePolicy g : policies.grades()) {
            TravelProfile car = g.carProfile();
            if (graphs.has(car)
                    && units * autoNodesPerUnit
                            < (long) FREE_DENSITY_MARGIN * graphs.graph(car).nodeCount()) {
                return; // not dense enough, by the margin, for this grade
            }
        }
        for (TravelProfile p : PROFILES) {
            CompletableFuture<Void> build = bucketBuilds.get(p);
            if (build != null && !build.isDone()) {
                continue; // freed by a later query once built
            }
            Optional<ProfileBuckets> built = buckets.get(p);
            if (built == null || built.isEmpty()) {
                continue; // none to free (no node-based hierarchy, or a build that failed)
            }
            if (build != null) {
                bucketBuilds.remove(p, build); // so that a fleet turning sparse again gets a new build
            }
            if (buckets.remove(p, built)) {
                LOG.info("buckets for {} dropped: the fleet ({} units) is dense, ranked by the Dijkstra", p, units);
            }
        }
    }

    /** Whether the calling thread's last recommendation was ranked from buckets (for tests and benchmarks). */
    public boolean lastAnsweredByBuckets() {
        return perThread.get().query().answeredByBuckets;
    }

    /**
     * Ranks the fleet's units for an incident.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the field for an unknown grade, incident
     *     type or capability, or an incident location off the road network
     */
    public Recommendation recommend(IncidentRequest request) {
        long t0 = System.nanoTime();
        long now = clock.millis();
        GradePolicy grade = policies.getGrade(request.grade());
        List<Requirement> plan = List.of();
        if (!request.incidentType().isEmpty()) {
            plan = policies.findResponsePlan(request.incidentType())
                    .orElseThrow(() -> BluelampException.invalid(
                            "incidentType",
                            "unknown incident type '" + request.incidentType() + "'; known types are "
                                    + policies.incidentTypes()));
        }
        long requiredMask;
        try {
            requiredMask = fleet.options().capabilities().maskOf(request.requiredCapabilities());
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid("requiredCapabilities", e.getMessage());
        }
        boolean urban = urbanAreas.isUrban(request.location());
        OptionalDouble target = grade.targetSeconds(urban);
        if (!buckets.isEmpty()) {
            freeBucketsIfDense();
        }
        PerThread t = perThread.get();
        RankingQuery q = t.query();
        q.directScanUnits = directScanUnits;
        q.confirmByExtraTimes = confirmByExtraTimes;
        q.examineStepUnits = examineStepUnits;
        q.fetch.growth = fetchGrowth;
        q.frontierCeilings = frontierCeilings;
        try {
            q.rank(
                    request.location(),
                    grade,
                    plan,
                    requiredMask,
                    request.maxCandidates(),
                    now,
                    request.whatIfClosures(),
                    useBuckets(grade));
            return t.assembler().assemble(q, request, urban, target, t0);
        } finally {
            q.releaseBuckets();
        }
    }
}
