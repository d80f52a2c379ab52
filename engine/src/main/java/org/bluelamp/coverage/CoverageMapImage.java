package org.bluelamp.coverage;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.road.TravelTimeGraph;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Draws a coverage map from the road network itself with Java2D: every road of the network coverage
 * is measured on, coloured by its response time (the bands of {@link CoverageReport#BAND_NAMES},
 * cut exactly where the time crosses a band's limit, faster roads drawn wider), roads never reached
 * in grey; roads a scenario closes as black dashes on a white casing and roads it slows as purple
 * dots (each with a legend line, only when there are any), and each closure's area (its polygon or
 * circle) outlined in black dashes over a faint grey wash, with a legend line; beats outlined and named; stations as
 * squares and units as discs with their ids; the worst-served places numbered; a title with the
 * shares, a legend, a scale bar, a north arrow and the OpenStreetMap attribution. PNG, at the size
 * asked for.
 *
 * <p>Stateless apart from scratch state; one instance per thread.
 */
public final class CoverageMapImage {
    private static final Color PAPER = new Color(0xf7f6f2);
    private static final Color INK = new Color(0x222222);
    private static final Color BEAT = new Color(0x3a3a8c);
    private static final Color UNIT = new Color(0x0b5cad);
    private static final Color STATION = new Color(0x1f3b73);
    private static final Color WORST = new Color(0x7b0000);
    /** Closed roads: black dashes on a white casing, unlike any band colour. */
    static final String CLOSED_COLOUR = "#111111";
    /** Slowed roads: purple dots beside the band colour. */
    static final String SLOWED_COLOUR = "#6a3d9a";

    private static final String ATTRIBUTION = "Map data © OpenStreetMap contributors (ODbL 1.0)";

    private final EdgeShape shape = new EdgeShape();

    /**
     * Draws the evaluator's last run as a PNG.
     *
     * @param widthPixels image width, 600 to 6000
     * @param heightPixels image height, 400 to 6000
     */
    public void write(
            CoverageEvaluator evaluator,
            CoverageReport report,
            Deployment deployment,
            int widthPixels,
            int heightPixels,
            OutputStream out) {
        write(evaluator, report, deployment, List.of(), widthPixels, heightPixels, out);
    }

    /**
     * Draws the evaluator's last run as a PNG with the closures' areas outlined.
     *
     * @param closureAreas the areas (polygons or circles) of the scenario's closures, WGS84; empty
     *     for none
     * @param widthPixels image width, 600 to 6000
     * @param heightPixels image height, 400 to 6000
     */
    public void write(
            CoverageEvaluator evaluator,
            CoverageReport report,
            Deployment deployment,
            List<ConditionArea> closureAreas,
            int widthPixels,
            int heightPixels,
            OutputStream out) {
        if (widthPixels < 600 || widthPixels > 6000 || heightPixels < 400 || heightPixels > 6000) {
            throw new IllegalArgumentException(
                    "image size " + widthPixels + "x" + heightPixels + " is outside 600x400 to 6000x6000");
        }
        BufferedImage img = draw(evaluator, report, deployment, closureAreas, widthPixels, heightPixels);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The projection of the map: WGS84 to pixels, equirectangular at the map's middle latitude. */
    private record View(
            double minLon, double maxLat, double pixelsPerDegLat, double pixelsPerDegLon, double x0, double y0) {
        double x(double lon) {
            return x0 + (lon - minLon) * pixelsPerDegLon;
        }

        double y(double lat) {
            return y0 + (maxLat - lat) * pixelsPerDegLat;
        }
    }

    BufferedImage draw(CoverageEvaluator ev, CoverageReport report, Deployment d, int w, int h) {
        return draw(ev, report, d, List.of(), w, h);
    }

    BufferedImage draw(
            CoverageEvaluator ev, CoverageReport report, Deployment d, List<ConditionArea> closureAreas, int w, int h) {
        CoverageArea area = ev.area();
        TravelTimeGraph graph = area.graph(area.roadProfile());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(PAPER);
            g.fillRect(0, 0, w, h);
            double scale = w / 1600.0;
            int titleHeight = (int) (78 * scale);
            int panel = (int) (330 * scale); // the legend's own column, so that it never hides a road
            View view = view(area, graph, d, w - panel, h, titleHeight, scale);
            drawRoads(g, ev, area, graph, view, scale);
            RoadChanges changes = drawConditions(g, ev, area, graph, view, scale);
            drawBeats(g, area, view, scale);
            drawWorst(g, report, view, scale);
            drawStations(g, d, view, scale);
            drawUnits(g, d, report, view, scale);
            int outlined = drawClosureAreas(g, closureAreas, view, scale);
            drawTitle(g, report, w, titleHeight, scale);
            drawLegend(g, report, changes, outlined, w, h, titleHeight, scale);
            drawScale(g, view, h, scale);
            drawAttribution(g, w, h, scale);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static View view(
            CoverageArea area, TravelTimeGraph graph, Deployment d, int w, int h, int top, double scale) {
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < area.edgeCount(); e++) {
            if (!area.isMainEdge(e)) {
                continue;
            }
            for (int n : new int[] {graph.edgeBase(e), graph.edgeAdj(e)}) {
                minLat = Math.min(minLat, graph.nodeLatDeg(n));
                maxLat = Math.max(maxLat, graph.nodeLatDeg(n));
                minLon = Math.min(minLon, graph.nodeLonDeg(n));
                maxLon = Math.max(maxLon, graph.nodeLonDeg(n));
            }
        }
        for (PlannedUnit u : d.units()) {
            minLat = Math.min(minLat, u.position().latDeg());
            maxLat = Math.max(maxLat, u.position().latDeg());
            minLon = Math.min(minLon, u.position().lonDeg());
            maxLon = Math.max(maxLon, u.position().lonDeg());
        }
        if (!(minLat <= maxLat)) {
            minLat = maxLat = 0;
            minLon = maxLon = 0;
        }
        double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double spanLat = Math.max(1e-4, maxLat - minLat);
        double spanLon = Math.max(1e-4, maxLon - minLon);
        double margin = 24 * scale;
        double availW = w - 2 * margin;
        double availH = h - top - 2 * margin - 20 * scale;
        double k = Math.min(availW / (spanLon * cos), availH / spanLat);
        double x0 = margin + (availW - spanLon * cos * k) / 2;
        double y0 = top + margin + (availH - spanLat * k) / 2;
        return new View(minLon, maxLat, k, k * cos, x0, y0);
    }

    private void drawRoads(
            Graphics2D g, CoverageEvaluator ev, CoverageArea area, TravelTimeGraph graph, View v, double scale) {
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        List<Color> colours = new ArrayList<>();
        for (String c : CoverageGeoJson.BAND_COLOURS) {
            colours.add(Color.decode(c));
        }
        // three passes, minor roads first so that main roads stay on top
        for (int pass = 0; pass < 3; pass++) {
            float width = (float) (scale * (pass == 0 ? 1.3 : pass == 1 ? 2.3 : 3.6));
            BasicStroke stroke = new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            g.setStroke(stroke);
            for (int e = 0; e < area.edgeCount(); e++) {
                double length = graph.edgeDistanceMetres(e);
                if (!area.isMainEdge(e) || length <= 0 || speedClass(graph, e) != pass) {
                    continue;
                }
                EdgePieces pc = ev.fillPieces(e);
                shape.set(area.roads().edgeGeometry(e), length);
                // never reached in grey, then each band from the slowest to the fastest over it
                g.setColor(colours.get(limits.length + 1));
                draw(g, v, 0, length);
                for (int b = limits.length; b >= 0; b--) {
                    double within = b == limits.length ? Double.POSITIVE_INFINITY : limits[b] * 60_000.0;
                    int n = pc.intervals(within);
                    if (n == 0) {
                        break;
                    }
                    g.setColor(colours.get(b));
                    for (int i = 0; i < n; i++) {
                        draw(g, v, pc.low(i), pc.high(i));
                    }
                }
            }
        }
    }

    /** Kilometres of main road closed and slowed in the drawn run. */
    record RoadChanges(double closedKm, double slowedKm) {}

    /** Closed roads as black dashes on a white casing, slowed roads as purple dots, over the bands. */
    private RoadChanges drawConditions(
            Graphics2D g, CoverageEvaluator ev, CoverageArea area, TravelTimeGraph graph, View v, double scale) {
        EdgeConditions c = ev.roadConditions();
        if (c.isNone()) {
            return new RoadChanges(0, 0);
        }
        long[] closed = c.closedEdges();
        double[] factors = c.timeFactors();
        double closedM = 0;
        double slowedM = 0;
        BasicStroke casing = new BasicStroke((float) (5 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
        BasicStroke dashes = new BasicStroke(
                (float) (3 * scale),
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND,
                10,
                new float[] {(float) (7 * scale), (float) (4 * scale)},
                0);
        BasicStroke dots = new BasicStroke(
                (float) (3 * scale),
                BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND,
                10,
                new float[] {0.1f, (float) (6 * scale)},
                0);
        for (int e = 0; e < area.edgeCount(); e++) {
            double length = graph.edgeDistanceMetres(e);
            if (!area.isMainEdge(e) || length <= 0) {
                continue;
            }
            boolean isClosed = closed != null && (closed[e >>> 6] & (1L << e)) != 0;
            boolean isSlowed = !isClosed && factors != null && factors[e] > 1 + 1e-9;
            if (!isClosed && !isSlowed) {
                continue;
            }
            shape.set(area.roads().edgeGeometry(e), length);
            if (isClosed) {
                closedM += length;
                g.setColor(Color.WHITE);
                g.setStroke(casing);
                draw(g, v, 0, length);
                g.setColor(Color.decode(CLOSED_COLOUR));
                g.setStroke(dashes);
            } else {
                slowedM += length;
                g.setColor(Color.decode(SLOWED_COLOUR));
                g.setStroke(dots);
            }
            draw(g, v, 0, length);
        }
        return new RoadChanges(closedM / 1000, slowedM / 1000);
    }

    /** 0 for minor roads, 1 for roads of 50 km/h or more, 2 for 80 km/h or more (by the faster direction). */
    private static int speedClass(TravelTimeGraph g, int e) {
        int fwd = g.edgeFwdMillis(e);
        int bwd = g.edgeBwdMillis(e);
        int ms = Math.min(
                fwd == TravelTimeGraph.CLOSED ? Integer.MAX_VALUE : fwd,
                bwd == TravelTimeGraph.CLOSED ? Integer.MAX_VALUE : bwd);
        if (ms == Integer.MAX_VALUE || ms <= 0 || g.edgeDistanceMetres(e) < 30) {
            return 0;
        }
        double kmh = g.edgeDistanceMetres(e) / ms * 3600;
        return kmh >= 80 ? 2 : kmh >= 50 ? 1 : 0;
    }

    private void draw(Graphics2D g, View v, double from, double to) {
        Path2D.Double path = new Path2D.Double();
        boolean[] first = {true};
        shape.cut(from, to, (lat, lon) -> {
            if (first[0]) {
                path.moveTo(v.x(lon), v.y(lat));
                first[0] = false;
            } else {
                path.lineTo(v.x(lon), v.y(lat));
            }
        });
        g.draw(path);
    }

    private static BasicStroke closureOutline(double scale) {
        return new BasicStroke(
                (float) (2.2 * scale),
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND,
                10,
                new float[] {(float) (9 * scale), (float) (5 * scale)},
                0);
    }

    /** Each closure's area: a faint grey wash and a black dashed outline; returns how many were drawn. */
    private static int drawClosureAreas(Graphics2D g, List<ConditionArea> areas, View v, double scale) {
        int drawn = 0;
        for (ConditionArea a : areas) {
            Geometry geom = a.polygon();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                if (!(geom.getGeometryN(i) instanceof Polygon p)) {
                    continue;
                }
                Path2D outline = ring(p.getExteriorRing().getCoordinates(), v);
                g.setColor(new Color(0, 0, 0, 28));
                g.fill(outline);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke((float) (4.2 * scale)));
                g.draw(outline);
                g.setColor(Color.decode(CLOSED_COLOUR));
                g.setStroke(closureOutline(scale));
                g.draw(outline);
                Rectangle2D box = outline.getBounds2D();
                double cx = box.getCenterX();
                double cy = box.getCenterY();
                double r = Math.max(box.getWidth(), box.getHeight()) / 2;
                Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) (14 * scale));
                if (r < 20 * scale) {
                    // too small to see at this scale: ring it so that the reader finds it
                    double ring = 26 * scale;
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke((float) (4.2 * scale)));
                    g.draw(new Ellipse2D.Double(cx - ring, cy - ring, 2 * ring, 2 * ring));
                    g.setColor(Color.decode(CLOSED_COLOUR));
                    g.setStroke(closureOutline(scale));
                    g.draw(new Ellipse2D.Double(cx - ring, cy - ring, 2 * ring, 2 * ring));
                    r = ring;
                }
                g.setFont(font);
                FontMetrics fm = g.getFontMetrics();
                double textX = cx - r - 6 * scale - fm.stringWidth("closed");
                label(g, "closed", textX, cy + fm.getAscent() / 2.0, font, Color.decode(CLOSED_COLOUR), false);
                drawn++;
            }
        }
        return drawn;
    }

    private static void drawBeats(Graphics2D g, CoverageArea area, View v, double scale) {
        List<Beats.Beat> beats = area.beats().list();
        if (beats.isEmpty()) {
            return;
        }
        g.setStroke(new BasicStroke((float) (2.4 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(BEAT.getRed(), BEAT.getGreen(), BEAT.getBlue(), 150));
        for (Beats.Beat b : beats) {
            for (int i = 0; i < b.polygon().getNumGeometries(); i++) {
                if (b.polygon().getGeometryN(i) instanceof Polygon p) {
                    g.draw(ring(p.getExteriorRing().getCoordinates(), v));
                }
            }
        }
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) (17 * scale));
        for (Beats.Beat b : beats) {
            Geometry geom = b.polygon();
            Point at = geom.getInteriorPoint();
            label(g, b.name(), v.x(at.getX()), v.y(at.getY()), font, BEAT, true);
        }
    }

    private static Path2D ring(Coordinate[] cs, View v) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < cs.length; i++) {
            if (i == 0) {
                p.moveTo(v.x(cs[i].x), v.y(cs[i].y));
            } else {
                p.lineTo(v.x(cs[i].x), v.y(cs[i].y));
            }
        }
        p.closePath();
        return p;
    }

    private static void drawStations(Graphics2D g, Deployment d, View v, double scale) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) (14 * scale));
        double s = 15 * scale;
        for (Station st : d.stations().values()) {
            double x = v.x(st.position().lonDeg());
            double y = v.y(st.position().latDeg());
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(x - s / 2 - 2 * scale, y - s / 2 - 2 * scale, s + 4 * scale, s + 4 * scale));
            g.setColor(STATION);
            g.fill(new Rectangle2D.Double(x - s / 2, y - s / 2, s, s));
            StringBuilder based = new StringBuilder();
            for (PlannedUnit u : d.units()) {
                if (u.station().equals(st.id())) {
                    based.append(based.isEmpty() ? ": " : ", ").append(u.id());
                }
            }
            label(g, st.name() + based, x + s / 2 + 5 * scale, y - s / 2 - 3 * scale, font, STATION, false);
        }
    }

    private static void drawUnits(Graphics2D g, Deployment d, CoverageReport report, View v, double scale) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) (12 * scale));
        double r = 6.5 * scale;
        for (int u = 0; u < d.units().size(); u++) {
            PlannedUnit unit = d.units().get(u);
            boolean counted = report.units().get(u).counted();
            double x = v.x(unit.position().lonDeg());
            double y = v.y(unit.position().latDeg());
            // units at a station stand beside it, one after another, so that each stays visible
            if (!unit.station().isEmpty()) {
                int i = 0;
                for (int o = 0; o < u; o++) {
                    if (d.units().get(o).station().equals(unit.station())) {
                        i++;
                    }
                }
                x += (14 + 13 * i) * scale;
                y += 14 * scale;
            }
            Ellipse2D disc = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (2.5 * scale)));
            g.draw(disc);
            g.setColor(counted ? UNIT : new Color(0x9a9a9a));
            g.fill(disc);
            if (unit.station().isEmpty()) {
                label(g, unit.id(), x + r + 3 * scale, y + r + 9 * scale, font, counted ? UNIT : Color.GRAY, false);
            }
        }
    }

    private static void drawWorst(Graphics2D g, CoverageReport report, View v, double scale) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, (int) (13 * scale));
        double s = 6 * scale;
        int rank = 1;
        for (CoverageReport.WorstPlace p : report.worst()) {
            double x = v.x(p.lonDeg());
            double y = v.y(p.latDeg());
            g.setStroke(new BasicStroke((float) (5 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(Color.WHITE);
            g.draw(new java.awt.geom.Line2D.Double(x - s, y - s, x + s, y + s));
            g.draw(new java.awt.geom.Line2D.Double(x - s, y + s, x + s, y - s));
            g.setStroke(new BasicStroke((float) (2.5 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(WORST);
            g.draw(new java.awt.geom.Line2D.Double(x - s, y - s, x + s, y + s));
            g.draw(new java.awt.geom.Line2D.Double(x - s, y + s, x + s, y - s));
            label(g, String.valueOf(rank++), x + s + 2 * scale, y - s, font, WORST, false);
        }
    }

    private static void drawTitle(Graphics2D g, CoverageReport r, int w, int top, double scale) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, top);
        g.setColor(new Color(0xd0d0d0));
        g.fillRect(0, top - 1, w, 1);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (24 * scale)));
        g.drawString(r.name(), (int) (20 * scale), (int) (32 * scale));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) (16 * scale)));
        StringBuilder sub = new StringBuilder(String.format(
                Locale.ROOT,
                "Grade %s (%s) response, target %s min urban / %s min rural:  %.1f%% of roads and %.1f%% of demand"
                        + " within target",
                r.gradeCode(),
                r.gradeName(),
                minutes(r.urbanTargetSeconds()),
                minutes(r.ruralTargetSeconds()),
                100 * r.road().share(),
                100 * r.demand().share()));
        if (!Double.isNaN(r.demand().expectedShare())) {
            sub.append(String.format(
                    Locale.ROOT,
                    ";  expected %.1f%% with units busy %.0f%% of the time",
                    100 * r.demand().expectedShare(),
                    100 * r.demand().busyFraction()));
        }
        g.drawString(sub.toString(), (int) (20 * scale), (int) (60 * scale));
    }

    private static String minutes(double seconds) {
        return seconds % 60 == 0
                ? String.valueOf((long) (seconds / 60))
                : String.format(Locale.ROOT, "%.1f", seconds / 60);
    }

    private static void drawLegend(
            Graphics2D g, CoverageReport r, RoadChanges changes, int outlined, int w, int h, int top, double scale) {
        Font head = new Font(Font.SANS_SERIF, Font.BOLD, (int) (15 * scale));
        Font body = new Font(Font.SANS_SERIF, Font.PLAIN, (int) (14 * scale));
        int lineH = (int) (22 * scale);
        int boxW = (int) (306 * scale);
        int rows = CoverageReport.BAND_NAMES.size()
                + 5
                + (changes.closedKm() > 0 ? 1 : 0)
                + (changes.slowedKm() > 0 ? 1 : 0)
                + (outlined > 0 ? 1 : 0);
        int boxH = lineH * rows + (int) (22 * scale);
        int x = w - boxW - (int) (14 * scale);
        int y = top + (int) (16 * scale);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.92f));
        g.setColor(Color.WHITE);
        g.fillRoundRect(x, y, boxW, boxH, (int) (10 * scale), (int) (10 * scale));
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(new Color(0xb0b0b0));
        g.setStroke(new BasicStroke(1));
        g.drawRoundRect(x, y, boxW, boxH, (int) (10 * scale), (int) (10 * scale));
        int tx = x + (int) (14 * scale);
        int ty = y + (int) (24 * scale);
        g.setFont(head);
        g.setColor(INK);
        g.drawString("Best response time on the road", tx, ty);
        g.setFont(body);
        double total = r.road().totalKm();
        for (int b = 0; b < CoverageReport.BAND_NAMES.size(); b++) {
            ty += lineH;
            g.setColor(Color.decode(CoverageGeoJson.BAND_COLOURS.get(b)));
            g.setStroke(new BasicStroke((float) (6 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawLine(tx, ty - (int) (5 * scale), tx + (int) (30 * scale), ty - (int) (5 * scale));
            g.setColor(INK);
            double km = r.road().bandKm()[b];
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "%-12s %7.1f km  %5.1f%%",
                            CoverageReport.BAND_NAMES.get(b),
                            km,
                            total > 0 ? 100 * km / total : 0),
                    tx + (int) (42 * scale),
                    ty);
        }
        ty += lineH + (int) (4 * scale);
        double r0 = 6.5 * scale;
        g.setColor(UNIT);
        g.fill(new Ellipse2D.Double(tx + 15 * scale - r0, ty - 5 * scale - r0, 2 * r0, 2 * r0));
        g.setColor(INK);
        g.drawString("unit (grey: not counted)", tx + (int) (42 * scale), ty);
        ty += lineH;
        g.setColor(STATION);
        double s = 14 * scale;
        g.fill(new Rectangle2D.Double(tx + 15 * scale - s / 2, ty - 5 * scale - s / 2, s, s));
        g.setColor(INK);
        g.drawString("station", tx + (int) (42 * scale), ty);
        ty += lineH;
        g.setColor(WORST);
        g.setStroke(new BasicStroke((float) (2.5 * scale)));
        double c = 5.5 * scale;
        double cx = tx + 15 * scale;
        double cy = ty - 5 * scale;
        g.draw(new java.awt.geom.Line2D.Double(cx - c, cy - c, cx + c, cy + c));
        g.draw(new java.awt.geom.Line2D.Double(cx - c, cy + c, cx + c, cy - c));
        g.setColor(INK);
        g.drawString("worst-served places, numbered", tx + (int) (42 * scale), ty);
        ty += lineH;
        g.setColor(new Color(BEAT.getRed(), BEAT.getGreen(), BEAT.getBlue(), 150));
        g.setStroke(new BasicStroke((float) (2.4 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(tx, ty - (int) (5 * scale), tx + (int) (30 * scale), ty - (int) (5 * scale));
        g.setColor(INK);
        g.drawString("beat boundary", tx + (int) (42 * scale), ty);
        if (changes.closedKm() > 0) {
            ty += lineH;
            int ly = ty - (int) (5 * scale);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (5 * scale)));
            g.drawLine(tx, ly, tx + (int) (30 * scale), ly);
            g.setColor(Color.decode(CLOSED_COLOUR));
            g.setStroke(new BasicStroke(
                    (float) (3 * scale),
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND,
                    10,
                    new float[] {(float) (7 * scale), (float) (4 * scale)},
                    0));
            g.drawLine(tx, ly, tx + (int) (30 * scale), ly);
            g.setColor(INK);
            g.drawString(
                    String.format(Locale.ROOT, "road closed (%.1f km)", changes.closedKm()),
                    tx + (int) (42 * scale),
                    ty);
        }
        if (outlined > 0) {
            ty += lineH;
            double bx = tx;
            double by = ty - 13 * scale;
            Rectangle2D box = new Rectangle2D.Double(bx, by, 30 * scale, 15 * scale);
            g.setColor(new Color(0, 0, 0, 28));
            g.fill(box);
            g.setColor(Color.decode(CLOSED_COLOUR));
            g.setStroke(closureOutline(scale));
            g.draw(box);
            g.setColor(INK);
            g.drawString(
                    outlined == 1 ? "closure area" : String.format(Locale.ROOT, "closure areas (%d)", outlined),
                    tx + (int) (42 * scale),
                    ty);
        }
        if (changes.slowedKm() > 0) {
            ty += lineH;
            int ly = ty - (int) (5 * scale);
            g.setColor(Color.decode(SLOWED_COLOUR));
            g.setStroke(new BasicStroke(
                    (float) (3 * scale),
                    BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND,
                    10,
                    new float[] {0.1f, (float) (6 * scale)},
                    0));
            g.drawLine(tx, ly, tx + (int) (30 * scale), ly);
            g.setColor(INK);
            g.drawString(
                    String.format(Locale.ROOT, "road slowed (%.1f km)", changes.slowedKm()),
                    tx + (int) (42 * scale),
                    ty);
        }
    }

    private static void drawScale(Graphics2D g, View v, int h, double scale) {
        double metresPerPixel = GeoDistance.METRES_PER_DEGREE / v.pixelsPerDegLat();
        double target = 180 * scale * metresPerPixel;
        double nice = 1;
        for (double step : new double[] {1, 2, 5}) {
            for (double m = step; m < 1e7; m *= 10) {
                if (m <= target && m > nice) {
                    nice = m;
                }
            }
        }
        int px = (int) Math.round(nice / metresPerPixel);
        int x = (int) (24 * scale);
        int y = h - (int) (26 * scale);
        int tick = (int) (7 * scale);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
        g.setColor(Color.WHITE);
        g.fillRect(x - (int) (8 * scale), y - (int) (30 * scale), px + (int) (70 * scale), (int) (42 * scale));
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) (2.5 * scale)));
        g.drawLine(x, y, x + px, y);
        g.drawLine(x, y - tick, x, y);
        g.drawLine(x + px, y - tick, x + px, y);
        g.drawLine(x + px / 2, y - tick / 2, x + px / 2, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) (13 * scale)));
        String text = nice >= 1000 ? String.format(Locale.ROOT, "%s km", fmt(nice / 1000)) : (long) nice + " m";
        g.drawString(text, x, y - tick - (int) (4 * scale));
        // north arrow
        int ax = x + px + (int) (40 * scale);
        int ay = y;
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(ax, ay - 24 * scale);
        arrow.lineTo(ax - 7 * scale, ay - 6 * scale);
        arrow.lineTo(ax, ay - 10 * scale);
        arrow.lineTo(ax + 7 * scale, ay - 6 * scale);
        arrow.closePath();
        g.fill(arrow);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (12 * scale)));
        g.drawString("N", ax - (int) (4 * scale), ay + (int) (6 * scale));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void drawAttribution(Graphics2D g, int w, int h, double scale) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) (12 * scale));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(ATTRIBUTION);
        int x = w - tw - (int) (12 * scale);
        int y = h - (int) (10 * scale);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
        g.setColor(Color.WHITE);
        g.fillRect(
                x - (int) (6 * scale),
                y - fm.getAscent() - (int) (3 * scale),
                tw + (int) (12 * scale),
                fm.getHeight() + (int) (4 * scale));
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(INK);
        g.drawString(ATTRIBUTION, x, y);
    }

    /** Text with a white halo, so that it reads over roads. */
    private static void label(Graphics2D g, String text, double x, double y, Font font, Color colour, boolean centred) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        float tx = (float) (centred ? x - fm.stringWidth(text) / 2.0 : x);
        float ty = (float) (centred ? y + fm.getAscent() / 2.0 : y);
        var glyphs = font.createGlyphVector(g.getFontRenderContext(), text);
        var outline = glyphs.getOutline(tx, ty);
        g.setStroke(new BasicStroke(Math.max(3f, font.getSize() / 4f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 230));
        g.draw(outline);
        g.setColor(colour);
        g.fill(outline);
    }
}
