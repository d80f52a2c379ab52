package org.bluelamp.coverage;

import java.util.Objects;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.FieldNames;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Ids;

/**
 * One change a scenario makes to its baseline deployment. Immutable values, checked in their
 * constructors; applying them to a deployment is {@link Scenario#apply}'s job (it knows the units
 * and stations).
 */
public sealed interface ScenarioChange {
    /** Where the change was written (e.g. {@code scenarios[1].changes[0]}), for errors. */
    String path();

    /**
     * A unit moves: to a station (it is then based there) or to a position.
     *
     * @param toStation the station it moves to, or "" for {@code to}
     * @param to the position it moves to, or null for {@code toStation}
     */
    record MoveUnit(String path, String unitId, String toStation, GeoPoint to) implements ScenarioChange {
        public MoveUnit {
            Ids.check(path + ".unit", unitId);
            Objects.requireNonNull(toStation, "toStation");
            if (toStation.isEmpty() == (to == null)) {
                throw new IllegalArgumentException("give a station or a position, not both");
            }
        }
    }

    /** A unit joins the deployment. */
    record AddUnit(String path, PlannedUnit unit) implements ScenarioChange {
        public AddUnit {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** A unit leaves the deployment. */
    record RemoveUnit(String path, String unitId) implements ScenarioChange {
        public RemoveUnit {
            Ids.check(path + ".unit", unitId);
        }
    }

    /**
     * A station closes: its units move to another station, or leave the deployment when
     * {@code moveUnitsTo} is "".
     */
    record CloseStation(String path, String stationId, String moveUnitsTo) implements ScenarioChange {
        public CloseStation {
            Ids.check(path + ".station", stationId);
            Objects.requireNonNull(moveUnitsTo, "moveUnitsTo");
            if (stationId.equals(moveUnitsTo)) {
                throw new IllegalArgumentException("a station's units cannot move to the station that closes");
            }
        }
    }

    /** The busy fraction q of MEXCLP changes. */
    record BusyFraction(String path, double q) implements ScenarioChange {
        public BusyFraction {
            Deployment.checkBusyFraction(q, path + ".busyFraction");
        }
    }

    /**
     * Roads close or slow down ({@code closeRoads}, {@code slowRoads}): a closure or slowdown of the
     * road-conditions mechanism, resolved to edges on the map by {@link ScenarioRoads} exactly as
     * the ranking resolves one. It does not change the deployment.
     *
     * @param condition the closure or slowdown
     * @param names how the caller spelt its fields, for errors found on the map (an area covering
     *     the whole map, two points with no road between them)
     */
    record RoadChange(String path, Condition condition, FieldNames names) implements ScenarioChange {
        public RoadChange {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(names, "names");
        }
    }
}
