package org.bluelamp.conditions;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.jackson.Jackson;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.Parameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * The oracle of road conditions: GraphHopper's own route with the equivalent custom model,
 * computed with contraction hierarchies and landmarks disabled (the only way GraphHopper takes a
 * model per request): closures as areas with {@code priority multiply_by 0}, slowdowns as
 * {@code speed multiply_by} their factor (the strongest first, in an if/else chain, because the
 * engine applies only the slowest of several), the congestion profile as {@code speed multiply_by
 * 1 / time factor} per road class. Only conditions with areas or road classes (not roads between
 * two points) and profiles whose urban and rural factors agree can be written this way.
 */
final class GraphHopperConditions {
    private GraphHopperConditions() {}

    /** The custom model equivalent to the conditions in force for a profile at an instant. */
    static CustomModel model(RoadConditions rc, TravelProfile profile, long t) {
        List<String> features = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        List<Slowdown> slowdowns = new ArrayList<>();
        int n = 0;
        for (RoadConditions.Entry e : rc.inForceAt(t)) {
            if (!e.condition().appliesTo(profile)) {
                continue;
            }
            if (e.condition() instanceof Closure c) {
                String id = "c" + n++;
                features.add(feature(id, c.area()));
                closed.add("in_" + id);
            } else if (e.condition() instanceof Slowdown s) {
                slowdowns.add(s);
            }
        }
        StringBuilder speed = new StringBuilder();
        int hour = rc.congestion().hourOfWeek(t);
        boolean first = true;
        for (RoadClass c : RoadClass.values()) {
            double tf = rc.congestion().timeFactor(hour, false, c.ordinal(), profile);
            if (tf != rc.congestion().timeFactor(hour, true, c.ordinal(), profile)) {
                throw new IllegalArgumentException("urban and rural factors differ for " + c);
            }
            if (tf != 1) {
                speed.append(speed.isEmpty() ? "" : ",")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"%s\":\"road_class == %s\",\"multiply_by\":\"%s\"}",
                                first ? "if" : "else_if",
                                c.name(),
                                Double.toString(1 / tf)));
                first = false;
            }
        }
        slowdowns.sort(Comparator.comparingDouble(Slowdown::speedFactor));
        first = true;
        for (Slowdown s : slowdowns) {
            String condition = switch (s.scope()) {
                case Slowdown.Area a -> {
                    String id = "s" + n++;
                    features.add(feature(id, a.area()));
                    yield "in_" + id;
                }
                case Slowdown.RoadClasses rcs ->
                    rcs.classes().stream().map(c -> "road_class == " + c.name()).collect(Collectors.joining(" || "));
            };
            speed.append(speed.isEmpty() ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"%s\":\"%s\",\"multiply_by\":\"%s\"}",
                            first ? "if" : "else_if",
                            condition,
                            Double.toString(s.speedFactor())));
            first = false;
        }
        String json = "{\"priority\":["
                + (closed.isEmpty() ? "" : "{\"if\":\"" + String.join(" || ", closed) + "\",\"multiply_by\":\"0\"}")
                + "],\"speed\":[" + speed + "],\"areas\":{\"type\":\"FeatureCollection\",\"features\":["
                + String.join(",", features) + "]}}";
        try {
            return Jackson.newObjectMapper().readValue(json, CustomModel.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static String feature(String id, ConditionArea area) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":" + area.toGeoJson() + ",\"properties\":{}}";
    }

    /** GraphHopper's road time in seconds with a custom model, or NaN when it finds no route. */
    static double routeSeconds(RoadNetwork net, TravelProfile profile, GeoPoint from, GeoPoint to, CustomModel m) {
        GHRequest req = new GHRequest(from.latDeg(), from.lonDeg(), to.latDeg(), to.lonDeg())
                .setProfile(profile.profileName())
                .setCustomModel(m)
                .setAlgorithm(Parameters.Algorithms.DIJKSTRA);
        req.putHint(Parameters.CH.DISABLE, true);
        req.putHint(Parameters.Landmark.DISABLE, true);
        GHResponse rsp = net.oracle().graphHopper().route(req);
        if (rsp.hasErrors()) {
            return Double.NaN;
        }
        return rsp.getBest().getTime() / 1000.0;
    }
}
