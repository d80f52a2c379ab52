package org.bluelamp.bench;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.BucketManyToOneSearch;
import org.bluelamp.road.ContractionHierarchy;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RphastPrototype;
import org.bluelamp.road.SourceBuckets;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sparse fleets: the five fastest of N units by road to a grade-1 incident (blue-light car
 * profile), with every method in the same run over the same units and incidents:
 * <ul>
 *   <li>{@code buckets}: {@link BucketManyToOneSearch} over GraphHopper's contraction hierarchy
 *       (each unit's upward searches already in {@link SourceBuckets}, as they are kept while
 *       units move);
 *   <li>{@code rphast}: RPHAST over the same hierarchy ({@link RphastPrototype}, selection
 *       already done), to choose between the two;
 *   <li>{@code dijkstra}: today's search, {@link ManyToOneSearch} with every unit, stopping at the
 *       fifth proven unit;
 *   <li>{@code dispatcher}: the whole ranking path, {@link Dispatcher#recommend} (eligibility,
 *       reasons, route polylines) with the units' placements cached, as the service runs it
 *       ({@link Dispatcher.BucketUse#AUTO}: buckets for sparse fleets, the Dijkstra for dense);
 *   <li>{@code dispatcherDijkstra}: the same with buckets off ({@link Dispatcher.BucketUse#NEVER}:
 *       the ranking path before buckets were integrated);
 *   <li>{@code dispatcherBuckets}: the same with buckets whenever they apply
 *       ({@link Dispatcher.BucketUse#ALWAYS});
 *   <li>{@code perCandidateRouting}: one GraphHopper CH route per unit, then a sort.
 * </ul>
 * Setup checks that the dispatcher answers the same with buckets and without (units, times,
 * reasons) and counts the queries buckets answered, and that the buckets' top 5 equal the
 * Dijkstra's to the millisecond and GraphHopper's per-candidate top 5 within a second, and prints
 * the counts and the store's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SparseFleetBenchmark {
    private static final int K = 5;
    private static final int GRAPHHOPPER_CHECKS = 4; // the engine's tests and CompareWithBaseline check more
    private static final TravelProfile PROFILE = TravelProfile.CAR_EMERGENCY;

    @Param({"national"})
    public String map;

    /** 10,000 (the dense case) only with -p units=10000 and without perCandidateRouting. */
    @Param({"100", "1000"})
    public int units;

    @Param({"urban", "rural"})
    public String site;

    private RoadNetwork net;
    private TravelTimeGraph graph;
    private SourceBuckets store;
    private BucketManyToOneSearch buckets;
    private final BucketManyToOneSearch.Answer answer = new BucketManyToOneSearch.Answer();
    private RphastPrototype rphast;
    private int[] rphastMillis;
    private ManyToOneSearch dijkstra;
    private Dispatcher dispatcher;
    private EdgePlacement[] unitAt;
    private GeoPoint[] unitPoint;
    private List<GeoPoint> incidents;
    private EdgePlacement[] incidentAt;
    private List<IncidentRequest> requests;
    private int next;
    /** Of the incidents {@link #checkDispatcher} compared, how many got the same answer with buckets and without. */
    int dispatcherSameAnswers;
    /** Of those, how many the buckets answered (not the Dijkstra fallback). */
    int dispatcherByBuckets;
    /** Incidents {@link #checkDispatcher} compared. */
    int dispatcherChecked;

    private BenchFleet.Fleet benchFleet;

    @Setup(Level.Trial)
    public void setup() {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        net = BenchNetworks.open(map);
        BenchFleet.Fleet fleet = BenchFleet.create(net, units, 42, now);
        benchFleet = fleet;
        graph = TravelTimeGraph.build(net, PROFILE);
        long t0 = System.nanoTime();
        ContractionHierarchy ch = ContractionHierarchy.build(net, graph);
        double chSeconds = (System.nanoTime() - t0) / 1e9;
        store = new SourceBuckets(ch);
        buckets = new BucketManyToOneSearch(ch);
        dijkstra = new ManyToOneSearch(graph);
        rphast = new RphastPrototype(ch);
        UnitReading r = new UnitReading();
        unitAt = new EdgePlacement[units];
        unitPoint = new GeoPoint[units];
        t0 = System.nanoTime();
        for (int u = 0; u < units; u++) {
            fleet.state().readUnit(u, r);
            unitPoint[u] = new GeoPoint(r.latDeg(), r.lonDeg());
            unitAt[u] = net.place(PROFILE, "unit", unitPoint[u]);
            store.put(u, unitAt[u], 0);
        }
        double putMicros = (System.nanoTime() - t0) / 1e3 / units;
        t0 = System.nanoTime();
        rphast.select(unitAt);
        double selectMillis = (System.nanoTime() - t0) / 1e6;
        rphastMillis = new int[units];
        incidents = IncidentSites.pick(net, site, 64, 7);
        incidentAt = new EdgePlacement[incidents.size()];
        requests = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            incidentAt[i] = net.place(PROFILE, "incident", incidents.get(i));
            requests.add(IncidentRequest.of("bench", incidents.get(i), "1"));
        }
        dispatcher = Dispatcher.create(
                net,
                fleet.state(),
                PolicyBook.loadDefault(fleet.state().options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(now)));
        checkDispatcher();
        check(ch, chSeconds, putMicros, selectMillis);
    }

    /** The dispatcher's answers with buckets (AUTO and ALWAYS) against its Dijkstra (NEVER). */
    private void checkDispatcher() {
        int same = 0;
        int byBuckets = 0;
        int checked = 16;
        long t0 = System.nanoTime();
        dispatcher.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        dispatcher.recommend(requests.get(0)); // builds the hierarchy and the buckets
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < checked; i++) {
            dispatcher.setBucketUse(Dispatcher.BucketUse.NEVER);
            String dijkstraAnswer = answerText(dispatcher.recommend(requests.get(i)));
            dispatcher.setBucketUse(Dispatcher.BucketUse.ALWAYS);
            String bucketAnswer = answerText(dispatcher.recommend(requests.get(i)));
            byBuckets += dispatcher.lastAnsweredByBuckets() ? 1 : 0;
            same += dijkstraAnswer.equals(bucketAnswer) ? 1 : 0;
        }
        dispatcherSameAnswers = same;
        dispatcherByBuckets = byBuckets;
        dispatcherChecked = checked;
        dispatcher.setBucketUse(Dispatcher.BucketUse.AUTO);
        dispatcher.recommend(requests.get(0));
        boolean autoBuckets = dispatcher.lastAnsweredByBuckets();
        System.out.printf(
                Locale.ROOT,
                "%n[check] dispatcher %s %d units %s: the same answer with and without buckets for %d of %d incidents,"
                        + " %d answered by buckets; AUTO uses %s; first query (hierarchy and buckets built) %.1f s;"
                        + " buckets and hierarchies %.1f MB%n",
                map,
                units,
                site,
                same,
                checked,
                byBuckets,
                autoBuckets ? "buckets" : "the Dijkstra",
                firstSeconds,
                dispatcher.bucketMemoryBytes() / 1e6);
    }

    /** Every field of the answer that both ways must give alike. */
    private static String answerText(Recommendation r) {
        StringBuilder s = new StringBuilder(String.valueOf(r.planFulfilled()));
        for (var c : r.candidates()) {
            s.append('|')
                    .append(c.unitId())
                    .append(' ')
                    .append(c.rankingSeconds())
                    .append(' ')
                    .append(c.roadSeconds())
                    .append(' ')
                    .append(c.straightLineRank())
                    .append(' ')
                    .append(c.reasons());
        }
        return s.toString();
    }

    private void check(ContractionHierarchy ch, double chSeconds, double putMicros, double selectMillis) {
        int sameAsDijkstra = 0;
        int sameAsRphast = 0;
        int sameAsGraphHopper = 0;
        int checked = 16;
        long settled = 0;
        long scanned = 0;
        for (int i = 0; i < checked; i++) {
            long[] d = dijkstraTop(incidentAt[i]);
            buckets.query(store, incidentAt[i], K, null, answer);
            settled += buckets.settledNodes();
            scanned += buckets.scannedEntries();
            boolean same = answer.count() == d.length;
            for (int k = 0; same && k < d.length; k++) {
                same = answer.roadMillis(k) == (int) (d[k] >>> 32) && answer.source(k) == (int) d[k];
            }
            sameAsDijkstra += same ? 1 : 0;
            rphast.query(incidentAt[i], rphastMillis);
            long[] rp = new long[units];
            for (int u = 0; u < units; u++) {
                rp[u] = ((long) rphastMillis[u] << 32) | u;
            }
            Arrays.sort(rp);
            boolean sameRp = true;
            for (int k = 0; sameRp && k < answer.count(); k++) {
                sameRp = (int) (rp[k] >>> 32) == answer.roadMillis(k);
            }
            sameAsRphast += sameRp ? 1 : 0;
            if (i < GRAPHHOPPER_CHECKS && units <= 1000) { // 10,000 routes an incident is too slow for setup
                long[] gh = perCandidate(incidents.get(i));
                boolean sameGh = answer.count() == Math.min(K, gh.length);
                for (int k = 0; sameGh && k < answer.count(); k++) {
                    sameGh = Math.abs(answer.roadMillis(k) - (gh[k] >>> 20)) <= 1000;
                }
                sameAsGraphHopper += sameGh ? 1 : 0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n[check] %s %d units %s: bucket top 5 equals the Dijkstra's (ms and unit) for %d of %d incidents,"
                        + " RPHAST's times for %d, GraphHopper per-candidate (within 1 s) for %d of %d;"
                        + " hierarchy built in %.1f s (%d shortcuts), %.0f µs per unit put, %.1f entries per unit,"
                        + " store %.1f MB;"
                        + " query: %.0f settled, %.0f entries scanned; RPHAST selection %.0f ms, %d nodes%n",
                map,
                units,
                site,
                sameAsDijkstra,
                checked,
                sameAsRphast,
                sameAsGraphHopper,
                GRAPHHOPPER_CHECKS,
                chSeconds,
                ch.shortcutCount(),
                putMicros,
                store.entryCount() / (double) units,
                store.memoryBytes() / 1e6,
                settled / (double) checked,
                scanned / (double) checked,
                selectMillis,
                rphast.selectedNodes());
    }

    /** (road millis << 32 | unit) of the Dijkstra's top 5. */
    private long[] dijkstraTop(EdgePlacement target) {
        dijkstra.start(target);
        for (int u = 0; u < units; u++) {
            dijkstra.addSource(unitAt[u], 0);
        }
        int[] got = {0};
        dijkstra.run((s, total) -> ++got[0] >= K, Integer.MAX_VALUE);
        long[] out = new long[dijkstra.confirmedCount()];
        for (int i = 0; i < out.length; i++) {
            int s = dijkstra.confirmedSource(i);
            out[i] = ((long) dijkstra.roadMillis(s) << 32) | s;
        }
        Arrays.sort(out);
        return out;
    }

    /** Sorted (millis << 20 | unit) of every unit GraphHopper can route, one route per unit. */
    private long[] perCandidate(GeoPoint incident) {
        long[] found = new long[units];
        int m = 0;
        for (int u = 0; u < units; u++) {
            GHResponse rsp = net.oracle()
                    .graphHopper()
                    .route(new GHRequest(
                                    unitPoint[u].latDeg(), unitPoint[u].lonDeg(), incident.latDeg(), incident.lonDeg())
                            .setProfile(PROFILE.profileName()));
            if (!rsp.hasErrors()) {
                found[m++] = (rsp.getBest().getTime() << 20) | u;
            }
        }
        long[] sorted = Arrays.copyOf(found, m);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The dispatcher's answer for incident {@code i % 64} with this bucket use (for {@link CpuTime}). */
    Recommendation recommendWith(Dispatcher.BucketUse use, int i) {
        dispatcher.setBucketUse(use);
        return dispatcher.recommend(requests.get(i & 63));
    }

    /**
     * As {@link #recommendWith(Dispatcher.BucketUse, int)} with the dispatcher's direct-scan limit
     * set first ({@link Dispatcher#setDirectScanUnits}: 0 examines by the grid, a large limit by one
     * pass over the fleet).
     */
    Recommendation recommendWith(Dispatcher.BucketUse use, int directScanUnits, int i) {
        dispatcher.setDirectScanUnits(directScanUnits);
        return recommendWith(use, i);
    }

    /** Every field of an answer that two ways of ranking must give alike, as text. */
    static String answerTextOf(Recommendation r) {
        return answerText(r);
    }

    boolean lastAnsweredByBuckets() {
        return dispatcher.lastAnsweredByBuckets();
    }

    /** Road nodes of the car graph ranked. */
    int carNodes() {
        return graph.nodeCount();
    }

    /**
     * Start-up, each on a new dispatcher over the same network and fleet: the first query without
     * {@link Dispatcher#prepare} (it builds the hierarchy and buckets), and prepare then the first
     * query; wall and calling-thread CPU time.
     */
    void startUp(java.lang.management.ThreadMXBean clock) {
        Dispatcher cold = fresh();
        long w0 = System.nanoTime();
        long c0 = clock.getCurrentThreadCpuTime();
        cold.recommend(requests.get(1));
        double coldWall = (System.nanoTime() - w0) / 1e6;
        double coldCpu = (clock.getCurrentThreadCpuTime() - c0) / 1e6;
        Dispatcher warm = fresh();
        w0 = System.nanoTime();
        c0 = clock.getCurrentThreadCpuTime();
        List<TravelProfile> prepared = warm.prepare();
        double prepWall = (System.nanoTime() - w0) / 1e6;
        double prepCpu = (clock.getCurrentThreadCpuTime() - c0) / 1e6;
        w0 = System.nanoTime();
        c0 = clock.getCurrentThreadCpuTime();
        warm.recommend(requests.get(1));
        double firstWall = (System.nanoTime() - w0) / 1e6;
        double firstCpu = (clock.getCurrentThreadCpuTime() - c0) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "STARTUP %s %d units: first query without prepare %.0f ms wall %.0f ms cpu; prepare %s %.0f ms wall"
                        + " %.0f ms cpu, then first query %.1f ms wall %.1f ms cpu%n",
                map,
                units,
                coldWall,
                coldCpu,
                prepared,
                prepWall,
                prepCpu,
                firstWall,
                firstCpu);
    }

    /**
     * Queries while {@code fixesPerSecond} fixes stream ({@link BenchFleet.IntakeLoad}: each moves
     * a unit a few junctions), three ways interleaved on the same incidents, the order rotated every
     * query: buckets whenever they apply with units examined by the grid, the same examining by one
     * pass over the fleet ({@link Dispatcher#setDirectScanUnits} above the fleet), and the Dijkstra
     * only: wall and CPU time per query, how many waited for the bucket writer and how long. With
     * {@code -Dbluelamp.bench.placeAtIntake=true} positions are placed at intake, as the service does.
     */
    void streaming(java.lang.management.ThreadMXBean clock, int fixesPerSecond) throws InterruptedException {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        boolean atIntake = Boolean.getBoolean("bluelamp.bench.placeAtIntake");
        dispatcher.setPlacementAtIntake(atIntake);
        String[] names = {"buckets", "onePass", "dijkstra"};
        try (BenchFleet.IntakeLoad load = new BenchFleet.IntakeLoad(net, benchFleet, fixesPerSecond, 9, now)) {
            int n = 1000;
            long[][] wall = new long[3][n];
            long[][] cpu = new long[3][n];
            int[] byBuckets = new int[3];
            long waits0 = dispatcher.bucketWaitCount();
            long waitNanos0 = dispatcher.bucketWaitNanos();
            long fixes0 = 0;
            long t0 = 0;
            for (int i = -200; i < n; i++) {
                if (i == 0) {
                    waits0 = dispatcher.bucketWaitCount();
                    waitNanos0 = dispatcher.bucketWaitNanos();
                    fixes0 = load.applied();
                    t0 = System.nanoTime();
                }
                for (int k = 0; k < 3; k++) {
                    int way = Math.floorMod(i + k, 3);
                    long w0 = System.nanoTime();
                    long c0 = clock.getCurrentThreadCpuTime();
                    switch (way) {
                        case 0 -> recommendWith(Dispatcher.BucketUse.ALWAYS, 0, Math.floorMod(i, 64));
                        case 1 -> recommendWith(Dispatcher.BucketUse.ALWAYS, Integer.MAX_VALUE, Math.floorMod(i, 64));
                        default -> recommendWith(Dispatcher.BucketUse.NEVER, Math.floorMod(i, 64));
                    }
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    long w = System.nanoTime() - w0;
                    if (i >= 0) {
                        cpu[way][i] = c;
                        wall[way][i] = w;
                        byBuckets[way] += lastAnsweredByBuckets() ? 1 : 0;
                    }
                }
            }
            dispatcher.setDirectScanUnits(Dispatcher.DIRECT_SCAN_UNITS);
            dispatcher.setPlacementAtIntake(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long waits = dispatcher.bucketWaitCount() - waits0;
            long waitNanos = dispatcher.bucketWaitNanos() - waitNanos0;
            double fixRate = (load.applied() - fixes0) / seconds;
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "STREAM %s %s %d units %.0f fixes/s (placement at intake %s; %d bucket queries waited for the"
                            + " writer, mean wait %.0f us):",
                    map,
                    site,
                    units,
                    fixRate,
                    atIntake ? "on" : "off",
                    waits,
                    waits == 0 ? 0 : waitNanos / 1e3 / waits));
            for (int k = 0; k < 3; k++) {
                Arrays.sort(wall[k]);
                Arrays.sort(cpu[k]);
                line.append(String.format(
                        Locale.ROOT,
                        " %s wall p50=%.0f p99=%.0f cpu p50=%.0f p99=%.0f p99.9=%.0f us (%d of %d by buckets);",
                        names[k],
                        wall[k][n / 2] / 1e3,
                        wall[k][n * 99 / 100] / 1e3,
                        cpu[k][n / 2] / 1e3,
                        cpu[k][n * 99 / 100] / 1e3,
                        cpu[k][n * 999 / 1000] / 1e3,
                        byBuckets[k],
                        n));
            }
            System.out.println(line);
        }
    }

    /**
     * The Dijkstra path ({@link Dispatcher.BucketUse#NEVER}, what AUTO uses for dense fleets) with
     * units confirmed by the frontier alone and with the extra-time rule
     * ({@link Dispatcher#setConfirmByExtraTimes}), interleaved on the same incidents, the order
     * swapped every query, while {@code fixesPerSecond} fixes stream. First, with the fleet still,
     * both ways answer each of the 64 incidents and the answers are compared (units, times,
     * straight-line ranks, reasons, exclusions: any difference fails the run). Then per way: the
     * measuring thread's CPU time per query (p50, p90, p99, p99.9) and the road nodes settled per
     * query (p50, p99), and the ratio frontier-only ÷ extra-times at each.
     */
    void streamingDijkstra(java.lang.management.ThreadMXBean clock, int fixesPerSecond) throws InterruptedException {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        boolean atIntake = Boolean.getBoolean("bluelamp.bench.placeAtIntake");
        dispatcher.setPlacementAtIntake(atIntake);
        dispatcher.setBucketUse(Dispatcher.BucketUse.NEVER);
        int same = 0;
        long[] settledStill = new long[2];
        for (int i = 0; i < requests.size(); i++) {
            dispatcher.setConfirmByExtraTimes(false);
            Recommendation before = dispatcher.recommend(requests.get(i));
            dispatcher.setConfirmByExtraTimes(true);
            Recommendation after = dispatcher.recommend(requests.get(i));
            String a = answerText(before) + " " + before.excluded();
            String b = answerText(after) + " " + after.excluded();
            if (!a.equals(b)) {
                throw new IllegalStateException("incident " + i + " " + incidents.get(i)
                        + ": the extra-time rule answered differently:\n frontier only: " + a + "\n extra times:  "
                        + b);
            }
            same++;
            settledStill[0] += before.searchedNodes();
            settledStill[1] += after.searchedNodes();
        }
        System.out.printf(
                Locale.ROOT,
                "%n[check] %s %s %d units: the same answer both ways for %d of %d incidents (fleet still);"
                        + " nodes settled in all %d: %d frontier only, %d extra times%n",
                map,
                site,
                units,
                same,
                requests.size(),
                requests.size(),
                settledStill[0],
                settledStill[1]);
        String[] names = {"frontierOnly", "extraTimes"};
        try (BenchFleet.IntakeLoad load = new BenchFleet.IntakeLoad(net, benchFleet, fixesPerSecond, 13, now)) {
            int n = 1000;
            long[][] cpu = new long[2][n];
            long[][] settled = new long[2][n];
            long[][] examined = new long[2][n];
            long fixes0 = 0;
            long t0 = 0;
            for (int i = -200; i < n; i++) {
                if (i == 0) {
                    fixes0 = load.applied();
                    t0 = System.nanoTime();
                }
                for (int k = 0; k < 2; k++) {
                    int way = Math.floorMod(i + k, 2);
                    dispatcher.setConfirmByExtraTimes(way == 1);
                    long c0 = clock.getCurrentThreadCpuTime();
                    Recommendation r = dispatcher.recommend(requests.get(Math.floorMod(i, 64)));
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    if (i >= 0) {
                        cpu[way][i] = c;
                        settled[way][i] = r.searchedNodes();
                        examined[way][i] = units
                                - r.excluded().getOrDefault(org.bluelamp.dispatch.ExclusionReason.NOT_EXAMINED, 0);
                    }
                }
            }
            dispatcher.setConfirmByExtraTimes(true);
            dispatcher.setPlacementAtIntake(false);
            dispatcher.setBucketUse(Dispatcher.BucketUse.AUTO);
            double fixRate = (load.applied() - fixes0) / ((System.nanoTime() - t0) / 1e9);
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "DIJKSTRA %s %s %d units %.0f fixes/s (placement at intake %s, spread %s):",
                    map,
                    site,
                    units,
                    fixRate,
                    atIntake ? "on" : "off",
                    System.getProperty("bluelamp.bench.spread", "junctions")));
            for (int k = 0; k < 2; k++) {
                Arrays.sort(cpu[k]);
                Arrays.sort(settled[k]);
                Arrays.sort(examined[k]);
                line.append(String.format(
                        Locale.ROOT,
                        " %s cpu p50=%.0f p90=%.0f p99=%.0f p99.9=%.0f us, settled p50=%d p99=%d, units examined"
                                + " p50=%d p99=%d;",
                        names[k],
                        cpu[k][n / 2] / 1e3,
                        cpu[k][n * 9 / 10] / 1e3,
                        cpu[k][n * 99 / 100] / 1e3,
                        cpu[k][n * 999 / 1000] / 1e3,
                        settled[k][n / 2],
                        settled[k][n * 99 / 100],
                        examined[k][n / 2],
                        examined[k][n * 99 / 100]));
            }
            int[] at = {n / 2, n * 9 / 10, n * 99 / 100, n * 999 / 1000};
            line.append(" frontier only ÷ extra times cpu");
            for (int q : at) {
                line.append(String.format(Locale.ROOT, " %.2f", (double) cpu[0][q] / Math.max(1, cpu[1][q])));
            }
            line.append(String.format(
                    Locale.ROOT,
                    ", settled %.2f %.2f (p50 p90 p99 p99.9; p50 p99)",
                    (double) settled[0][n / 2] / Math.max(1, settled[1][n / 2]),
                    (double) settled[0][n * 99 / 100] / Math.max(1, settled[1][n * 99 / 100])));
            System.out.println(line);
        }
    }

    /**
     * The Dijkstra path (as AUTO ranks a dense fleet) examining later batches in steps of 64 units
     * ({@link Dispatcher#setExamineStepUnits}) against each batch whole, interleaved query by query
     * on the same 64 incidents while {@code fixesPerSecond} fixes stream (1,000 of each after 200 of
     * warm-up); first checks both give the same units, times, order and reasons for every incident
     * (fleet still). Prints CPU p50/p90/p99/p99.9 of the measuring thread, units examined and the
     * ratios (whole ÷ steps).
     */
    void streamingSteps(java.lang.management.ThreadMXBean clock, int fixesPerSecond) throws InterruptedException {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        dispatcher.setPlacementAtIntake(Boolean.getBoolean("bluelamp.bench.placeAtIntake"));
        dispatcher.setBucketUse(Dispatcher.BucketUse.NEVER);
        // -Dbluelamp.bench.steps=a,b: the two step sizes compared ("whole" = each batch whole)
        int[] steps = java.util.Arrays.stream(
                        System.getProperty("bluelamp.bench.steps", "whole,64").split(","))
                .mapToInt(v -> v.equals("whole") ? Integer.MAX_VALUE : Integer.parseInt(v))
                .toArray();
        if (steps.length != 2) {
            throw new IllegalArgumentException("bluelamp.bench.steps must name two step sizes, e.g. whole,64");
        }
        for (int i = 0; i < requests.size(); i++) {
            dispatcher.setExamineStepUnits(steps[0]);
            String whole = answerText(dispatcher.recommend(requests.get(i)));
            dispatcher.setExamineStepUnits(steps[1]);
            String stepped = answerText(dispatcher.recommend(requests.get(i)));
            if (!whole.equals(stepped)) {
                throw new IllegalStateException("incident " + i + " " + incidents.get(i)
                        + ": examining in steps answered differently:\n " + steps[0] + ": " + whole + "\n " + steps[1]
                        + ": "
                        + stepped);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n[check] %s %s %d units: the same answer with whole batches and in steps for %d of %d incidents"
                        + " (fleet still)%n",
                map,
                site,
                units,
                requests.size(),
                requests.size());
        String[] names = new String[2];
        for (int k = 0; k < 2; k++) {
            names[k] = steps[k] == Integer.MAX_VALUE ? "wholeBatches" : "steps" + steps[k];
        }
        try (BenchFleet.IntakeLoad load = new BenchFleet.IntakeLoad(net, benchFleet, fixesPerSecond, 13, now)) {
            int n = 1000;
            long[][] cpu = new long[2][n];
            long[][] examined = new long[2][n];
            for (int i = -200; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    int way = Math.floorMod(i + k, 2);
                    dispatcher.setExamineStepUnits(steps[way]);
                    long c0 = clock.getCurrentThreadCpuTime();
                    Recommendation r = dispatcher.recommend(requests.get(Math.floorMod(i, 64)));
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    if (i >= 0) {
                        cpu[way][i] = c;
                        examined[way][i] = units
                                - r.excluded().getOrDefault(org.bluelamp.dispatch.ExclusionReason.NOT_EXAMINED, 0);
                    }
                }
            }
            dispatcher.setExamineStepUnits(64);
            dispatcher.setPlacementAtIntake(false);
            dispatcher.setBucketUse(Dispatcher.BucketUse.AUTO);
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "STEPS %s %s %d units %d fixes/s (spread %s, grid %s m):",
                    map,
                    site,
                    units,
                    fixesPerSecond,
                    System.getProperty("bluelamp.bench.spread", "junctions"),
                    System.getProperty("bluelamp.bench.gridCellMetres", "500")));
            int[] at = {n / 2, n * 9 / 10, n * 99 / 100, n * 999 / 1000};
            for (int k = 0; k < 2; k++) {
                Arrays.sort(cpu[k]);
                Arrays.sort(examined[k]);
                line.append(String.format(
                        Locale.ROOT,
                        " %s cpu p50=%.0f p90=%.0f p99=%.0f p99.9=%.0f us, units examined p50=%d p99=%d;",
                        names[k],
                        cpu[k][at[0]] / 1e3,
                        cpu[k][at[1]] / 1e3,
                        cpu[k][at[2]] / 1e3,
                        cpu[k][at[3]] / 1e3,
                        examined[k][n / 2],
                        examined[k][n * 99 / 100]));
            }
            line.append(" " + names[0] + " ÷ " + names[1] + " cpu");
            for (int q : at) {
                line.append(String.format(Locale.ROOT, " %.2f", (double) cpu[0][q] / Math.max(1, cpu[1][q])));
            }
            line.append(" (p50 p90 p99 p99.9)");
            System.out.println(line);
        }
    }

    /**
     * Placement at intake ({@link Dispatcher#setPlacementAtIntake}) off and on while {@code
     * fixesPerSecond} fixes stream ({@link BenchFleet.IntakeLoad}), the dispatcher ranking as AUTO
     * does: blocks of 200 queries over the same 64 incidents, the two modes alternating block by
     * block (6 blocks each after 2 of warm-up each), each block after 1.5 s in its mode (so that
     * most units have reported in it). Per query: the measuring thread's CPU time (p50, p99) and the
     * positions it snapped; per mode: the whole process's CPU time per query (the intake thread's
     * snapping included), the fixes applied per second and the cores the process used.
     */
    void streamingPlacement(java.lang.management.ThreadMXBean clock, int fixesPerSecond) throws InterruptedException {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        dispatcher.setBucketUse(Dispatcher.BucketUse.AUTO);
        int block = 200;
        int blocks = 6;
        try (BenchFleet.IntakeLoad load = new BenchFleet.IntakeLoad(net, benchFleet, fixesPerSecond, 11, now)) {
            long[][] cpu = new long[2][block * blocks];
            long[] querySnaps = new long[2];
            long[] processNanos = new long[2];
            long[] fixes = new long[2];
            long[] wallNanos = new long[2];
            int q = 0;
            for (int b = -4; b < 2 * blocks; b++) {
                int mode = Math.floorMod(b, 2);
                dispatcher.setPlacementAtIntake(mode == 1);
                Thread.sleep(1500); // most units report in the new mode before the block
                long p0 = os.getProcessCpuTime();
                long f0 = load.applied();
                long w0 = System.nanoTime();
                long s0 = dispatcher.snapCount() - dispatcher.intakeSnapCount();
                for (int i = 0; i < block; i++) {
                    long c0 = clock.getCurrentThreadCpuTime();
                    dispatcher.recommend(requests.get(q++ & 63));
                    long c = clock.getCurrentThreadCpuTime() - c0;
                    if (b >= 0) {
                        cpu[mode][(b / 2) * block + i] = c;
                    }
                }
                if (b >= 0) {
                    querySnaps[mode] += dispatcher.snapCount() - dispatcher.intakeSnapCount() - s0;
                    processNanos[mode] += os.getProcessCpuTime() - p0;
                    fixes[mode] += load.applied() - f0;
                    wallNanos[mode] += System.nanoTime() - w0;
                }
            }
            dispatcher.setPlacementAtIntake(false);
            int n = block * blocks;
            for (long[] c : cpu) {
                Arrays.sort(c);
            }
            System.out.printf(
                    Locale.ROOT,
                    "PLACEMENT %s %s %d units target %d fixes/s (AUTO: %s):"
                            + " by queries: query cpu p50=%.0f p99=%.0f us, %.1f snaps/query,"
                            + " process cpu %.0f us/query,"
                            + " %.0f fixes/s, %.2f cores;"
                            + " at intake: query cpu p50=%.0f p99=%.0f us, %.1f snaps/query,"
                            + " process cpu %.0f us/query,"
                            + " %.0f fixes/s, %.2f cores;"
                            + " ratio by queries/at intake: query p50=%.2f p99=%.2f process=%.2f%n",
                    map,
                    site,
                    units,
                    fixesPerSecond,
                    dispatcher.lastAnsweredByBuckets() ? "buckets" : "dijkstra",
                    cpu[0][n / 2] / 1e3,
                    cpu[0][n * 99 / 100] / 1e3,
                    querySnaps[0] / (double) n,
                    processNanos[0] / 1e3 / n,
                    fixes[0] / (wallNanos[0] / 1e9),
                    processNanos[0] / (double) wallNanos[0],
                    cpu[1][n / 2] / 1e3,
                    cpu[1][n * 99 / 100] / 1e3,
                    querySnaps[1] / (double) n,
                    processNanos[1] / 1e3 / n,
                    fixes[1] / (wallNanos[1] / 1e9),
                    processNanos[1] / (double) wallNanos[1],
                    (double) cpu[0][n / 2] / cpu[1][n / 2],
                    (double) cpu[0][n * 99 / 100] / cpu[1][n * 99 / 100],
                    (double) processNanos[0] / processNanos[1]);
        }
    }

    private Dispatcher fresh() {
        Dispatcher d = Dispatcher.create(
                net,
                dispatcher.fleet(),
                dispatcher.policies(),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.parse("2026-11-22T12:00:00Z")));
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        return d;
    }

    @Benchmark
    public int buckets() {
        return buckets.query(store, incidentAt[next++ & 63], K, null, answer);
    }

    @Benchmark
    public int[] rphast() {
        rphast.query(incidentAt[next++ & 63], rphastMillis);
        return rphastMillis;
    }

    @Benchmark
    public int dijkstra() {
        EdgePlacement target = incidentAt[next++ & 63];
        dijkstra.start(target);
        for (int u = 0; u < units; u++) {
            dijkstra.addSource(unitAt[u], 0);
        }
        int[] got = {0};
        dijkstra.run((s, total) -> ++got[0] >= K, Integer.MAX_VALUE);
        return dijkstra.confirmedCount();
    }

    @Benchmark
    public Recommendation dispatcher() {
        dispatcher.setBucketUse(Dispatcher.BucketUse.AUTO);
        return dispatcher.recommend(requests.get(next++ & 63));
    }

    @Benchmark
    public Recommendation dispatcherDijkstra() {
        dispatcher.setBucketUse(Dispatcher.BucketUse.NEVER);
        return dispatcher.recommend(requests.get(next++ & 63));
    }

    @Benchmark
    public Recommendation dispatcherBuckets() {
        dispatcher.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        return dispatcher.recommend(requests.get(next++ & 63));
    }

    @Benchmark
    @Warmup(iterations = 1, time = 3)
    @Measurement(iterations = 3, time = 3)
    public long[] perCandidateRouting() {
        long[] all = perCandidate(incidents.get(next++ & 63));
        return Arrays.copyOf(all, Math.min(K, all.length));
    }
}
