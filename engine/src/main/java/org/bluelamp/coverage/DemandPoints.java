package org.bluelamp.coverage;

import java.util.Objects;
import org.bluelamp.road.OsmBuildings;
import org.bluelamp.road.RoadNetwork;

/**
 * Where calls come from, as weighted points: past incidents or other weighted points from a file,
 * or, when none are given, a proxy from the map itself (see {@link Source}). A share of demand
 * covered is the share of total weight whose place is reached within its target. Immutable by
 * convention (the arrays are not copied).
 *
 * @param latDeg latitude of each point
 * @param lonDeg longitude of each point
 * @param weight weight of each point (calls, or 1 per building), positive
 * @param source where the points come from
 * @param description one sentence for reports: what the points are and how many
 */
public record DemandPoints(double[] latDeg, double[] lonDeg, double[] weight, Source source, String description) {
    /** Where demand points come from. */
    public enum Source {
        /** A file of past incidents or weighted points. */
        FILE,
        /** The proxy: one point per building mapped in OpenStreetMap. */
        OSM_BUILDINGS,
        /** The proxy where no buildings are mapped: one point per OpenStreetMap address. */
        OSM_ADDRESSES,
        /** Nothing mapped either: demand is road length (every road node weighs half its roads). */
        ROAD_LENGTH
    }

    public DemandPoints {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        if (latDeg.length != lonDeg.length || latDeg.length != weight.length) {
            throw new IllegalArgumentException("demand arrays differ in length");
        }
        for (double w : weight) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("demand weights must be positive and finite, got " + w);
            }
        }
        if (source == Source.ROAD_LENGTH && latDeg.length > 0) {
            throw new IllegalArgumentException("road-length demand has no points");
        }
    }

    /** No points: demand is road length. */
    public static DemandPoints roadLength(String why) {
        return new DemandPoints(
                new double[0],
                new double[0],
                new double[0],
                Source.ROAD_LENGTH,
                "road length (every road node weighs half the length of its roads): " + why);
    }

    /**
     * The proxy read from the network's own extract: buildings, else addresses, else road length.
     * Reads the extract twice (a second or two for a county).
     */
    public static DemandPoints fromMap(RoadNetwork network) {
        OsmBuildings.Points p = OsmBuildings.read(network.loadReport().extract());
        double[] w = new double[p.size()];
        java.util.Arrays.fill(w, 1);
        return switch (p.kind()) {
            case BUILDINGS ->
                new DemandPoints(
                        p.latDeg(),
                        p.lonDeg(),
                        w,
                        Source.OSM_BUILDINGS,
                        "proxy: " + p.size() + " buildings mapped in OpenStreetMap, one point each (no incident file"
                                + " given)");
            case ADDRESSES ->
                new DemandPoints(
                        p.latDeg(),
                        p.lonDeg(),
                        w,
                        Source.OSM_ADDRESSES,
                        "proxy: " + p.size() + " OpenStreetMap address points, one each (the map has no buildings;"
                                + " no incident file given)");
            case NONE -> roadLength("the map has neither buildings nor addresses and no incident file was given");
        };
    }

    /** Points from a file. */
    public static DemandPoints fromFile(double[] lat, double[] lon, double[] weight, String file) {
        double total = 0;
        for (double x : weight) {
            total += x;
        }
        return new DemandPoints(
                lat,
                lon,
                weight,
                Source.FILE,
                lat.length + " points from " + file + " (total weight " + Math.round(total * 100) / 100.0 + ")");
    }

    public int size() {
        return latDeg.length;
    }

    /** Whether demand is road length (no points). */
    public boolean isRoadLength() {
        return source == Source.ROAD_LENGTH;
    }
}
