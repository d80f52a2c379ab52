/**
 * Coverage for planners and for the live fleet: who can reach where within the grade's attendance
 * targets. One forward multi-source search per travel profile ({@link
 * org.bluelamp.road.ManyToAllSearch}, which sweeps the profile's contraction hierarchy when the
 * query has no road conditions) gives every road node its best response time and the number
 * of units within target; {@link org.bluelamp.coverage.CoverageEvaluator} turns that into shares of
 * road length and of demand, per beat, the worst-served places and MEXCLP expected coverage;
 * scenarios change a baseline deployment and are compared with it; placement proposes standby
 * points (greedy maximal covering and MEXCLP, exact optimum on small instances); move-up advice
 * ({@link org.bluelamp.coverage.MoveUpPlanner}) says which free units should move to which standby
 * posts when committed units leave holes. Outputs: reports,
 * GeoJSON coverage bands and PNG maps drawn from the road network.
 *
 * <p>Threads: {@link org.bluelamp.coverage.CoverageArea} is built once and read-only afterwards;
 * evaluators and covering-matrix workers hold their own search state (one per thread); reports,
 * scenarios and placements are immutable values.
 */
package org.bluelamp.coverage;
