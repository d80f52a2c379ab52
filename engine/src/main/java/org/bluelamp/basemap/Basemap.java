package org.bluelamp.basemap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bluelamp.road.RoadSketch;

/**
 * The basemap of one road network: tiles drawn on first request by a {@link TileRenderer} and kept,
 * the {@link #CACHED_TILES} most recently used, so that a console panning over the same area does
 * not redraw them. Tiles never change while the service runs (the road network is fixed).
 *
 * <p>Thread-safety: safe for any number of threads; two threads asking for the same uncached tile
 * may both draw it (the answers are identical).
 */
public final class Basemap {
    /** Tiles kept, about 10 KB each. */
    public static final int CACHED_TILES = 4096;

    /** The attribution every map drawn from OpenStreetMap data must carry. */
    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private final Supplier<RoadSketch> roads;
    private volatile TileRenderer renderer;
    private final Map<Long, byte[]> tiles = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHED_TILES;
        }
    };

    /**
     * The basemap of the roads {@code roads} gives, asked for them on the first tile (the shapes of
     * a large network take memory: a service whose console is never opened never reads them).
     */
    public Basemap(Supplier<RoadSketch> roads) {
        this.roads = roads;
    }

    private TileRenderer renderer() {
        TileRenderer r = renderer;
        if (r == null) {
            synchronized (this) {
                r = renderer;
                if (r == null) {
                    r = new TileRenderer(roads.get());
                    renderer = r;
                }
            }
        }
        return r;
    }

    /**
     * The PNG of tile {@code z/x/y}, drawn now if not kept. CPU work when not cached: call off the
     * event loop.
     *
     * @throws IllegalArgumentException when the tile does not exist ({@link TileRenderer#exists})
     */
    public byte[] tile(int z, int x, int y) {
        if (!TileRenderer.exists(z, x, y)) {
            throw new IllegalArgumentException("no tile " + z + "/" + x + "/" + y);
        }
        long key = ((long) z << 58) | ((long) x << 29) | y;
        synchronized (tiles) {
            byte[] png = tiles.get(key);
            if (png != null) {
                return png;
            }
        }
        byte[] png = renderer().png(z, x, y);
        synchronized (tiles) {
            tiles.put(key, png);
        }
        return png;
    }
}
