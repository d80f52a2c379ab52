package org.bluelamp.road;

import java.util.Arrays;
import org.bluelamp.geo.GeoPoint;

/**
 * Small road graphs drawn by hand for tests of the search, in the way of GraphHopper's
 * {@code DijkstraOneToManyTest}: nodes on a grid (row, column; about 110 m apart), edges with their
 * length and travel time in each direction, and placements of points along edges.
 */
final class DrawnGraph {
    private static final double LAT0 = 52.6;
    private static final double LON0 = -0.7;
    private static final double STEP_DEG = 0.001;

    private double[] lat = new double[0];
    private double[] lon = new double[0];
    private int[] base = new int[0];
    private int[] adj = new int[0];
    private double[] metres = new double[0];
    private int[] fwd = new int[0];
    private int[] bwd = new int[0];
    private int edges;

    /** Puts node {@code n} at grid position (row, column). */
    DrawnGraph node(int n, int row, int column) {
        if (n >= lat.length) {
            lat = Arrays.copyOf(lat, n + 1);
            lon = Arrays.copyOf(lon, n + 1);
        }
        lat[n] = LAT0 - row * STEP_DEG;
        lon[n] = LON0 + column * STEP_DEG * 1.6;
        return this;
    }

    /** A two-way edge; returns its id. */
    int both(int a, int b, double lengthMetres, int millis) {
        return edge(a, b, lengthMetres, millis, millis);
    }

    /** A one-way edge from {@code a} to {@code b}; returns its id. */
    int oneWay(int a, int b, double lengthMetres, int millis) {
        return edge(a, b, lengthMetres, millis, TravelTimeGraph.CLOSED);
    }

    /** An edge base {@code a}, adj {@code b} with a time in each direction (or CLOSED); returns its id. */
    int edge(int a, int b, double lengthMetres, int fwdMillis, int bwdMillis) {
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
        metres[edges] = lengthMetres;
        fwd[edges] = fwdMillis;
        bwd[edges] = bwdMillis;
        return edges++;
    }

    TravelTimeGraph build() {
        return TravelTimeGraph.fromArrays(
                TravelProfile.CAR,
                lat.clone(),
                lon.clone(),
                Arrays.copyOf(base, edges),
                Arrays.copyOf(adj, edges),
                Arrays.copyOf(metres, edges),
                Arrays.copyOf(fwd, edges),
                Arrays.copyOf(bwd, edges));
    }

    /** A point on edge {@code e}, {@code toBaseMetres} from its base node (on the road: no snap distance). */
    EdgePlacement at(int e, double toBaseMetres) {
        double full = metres[e];
        double f = full <= 0 ? 0 : toBaseMetres / full;
        GeoPoint p = new GeoPoint(
                lat[base[e]] + f * (lat[adj[e]] - lat[base[e]]), lon[base[e]] + f * (lon[adj[e]] - lon[base[e]]));
        return new EdgePlacement(p, p, 0, e, toBaseMetres, Math.max(0, full - toBaseMetres));
    }

    /** Node {@code n}'s position. */
    GeoPoint point(int n) {
        return new GeoPoint(lat[n], lon[n]);
    }
}
