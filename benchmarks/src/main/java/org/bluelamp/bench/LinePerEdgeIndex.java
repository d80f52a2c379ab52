package org.bluelamp.bench;

import java.util.Arrays;
import org.bluelamp.road.EdgeShapes;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The baseline of {@link EdgeIndexBenchmark}: {@code conditions.EdgeIndex.edgesIntersecting} as it
 * was before issue 11's speed fix, kept verbatim in behaviour: the same STR-tree over edge boxes,
 * the first point located in the area, and otherwise a JTS line built for the candidate edge and
 * tested with {@code PreparedGeometry.intersects}. Immutable after construction; thread-safe.
 */
final class LinePerEdgeIndex {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final EdgeShapes shapes;
    private final STRtree tree = new STRtree();

    LinePerEdgeIndex(EdgeShapes shapes) {
        this.shapes = shapes;
        int[] off = shapes.pointOffset();
        double[] lat = shapes.latDeg();
        double[] lon = shapes.lonDeg();
        for (int e = 0; e < shapes.edgeCount(); e++) {
            if (off[e + 1] == off[e]) {
                continue;
            }
            Envelope env = new Envelope();
            for (int i = off[e]; i < off[e + 1]; i++) {
                env.expandToInclude(lon[i], lat[i]);
            }
            tree.insert(env, e);
        }
        tree.build();
    }

    int[] edgesIntersecting(Geometry area) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(area);
        int[] off = shapes.pointOffset();
        double[] lat = shapes.latDeg();
        double[] lon = shapes.lonDeg();
        int[][] found = {new int[64]};
        int[] count = {0};
        Coordinate first = new Coordinate();
        tree.query(area.getEnvelopeInternal(), (ItemVisitor) item -> {
            int e = (Integer) item;
            int from = off[e];
            int to = off[e + 1];
            first.x = lon[from];
            first.y = lat[from];
            boolean in = locator.locate(first) != Location.EXTERIOR;
            if (!in) {
                Coordinate[] line = new Coordinate[Math.max(2, to - from)];
                for (int i = from; i < to; i++) {
                    line[i - from] = new Coordinate(lon[i], lat[i]);
                }
                if (to - from == 1) {
                    line[1] = line[0];
                }
                in = prepared.intersects(FACTORY.createLineString(line));
            }
            if (in) {
                if (count[0] == found[0].length) {
                    found[0] = Arrays.copyOf(found[0], count[0] * 2);
                }
                found[0][count[0]++] = e;
            }
        });
        int[] edges = Arrays.copyOf(found[0], count[0]);
        Arrays.sort(edges);
        return edges;
    }
}
