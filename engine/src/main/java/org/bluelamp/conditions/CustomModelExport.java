package org.bluelamp.conditions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The conditions in force for a profile at an instant written as a GraphHopper custom model (JSON
 * text), to be merged with the profile's own model: closures as areas with {@code priority
 * multiply_by 0}; slowdowns as {@code speed multiply_by} their factor, the strongest first in an
 * if/else chain (the engine applies only the slowest of several); the congestion profile as
 * {@code speed multiply_by 1 / time factor} per road class. GraphHopper routes with it only with
 * contraction hierarchies disabled; it is the oracle the engine's times are tested against, and
 * lets an operator check a condition in GraphHopper's own tools.
 *
 * <p>Where the congestion profile's urban and rural factors differ for a road class, the urban
 * areas become areas of the model too ({@code in_urban0 || ...}: a road is urban when its line
 * intersects one, GraphHopper's area rule and ours). Only what a custom model can say: conditions
 * with areas or road classes (a road between two points is a set of edges, which a model cannot
 * name). Stateless.
 */
public final class CustomModelExport {
    private CustomModelExport() {}

    /**
     * The custom model JSON.
     *
     * @throws IllegalArgumentException for a road-between-two-points closure in force
     */
    public static String json(RoadConditions rc, TravelProfile profile, long epochMillis) {
        List<String> features = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        List<Slowdown> slowdowns = new ArrayList<>();
        int n = 0;
        for (RoadConditions.Entry e : rc.inForceAt(epochMillis)) {
            if (!e.condition().appliesTo(profile)) {
                continue;
            }
            if (e.condition() instanceof Closure c) {
                if (c.area() == null) {
                    throw new IllegalArgumentException(c.id() + " closes a road between two points: no area to export");
                }
                String id = "c" + n++;
                features.add(feature(id, c.area().toGeoJson()));
                closed.add("in_" + id);
            } else if (e.condition() instanceof Slowdown s) {
                slowdowns.add(s);
            }
        }
        List<String> speed = new ArrayList<>();
        int hour = rc.congestion().hourOfWeek(epochMillis);
        String inUrban = null;
        boolean first = true;
        for (RoadClass c : RoadClass.values()) {
            double rural = rc.congestion().timeFactor(hour, false, c.ordinal(), profile);
            double urban = rc.congestion().timeFactor(hour, true, c.ordinal(), profile);
            String isClass = "road_class == " + c.name();
            if (urban != rural && !rc.urbanAreas().isEmpty()) {
                if (inUrban == null) {
                    List<String> names = new ArrayList<>();
                    GeoJsonWriter w = new GeoJsonWriter();
                    w.setEncodeCRS(false);
                    for (int i = 0; i < rc.urbanAreas().size(); i++) {
                        features.add(
                                feature("urban" + i, w.write(rc.urbanAreas().get(i))));
                        names.add("in_urban" + i);
                    }
                    inUrban = "(" + String.join(" || ", names) + ")";
                }
                speed.add(statement(first ? "if" : "else_if", inUrban + " && " + isClass, 1 / urban));
                first = false;
            }
            if (rural != 1 || urban != rural) {
                speed.add(statement(first ? "if" : "else_if", isClass, 1 / rural));
                first = false;
            }
        }
        slowdowns.sort(Comparator.comparingDouble(Slowdown::speedFactor));
        first = true;
        for (Slowdown s : slowdowns) {
            String condition;
            if (s.scope() instanceof Slowdown.Area a) {
                String id = "s" + n++;
                features.add(feature(id, a.area().toGeoJson()));
                condition = "in_" + id;
            } else {
                condition = ((Slowdown.RoadClasses) s.scope())
                        .classes().stream()
                                .sorted()
                                .map(c -> "road_class == " + c.name())
                                .collect(Collectors.joining(" || "));
            }
            speed.add(statement(first ? "if" : "else_if", condition, s.speedFactor()));
            first = false;
        }
        return "{\"priority\":["
                + (closed.isEmpty() ? "" : "{\"if\":\"" + String.join(" || ", closed) + "\",\"multiply_by\":\"0\"}")
                + "],\"speed\":[" + String.join(",", speed) + "],\"areas\":{\"type\":\"FeatureCollection\","
                + "\"features\":[" + String.join(",", features) + "]}}";
    }

    private static String statement(String keyword, String condition, double factor) {
        return String.format(
                Locale.ROOT, "{\"%s\":\"%s\",\"multiply_by\":\"%s\"}", keyword, condition, Double.toString(factor));
    }

    private static String feature(String id, String geometryJson) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":" + geometryJson + ",\"properties\":{}}";
    }
}
