package org.bluelamp.conditions;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;

/**
 * Roads slower than usual for a while: those in an area, or all roads of some classes. The factor
 * multiplies the roads' speed, in {@link ConditionRules#MIN_SPEED_FACTOR} to 1 (0.5 = half speed,
 * twice the time): the same number a GraphHopper custom model's {@code speed} statement would
 * {@code multiply_by}. Where several slowdowns cover a road, the slowest applies (they are not
 * multiplied together: two reports of the same jam must not count twice); the time-of-day
 * congestion profile applies on top. Immutable; checked in the constructor.
 *
 * @param id its id
 * @param reason why, for people; may be empty
 * @param scope which roads
 * @param speedFactor the speed multiplier
 * @param startEpochMillis when it takes effect (0: from the start)
 * @param endEpochMillis when it expires ({@link Condition#NO_END}: never)
 * @param profiles the travel profiles it slows
 */
public record Slowdown(
        String id,
        String reason,
        Scope scope,
        double speedFactor,
        long startEpochMillis,
        long endEpochMillis,
        Set<TravelProfile> profiles)
        implements Condition {

    /** Which roads a slowdown slows. */
    public sealed interface Scope permits Area, RoadClasses {}

    /** The roads whose lines intersect an area. */
    public record Area(ConditionArea area) implements Scope {
        public Area {
            Objects.requireNonNull(area, "area");
        }
    }

    /** Every road of these classes. */
    public record RoadClasses(Set<RoadClass> classes) implements Scope {
        public RoadClasses {
            if (classes == null || classes.isEmpty()) {
                throw BluelampException.invalid("roadClasses", "roadClasses is empty: name at least one road class");
            }
            classes = Set.copyOf(EnumSet.copyOf(classes));
        }
    }

    public Slowdown {
        id = ConditionRules.id(id, FieldNames.CANONICAL);
        reason = ConditionRules.reason(reason, FieldNames.CANONICAL);
        if (scope == null) {
            throw BluelampException.invalid("scope", "a slowdown needs an area or road classes");
        }
        ConditionRules.speedFactor(speedFactor, FieldNames.CANONICAL);
        ConditionRules.window(startEpochMillis, endEpochMillis, FieldNames.CANONICAL);
        profiles = ConditionRules.profiles(profiles, FieldNames.CANONICAL);
    }

    /** A slowdown checked with the caller's field names. */
    public static Slowdown of(
            String id,
            String reason,
            Scope scope,
            double speedFactor,
            long start,
            long end,
            Set<TravelProfile> profiles,
            FieldNames names) {
        ConditionRules.id(id, names);
        ConditionRules.reason(reason, names);
        ConditionRules.speedFactor(speedFactor, names);
        ConditionRules.window(start, end, names);
        ConditionRules.profiles(profiles, names);
        return new Slowdown(id, reason, scope, speedFactor, start, end, profiles);
    }

    @Override
    public String kind() {
        return "slowdown";
    }

    /** The time multiplier: 1 / speed factor. */
    public double timeFactor() {
        return 1 / speedFactor;
    }
}
