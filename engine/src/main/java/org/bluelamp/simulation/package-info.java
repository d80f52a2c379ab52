/**
 * The shift simulator: a seeded, deterministic discrete-event simulation of days of incidents on a
 * real road network, driving the engine's own ranking ({@code dispatch.Dispatcher} over a
 * {@code fleet.FleetState} fed with simulated radio reports), to compare dispatch policies on the
 * same demand. The flow: a {@link org.bluelamp.simulation.Scenario} and a road network make a
 * {@link org.bluelamp.simulation.SimulationWorld} (graphs, patrol graphs, demand points, stations),
 * each {@link org.bluelamp.simulation.Simulation} run (one policy, one seed) yields a
 * {@link org.bluelamp.simulation.RunResult}; {@code simulation.report} turns runs into metrics with
 * confidence intervals, JSON and plots.
 *
 * <p>Threads: a run is single-threaded; runs of one world may go on in parallel (the world is
 * immutable).
 */
package org.bluelamp.simulation;
