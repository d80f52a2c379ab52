package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * Turns a scenario's road changes ({@code closeRoads}, {@code slowRoads}) into the road conditions
 * its coverage runs under, through the road-conditions mechanism itself
 * ({@link org.bluelamp.conditions.RoadConditions}: the same edge index and road search the ranking
 * uses, so a what-if closes exactly the edges a live closure of the same shape would). The
 * baseline runs on free-flowing roads, so a scenario's roads are free-flowing roads plus its own
 * changes (no congestion profile, no live conditions), each in force whatever its time window.
 * Stateless; {@link #resolve} allocates arrays sized to the graph per profile and scenario.
 */
public final class ScenarioRoads {
    private ScenarioRoads() {}

    /**
     * The scenario with its road conditions made on the map (the scenario itself when it changes
     * no road).
     *
     * @throws org.bluelamp.error.BluelampException INVALID_ARGUMENT naming the change's field for
     *     an area covering the whole map or two points with no road between them
     */
    public static Scenario resolve(Scenario scenario, RoadNetwork network) {
        List<org.bluelamp.conditions.RoadConditions.Entry> entries = new ArrayList<>();
        List<String> words = new ArrayList<>(scenario.roadChanges());
        org.bluelamp.conditions.RoadConditions rc = null;
        for (ScenarioChange c : scenario.changes()) {
            if (c instanceof ScenarioChange.RoadChange r) {
                if (rc == null) {
                    rc = org.bluelamp.conditions.RoadConditions.none(network);
                }
                org.bluelamp.conditions.RoadConditions.Entry e = rc.resolveWhatIf(r.condition(), r.names());
                entries.add(e);
                words.add(describe(r.condition(), e.edgeCount()));
            }
        }
        if (rc == null) {
            return scenario;
        }
        Map<TravelProfile, EdgeConditions> byProfile = new EnumMap<>(TravelProfile.class);
        for (TravelProfile p : network.options().profiles()) {
            org.bluelamp.road.EdgeConditions c = rc.whatIf(p, 0, entries);
            byProfile.put(p, new EdgeConditions(c.closedEdges(), c.timeFactors()));
        }
        RoadConditions roads = p -> byProfile.getOrDefault(p, EdgeConditions.NONE);
        return new Scenario(scenario.name(), scenario.changes(), roads, words);
    }

    private static String describe(Condition c, int edges) {
        String what = c instanceof Closure
                ? "closeRoads " + c.id()
                : "slowRoads " + c.id() + " (speed x " + ((org.bluelamp.conditions.Slowdown) c).speedFactor() + ")";
        return what + (c.reason().isEmpty() ? "" : " '" + c.reason() + "'") + ": " + edges + " road edges, for "
                + c.profiles();
    }
}
