package org.bluelamp.bench.synth;

/**
 * The OpenStreetMap {@code highway=*} classes the generator writes, in decreasing importance.
 *
 * <p>{@link #routeCostFactor()} is the cost multiplier the hierarchy routing applies to an
 * existing road of this class, so that later routes prefer and merge into roads already upgraded.
 */
enum Highway {
    MOTORWAY("motorway", 0.45),
    MOTORWAY_LINK("motorway_link", 0.9),
    TRUNK("trunk", 0.5),
    PRIMARY("primary", 0.55),
    SECONDARY("secondary", 0.65),
    TERTIARY("tertiary", 0.8),
    UNCLASSIFIED("unclassified", 1.0),
    RESIDENTIAL("residential", 1.0);

    private static final Highway[] VALUES = values();

    private final String osmValue;
    private final double routeCostFactor;

    Highway(String osmValue, double routeCostFactor) {
        this.osmValue = osmValue;
        this.routeCostFactor = routeCostFactor;
    }

    /** The value of the {@code highway} tag. */
    String osmValue() {
        return osmValue;
    }

    /** Multiplier on the length of an existing road of this class when routing new roads. */
    double routeCostFactor() {
        return routeCostFactor;
    }

    /** The class with this {@link #ordinal()}. */
    static Highway of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The more important of two classes (the lower ordinal). */
    static int moreImportant(int a, int b) {
        return Math.min(a, b);
    }
}
