package org.bluelamp.coverage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.bluelamp.road.TravelTimeGraph;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes coverage as GeoJSON that opens as it is in QGIS and geojson.io: one MultiLineString
 * feature per response-time band (0-5, 5-10, 10-15, 15-20, over 20 minutes, and roads never
 * reached), cut exactly where the response time crosses a band's limit along each road; the roads a
 * scenario closes or slows (layers "closed" and "slowed", only when it does); the beats
 * with their shares; the units, stations and worst-served places as points. Colours and widths are
 * given as simplestyle properties ({@code stroke}, {@code marker-color}, ...), which geojson.io
 * draws; QGIS can style by the {@code band} property. Coordinates are WGS84 [lon, lat].
 *
 * <p>Stateless apart from scratch state; one writer per thread.
 */
public final class CoverageGeoJson {
    /** Colours of the bands (colour-blind-safe diverging scheme, green fast to red slow) and of roads never reached. */
    static final List<String> BAND_COLOURS = List.of("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#8c8c8c");

    private final EdgeShape shape = new EdgeShape();

    /**
     * Writes the coverage of the evaluator's last run.
     *
     * @param evaluator the evaluator, right after the run of {@code deployment}
     * @param report that run's report
     * @param deployment the deployment that was run
     */
    public void write(CoverageEvaluator evaluator, CoverageReport report, Deployment deployment, OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeStringField("name", report.name());
            g.writeStringField("attribution", "© OpenStreetMap contributors (ODbL 1.0)");
            g.writeArrayFieldStart("features");
            writeBands(evaluator, report, g);
            writeConditions(evaluator, g);
            writeBeats(evaluator.area(), report, g);
            writeStations(deployment, g);
            writeUnits(report, deployment, g);
            writeWorst(report, g);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeBands(CoverageEvaluator ev, CoverageReport report, JsonGenerator g) throws IOException {
        CoverageArea area = ev.area();
        TravelTimeGraph graph = area.graph(area.roadProfile());
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        for (int b = 0; b < CoverageReport.BAND_NAMES.size(); b++) {
            double above = b == 0 ? Double.NEGATIVE_INFINITY : b <= limits.length ? limits[b - 1] * 60_000.0 : 0;
            double upTo = b < limits.length ? limits[b] * 60_000.0 : Double.POSITIVE_INFINITY;
            boolean never = b == limits.length + 1;
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("layer", "band");
            g.writeStringField("band", CoverageReport.BAND_NAMES.get(b));
            if (b > 0 && !never) {
                g.writeNumberField("fromMinutes", limits[b - 1]);
            }
            if (b < limits.length) {
                g.writeNumberField("toMinutes", limits[b]);
            }
            g.writeNumberField("roadKm", round(report.road().bandKm()[b], 3));
            g.writeStringField("stroke", BAND_COLOURS.get(b));
            g.writeNumberField("stroke-width", never ? 1.5 : 3);
            g.writeNumberField("stroke-opacity", 0.9);
            g.writeEndObject();
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "MultiLineString");
            g.writeArrayFieldStart("coordinates");
            for (int e = 0; e < area.edgeCount(); e++) {
                double length = graph.edgeDistanceMetres(e);
                if (!area.isMainEdge(e) || length <= 0) {
                    continue;
                }
                EdgePieces pc = ev.fillPieces(e);
                int n = never ? pc.beyond(Double.POSITIVE_INFINITY, length) : pc.band(above, upTo);
                if (n == 0) {
                    continue;
                }
                shape.set(area.roads().edgeGeometry(e), length);
                for (int i = 0; i < n; i++) {
                    writeLine(g, pc.bandLow(i), pc.bandHigh(i));
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /**
     * The run's closed roads (layer "closed") and slowed roads (layer "slowed", with the slowest
     * speed factor), each one MultiLineString feature, written only when there are any.
     */
    private void writeConditions(CoverageEvaluator ev, JsonGenerator g) throws IOException {
        EdgeConditions c = ev.roadConditions();
        if (c.isNone()) {
            return;
        }
        CoverageArea area = ev.area();
        TravelTimeGraph graph = area.graph(area.roadProfile());
        for (boolean closedLayer : new boolean[] {true, false}) {
            double km = 0;
            double slowestSpeedFactor = 1;
            java.util.List<Integer> edges = new java.util.ArrayList<>();
            for (int e = 0; e < area.edgeCount(); e++) {
                double length = graph.edgeDistanceMetres(e);
                if (!area.isMainEdge(e) || length <= 0) {
                    continue;
                }
                boolean closed = c.closedEdges() != null && (c.closedEdges()[e >>> 6] & (1L << e)) != 0;
                boolean slowed = !closed && c.timeFactors() != null && c.timeFactors()[e] > 1 + 1e-9;
                if (closedLayer ? closed : slowed) {
                    edges.add(e);
                    km += length / 1000;
                    if (slowed) {
                        slowestSpeedFactor = Math.min(slowestSpeedFactor, 1 / c.timeFactors()[e]);
                    }
                }
            }
            if (edges.isEmpty()) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("layer", closedLayer ? "closed" : "slowed");
            g.writeNumberField("roadKm", round(km, 3));
            if (!closedLayer) {
                g.writeNumberField("slowestSpeedFactor", round(slowestSpeedFactor, 3));
            }
            g.writeStringField("stroke", closedLayer ? CoverageMapImage.CLOSED_COLOUR : CoverageMapImage.SLOWED_COLOUR);
            g.writeNumberField("stroke-width", closedLayer ? 4 : 3);
            g.writeStringField("stroke-dasharray", closedLayer ? "7 4" : "1 6");
            g.writeEndObject();
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "MultiLineString");
            g.writeArrayFieldStart("coordinates");
            for (int e : edges) {
                double length = graph.edgeDistanceMetres(e);
                shape.set(area.roads().edgeGeometry(e), length);
                writeLine(g, 0, length);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private void writeLine(JsonGenerator g, double from, double to) throws IOException {
        g.writeStartArray();
        shape.cut(from, to, (lat, lon) -> {
            try {
                g.writeStartArray();
                g.writeNumber(round(lon, 6));
                g.writeNumber(round(lat, 6));
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        g.writeEndArray();
    }

    private static void writeBeats(CoverageArea area, CoverageReport report, JsonGenerator g) throws IOException {
        List<Beats.Beat> beats = area.beats().list();
        for (int b = 0; b < beats.size(); b++) {
            CoverageReport.BeatCoverage c = report.beats().get(b);
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("layer", "beat");
            g.writeStringField("beat", c.id());
            g.writeStringField("name", c.name());
            g.writeNumberField("roadKm", round(c.roadKm(), 3));
            g.writeNumberField("roadShareWithinTarget", round(c.roadShare(), 4));
            g.writeNumberField("demandShareWithinTarget", round(c.demandShare(), 4));
            if (!Double.isNaN(c.expectedShare())) {
                g.writeNumberField("expectedShare", round(c.expectedShare(), 4));
            }
            g.writeStringField("stroke", "#3a3a8c");
            g.writeNumberField("stroke-width", 2);
            g.writeNumberField("fill-opacity", 0);
            g.writeEndObject();
            g.writeFieldName("geometry");
            writeGeometry(g, beats.get(b).polygon());
            g.writeEndObject();
        }
    }

    private static void writeGeometry(JsonGenerator g, Geometry geom) throws IOException {
        g.writeStartObject();
        if (geom.getNumGeometries() == 1 && geom.getGeometryN(0) instanceof Polygon p) {
            g.writeStringField("type", "Polygon");
            g.writeArrayFieldStart("coordinates");
            writePolygon(g, p);
        } else {
            g.writeStringField("type", "MultiPolygon");
            g.writeArrayFieldStart("coordinates");
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                if (geom.getGeometryN(i) instanceof Polygon p) {
                    g.writeStartArray();
                    writePolygon(g, p);
                    g.writeEndArray();
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writePolygon(JsonGenerator g, Polygon p) throws IOException {
        writeRing(g, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            writeRing(g, p.getInteriorRingN(i).getCoordinates());
        }
    }

    private static void writeRing(JsonGenerator g, Coordinate[] ring) throws IOException {
        g.writeStartArray();
        for (Coordinate c : ring) {
            g.writeStartArray();
            g.writeNumber(round(c.x, 6));
            g.writeNumber(round(c.y, 6));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeStations(Deployment d, JsonGenerator g) throws IOException {
        for (Station s : d.stations().values()) {
            point(g, s.position().latDeg(), s.position().lonDeg());
            g.writeStringField("layer", "station");
            g.writeStringField("station", s.id());
            g.writeStringField("name", s.name());
            g.writeStringField("marker-color", "#1f3b73");
            g.writeStringField("marker-symbol", "building");
            endPoint(g);
        }
    }

    private static void writeUnits(CoverageReport report, Deployment d, JsonGenerator g) throws IOException {
        for (int u = 0; u < d.units().size(); u++) {
            PlannedUnit unit = d.units().get(u);
            CoverageReport.UnitCoverage c = report.units().get(u);
            point(g, unit.position().latDeg(), unit.position().lonDeg());
            g.writeStringField("layer", "unit");
            g.writeStringField("unit", unit.id());
            g.writeStringField("kind", c.kind());
            g.writeStringField("status", c.status());
            g.writeBooleanField("counted", c.counted());
            if (!c.counted()) {
                g.writeStringField("excludedReason", c.excludedReason());
            }
            if (!unit.station().isEmpty()) {
                g.writeStringField("station", unit.station());
            }
            g.writeStringField("marker-color", c.counted() ? "#0b5cad" : "#9a9a9a");
            g.writeStringField("marker-symbol", "police");
            endPoint(g);
        }
    }

    private static void writeWorst(CoverageReport report, JsonGenerator g) throws IOException {
        int rank = 1;
        for (CoverageReport.WorstPlace w : report.worst()) {
            point(g, w.latDeg(), w.lonDeg());
            g.writeStringField("layer", "worst");
            g.writeNumberField("rank", rank++);
            if (Double.isInfinite(w.bestSeconds())) {
                g.writeStringField("bestResponse", "never reached");
            } else {
                g.writeNumberField("bestResponseMinutes", round(w.bestSeconds() / 60, 1));
            }
            g.writeNumberField("targetMinutes", round(w.targetSeconds() / 60, 1));
            g.writeStringField("marker-color", "#7b0000");
            g.writeStringField("marker-symbol", "cross");
            endPoint(g);
        }
    }

    /** Opens a Point feature and its properties. */
    private static void point(JsonGenerator g, double lat, double lon) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Point");
        g.writeArrayFieldStart("coordinates");
        g.writeNumber(round(lon, 6));
        g.writeNumber(round(lat, 6));
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
    }

    private static void endPoint(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeEndObject();
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CoverageGeoJson[%d bands]", BAND_COLOURS.size());
    }
}
