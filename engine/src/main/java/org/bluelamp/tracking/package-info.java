/**
 * Tracking: GPS fixes from the radio gateway into the fleet state.
 *
 * <p>{@link org.bluelamp.tracking.FixIntake} validates each fix at the boundary (coordinates,
 * times against an injectable clock, accuracy, speed, heading, unit known) and records valid ones
 * into {@link org.bluelamp.fleet.FleetState}, which orders them (never moving a unit back in time)
 * and drops duplicates. Every fix ends with one {@link org.bluelamp.fleet.FixOutcome}; rejections
 * carry a {@link org.bluelamp.tracking.RejectReason} and a message naming the field, and are
 * counted per reason in {@link org.bluelamp.tracking.IntakeCounters}.
 *
 * <p>Threading: the intake is single-writer (one thread applies fixes); its counters and the fleet
 * are readable from any thread. The TETRA LIP decoder lives in the {@code lip} subpackage.
 */
package org.bluelamp.tracking;
