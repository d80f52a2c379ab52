package org.bluelamp.coverage;

import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.operation.linemerge.LineMerger;

/**
 * The line building shared by {@link CoverageBands} and {@link CoverageGaps}: stretches of an edge
 * cut out of its shape with coordinates rounded to {@link LineFeaturesJson#DECIMALS} decimals
 * (x longitude, y latitude), and the stretches merged where they meet (JTS {@link LineMerger}).
 *
 * <p>Stateless; thread-safe.
 */
final class RoundedLines {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private RoundedLines() {}

    /**
     * Adds the stretch of the shape's edge from {@code fromMetres} to {@code toMetres} along it to
     * {@code into}, unless it rounds to fewer than two distinct points.
     */
    static void cut(EdgeShape shape, double fromMetres, double toMetres, List<LineString> into) {
        CoordinateList line = new CoordinateList();
        shape.cut(
                fromMetres,
                toMetres,
                (lat, lon) ->
                        line.add(new Coordinate(LineFeaturesJson.round(lon), LineFeaturesJson.round(lat)), false));
        if (line.size() >= 2) {
            into.add(FACTORY.createLineString(line.toCoordinateArray()));
        }
    }

    /** The pieces merged into as few lines as meet end to end. */
    static MultiLineString merge(List<LineString> pieces) {
        LineMerger merger = new LineMerger();
        merger.add(pieces);
        @SuppressWarnings("unchecked")
        Collection<LineString> merged = merger.getMergedLineStrings();
        return FACTORY.createMultiLineString(merged.toArray(LineString[]::new));
    }
}
