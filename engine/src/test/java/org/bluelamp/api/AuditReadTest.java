package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.ListAuditResponse;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.AuditQuery;
import org.bluelamp.store.Commit;
import org.bluelamp.store.CommitResult;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.store.MemoryStore;
import org.bluelamp.store.StateStore;
import org.bluelamp.store.StoreStatus;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * ListAudit reads the store and builds its answer off the event loop: a large window (100,000
 * entries take 65-77 ms to decode from the memory store, then more to become messages) must not hold
 * the loop that recommendations and fixes are answered on.
 */
class AuditReadTest {
    private static final String ADMIN_TOKEN = "adm-7d1f-2c9e-4b6a-81f0";

    @Test
    void aLargeAuditWindowIsReadAndAnsweredOnTheSearchPoolNotTheEventLoop() throws Exception {
        InstantSource clock = InstantSource.system();
        RoadNetwork network = TestMaps.monacoNetwork();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        Dispatcher dispatcher = Dispatcher.create(
                network,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.loadDefault(),
                clock);
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        List<String> readers = new CopyOnWriteArrayList<>();
        StateStore store = new ThreadNotingStore(new MemoryStore(clock, 100_000), readers);
        long now = clock.millis();
        for (int i = 0; i < 30_000; i++) {
            store.appendAudit(
                    AuditEntry.condition(i % 2 == 0, now - 30_000 + i, "admin:ops-" + i % 7, "c-" + i, "closure"));
        }
        Vertx vertx = Vertx.vertx();
        BluelampService service = BluelampService.start(
                        vertx,
                        Backend.of(dispatcher, intake, clock, new DurableFleet(fleet, store, clock, "audit-test")),
                        AccessPolicy.of(Map.of(ADMIN_TOKEN, Role.ADMIN)),
                        ServiceOptions.loopbackEphemeral().withThreads(1, 1))
                .await();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
        try {
            ListAuditResponse all = ServiceFixture.as(DispatchGrpc.newBlockingStub(channel), ADMIN_TOKEN)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listAudit(
                            ListAuditRequest.newBuilder().setMaxEntries(100_000).build());
            assertEquals(30_000, all.getEntriesCount(), "every entry of the window is answered");
            assertEquals("c-0", all.getEntries(0).getConditionId(), "oldest first");
            assertEquals("c-29999", all.getEntries(29_999).getConditionId());
            assertEquals(1, readers.size(), "one read of the store: " + readers);
            assertFalse(readers.get(0).contains("eventloop"), "the store was read on " + readers.get(0));
            assertTrue(readers.get(0).startsWith("bluelamp-search"), "read on the search pool: " + readers.get(0));
        } finally {
            channel.shutdownNow();
            service.shutdown();
            vertx.close().await();
        }
    }

    /** A store that notes the thread each audit read starts on. */
    private record ThreadNotingStore(StateStore store, List<String> readers) implements StateStore {
        @Override
        public CompletableFuture<CommitResult> commit(Commit commit) {
            return store.commit(commit);
        }

        @Override
        public CompletableFuture<Optional<Map<String, String>>> readRecord(String recordName) {
            return store.readRecord(recordName);
        }

        @Override
        public void appendAudit(AuditEntry entry) {
            store.appendAudit(entry);
        }

        @Override
        public CompletableFuture<List<AuditEntry>> readAudit(AuditQuery query) {
            readers.add(Thread.currentThread().getName());
            return store.readAudit(query);
        }

        @Override
        public boolean durable() {
            return store.durable();
        }

        @Override
        public StoreStatus status() {
            return store.status();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
