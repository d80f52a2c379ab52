package org.bluelamp.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.conditions.ConditionRules;
import org.bluelamp.conditions.FieldNames;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadSlowdown;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;

/**
 * The checks of the {@code Roads} service's requests and of a recommendation's own closures, part
 * of the boundary of {@link Requests} (which holds the table of methods): a contract closure or
 * slowdown becomes the engine's value, every error naming the contract's field
 * ({@code what_if_closures[2].circle.radius_metres}). The engine's field names of a condition are
 * mapped to the contract's by {@link #names}. Stateless.
 */
final class ConditionRequests {
    private ConditionRequests() {}

    /** Which conditions to list, and at what time. */
    record ListQuery(long atEpochMillis, boolean inForceOnly) {}

    /** The engine's field names of a condition under {@code prefix}, spelt as the contract does. */
    static FieldNames names(String prefix) {
        return canonical -> prefix + contractName(canonical);
    }

    /** {@code endEpochMillis} to {@code end_epoch_millis}, {@code area} to {@code area_geojson}. */
    static String contractName(String canonical) {
        if (canonical.equals("area")) {
            return "area_geojson";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : canonical.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * An engine field of a recommendation's own closure ({@code whatIfClosures[2].area}) as the
     * contract spells it ({@code what_if_closures[2].area_geojson}); other fields as they are.
     */
    static String contractField(String engineField) {
        if (!engineField.startsWith("whatIfClosures[")) {
            return engineField;
        }
        int dot = engineField.indexOf("].");
        if (dot < 0) {
            return "what_if_closures" + engineField.substring("whatIfClosures".length());
        }
        return "what_if_closures" + engineField.substring("whatIfClosures".length(), dot + 2)
                + contractName(engineField.substring(dot + 2));
    }

    static Closure closure(RoadClosure c, RequestRules rules) {
        return closure(c, "", rules.nowMillis());
    }

    /** A contract closure as the engine's; errors name {@code prefix + field}. */
    static Closure closure(RoadClosure c, String prefix, long nowMillis) {
        FieldNames names = names(prefix);
        Closure.Place place = switch (c.getPlaceCase()) {
            case AREA_GEOJSON -> new Closure.Area(ConditionArea.parse(c.getAreaGeojson(), prefix + "area_geojson"));
            case CIRCLE -> {
                GeoPoint centre =
                        Requests.point(c.getCircle().hasCentre(), c.getCircle().getCentre(), prefix + "circle.centre");
                yield Closure.Circle.of(centre, c.getCircle().getRadiusMetres(), prefix + "circle.radius_metres");
            }
            case ROAD ->
                new Closure.Road(
                        Requests.point(c.getRoad().hasFrom(), c.getRoad().getFrom(), prefix + "road.from"),
                        Requests.point(c.getRoad().hasTo(), c.getRoad().getTo(), prefix + "road.to"));
            case PLACE_NOT_SET ->
                throw BluelampException.invalid(
                        prefix + "place",
                        prefix + "place is missing: give area_geojson (a GeoJSON Polygon), circle or road");
        };
        return Closure.of(
                c.getId(),
                c.getReason(),
                place,
                start(c.getStartEpochMillis(), nowMillis),
                end(c.getEndEpochMillis()),
                profiles(c.getProfilesList(), prefix + "profiles"),
                names);
    }

    static Slowdown slowdown(RoadSlowdown s, RequestRules rules) {
        return slowdown(s, "", rules.nowMillis());
    }

    /** A contract slowdown as the engine's; errors name {@code prefix + field}. */
    static Slowdown slowdown(RoadSlowdown s, String prefix, long nowMillis) {
        Slowdown.Scope scope = switch (s.getScopeCase()) {
            case AREA_GEOJSON -> new Slowdown.Area(ConditionArea.parse(s.getAreaGeojson(), prefix + "area_geojson"));
            case ROAD_CLASSES -> {
                try {
                    yield new Slowdown.RoadClasses(
                            roadClasses(s.getRoadClasses().getClassesList()));
                } catch (BluelampException e) {
                    throw e.field().startsWith(prefix)
                            ? e
                            : new BluelampException(e.kind(), prefix + e.field(), prefix + e.getMessage(), e);
                }
            }
            case SCOPE_NOT_SET ->
                throw BluelampException.invalid(
                        prefix + "scope",
                        prefix + "scope is missing: give area_geojson (a GeoJSON Polygon) or road_classes");
        };
        return Slowdown.of(
                s.getId(),
                s.getReason(),
                scope,
                s.getSpeedFactor(),
                start(s.getStartEpochMillis(), nowMillis),
                end(s.getEndEpochMillis()),
                profiles(s.getProfilesList(), prefix + "profiles"),
                names(prefix));
    }

    static ListQuery list(ListConditionsRequest r, RequestRules rules) {
        if (r.getAtEpochMillis() < 0) {
            throw BluelampException.invalid(
                    "at_epoch_millis", "at_epoch_millis " + r.getAtEpochMillis() + " is before 1970 (0 means now)");
        }
        return new ListQuery(r.getAtEpochMillis() == 0 ? rules.nowMillis() : r.getAtEpochMillis(), r.getInForceOnly());
    }

    /** A recommendation's own closures, checked (at most {@code IncidentRequest.MAX_WHAT_IF_CLOSURES}). */
    static List<Closure> whatIf(List<RoadClosure> closures, long nowMillis, int max) {
        if (closures.size() > max) {
            throw BluelampException.invalid(
                    "what_if_closures",
                    "what_if_closures has " + closures.size() + " closures; a request may bring at most " + max);
        }
        java.util.List<Closure> out = new java.util.ArrayList<>();
        for (int i = 0; i < closures.size(); i++) {
            out.add(closure(closures.get(i), "what_if_closures[" + i + "].", nowMillis));
        }
        return out;
    }

    /** 0 means now: in force from the start. */
    private static long start(long epochMillis, long nowMillis) {
        return epochMillis;
    }

    private static long end(long epochMillis) {
        return epochMillis == 0 ? org.bluelamp.conditions.Condition.NO_END : epochMillis;
    }

    private static Set<TravelProfile> profiles(List<String> names, String field) {
        if (names.isEmpty()) {
            return EnumSet.allOf(TravelProfile.class);
        }
        Set<TravelProfile> out = EnumSet.noneOf(TravelProfile.class);
        for (int i = 0; i < names.size(); i++) {
            out.add(ConditionRules.profile(names.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static Set<RoadClass> roadClasses(List<String> names) {
        if (names.isEmpty()) {
            throw BluelampException.invalid(
                    "road_classes.classes",
                    "road_classes.classes is empty: name at least one road class, e.g. primary");
        }
        Set<RoadClass> out = EnumSet.noneOf(RoadClass.class);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            String field = "road_classes.classes[" + i + "]";
            out.add(RoadClass.find(n)
                    .orElseThrow(() -> BluelampException.invalid(
                            field,
                            field + " " + Echo.quote(n) + " is not a road class; e.g. "
                                    + String.join(
                                            ", ",
                                            List.of(
                                                            "motorway",
                                                            "trunk",
                                                            "primary",
                                                            "secondary",
                                                            "tertiary",
                                                            "residential",
                                                            "unclassified")
                                                    .stream()
                                                    .map(x -> x.toLowerCase(Locale.ROOT))
                                                    .toList()))));
        }
        return out;
    }
}
