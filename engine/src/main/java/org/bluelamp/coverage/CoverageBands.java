package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.road.TravelTimeGraph;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.operation.linemerge.LineMerger;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The response-time bands of one evaluation as geometry, for a map in an answer (the planner's
 * scenario report in the console): the main road network cut exactly where the best response time
 * crosses 5, 10, 15 and 20 minutes ({@link EdgePieces#band}, as {@link CoverageGeoJson} writes
 * them for the {@code coverage} command), plus the road never reached; one {@link MultiLineString}
 * per band in the order of {@link CoverageReport#BAND_NAMES}, pieces that meet end to end merged
 * (JTS {@link LineMerger}), coordinates rounded to {@link #DECIMALS} decimals (about 1 m). Each
 * band's length on the graph is the report's {@code bandKm}.
 *
 * <p><b>Size cap.</b> An answer keeps at most {@link #MAX_COORDINATES} coordinates over all bands
 * (Rutland's exact bands have about 60,000; a county fits, a country does not). Beyond it every band
 * is simplified (Douglas-Peucker) at {@link #SIMPLIFY_DEGREES} in turn until it fits (stated in the
 * GeoJSON's {@code simplifiedDegrees}); if none makes it fit, {@link #toGeoJson} refuses with
 * RESOURCE_EXHAUSTED naming {@code include_bands} (the figures are still served without it).
 *
 * <p>Immutable, thread-safe.
 */
public final class CoverageBands {
    /** Decimals of every coordinate: 5, about 1.1 m of latitude. */
    public static final int DECIMALS = LineFeaturesJson.DECIMALS;
    /** The most coordinates an answer carries over all bands (about 2 MB of GeoJSON). */
    public static final int MAX_COORDINATES = 100_000;
    /** Douglas-Peucker tolerances tried in turn beyond {@link #MAX_COORDINATES}, degrees (about 10 and 40 m). */
    static final double[] SIMPLIFY_DEGREES = {1e-4, 4e-4};

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final List<MultiLineString> bands;
    private final double[] graphKm;
    private final double simplifiedDegrees;
    private final int maxCoordinates;

    private CoverageBands(List<MultiLineString> bands, double[] graphKm, double simplifiedDegrees, int maxCoordinates) {
        this.bands = List.copyOf(bands);
        this.graphKm = graphKm;
        this.simplifiedDegrees = simplifiedDegrees;
        this.maxCoordinates = maxCoordinates;
    }

    /** The bands of the evaluator's last run, capped at {@link #MAX_COORDINATES}. */
    static CoverageBands of(CoverageEvaluator ev) {
        return of(ev, MAX_COORDINATES);
    }

    /** The bands of the evaluator's last run, capped at {@code maxCoordinates} (tests use small caps). */
    static CoverageBands of(CoverageEvaluator ev, int maxCoordinates) {
        CoverageArea area = ev.area();
        TravelTimeGraph graph = area.graph(area.roadProfile());
        int[] limits = CoverageReport.BAND_LIMITS_MINUTES;
        int bandCount = CoverageReport.BAND_NAMES.size();
        List<List<LineString>> pieces = new ArrayList<>();
        for (int b = 0; b < bandCount; b++) {
            pieces.add(new ArrayList<>());
        }
        double[] metres = new double[bandCount];
        EdgeShape shape = new EdgeShape();
        for (int e = 0; e < area.edgeCount(); e++) {
            double length = graph.edgeDistanceMetres(e);
            if (!area.isMainEdge(e) || length <= 0) {
                continue;
            }
            EdgePieces pc = ev.fillPieces(e);
            boolean shaped = false;
            for (int b = 0; b < bandCount; b++) {
                boolean never = b == limits.length + 1;
                double above = b == 0 ? Double.NEGATIVE_INFINITY : limits[Math.min(b, limits.length) - 1] * 60_000.0;
                double upTo = b < limits.length ? limits[b] * 60_000.0 : Double.POSITIVE_INFINITY;
                int n = never ? pc.beyond(Double.POSITIVE_INFINITY, length) : pc.band(above, upTo);
                if (n > 0 && !shaped) {
                    shape.set(area.roads().edgeGeometry(e), length);
                    shaped = true;
                }
                for (int i = 0; i < n; i++) {
                    metres[b] += pc.bandHigh(i) - pc.bandLow(i);
                    RoundedLines.cut(shape, pc.bandLow(i), pc.bandHigh(i), pieces.get(b));
                }
            }
        }
        List<MultiLineString> merged = new ArrayList<>();
        int points = 0;
        for (List<LineString> p : pieces) {
            MultiLineString m = RoundedLines.merge(p);
            merged.add(m);
            points += m.getNumPoints();
        }
        double simplified = 0;
        for (int t = 0; t < SIMPLIFY_DEGREES.length && points > maxCoordinates; t++) {
            simplified = SIMPLIFY_DEGREES[t];
            List<MultiLineString> simpler = new ArrayList<>();
            points = 0;
            for (MultiLineString m : merged) {
                Geometry g = DouglasPeuckerSimplifier.simplify(m, simplified);
                MultiLineString s =
                        g instanceof MultiLineString ml ? ml : FACTORY.createMultiLineString(lineStrings(g));
                simpler.add(s);
                points += s.getNumPoints();
            }
            merged = simpler;
        }
        double[] km = new double[bandCount];
        for (int b = 0; b < bandCount; b++) {
            km[b] = metres[b] / 1000;
        }
        return new CoverageBands(merged, km, simplified, maxCoordinates);
    }

    private static LineString[] lineStrings(Geometry g) {
        List<LineString> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof LineString l && !l.isEmpty()) {
                out.add(l);
            }
        }
        return out.toArray(LineString[]::new);
    }

    /** The lines of band {@code b} (x longitude, y latitude, WGS84), bands as {@link CoverageReport#BAND_NAMES}. */
    public MultiLineString band(int b) {
        return bands.get(b);
    }

    /** Length of band {@code b} on the road graph, km (the report's {@code bandKm[b]}). */
    public double graphKm(int b) {
        return graphKm[b];
    }

    /** The Douglas-Peucker tolerance applied, degrees, or 0 when the lines are exact. */
    public double simplifiedDegrees() {
        return simplifiedDegrees;
    }

    /** Coordinates of all bands. */
    public int coordinateCount() {
        int n = 0;
        for (MultiLineString m : bands) {
            n += m.getNumPoints();
        }
        return n;
    }

    /**
     * A GeoJSON FeatureCollection of one MultiLineString feature per band, with its name, index,
     * length and colour as properties.
     *
     * @throws BluelampException RESOURCE_EXHAUSTED naming {@code include_bands} beyond the cap
     */
    public String toGeoJson(String gradeCode) {
        int count = coordinateCount();
        if (count > maxCoordinates) {
            throw new BluelampException(
                    ErrorKind.RESOURCE_EXHAUSTED,
                    "include_bands",
                    String.format(
                            Locale.ROOT,
                            "include_bands: the bands have %d points even simplified to %.0e degrees, more than the"
                                    + " %d an answer carries; the figures are served without them",
                            count,
                            SIMPLIFY_DEGREES[SIMPLIFY_DEGREES.length - 1],
                            maxCoordinates));
        }
        return LineFeaturesJson.featureCollection(count, g -> {
            for (int b = 0; b < bands.size(); b++) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("properties");
                g.writeStringField("layer", "band");
                g.writeStringField("band", CoverageReport.BAND_NAMES.get(b));
                g.writeNumberField("index", b);
                g.writeStringField("grade", gradeCode);
                g.writeNumberField("roadKm", Math.round(graphKm[b] * 1000) / 1000.0);
                g.writeStringField("stroke", CoverageGeoJson.BAND_COLOURS.get(b));
                g.writeNumberField("decimals", DECIMALS);
                if (simplifiedDegrees > 0) {
                    g.writeNumberField("simplifiedDegrees", simplifiedDegrees);
                }
                g.writeEndObject();
                LineFeaturesJson.writeGeometry(g, bands.get(b));
                g.writeEndObject();
            }
        });
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "CoverageBands[%d bands, %d points, simplified %s]",
                bands.size(),
                coordinateCount(),
                simplifiedDegrees);
    }
}
