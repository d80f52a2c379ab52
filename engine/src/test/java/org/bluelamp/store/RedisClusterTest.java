package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.RedisServer;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * The store against a real Redis Cluster of three masters on loopback ports ({@code redis-server
 * --cluster-enabled yes}, joined with {@code redis-cli --cluster create}): two forces whose hash
 * tags put them on different masters each keep every key on their own node, the atomic commit
 * script (many keys of one force) runs there, replicas of one force follow each other through the
 * cluster, and a restart rebuilds a force from its node.
 */
class RedisClusterTest {
    static final AuditEntry.Actor CONSOLE = new AuditEntry.Actor("console", "console-1");

    /** One engine's state for one force on the cluster, following the others. */
    static final class Engine implements AutoCloseable {
        final FleetState fleet = new FleetState(FleetOptions.defaults());
        final RedisLink link;
        final RedisStore store;
        final DurableFleet durable;
        final FixJournal journal;
        final FixIntake intake;
        final StoreLoader.Report loaded;
        final StoreFollower follower;
        final ConcurrentLinkedQueue<Runnable> intakeTasks = new ConcurrentLinkedQueue<>();

        Engine(List<String> seeds, String force, String instance) {
            StoreOptions o =
                    StoreOptions.defaults(seeds, force, instance).withLimits(Duration.ofSeconds(5), Duration.ofDays(1));
            assertTrue(o.cluster(), "several seed nodes name a cluster");
            link = RedisLink.connect(o);
            store = new RedisStore(link, InstantSource.system());
            durable = new DurableFleet(fleet, store, InstantSource.system(), instance);
            loaded = StoreLoader.load(link, durable);
            journal = new FixJournal(link);
            intake = new FixIntake(fleet, IntakeOptions.defaults(), InstantSource.system(), journal);
            follower = new StoreFollower(
                    link, durable, t -> intakeTasks.add(t), loaded.changesCursor(), loaded.fixesCursor());
        }

        void drainIntake() {
            for (Runnable t; (t = intakeTasks.poll()) != null; ) {
                t.run();
            }
        }

        @Override
        public void close() {
            follower.close();
            journal.close();
            store.close();
            link.close();
        }
    }

    /** Three masters, no replicas, slots spread by redis-cli; removed with their folders. */
    static final class Cluster implements AutoCloseable {
        final List<RedisServer> nodes = new ArrayList<>();
        final Path root;

        Cluster() throws Exception {
            root = Files.createTempDirectory("bluelamp-cluster-");
            try {
                List<String> addresses = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Path dir = Files.createDirectory(root.resolve("node" + i));
                    int port = RedisServer.freePort();
                    nodes.add(RedisServer.launchAt(
                            dir,
                            port,
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            dir.resolve("nodes.conf").toString(),
                            "--cluster-node-timeout",
                            "5000"));
                    addresses.add("127.0.0.1:" + port);
                }
                List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
                create.addAll(addresses);
                create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
                Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("redis-cli --cluster create failed: " + out);
                }
                for (RedisServer n : nodes) {
                    await("cluster_state:ok on " + n.port(), () -> info(n).contains("cluster_state:ok"));
                }
            } catch (Exception | Error e) {
                close();
                throw e;
            }
        }

        static String info(RedisServer n) {
            try {
                return n.cli("CLUSTER", "INFO");
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        List<String> seeds() {
            return nodes.stream().map(RedisServer::uri).toList();
        }

        /** The node that holds a key (the others answer MOVED). */
        int holder(String key) throws Exception {
            int found = -1;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).cli("EXISTS", key).equals("1")) {
                    assertEquals(-1, found, "one node only holds " + key);
                    found = i;
                }
            }
            return found;
        }

        @Override
        public void close() {
            nodes.forEach(RedisServer::close);
            RedisServer.deleteTree(root);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(5);
        }
        fail("not within 20 s: " + what);
    }

    /** The first force named prefix + n whose hash tag falls in [fromSlot, toSlot]. */
    static String forceInSlots(String prefix, int fromSlot, int toSlot) {
        for (int n = 0; n < 10_000; n++) {
            String force = prefix + n;
            int slot = SlotHash.getSlot(new Keys(force).units());
            if (slot >= fromSlot && slot <= toSlot) {
                return force;
            }
        }
        throw new IllegalStateException("no force in slots " + fromSlot + ".." + toSlot);
    }

    static UnitSpec car(String id) {
        return new UnitSpec(id, "C-" + id, UnitKind.CAR, Set.of("armed_response"), 2, "Oakham");
    }

    @Test
    void eachForceLivesOnOneMasterAndItsReplicasFollowThroughTheCluster() throws Exception {
        // redis-cli spreads 16384 slots over three masters: 0-5460, 5461-10922, 10923-16383
        String north = forceInSlots("north", 0, 5000);
        String south = forceInSlots("south", 11_500, 16_383);
        long now = System.currentTimeMillis();
        try (Cluster cluster = new Cluster()) {
            try (Engine a = new Engine(cluster.seeds(), north, "a");
                    Engine b = new Engine(cluster.seeds(), north, "b");
                    Engine s = new Engine(cluster.seeds(), south, "a")) {
                a.durable
                        .register(car("N1"), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                        .join();
                s.durable
                        .register(car("S1"), StatusChange.of(UnitStatus.AVAILABLE, now), CONSOLE)
                        .join();
                await(
                        "b follows a through the cluster",
                        () -> b.fleet.findUnit("N1").isPresent());
                assertFalse(b.fleet.findUnit("S1").isPresent(), "another force's units stay out");

                // an assignment touches several keys of the force in one script: one slot, one node
                b.durable
                        .assign(
                                new DurableFleet.Assignment(
                                        "INC-N",
                                        "N1",
                                        new StatusChange(UnitStatus.EN_ROUTE, "1", now + 1),
                                        new GeoPoint(52.67, -0.73),
                                        "firearms"),
                                CONSOLE)
                        .join();
                await("a sees the assignment", () -> "INC-N".equals(a.durable.assignedIncident("N1")));
                assertEquals(UnitStatus.EN_ROUTE, a.fleet.getStatus("N1").status());
                for (int i = 0; i < 20; i++) {
                    a.intake.apply(
                            "N1",
                            52.60 + i * 1e-3,
                            -0.70,
                            now + i * 1000,
                            5,
                            Double.NaN,
                            Double.NaN,
                            FixReason.PERIODIC);
                }
                assertTrue(a.journal.flush(10_000));
                await("b has a's fixes", () -> {
                    b.drainIntake();
                    return b.fleet.getSnapshot("N1").hasFix()
                            && b.fleet.getSnapshot("N1").latDeg() > 52.618;
                });
                a.durable.close("INC-N", CONSOLE).join();
                // a road closure is a change of the force's state like any other: same slot, followed
                org.bluelamp.conditions.Closure bridge = new org.bluelamp.conditions.Closure(
                        "BRIDGE",
                        "bridge shut",
                        org.bluelamp.conditions.Closure.Circle.of(new GeoPoint(52.67, -0.73), 200, "radius"),
                        0,
                        org.bluelamp.conditions.Condition.NO_END,
                        java.util.EnumSet.of(org.bluelamp.road.TravelProfile.CAR));
                a.durable.conditions().save(bridge, "console:console-1");
                await("b has the closure", () -> b.durable.conditions().load().contains(bridge));
                await("b sees the release", () -> b.fleet.getStatus("N1").status() == UnitStatus.AVAILABLE);
                assertTrue(a.store.flushAudit(10_000));

                Keys n = new Keys(north);
                Keys so = new Keys(south);
                int northNode = cluster.holder(n.record(Keys.unitRecord("N1")));
                int southNode = cluster.holder(so.record(Keys.unitRecord("S1")));
                assertTrue(northNode >= 0 && southNode >= 0, "both records are stored");
                assertNotEquals(northNode, southNode, "the two forces are sharded to different masters");
                for (String key : List.of(
                        n.units(),
                        n.incidents(),
                        n.record(Keys.incidentRecord("INC-N")),
                        n.record(Keys.conditionRecord("BRIDGE")),
                        n.conditions(),
                        n.changes(),
                        n.fixes(),
                        n.latest(),
                        n.positions(),
                        n.audit())) {
                    assertEquals(northNode, cluster.holder(key), key + " is with the force's other keys");
                }
            }
            // a restart rebuilds the force from its master
            try (Engine c = new Engine(cluster.seeds(), north, "c")) {
                assertEquals(1, c.loaded.units());
                assertEquals(1, c.loaded.incidents());
                assertEquals(1, c.loaded.conditions());
                assertEquals(
                        List.of("BRIDGE"),
                        c.durable.conditions().load().stream()
                                .map(org.bluelamp.conditions.Condition::id)
                                .toList());
                assertEquals(UnitStatus.AVAILABLE, c.fleet.getStatus("N1").status());
                assertEquals(52.619, c.fleet.getSnapshot("N1").latDeg(), 1e-9);
                assertFalse(c.durable.incidents().find("INC-N").orElseThrow().isOpen());
            }
        }
    }
}
