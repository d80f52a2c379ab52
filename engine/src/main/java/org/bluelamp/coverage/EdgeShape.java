package org.bluelamp.coverage;

import org.bluelamp.geo.GeoDistance;

/**
 * Cuts stretches out of an edge's shape: positions in metres from the base node along the edge
 * (as coverage measures them) become points along the drawn geometry. The geometry's own length may
 * differ a little from the graph's stored length; positions are scaled to it. Not thread-safe:
 * scratch state for one drawing or writing pass.
 */
final class EdgeShape {
    private double[] lats = new double[0];
    private double[] lons = new double[0];
    private double[] cumulative = new double[16];
    private double scale;

    /** Sets the edge: its shape from base to adjacent node, and its length on the graph. */
    void set(double[][] shape, double graphMetres) {
        lats = shape[0];
        lons = shape[1];
        if (cumulative.length < lats.length) {
            cumulative = new double[Math.max(lats.length, cumulative.length * 2)];
        }
        cumulative[0] = 0;
        for (int i = 1; i < lats.length; i++) {
            cumulative[i] =
                    cumulative[i - 1] + GeoDistance.equirectangularMetres(lats[i - 1], lons[i - 1], lats[i], lons[i]);
        }
        double drawn = lats.length == 0 ? 0 : cumulative[lats.length - 1];
        scale = graphMetres > 0 ? drawn / graphMetres : 0;
    }

    /** Receives the points of one cut stretch, in order. */
    interface Sink {
        void point(double latDeg, double lonDeg);
    }

    /** Feeds the points of the stretch [fromMetres, toMetres] to {@code sink}. */
    void cut(double fromMetres, double toMetres, Sink sink) {
        int n = lats.length;
        if (n < 2) {
            return;
        }
        double a = fromMetres * scale;
        double b = toMetres * scale;
        point(a, sink);
        for (int i = 1; i < n - 1; i++) {
            if (cumulative[i] > a && cumulative[i] < b) {
                sink.point(lats[i], lons[i]);
            }
        }
        point(b, sink);
    }

    private void point(double at, Sink sink) {
        int n = lats.length;
        if (at <= 0) {
            sink.point(lats[0], lons[0]);
            return;
        }
        for (int i = 1; i < n; i++) {
            if (cumulative[i] >= at) {
                double seg = cumulative[i] - cumulative[i - 1];
                double f = seg <= 0 ? 0 : (at - cumulative[i - 1]) / seg;
                sink.point(lats[i - 1] + f * (lats[i] - lats[i - 1]), lons[i - 1] + f * (lons[i] - lons[i - 1]));
                return;
            }
        }
        sink.point(lats[n - 1], lons[n - 1]);
    }
}
