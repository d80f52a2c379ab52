package org.bluelamp.basemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadSketch;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * Tiles drawn from the real Monaco network: roads appear where the map has them (the Casino
 * square's tile is mostly road-coloured pixels near its centre), nothing is drawn far from the
 * map, tiles are cached, and names of tiles that cannot exist are refused.
 */
class TileRendererTest {
    private static final int BACKGROUND = 0xF2EFE9;

    private static int tileX(double lonDeg, int z) {
        return (int) Math.floor((lonDeg + 180) / 360 * (1 << z));
    }

    private static int tileY(double latDeg, int z) {
        double r = Math.toRadians(latDeg);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(256, image.getWidth());
        assertEquals(256, image.getHeight());
        return image;
    }

    private static int nonBackgroundPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != BACKGROUND) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theCasinoTileShowsRoadsAndTheOpenSeaNone() throws IOException {
        RoadNetwork monaco = TestMaps.monacoNetwork();
        RoadSketch sketch = monaco.sketch();
        assertTrue(sketch.edgeCount() > 1000, "Monaco has thousands of road edges: " + sketch.edgeCount());
        Basemap basemap = new Basemap(() -> sketch);
        int z = 16;
        byte[] casino = basemap.tile(z, tileX(7.4278, z), tileY(43.7393, z));
        int roads = nonBackgroundPixels(decode(casino));
        assertTrue(roads > 256 * 256 / 10, "roads cover part of the Casino tile: " + roads + " pixels");
        // far out at sea, south of Monaco: no road
        byte[] sea = basemap.tile(z, tileX(7.43, z), tileY(43.60, z));
        assertEquals(0, nonBackgroundPixels(decode(sea)));
        assertSame(casino, basemap.tile(z, tileX(7.4278, z), tileY(43.7393, z)), "kept, not drawn again");
    }

    @Test
    void onlyTilesThatExistAreDrawn() {
        assertTrue(TileRenderer.exists(0, 0, 0));
        assertFalse(TileRenderer.exists(3, 8, 0));
        assertFalse(TileRenderer.exists(-1, 0, 0));
        assertFalse(TileRenderer.exists(TileRenderer.MAX_ZOOM + 1, 0, 0));
        Basemap basemap = new Basemap(() -> {
            throw new AssertionError("no roads needed to refuse a tile");
        });
        assertThrows(IllegalArgumentException.class, () -> basemap.tile(2, 4, 0));
    }
}
