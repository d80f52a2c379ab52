package org.bluelamp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.bluelamp.geo.GeoPoint;

/** JSON output of the command line: one object per answer, stable field names with units. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode point(GeoPoint p) {
        ObjectNode o = object();
        o.put("lat", p.latDeg());
        o.put("lon", p.lonDeg());
        return o;
    }

    /** A GeoJSON LineString ([lon, lat] order, as GeoJSON requires). */
    static ObjectNode lineString(double[] lats, double[] lons) {
        ObjectNode g = object();
        g.put("type", "LineString");
        ArrayNode coords = g.putArray("coordinates");
        for (int i = 0; i < lats.length; i++) {
            coords.addArray().add(lons[i]).add(lats[i]);
        }
        return g;
    }

    static void print(PrintWriter out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
