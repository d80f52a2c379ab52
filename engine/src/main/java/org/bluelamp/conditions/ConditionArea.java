package org.bluelamp.conditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * An area of a condition: a valid, non-empty GeoJSON Polygon or MultiPolygon in WGS84 longitude
 * and latitude (JTS geometry). A road is in the area when its line intersects it (touching
 * counts), the rule GraphHopper's custom-model areas follow. Immutable.
 *
 * @param polygon the area (Polygon or MultiPolygon, valid, not empty)
 */
public record ConditionArea(Geometry polygon) {
    /** Sides of the polygon a circle is drawn as. */
    public static final int CIRCLE_SIDES = 64;
    /** Metres per degree of latitude on the mean Earth sphere (radius 6,371,008.8 m). */
    static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    private static final GeometryFactory FACTORY = new GeometryFactory();

    public ConditionArea {
        Objects.requireNonNull(polygon, "polygon");
        if (!(polygon instanceof Polygonal) || polygon.isEmpty() || !polygon.isValid()) {
            throw new IllegalArgumentException("not a valid, non-empty polygon: " + polygon.getGeometryType());
        }
    }

    /**
     * Reads an area from GeoJSON text (a Polygon or MultiPolygon geometry, or a Feature with one).
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code field}: not JSON, not a polygon, empty,
     *     self-intersecting or otherwise invalid (with where), coordinates out of range
     */
    public static ConditionArea parse(String geoJson, String field) {
        if (geoJson == null || geoJson.isBlank()) {
            throw BluelampException.invalid(
                    field,
                    field + " is empty: give a GeoJSON Polygon, e.g. "
                            + "{\"type\":\"Polygon\",\"coordinates\":[[[lon,lat],[lon,lat],[lon,lat],[lon,lat]]]}");
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(geoJson);
        } catch (JsonProcessingException e) {
            throw BluelampException.invalid(field, field + " is not valid JSON: " + Echo.quote(e.getOriginalMessage()));
        }
        if ("Feature".equals(node.path("type").asText())) {
            node = node.path("geometry");
        }
        return of(node, field);
    }

    /** Reads an area from a parsed GeoJSON geometry (see {@link #parse}). */
    public static ConditionArea of(JsonNode geometry, String field) {
        String type = geometry.path("type").asText();
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            throw BluelampException.invalid(
                    field,
                    field + " is a GeoJSON " + Echo.quote(type.isEmpty() ? "(no type)" : type)
                            + "; an area must be a Polygon or MultiPolygon");
        }
        Geometry g;
        try {
            g = new GeoJsonReader().read(geometry.toString());
        } catch (ParseException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw BluelampException.invalid(
                    field,
                    field + " is not a valid GeoJSON polygon: "
                            + Echo.quote(why.lines().findFirst().orElse("")));
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!(c.y >= -90 && c.y <= 90) || !(c.x >= -180 && c.x <= 180)) {
                throw BluelampException.invalid(
                        field,
                        String.format(
                                Locale.ROOT,
                                "%s has a corner at longitude %s, latitude %s, outside the globe: GeoJSON gives "
                                        + "[longitude, latitude]",
                                field,
                                c.x,
                                c.y));
            }
        }
        TopologyValidationError error = g.isEmpty() ? null : new IsValidOp(g).getValidationError();
        if (g.isEmpty()
                || (error != null && error.getErrorType() == TopologyValidationError.TOO_FEW_POINTS)
                || (error == null && g.getArea() == 0)) {
            throw BluelampException.invalid(
                    field, field + " is empty: a polygon needs at least three distinct corners enclosing an area");
        }
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw BluelampException.invalid(
                    field,
                    String.format(
                            Locale.ROOT,
                            "%s is not a valid polygon: %s at longitude %.6f, latitude %.6f",
                            field,
                            error.getMessage().toLowerCase(Locale.ROOT),
                            at == null ? Double.NaN : at.x,
                            at == null ? Double.NaN : at.y));
        }
        return new ConditionArea(g);
    }

    /**
     * A circle as the polygon of {@link #CIRCLE_SIDES} sides whose corners lie on it (drawn on the
     * plane tangent at the centre: within 0.2% of the radius everywhere for a radius of a few
     * kilometres).
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code radiusField} for a radius that is not
     *     between 1 m and 100 km
     */
    public static ConditionArea circle(GeoPoint centre, double radiusMetres, String radiusField) {
        if (!(radiusMetres >= 1 && radiusMetres <= 100_000)) {
            throw BluelampException.invalid(
                    radiusField, radiusField + " " + radiusMetres + " must be between 1 and 100000 metres");
        }
        double dLat = radiusMetres / METRES_PER_DEGREE;
        double dLon = dLat / Math.cos(Math.toRadians(centre.latDeg()));
        Coordinate[] ring = new Coordinate[CIRCLE_SIDES + 1];
        for (int i = 0; i < CIRCLE_SIDES; i++) {
            double a = 2 * Math.PI * i / CIRCLE_SIDES;
            ring[i] = new Coordinate(centre.lonDeg() + dLon * Math.sin(a), centre.latDeg() + dLat * Math.cos(a));
        }
        ring[CIRCLE_SIDES] = ring[0];
        return new ConditionArea(FACTORY.createPolygon(ring));
    }

    /** The area's bounding box, degrees (x longitude, y latitude). */
    public Envelope envelope() {
        return polygon.getEnvelopeInternal();
    }

    /** The area as GeoJSON geometry text. */
    public String toGeoJson() {
        GeoJsonWriter w = new GeoJsonWriter();
        w.setEncodeCRS(false);
        return w.write(polygon);
    }
}
