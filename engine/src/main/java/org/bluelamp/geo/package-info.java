/**
 * Geographic value types and straight-line distances shared by every stage: {@link org.bluelamp.geo.GeoPoint} (a
 * checked WGS84 position), {@link org.bluelamp.geo.GeoBounds} (a latitude/longitude box) and
 * {@link org.bluelamp.geo.GeoDistance} (haversine and the equirectangular approximation the spatial index ranks by,
 * with its error stated). Immutable or stateless; thread-safe.
 */
package org.bluelamp.geo;
