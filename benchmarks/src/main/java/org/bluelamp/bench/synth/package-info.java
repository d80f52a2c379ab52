/**
 * A deterministic, seeded generator of synthetic national-scale road networks, written as real
 * OpenStreetMap {@code .osm.pbf} files, and a report that compares any such file with a real one.
 *
 * <p>Benchmark code, not product code: it exists so that scaling can be measured beyond the real
 * maps on these machines (Rutland, 11.5k junctions; DIMACS New York, 264k). The data flows in one
 * direction, one class per stage:
 *
 * <ol>
 *   <li>{@link org.bluelamp.bench.synth.SettlementPlanner}: cities, towns and villages with
 *       Zipf-like sizes, placed without overlap in a UK-like area;</li>
 *   <li>{@link org.bluelamp.bench.synth.TownStreetGenerator}: each settlement's irregular street
 *       grid (warped, jittered, rotated lattice; random spanning tree plus extra streets;
 *       cul-de-sacs; one-way streets in the larger cores);</li>
 *   <li>{@link org.bluelamp.bench.synth.RuralRoadGenerator}: sparse rural lanes between the
 *       settlements (relative-neighbourhood graph plus some Gabriel edges, farm spurs);</li>
 *   <li>{@link org.bluelamp.bench.synth.RoadHierarchy}: tertiary, secondary, primary and trunk
 *       roads, made by routing between settlements of the matching rank over the lanes and
 *       upgrading what the routes use, so the hierarchy is embedded in the network;</li>
 *   <li>{@link org.bluelamp.bench.synth.MotorwayBuilder}: dual-carriageway motorways between the
 *       largest cities, with {@code motorway_link} slip roads only at junctions every few km;</li>
 *   <li>{@link org.bluelamp.bench.synth.Connectivity}: one connected network, strongly connected
 *       for cars (one-way streets that would cut it off are made two-way);</li>
 *   <li>{@link org.bluelamp.bench.synth.WayBuilder} and {@link org.bluelamp.bench.synth.OsmPbfWriter}:
 *       OSM ways and the streamed {@code .osm.pbf} file.</li>
 * </ol>
 *
 * <p>{@link org.bluelamp.bench.synth.SyntheticRoadNetwork} runs the stages and is the command-line
 * entry point; {@link org.bluelamp.bench.synth.RealismReport} imports a {@code .osm.pbf} into
 * GraphHopper and prints the statistics compared in {@code benchmarks/SYNTHETIC.md}.
 *
 * <p>Determinism: every random choice comes from a {@link java.util.SplittableRandom} derived from
 * the seed and the stage, iteration is over arrays (never hash-ordered collections), and
 * trigonometry uses {@link java.lang.StrictMath}, so the same seed and parameters give a
 * byte-identical file. Nothing here is thread-safe; one generation runs on one thread.
 */
package org.bluelamp.bench.synth;
