package org.bluelamp.api;

import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.AuditKind;
import org.bluelamp.proto.v1.CloseIncidentRequest;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetIncidentRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.ListIncidentsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitKind;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.store.StoreOptions;
import org.bluelamp.store.StoreService;
import org.bluelamp.testing.RedisServer;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code --redis} on a real redis-server: the new incident and audit calls with
 * their roles, two replicas serving one fleet (a fix, a status change and a closure made on one
 * are seen by the other), and Redis stopped and started during a run (changes refused with
 * UNAVAILABLE, recommendations and fixes go on, health and metrics say degraded, the journal
 * catches up).
 */
class DurableServiceTest {
    static final String CONSOLE = "console-token-0123456789";
    static final String ADMIN = "admin-token-0123456789ab";
    static final double CASINO_LAT = 43.7393;
    static final double CASINO_LON = 7.4278;

    /** One engine on the shared Redis, served on free ports. */
    static final class Replica implements AutoCloseable {
        final FleetState fleet = new FleetState(FleetOptions.defaults());
        final StoreService stores;
        final Vertx vertx = Vertx.vertx();
        final BluelampService service;
        final ManagedChannel channel;

        Replica(RedisServer redis, String force, String instance) {
            RoadNetwork network = TestMaps.monacoNetwork();
            InstantSource clock = InstantSource.system();
            stores = StoreService.open(
                    StoreOptions.defaults(List.of(redis.uri()), force, instance)
                            .withLimits(java.time.Duration.ofMillis(500), java.time.Duration.ofDays(1)),
                    fleet,
                    clock);
            Dispatcher dispatcher = Dispatcher.create(
                    network,
                    fleet,
                    PolicyBook.loadDefault(fleet.options().capabilities()),
                    UrbanAreas.loadDefault(),
                    clock);
            FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), clock, stores.journal());
            AccessPolicy access = AccessPolicy.of(
                    Map.of(CONSOLE, Role.CONSOLE, ADMIN, Role.ADMIN), Map.of(CONSOLE, "desk-7", ADMIN, "admin-1"));
            service = BluelampService.start(
                            vertx,
                            Backend.of(dispatcher, intake, clock, stores.durable()),
                            access,
                            ServiceOptions.loopbackEphemeral().withThreads(1, 1))
                    .await();
            stores.follow(service.intakeWorker()::offer);
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                    .usePlaintext()
                    .build();
        }

        FleetGrpc.FleetBlockingStub fleet(String token) {
            return as(FleetGrpc.newBlockingStub(channel), token).withDeadlineAfter(10, TimeUnit.SECONDS);
        }

        DispatchGrpc.DispatchBlockingStub dispatch(String token) {
            return as(DispatchGrpc.newBlockingStub(channel), token).withDeadlineAfter(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            channel.shutdownNow();
            service.shutdown();
            stores.close();
            vertx.close().await();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(2);
        }
        fail("not within 10 s: " + what);
    }

    static RegisterUnitRequest car(String id, double lat, double lon) {
        return RegisterUnitRequest.newBuilder()
                .setUnit(Unit.newBuilder()
                        .setId(id)
                        .setCallsign(id)
                        .setKind(UnitKind.UNIT_KIND_CAR)
                        .setLastFix(GpsFix.newBuilder()
                                .setPosition(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon))))
                .build();
    }

    static Unit unit(Replica r, String id) {
        return r.fleet(CONSOLE)
                .getUnit(GetUnitRequest.newBuilder().setUnitId(id).build());
    }

    @Test
    void twoReplicasServeOneFleetAndTheTrailSaysWhoDidWhat() throws Exception {
        try (RedisServer redis = RedisServer.launch();
                Replica a = new Replica(redis, "rep", "a");
                Replica b = new Replica(redis, "rep", "b")) {
            a.fleet(ADMIN).registerUnit(car("R1", CASINO_LAT, CASINO_LON));
            await(
                    "b knows R1 and its position",
                    () -> b.fleet.findUnit("R1").isPresent()
                            && b.fleet.getSnapshot("R1").hasFix());

            // a status change on b is seen by a
            b.fleet(CONSOLE)
                    .setStatus(SetStatusRequest.newBuilder()
                            .setUnitId("R1")
                            .setStatus(UnitStatus.UNIT_STATUS_AT_STATION)
                            .build());
            await("a sees the status", () -> unit(a, "R1").getStatus() == UnitStatus.UNIT_STATUS_AT_STATION);

            // recommend on a, assign on b: the incident takes the recommendation's location
            var rec = a.dispatch(CONSOLE)
                    .recommend(RecommendRequest.newBuilder()
                            .setIncident(Incident.newBuilder()
                                    .setId("INC-7")
                                    .setGrade("1")
                                    .setLocation(LatLon.newBuilder()
                                            .setLatDeg(43.7311)
                                            .setLonDeg(7.4197)))
                            .build());
            assertEquals("R1", rec.getCandidates(0).getUnitId());
            await(
                    "b has the recommendation's audit entry",
                    () -> !b.dispatch(ADMIN)
                            .listAudit(ListAuditRequest.newBuilder()
                                    .setIncidentId("INC-7")
                                    .build())
                            .getEntriesList()
                            .isEmpty());
            var assigned = b.dispatch(CONSOLE)
                    .assign(AssignRequest.newBuilder()
                            .setIncidentId("INC-7")
                            .setUnitId("R1")
                            .setGrade("1")
                            .build());
            assertEquals("INC-7", assigned.getUnit().getAssignedIncidentId());
            // b learnt the location from its own memory of recommendations only if it served one:
            // a served it, so the location is known only when given; a's record shows what b wrote
            await(
                    "a sees the incident",
                    () -> a.dispatch(CONSOLE)
                                    .listIncidents(ListIncidentsRequest.newBuilder()
                                            .setOpenOnly(true)
                                            .build())
                                    .getIncidentsCount()
                            == 1);
            assertEquals(UnitStatus.UNIT_STATUS_EN_ROUTE, unit(a, "R1").getStatus(), "the assignment is seen by a");

            // a fix on a moves the unit on b
            a.fleet(ADMIN).registerUnit(car("R2", 43.7350, 7.4200));
            await(
                    "b sees R2's position",
                    () -> b.fleet.findUnit("R2").isPresent()
                            && b.fleet.getSnapshot("R2").hasFix());

            // a closure on a releases the unit on b
            var closed = a.dispatch(CONSOLE)
                    .closeIncident(CloseIncidentRequest.newBuilder()
                            .setIncidentId("INC-7")
                            .build());
            assertFalse(closed.getIncident().getOpen());
            assertEquals("R1", closed.getReleasedUnits(0).getId());
            assertEquals(
                    UnitStatus.UNIT_STATUS_AVAILABLE, closed.getReleasedUnits(0).getStatus());
            await("b sees the release", () -> unit(b, "R1").getStatus() == UnitStatus.UNIT_STATUS_AVAILABLE);
            await(
                    "b sees the closure",
                    () -> !b.dispatch(CONSOLE)
                            .getIncident(GetIncidentRequest.newBuilder()
                                    .setIncidentId("INC-7")
                                    .build())
                            .getOpen());

            // the audit trail, read on either replica, reconstructs why and by whom R1 was sent
            var trail = b.dispatch(ADMIN)
                    .listAudit(
                            ListAuditRequest.newBuilder().setIncidentId("INC-7").build())
                    .getEntriesList();
            assertEquals(
                    List.of(
                            AuditKind.AUDIT_KIND_RECOMMENDATION,
                            AuditKind.AUDIT_KIND_ASSIGNMENT,
                            AuditKind.AUDIT_KIND_STATUS,
                            AuditKind.AUDIT_KIND_CLOSURE),
                    trail.stream().map(e -> e.getKind()).toList());
            assertEquals("desk-7", trail.get(0).getCaller());
            assertEquals("console", trail.get(0).getRole());
            assertEquals("R1", trail.get(0).getOffers(0).getUnitId());
            assertEquals(
                    rec.getCandidates(0).getEtaSeconds(),
                    trail.get(0).getOffers(0).getEtaSeconds(),
                    1e-9);
            assertEquals(UnitStatus.UNIT_STATUS_AT_STATION, trail.get(1).getFromStatus());
            assertEquals(UnitStatus.UNIT_STATUS_EN_ROUTE, trail.get(1).getToStatus());

            // roles: a console may not read the trail
            StatusRuntimeException denied = assertThrows(
                    StatusRuntimeException.class,
                    () -> a.dispatch(CONSOLE).listAudit(ListAuditRequest.getDefaultInstance()));
            assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
            // unknown incidents
            StatusRuntimeException unknown = assertThrows(
                    StatusRuntimeException.class,
                    () -> a.dispatch(CONSOLE)
                            .closeIncident(CloseIncidentRequest.newBuilder()
                                    .setIncidentId("NOPE")
                                    .build()));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());

            JsonObject health = a.service.health();
            JsonObject store = health.getJsonObject("store");
            assertEquals("serving", health.getString("status"));
            assertTrue(store.getBoolean("connected"));
            assertTrue(store.getJsonObject("replication").containsKey("behindMillis"));
            assertTrue(redis.cli("HGET", "bl:{rep}:replicas", "b").contains("\"changes\""));
        }
    }

    @Test
    void withRedisStoppedChangesAreRefusedAndEverythingElseGoesOn() throws Exception {
        try (RedisServer redis = RedisServer.launch();
                Replica a = new Replica(redis, "fault", "a")) {
            a.fleet(ADMIN).registerUnit(car("F1", CASINO_LAT, CASINO_LON));
            redis.stop();
            long t0 = System.nanoTime();
            StatusRuntimeException refused = assertThrows(
                    StatusRuntimeException.class,
                    () -> a.fleet(CONSOLE)
                            .setStatus(SetStatusRequest.newBuilder()
                                    .setUnitId("F1")
                                    .setStatus(UnitStatus.UNIT_STATUS_AT_STATION)
                                    .build()));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
            assertTrue(refused.getStatus().getDescription().contains("cannot be reached"), refused.getMessage());
            assertEquals(UnitStatus.UNIT_STATUS_AVAILABLE, unit(a, "F1").getStatus(), "nothing was applied");
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once, not after a long wait");
            // recommendations and fixes go on from memory
            var rec = a.dispatch(CONSOLE)
                    .recommend(RecommendRequest.newBuilder()
                            .setIncident(Incident.newBuilder()
                                    .setGrade("1")
                                    .setLocation(LatLon.newBuilder()
                                            .setLatDeg(43.7311)
                                            .setLonDeg(7.4197)))
                            .build());
            assertEquals("F1", rec.getCandidates(0).getUnitId());
            long now = System.currentTimeMillis();
            for (int i = 0; i < 10; i++) {
                a.service
                        .intakeWorker()
                        .offer(() -> a.service
                                .intakeWorker()
                                .intake()
                                .apply(org.bluelamp.fleet.Fix.of("F1", CASINO_LAT + 1e-4, CASINO_LON, now)));
            }
            await("the fix is in memory", () -> a.fleet.getSnapshot("F1").latDeg() > CASINO_LAT);
            JsonObject health = a.service.health();
            assertEquals("degraded", health.getString("status"));
            assertFalse(health.getJsonObject("store").getBoolean("connected"));
            assertTrue(a.service.metrics().scrape().contains("bluelamp_store_up 0.0"));
            // the fix is applied to memory before its journal entry is queued: wait for the entry
            await(
                    "the fix waits in the journal",
                    () -> Long.parseLong(a.service
                                    .health()
                                    .getJsonObject("store")
                                    .getJsonObject("journal")
                                    .getString("pending"))
                            > 0);

            redis.start();
            await("the store is back", () -> !a.stores.durable().degraded());
            await("the journal caught up", () -> a.stores.journal().pendingCount() == 0);
            // the latest positions follow the journal within FixJournal.LATEST_EVERY_MILLIS
            await("the latest position is written", () -> {
                try {
                    return redis.cli("HGET", "bl:{fault}:latest", "F1").contains(Double.toString(CASINO_LAT + 1e-4));
                } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            a.fleet(CONSOLE)
                    .setStatus(SetStatusRequest.newBuilder()
                            .setUnitId("F1")
                            .setStatus(UnitStatus.UNIT_STATUS_AT_STATION)
                            .build());
            assertEquals("AT_STATION", redis.cli("HGET", "bl:{fault}:unit:F1", "status"));
            assertEquals("serving", a.service.health().getString("status"));
        }
    }
}
