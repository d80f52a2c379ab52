package org.bluelamp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code route}: one road route, the single-route oracle scripts rely on. */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Travel time, distance and geometry of the fastest road route between two points.",
            "Prints one JSON object: timeSeconds, distanceMetres, polyline, geometry (GeoJSON), ..."
        })
final class RouteCommand implements Callable<Integer> {
    @Mixin
    MapOptions mapOptions;

    @Option(
            names = "--profile",
            defaultValue = "car",
            paramLabel = "<name>",
            description = "car, car_emergency, foot or bike (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--from", required = true, paramLabel = "<lat,lon>", description = "Start, decimal degrees.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "<lat,lon>", description = "Destination, decimal degrees.")
    String to;

    @Option(names = "--no-geometry", description = "Leave the GeoJSON geometry out (the polyline stays).")
    boolean noGeometry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TravelProfile p = TravelProfile.find(profile)
                .orElseThrow(() -> BluelampException.invalid(
                        "--profile",
                        "--profile " + Echo.quote(profile)
                                + " is not a profile: use one of car, car_emergency, foot, bike"));
        GeoPoint a = GeoPoint.parse("--from", from);
        GeoPoint b = GeoPoint.parse("--to", to);
        try (RoadNetwork net = mapOptions.open(spec)) {
            Route r;
            try {
                r = net.route(p, a, b);
            } catch (BluelampException e) {
                throw asOption(e);
            }
            ObjectNode o = Json.object();
            o.put("profile", p.profileName());
            o.set("from", Json.point(a));
            o.set("to", Json.point(b));
            o.put("timeSeconds", r.timeSeconds());
            o.put("distanceMetres", r.distanceMetres());
            o.put("fromSnapDistanceMetres", r.fromSnapDistanceMetres());
            o.put("toSnapDistanceMetres", r.toSnapDistanceMetres());
            o.put("polyline", r.encodedPolyline());
            if (!noGeometry) {
                o.set("geometry", Json.lineString(r.latsDeg(), r.lonsDeg()));
            }
            o.put("attribution", Json.ATTRIBUTION);
            Json.print(spec.commandLine().getOut(), o);
        }
        return 0;
    }

    /** The road network names the points "from" and "to"; the user wrote --from and --to. */
    static BluelampException asOption(BluelampException e) {
        String field = e.field();
        if (!field.equals("from") && !field.equals("to")) {
            return e;
        }
        String message =
                e.getMessage().startsWith(field + " ") ? "--" + e.getMessage() : "--" + field + ": " + e.getMessage();
        return new BluelampException(e.kind(), "--" + field, message, e);
    }
}
