/**
 * The road network: GraphHopper import of an OpenStreetMap extract, the travel profiles
 * ({@code car}, {@code car_emergency}, {@code foot}, {@code bike}) with their contraction
 * hierarchies, snapping points to roads (GraphHopper's location index, and {@code EdgeSnapIndex},
 * the same answer over primitive arrays without allocation), single routes (the oracle every
 * reported travel time is checked against), and the travel-time searches over primitive arrays:
 * {@code ManyToOneSearch} (a backward Dijkstra, with closures) and {@code BucketManyToOneSearch}
 * (one upward search over GraphHopper's contraction hierarchy plus a scan of the units' buckets in
 * {@code SourceBuckets}, for sparse fleets on large networks). Graphs and indexes are built once
 * at start-up and are read-only and thread-safe afterwards; searches and snap results are one per
 * thread; the bucket store has one writer.
 */
package org.bluelamp.road;
