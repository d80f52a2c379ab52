package org.bluelamp.cli;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import java.util.concurrent.Callable;
import org.bluelamp.api.ProtoMapping;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.LineString;
import org.bluelamp.proto.v1.RouteResult;
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
            "Prints one JSON object: timeSeconds, distanceMetres, encodedPolyline, geometry (GeoJSON), ..."
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
            RouteResult.Builder o = RouteResult.newBuilder()
                    .setProfile(p.profileName())
                    .setFrom(latLon(a))
                    .setTo(latLon(b))
                    .setTimeSeconds(ProtoMapping.seconds(r.timeSeconds()))
                    .setDistanceMetres(ProtoMapping.metres(r.distanceMetres()))
                    .setFromSnapDistanceMetres(ProtoMapping.metres(r.fromSnapDistanceMetres()))
                    .setToSnapDistanceMetres(ProtoMapping.metres(r.toSnapDistanceMetres()))
                    .setEncodedPolyline(r.encodedPolyline())
                    .setAttribution(Json.ATTRIBUTION);
            if (!noGeometry) {
                o.setGeometry(lineString(r.latsDeg(), r.lonsDeg()));
            }
            Json.print(spec.commandLine().getOut(), o);
        }
        return 0;
    }

    private static LatLon latLon(GeoPoint p) {
        return LatLon.newBuilder().setLatDeg(p.latDeg()).setLonDeg(p.lonDeg()).build();
    }

    /** A GeoJSON LineString ([lon, lat] order, as GeoJSON requires), coordinates to 1e-6 degree (0.1 m). */
    static LineString lineString(double[] lats, double[] lons) {
        ListValue.Builder coords = ListValue.newBuilder();
        for (int i = 0; i < lats.length; i++) {
            coords.addValuesBuilder()
                    .setListValue(ListValue.newBuilder()
                            .addValues(Value.newBuilder().setNumberValue(degrees(lons[i])))
                            .addValues(Value.newBuilder().setNumberValue(degrees(lats[i]))));
        }
        return LineString.newBuilder()
                .setType("LineString")
                .setCoordinates(coords)
                .build();
    }

    private static double degrees(double deg) {
        return Math.round(deg * 1e6) / 1e6;
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
