package org.bluelamp.bench;

import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.store.RedisLink;
import org.bluelamp.store.RedisStore;
import org.bluelamp.store.StoreFollower;
import org.bluelamp.store.StoreLoader;
import org.bluelamp.store.StoreOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replica lag (issue 10.5 and 10.9): two engine instances on one {@code redis-server}; a status
 * change committed on the first ({@code DurableFleet.setStatus}) until the second, following the
 * change stream ({@code StoreFollower}, {@code XREAD BLOCK}), holds it in its fleet
 * ({@link #commitAndSeenOnReplica}). The baseline in the same run is the commit alone on the first
 * ({@link #commitOnly}); the difference is the lag a recommendation on the replica can see. Sample
 * time gives p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReplicaLagBenchmark {
    static final int UNITS = 200;
    static final AuditEntry.Actor WHO = new AuditEntry.Actor("console", "bench");

    private BenchRedis redis;
    private RedisLink linkA;
    private RedisLink linkB;
    private DurableFleet a;
    private DurableFleet b;
    private StoreFollower follower;
    private int next;
    private long time;
    private final boolean[] atStation = new boolean[UNITS];

    @Setup(Level.Trial)
    public void setup() throws Exception {
        redis = BenchRedis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                redis.close(); // also when setup fails (JMH then runs no teardown)
            } catch (Exception ignored) {
                // leaving
            }
        }));
        InstantSource clock = InstantSource.system();
        linkA = RedisLink.connect(StoreOptions.defaults(List.of(redis.uri()), "lag", "a"));
        a = new DurableFleet(new FleetState(FleetOptions.defaults()), new RedisStore(linkA, clock), clock, "a");
        time = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < UNITS; i++) {
            a.register(
                            new UnitSpec("U" + i, "C" + i, UnitKind.CAR, Set.of(), 2, "HQ"),
                            StatusChange.of(UnitStatus.AVAILABLE, time),
                            WHO)
                    .join();
        }
        linkB = RedisLink.connect(StoreOptions.defaults(List.of(redis.uri()), "lag", "b"));
        b = new DurableFleet(new FleetState(FleetOptions.defaults()), new RedisStore(linkB, clock), clock, "b");
        StoreLoader.Report loaded = StoreLoader.load(linkB, b);
        follower = new StoreFollower(
                linkB,
                b,
                task -> {
                    task.run();
                    return true;
                },
                loaded.changesCursor(),
                loaded.fixesCursor());
    }

    private StatusChange change() {
        int u = next;
        next = (next + 1) % UNITS;
        atStation[u] = !atStation[u];
        time++;
        return a.setStatus("U" + u, atStation[u] ? UnitStatus.AT_STATION : UnitStatus.AVAILABLE, null, time, WHO)
                .join();
    }

    @Benchmark
    public StatusChange commitOnly() {
        return change();
    }

    @Benchmark
    public StatusChange commitAndSeenOnReplica() {
        int u = next;
        StatusChange c = change();
        FleetState replica = b.fleet();
        String id = "U" + u;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (replica.getStatus(id).timeEpochMillis() != c.timeEpochMillis()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not see " + id + " within 10 s");
            }
            Thread.onSpinWait();
        }
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        follower.close();
        a.store().close();
        b.store().close();
        linkA.close();
        linkB.close();
        redis.close();
    }
}
