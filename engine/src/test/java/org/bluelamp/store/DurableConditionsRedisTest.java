package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.conditions.CongestionProfile;
import org.bluelamp.conditions.FieldNames;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RedisServer;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Road conditions durable in a real redis-server: committed before they are in force, restored by
 * a restarted engine with the same edges (expired ones left out), removals that survive a
 * restart, ids unique across instances and restarts, replicas that follow each other's changes.
 */
class DurableConditionsRedisTest {
    static RedisServer redis;
    static RoadNetwork monaco;
    static final GeoPoint PALACE = new GeoPoint(43.7311, 7.4197);
    static final GeoPoint CASINO = new GeoPoint(43.7393, 7.4278);

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.launch();
        monaco = TestMaps.monacoNetwork();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** One engine's durable state and road conditions on a Redis (no gRPC, no fixes). */
    static final class Roads implements AutoCloseable {
        final RedisLink link;
        final RedisStore store;
        final DurableFleet durable;
        final StoreLoader.Report loaded;
        final RoadConditions conditions;
        final StoreFollower follower;

        Roads(RedisServer server, String force, String instance, boolean follow) {
            StoreOptions o = StoreOptions.defaults(List.of(server.uri()), force, instance)
                    .withLimits(Duration.ofMillis(500), Duration.ofDays(1));
            link = RedisLink.connect(o);
            store = new RedisStore(link, InstantSource.system());
            durable =
                    new DurableFleet(new FleetState(FleetOptions.defaults()), store, InstantSource.system(), instance);
            loaded = StoreLoader.load(link, durable);
            conditions = RoadConditions.create(monaco, CongestionProfile.none(), List.of(), durable.conditions());
            follower = follow
                    ? new StoreFollower(link, durable, t -> true, loaded.changesCursor(), loaded.fixesCursor())
                    : null;
        }

        static Roads open(String force, String instance, boolean follow) {
            return new Roads(redis, force, instance, follow);
        }

        RoadConditions conditions() {
            return conditions;
        }

        @Override
        public void close() {
            if (follower != null) {
                follower.close();
            }
            store.close();
            link.close();
        }
    }

    static Closure circle(String id, GeoPoint centre, double metres, long end) {
        return new Closure(
                id,
                "test " + id,
                Closure.Circle.of(centre, metres, "radius"),
                0,
                end,
                EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY));
    }

    static Closure area(String id) {
        ConditionArea a = ConditionArea.parse(
                "{\"type\":\"Polygon\",\"coordinates\":[[[7.4190123456789,43.7300987654321],"
                        + "[7.4210000000001,43.7300000000003],[7.4210000000007,43.7320000000001],"
                        + "[7.4190000000003,43.7320000000009],[7.4190123456789,43.7300987654321]]]}",
                "area");
        return new Closure(id, "", new Closure.Area(a), 1_000, Condition.NO_END, EnumSet.allOf(TravelProfile.class));
    }

    static List<String> ids(RoadConditions rc) {
        return rc.list().stream().map(e -> e.condition().id()).toList();
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

    @Test
    void conditionsSurviveARestartWithTheirEdgesAndRemovalsStayRemoved() throws Exception {
        long now = System.currentTimeMillis();
        Slowdown slow = new Slowdown(
                "S1",
                "rush",
                new Slowdown.RoadClasses(EnumSet.of(RoadClass.RESIDENTIAL)),
                0.5,
                0,
                Condition.NO_END,
                EnumSet.of(TravelProfile.CAR));
        RoadConditions.Entry c1;
        long[] closedBefore;
        try (Roads a = Roads.open("rc1", "a", false)) {
            c1 = a.conditions().add(circle("C1", PALACE, 120, Condition.NO_END), FieldNames.CANONICAL, "console:desk");
            a.conditions().add(slow);
            a.conditions().add(area("C3"));
            a.conditions().add(circle("C2", CASINO, 50, now + 1_500)); // expired by the restart
            a.conditions().remove("C3", "id", "console:desk");
            assertEquals(List.of("C1", "S1", "C2"), ids(a.conditions()));
            closedBefore = a.conditions().at(TravelProfile.CAR, now + 2_000).closedEdges(); // C1 alone
        }
        assertEquals(
                "console:desk",
                redis.cli("HGET", "bl:{rc1}:condition:C1", "addedBy").strip());
        assertEquals("1", redis.cli("HGET", "bl:{rc1}:condition:C3", "removed").strip());
        while (System.currentTimeMillis() < now + 1_600) {
            Thread.sleep(20);
        }
        try (Roads b = Roads.open("rc1", "b", false)) {
            assertEquals(4, b.loaded.conditions(), "every record is read, removed and expired ones too");
            assertEquals(List.of("C1", "S1"), ids(b.conditions()), "C2 expired, C3 removed");
            RoadConditions.Entry restored = b.conditions().find("C1").orElseThrow();
            assertEquals(c1.condition(), restored.condition(), "the condition, exactly");
            assertArrayEquals(c1.edges(), restored.edges(), "the same roads");
            assertArrayEquals(
                    closedBefore, b.conditions().at(TravelProfile.CAR, now).closedEdges());
            assertEquals(slow, b.conditions().find("S1").orElseThrow().condition());
            // ids stay unique across the restart; a removed or expired id may be used again
            BluelampException dup = assertThrowsKind(
                    ErrorKind.ALREADY_EXISTS, () -> b.conditions().add(circle("C1", CASINO, 30, Condition.NO_END)));
            assertEquals("id", dup.field());
            b.conditions().add(area("C3"));
            b.conditions().add(circle("C2", CASINO, 60, Condition.NO_END));
            assertEquals(
                    "3", redis.cli("HGET", "bl:{rc1}:condition:C3", "version").strip());
            b.conditions().remove("S1", "id");
        }
        try (Roads c = Roads.open("rc1", "c", false)) {
            assertEquals(List.of("C1", "C3", "C2"), ids(c.conditions()));
            assertEquals(
                    60,
                    ((Closure.Circle) ((Closure) c.conditions()
                                            .find("C2")
                                            .orElseThrow()
                                            .condition())
                                    .place())
                            .radiusMetres());
        }
    }

    @Test
    void replicasFollowEachOthersConditionsAndAnIdIsGivenOnce() throws Exception {
        try (Roads a = Roads.open("rc2", "a", true);
                Roads b = Roads.open("rc2", "b", true);
                Roads blind = Roads.open("rc2", "blind", false)) {
            a.conditions().add(circle("C1", PALACE, 120, Condition.NO_END));
            await("b has a's closure", () -> b.conditions().find("C1").isPresent());
            assertArrayEquals(
                    a.conditions().find("C1").orElseThrow().edges(),
                    b.conditions().find("C1").orElseThrow().edges());
            b.conditions().remove("C1", "id");
            await("a sees b's removal", () -> a.conditions().find("C1").isEmpty());
            // an instance that has not heard of an id taken meanwhile is refused by the store
            a.conditions().add(circle("RACE", CASINO, 40, Condition.NO_END));
            BluelampException e = assertThrowsKind(
                    ErrorKind.ALREADY_EXISTS,
                    () -> blind.conditions().add(circle("RACE", PALACE, 40, Condition.NO_END)));
            assertTrue(e.getMessage().contains("another instance"), e.getMessage());
            assertTrue(blind.conditions().find("RACE").isPresent(), "and then knows it");
            assertEquals(
                    CASINO,
                    ((Closure.Circle) ((Closure) blind.conditions()
                                            .find("RACE")
                                            .orElseThrow()
                                            .condition())
                                    .place())
                            .centre());
        }
    }

    @Test
    void aChangeThatCannotBeMadeDurableIsNotApplied() throws Exception {
        RedisServer own = RedisServer.launch();
        try {
            try (Roads a = new Roads(own, "rc3", "a", false)) {
                a.conditions().add(circle("C1", PALACE, 100, Condition.NO_END));
                own.stop();
                BluelampException e = assertThrowsKind(
                        ErrorKind.UNAVAILABLE, () -> a.conditions().add(circle("C2", CASINO, 50, Condition.NO_END)));
                assertFalse(e.getMessage().isEmpty());
                assertEquals(List.of("C1"), ids(a.conditions()), "nothing half-applied");
                assertThrowsKind(ErrorKind.UNAVAILABLE, () -> a.conditions().remove("C1", "id"));
                assertEquals(List.of("C1"), ids(a.conditions()), "still in force");
            }
        } finally {
            own.close();
        }
    }

    static BluelampException assertThrowsKind(ErrorKind kind, Runnable r) {
        try {
            r.run();
        } catch (BluelampException e) {
            assertEquals(kind, e.kind(), e.getMessage());
            return e;
        } catch (RuntimeException e) {
            Throwable t = e.getCause();
            assertInstanceOf(BluelampException.class, t, e.toString());
            assertEquals(kind, ((BluelampException) t).kind(), t.getMessage());
            return (BluelampException) t;
        }
        return fail("expected " + kind);
    }

    @Test
    void everyConditionChangeIsAuditedWithWhoWhenAndWhat() throws Exception {
        try (Roads a = Roads.open("audc", "a", false)) {
            long before = System.currentTimeMillis();
            a.conditions().add(circle("C1", PALACE, 120, Condition.NO_END), FieldNames.CANONICAL, "console:desk-4");
            Slowdown slow = new Slowdown(
                    "S1",
                    "",
                    new Slowdown.RoadClasses(EnumSet.of(RoadClass.RESIDENTIAL)),
                    0.5,
                    0,
                    Condition.NO_END,
                    EnumSet.of(TravelProfile.CAR));
            a.conditions().add(slow, FieldNames.CANONICAL, "admin:ops");
            a.conditions().remove("C1", "id", "supervisor:sup-2");
            long after = System.currentTimeMillis();
            List<AuditEntry> trail = a.store
                    .readAudit(new AuditQuery("", "", before, after, 100))
                    .join();
            assertEquals(
                    List.of(
                            AuditEntry.Kind.CONDITION_ADDED,
                            AuditEntry.Kind.CONDITION_ADDED,
                            AuditEntry.Kind.CONDITION_REMOVED),
                    trail.stream().map(AuditEntry::kind).toList());
            assertEquals(
                    List.of("C1", "S1", "C1"),
                    trail.stream().map(AuditEntry::conditionId).toList());
            assertEquals(
                    List.of("closure", "slowdown", "closure"),
                    trail.stream().map(AuditEntry::conditionKind).toList());
            assertEquals(
                    List.of("console", "admin", "supervisor"),
                    trail.stream().map(AuditEntry::role).toList());
            assertEquals(
                    List.of("desk-4", "ops", "sup-2"),
                    trail.stream().map(AuditEntry::caller).toList());
            for (AuditEntry e : trail) {
                assertTrue(e.atMillis() >= before && e.atMillis() <= after, e.toString());
            }
            // by condition id (issue 10.3): one closure's addition and removal, nothing else
            List<AuditEntry> c1 = a.store
                    .readAudit(new AuditQuery("", "", "C1", before, after, 100))
                    .join();
            assertEquals(
                    List.of(AuditEntry.Kind.CONDITION_ADDED, AuditEntry.Kind.CONDITION_REMOVED),
                    c1.stream().map(AuditEntry::kind).toList());
            assertEquals(
                    List.of("C1", "C1"),
                    c1.stream().map(AuditEntry::conditionId).toList());
            assertEquals(
                    List.of("S1"),
                    a.store.readAudit(new AuditQuery("", "", "S1", before, after, 100)).join().stream()
                            .map(AuditEntry::conditionId)
                            .toList());
            assertEquals(
                    List.of(),
                    a.store
                            .readAudit(new AuditQuery("", "", "C", before, after, 100))
                            .join());
        }
    }

    @Test
    void removedRecordsAreDeletedOnceTheAuditRetentionIsOverAndTheIdIsFreeAgain() throws Exception {
        long now = System.currentTimeMillis();
        try (Roads a = Roads.open("trim", "a", false)) {
            a.conditions().add(circle("OLD", PALACE, 60, Condition.NO_END));
            a.conditions().add(circle("NEW", CASINO, 60, Condition.NO_END));
            a.conditions().remove("OLD", "id");
            a.conditions().remove("NEW", "id");
        }
        // OLD was removed two days ago (retention: one day), NEW a moment ago
        redis.cli("HSET", "bl:{trim}:condition:OLD", "removedAt", Long.toString(now - 2 * 86_400_000L));
        try (Roads b = Roads.open("trim", "b", false)) {
            assertEquals("0", redis.cli("EXISTS", "bl:{trim}:condition:OLD").trim());
            assertEquals("", redis.cli("ZSCORE", "bl:{trim}:conditions", "OLD").trim());
            assertEquals("1", redis.cli("EXISTS", "bl:{trim}:condition:NEW").trim());
            assertEquals(1, b.durable.conditions().recordCount());
            b.conditions().add(circle("OLD", CASINO, 30, Condition.NO_END)); // the id is free again
            assertEquals(List.of("OLD"), ids(b.conditions()));
        }
        // an instance that still holds the trimmed tombstone can give the id again too
        try (Roads c = Roads.open("trim", "c", false)) {
            c.conditions().remove("OLD", "id");
        }
        try (Roads e = Roads.open("trim", "e", false)) { // holds the tombstone, about to be trimmed
            redis.cli("HSET", "bl:{trim}:condition:OLD", "removedAt", Long.toString(now - 2 * 86_400_000L));
            try (Roads d = Roads.open("trim", "d", false)) {
                assertEquals("0", redis.cli("EXISTS", "bl:{trim}:condition:OLD").trim());
            }
            e.conditions().add(circle("OLD", PALACE, 30, Condition.NO_END));
            assertEquals(List.of("OLD"), ids(e.conditions()));
        }
    }
}
