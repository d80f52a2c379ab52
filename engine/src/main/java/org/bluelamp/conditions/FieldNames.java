package org.bluelamp.conditions;

/**
 * How the caller spelt the fields of a condition, so that an error names the field the caller
 * wrote: the engine's canonical names ({@code id}, {@code reason}, {@code area},
 * {@code circle.radiusMetres}, {@code road.from}, {@code startEpochMillis}, {@code endEpochMillis},
 * {@code profiles}, {@code speedFactor}, {@code roadClasses}) are turned into the contract's
 * ({@code closure.end_epoch_millis}) or a file's ({@code features[3].properties.end}).
 */
@FunctionalInterface
public interface FieldNames {
    /** The engine's own names. */
    FieldNames CANONICAL = canonical -> canonical;

    /** The caller's name for a canonical field name. */
    String of(String canonical);
}
