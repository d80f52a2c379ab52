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
 * The gaps of one evaluation as geometry: the main network's road not reached within its target
 * (urban or rural, per edge as the report measures it), each partial edge cut exactly where the
 * best response time passes the target, pieces that meet end to end at a junction where nothing
 * else meets merged into one line (JTS {@link LineMerger}), coordinates rounded to
 * {@link #DECIMALS} decimals (about 1 m). Its length on the graph is the report's gaps
 * ({@code road.totalKm - road.withinTargetKm}).
 *
 * <p><b>Size cap.</b> A national map's gaps can have millions of points; an answer keeps at most
 * {@link #MAX_COORDINATES}. Beyond it the lines are simplified (Douglas-Peucker, {@link
 * #SIMPLIFY_DEGREES}, about 10 m, stated in the GeoJSON's {@code simplifiedDegrees}); still beyond
 * it, {@link #toGeoJson} refuses with RESOURCE_EXHAUSTED naming {@code include_gaps} (the share and
 * {@code gaps_km} are still served without the geometry).
 *
 * <p>Immutable, thread-safe.
 */
public final class CoverageGaps {
    /** Decimals of every coordinate: 5, about 1.1 m of latitude. */
    public static final int DECIMALS = LineFeaturesJson.DECIMALS;
    /** The most coordinates an answer carries (about 5 MB of GeoJSON). */
    public static final int MAX_COORDINATES = 250_000;
    /** Douglas-Peucker tolerance used beyond {@link #MAX_COORDINATES}, degrees (about 10 m). */
    public static final double SIMPLIFY_DEGREES = 1e-4;

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final MultiLineString lines;
    private final double graphKm;
    private final double simplifiedDegrees;
    private final int maxCoordinates;

    private CoverageGaps(MultiLineString lines, double graphKm, double simplifiedDegrees, int maxCoordinates) {
        this.lines = lines;
        this.graphKm = graphKm;
        this.simplifiedDegrees = simplifiedDegrees;
        this.maxCoordinates = maxCoordinates;
    }

    /** The gaps of the evaluator's last run, capped at {@link #MAX_COORDINATES}. */
    static CoverageGaps of(CoverageEvaluator ev) {
        return of(ev, MAX_COORDINATES);
    }

    /** The gaps of the evaluator's last run, capped at {@code maxCoordinates} (tests use small caps). */
    static CoverageGaps of(CoverageEvaluator ev, int maxCoordinates) {
        CoverageArea area = ev.area();
        TravelTimeGraph graph = area.graph(area.roadProfile());
        EdgeShape shape = new EdgeShape();
        List<LineString> pieces = new ArrayList<>();
        double metres = 0;
        for (int e = 0; e < area.edgeCount(); e++) {
            double length = graph.edgeDistanceMetres(e);
            if (!area.isMainEdge(e) || length <= 0) {
                continue;
            }
            EdgePieces pc = ev.fillPieces(e);
            int n = pc.beyond(ev.edgeTargetMillis(e), length);
            if (n == 0) {
                continue;
            }
            shape.set(area.roads().edgeGeometry(e), length);
            for (int i = 0; i < n; i++) {
                metres += pc.bandHigh(i) - pc.bandLow(i);
                RoundedLines.cut(shape, pc.bandLow(i), pc.bandHigh(i), pieces);
            }
        }
        MultiLineString all = RoundedLines.merge(pieces);
        double simplified = 0;
        if (all.getNumPoints() > maxCoordinates) {
            Geometry g = DouglasPeuckerSimplifier.simplify(all, SIMPLIFY_DEGREES);
            all = g instanceof MultiLineString m ? m : FACTORY.createMultiLineString(lineStrings(g));
            simplified = SIMPLIFY_DEGREES;
        }
        return new CoverageGaps(all, metres / 1000, simplified, maxCoordinates);
    }

    private static LineString[] lineStrings(Geometry g) {
        List<LineString> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof LineString l) {
                out.add(l);
            }
        }
        return out.toArray(LineString[]::new);
    }

    /** The lines (x longitude, y latitude, WGS84). */
    public MultiLineString lines() {
        return lines;
    }

    /** Length of the gaps on the road graph, km (the report's gaps). */
    public double graphKm() {
        return graphKm;
    }

    /** The Douglas-Peucker tolerance applied, degrees, or 0 when the lines are exact. */
    public double simplifiedDegrees() {
        return simplifiedDegrees;
    }

    /** Coordinates of all lines. */
    public int coordinateCount() {
        return lines.getNumPoints();
    }

    /**
     * A GeoJSON FeatureCollection of one MultiLineString feature, with the grade, the gaps' length
     * and the time of the evaluation as properties.
     *
     * @throws BluelampException RESOURCE_EXHAUSTED naming {@code include_gaps} beyond the cap
     */
    public String toGeoJson(String gradeCode, long computedAtEpochMillis) {
        if (coordinateCount() > maxCoordinates) {
            throw new BluelampException(
                    ErrorKind.RESOURCE_EXHAUSTED,
                    "include_gaps",
                    String.format(
                            Locale.ROOT,
                            "include_gaps: the gaps have %d points even simplified to %.0e degrees, more than the"
                                    + " %d an answer carries; gaps_km and the shares are served without them",
                            coordinateCount(),
                            SIMPLIFY_DEGREES,
                            maxCoordinates));
        }
        return LineFeaturesJson.featureCollection(coordinateCount(), g -> {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("layer", "gaps");
            g.writeStringField("grade", gradeCode);
            g.writeNumberField("gapsKm", Math.round(graphKm * 1000) / 1000.0);
            g.writeNumberField("computedAtEpochMillis", computedAtEpochMillis);
            g.writeNumberField("decimals", DECIMALS);
            if (simplifiedDegrees > 0) {
                g.writeNumberField("simplifiedDegrees", simplifiedDegrees);
            }
            g.writeEndObject();
            LineFeaturesJson.writeGeometry(g, lines);
            g.writeEndObject();
        });
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "CoverageGaps[%d lines, %d points, %.3f km]",
                lines.getNumGeometries(),
                coordinateCount(),
                graphKm);
    }
}
