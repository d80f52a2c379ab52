package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionFields;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.Race;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A road condition saved here while another instance changes it right after: memory ends with the
 * store's newest record. {@link DurableConditions#save} (and {@link DurableConditions#delete})
 * put the record it committed into memory after the commit returned, whatever memory held by then;
 * the follower could meanwhile have applied another instance's newer record of the same id (it
 * applies each change once), which the put then overwrote with the older one: here a closure the
 * store holds removed stayed in force in memory (until the id changed again).
 *
 * <p>Each round: this instance saves a new closure (version 1) while the other instance (the
 * second thread, on its own connection) keeps committing the closure's removal expecting version
 * 1, so its removal (version 2) lands right after the save; it hands that record to this
 * instance as the follower would, from the I/O thread. The test stops at the first round whose
 * closure is still in force here. The same for a delete here (version 2) raced by the other
 * instance adding the closure again (version 3): it must be in force here.
 */
class DurableConditionsConcurrencyTest {
    private static final GeoPoint PALACE = new GeoPoint(43.7311, 7.4197);

    @Test
    @Timeout(120)
    void aSaveNeverOverwritesANewerRecordFromAnotherInstance() throws Exception {
        race(false);
    }

    @Test
    @Timeout(120)
    void aDeleteNeverOverwritesANewerRecordFromAnotherInstance() throws Exception {
        race(true);
    }

    /**
     * Rounds of a save here raced by the other instance's removal (or, with {@code delete}, a
     * delete here raced by the other instance adding the closure again).
     */
    private static void race(boolean delete) throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            StoreOptions here = StoreOptions.defaults(List.of(redis.uri()), "cc", "a")
                    .withLimits(Duration.ofMillis(2_000), Duration.ofDays(1));
            StoreOptions there = StoreOptions.defaults(List.of(redis.uri()), "cc", "b")
                    .withLimits(Duration.ofMillis(2_000), Duration.ofDays(1));
            try (RedisLink linkA = RedisLink.connect(here);
                    RedisLink linkB = RedisLink.connect(there)) {
                RedisStore storeA = new RedisStore(linkA, InstantSource.system());
                RedisStore storeB = new RedisStore(linkB, InstantSource.system());
                DurableFleet a =
                        new DurableFleet(new FleetState(FleetOptions.defaults()), storeA, InstantSource.system(), "a");
                DurableConditions mine = a.conditions();
                long rounds = 0;
                String wrong = null;
                long start = System.nanoTime();
                while (wrong == null && Race.goOn(start, rounds >= 2_000)) {
                    String id = "c" + rounds;
                    Closure closure = circle(id);
                    if (delete) {
                        mine.save(closure); // version 1; the delete here writes 2, the other instance 3
                    }
                    long expected = delete ? 2 : 1;
                    Map<String, String> theirs = new LinkedHashMap<>();
                    if (delete) {
                        theirs.putAll(ConditionFields.write(closure));
                        theirs.put("addedBy", "test:b");
                        theirs.put("addedAt", "0");
                        theirs.put("removed", "0");
                    } else {
                        theirs.put("kind", "closure");
                        theirs.put("id", id);
                        theirs.put("removed", "1");
                        theirs.put("removedBy", "test:b");
                        theirs.put("removedAt", "0");
                    }
                    Map<String, String> asFollowed = new LinkedHashMap<>(theirs);
                    asFollowed.put("version", Long.toString(expected + 1));
                    CountDownLatch removed = new CountDownLatch(1);
                    AtomicBoolean stop = new AtomicBoolean();
                    long roundNo = rounds;
                    Thread other = Thread.ofPlatform().start(() -> {
                        Semaphore inFlight = new Semaphore(4);
                        long n = 0;
                        while (!stop.get()) {
                            try {
                                if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                                    continue;
                                }
                            } catch (InterruptedException e) {
                                return;
                            }
                            Commit c = Commit.builder("b:" + roundNo + ":" + n++)
                                    .record(Keys.conditionRecord(id), expected, theirs)
                                    .build();
                            storeB.commit(c).whenComplete((r, e) -> {
                                inFlight.release();
                                if (r != null && r.durable()) {
                                    mine.applyRemote(asFollowed); // as this instance's follower, once
                                    stop.set(true);
                                    removed.countDown();
                                }
                            });
                        }
                    });
                    if (delete) {
                        mine.delete(id);
                    } else {
                        mine.save(closure);
                    }
                    boolean done = removed.await(10, TimeUnit.SECONDS);
                    stop.set(true);
                    other.join();
                    if (!done) {
                        wrong = "round " + rounds + ": the other instance's removal never landed";
                    } else if (mine.load().stream().anyMatch(c -> c.id().equals(id)) != delete) {
                        wrong = "round " + rounds + ": closure " + id + (delete ? " is not" : " is")
                                + " in force here although the store holds it " + (delete ? "added again" : "removed")
                                + " (version " + (expected + 1) + ") and this instance was given that record";
                    }
                    rounds++;
                }
                storeA.close();
                storeB.close();
                assertNull(wrong, wrong);
            }
        }
    }

    private static Closure circle(String id) {
        return new Closure(
                id,
                "test " + id,
                Closure.Circle.of(PALACE, 50, "radius"),
                0,
                Condition.NO_END,
                EnumSet.of(TravelProfile.CAR));
    }
}
