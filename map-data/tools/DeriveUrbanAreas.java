// Derives urban-area polygons from OpenStreetMap land use, for the dispatch policy's urban/rural
// attendance targets. Run with the engine's jar on the class path (it brings JTS):
//
//   osmium tags-filter EXTRACT.osm.pbf a/landuse=residential,commercial,retail,industrial -o landuse.osm.pbf
//   osmium export landuse.osm.pbf -f geojson --geometry-types=polygon -o landuse.geojson
//   java -cp engine/target/bluelamp-engine-0.1.0-SNAPSHOT-all.jar map-data/tools/DeriveUrbanAreas.java \
//        landuse.geojson OUT.geojson "Area name"
//
// Method (after the ONS built-up areas approach: built-up land, gaps under 200 m closed, small
// patches dropped): buffer every built-up land-use polygon by 100 m, union, shrink by 100 m
// (closing gaps under 200 m), keep areas of at least 20 hectares, simplify to 10 m. Distances are
// metres in a local equirectangular projection around the data's centre (error well under 1% at
// county scale). Output: a GeoJSON FeatureCollection of polygons with a "name" and "areaHectares".
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

public class DeriveUrbanAreas {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DeriveUrbanAreas <landuse.geojson> <out.geojson> <area name>");
            System.exit(2);
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = mapper.readTree(Path.of(args[0]).toFile());
        GeoJsonReader reader = new GeoJsonReader();
        List<Geometry> parts = new ArrayList<>();
        double sumLat = 0;
        int n = 0;
        for (var f : root.get("features")) {
            Geometry g = reader.read(mapper.writeValueAsString(f.get("geometry")));
            parts.add(g);
            sumLat += g.getCentroid().getY();
            n++;
        }
        double lat0 = sumLat / n;
        double mPerDegLat = 111_320.0;
        double mPerDegLon = 111_320.0 * Math.cos(Math.toRadians(lat0));
        GeometryFactory gf = new GeometryFactory();
        List<Geometry> projected = new ArrayList<>();
        for (Geometry g : parts) {
            Geometry p = g.copy();
            p.apply((CoordinateFilter) c -> { c.x *= mPerDegLon; c.y *= mPerDegLat; });
            p.geometryChanged();
            projected.add(p.buffer(100, 8));
        }
        Geometry closed = UnaryUnionOp.union(projected).buffer(-100, 8);
        Geometry simplified = TopologyPreservingSimplifier.simplify(closed, 10);
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        GeoJsonWriter writer = new GeoJsonWriter(7);
        writer.setEncodeCRS(false);
        int kept = 0;
        for (int i = 0; i < simplified.getNumGeometries(); i++) {
            Geometry poly = simplified.getGeometryN(i);
            double hectares = poly.getArea() / 10_000;
            if (!(poly instanceof Polygon) || hectares < 20) {
                continue;
            }
            Geometry back = poly.copy();
            back.apply((CoordinateFilter) c -> { c.x /= mPerDegLon; c.y /= mPerDegLat; });
            back.geometryChanged();
            if (kept++ > 0) {
                out.append(",\n");
            }
            out.append(String.format(Locale.ROOT,
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s urban area %d\",\"areaHectares\":%.1f},\"geometry\":%s}",
                    args[2], kept, hectares, writer.write(back)));
        }
        out.append("\n]}\n");
        Files.writeString(Path.of(args[1]), out);
        System.out.printf(Locale.ROOT, "%d land-use polygons -> %d urban areas of 20 ha or more -> %s%n", n, kept, args[1]);
    }
}
