package org.bluelamp.coverage;

import java.util.Arrays;
import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoDistance;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Small road networks drawn by hand for coverage tests: nodes at given positions, straight edges
 * with a length and a time each way, one graph serving every profile. Points are placed on the
 * nearest edge by projection on its straight line (within 500 m).
 */
final class DrawnRoads implements CoverageRoads {
    private double[] lat = new double[0];
    private double[] lon = new double[0];
    private int[] base = new int[0];
    private int[] adj = new int[0];
    private double[] metres = new double[0];
    private int[] fwd = new int[0];
    private int[] bwd = new int[0];
    private int edges;
    private TravelTimeGraph graph;

    /** Puts node {@code n} at a position. */
    DrawnRoads node(int n, double latDeg, double lonDeg) {
        if (n >= lat.length) {
            lat = Arrays.copyOf(lat, n + 1);
            lon = Arrays.copyOf(lon, n + 1);
        }
        lat[n] = latDeg;
        lon[n] = lonDeg;
        graph = null;
        return this;
    }

    /** A two-way edge as long as the straight line, taking {@code millis} each way; returns its id. */
    int both(int a, int b, int millis) {
        return edge(a, b, millis, millis);
    }

    /** An edge as long as the straight line with a time each way (or CLOSED); returns its id. */
    int edge(int a, int b, int fwdMillis, int bwdMillis) {
        if (edges == base.length) {
            int len = Math.max(8, edges * 2);
            base = Arrays.copyOf(base, len);
            adj = Arrays.copyOf(adj, len);
            metres = Arrays.copyOf(metres, len);
            fwd = Arrays.copyOf(fwd, len);
            bwd = Arrays.copyOf(bwd, len);
        }
        base[edges] = a;
        adj[edges] = b;
        metres[edges] = GeoDistance.equirectangularMetres(lat[a], lon[a], lat[b], lon[b]);
        fwd[edges] = fwdMillis;
        bwd[edges] = bwdMillis;
        graph = null;
        return edges++;
    }

    GeoPoint point(int n) {
        return new GeoPoint(lat[n], lon[n]);
    }

    /** A point a fraction of the way along edge {@code e} from its base node. */
    GeoPoint along(int e, double fraction) {
        return new GeoPoint(
                lat[base[e]] + fraction * (lat[adj[e]] - lat[base[e]]),
                lon[base[e]] + fraction * (lon[adj[e]] - lon[base[e]]));
    }

    double edgeMetres(int e) {
        return metres[e];
    }

    @Override
    public List<TravelProfile> profiles() {
        return List.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY, TravelProfile.FOOT, TravelProfile.BIKE);
    }

    @Override
    public TravelTimeGraph graph(TravelProfile profile) {
        if (graph == null) {
            graph = TravelTimeGraph.fromArrays(
                    TravelProfile.CAR_EMERGENCY,
                    lat.clone(),
                    lon.clone(),
                    Arrays.copyOf(base, edges),
                    Arrays.copyOf(adj, edges),
                    Arrays.copyOf(metres, edges),
                    Arrays.copyOf(fwd, edges),
                    Arrays.copyOf(bwd, edges));
        }
        return graph;
    }

    @Override
    public long[] mainNetworkEdges(TravelProfile profile) {
        long[] bits = new long[(edges + 63) / 64];
        for (int e = 0; e < edges; e++) {
            bits[e >>> 6] |= 1L << e;
        }
        return bits;
    }

    @Override
    public EdgePlacement place(TravelProfile profile, String field, GeoPoint p) {
        double bestD = Double.POSITIVE_INFINITY;
        EdgePlacement best = null;
        double kx = Math.cos(Math.toRadians(p.latDeg())) * GeoDistance.METRES_PER_DEGREE;
        double ky = GeoDistance.METRES_PER_DEGREE;
        for (int e = 0; e < edges; e++) {
            double ax = lon[base[e]] * kx;
            double ay = lat[base[e]] * ky;
            double bx = lon[adj[e]] * kx;
            double by = lat[adj[e]] * ky;
            double px = p.lonDeg() * kx;
            double py = p.latDeg() * ky;
            double dx = bx - ax;
            double dy = by - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
            double sx = ax + t * dx;
            double sy = ay + t * dy;
            double d = Math.hypot(px - sx, py - sy);
            if (d < bestD) {
                bestD = d;
                GeoPoint snapped = new GeoPoint(sy / ky, sx / kx);
                best = new EdgePlacement(p, snapped, d, e, t * metres[e], (1 - t) * metres[e]);
            }
        }
        if (best == null || bestD > 500) {
            throw BluelampException.invalid(field, field + " " + p + " is not near any road");
        }
        return best;
    }

    @Override
    public double[][] edgeGeometry(int e) {
        return new double[][] {{lat[base[e]], lat[adj[e]]}, {lon[base[e]], lon[adj[e]]}};
    }
}
