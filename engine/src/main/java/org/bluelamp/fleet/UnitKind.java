package org.bluelamp.fleet;

/**
 * What a unit is, and so which road network it travels on.
 *
 * <p>Each kind maps to a routing profile name understood by the road package: vans and motorcycles
 * drive on the car network. The dispatcher may swap {@code "car"} for {@code "car_emergency"} under
 * blue lights; that choice belongs to the grade policy, not to the unit.
 *
 * <p>Thread-safety: immutable.
 */
public enum UnitKind {
    /** Marked or unmarked car. */
    CAR("car"),
    /** Van, e.g. a public order carrier; routed as a car. */
    VAN("car"),
    /** Motorcycle; routed as a car. */
    MOTORCYCLE("car"),
    /** Officer on foot. */
    FOOT("foot"),
    /** Cycle patrol. */
    BICYCLE("bike");

    private final String routingProfile;

    UnitKind(String routingProfile) {
        this.routingProfile = routingProfile;
    }

    /** The routing profile this kind normally travels on: {@code "car"}, {@code "foot"} or {@code "bike"}. */
    public String routingProfile() {
        return routingProfile;
    }
}
