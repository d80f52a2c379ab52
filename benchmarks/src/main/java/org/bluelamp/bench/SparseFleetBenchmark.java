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
     * a unit a few junctions), buckets whenever they apply and the Dijkstra only, interleaved on the
     * same incidents: wall and CPU time per query, how many waited for the bucket writer and how
     * long.
     */
    void streaming(java.lang.management.ThreadMXBean clock, int fixesPerSecond) throws InterruptedException {
        long now = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        try (BenchFleet.IntakeLoad load = new BenchFleet.IntakeLoad(net, benchFleet, fixesPerSecond, 9, now)) {
            for (int i = 0; i < 200; i++) {
                recommendWith(Dispatcher.BucketUse.ALWAYS, i);
                recommendWith(Dispatcher.BucketUse.NEVER, i);
            }
            int n = 1000;
            long[] bWall = new long[n];
            long[] bCpu = new long[n];
            long[] dWall = new long[n];
            long[] dCpu = new long[n];
            int byBuckets = 0;
            long waits0 = dispatcher.bucketWaitCount();
            long waitNanos0 = dispatcher.bucketWaitNanos();
            long fixes0 = load.applied();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long w0 = System.nanoTime();
                long c0 = clock.getCurrentThreadCpuTime();
                recommendWith(Dispatcher.BucketUse.ALWAYS, i);
                bCpu[i] = clock.getCurrentThreadCpuTime() - c0;
                bWall[i] = System.nanoTime() - w0;
                byBuckets += lastAnsweredByBuckets() ? 1 : 0;
                w0 = System.nanoTime();
                c0 = clock.getCurrentThreadCpuTime();
                recommendWith(Dispatcher.BucketUse.NEVER, i);
                dCpu[i] = clock.getCurrentThreadCpuTime() - c0;
                dWall[i] = System.nanoTime() - w0;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long waits = dispatcher.bucketWaitCount() - waits0;
            long waitNanos = dispatcher.bucketWaitNanos() - waitNanos0;
            double fixRate = (load.applied() - fixes0) / seconds;
            for (long[] a : new long[][] {bWall, bCpu, dWall, dCpu}) {
                Arrays.sort(a);
            }
            System.out.printf(
                    Locale.ROOT,
                    "STREAM %s %s %d units %.0f fixes/s: buckets wall p50=%.0f p99=%.0f cpu p50=%.0f p99=%.0f µs"
                            + " (%d of %d by buckets; %d waited for the writer, mean wait %.0f µs);"
                            + " dijkstra wall p50=%.0f p99=%.0f cpu p50=%.0f p99=%.0f µs%n",
                    map,
                    site,
                    units,
                    fixRate,
                    bWall[n / 2] / 1e3,
                    bWall[n * 99 / 100] / 1e3,
                    bCpu[n / 2] / 1e3,
                    bCpu[n * 99 / 100] / 1e3,
                    byBuckets,
                    n,
                    waits,
                    waits == 0 ? 0 : waitNanos / 1e3 / waits,
                    dWall[n / 2] / 1e3,
                    dWall[n * 99 / 100] / 1e3,
                    dCpu[n / 2] / 1e3,
                    dCpu[n * 99 / 100] / 1e3);
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
