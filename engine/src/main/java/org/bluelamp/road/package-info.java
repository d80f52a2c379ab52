/**
 * The road network: GraphHopper import of an OpenStreetMap extract, the travel profiles
 * ({@code car}, {@code car_emergency}, {@code foot}, {@code bike}) with their contraction
 * hierarchies, snapping points to roads, and single routes (the oracle every reported travel
 * time is checked against). An import reports its phases to an
 * {@link org.bluelamp.road.ImportProgress} and leaves no half-written cache; folders of interrupted
 * imports are cleared by {@link org.bluelamp.road.StaleImports}. Built once at start-up; read-only
 * and thread-safe afterwards.
 */
package org.bluelamp.road;
