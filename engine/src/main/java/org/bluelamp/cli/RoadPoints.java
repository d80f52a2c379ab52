package org.bluelamp.cli;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Random points on a map's car roads inside a box, for the load tool's {@code --spread roads}: a
 * fleet stands where the roads are, as a control room's does, rather than uniformly over the box.
 * A point is drawn on a car edge chosen with probability proportional to its length (so a town's
 * dense streets get as many units per kilometre of road as a trunk road), at a uniform position
 * on the straight line between the edge's two junctions, then snapped onto the nearest car road
 * (the line of a curved edge may leave it); edges with both junctions inside the box only, and
 * snapped points inside it. A pool of such points is drawn once, with its points bucketed in a grid, so that a moving
 * unit hops to a pool point near its last position ({@link #near}): it stays on the roads.
 *
 * <p>Immutable after construction; {@link #any} and {@link #near} take the caller's random source,
 * so one instance may be shared by threads that each have their own.
 */
final class RoadPoints {
    private final double[] lat;
    private final double[] lon;
    // the grid: points sorted by cell, cellStart[c] .. cellStart[c + 1] - 1 in byCell
    private final double south;
    private final double west;
    private final double cellLatDeg;
    private final double cellLonDeg;
    private final int rows;
    private final int cols;
    private final int[] cellStart;
    private final int[] byCell;

    /**
     * Draws {@code count} points on {@code network}'s car roads inside the box.
     *
     * @param cellMetres the grid's cell size, at least 1 m (a hop goes to a point in the unit's cell
     *     or one of its eight neighbours)
     * @throws BluelampException INVALID_ARGUMENT naming {@code --box} when no car road lies in it
     */
    RoadPoints(
            RoadNetwork network,
            double south,
            double west,
            double north,
            double east,
            int count,
            double cellMetres,
            long seed) {
        TravelTimeGraph g = TravelTimeGraph.build(network, TravelProfile.CAR);
        int edges = g.edgeCount();
        double[] cumulative = new double[edges];
        int[] edgeOf = new int[edges];
        int usable = 0;
        double total = 0;
        for (int e = 0; e < edges; e++) {
            if (g.edgeFwdMillis(e) == TravelTimeGraph.CLOSED && g.edgeBwdMillis(e) == TravelTimeGraph.CLOSED) {
                continue;
            }
            if (!inside(g, g.edgeBase(e), south, west, north, east)
                    || !inside(g, g.edgeAdj(e), south, west, north, east)) {
                continue;
            }
            total += Math.max(0.01, g.edgeDistanceMetres(e));
            cumulative[usable] = total;
            edgeOf[usable++] = e;
        }
        if (usable == 0) {
            throw BluelampException.invalid(
                    "--box",
                    "--spread roads needs car roads inside --box; the map has none between " + south + "," + west
                            + " and " + north + "," + east);
        }
        SplittableRandom random = new SplittableRandom(seed);
        lat = new double[count];
        lon = new double[count];
        int drawn = 0;
        for (int tries = 0; drawn < count; tries++) {
            if (tries > 10 * count + 1000) {
                throw BluelampException.invalid(
                        "--box", "--spread roads found too few car roads a car can be placed on inside --box");
            }
            int k = Arrays.binarySearch(cumulative, 0, usable, random.nextDouble() * total);
            int e = edgeOf[Math.min(usable - 1, k >= 0 ? k : -k - 1)];
            double f = random.nextDouble();
            int a = g.edgeBase(e);
            int b = g.edgeAdj(e);
            double la = g.nodeLatDeg(a) + f * (g.nodeLatDeg(b) - g.nodeLatDeg(a));
            double lo = g.nodeLonDeg(a) + f * (g.nodeLonDeg(b) - g.nodeLonDeg(a));
            // the chord of a curved edge may leave the road: the point is snapped back onto it
            EdgePlacement on;
            try {
                on = network.place(TravelProfile.CAR, "unit", new GeoPoint(la, lo));
            } catch (BluelampException offRoad) {
                continue; // an edge a car cannot be placed on (e.g. a small island of roads)
            }
            GeoPoint p = on.snapped();
            if (p.latDeg() < south || p.latDeg() > north || p.lonDeg() < west || p.lonDeg() > east) {
                continue;
            }
            lat[drawn] = p.latDeg();
            lon[drawn] = p.lonDeg();
            drawn++;
        }
        this.south = south;
        this.west = west;
        double cell = Math.max(1, cellMetres);
        cellLatDeg = cell / 111_195.0;
        cellLonDeg = cellLatDeg / Math.max(0.01, Math.cos(Math.toRadians((south + north) / 2)));
        rows = (int) Math.min(4096, Math.max(1, Math.ceil((north - south) / cellLatDeg)));
        cols = (int) Math.min(4096, Math.max(1, Math.ceil((east - west) / cellLonDeg)));
        cellStart = new int[rows * cols + 1];
        int[] cellOf = new int[count];
        for (int i = 0; i < count; i++) {
            cellOf[i] = cell(lat[i], lon[i]);
            cellStart[cellOf[i] + 1]++;
        }
        for (int c = 0; c < rows * cols; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        byCell = new int[count];
        int[] fill = Arrays.copyOf(cellStart, rows * cols);
        for (int i = 0; i < count; i++) {
            byCell[fill[cellOf[i]]++] = i;
        }
    }

    private static boolean inside(TravelTimeGraph g, int node, double south, double west, double north, double east) {
        double la = g.nodeLatDeg(node);
        double lo = g.nodeLonDeg(node);
        return la >= south && la <= north && lo >= west && lo <= east;
    }

    private int cell(double la, double lo) {
        int r = (int) Math.min(rows - 1, Math.max(0, Math.floor((la - south) / cellLatDeg)));
        int c = (int) Math.min(cols - 1, Math.max(0, Math.floor((lo - west) / cellLonDeg)));
        return r * cols + c;
    }

    /** Points in the pool. */
    int size() {
        return lat.length;
    }

    double latDeg(int point) {
        return lat[point];
    }

    double lonDeg(int point) {
        return lon[point];
    }

    /** A point of the pool drawn uniformly (so by road length). */
    int any(SplittableRandom random) {
        return random.nextInt(lat.length);
    }

    /**
     * A point of the pool in the cell of ({@code latDeg}, {@code lonDeg}) or one of its eight
     * neighbours, drawn uniformly among them; -1 when those cells hold none.
     */
    int near(double latDeg, double lonDeg, SplittableRandom random) {
        int home = cell(latDeg, lonDeg);
        int r0 = home / cols;
        int c0 = home % cols;
        int candidates = 0;
        for (int r = Math.max(0, r0 - 1); r <= Math.min(rows - 1, r0 + 1); r++) {
            for (int c = Math.max(0, c0 - 1); c <= Math.min(cols - 1, c0 + 1); c++) {
                candidates += cellStart[r * cols + c + 1] - cellStart[r * cols + c];
            }
        }
        if (candidates == 0) {
            return -1;
        }
        int pick = random.nextInt(candidates);
        for (int r = Math.max(0, r0 - 1); r <= Math.min(rows - 1, r0 + 1); r++) {
            for (int c = Math.max(0, c0 - 1); c <= Math.min(cols - 1, c0 + 1); c++) {
                int n = cellStart[r * cols + c + 1] - cellStart[r * cols + c];
                if (pick < n) {
                    return byCell[cellStart[r * cols + c] + pick];
                }
                pick -= n;
            }
        }
        throw new AssertionError("unreachable");
    }
}
