package org.bluelamp.conditions;

import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * The oracle of road conditions in tests: GraphHopper's own route with the equivalent custom model
 * ({@link CustomModelExport}), computed with contraction hierarchies disabled.
 */
final class GraphHopperConditions {
    private GraphHopperConditions() {}

    /** The custom model equivalent to the conditions in force for a profile at an instant. */
    static String model(RoadConditions rc, TravelProfile profile, long t) {
        return CustomModelExport.json(rc, profile, t);
    }

    /** GraphHopper's road time in seconds with a custom model, or NaN when it finds no route. */
    static double routeSeconds(RoadNetwork net, TravelProfile profile, GeoPoint from, GeoPoint to, String model) {
        return net.oracle().routeSeconds(profile, from, to, model);
    }
}
