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
import org.bluelamp.store.StoreOptions;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A status change made durable before it is acknowledged (issue 10.9): {@code DurableFleet.setStatus}
 * from call to completion, one at a time, over 1,000 registered units, against a real
 * {@code redis-server} on loopback ({@code redis}: the versioned commit script, append-only file,
 * everysec) and, as the baseline in the same run, the engine without Redis ({@code memory}).
 * Sample time gives p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DurableStatusBenchmark {
    static final int UNITS = 1_000;
    static final AuditEntry.Actor WHO = new AuditEntry.Actor("console", "bench");

    @Param({"memory", "redis"})
    public String store;

    private BenchRedis redis;
    private RedisLink link;
    private DurableFleet durable;
    private int next;
    private long time;
    private final boolean[] atStation = new boolean[UNITS];

    @Setup(Level.Trial)
    public void setup() throws Exception {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        InstantSource clock = InstantSource.system();
        if (store.equals("redis")) {
            redis = BenchRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    redis.close(); // also when setup fails (JMH then runs no teardown)
                } catch (Exception ignored) {
                    // leaving
                }
            }));
            link = RedisLink.connect(StoreOptions.defaults(List.of(redis.uri()), "bench", "b1"));
            durable = new DurableFleet(fleet, new RedisStore(link, clock), clock, "b1");
        } else {
            durable = DurableFleet.inMemory(fleet, clock);
        }
        time = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < UNITS; i++) {
            durable.register(
                            new UnitSpec("U" + i, "C" + i, UnitKind.CAR, Set.of(), 2, "HQ"),
                            StatusChange.of(UnitStatus.AVAILABLE, time),
                            WHO)
                    .join();
        }
    }

    @Benchmark
    public StatusChange statusChange() {
        int u = next;
        next = (next + 1) % UNITS;
        atStation[u] = !atStation[u];
        time++;
        return durable.setStatus("U" + u, atStation[u] ? UnitStatus.AT_STATION : UnitStatus.AVAILABLE, null, time, WHO)
                .join();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        durable.store().close();
        if (link != null) {
            link.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
