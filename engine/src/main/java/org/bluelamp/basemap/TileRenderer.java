package org.bluelamp.basemap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.bluelamp.road.RoadSketch;

/**
 * Draws one 256-pixel Web Mercator tile of the road network as a PNG: a light background, each road
 * as a white line with a grey casing, wider for more important classes and at closer zooms; paths
 * thin and dashed, and only from zoom 15; local roads only from zoom 13. Roads outside the tile
 * (with a margin for line widths) are skipped by their bounding boxes.
 *
 * <p>Thread-safety: immutable; each call draws into its own image.
 */
public final class TileRenderer {
    /** Tile edge, pixels. */
    public static final int TILE_PIXELS = 256;
    /** Deepest zoom drawn. */
    public static final int MAX_ZOOM = 20;

    private static final Color BACKGROUND = new Color(0xF2EFE9);
    private static final Color CASING = new Color(0xB8B2A7);
    private static final Color[] FILL = {
        new Color(0xF6C98F), new Color(0xFBE3A6), new Color(0xFFFFFF), new Color(0xFFFFFF), new Color(0x9C9488)
    };
    /** Line width in pixels at zoom 16 by class; scaled by a factor per zoom. */
    private static final float[] WIDTH_AT_16 = {9f, 8f, 7f, 5f, 1.2f};

    private final RoadSketch roads;

    /** A renderer of {@code roads}. */
    public TileRenderer(RoadSketch roads) {
        this.roads = roads;
    }

    /** Whether {@code z/x/y} names a tile: zoom 0 to {@link #MAX_ZOOM}, x and y within the zoom. */
    public static boolean exists(int z, int x, int y) {
        return z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z);
    }

    /**
     * The tile {@code z/x/y} as PNG bytes.
     *
     * @throws IllegalArgumentException when the tile does not exist (see {@link #exists})
     */
    public byte[] png(int z, int x, int y) {
        if (!exists(z, x, y)) {
            throw new IllegalArgumentException("no tile " + z + "/" + x + "/" + y);
        }
        BufferedImage image = new BufferedImage(TILE_PIXELS, TILE_PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, TILE_PIXELS, TILE_PIXELS);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            draw(g, z, x, y);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void draw(Graphics2D g, int z, int x, int y) {
        double worldPixels = (double) TILE_PIXELS * (1L << z);
        double originX = (double) x * TILE_PIXELS;
        double originY = (double) y * TILE_PIXELS;
        double scale = Math.pow(2, (z - 16) * 0.75);
        int margin = 12;
        double west = lon(originX - margin, worldPixels);
        double east = lon(originX + TILE_PIXELS + margin, worldPixels);
        double north = lat(originY - margin, worldPixels);
        double south = lat(originY + TILE_PIXELS + margin, worldPixels);
        int lowestClass =
                z >= 15 ? RoadSketch.CLASS_PATH : z >= 13 ? RoadSketch.CLASS_LOCAL : RoadSketch.CLASS_SECONDARY;
        Path2D.Double[] byClass = new Path2D.Double[RoadSketch.CLASS_PATH + 1];
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new Path2D.Double();
        }
        for (int e = 0; e < roads.edgeCount(); e++) {
            int c = roads.roadClass(e);
            if (c > lowestClass || !roads.meets(e, south, west, north, east)) {
                continue;
            }
            Path2D.Double path = byClass[c];
            for (int p = roads.firstPoint(e); p < roads.endPoint(e); p++) {
                double px = pixelX(roads.lonDeg(p), worldPixels) - originX;
                double py = pixelY(roads.latDeg(p), worldPixels) - originY;
                if (p == roads.firstPoint(e)) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
        }
        float pathWidth = (float) Math.max(0.8, WIDTH_AT_16[RoadSketch.CLASS_PATH] * Math.min(1.5, scale));
        g.setColor(FILL[RoadSketch.CLASS_PATH]);
        g.setStroke(
                new BasicStroke(pathWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 2f}, 0f));
        g.draw(byClass[RoadSketch.CLASS_PATH]);
        // casings of every class first, then fills from the least to the most important class
        for (int c = RoadSketch.CLASS_LOCAL; c >= 0; c--) {
            float w = width(c, scale);
            g.setColor(CASING);
            g.setStroke(new BasicStroke(w + 1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(byClass[c]);
        }
        for (int c = RoadSketch.CLASS_LOCAL; c >= 0; c--) {
            g.setColor(FILL[c]);
            g.setStroke(new BasicStroke(width(c, scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(byClass[c]);
        }
    }

    private static float width(int roadClass, double scale) {
        return (float) Math.max(1.0, WIDTH_AT_16[roadClass] * scale);
    }

    private static double pixelX(double lonDeg, double worldPixels) {
        return (lonDeg + 180) / 360 * worldPixels;
    }

    private static double pixelY(double latDeg, double worldPixels) {
        double sin = Math.sin(Math.toRadians(latDeg));
        return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldPixels;
    }

    private static double lon(double pixelX, double worldPixels) {
        return Math.max(-180, Math.min(180, pixelX / worldPixels * 360 - 180));
    }

    private static double lat(double pixelY, double worldPixels) {
        double n = Math.PI - 2 * Math.PI * pixelY / worldPixels;
        return Math.max(-85.06, Math.min(85.06, Math.toDegrees(Math.atan(Math.sinh(n)))));
    }
}
