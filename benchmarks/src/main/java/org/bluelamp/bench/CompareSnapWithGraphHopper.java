package org.bluelamp.bench;

import java.util.Locale;
import java.util.Random;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgeSnapIndex;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.SnapOracle;
import org.bluelamp.road.TravelProfile;

/**
 * The snap oracle for networks too large for the test suite (New York, the national network):
 * seeded points near junctions (up to about 200 m away), exactly on junctions, and anywhere in
 * the map's bounding box, snapped for every car profile both by GraphHopper's location index
 * (with {@link TravelProfile}'s snap filter, then {@code TravelTimeGraph.place}) and by
 * {@link EdgeSnapIndex}; prints every difference and a summary, exits 1 on any difference.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.CompareSnapWithGraphHopper newyork 20000 1</pre>
 */
public final class CompareSnapWithGraphHopper {
    public static void main(String[] args) {
        String map = args[0];
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        RoadNetwork net = BenchNetworks.open(map);
        long t0 = System.nanoTime();
        EdgeSnapIndex index = BenchNetworks.awaitCells(EdgeSnapIndex.build(net));
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        SnapOracle oracle = new SnapOracle(net, index);
        var g = net.oracle().graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        var bounds = g.getBounds();
        Random rnd = new Random(seed);
        int differences = 0;
        int compared = 0;
        for (TravelProfile profile : net.options().profiles()) {
            for (int i = 0; i < points; i++) {
                GeoPoint p;
                int kind = i % 3;
                if (kind == 2) {
                    p = new GeoPoint(
                            bounds.minLat + rnd.nextDouble() * (bounds.maxLat - bounds.minLat),
                            bounds.minLon + rnd.nextDouble() * (bounds.maxLon - bounds.minLon));
                } else {
                    int node = rnd.nextInt(g.getNodes());
                    double jitter = kind == 0 ? 1 : 0;
                    p = new GeoPoint(
                            na.getLat(node) + jitter * (rnd.nextDouble() - 0.5) * 0.0036,
                            na.getLon(node) + jitter * (rnd.nextDouble() - 0.5) * 0.0054);
                }
                String diff = oracle.difference(profile, p);
                compared++;
                if (diff != null) {
                    differences++;
                    System.out.println(profile + " " + p + ": " + diff);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s seed %d: %d of %d snaps identical to GraphHopper's (edge, node, way index, position, snapped point,"
                        + " distance, placement, refusal); index built in %.1f s, %.1f MB%n",
                map,
                seed,
                compared - differences,
                compared,
                buildSeconds,
                index.memoryBytes() / 1e6);
        System.exit(differences == 0 ? 0 : 1);
    }
}
