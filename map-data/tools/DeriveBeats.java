// Draws illustrative beats for a worked example: the Voronoi cells of a few named seed points (in a
// local equirectangular projection, so that the cells' boundaries are true perpendicular bisectors),
// clipped to a box. Not a force's real beat map: a stand-in that divides an area sensibly around
// its towns. Run with the engine's jar on the class path (it brings JTS and Jackson):
//
//   java -cp engine/target/bluelamp-engine-0.1.0-SNAPSHOT-all.jar map-data/tools/DeriveBeats.java \
//        OUT.geojson SOUTH,WEST,NORTH,EAST ID:NAME:LAT:LON ...
//
// The Rutland example (map-data/examples/rutland-beats.geojson) was drawn with:
//   ... rutland-beats.geojson 52.52,-0.83,52.77,-0.42 \
//       OAKHAM:Oakham:52.6699:-0.7285 UPPINGHAM:Uppingham:52.5887:-0.7234 \
//       NORTH:Cottesmore and the north:52.7135:-0.6628 EAST:Ketton and the east:52.6277:-0.5522
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

public class DeriveBeats {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: DeriveBeats <out.geojson> <south,west,north,east> <id:name:lat:lon> <id:name:lat:lon>...");
            System.exit(2);
        }
        String[] box = args[1].split(",");
        double south = Double.parseDouble(box[0]);
        double west = Double.parseDouble(box[1]);
        double north = Double.parseDouble(box[2]);
        double east = Double.parseDouble(box[3]);
        double cos = Math.cos(Math.toRadians((south + north) / 2));
        GeometryFactory gf = new GeometryFactory();
        List<String[]> seeds = new ArrayList<>();
        List<Coordinate> sites = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] s = args[i].split(":");
            seeds.add(s);
            // x = lon * cos(mid latitude), y = lat: distances in proportion to metres
            sites.add(new Coordinate(Double.parseDouble(s[3]) * cos, Double.parseDouble(s[2])));
        }
        Envelope clip = new Envelope(west * cos, east * cos, south, north);
        VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
        vb.setSites(sites);
        vb.setClipEnvelope(clip);
        Geometry cells = vb.getDiagram(gf);
        Geometry frame = gf.toGeometry(clip);
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int s = 0; s < seeds.size(); s++) {
            Geometry cell = null;
            for (int c = 0; c < cells.getNumGeometries(); c++) {
                if (cells.getGeometryN(c).contains(gf.createPoint(sites.get(s)))) {
                    cell = cells.getGeometryN(c).intersection(frame);
                }
            }
            StringBuilder ring = new StringBuilder();
            for (Coordinate c : cell.getCoordinates()) {
                ring.append(ring.isEmpty() ? "" : ",")
                        .append(String.format(Locale.ROOT, "[%.5f,%.5f]", c.x / cos, c.y));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"name\":\"%s\"},"
                            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[%s]]}}%s\n",
                    seeds.get(s)[0],
                    seeds.get(s)[1],
                    ring,
                    s + 1 < seeds.size() ? "," : ""));
        }
        out.append("]}\n");
        Files.writeString(Path.of(args[0]), out);
    }
}
