/**
 * Road conditions, between the road network and ranking in the data flow: closures (an area, a
 * circle, the road between two points) and slowdowns (an area or road classes, a speed factor),
 * each with an id, a reason, a window in force and the profiles it applies to; the weekly
 * time-of-day {@link org.bluelamp.conditions.CongestionProfile}; the spatial index over edges
 * that finds the roads an area touches ({@link org.bluelamp.conditions.EdgeIndex}); and
 * {@link org.bluelamp.conditions.RoadConditions}, which turns what is in force at an instant into
 * the per-edge closed bits and time factors every search takes
 * ({@link org.bluelamp.road.EdgeConditions}): the ranking's and coverage's alike. Conditions are
 * kept through a {@link org.bluelamp.conditions.ConditionsStore}: in memory by default, in Redis
 * (shared by replicas, restored at start) through {@code org.bluelamp.store.DurableConditions},
 * which keeps each condition as exact text fields ({@link org.bluelamp.conditions.ConditionFields}).
 *
 * <p>Threads: the readers from any number of threads; changes serialised; values immutable.
 */
package org.bluelamp.conditions;
