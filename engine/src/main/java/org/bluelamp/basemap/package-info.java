/**
 * The web console's basemap: raster tiles (256 px, Web Mercator, the {z}/{x}/{y} scheme of OSM
 * and Leaflet) drawn with Java2D from the engine's own road network ({@link org.bluelamp.road.RoadSketch}),
 * so the console needs no tile server and no internet. {@link org.bluelamp.basemap.TileRenderer}
 * draws one tile; {@link org.bluelamp.basemap.Basemap} keeps the most recently drawn tiles. Both
 * are thread-safe; drawing is CPU work and must run off the event loop.
 */
package org.bluelamp.basemap;
