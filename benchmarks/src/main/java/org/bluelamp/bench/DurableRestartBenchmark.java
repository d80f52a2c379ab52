package org.bluelamp.bench;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.Unit;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.store.FixJournal;
import org.bluelamp.store.RedisLink;
import org.bluelamp.store.RedisStore;
import org.bluelamp.store.StoreLoader;
import org.bluelamp.store.StoreOptions;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
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
 * A restart (issue 10.9): {@code StoreLoader.load} rebuilding an empty engine from a real
 * {@code redis-server} holding {@code units} units and {@code fixes} journaled fixes (100 per unit,
 * one a second, within the history window, journaled through the intake as the service does), each
 * load into a fresh fleet. The baseline in the same run is the same load with no fixes
 * ({@code fixes=0}): the records alone. Goal: 10,000 units and 1,000,000 fixes in under 5 s. Each
 * load also prints its CPU time (the loading thread's, and the whole process's: Lettuce decodes
 * replies on its I/O thread, and the garbage collector), for a machine shared with other work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class DurableRestartBenchmark {
    static final AuditEntry.Actor WHO = new AuditEntry.Actor("console", "bench");

    @Param({"10000"})
    public int units;

    @Param({"0", "1000000"})
    public int fixes;

    private BenchRedis redis;
    private StoreOptions options;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        redis = BenchRedis.start();
        try {
            fillRedis();
        } catch (Exception | Error e) {
            redis.close(); // JMH runs no teardown after a failed setup
            throw e;
        }
    }

    private void fillRedis() throws Exception {
        // a generous command timeout: filling pipelines hundreds of commits on a shared machine
        options = StoreOptions.defaults(List.of(redis.uri()), "bench", "fill")
                .withLimits(Duration.ofSeconds(60), Duration.ofDays(400));
        InstantSource clock = InstantSource.system();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        try (RedisLink link = RedisLink.connect(options)) {
            RedisStore store = new RedisStore(link, clock);
            DurableFleet durable = new DurableFleet(fleet, store, clock, "fill");
            long now = System.currentTimeMillis();
            int perUnit = fixes / units;
            long t0 = now - (perUnit + 10) * 1000L;
            List<CompletableFuture<Unit>> pending = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                pending.add(durable.register(
                        new UnitSpec("U" + i, "C" + i, UnitKind.CAR, Set.of(), 2, "HQ"),
                        StatusChange.of(UnitStatus.AVAILABLE, t0),
                        WHO));
                if (pending.size() == 100) {
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(CompletableFuture::join);
            FixJournal journal = new FixJournal(link);
            FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), clock, journal);
            for (int k = 0; k < perUnit; k++) {
                for (int i = 0; i < units; i++) {
                    double lat = 52.5 + (i % 100) * 0.003 + k * 1e-5;
                    double lon = -0.9 + (i / 100) * 0.003;
                    intake.apply("U" + i, lat, lon, t0 + k * 1000L, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
                }
                while (journal.pendingCount() > 200_000) {
                    Thread.sleep(5);
                }
            }
            if (!journal.flush(300_000)) {
                throw new IllegalStateException("the journal did not write every fix in 5 minutes");
            }
            if (journal.droppedCount() > 0) {
                throw new IllegalStateException(journal.droppedCount() + " fixes dropped while filling");
            }
            System.out.printf("%nfilled: %d units, %d fixes journaled%n", fleet.unitCount(), journal.journaledCount());
            journal.close();
            store.close();
        }
    }

    @Benchmark
    public StoreLoader.Report restart() {
        InstantSource clock = InstantSource.system();
        try (RedisLink link = RedisLink.connect(options)) {
            RedisStore store = new RedisStore(link, clock);
            DurableFleet durable = new DurableFleet(new FleetState(FleetOptions.defaults()), store, clock, "restart");
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long thread0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            StoreLoader.Report r = StoreLoader.load(link, durable);
            // CPU time as well as wall: the machine is shared, CPU time is what the load itself costs
            System.out.printf(
                    "%nload: wall %d ms, CPU of the loading thread %d ms, CPU of the process %d ms%n",
                    r.millis(),
                    (threads.getCurrentThreadCpuTime() - thread0) / 1_000_000,
                    (os.getProcessCpuTime() - process0) / 1_000_000);
            store.close();
            if (r.units() != units || r.journalFixes() < fixes) {
                throw new IllegalStateException("incomplete load: " + r);
            }
            return r;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        redis.close();
    }
}
