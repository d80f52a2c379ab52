package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.error.BluelampException;

/**
 * A what-if: changes to a baseline deployment (units moved, added or removed, stations closed, a
 * different busy fraction) and the road conditions it runs under (closures and slowdowns, from the
 * road-conditions mechanism; {@link RoadConditions#NONE} for free-flowing roads). A scenario read
 * from a file or request carries its road changes as {@link ScenarioChange.RoadChange}s and
 * {@link RoadConditions#NONE}; {@link ScenarioRoads#resolve} makes its road conditions on a map.
 * Immutable.
 *
 * @param name its name, for the report
 * @param changes the changes, applied in order
 * @param roads the road conditions of the scenario
 * @param roadChanges what the road conditions are, in words, for the report (empty for none)
 */
public record Scenario(String name, List<ScenarioChange> changes, RoadConditions roads, List<String> roadChanges) {
    public Scenario {
        Objects.requireNonNull(name, "name");
        changes = List.copyOf(changes);
        Objects.requireNonNull(roads, "roads");
        roadChanges = List.copyOf(roadChanges);
    }

    /** The areas (polygons or circles) of this scenario's closures, in order; empty for none. */
    public List<ConditionArea> closureAreas() {
        List<ConditionArea> out = new ArrayList<>();
        for (ScenarioChange c : changes) {
            if (c instanceof ScenarioChange.RoadChange r
                    && r.condition() instanceof Closure closure
                    && closure.area() != null) {
                out.add(closure.area());
            }
        }
        return out;
    }

    /**
     * The deployment after the changes.
     *
     * @throws BluelampException INVALID_ARGUMENT naming the change's path when it refers to a unit
     *     or station that is not there (or a unit added twice)
     */
    public Deployment apply(Deployment baseline) {
        List<PlannedUnit> units = new ArrayList<>(baseline.units());
        Map<String, Station> stations = new LinkedHashMap<>(baseline.stations());
        OptionalDouble q = baseline.busyFraction();
        for (ScenarioChange c : changes) {
            switch (c) {
                case ScenarioChange.MoveUnit m -> {
                    int i = find(units, m.unitId(), m.path() + ".unit");
                    if (m.to() != null) {
                        units.set(i, units.get(i).movedTo(m.to(), ""));
                    } else {
                        Station s = station(stations, m.toStation(), m.path() + ".toStation");
                        units.set(i, units.get(i).movedTo(s.position(), s.id()));
                    }
                }
                case ScenarioChange.AddUnit a -> {
                    for (PlannedUnit u : units) {
                        if (u.id().equals(a.unit().id())) {
                            throw BluelampException.invalid(
                                    a.path() + ".id",
                                    a.path() + ": unit '" + a.unit().id() + "' is already in the deployment");
                        }
                    }
                    if (!a.unit().station().isEmpty()) {
                        station(stations, a.unit().station(), a.path() + ".station");
                    }
                    units.add(a.unit());
                }
                case ScenarioChange.RemoveUnit r -> units.remove(find(units, r.unitId(), r.path() + ".unit"));
                case ScenarioChange.CloseStation cs -> {
                    station(stations, cs.stationId(), cs.path() + ".station");
                    Station to = cs.moveUnitsTo().isEmpty()
                            ? null
                            : station(stations, cs.moveUnitsTo(), cs.path() + ".moveUnitsTo");
                    List<PlannedUnit> kept = new ArrayList<>();
                    for (PlannedUnit u : units) {
                        if (!u.station().equals(cs.stationId())) {
                            kept.add(u);
                        } else if (to != null) {
                            kept.add(u.movedTo(to.position(), to.id()));
                        }
                    }
                    units = kept;
                    stations.remove(cs.stationId());
                }
                case ScenarioChange.BusyFraction b -> q = OptionalDouble.of(b.q());
                case ScenarioChange.RoadChange r -> {
                    // roads, not units: ScenarioRoads turns these into the scenario's road conditions
                }
            }
        }
        return new Deployment(units, stations, q);
    }

    private static int find(List<PlannedUnit> units, String id, String path) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).id().equals(id)) {
                return i;
            }
        }
        throw BluelampException.invalid(path, path + ": unit '" + id + "' is not in the deployment");
    }

    private static Station station(Map<String, Station> stations, String id, String path) {
        Station s = stations.get(id);
        if (s == null) {
            throw BluelampException.invalid(
                    path,
                    path + ": station '" + id + "' is not listed (or already closed); stations: " + stations.keySet());
        }
        return s;
    }
}
