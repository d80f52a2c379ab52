package org.bluelamp.fleet;

/**
 * Which units a spatial query may return, by dense unit index; e.g. "available and armed". Called
 * from the querying thread only, and only for units already inside the query's area (for
 * {@link SpatialSearch#nearest}, only for units close enough to enter the result).
 */
@FunctionalInterface
public interface UnitFilter {
    /** Every unit. */
    UnitFilter ALL = unitIndex -> true;

    /** Whether the unit with this index may be returned. */
    boolean test(int unitIndex);
}
