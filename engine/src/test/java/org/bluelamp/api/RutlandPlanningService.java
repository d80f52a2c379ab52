package org.bluelamp.api;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.DemandPoints;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;

/**
 * A running service with Planning on the real Rutland extract, on free loopback ports: seeded
 * demand points near random nodes, optionally Rutland's example beats and its four stations as
 * posts, a fleet (empty unless the test fills it), a console and a planner token, and a plaintext
 * gRPC channel to it. What the Planning tests differ in is set on the {@link Builder}; everything
 * else is the same for all of them. Closing it closes the channel, the service and Vert.x.
 *
 * <p>Not thread-safe to build or close; the running service is used from any thread.
 */
final class RutlandPlanningService implements AutoCloseable {
    static final String CONSOLE_TOKEN = "console-token-0123456789";
    static final String PLANNER_TOKEN = "planner-token-0123456789";
    /** Rutland's four stations, [lat, lon] degrees, in the order of {@link #STATION_IDS}. */
    static final double[][] STATIONS = {
        {52.67317, -0.72874}, {52.71294, -0.65958}, {52.59026, -0.72235}, {52.62772, -0.55216}
    };

    static final String[] STATION_IDS = {"OAKHAM", "COTTESMORE", "UPPINGHAM", "KETTON"};

    final RoadNetwork network;
    final FleetState fleet;
    final FixIntake intake;
    final CoveragePlanner planner;
    final Vertx vertx;
    final BluelampService service;
    final ManagedChannel channel;

    private RutlandPlanningService(Builder b) {
        network = TestMaps.network(TestMaps.shared(TestMaps.RUTLAND));
        InstantSource clock = InstantSource.system();
        fleet = b.fleet.apply(network);
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        UrbanAreas urban = UrbanAreas.loadDefault();
        Dispatcher dispatcher = Dispatcher.create(network, fleet, policies, urban, clock);
        intake = new FixIntake(fleet, IntakeOptions.defaults(), clock);
        b.units.accept(fleet, intake);
        Random rnd = new Random(b.demandSeed);
        double[] lat = new double[b.demandPoints];
        double[] lon = new double[b.demandPoints];
        double[] w = new double[b.demandPoints];
        for (int i = 0; i < b.demandPoints; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(network, rnd);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = b.weighted ? 1 + rnd.nextInt(3) : 1;
        }
        Beats beats = b.rutlandBeats
                ? Beats.load(Path.of("..", "map-data", "examples", "rutland-beats.geojson"), "beats")
                : Beats.none();
        CoverageArea area = CoverageArea.build(
                CoverageRoads.of(network, dispatcher::graph),
                urban,
                beats,
                DemandPoints.fromFile(lat, lon, w, "seeded points"));
        if (b.postName == null) {
            planner = new CoveragePlanner(area, policies, network);
        } else {
            List<CandidateSite> posts = new ArrayList<>();
            for (int i = 0; i < STATIONS.length; i++) {
                posts.add(new CandidateSite(
                        STATION_IDS[i],
                        b.postName.apply(STATION_IDS[i]),
                        new GeoPoint(STATIONS[i][0], STATIONS[i][1])));
            }
            planner = new CoveragePlanner(area, policies, network, posts);
        }
        vertx = Vertx.vertx();
        AccessPolicy access = AccessPolicy.of(Map.of(CONSOLE_TOKEN, Role.CONSOLE, PLANNER_TOKEN, Role.PLANNER));
        try {
            service = BluelampService.start(
                            vertx,
                            Backend.of(dispatcher, intake, clock),
                            access,
                            b.options.apply(ServiceOptions.loopbackEphemeral()),
                            planner)
                    .await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", service.grpcPort())
                .usePlaintext()
                .build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** The console's address, "http://127.0.0.1:port/". */
    String baseUrl() {
        return "http://127.0.0.1:" + service.httpPort() + "/";
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        service.shutdown();
        vertx.close().await();
    }

    /** What the Planning tests differ in; the defaults are an empty fleet and no beats or posts. */
    static final class Builder {
        private Function<RoadNetwork, FleetState> fleet = network -> new FleetState(FleetOptions.defaults());
        private BiConsumer<FleetState, FixIntake> units = (f, i) -> {};
        private long demandSeed;
        private int demandPoints = 300;
        private boolean weighted;
        private boolean rutlandBeats;
        private Function<String, String> postName;
        private UnaryOperator<ServiceOptions> options = o -> o.withThreads(2, 1);

        private Builder() {}

        /** The fleet to start with (default an empty one). */
        Builder fleet(Function<RoadNetwork, FleetState> fleet) {
            this.fleet = fleet;
            return this;
        }

        /** Registers and places units before the service starts. */
        Builder units(BiConsumer<FleetState, FixIntake> units) {
            this.units = units;
            return this;
        }

        /**
         * Demand: {@code points} points near random nodes drawn with {@code seed}, each of weight 1,
         * or 1 to 3 drawn with the same random when {@code weighted}.
         */
        Builder demand(long seed, int points, boolean weighted) {
            this.demandSeed = seed;
            this.demandPoints = points;
            this.weighted = weighted;
            return this;
        }

        /** Rutland's example beats ({@code map-data/examples/rutland-beats.geojson}) instead of none. */
        Builder rutlandBeats() {
            this.rutlandBeats = true;
            return this;
        }

        /** Rutland's four stations as the planner's posts, each named by {@code name} from its id. */
        Builder stationPosts(Function<String, String> name) {
            this.postName = name;
            return this;
        }

        /** The service's options from loopback ephemeral ones (default: 2 event loops, 1 worker). */
        Builder options(UnaryOperator<ServiceOptions> options) {
            this.options = options;
            return this;
        }

        RutlandPlanningService start() {
            return new RutlandPlanningService(this);
        }
    }
}
