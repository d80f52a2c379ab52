package org.bluelamp.conditions;

import java.util.Arrays;
import org.bluelamp.road.EdgeShapes;
import org.bluelamp.road.RoadClass;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The edges of a road network in a spatial index (a JTS STR-tree over each edge's bounding box),
 * built once per network, so that the roads an area touches are found without looking at every
 * edge: the tree gives the edges whose boxes meet the area's box, and only those are tested
 * exactly (a road is in an area when its line intersects the area, touching included, as in
 * GraphHopper's custom-model areas; a first point inside the area settles it, otherwise its
 * segments are tested against the area's boundary over primitive coordinates). Also answers which
 * edges are of a road class.
 *
 * <p>Immutable after construction and safe for any number of threads (the tree is built before
 * the first query; queries allocate only their answer and the area's locator and boundary grid).
 */
public final class EdgeIndex {
    private final EdgeShapes shapes;
    private final STRtree tree;

    /** Indexes every edge (about a second for a million edges). */
    public EdgeIndex(EdgeShapes shapes) {
        this.shapes = shapes;
        int edges = shapes.edgeCount();
        this.tree = new STRtree();
        int[] off = shapes.pointOffset();
        double[] lat = shapes.latDeg();
        double[] lon = shapes.lonDeg();
        for (int e = 0; e < edges; e++) {
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

    public EdgeShapes shapes() {
        return shapes;
    }

    public int edgeCount() {
        return shapes.edgeCount();
    }

    /**
     * The edges whose lines intersect {@code area} (touching counts), in increasing order of id:
     * the answer of JTS's {@code PreparedGeometry.intersects} for each edge's line, found without
     * building one. The STR-tree gives the edges whose boxes meet the area's box; for each, its
     * first point inside or on the area settles it (JTS's point locator, one reused coordinate);
     * otherwise the line meets the area exactly when one of its segments meets the area's boundary
     * (a line that starts outside cannot reach the area without crossing it), tested over the
     * edge's own coordinate arrays against the boundary's segments in a grid
     * ({@link AreaBoundary}) with JTS's robust orientation test, as JTS's segment intersector does.
     * Allocates the answer, the locator and the boundary grid (the size of the area), nothing per
     * edge.
     */
    public int[] edgesIntersecting(Geometry area) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(area);
        AreaBoundary boundary = new AreaBoundary(area);
        int[] off = shapes.pointOffset();
        double[] lat = shapes.latDeg();
        double[] lon = shapes.lonDeg();
        Collector found = new Collector();
        Coordinate first = new Coordinate();
        tree.query(area.getEnvelopeInternal(), (ItemVisitor) item -> {
            int e = (Integer) item;
            int from = off[e];
            int to = off[e + 1];
            first.x = lon[from];
            first.y = lat[from];
            if (locator.locate(first) != Location.EXTERIOR) {
                found.add(e);
                return;
            }
            for (int i = from; i + 1 < to; i++) {
                if (boundary.meets(lon[i], lat[i], lon[i + 1], lat[i + 1])) {
                    found.add(e);
                    return;
                }
            }
        });
        int[] edges = found.toArray();
        Arrays.sort(edges);
        return edges;
    }

    /** The edges of any of these road classes, in increasing order of id. */
    public int[] edgesOfClasses(java.util.Set<RoadClass> classes) {
        boolean[] wanted = new boolean[RoadClass.values().length];
        classes.forEach(c -> wanted[c.ordinal()] = true);
        byte[] rc = shapes.roadClass();
        Collector found = new Collector();
        for (int e = 0; e < rc.length; e++) {
            if (wanted[rc[e]]) {
                found.add(e);
            }
        }
        return found.toArray();
    }

    /** A growing list of edge ids. */
    private static final class Collector {
        private int[] ids = new int[64];
        private int count;

        void add(int id) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, count);
        }
    }
}
