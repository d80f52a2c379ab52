package org.bluelamp.fleet;

/**
 * A registered unit: its spec with the dense index the fleet gave it and its capability mask.
 *
 * <p>Unit indexes run from 0 to {@link FleetState#unitCount()} - 1 in registration order and never
 * change, so per-unit data in ranking and coverage can live in primitive arrays indexed by them.
 *
 * @param unitIndex dense index, 0-based
 * @param spec what the unit is
 * @param capabilityMask the spec's capabilities as bits of the fleet's {@link CapabilityRegistry}
 *
 * <p>Thread-safety: immutable.
 */
public record Unit(int unitIndex, UnitSpec spec, long capabilityMask) {

    /** The unit's id. */
    public String id() {
        return spec.id();
    }

    /** What the unit is. */
    public UnitKind kind() {
        return spec.kind();
    }

    /** Whether the unit has every capability in {@code requiredMask}. */
    public boolean hasAll(long requiredMask) {
        return (capabilityMask & requiredMask) == requiredMask;
    }
}
