package org.bluelamp.cli;

import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.Area;
import org.bluelamp.proto.v1.Box;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.LatLon;
import picocli.CommandLine.Option;

/**
 * An area on the ground for {@code client units} and {@code client watch}: a circle or a box,
 * given as one option each (picocli makes them mutually exclusive). Checked here, each error
 * naming the option and quoting the value.
 *
 * <p>A picocli argument group; one instance per invocation, not thread-safe.
 */
final class AreaOptions {
    /** The largest circle radius the service accepts, metres. */
    static final double MAX_RADIUS_METRES = 1_000_000;

    @Option(
            names = "--circle",
            paramLabel = "<lat,lon,metres>",
            description = "Only units within this many metres of lat,lon, e.g. 43.7384,7.4246,500.")
    String circle;

    @Option(
            names = "--box",
            paramLabel = "<s,w,n,e>",
            description = "Only units in this box: south,west,north,east in degrees, e.g. 43.72,7.40,43.75,7.44.")
    String box;

    /** The area as the contract's message. */
    Area toProto() {
        if (circle != null) {
            double[] v = numbers("--circle", circle, 3, "lat,lon,metres");
            check("--circle", circle, v[0], v[1]);
            if (!(v[2] > 0 && v[2] <= MAX_RADIUS_METRES)) {
                throw BluelampException.invalid(
                        "--circle",
                        "--circle " + Echo.quote(circle) + ": the radius must be more than 0 and at most "
                                + (long) MAX_RADIUS_METRES + " metres");
            }
            return Area.newBuilder()
                    .setCircle(Circle.newBuilder().setCentre(latLon(v[0], v[1])).setRadiusMetres(v[2]))
                    .build();
        }
        double[] v = numbers("--box", box, 4, "south,west,north,east");
        check("--box", box, v[0], v[1]);
        check("--box", box, v[2], v[3]);
        if (v[0] > v[2] || v[1] > v[3]) {
            throw BluelampException.invalid(
                    "--box",
                    "--box " + Echo.quote(box) + ": south must not be above north, nor west east of east "
                            + "(order: south,west,north,east)");
        }
        return Area.newBuilder()
                .setBox(Box.newBuilder().setSouthWest(latLon(v[0], v[1])).setNorthEast(latLon(v[2], v[3])))
                .build();
    }

    private static LatLon latLon(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    private static void check(String option, String text, double lat, double lon) {
        try {
            new GeoPoint(lat, lon);
        } catch (BluelampException e) {
            throw BluelampException.invalid(
                    option,
                    option + " " + Echo.quote(text) + ": " + lat + "," + lon
                            + " is not a position (latitude -90 to 90, longitude -180 to 180)");
        }
    }

    private static double[] numbers(String option, String text, int count, String form) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw BluelampException.invalid(
                    option, option + " " + Echo.quote(text) + " must be " + form + " (" + count + " numbers)");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw BluelampException.invalid(
                        option,
                        option + " " + Echo.quote(text) + ": " + Echo.quote(parts[i].strip()) + " is not a number ("
                                + form + ")");
            }
            if (!Double.isFinite(v[i])) {
                throw BluelampException.invalid(
                        option, option + " " + Echo.quote(text) + ": every number must be finite (" + form + ")");
            }
        }
        return v;
    }

    /** The option given, for error messages naming it. */
    String optionName() {
        return circle != null ? "--circle" : "--box";
    }

    String value() {
        return circle != null ? circle : box;
    }
}
