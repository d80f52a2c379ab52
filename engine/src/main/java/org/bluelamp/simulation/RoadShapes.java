package org.bluelamp.simulation;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bluelamp.road.RoadNetwork;

/**
 * Where on the ground a point along a road edge is: every road node's coordinates (read once),
 * and each edge's shape with the distance along it (read from the road network the first time a
 * unit travels the edge, then kept). A unit's true position is an edge and a distance from the
 * edge's base node; its reported position starts from the point this gives.
 *
 * <p>Thread-safe: shapes are published lock-free (two threads reading the same new edge compute
 * the same array, so the race is benign); node coordinates are immutable.
 */
final class RoadShapes {
    private final RoadNetwork network;
    private final double[] nodeLatDeg;
    private final double[] nodeLonDeg;
    /** Per edge: lat, lon and metres from the base node, for each point of its shape. */
    private final AtomicReferenceArray<double[]> shapes;

    RoadShapes(RoadNetwork network, int edgeCount) {
        this.network = network;
        int nodes = network.nodeCount();
        nodeLatDeg = new double[nodes];
        nodeLonDeg = new double[nodes];
        for (int n = 0; n < nodes; n++) {
            var p = network.nodePoint(n);
            nodeLatDeg[n] = p.latDeg();
            nodeLonDeg[n] = p.lonDeg();
        }
        shapes = new AtomicReferenceArray<>(edgeCount);
    }

    double nodeLatDeg(int node) {
        return nodeLatDeg[node];
    }

    double nodeLonDeg(int node) {
        return nodeLonDeg[node];
    }

    int nodeCount() {
        return nodeLatDeg.length;
    }

    /**
     * Writes into {@code out[0..1]} the latitude and longitude of the point {@code fraction} (0 at
     * the base node, 1 at the adjacent node) of the way along the edge's shape.
     */
    void pointAt(int edge, double fraction, double[] out) {
        double[] s = shape(edge);
        int points = s.length / 3;
        double total = s[s.length - 1];
        if (points == 1 || total <= 0) {
            out[0] = s[0];
            out[1] = s[1];
            return;
        }
        double target = Math.max(0, Math.min(1, fraction)) * total;
        // the shape's points are few (a handful per edge): a linear scan is as fast as any
        int i = 1;
        while (i < points - 1 && s[3 * i + 2] < target) {
            i++;
        }
        double d0 = s[3 * (i - 1) + 2];
        double d1 = s[3 * i + 2];
        double f = d1 > d0 ? (target - d0) / (d1 - d0) : 0;
        out[0] = s[3 * (i - 1)] + f * (s[3 * i] - s[3 * (i - 1)]);
        out[1] = s[3 * (i - 1) + 1] + f * (s[3 * i + 1] - s[3 * (i - 1) + 1]);
    }

    private double[] shape(int edge) {
        double[] s = shapes.get(edge);
        if (s != null) {
            return s;
        }
        double[][] g = network.edgeGeometry(edge);
        double[] lat = g[0];
        double[] lon = g[1];
        s = new double[lat.length * 3];
        double along = 0;
        for (int i = 0; i < lat.length; i++) {
            if (i > 0) {
                along += planeMetres(lat[i - 1], lon[i - 1], lat[i], lon[i]);
            }
            s[3 * i] = lat[i];
            s[3 * i + 1] = lon[i];
            s[3 * i + 2] = along;
        }
        shapes.set(edge, s);
        return s;
    }

    /** Metres between two close points on the local plane (equirectangular). */
    static double planeMetres(double lat1, double lon1, double lat2, double lon2) {
        double mPerDegLat = 111_194.93; // 2 pi R / 360 with R = 6,371 km
        double dy = (lat2 - lat1) * mPerDegLat;
        double dx = (lon2 - lon1) * mPerDegLat * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.sqrt(dx * dx + dy * dy);
    }
}
