package org.bluelamp.conditions;

import java.util.Objects;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.TravelProfile;

/**
 * Roads that may not be travelled: those in an area, those within a radius of a point, or the
 * road between two points (the edges of the route between them). Immutable; checked in the
 * constructor (errors name the engine's field names; {@link #of} names the caller's).
 *
 * @param id its id (the id rule of {@code org.bluelamp.input.Ids})
 * @param reason why, for people; may be empty
 * @param place what is closed
 * @param startEpochMillis when it takes effect (0: from the start)
 * @param endEpochMillis when it expires ({@link Condition#NO_END}: never)
 * @param profiles the travel profiles it closes roads to (e.g. a flood closes roads to cars and
 *     bikes, not to officers on foot)
 */
public record Closure(
        String id, String reason, Place place, long startEpochMillis, long endEpochMillis, Set<TravelProfile> profiles)
        implements Condition {

    /** What a closure closes. */
    public sealed interface Place permits Area, Circle, Road {}

    /** The roads whose lines intersect an area. */
    public record Area(ConditionArea area) implements Place {
        public Area {
            Objects.requireNonNull(area, "area");
        }
    }

    /** The roads within a radius of a point (the circle drawn as {@link ConditionArea#circle}). */
    public record Circle(GeoPoint centre, double radiusMetres, ConditionArea area) implements Place {
        public Circle {
            Objects.requireNonNull(centre, "centre");
            Objects.requireNonNull(area, "area");
        }

        /** The circle around {@code centre}; INVALID_ARGUMENT naming {@code radiusField} for a bad radius. */
        public static Circle of(GeoPoint centre, double radiusMetres, String radiusField) {
            return new Circle(centre, radiusMetres, ConditionArea.circle(centre, radiusMetres, radiusField));
        }
    }

    /**
     * The road between two points: the edges of the fastest route between them (with the first
     * profile of the closure in the order car, car_emergency, bike, foot, without conditions), the
     * edges the two points lie on included.
     */
    public record Road(GeoPoint from, GeoPoint to) implements Place {
        public Road {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    public Closure {
        id = ConditionRules.id(id, FieldNames.CANONICAL);
        reason = ConditionRules.reason(reason, FieldNames.CANONICAL);
        if (place == null) {
            throw BluelampException.invalid("place", "a closure needs an area, a circle or a road");
        }
        ConditionRules.window(startEpochMillis, endEpochMillis, FieldNames.CANONICAL);
        profiles = ConditionRules.profiles(profiles, FieldNames.CANONICAL);
    }

    /** A closure checked with the caller's field names. */
    public static Closure of(
            String id,
            String reason,
            Place place,
            long start,
            long end,
            Set<TravelProfile> profiles,
            FieldNames names) {
        ConditionRules.id(id, names);
        ConditionRules.reason(reason, names);
        ConditionRules.window(start, end, names);
        ConditionRules.profiles(profiles, names);
        return new Closure(id, reason, place, start, end, profiles);
    }

    @Override
    public String kind() {
        return "closure";
    }

    /** The area it closes, or null for a road between two points. */
    public ConditionArea area() {
        return switch (place) {
            case Area a -> a.area();
            case Circle c -> c.area();
            case Road r -> null;
        };
    }
}
