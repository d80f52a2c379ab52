package org.bluelamp.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Utf8Text;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Where the service works: positions outside it are refused (a fix as
 * {@link RejectReason#OUTSIDE_SERVICE_AREA}, counted; an incident or a registered position as
 * INVALID_ARGUMENT naming its field). It catches the (0, 0) "null island" fixes that radios send
 * without a GPS lock, positions with latitude and longitude swapped, and typing errors.
 *
 * <p>An area is a latitude/longitude box ({@link #box}; {@link #around} grows one by a margin, as
 * {@code serve} does with the map's bounds by default) or polygons read from GeoJSON
 * ({@link #load}, JTS reads and validates them). {@link #contains} tests the box first, then counts
 * ray crossings over the polygons' rings held in primitive arrays (even-odd, so holes and several
 * polygons need nothing special): it runs for every fix on the intake thread, allocation-free.
 *
 * <p>Thread-safety: immutable.
 */
public final class ServiceArea {
    /** Reads GeoJSON; Jackson's mapper is thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final double METRES_PER_DEGREE = Math.toRadians(1) * GeoPoint.EARTH_RADIUS_METRES;

    private final double minLatDeg;
    private final double minLonDeg;
    private final double maxLatDeg;
    private final double maxLonDeg;
    /** Per ring: longitudes and latitudes, the first vertex repeated at the end; empty for a box. */
    private final double[][] ringLons;

    private final double[][] ringLats;
    private final String description;

    private ServiceArea(Envelope box, double[][] ringLons, double[][] ringLats, String description) {
        this.minLatDeg = box.getMinY();
        this.minLonDeg = box.getMinX();
        this.maxLatDeg = box.getMaxY();
        this.maxLonDeg = box.getMaxX();
        this.ringLons = ringLons;
        this.ringLats = ringLats;
        this.description = description;
    }

    /**
     * A latitude/longitude box (edges included).
     *
     * @throws IllegalArgumentException unless -90 &le; minLat &lt; maxLat &le; 90 and -180 &le;
     *     minLon &lt; maxLon &le; 180 (a box across the antimeridian is two polygons: use GeoJSON)
     */
    public static ServiceArea box(double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg) {
        if (!(minLatDeg >= -90 && minLatDeg < maxLatDeg && maxLatDeg <= 90)) {
            throw new IllegalArgumentException("service area latitudes need -90 <= minLatDeg (" + minLatDeg
                    + ") < maxLatDeg (" + maxLatDeg + ") <= 90");
        }
        if (!(minLonDeg >= -180 && minLonDeg < maxLonDeg && maxLonDeg <= 180)) {
            throw new IllegalArgumentException("service area longitudes need -180 <= minLonDeg (" + minLonDeg
                    + ") < maxLonDeg (" + maxLonDeg + ") <= 180");
        }
        return new ServiceArea(
                new Envelope(minLonDeg, maxLonDeg, minLatDeg, maxLatDeg),
                new double[0][],
                new double[0][],
                String.format(
                        Locale.ROOT,
                        "latitude %.4f to %.4f, longitude %.4f to %.4f",
                        minLatDeg,
                        maxLatDeg,
                        minLonDeg,
                        maxLonDeg));
    }

    /**
     * A box grown by {@code marginMetres} on every side (at least: longitude degrees are measured
     * at the box's latitude furthest from the equator), clamped to the globe.
     */
    public static ServiceArea around(
            double minLatDeg, double minLonDeg, double maxLatDeg, double maxLonDeg, double marginMetres) {
        double dLat = marginMetres / METRES_PER_DEGREE;
        double cos = Math.cos(Math.toRadians(Math.min(89, Math.max(Math.abs(minLatDeg), Math.abs(maxLatDeg)))));
        double dLon = marginMetres / (METRES_PER_DEGREE * cos);
        return box(
                Math.max(-90, minLatDeg - dLat),
                Math.max(-180, minLonDeg - dLon),
                Math.min(90, maxLatDeg + dLat),
                Math.min(180, maxLonDeg + dLon));
    }

    /** Great Britain, Northern Ireland and the near islands with a margin. */
    public static ServiceArea unitedKingdom() {
        return box(49.0, -11.0, 61.5, 2.5);
    }

    /**
     * The polygons of a GeoJSON file: a Polygon or MultiPolygon, or a Feature or FeatureCollection
     * of them, in WGS84 longitude/latitude.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code service-area}, the file and what is wrong
     */
    public static ServiceArea load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BluelampException.invalid(
                    "service-area", "cannot read service area file " + file + ": " + e.getMessage());
        }
        return parse(content, file.toString());
    }

    /**
     * As {@link #load}, from the file's content in memory, with the same messages.
     *
     * @param content the file's bytes, UTF-8
     * @param source the file's name, for messages
     * @throws BluelampException INVALID_ARGUMENT naming {@code service-area}, the file and what is
     *     wrong (bytes that are not UTF-8 included)
     */
    public static ServiceArea parse(byte[] content, String source) {
        String json = Utf8Text.strict(content, "service-area", "service area file " + source);
        return parse(json, source);
    }

    /** As {@link #load}, from the GeoJSON text; {@code source} names it in errors. */
    public static ServiceArea parse(String json, String source) {
        List<Geometry> polygons = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(json);
            List<JsonNode> geometries = new ArrayList<>();
            switch (root == null ? "" : root.path("type").asText()) {
                case "FeatureCollection" -> root.path("features").forEach(f -> geometries.add(f.path("geometry")));
                case "Feature" -> geometries.add(root.path("geometry"));
                default -> geometries.add(root);
            }
            GeoJsonReader reader = new GeoJsonReader();
            for (int i = 0; i < geometries.size(); i++) {
                Geometry g = reader.read(String.valueOf(geometries.get(i)));
                if (!(g instanceof Polygonal) || g.isEmpty()) {
                    throw BluelampException.invalid(
                            "service-area",
                            source + ": geometry " + i + " is " + (g == null ? "missing" : "a " + g.getGeometryType())
                                    + "; a service area is Polygons or MultiPolygons");
                }
                if (!g.isValid()) {
                    throw BluelampException.invalid(
                            "service-area",
                            source + ": polygon " + i + " is not valid (" + new IsValidOp(g).getValidationError()
                                    + ")");
                }
                polygons.add(g);
            }
        } catch (IOException | ParseException | RuntimeException e) {
            if (e instanceof BluelampException be) {
                throw be;
            }
            throw BluelampException.invalid("service-area", source + " is not valid GeoJSON: " + e.getMessage());
        }
        if (polygons.isEmpty()) {
            throw BluelampException.invalid("service-area", source + " holds no polygon");
        }
        return of(polygons, source);
    }

    private static ServiceArea of(List<Geometry> polygons, String source) {
        Envelope box = new Envelope();
        List<double[]> lons = new ArrayList<>();
        List<double[]> lats = new ArrayList<>();
        int vertices = 0;
        for (Geometry g : polygons) {
            for (int p = 0; p < g.getNumGeometries(); p++) {
                Polygon polygon = (Polygon) g.getGeometryN(p);
                List<LinearRing> rings = new ArrayList<>();
                rings.add(polygon.getExteriorRing());
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    rings.add(polygon.getInteriorRingN(h));
                }
                for (LinearRing ring : rings) {
                    Coordinate[] c = ring.getCoordinates();
                    double[] x = new double[c.length];
                    double[] y = new double[c.length];
                    for (int i = 0; i < c.length; i++) {
                        GeoPoint.checkLatitude("service-area", c[i].y);
                        GeoPoint.checkLongitude("service-area", c[i].x);
                        x[i] = c[i].x;
                        y[i] = c[i].y;
                        box.expandToInclude(c[i]);
                    }
                    lons.add(x);
                    lats.add(y);
                    vertices += c.length - 1;
                }
            }
        }
        String description = String.format(
                Locale.ROOT,
                "the polygons of %s (%d vertices; latitude %.4f to %.4f, longitude %.4f to %.4f)",
                source,
                vertices,
                box.getMinY(),
                box.getMaxY(),
                box.getMinX(),
                box.getMaxX());
        return new ServiceArea(box, lons.toArray(new double[0][]), lats.toArray(new double[0][]), description);
    }

    /** Whether the point lies in the area (a box's edges included). Allocation-free. */
    public boolean contains(double latDeg, double lonDeg) {
        if (!(latDeg >= minLatDeg && latDeg <= maxLatDeg && lonDeg >= minLonDeg && lonDeg <= maxLonDeg)) {
            return false;
        }
        if (ringLons.length == 0) {
            return true;
        }
        boolean inside = false;
        for (int r = 0; r < ringLons.length; r++) {
            double[] x = ringLons[r];
            double[] y = ringLats[r];
            for (int i = 0, j = x.length - 2; i < x.length - 1; j = i++) {
                if ((y[i] > latDeg) != (y[j] > latDeg)
                        && lonDeg < (x[j] - x[i]) * (latDeg - y[i]) / (y[j] - y[i]) + x[i]) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }

    /** South edge of the area's bounding box, degrees. */
    public double minLatDeg() {
        return minLatDeg;
    }

    /** West edge of the area's bounding box, degrees. */
    public double minLonDeg() {
        return minLonDeg;
    }

    /** North edge of the area's bounding box, degrees. */
    public double maxLatDeg() {
        return maxLatDeg;
    }

    /** East edge of the area's bounding box, degrees. */
    public double maxLonDeg() {
        return maxLonDeg;
    }

    /** What the area is, for messages and {@code /health}. */
    @Override
    public String toString() {
        return description;
    }
}
