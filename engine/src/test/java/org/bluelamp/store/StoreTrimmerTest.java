package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.3 on a schedule: while the engine runs, audit entries older than the retention and
 * condition records removed longer ago than it disappear from a real redis-server; newer ones,
 * and live conditions, stay. The retention is the shortest the options take (1 hour): the old
 * entries and records are written with times before it.
 */
class StoreTrimmerTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void entriesOlderThanTheRetentionGoWhileTheEngineRunsAndNewerOnesStay() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            StoreOptions o = StoreOptions.defaults(List.of(redis.uri()), "trim", "t1")
                    .withLimits(Duration.ofSeconds(5), Duration.ofHours(1));
            try (RedisLink link = RedisLink.connect(o)) {
                RedisStore store = new RedisStore(link, InstantSource.system());
                DurableFleet durable =
                        new DurableFleet(new FleetState(FleetOptions.defaults()), store, InstantSource.system(), "t1");
                StoreLoader.load(link, durable);
                Keys k = link.keys();
                var redisCmd = link.async();
                long now = System.currentTimeMillis();
                // 250 entries before the retention (more than one stream node), 3 inside it
                for (int i = 0; i < 250; i++) {
                    xadd(link, (now - 2 * HOUR + i) + "-0", "old" + i);
                }
                for (long age : new long[] {50 * 60_000L, 10 * 60_000L, 1_000L}) {
                    xadd(link, (now - age) + "-0", "new" + age);
                }
                // and one written by a real commit now
                durable.register(
                                new UnitSpec("U1", "C1", UnitKind.CAR, Set.of(), 2, "HQ"),
                                StatusChange.of(UnitStatus.AVAILABLE, now),
                                new AuditEntry.Actor("console", "test"))
                        .join();
                // condition records: removed 2 h ago (goes), removed 10 min ago (stays), live (stays)
                condition(link, "OLD", "1", now - 2 * HOUR, "3");
                condition(link, "RECENT", "1", now - 10 * 60_000L, "2");
                condition(link, "LIVE", "0", 0, "1");
                // a removed record the engine holds as a tombstone: it forgets it with the record
                durable.conditions().applyRemote(Map.of("id", "OLD", "removed", "1", "version", "3"));
                int held = durable.conditions().recordCount();

                try (StoreTrimmer trimmer = new StoreTrimmer(
                        link, durable.conditions(), InstantSource.system(), Duration.ofMillis(100), 2)) {
                    await("old audit entries and the old removed record trimmed", () -> {
                        List<StreamMessage<String, String>> all = redisCmd.xrange(k.audit(), Range.create("-", "+"))
                                .toCompletableFuture()
                                .join();
                        boolean oldGone = all.stream()
                                .noneMatch(m ->
                                        m.getBody().getOrDefault("test", "").startsWith("old"));
                        boolean recordGone = redisCmd.exists(k.record(Keys.conditionRecord("OLD")))
                                        .toCompletableFuture()
                                        .join()
                                == 0;
                        return oldGone && recordGone;
                    });
                    // the next passes change nothing more (the cursor went round the index)
                    Thread.sleep(400);
                    assertEquals(0, trimmer.pass().auditEntries());
                }
                List<StreamMessage<String, String>> left = redisCmd.xrange(k.audit(), Range.create("-", "+"))
                        .toCompletableFuture()
                        .join();
                // the three newer entries and the registration's (the commit's own MINID ~ may have
                // trimmed whole nodes of old ones already; the trimmer took the rest)
                assertEquals(
                        List.of("new3000000", "new600000", "new1000"),
                        left.stream()
                                .map(m -> m.getBody().get("test"))
                                .filter(java.util.Objects::nonNull)
                                .toList());
                assertTrue(left.stream().anyMatch(m -> !m.getBody().containsKey("test")), "the registration's entry");
                for (StreamMessage<String, String> m : left) {
                    long at = Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')));
                    assertTrue(at >= now - HOUR, "kept: " + m.getId());
                }
                assertEquals(
                        List.of("RECENT", "LIVE"),
                        redisCmd.zrange(k.conditions(), 0, -1)
                                .toCompletableFuture()
                                .join());
                assertEquals(
                        1,
                        redisCmd.exists(k.record(Keys.conditionRecord("RECENT")))
                                .toCompletableFuture()
                                .join());
                assertEquals(held - 1, durable.conditions().recordCount(), "the engine's tombstone of OLD went");
                store.close();
            }
        }
    }

    private static void xadd(RedisLink link, String id, String value) {
        link.async()
                .xadd(link.keys().audit(), new io.lettuce.core.XAddArgs().id(id), Map.of("test", value))
                .toCompletableFuture()
                .join();
    }

    private static void condition(RedisLink link, String id, String removed, long removedAt, String version) {
        Keys k = link.keys();
        link.async()
                .hset(
                        k.record(Keys.conditionRecord(id)),
                        Map.of("id", id, "removed", removed, "removedAt", Long.toString(removedAt), "version", version))
                .toCompletableFuture()
                .join();
        link.async()
                .zadd(k.conditions(), System.nanoTime(), id)
                .toCompletableFuture()
                .join();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(50);
        }
    }
}
