package org.bluelamp.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Service areas: boxes, margins, GeoJSON polygons with holes; the polygon test agrees with JTS. */
class ServiceAreaTest {
    /** A square around Leicester with a square hole, and a second square apart (a MultiPolygon). */
    static final String LEICESTER = """
            {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
              [[[-1.3,52.5],[-0.9,52.5],[-0.9,52.8],[-1.3,52.8],[-1.3,52.5]],
               [[-1.15,52.6],[-1.05,52.6],[-1.05,52.7],[-1.15,52.7],[-1.15,52.6]]],
              [[[-0.7,52.5],[-0.5,52.5],[-0.6,52.8],[-0.7,52.5]]]]}}
            """;

    @Test
    void boxesAndMargins() {
        ServiceArea box = ServiceArea.box(43.72, 7.40, 43.76, 7.44);
        assertTrue(box.contains(43.72, 7.40), "edges are inside");
        assertFalse(box.contains(0, 0));
        assertFalse(box.contains(Double.NaN, 7.42));
        ServiceArea around = ServiceArea.around(43.72, 7.40, 43.76, 7.44, 10_000);
        assertEquals(43.72 - 10_000 / 111_195.0, around.minLatDeg(), 1e-4);
        assertTrue(around.contains(43.70, 7.33), "8 km west of the box is inside a 10 km margin");
        assertFalse(around.contains(43.74, 7.20), "18 km west is not");
        assertEquals(-90, ServiceArea.around(-89.99, -10, -80, 10, 50_000).minLatDeg());
        assertThrows(IllegalArgumentException.class, () -> ServiceArea.box(10, 5, 9, 6));
    }

    @Test
    void polygonsFromGeoJsonWithHolesAgreeWithJts() throws Exception {
        ServiceArea area = ServiceArea.parse(LEICESTER, "leicester.geojson");
        assertTrue(area.contains(52.55, -1.25));
        assertFalse(area.contains(52.65, -1.10), "inside the hole");
        assertTrue(area.contains(52.6, -0.6), "in the second polygon");
        assertFalse(area.contains(0, 0));
        assertTrue(area.toString().contains("leicester.geojson"), area.toString());
        Geometry jts = new GeoJsonReader().read(LEICESTER);
        GeometryFactory f = new GeometryFactory();
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            double lat = 52.45 + random.nextDouble() * 0.4;
            double lon = -1.35 + random.nextDouble() * 0.9;
            boolean expected = jts.covers(f.createPoint(new Coordinate(lon, lat)));
            assertEquals(expected, area.contains(lat, lon), "seed " + seed + ": " + lat + "," + lon);
        }
    }

    @Test
    void badGeoJsonIsRefusedNamingTheOption() {
        for (String bad : new String[] {
            "{",
            "{\"type\":\"Point\",\"coordinates\":[1,2]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}", // self-intersecting
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[200,0],[0,1],[0,0]]]}",
            "{\"type\":\"FeatureCollection\",\"features\":[]}"
        }) {
            BluelampException e = assertThrows(BluelampException.class, () -> ServiceArea.parse(bad, "area.json"), bad);
            assertEquals("service-area", e.field(), e.getMessage());
        }
    }

    @Test
    void theFileEntryPointOnlyReadsTheFileAndGivesTheInMemoryAnswer(@TempDir Path tmp) throws Exception {
        // the fuzz target feeds the in-memory entry point: the path one must add nothing but reading
        Path file = Files.writeString(tmp.resolve("leicester.geojson"), LEICESTER);
        ServiceArea fromFile = ServiceArea.load(file);
        ServiceArea fromMemory = ServiceArea.parse(LEICESTER.getBytes(StandardCharsets.UTF_8), file.toString());
        assertEquals(fromFile.toString(), fromMemory.toString());
        assertTrue(fromFile.contains(52.55, -1.2) && fromMemory.contains(52.55, -1.2));
        byte[] latin1 = "{\"type\":\"Polygon\",\"name\":\"K\u00f6ln\"}".getBytes(StandardCharsets.ISO_8859_1);
        Path latin1File = Files.write(tmp.resolve("latin1.geojson"), latin1);
        BluelampException notUtf8 = assertThrows(BluelampException.class, () -> ServiceArea.load(latin1File));
        assertEquals("service-area", notUtf8.field());
        assertTrue(
                notUtf8.getMessage().startsWith("service area file " + latin1File + " is not UTF-8 text"),
                notUtf8.getMessage());
        assertEquals(
                notUtf8.getMessage(),
                assertThrows(BluelampException.class, () -> ServiceArea.parse(latin1, latin1File.toString()))
                        .getMessage());
        // what only the path entry point does: a missing file, a folder
        for (Path notAFile : new Path[] {tmp.resolve("none.geojson"), tmp}) {
            BluelampException e = assertThrows(BluelampException.class, () -> ServiceArea.load(notAFile));
            assertEquals("service-area", e.field());
            assertTrue(e.getMessage().startsWith("cannot read service area file " + notAFile + ": "), e.getMessage());
        }
    }
}
