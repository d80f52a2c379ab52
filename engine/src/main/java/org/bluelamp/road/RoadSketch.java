package org.bluelamp.road;

import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;

/**
 * The drawable shape of every road of a network, for the web console's basemap: each edge's
 * points (junctions and the shape in between, in degrees) and its class, as primitive arrays, with
 * each edge's bounding box so that a drawing can skip the roads outside its view.
 *
 * <p>Classes, most important first: {@link #CLASS_MAJOR} (motorway, trunk), {@link #CLASS_PRIMARY},
 * {@link #CLASS_SECONDARY} (secondary, tertiary), {@link #CLASS_LOCAL} (residential, unclassified,
 * living street, service, road) and {@link #CLASS_PATH} (tracks, paths, footways, cycleways, steps
 * and whatever else).
 *
 * <p>Thread-safety: immutable after {@link RoadNetwork#sketch()} builds it; the arrays are never
 * handed out.
 */
public final class RoadSketch {
    /** Motorways and trunk roads. */
    public static final int CLASS_MAJOR = 0;
    /** Primary roads. */
    public static final int CLASS_PRIMARY = 1;
    /** Secondary and tertiary roads. */
    public static final int CLASS_SECONDARY = 2;
    /** Residential, unclassified and service roads. */
    public static final int CLASS_LOCAL = 3;
    /** Tracks, paths, footways, cycleways, steps and anything else. */
    public static final int CLASS_PATH = 4;

    private final int[] firstPoint; // edge e's points are firstPoint[e] .. firstPoint[e + 1] - 1
    private final double[] latsDeg;
    private final double[] lonsDeg;
    private final byte[] roadClass;
    private final double[] minLatDeg;
    private final double[] maxLatDeg;
    private final double[] minLonDeg;
    private final double[] maxLonDeg;

    private RoadSketch(int[] firstPoint, double[] latsDeg, double[] lonsDeg, byte[] roadClass) {
        this.firstPoint = firstPoint;
        this.latsDeg = latsDeg;
        this.lonsDeg = lonsDeg;
        this.roadClass = roadClass;
        int edges = roadClass.length;
        minLatDeg = new double[edges];
        maxLatDeg = new double[edges];
        minLonDeg = new double[edges];
        maxLonDeg = new double[edges];
        for (int e = 0; e < edges; e++) {
            double s = 90;
            double n = -90;
            double w = 180;
            double east = -180;
            for (int p = firstPoint[e]; p < firstPoint[e + 1]; p++) {
                s = Math.min(s, latsDeg[p]);
                n = Math.max(n, latsDeg[p]);
                w = Math.min(w, lonsDeg[p]);
                east = Math.max(east, lonsDeg[p]);
            }
            minLatDeg[e] = s;
            maxLatDeg[e] = n;
            minLonDeg[e] = w;
            maxLonDeg[e] = east;
        }
    }

    /** Reads every edge of GraphHopper's base graph (once, at start-up). */
    static RoadSketch of(BaseGraph graph, EnumEncodedValue<RoadClass> roadClassValue) {
        int edges = graph.getEdges();
        int[] first = new int[edges + 1];
        PointList[] shapes = new PointList[edges];
        byte[] classes = new byte[edges];
        EdgeIterator it = graph.getAllEdges();
        int total = 0;
        while (it.next()) {
            int e = it.getEdge();
            shapes[e] = it.fetchWayGeometry(FetchMode.ALL);
            classes[e] = (byte) (roadClassValue == null ? CLASS_LOCAL : classOf(it.get(roadClassValue)));
        }
        for (int e = 0; e < edges; e++) {
            first[e] = total;
            total += shapes[e] == null ? 0 : shapes[e].size();
        }
        first[edges] = total;
        double[] lats = new double[total];
        double[] lons = new double[total];
        for (int e = 0; e < edges; e++) {
            PointList pl = shapes[e];
            for (int i = 0; pl != null && i < pl.size(); i++) {
                lats[first[e] + i] = pl.getLat(i);
                lons[first[e] + i] = pl.getLon(i);
            }
        }
        return new RoadSketch(first, lats, lons, classes);
    }

    private static int classOf(RoadClass c) {
        return switch (c) {
            case MOTORWAY, TRUNK -> CLASS_MAJOR;
            case PRIMARY -> CLASS_PRIMARY;
            case SECONDARY, TERTIARY -> CLASS_SECONDARY;
            case RESIDENTIAL, UNCLASSIFIED, LIVING_STREET, SERVICE, ROAD -> CLASS_LOCAL;
            default -> CLASS_PATH;
        };
    }

    /** Number of edges (roads between junctions). */
    public int edgeCount() {
        return roadClass.length;
    }

    /** The class of edge {@code edge}, one of the {@code CLASS_} constants. */
    public int roadClass(int edge) {
        return roadClass[edge];
    }

    /** Whether edge {@code edge}'s bounding box meets the given box (degrees). */
    public boolean meets(int edge, double southDeg, double westDeg, double northDeg, double eastDeg) {
        return maxLatDeg[edge] >= southDeg
                && minLatDeg[edge] <= northDeg
                && maxLonDeg[edge] >= westDeg
                && minLonDeg[edge] <= eastDeg;
    }

    /** Index of edge {@code edge}'s first point. */
    public int firstPoint(int edge) {
        return firstPoint[edge];
    }

    /** Index one past edge {@code edge}'s last point. */
    public int endPoint(int edge) {
        return firstPoint[edge + 1];
    }

    /** Latitude of point {@code point}, degrees. */
    public double latDeg(int point) {
        return latsDeg[point];
    }

    /** Longitude of point {@code point}, degrees. */
    public double lonDeg(int point) {
        return lonsDeg[point];
    }
}
