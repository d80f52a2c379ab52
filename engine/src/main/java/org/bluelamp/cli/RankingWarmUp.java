package org.bluelamp.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * Runs the service's ranking on the real loaded road network before {@code serve} says it is ready,
 * so that the first calls of the day are answered by compiled code rather than while the JIT is
 * still compiling the ranking (the national day's first two minutes ran at p99 6-7 ms against
 * 4.5-4.9 ms later: benchmarks/RESULTS.md, "The national day's first minutes").
 *
 * <p>The queries rank a fleet of the warm-up's own ({@link Dispatcher#withFleet}): synthetic units,
 * nine cars to one foot patrol as the load tool's fleet (cars only on a network without the foot
 * profile), at road nodes, one per {@value #NODES_PER_UNIT} nodes (the national day's density: the
 * Dijkstra path) between {@value #MIN_UNITS} and {@value #MAX_UNITS} units. The real fleet is
 * neither read nor changed; the answers are thrown away. It runs at least {@code minQueries} queries
 * and then until the JIT has compiled nothing for a second, or until its time is up, whichever
 * comes first.
 *
 * <p>Only a JVM that compiles with C2 gains from it: under {@code -XX:TieredStopAtLevel} below 4 (the
 * tests' child services) it does nothing.
 *
 * <p>Not thread-safe: one warm-up, on the thread that starts the service.
 */
final class RankingWarmUp {
    /** Road nodes per warm-up unit: 2.0 M nodes and 50,000 units on the national day. */
    static final int NODES_PER_UNIT = 40;

    static final int MIN_UNITS = 100;
    static final int MAX_UNITS = 50_000;

    /** Queries at least, by default: more than the national day had answered when its p99 settled (9,000). */
    static final int DEFAULT_MIN_QUERIES = 12_000;

    static final int NODES_PER_SECOND = 100_000;
    static final int MAX_DEFAULT_SECONDS = 20;

    private static final long SEED = 13L;

    /** How long the JIT must have compiled nothing, after the queries, for the warm-up to end early. */
    private static final long QUIET_NANOS = 1_000_000_000L;

    /** What a warm-up did. */
    record Outcome(int units, int queries, int refused, long elapsedMillis, boolean jitQuiet, String skipped) {
        /** For the log: what ran and how long it took, or why nothing ran. */
        String describe() {
            return skipped != null
                    ? "ranking not warmed up: " + skipped
                    : "ranking warmed up: " + queries + " queries (" + refused + " refused) over " + units
                            + " units of its own in " + elapsedMillis + " ms"
                            + (jitQuiet ? ", the JIT idle for the last second" : ", the JIT still compiling");
        }
    }

    private RankingWarmUp() {}

    /**
     * The warm-up's time when none is given: one second per {@value #NODES_PER_SECOND} road nodes,
     * at most {@value #MAX_DEFAULT_SECONDS} s, whole seconds (so none under 100,000 nodes). A cold
     * query's cost grows with the network: on a city map it is already well under a millisecond and
     * the start stays quick (Monaco under load: 15 s to ready without the warm-up, 40 s with 20 s of
     * it), while on the national network (2.0 M nodes) the first minutes' p99 was 6-7 ms.
     */
    static Duration defaultBudget(int nodeCount) {
        return Duration.ofSeconds(Math.min(MAX_DEFAULT_SECONDS, nodeCount / NODES_PER_SECOND));
    }

    /**
     * Warms {@code real}'s ranking code (whose clock is {@code clock}) for at least {@code minQueries}
     * queries and then until the JIT is idle, within {@code budget}, without touching its fleet. A zero
     * budget or query count does nothing.
     */
    static Outcome run(Dispatcher real, InstantSource clock, Duration budget, int minQueries) {
        if (budget.isZero() || minQueries <= 0) {
            return new Outcome(
                    0, 0, 0, 0, false, "no time for it (--warm-up-seconds 0, or under 100,000 road nodes by default)");
        }
        if (!compilesWithC2()) {
            return new Outcome(0, 0, 0, 0, false, "this JVM does not compile with C2 (-XX:TieredStopAtLevel below 4)");
        }
        return warm(real, clock, budget, minQueries);
    }

    /** As {@link #run}, whatever the JIT. */
    static Outcome warm(Dispatcher real, InstantSource clock, Duration budget, int minQueries) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        RoadNetwork network = real.network();
        FleetState own = new FleetState(real.fleet().options());
        SplittableRandom random = new SplittableRandom(SEED);
        int units = Math.clamp(network.nodeCount() / NODES_PER_UNIT, MIN_UNITS, MAX_UNITS);
        // foot patrols only where the network has their profile (the benchmarks' graphs have cars only)
        boolean foot = TravelProfile.find(UnitKind.FOOT.routingProfile())
                .filter(network.options().profiles()::contains)
                .isPresent();
        long now = clock.millis(); // the dispatcher's clock: positions 5 s old when it ranks
        for (int i = 0; i < units; i++) {
            int unit = own.register(
                            UnitSpec.minimal("WARM-" + i, foot && i % 10 == 9 ? UnitKind.FOOT : UnitKind.CAR),
                            StatusChange.of(UnitStatus.AVAILABLE, now - 60_000))
                    .unitIndex();
            GeoPoint at = network.nodePoint(random.nextInt(network.nodeCount()));
            own.recordFix(unit, at.latDeg(), at.lonDeg(), now - 5_000, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        Dispatcher warm = real.withFleet(own);
        List<String> grades = real.policies().grades().stream()
                .limit(2)
                .map(GradePolicy::code)
                .toList();
        int queries = 0;
        int refused = 0;
        // past minQueries, on until the JIT has compiled nothing for QUIET_NANOS (its queue drained:
        // under load the compiler threads lag behind the queries) or the budget is spent
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long jitMillis = jitTimed ? jit.getTotalCompilationTime() : 0;
        long jitQuietSince = System.nanoTime();
        boolean jitQuiet = false;
        while (System.nanoTime() < deadline) {
            if (queries >= minQueries && (!jitTimed || System.nanoTime() - jitQuietSince >= QUIET_NANOS)) {
                jitQuiet = jitTimed;
                break;
            }
            GeoPoint incident = network.nodePoint(random.nextInt(network.nodeCount()));
            String grade = grades.get(random.nextInt(4) == 0 ? grades.size() - 1 : 0); // as the load tool: 1 and 2
            try {
                warm.recommend(IncidentRequest.of("warm-up", incident, grade));
            } catch (BluelampException e) {
                refused++; // a node no unit's profile can reach: the refusal is real code too
            }
            queries++;
            if (jitTimed && (queries & 31) == 0) {
                long compiledMillis = jit.getTotalCompilationTime();
                if (compiledMillis != jitMillis) {
                    jitMillis = compiledMillis;
                    jitQuietSince = System.nanoTime();
                }
            }
        }
        return new Outcome(units, queries, refused, (System.nanoTime() - start) / 1_000_000, jitQuiet, null);
    }

    /** Whether this JVM's JIT goes up to C2 (tier 4). */
    static boolean compilesWithC2() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot == null
                    || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return true; // not HotSpot, or no such option: assume a full JIT
        }
    }
}
