package org.bluelamp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;

/**
 * Incident locations by kind of place: {@code urban} sites are road junctions in the densest tenth
 * of the network (most junctions within 1 km), {@code rural} sites in the sparsest tenth among
 * car junctions (see {@link CarJunctions}). Density is counted on a 500 m grid. Seeded and repeatable.
 */
public final class IncidentSites {
    private IncidentSites() {}

    public static List<GeoPoint> pick(RoadNetwork net, String kind, int count, long seed) {
        if (kind.equals("box")) {
            return inBox(net, count, seed);
        }
        var g = net.oracle().graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        int n = g.getNodes();
        double cellLat = 500 / 111_320.0;
        double lat0 = g.getBounds().minLat;
        double lon0 = g.getBounds().minLon;
        double cellLon = cellLat / Math.cos(Math.toRadians((g.getBounds().minLat + g.getBounds().maxLat) / 2));
        int cols = (int) ((g.getBounds().maxLon - lon0) / cellLon) + 1;
        int rows = (int) ((g.getBounds().maxLat - lat0) / cellLat) + 1;
        int[] cellCount = new int[rows * cols];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int r = (int) ((na.getLat(i) - lat0) / cellLat);
            int c = (int) ((na.getLon(i) - lon0) / cellLon);
            cellOf[i] = r * cols + c;
            cellCount[cellOf[i]]++;
        }
        // density: junctions in the 3x3 cells around (about 1.5 km square)
        int[] junctions = CarJunctions.of(net);
        long[] keyed = new long[junctions.length];
        int m = 0;
        for (int i : junctions) {
            int r = cellOf[i] / cols;
            int c = cellOf[i] % cols;
            int density = 0;
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int rr = r + dr;
                    int cc = c + dc;
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                        density += cellCount[rr * cols + cc];
                    }
                }
            }
            keyed[m++] = ((long) density << 32) | i;
        }
        Arrays.sort(keyed, 0, m);
        int tenth = Math.max(1, m / 10);
        int from = kind.equals("urban") ? m - tenth : 0;
        if (!kind.equals("urban") && !kind.equals("rural")) {
            throw new IllegalArgumentException("site kind must be urban or rural, got " + kind);
        }
        Random rnd = new Random(seed);
        List<GeoPoint> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int node = (int) keyed[from + rnd.nextInt(tenth)];
            out.add(new GeoPoint(na.getLat(node), na.getLon(node)));
        }
        return out;
    }

    /**
     * Site {@code box}: points drawn uniformly over the map's box less a tenth at each side (where
     * {@code -Dbluelamp.bench.spread=box} puts units, as {@code dispatch load} draws its incidents
     * in the units' box), redrawn when more than the snap limit from a car road: incidents in
     * fields have an access leg, as the load tool's do.
     */
    private static List<GeoPoint> inBox(RoadNetwork net, int count, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        var b = net.bounds();
        double latSpan = b.maxLatDeg() - b.minLatDeg();
        double lonSpan = b.maxLonDeg() - b.minLonDeg();
        List<GeoPoint> out = new java.util.ArrayList<>();
        while (out.size() < count) {
            GeoPoint p = new GeoPoint(
                    b.minLatDeg() + latSpan * (0.1 + 0.8 * rnd.nextDouble()),
                    b.minLonDeg() + lonSpan * (0.1 + 0.8 * rnd.nextDouble()));
            try {
                net.place(org.bluelamp.road.TravelProfile.CAR_EMERGENCY, "incident", p);
                out.add(p);
            } catch (org.bluelamp.error.BluelampException e) {
                // off the roads: draw again
            }
        }
        return out;
    }
}
