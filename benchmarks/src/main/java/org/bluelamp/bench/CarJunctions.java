package org.bluelamp.bench;

import com.graphhopper.routing.ev.Subnetwork;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/** Junctions a car can use: at least two car-usable roads, none of them on a cut-off island. Cached per network. */
final class CarJunctions {
    private static final Map<RoadNetwork, int[]> CACHE = new ConcurrentHashMap<>();

    private CarJunctions() {}

    static int[] of(RoadNetwork net) {
        return CACHE.computeIfAbsent(net, CarJunctions::compute);
    }

    private static int[] compute(RoadNetwork net) {
        var g = net.oracle().graphHopper().getBaseGraph();
        var w = net.oracle().weighting(TravelProfile.CAR);
        var island = net.oracle()
                .graphHopper()
                .getEncodingManager()
                .getBooleanEncodedValue(Subnetwork.key(TravelProfile.CAR.profileName()));
        var explorer = g.createEdgeExplorer();
        int[] out = new int[g.getNodes()];
        int m = 0;
        for (int n = 0; n < g.getNodes(); n++) {
            int usable = 0;
            boolean onIsland = false;
            var it = explorer.setBaseNode(n);
            while (it.next()) {
                if (Double.isFinite(w.calcEdgeWeight(it, false)) || Double.isFinite(w.calcEdgeWeight(it, true))) {
                    usable++;
                    onIsland |= it.get(island);
                }
            }
            if (usable >= 2 && !onIsland) {
                out[m++] = n;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
