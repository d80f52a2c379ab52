package org.bluelamp.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.api.client.RemoteCallException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.DispatchGrpcClient;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.UnitStatus;
import org.bluelamp.proto.v1.WatchFleetRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client}: calls a running {@code serve} over gRPC and prints each answer as one JSON
 * object (the contract's field names). The quickest way to query the service without grpcurl.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = "Call a running Bluelamp service (see 'serve'); answers are printed as JSON, one per line.",
        subcommands = {
            ClientCommand.Recommend.class,
            ClientCommand.Units.class,
            ClientCommand.GetUnit.class,
            ClientCommand.Status.class,
            ClientCommand.Assign.class,
            ClientCommand.Track.class,
            ClientCommand.Watch.class
        })
final class ClientCommand {

    /** Where the service is and who is calling. */
    static final class Target {
        @Option(
                names = "--target",
                defaultValue = "127.0.0.1:50051",
                paramLabel = "<host:port>",
                description = "The service (default: ${DEFAULT-VALUE}).")
        String target;

        @Option(
                names = "--token",
                paramLabel = "<token>",
                description = "Bearer token (default: $BLUELAMP_TOKEN; none when the server runs without --auth).")
        String token;

        @Option(names = "--tls-trust", paramLabel = "<pem>", description = "Use TLS, trusting this PEM certificate.")
        Path tlsTrust;

        @Option(names = "--insecure", description = "Use TLS and trust any certificate (testing only).")
        boolean insecure;

        @Option(
                names = "--timeout-seconds",
                defaultValue = "30",
                paramLabel = "<s>",
                description = "Give up after this long (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        String host() {
            int colon = target.lastIndexOf(':');
            if (colon <= 0) {
                throw BluelampException.invalid("target", "--target must be host:port, got '" + target + "'");
            }
            return target.substring(0, colon);
        }

        int port() {
            try {
                return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw BluelampException.invalid("target", "--target must be host:port, got '" + target + "'");
            }
        }

        String tokenOrEnv() {
            return token != null ? token : System.getenv("BLUELAMP_TOKEN");
        }

        /** Connects, runs {@code body}, waits for it, closes. Remote errors become exit codes. */
        <T> T run(Function<BluelampClient, Future<T>> body) {
            Vertx vertx = Vertx.vertx();
            BluelampClient client = BluelampClient.connect(vertx, host(), port(), tokenOrEnv(), tlsTrust, insecure);
            try {
                return body.apply(client)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "target",
                        "no answer from " + target + " within " + timeoutSeconds + " s");
            } catch (java.util.concurrent.ExecutionException | CompletionException e) {
                throw remote(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BluelampException(ErrorKind.UNAVAILABLE, "", "interrupted");
            } finally {
                client.close();
                vertx.close();
            }
        }

        /** The command line's view of a failed call (its exit code follows the kind). */
        private RuntimeException remote(Throwable t) {
            if (t instanceof RemoteCallException r) {
                ErrorKind kind = switch (r.status()) {
                    case INVALID_ARGUMENT -> ErrorKind.INVALID_ARGUMENT;
                    case NOT_FOUND -> ErrorKind.NOT_FOUND;
                    case FAILED_PRECONDITION, ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED ->
                        ErrorKind.FAILED_PRECONDITION;
                    default -> ErrorKind.UNAVAILABLE;
                };
                return new BluelampException(kind, r.field(), "the service answered " + r.getMessage());
            }
            return new BluelampException(
                    ErrorKind.UNAVAILABLE, "target", "cannot reach the service at " + target + ": " + t);
        }
    }

    static void print(PrintWriter out, MessageOrBuilder m) {
        try {
            out.println(JsonFormat.printer()
                    .omittingInsignificantWhitespace()
                    .preservingProtoFieldNames()
                    .print(m));
            out.flush();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static UnitStatus status(String s, String field) {
        try {
            return UnitStatus.valueOf("UNIT_STATUS_" + s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid(
                    field,
                    "--" + field + " must be one of available, en_route, at_scene, "
                            + "committed, refreshment, at_station, off_duty; got '" + s + "'");
        }
    }

    static LatLon latLon(String field, String text) {
        GeoPoint p = GeoPoint.parse(field, text);
        return LatLon.newBuilder().setLatDeg(p.latDeg()).setLonDeg(p.lonDeg()).build();
    }

    @Command(
            name = "recommend",
            mixinStandardHelpOptions = true,
            description = "Rank units for an incident (Dispatch.Recommend).")
    static final class Recommend implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--at", required = true, paramLabel = "<lat,lon>", description = "The incident's location.")
        String at;

        @Option(
                names = "--grade",
                defaultValue = "1",
                paramLabel = "<code>",
                description = "Grade (default: ${DEFAULT-VALUE}).")
        String grade;

        @Option(names = "--incident-id", defaultValue = "", paramLabel = "<id>", description = "Incident id.")
        String incidentId;

        @Option(
                names = "--type",
                defaultValue = "",
                paramLabel = "<code>",
                description = "Incident type (response plan).")
        String type;

        @Option(names = "--capability", paramLabel = "<code>", description = "Required capability (repeatable).")
        List<String> capabilities = new ArrayList<>();

        @Option(
                names = "--k",
                defaultValue = "0",
                paramLabel = "<n>",
                description = "Candidates (default: the server's, 5).")
        int k;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RecommendRequest req = RecommendRequest.newBuilder()
                    .setMaxCandidates(k)
                    .setIncident(Incident.newBuilder()
                            .setId(incidentId)
                            .setLocation(latLon("at", at))
                            .setGrade(grade)
                            .setIncidentType(type)
                            .addAllRequiredCapabilities(capabilities))
                    .build();
            print(spec.commandLine().getOut(), target.run(c -> c.call(DispatchGrpcClient.Recommend, req)));
            return 0;
        }
    }

    @Command(name = "units", mixinStandardHelpOptions = true, description = "List units (Fleet.ListUnits).")
    static final class Units implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--status", paramLabel = "<status>", description = "Only this status (repeatable).")
        List<String> statuses = new ArrayList<>();

        @Option(
                names = "--capability",
                paramLabel = "<code>",
                description = "Only units with this capability (repeatable).")
        List<String> capabilities = new ArrayList<>();

        @Option(
                names = "--max",
                defaultValue = "0",
                paramLabel = "<n>",
                description = "At most this many (default 1000).")
        int max;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ListUnitsRequest.Builder b =
                    ListUnitsRequest.newBuilder().setMaxUnits(max).addAllCapabilities(capabilities);
            for (String s : statuses) {
                b.addStatuses(status(s, "status"));
            }
            print(spec.commandLine().getOut(), target.run(c -> c.call(FleetGrpcClient.ListUnits, b.build())));
            return 0;
        }
    }

    @Command(name = "unit", mixinStandardHelpOptions = true, description = "One unit (Fleet.GetUnit).")
    static final class GetUnit implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "<unit-id>")
        String unitId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            print(
                    spec.commandLine().getOut(),
                    target.run(c -> c.call(
                            FleetGrpcClient.GetUnit,
                            GetUnitRequest.newBuilder().setUnitId(unitId).build())));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Set a unit's status (Fleet.SetStatus).")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "<unit-id>")
        String unitId;

        @Parameters(index = "1", paramLabel = "<status>")
        String status;

        @Option(names = "--grade", defaultValue = "", paramLabel = "<code>", description = "Grade of the task.")
        String grade;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SetStatusRequest req = SetStatusRequest.newBuilder()
                    .setUnitId(unitId)
                    .setStatus(status(status, "status"))
                    .setCommittedGrade(grade)
                    .build();
            print(spec.commandLine().getOut(), target.run(c -> c.call(FleetGrpcClient.SetStatus, req)));
            return 0;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Assign a unit (Dispatch.Assign).")
    static final class Assign implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "<unit-id>")
        String unitId;

        @Option(names = "--incident-id", required = true, paramLabel = "<id>")
        String incidentId;

        @Option(names = "--grade", defaultValue = "1", paramLabel = "<code>")
        String grade;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AssignRequest req = AssignRequest.newBuilder()
                    .setUnitId(unitId)
                    .setIncidentId(incidentId)
                    .setGrade(grade)
                    .build();
            print(spec.commandLine().getOut(), target.run(c -> c.call(DispatchGrpcClient.Assign, req)));
            return 0;
        }
    }

    @Command(name = "track", mixinStandardHelpOptions = true, description = "A unit's track (Fleet.GetTrack).")
    static final class Track implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "<unit-id>")
        String unitId;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            print(
                    spec.commandLine().getOut(),
                    target.run(c -> c.call(
                            FleetGrpcClient.GetTrack,
                            GetTrackRequest.newBuilder().setUnitId(unitId).build())));
            return 0;
        }
    }

    @Command(
            name = "watch",
            mixinStandardHelpOptions = true,
            description = "Print live fleet updates (Fleet.WatchFleet), one JSON line each.")
    static final class Watch implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(
                names = "--count",
                defaultValue = "3",
                paramLabel = "<n>",
                description = "Stop after this many updates (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--interval-millis", defaultValue = "1000", paramLabel = "<ms>")
        int intervalMillis;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AtomicInteger seen = new AtomicInteger();
            PrintWriter out = spec.commandLine().getOut();
            WatchFleetRequest req = WatchFleetRequest.newBuilder()
                    .setIncludeSnapshot(true)
                    .setMinIntervalMillis(intervalMillis)
                    .build();
            target.timeoutSeconds = Math.max(target.timeoutSeconds, count * intervalMillis / 1000 + 10);
            target.run(c -> {
                io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
                c.stream(FleetGrpcClient.WatchFleet, req, u -> {
                            synchronized (out) {
                                print(out, u);
                            }
                            if (seen.incrementAndGet() >= count) {
                                done.tryComplete();
                            }
                        })
                        .onComplete(ar -> {
                            if (ar.failed()
                                    && !(ar.cause() instanceof RemoteCallException r
                                            && r.status() == GrpcStatus.CANCELLED)) {
                                done.tryFail(ar.cause());
                            } else {
                                done.tryComplete();
                            }
                        });
                return done.future();
            });
            return 0;
        }
    }
}
