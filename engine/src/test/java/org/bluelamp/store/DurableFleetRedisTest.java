package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.RedisServer;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store against a real redis-server: changes durable before they are applied, replicas that
 * follow each other, conflicts between instances, replays, restarts, and Redis going away.
 */
class DurableFleetRedisTest {
    static RedisServer redis;
    static final AuditEntry.Actor CONSOLE = new AuditEntry.Actor("console", "console-1");

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** One engine's state on the shared Redis (no gRPC): fleet, intake with journal, store, follower. */
    static final class Engine implements AutoCloseable {
        final FleetState fleet = new FleetState(FleetOptions.defaults());
        final RedisLink link;
        final RedisStore store;
        final DurableFleet durable;
        final FixJournal journal;
        final FixIntake intake;
        final StoreLoader.Report loaded;
        final ConcurrentLinkedQueue<Runnable> intakeTasks = new ConcurrentLinkedQueue<>();
        StoreFollower follower;

        Engine(String force, String instance, boolean follow) {
            StoreOptions o = StoreOptions.defaults(List.of(redis.uri()), force, instance)
                    .withLimits(Duration.ofMillis(500), Duration.ofDays(1));
            link = RedisLink.connect(o);
            store = new RedisStore(link, InstantSource.system());
            durable = new DurableFleet(fleet, store, InstantSource.system(), instance);
            loaded = StoreLoader.load(link, durable);
            journal = new FixJournal(link);
            intake = new FixIntake(fleet, IntakeOptions.defaults(), InstantSource.system(), journal);
            if (follow) {
                follower = new StoreFollower(
                        link, durable, t -> intakeTasks.add(t), loaded.changesCursor(), loaded.fixesCursor());
            }
        }

        /** Runs queued fix tasks (this test thread is the fix writer). */
        void drainIntake() {
            for (Runnable t; (t = intakeTasks.poll()) != null; ) {
                t.run();
            }
        }

        @Override
        public void close() {
            if (follower != null) {
                follower.close();
            }
            journal.close();
            store.close();
            link.close();
        }
    }

    static UnitSpec car(String id) {
        return new UnitSpec(id, "C-" + id, UnitKind.CAR, Set.of("armed_response"), 2, "Oakham");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(5);
        }
        fail("not within 10 s: " + what);
    }

    static Throwable failure(Runnable r) {
        try {
            r.run();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
        return fail("expected a failure");
    }

    @Test
    void changesAreDurableAndReplicasFollowThem() throws Exception {
        try (Engine a = new Engine("t1", "a", true);
                Engine b = new Engine("t1", "b", true)) {
            long now = System.currentTimeMillis();
            a.durable
                    .register(car("AR21"), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                    .join();
            assertEquals("1", redis.cli("HGET", "bl:{t1}:unit:AR21", "version"));
            await("b sees the registration", () -> b.fleet.findUnit("AR21").isPresent());

            a.durable
                    .setStatus("AR21", UnitStatus.AT_STATION, null, now + 1, CONSOLE)
                    .join();
            await("b sees the status", () -> b.fleet.getStatus("AR21").status() == UnitStatus.AT_STATION);

            IncidentRecord inc = b.durable
                    .assign(
                            new DurableFleet.Assignment(
                                    "INC-1",
                                    "AR21",
                                    new StatusChange(UnitStatus.EN_ROUTE, "1", now + 2),
                                    new GeoPoint(52.67, -0.73),
                                    "firearms"),
                            CONSOLE)
                    .join();
            assertEquals(
                    List.of("AR21"),
                    inc.units().stream().map(IncidentRecord.Assigned::unitId).toList());
            await("a sees the assignment", () -> "INC-1".equals(a.durable.assignedIncident("AR21")));
            await(
                    "a sees the incident",
                    () -> a.durable.incidents().find("INC-1").isPresent());
            assertEquals(UnitStatus.EN_ROUTE, a.fleet.getStatus("AR21").status());
            assertTrue(a.durable.incidents().find("INC-1").orElseThrow().isOpen());

            DurableFleet.Closure closure = a.durable.close("INC-1", CONSOLE).join();
            assertEquals(List.of("AR21"), closure.releasedUnitIds());
            IncidentRecord closed = closure.incident();
            assertFalse(closed.isOpen());
            await(
                    "b sees the closure",
                    () -> !b.durable.incidents().find("INC-1").orElseThrow().isOpen());
            await("b sees the release", () -> b.fleet.getStatus("AR21").status() == UnitStatus.AVAILABLE);
            assertEquals(null, b.durable.assignedIncident("AR21"));
            // closing again changes nothing and answers the closed incident
            assertEquals(closed, a.durable.close("INC-1", CONSOLE).join().incident());
            assertEquals(List.of(), a.durable.close("INC-1", CONSOLE).join().releasedUnitIds());

            // a fix accepted by a is journaled and applied by b
            a.intake.apply("AR21", 52.6702, -0.7296, now, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
            assertTrue(a.journal.flush(5_000));
            await("b has the fix", () -> {
                b.drainIntake();
                return b.fleet.getSnapshot("AR21").hasFix();
            });
            assertEquals(52.6702, b.fleet.getSnapshot("AR21").latDeg());
            assertTrue(redis.cli("HGET", "bl:{t1}:latest", "AR21").startsWith(Long.toString(now)));
            assertTrue(redis.cli("GEOPOS", "bl:{t1}:positions", "AR21").startsWith("-0.729"));

            // the audit trail has every step, who made it, oldest first
            assertTrue(a.store.flushAudit(5_000));
            List<AuditEntry> trail = a.store
                    .readAudit(new AuditQuery("", "AR21", 0, Long.MAX_VALUE >> 1, 100))
                    .join();
            assertEquals(
                    List.of(
                            AuditEntry.Kind.REGISTRATION,
                            AuditEntry.Kind.STATUS,
                            AuditEntry.Kind.ASSIGNMENT,
                            AuditEntry.Kind.STATUS,
                            AuditEntry.Kind.CLOSURE),
                    trail.stream().map(AuditEntry::kind).toList());
            AuditEntry assigned = trail.get(2);
            assertEquals("AT_STATION", assigned.fromStatus());
            assertEquals("EN_ROUTE", assigned.toStatus());
            assertEquals("console-1", assigned.caller());
            assertEquals("INC-1", assigned.incidentId());
        }
    }

    @Test
    void aChangeMadeOnAnotherInstanceFirstIsAConflictThatIsReadAndPlannedAgain() throws Exception {
        try (Engine a = new Engine("t2", "a", false)) {
            long now = System.currentTimeMillis();
            a.durable
                    .register(car("X1"), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                    .join();
            try (Engine b = new Engine("t2", "b", false)) { // loads X1 at version 1; follows nothing
                a.durable
                        .setStatus("X1", UnitStatus.OFF_DUTY, null, now + 1, CONSOLE)
                        .join(); // version 2
                // b still holds AVAILABLE at version 1: its change conflicts, b reads OFF_DUTY and plans
                // again; OFF_DUTY -> EN_ROUTE is not allowed, so the change is refused by the rules
                Throwable e = failure(() -> b.durable
                        .setStatus("X1", UnitStatus.EN_ROUTE, "1", now + 2, CONSOLE)
                        .join());
                assertInstanceOf(BluelampException.class, e);
                assertEquals(ErrorKind.FAILED_PRECONDITION, ((BluelampException) e).kind());
                assertEquals(UnitStatus.OFF_DUTY, b.fleet.getStatus("X1").status());
                assertEquals(1, b.durable.conflictCount());
                // a change the rules allow from the state read goes through at version 3
                b.durable
                        .setStatus("X1", UnitStatus.AT_STATION, null, now + 3, CONSOLE)
                        .join();
                assertEquals("3", redis.cli("HGET", "bl:{t2}:unit:X1", "version"));
            }
        }
    }

    @Test
    void aReplayedCommitChangesNothing() throws Exception {
        try (Engine a = new Engine("t3", "a", false)) {
            long now = System.currentTimeMillis();
            UnitRecord rec = new UnitRecord(car("R1"), StatusChange.of(UnitStatus.AVAILABLE, now), "", now, 1);
            Commit c = Commit.builder("replay-test-1")
                    .record(rec.name(), 0, rec.fields())
                    .build();
            assertEquals(
                    CommitResult.Outcome.COMMITTED, a.store.commit(c).join().outcome());
            String changes = redis.cli("XLEN", "bl:{t3}:changes");
            assertEquals(CommitResult.Outcome.REPLAYED, a.store.commit(c).join().outcome());
            assertEquals(changes, redis.cli("XLEN", "bl:{t3}:changes"));
            assertEquals("1", redis.cli("HGET", "bl:{t3}:unit:R1", "version"));
            Commit other = Commit.builder("replay-test-2")
                    .record(rec.name(), 0, rec.fields())
                    .build();
            CommitResult conflict = a.store.commit(other).join();
            assertEquals(CommitResult.Outcome.CONFLICT, conflict.outcome());
            assertEquals(1, conflict.foundVersion());
        }
    }

    @Test
    void aRestartedEngineRebuildsEverythingFromRedis() throws Exception {
        long now = System.currentTimeMillis();
        try (Engine a = new Engine("t4", "a", false)) {
            a.durable
                    .register(car("U1"), StatusChange.of(UnitStatus.AVAILABLE, now - 60_000), CONSOLE)
                    .join();
            a.durable
                    .register(car("U2"), StatusChange.of(UnitStatus.AVAILABLE, now - 60_000), CONSOLE)
                    .join();
            a.durable
                    .assign(
                            new DurableFleet.Assignment(
                                    "INC-9", "U2", new StatusChange(UnitStatus.EN_ROUTE, "2", now), null, ""),
                            CONSOLE)
                    .join();
            for (int i = 0; i < 50; i++) {
                a.intake.apply("U1", 52.60 + i * 0.001, -0.70, now - 50_000 + i * 1000, 5, 10, 90, FixReason.PERIODIC);
            }
            assertTrue(a.journal.flush(5_000));
        }
        try (Engine b = new Engine("t4", "b", false)) {
            assertEquals(2, b.loaded.units());
            assertEquals(1, b.loaded.incidents());
            assertEquals(UnitStatus.EN_ROUTE, b.fleet.getStatus("U2").status());
            assertEquals("2", b.fleet.getStatus("U2").committedGrade());
            assertEquals("INC-9", b.durable.assignedIncident("U2"));
            assertEquals(
                    List.of("U2"),
                    b.durable.incidents().find("INC-9").orElseThrow().units().stream()
                            .map(IncidentRecord.Assigned::unitId)
                            .toList());
            var u1 = b.fleet.getSnapshot("U1");
            assertEquals(52.649, u1.latDeg(), 1e-9);
            assertEquals(now - 1000, u1.positionTimeEpochMillis());
            assertEquals(10.0, u1.speedMetresPerSecond());
            TrackBuffer track = new TrackBuffer();
            int n = b.fleet.readTrack(b.fleet.indexOf("U1"), Long.MIN_VALUE, Long.MAX_VALUE, track);
            assertEquals(50, n, "the breadcrumb track is rebuilt from the journal");
        }
    }

    @Test
    void withRedisAwayChangesAreRefusedAndFixesWaitForTheJournal() throws Exception {
        try (RedisServer own = RedisServer.launch()) {
            StoreOptions o = StoreOptions.defaults(List.of(own.uri()), "t5", "a")
                    .withLimits(Duration.ofMillis(500), Duration.ofDays(1));
            FleetState fleet = new FleetState(FleetOptions.defaults());
            try (RedisLink link = RedisLink.connect(o);
                    RedisStore store = new RedisStore(link, InstantSource.system());
                    FixJournal journal = new FixJournal(link)) {
                DurableFleet durable = new DurableFleet(fleet, store, InstantSource.system(), "a");
                FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), InstantSource.system(), journal);
                long now = System.currentTimeMillis();
                durable.register(car("D1"), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                        .join();

                own.stop();
                Throwable e = failure(() -> durable.setStatus("D1", UnitStatus.AT_STATION, null, now + 1, CONSOLE)
                        .join());
                assertInstanceOf(BluelampException.class, e);
                assertEquals(ErrorKind.UNAVAILABLE, ((BluelampException) e).kind());
                assertTrue(e.getMessage().contains("nothing was acknowledged"), e.getMessage());
                assertEquals(UnitStatus.AVAILABLE, fleet.getStatus("D1").status(), "nothing applied");
                assertFalse(store.status().connected());
                // fixes are still taken, and wait for the journal
                for (int i = 0; i < 20; i++) {
                    intake.apply("D1", 52.6 + i * 1e-4, -0.7, now + i * 100, 5, Double.NaN, Double.NaN, null);
                }
                assertEquals(UnitStatus.AVAILABLE, fleet.getStatus("D1").status());
                assertEquals(52.6019, fleet.getSnapshot("D1").latDeg(), 1e-9);

                own.start();
                await("the journal catches up", () -> journal.pendingCount() == 0 && journal.journaledCount() == 20);
                await("the store is connected again", () -> store.status().connected());
                durable.setStatus("D1", UnitStatus.AT_STATION, null, now + 1, CONSOLE)
                        .join();
                assertEquals("AT_STATION", own.cli("HGET", "bl:{t5}:unit:D1", "status"));
                assertEquals(0, journal.droppedCount());
            }
        }
    }

    @Test
    void anAuditEntryWrittenAfterItsTimeIsFoundByAWindowCoveringItsTimeOnly() throws Exception {
        try (Engine a = new Engine("edge", "a", false)) {
            long event = System.currentTimeMillis() - 3_000; // written (its stream id) 3 s after its time
            a.store.appendAudit(new AuditEntry(
                    "",
                    AuditEntry.Kind.RECOMMENDATION,
                    event,
                    "console",
                    "desk-1",
                    "INC-EDGE",
                    List.of("AR21"),
                    "",
                    "",
                    "1",
                    "burglary",
                    52.6,
                    -1.1,
                    List.of(new AuditEntry.Offer("AR21", 300, true)),
                    "",
                    ""));
            assertTrue(a.store.flushAudit(5_000));
            List<AuditEntry> around = a.store
                    .readAudit(new AuditQuery("INC-EDGE", "", event - 50, event + 50, 10))
                    .join();
            assertEquals(1, around.size(), "the window covering the event's time finds it: " + around);
            assertEquals(event, around.get(0).atMillis());
            assertTrue(
                    around.get(0).id().compareTo(Long.toString(event + 50)) > 0,
                    around.get(0).id());
            List<AuditEntry> later = a.store
                    .readAudit(new AuditQuery("INC-EDGE", "", event + 51, System.currentTimeMillis() + 1_000, 10))
                    .join();
            assertEquals(List.of(), later, "a window after the event's time does not");
        }
    }

    /**
     * Another instance assigned a unit to the incident just before this one closed it (this one had
     * not followed that yet): the closure met a conflict on the incident, read it again, and closed
     * it with the units it had planned, leaving the other instance's unit deployed to a closed
     * incident for good (closing again changes nothing). Now the conflict makes the closure read
     * the units the incident lists, and it releases that one too.
     */
    @Test
    void aClosureReleasesAUnitAnotherInstanceAssignedJustBefore() throws Exception {
        try (Engine a = new Engine("t9", "a", false);
                Engine b = new Engine("t9", "b", false)) {
            long now = System.currentTimeMillis();
            for (String u : List.of("U1", "W1")) {
                a.durable
                        .register(car(u), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                        .join();
                follow(b, Keys.unitRecord(u));
            }
            GeoPoint at = new GeoPoint(52.67, -0.73);
            a.durable
                    .assign(
                            new DurableFleet.Assignment(
                                    "INC-9", "U1", new StatusChange(UnitStatus.EN_ROUTE, "1", now + 1), at, "firearms"),
                            CONSOLE)
                    .join();
            follow(b, Keys.unitRecord("U1"));
            follow(b, Keys.incidentRecord("INC-9"));
            b.durable
                    .assign(
                            new DurableFleet.Assignment(
                                    "INC-9", "W1", new StatusChange(UnitStatus.EN_ROUTE, "1", now + 2), at, "firearms"),
                            CONSOLE)
                    .join();

            DurableFleet.Closure closure = a.durable.close("INC-9", CONSOLE).join();

            assertFalse(closure.incident().isOpen());
            UnitRecord w = UnitRecord.parse(
                    a.store.readRecord(Keys.unitRecord("W1")).join().orElseThrow());
            assertEquals(UnitStatus.AVAILABLE, w.status().status(), "W1 in the store after the closure");
            assertEquals("", w.incidentId());
            assertEquals(List.of("U1", "W1"), closure.releasedUnitIds());
            assertEquals(UnitStatus.AVAILABLE, a.fleet.getStatus("W1").status());
            assertEquals(null, a.durable.assignedIncident("W1"));
        }
    }

    /** Applies the store's record to {@code e} as its follower would. */
    private static void follow(Engine e, String recordName) {
        e.durable
                .applyRemote(recordName, e.store.readRecord(recordName).join().orElseThrow())
                .join();
    }
}
