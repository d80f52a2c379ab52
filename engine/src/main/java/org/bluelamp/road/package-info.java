/**
 * The road network: GraphHopper import of an OpenStreetMap extract, the travel profiles
 * ({@code car}, {@code car_emergency}, {@code foot}, {@code bike}) with their contraction
 * hierarchies, snapping and placing points on roads (GraphHopper's location index, and
 * {@link org.bluelamp.road.EdgeSnapIndex}, the same answer over primitive arrays without allocation),
 * single routes (the oracle every reported travel time is checked against), and the engine's own
 * travel-time searches over primitive arrays, which know no GraphHopper type: the compact
 * {@link org.bluelamp.road.TravelTimeGraph}, the resumable {@link org.bluelamp.road.ManyToOneSearch}
 * (a backward Dijkstra, with closures) and {@link org.bluelamp.road.BucketManyToOneSearch} (one
 * upward search over GraphHopper's contraction hierarchy plus a scan of the units' buckets in
 * {@link org.bluelamp.road.SourceBuckets}, for sparse fleets on large networks), and one exact
 * route between two placements by A* with {@link org.bluelamp.road.Landmarks}
 * ({@link org.bluelamp.road.RouteSearch}, the simulator's unit movement). This package is the
 * engine's one door to GraphHopper; tests and benchmarks that compare with GraphHopper itself go
 * through {@link org.bluelamp.road.RoadNetwork#oracle()}. An import reports its phases to an
 * {@link org.bluelamp.road.ImportProgress} and leaves no half-written cache; folders of interrupted
 * imports are cleared by {@link org.bluelamp.road.StaleImports}. Graphs and indexes are built once
 * at start-up and are read-only and thread-safe afterwards; searches and snap results are one per
 * thread; the bucket store has one writer.
 */
package org.bluelamp.road;
