package org.bluelamp.coverage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiLineString;

/**
 * The GeoJSON writing shared by {@link CoverageBands} and {@link CoverageGaps}: a FeatureCollection
 * with the OpenStreetMap attribution around the features a caller writes, and MultiLineString
 * geometries with WGS84 [lon, lat] coordinates rounded to {@link #DECIMALS} decimals. Each class
 * keeps its own features' properties.
 *
 * <p>Stateless; thread-safe.
 */
final class LineFeaturesJson {
    /** Decimals of every coordinate: 5, about 1.1 m of latitude. */
    static final int DECIMALS = 5;

    private static final double SCALE = Math.pow(10, DECIMALS);

    /** Writes the features of one collection into an open generator. */
    @FunctionalInterface
    interface Features {
        void write(JsonGenerator g) throws IOException;
    }

    private LineFeaturesJson() {}

    /** A coordinate in degrees rounded to {@link #DECIMALS} decimals. */
    static double round(double deg) {
        return Math.round(deg * SCALE) / SCALE;
    }

    /**
     * A FeatureCollection holding what {@code features} writes.
     *
     * @param coordinateCount coordinates the features hold, to size the buffer
     */
    static String featureCollection(int coordinateCount, Features features) {
        StringWriter out = new StringWriter(Math.max(256, coordinateCount * 20));
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeStringField("attribution", "© OpenStreetMap contributors (ODbL 1.0)");
            g.writeArrayFieldStart("features");
            features.write(g);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the {@code geometry} field of a feature: the lines as one MultiLineString. */
    static void writeGeometry(JsonGenerator g, MultiLineString lines) throws IOException {
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "MultiLineString");
        g.writeArrayFieldStart("coordinates");
        for (int i = 0; i < lines.getNumGeometries(); i++) {
            g.writeStartArray();
            for (Coordinate c : lines.getGeometryN(i).getCoordinates()) {
                g.writeStartArray();
                g.writeNumber(round(c.x));
                g.writeNumber(round(c.y));
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
