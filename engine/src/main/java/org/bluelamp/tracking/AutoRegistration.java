package org.bluelamp.tracking;

import java.util.Objects;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;

/**
 * How the intake registers a radio it does not know, instead of rejecting its fixes: as a
 * single-crewed unit of {@code kind} without capabilities, its id as call sign, in
 * {@code initialStatus} (default {@link UnitStatus#OFF_DUTY}: visible on the map, not deployable
 * until a dispatcher books it on). Only fixes that pass every other check register a unit.
 *
 * @param kind the kind given to the new unit
 * @param initialStatus its first status
 *
 * <p>Thread-safety: immutable.
 */
public record AutoRegistration(UnitKind kind, UnitStatus initialStatus) {

    /** Requires both. */
    public AutoRegistration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(initialStatus, "initialStatus");
    }

    /** Unknown radios become off-duty cars. */
    public static AutoRegistration offDutyCars() {
        return new AutoRegistration(UnitKind.CAR, UnitStatus.OFF_DUTY);
    }
}
