package org.bluelamp.conditions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.road.EdgeShapes;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * {@link EdgeIndex#edgesIntersecting} answers exactly as the plain JTS test it replaced (a line
 * per edge, {@code PreparedGeometry.intersects}), on the real Rutland network, for seeded random
 * areas: stars from street to county size, with holes, multipolygons, and the hard cases: areas
 * whose corners are road shape points and whose sides run along roads (touching and collinear
 * overlaps). The seed is printed on failure ({@code -Dbluelamp.seed} repeats it).
 */
class EdgeIndexExactnessTest {
    static final GeometryFactory FACTORY = new GeometryFactory();

    /** The edges whose lines intersect the area, tested the way EdgeIndex did before (the reference). */
    static int[] reference(EdgeShapes shapes, Geometry area) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        int[] off = shapes.pointOffset();
        double[] lat = shapes.latDeg();
        double[] lon = shapes.lonDeg();
        List<Integer> found = new ArrayList<>();
        for (int e = 0; e < shapes.edgeCount(); e++) {
            int from = off[e];
            int to = off[e + 1];
            if (from == to) {
                continue;
            }
            org.locationtech.jts.geom.Envelope box = new org.locationtech.jts.geom.Envelope();
            for (int i = from; i < to; i++) {
                box.expandToInclude(lon[i], lat[i]);
            }
            if (!box.intersects(area.getEnvelopeInternal())) {
                continue; // cannot intersect: skips building the line (the test's own speed only)
            }
            Coordinate[] line = new Coordinate[Math.max(2, to - from)];
            for (int i = from; i < to; i++) {
                line[i - from] = new Coordinate(lon[i], lat[i]);
            }
            if (to - from == 1) {
                line[1] = line[0];
            }
            if (prepared.intersects(FACTORY.createLineString(line))) {
                found.add(e);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    static LinearRing star(Random r, double lat, double lon, double radiusDeg, int corners) {
        Coordinate[] ring = new Coordinate[corners + 1];
        for (int k = 0; k < corners; k++) {
            double a = 2 * Math.PI * k / corners;
            double rad = radiusDeg * (0.4 + 0.6 * r.nextDouble());
            ring[k] = new Coordinate(lon + rad * Math.cos(a) / Math.cos(Math.toRadians(lat)), lat + rad * Math.sin(a));
        }
        ring[corners] = ring[0];
        return FACTORY.createLinearRing(ring);
    }

    /** A triangle with one side along a road segment, from its shape points exactly. */
    static Polygon alongRoad(Random r, EdgeShapes shapes) {
        int[] off = shapes.pointOffset();
        while (true) {
            int e = r.nextInt(shapes.edgeCount());
            if (off[e + 1] - off[e] < 2) {
                continue;
            }
            int i = off[e] + r.nextInt(off[e + 1] - off[e] - 1);
            Coordinate a = new Coordinate(shapes.lonDeg()[i], shapes.latDeg()[i]);
            Coordinate b = new Coordinate(shapes.lonDeg()[i + 1], shapes.latDeg()[i + 1]);
            if (a.equals2D(b)) {
                continue;
            }
            double side = r.nextBoolean() ? 1 : -1;
            Coordinate c = new Coordinate(
                    (a.x + b.x) / 2 - side * (b.y - a.y) * (0.5 + r.nextDouble()),
                    (a.y + b.y) / 2 + side * (b.x - a.x) * (0.5 + r.nextDouble()));
            Polygon p = FACTORY.createPolygon(new Coordinate[] {a, b, c, a});
            if (p.isValid() && p.getArea() > 0) {
                return p;
            }
        }
    }

    @Test
    void answersAsTheLinePerEdgeTestOnRutland() {
        long seed = Long.getLong("bluelamp.seed", System.nanoTime());
        RoadNetwork net = TestMaps.rutland();
        EdgeShapes shapes = net.edgeShapes();
        EdgeIndex index = new EdgeIndex(shapes);
        GeoBounds b = net.bounds();
        Random r = new Random(seed);
        long foundTotal = 0;
        for (int round = 0; round < 60; round++) {
            double lat = b.minLatDeg() + r.nextDouble() * (b.maxLatDeg() - b.minLatDeg());
            double lon = b.minLonDeg() + r.nextDouble() * (b.maxLonDeg() - b.minLonDeg());
            // from a street (100 m) to the county (20 km)
            double radiusDeg = Math.pow(10, -3 + r.nextDouble() * 2.3);
            Geometry area = switch (round % 4) {
                case 0 -> FACTORY.createPolygon(star(r, lat, lon, radiusDeg, 5 + r.nextInt(60)));
                case 1 ->
                    FACTORY.createPolygon(
                            star(r, lat, lon, radiusDeg, 8 + r.nextInt(30)),
                            new LinearRing[] {star(r, lat, lon, radiusDeg * 0.3, 6)});
                case 2 ->
                    FACTORY.createMultiPolygon(new Polygon[] {
                        FACTORY.createPolygon(star(r, lat, lon, radiusDeg * 0.3, 12)),
                        FACTORY.createPolygon(star(r, lat + radiusDeg, lon + radiusDeg, radiusDeg * 0.3, 9))
                    });
                default -> alongRoad(r, shapes);
            };
            if (!area.isValid()) {
                continue;
            }
            int[] expected = reference(shapes, area);
            int[] actual = index.edgesIntersecting(area);
            assertArrayEquals(
                    expected,
                    actual,
                    "seed " + seed + ", round " + round + ": " + area + "; only in reference "
                            + Arrays.toString(minus(expected, actual)) + ", only in index "
                            + Arrays.toString(minus(actual, expected)));
            foundTotal += actual.length;
        }
        assertTrue(foundTotal > 1000, "seed " + seed + ": the areas touch roads (" + foundTotal + ")");
    }

    @Test
    void segmentsThatTouchAtAnEndOrOverlapAlongALineMeet() {
        assertTrue(AreaBoundary.segmentsMeet(0, 0, 1, 1, 1, 1, 2, 0), "shared end");
        assertTrue(AreaBoundary.segmentsMeet(0, 0, 2, 0, 1, 0, 1, 5), "end on the other's interior");
        assertTrue(AreaBoundary.segmentsMeet(0, 0, 2, 0, 1, 0, 3, 0), "collinear overlap");
        assertTrue(!AreaBoundary.segmentsMeet(0, 0, 1, 0, 2, 0, 3, 0), "collinear apart");
        assertTrue(!AreaBoundary.segmentsMeet(0, 0, 1, 1, 0, 1, 0.4, 0.6), "apart");
        assertTrue(AreaBoundary.segmentsMeet(0, 0, 1, 1, 0, 1, 1, 0), "proper crossing");
    }

    private static int[] minus(int[] a, int[] b) {
        return Arrays.stream(a).filter(x -> Arrays.binarySearch(b, x) < 0).toArray();
    }
}
