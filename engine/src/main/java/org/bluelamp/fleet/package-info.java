/**
 * The fleet: units, statuses, capabilities, and their live state, history and spatial index.
 *
 * <ul>
 *   <li>Values: {@link org.bluelamp.fleet.UnitSpec}, {@link org.bluelamp.fleet.Unit},
 *       {@link org.bluelamp.fleet.UnitKind} (routing profile), {@link org.bluelamp.fleet.UnitStatus}
 *       (legal transitions), {@link org.bluelamp.fleet.StatusChange},
 *       {@link org.bluelamp.fleet.CapabilityRegistry} (codes as bits), {@link org.bluelamp.fleet.Fix}.
 *   <li>State: {@link org.bluelamp.fleet.FleetState} (the rules: registration, status
 *       transitions, which fix wins, history, learned intervals) over {@code UnitLines} (the
 *       storage: dense unit indexes, per-unit sequence-locked state lines, one read loop); one
 *       fix writer, lock-free readers; staleness ({@link org.bluelamp.fleet.StalenessPolicy});
 *       {@link org.bluelamp.fleet.PositionListener}s told of each new newest position on the fix
 *       writer (the dispatcher places units on the road graphs there);
 *       {@link org.bluelamp.fleet.StagedFixes}, a batch of fixes whose memory is read ahead before
 *       the fix writer records them.
 *   <li>Queries: {@link org.bluelamp.fleet.SpatialSearch} over a hashed uniform grid (box, radius,
 *       polygon, k-nearest), one per reading thread; the grid sized from where the units are by
 *       {@code GridSizing} and rebuilt on the fix writer as the fleet grows or spreads.
 * </ul>
 *
 * <p>Design notes, including why a grid, are in {@code docs/fleet-state.md}.
 */
package org.bluelamp.fleet;
