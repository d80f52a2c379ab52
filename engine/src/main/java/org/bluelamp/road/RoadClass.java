package org.bluelamp.road;

import java.util.Locale;
import java.util.Optional;

/**
 * The class of a road as OpenStreetMap's {@code highway} tag gives it (GraphHopper's
 * {@code road_class} encoded value, with the same names, so that a custom model can say
 * {@code road_class == PRIMARY} for the same roads). Road conditions use it for slowdowns of a
 * whole class and for the time-of-day congestion profile.
 */
public enum RoadClass {
    OTHER,
    MOTORWAY,
    TRUNK,
    PRIMARY,
    SECONDARY,
    TERTIARY,
    RESIDENTIAL,
    UNCLASSIFIED,
    SERVICE,
    ROAD,
    TRACK,
    BRIDLEWAY,
    STEPS,
    CYCLEWAY,
    PATH,
    LIVING_STREET,
    FOOTWAY,
    PEDESTRIAN,
    PLATFORM,
    CORRIDOR,
    CONSTRUCTION,
    BUSWAY;

    private static final RoadClass[] VALUES = values();

    /** The class with this ordinal (as stored per edge in a byte). */
    public static RoadClass ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The lower-case name used in files and the API, e.g. {@code primary}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class with this name, case-insensitively ({@code primary}, {@code PRIMARY}). */
    public static Optional<RoadClass> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (RoadClass c : VALUES) {
            if (c.name().equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
