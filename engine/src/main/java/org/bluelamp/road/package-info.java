/**
 * The road network: GraphHopper import of an OpenStreetMap extract, the travel profiles
 * ({@code car}, {@code car_emergency}, {@code foot}, {@code bike}) with their contraction
 * hierarchies, snapping and placing points on roads, and single routes (the oracle every reported
 * travel time is checked against); and the engine's own search: the compact
 * {@link org.bluelamp.road.TravelTimeGraph} (primitive arrays, no GraphHopper type) and the
 * resumable {@link org.bluelamp.road.ManyToOneSearch} over it. This package is the engine's one
 * door to GraphHopper; tests and benchmarks that compare with GraphHopper itself go through
 * {@link org.bluelamp.road.RoadNetwork#oracle()}. Built once at start-up; read-only and
 * thread-safe afterwards, except searches (one per thread). An import reports its phases to an
 * {@link org.bluelamp.road.ImportProgress} and leaves no half-written cache; folders of interrupted
 * imports are cleared by {@link org.bluelamp.road.StaleImports}.
 */
package org.bluelamp.road;
