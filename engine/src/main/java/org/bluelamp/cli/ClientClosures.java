package org.bluelamp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.ListConditionsResponse;
import org.bluelamp.proto.v1.RemoveConditionRequest;
import org.bluelamp.proto.v1.RoadBetween;
import org.bluelamp.proto.v1.RoadClasses;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadCondition;
import org.bluelamp.proto.v1.RoadSlowdown;
import org.bluelamp.proto.v1.RoadsGrpcClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client closures} and {@code client slowdowns}: road conditions of a running service
 * (the {@code Roads} service): add a closure (an area from a GeoJSON file, a circle, or the road
 * between two points) or a slowdown (an area or road classes, a speed factor), list them, remove
 * one. Errors the service reports name the option the user gave.
 */
final class ClientClosures {
    private ClientClosures() {}

    /** When a condition is in force, and to whom: shared by both additions. */
    static final class Window {
        @Option(names = "--reason", paramLabel = "<text>", description = "Why, for people (shown in reasons).")
        String reason = "";

        @Option(
                names = "--from",
                paramLabel = "<instant>",
                description = "When it takes effect (ISO-8601; default: now).")
        String from;

        @Option(
                names = "--until",
                paramLabel = "<instant>",
                description = "When it expires by itself (ISO-8601; default: never, until removed).")
        String until;

        @Option(
                names = "--profile",
                paramLabel = "<profile>",
                description = "A travel profile it applies to: car, car_emergency, foot, bike (repeat; default: all).")
        List<String> profiles = new ArrayList<>();

        long start() {
            return from == null ? 0 : ClientArgs.instantMillis("--from", from);
        }

        long end() {
            return until == null ? 0 : ClientArgs.instantMillis("--until", until);
        }

        void record(RequestFields f) {
            f.field("reason", "--reason", reason)
                    .field("start_epoch_millis", "--from", from)
                    .field("end_epoch_millis", "--until", until == null ? from : until)
                    .field("profiles", "--profile", String.join(",", profiles));
        }
    }

    /** Reads a GeoJSON file named by an option. */
    static String geoJson(String option, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw BluelampException.invalid(
                    option, option + " " + Echo.quote(file.toString()) + " cannot be read: " + e.getMessage());
        }
    }

    @Command(
            name = "closures",
            mixinStandardHelpOptions = true,
            description = "Road closures of a running service (Roads service): add, list, remove.",
            subcommands = {Add.class, ListConditions.class, Remove.class})
    static final class Closures {}

    @Command(
            name = "slowdowns",
            mixinStandardHelpOptions = true,
            description = "Road slowdowns of a running service (Roads service): add, list, remove.",
            subcommands = {AddSlowdown.class, ListConditions.class, Remove.class})
    static final class Slowdowns {}

    /** Where a closure is: exactly one. */
    static final class Place {
        @Option(
                names = "--area",
                paramLabel = "<geojson>",
                description = "A file with a GeoJSON Polygon (or a Feature).")
        Path area;

        @Option(
                names = "--circle",
                paramLabel = "<lat,lon,metres>",
                description = "The roads within this many metres of lat,lon, e.g. 52.6702,-0.7296,300.")
        String circle;

        @Option(
                names = "--road",
                arity = "2",
                paramLabel = "<lat,lon>",
                description = "The road between two points: --road 52.67,-0.73 52.66,-0.72.")
        List<String> road;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Close roads: an area, a circle or the road between two points (Roads.AddClosure, console).")
    static final class Add implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "<id>", description = "The closure's id, e.g. C12.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Place place;

        @Mixin
        Window window = new Window();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RoadClosure.Builder b = RoadClosure.newBuilder()
                    .setId(ClientArgs.id("<id>", id))
                    .setReason(window.reason)
                    .setStartEpochMillis(window.start())
                    .setEndEpochMillis(window.end())
                    .addAllProfiles(window.profiles);
            RequestFields f = RequestFields.of().field("id", "<id>", id);
            window.record(f);
            if (place.area != null) {
                b.setAreaGeojson(geoJson("--area", place.area));
                f.field("area_geojson", "--area", place.area);
            } else if (place.circle != null) {
                String[] v = place.circle.split(",", -1);
                if (v.length != 3) {
                    throw BluelampException.invalid(
                            "--circle", "--circle " + Echo.quote(place.circle) + " must be lat,lon,metres");
                }
                double radius;
                try {
                    radius = Double.parseDouble(v[2].strip());
                } catch (NumberFormatException e) {
                    throw BluelampException.invalid(
                            "--circle", "--circle " + Echo.quote(place.circle) + ": the radius is not a number");
                }
                b.setCircle(Circle.newBuilder()
                        .setCentre(ClientArgs.latLon("--circle", v[0] + "," + v[1]))
                        .setRadiusMetres(radius));
                f.field("circle", "--circle", place.circle);
            } else {
                b.setRoad(RoadBetween.newBuilder()
                        .setFrom(ClientArgs.latLon("--road", place.road.get(0)))
                        .setTo(ClientArgs.latLon("--road", place.road.get(1))));
                f.field("road", "--road", String.join(" ", place.road));
            }
            RoadClosure req = b.build();
            RoadCondition c = client.call(f, x -> x.call(RoadsGrpcClient.AddClosure, req));
            client.print(spec.commandLine().getOut(), c);
            return 0;
        }
    }

    /** Which roads a slowdown slows: exactly one. */
    static final class Scope {
        @Option(
                names = "--area",
                paramLabel = "<geojson>",
                description = "A file with a GeoJSON Polygon (or a Feature).")
        Path area;

        @Option(
                names = "--road-class",
                paramLabel = "<class>",
                description = "Every road of this class: motorway, trunk, primary, ... (repeat for more).")
        List<String> roadClasses;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Slow roads in an area or of road classes (Roads.AddSlowdown, console).")
    static final class AddSlowdown implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "<id>", description = "The slowdown's id, e.g. S3.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Scope scope;

        @Option(
                names = "--factor",
                required = true,
                paramLabel = "<speed factor>",
                description = "The roads' speed is multiplied by this, 0.05 to 1 (0.5: half speed, twice the time).")
        double factor;

        @Mixin
        Window window = new Window();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RoadSlowdown.Builder b = RoadSlowdown.newBuilder()
                    .setId(ClientArgs.id("<id>", id))
                    .setReason(window.reason)
                    .setSpeedFactor(factor)
                    .setStartEpochMillis(window.start())
                    .setEndEpochMillis(window.end())
                    .addAllProfiles(window.profiles);
            RequestFields f = RequestFields.of().field("id", "<id>", id).field("speed_factor", "--factor", factor);
            window.record(f);
            if (scope.area != null) {
                b.setAreaGeojson(geoJson("--area", scope.area));
                f.field("area_geojson", "--area", scope.area);
            } else {
                b.setRoadClasses(RoadClasses.newBuilder().addAllClasses(scope.roadClasses));
                f.field("road_classes", "--road-class", String.join(",", scope.roadClasses));
            }
            RoadSlowdown req = b.build();
            RoadCondition c = client.call(f, x -> x.call(RoadsGrpcClient.AddSlowdown, req));
            client.print(spec.commandLine().getOut(), c);
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The closures and slowdowns, or those in force at a time (Roads.ListConditions, console "
                    + "or planner).")
    static final class ListConditions implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--at", paramLabel = "<instant>", description = "Judge 'in force' at this time (default: now).")
        String at;

        @Option(names = "--in-force", description = "Only those in force at that time.")
        boolean inForce;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ListConditionsRequest req = ListConditionsRequest.newBuilder()
                    .setAtEpochMillis(at == null ? 0 : ClientArgs.instantMillis("--at", at))
                    .setInForceOnly(inForce)
                    .build();
            ListConditionsResponse r = client.call(
                    RequestFields.of().field("at_epoch_millis", "--at", at),
                    x -> x.call(RoadsGrpcClient.ListConditions, req));
            client.print(spec.commandLine().getOut(), r, ListConditions::table);
            return 0;
        }

        /** The conditions as a table, then their count and the typical traffic in force. */
        private static void table(PrintWriter out, ListConditionsResponse r) {
            TextTable t =
                    new TextTable("ID", "KIND", "IN FORCE", "EDGES", "FACTOR", "PROFILES", "REASON").alignRight(3, 4);
            for (RoadCondition c : r.getConditionsList()) {
                if (c.hasClosure()) {
                    RoadClosure x = c.getClosure();
                    t.row(
                            x.getId(),
                            "closure",
                            c.getInForce() ? "yes" : "no",
                            c.getEdgeCount(),
                            "",
                            String.join(",", x.getProfilesList()),
                            x.getReason());
                } else {
                    RoadSlowdown x = c.getSlowdown();
                    t.row(
                            x.getId(),
                            "slowdown",
                            c.getInForce() ? "yes" : "no",
                            c.getEdgeCount(),
                            x.getSpeedFactor(),
                            String.join(",", x.getProfilesList()),
                            x.getReason());
                }
            }
            t.print(out);
            out.println(r.getConditionsCount() + " conditions"
                    + (r.getTypicalTraffic().isEmpty() ? "" : "; typical traffic: " + r.getTypicalTraffic()));
            out.flush();
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove a closure or slowdown (Roads.RemoveCondition, console).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "<id>", description = "Its id.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RemoveConditionRequest req = RemoveConditionRequest.newBuilder()
                    .setId(ClientArgs.id("<id>", id))
                    .build();
            RoadCondition c = client.call(
                    RequestFields.of().field("id", "<id>", id), x -> x.call(RoadsGrpcClient.RemoveCondition, req));
            client.print(spec.commandLine().getOut(), c);
            return 0;
        }
    }
}
