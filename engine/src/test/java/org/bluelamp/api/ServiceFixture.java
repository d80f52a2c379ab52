package org.bluelamp.api;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;

/**
 * A running service on the real Monaco map with a small fleet, on free loopback ports, and stock
 * grpc-java channels to it. One per test class; {@link #close()} drains and stops it.
 */
final class ServiceFixture implements AutoCloseable {
    static final String GATEWAY_TOKEN = "gateway-token-0123456789";
    static final String CONSOLE_TOKEN = "console-token-0123456789";
    static final String PLANNER_TOKEN = "planner-token-0123456789";
    static final String ADMIN_TOKEN = "admin-token-0123456789ab";
    static final String METRICS_TOKEN = "metrics-token-0123456789";
    /** The one other origin whose pages the fixture lets call it (gRPC-Web with CORS). */
    static final String CONSOLE_ORIGIN = "http://console.example";

    /** Casino square and the Prince's Palace: both on roads of the Monaco extract. */
    static final double CASINO_LAT = 43.7393;

    static final double CASINO_LON = 7.4278;
    static final double PALACE_LAT = 43.7311;
    static final double PALACE_LON = 7.4197;

    final Vertx vertx;
    final FleetState fleet;
    final FixIntake intake;
    final BluelampService service;
    final ManagedChannel channel;
    /** Requests that reached the ranking (the boundary refuses bad ones before). */
    final AtomicInteger recommendCalls = new AtomicInteger();

    ServiceFixture(ServiceOptions options) {
        this(options, IntakeOptions.defaults());
    }

    ServiceFixture(ServiceOptions options, IntakeOptions intakeOptions) {
        RoadNetwork network = TestMaps.monacoNetwork();
        InstantSource clock = InstantSource.system();
        fleet = new FleetState(FleetOptions.defaults());
        Dispatcher dispatcher = Dispatcher.create(
                network,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.loadDefault(),
                clock);
        intake = new FixIntake(fleet, intakeOptions, clock);
        long now = clock.millis();
        fleet.register(
                new UnitSpec("U1", "IR11", UnitKind.CAR, Set.of("first_aid"), 2, "Monaco"),
                StatusChange.of(UnitStatus.AVAILABLE, now));
        fleet.register(
                new UnitSpec("U2", "AR21", UnitKind.CAR, Set.of("armed_response"), 2, "Monaco"),
                StatusChange.of(UnitStatus.AVAILABLE, now));
        fleet.register(
                new UnitSpec("U3", "FT31", UnitKind.FOOT, Set.of(), 1, "Monaco"),
                StatusChange.of(UnitStatus.AT_STATION, now));
        intake.apply(
                "U1",
                CASINO_LAT,
                CASINO_LON,
                now - 2_000,
                5,
                Double.NaN,
                Double.NaN,
                org.bluelamp.fleet.FixReason.PERIODIC);
        intake.apply(
                "U2",
                PALACE_LAT,
                PALACE_LON,
                now - 2_000,
                5,
                Double.NaN,
                Double.NaN,
                org.bluelamp.fleet.FixReason.PERIODIC);
        vertx = Vertx.vertx();
        AccessPolicy access = AccessPolicy.of(Map.of(
                GATEWAY_TOKEN,
                Role.GATEWAY,
                CONSOLE_TOKEN,
                Role.CONSOLE,
                PLANNER_TOKEN,
                Role.PLANNER,
                ADMIN_TOKEN,
                Role.ADMIN,
                METRICS_TOKEN,
                Role.METRICS));
        Backend backend = Backend.of(dispatcher, intake, clock);
        Recommender counted = request -> {
            recommendCalls.incrementAndGet();
            return dispatcher.recommend(request);
        };
        backend = new Backend(
                backend.fleet(),
                intake,
                counted,
                backend.policies(),
                clock,
                backend.map(),
                backend.conditions(),
                backend.basemap());
        service = BluelampService.start(vertx, backend, access, options).await();
        channel = options.tls()
                ? null
                : ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                        .usePlaintext()
                        .build();
    }

    static ServiceFixture start() {
        return new ServiceFixture(ServiceOptions.loopbackEphemeral()
                .withThreads(2, 2)
                .withLimits(64 * 1024, 100)
                .withCorsOrigins(java.util.List.of(CONSOLE_ORIGIN))
                .withDrainTimeout(java.time.Duration.ofSeconds(5)));
    }

    /** A stub that sends {@code token} as a bearer token (null: none). */
    static <S extends AbstractStub<S>> S as(S stub, String token) {
        return token == null ? stub : stub.withCallCredentials(bearer(token));
    }

    static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(m);
            }
        };
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        service.shutdown();
        vertx.close().await();
    }
}
