package org.bluelamp.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.Scenario;
import org.bluelamp.coverage.ScenarioChange;
import org.bluelamp.coverage.Station;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.EvaluateCoverageRequest;
import org.bluelamp.proto.v1.PlaceUnitsRequest;
import org.bluelamp.proto.v1.PlannedStation;

/**
 * The checks of {@code dispatch.v1.Planning}'s requests, part of the contract's one boundary
 * ({@link Requests} holds the table): planned deployments, what-ifs and placement requests become
 * {@code org.bluelamp.coverage} values, every error naming the field as the contract spells it
 * ({@code baseline.units[2].position.lat_deg}, {@code scenarios[1].changes[0].move_unit.unit_id}) and
 * echoing the value. References between the parts (a unit's station, a move to a unit that a
 * previous change removed) are followed change by change here, so the engine never meets one that
 * does not hold. Sizes are bounded ({@link #MAX_UNITS}, {@link #MAX_STATIONS},
 * {@link #MAX_SCENARIOS}, {@link #MAX_CHANGES}, {@link #MAX_CANDIDATES}, {@link #MAX_PLACED}) on top
 * of the service's message size limit.
 *
 * <p>Thread-safety: stateless.
 */
final class PlanningRequests {
    static final int MAX_UNITS = 5_000;
    static final int MAX_STATIONS = 1_000;
    static final int MAX_SCENARIOS = 20;
    static final int MAX_CHANGES = 500;
    static final int MAX_CANDIDATES = 5_000;
    static final int MAX_PLACED = 50;

    /** A checked {@code EvaluateCoverage} request. */
    record Evaluation(String name, String grade, Deployment baseline, List<Scenario> scenarios, boolean bands) {}

    /**
     * A checked {@code PlaceUnits} request; {@code candidates} null for every junction,
     * {@code busyFraction} NaN for none.
     */
    record Placement(
            String grade,
            int units,
            List<CandidateSite> candidates,
            double busyFraction,
            UnitStatus status,
            Deployment keep) {}

    private PlanningRequests() {}

    static Evaluation evaluate(EvaluateCoverageRequest r, RequestRules rules) {
        String name = r.getName().isEmpty() ? "baseline" : text(r.getName(), "name");
        String grade = r.getGrade().isEmpty() ? "1" : Requests.grade(r.getGrade(), "grade", rules.policies());
        if (!r.hasBaseline() || r.getBaseline().getUnitsCount() == 0) {
            throw BluelampException.invalid("baseline.units", "baseline.units is empty: give at least one unit");
        }
        Deployment baseline = deployment(r.getBaseline(), "baseline");
        if (r.getScenariosCount() > MAX_SCENARIOS) {
            throw BluelampException.invalid(
                    "scenarios",
                    "scenarios: " + r.getScenariosCount() + " what-ifs, more than the limit of " + MAX_SCENARIOS);
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < r.getScenariosCount(); i++) {
            scenarios.add(scenario(r.getScenarios(i), "scenarios[" + i + "]", baseline));
        }
        return new Evaluation(name, grade, baseline, scenarios, r.getIncludeBands());
    }

    static Placement place(PlaceUnitsRequest r, RequestRules rules) {
        String grade = r.getGrade().isEmpty() ? "1" : Requests.grade(r.getGrade(), "grade", rules.policies());
        if (r.getUnits() < 1 || r.getUnits() > MAX_PLACED) {
            throw BluelampException.invalid(
                    "units", "units must be between 1 and " + MAX_PLACED + ", got " + r.getUnits());
        }
        if (r.getCandidatesCount() > MAX_CANDIDATES) {
            throw BluelampException.invalid(
                    "candidates",
                    "candidates: " + r.getCandidatesCount() + " points, more than the limit of " + MAX_CANDIDATES
                            + " (leave it empty for every junction)");
        }
        List<CandidateSite> candidates = null;
        if (r.getCandidatesCount() > 0) {
            candidates = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < r.getCandidatesCount(); i++) {
                Station s = station(r.getCandidates(i), "candidates[" + i + "]");
                if (!ids.add(s.id())) {
                    throw BluelampException.invalid(
                            "candidates[" + i + "].id",
                            "candidates[" + i + "].id " + Echo.quote(s.id()) + " is listed twice");
                }
                candidates.add(new CandidateSite(s.id(), s.name(), s.position()));
            }
        }
        double q = Double.NaN;
        if (r.hasBusyFraction()) {
            q = busyFraction(r.getBusyFraction(), "busy_fraction");
        }
        UnitStatus status =
                r.getStatusValue() == 0 ? UnitStatus.AVAILABLE : ContractEnums.unitStatus(r.getStatusValue(), "status");
        Deployment keep = r.hasKeep()
                ? deployment(r.getKeep(), "keep")
                : new Deployment(List.of(), Map.of(), OptionalDouble.empty());
        return new Placement(grade, r.getUnits(), candidates, q, status, keep);
    }

    /**
     * A checked {@code GetLiveCoverage} request (its one field is a flag; a too-large geometry is
     * refused when it is built, see {@link org.bluelamp.coverage.CoverageGaps}).
     */
    static org.bluelamp.proto.v1.LiveCoverageRequest live(
            org.bluelamp.proto.v1.LiveCoverageRequest r, RequestRules rules) {
        return r;
    }

    /** The longest least interval a {@code WatchLiveCoverage} request may ask for, ms. */
    static final int MAX_WATCH_INTERVAL_MILLIS = 600_000;

    /**
     * A checked {@code WatchLiveCoverage} request.
     *
     * @param includeGaps whether messages carry the gaps' geometry
     * @param minIntervalMillis least time between two messages, ms (0: the refresh interval)
     */
    record LiveWatch(boolean includeGaps, long minIntervalMillis) {}

    /** A checked {@code WatchLiveCoverage} request: {@code min_interval_millis} 0 to 600000. */
    static LiveWatch watchLive(org.bluelamp.proto.v1.WatchLiveCoverageRequest r, RequestRules rules) {
        int interval = r.getMinIntervalMillis();
        if (interval < 0 || interval > MAX_WATCH_INTERVAL_MILLIS) {
            throw BluelampException.invalid(
                    "min_interval_millis",
                    "min_interval_millis must be between 0 and " + MAX_WATCH_INTERVAL_MILLIS
                            + " (0 means the refresh interval), got " + interval);
        }
        return new LiveWatch(r.getIncludeGaps(), interval);
    }

    /** Moves proposed when a {@code GetMoveUpAdvice} request leaves {@code max_moves} at 0. */
    static final int DEFAULT_MOVES = 3;

    /**
     * A checked {@code GetMoveUpAdvice} request: the most moves to propose, 1 to 10 (0 means
     * {@link #DEFAULT_MOVES}).
     */
    static Integer moveUp(org.bluelamp.proto.v1.MoveUpRequest r, RequestRules rules) {
        int n = r.getMaxMoves();
        if (n < 0 || n > MoveUpPlanner.MAX_MOVES) {
            throw BluelampException.invalid(
                    "max_moves",
                    "max_moves must be from 1 to " + MoveUpPlanner.MAX_MOVES + " (0 means " + DEFAULT_MOVES + "), got "
                            + n);
        }
        return n == 0 ? DEFAULT_MOVES : n;
    }

    // ------------------------------------------------------------------ deployments

    private static Deployment deployment(org.bluelamp.proto.v1.Deployment d, String field) {
        if (d.getStationsCount() > MAX_STATIONS) {
            throw BluelampException.invalid(
                    field + ".stations",
                    field + ".stations: " + d.getStationsCount() + " stations, more than the limit of " + MAX_STATIONS);
        }
        if (d.getUnitsCount() > MAX_UNITS) {
            throw BluelampException.invalid(
                    field + ".units",
                    field + ".units: " + d.getUnitsCount() + " units, more than the limit of " + MAX_UNITS);
        }
        Map<String, Station> stations = new LinkedHashMap<>();
        for (int i = 0; i < d.getStationsCount(); i++) {
            String f = field + ".stations[" + i + "]";
            Station s = station(d.getStations(i), f);
            if (stations.put(s.id(), s) != null) {
                throw BluelampException.invalid(f + ".id", f + ".id " + Echo.quote(s.id()) + " is listed twice");
            }
        }
        List<PlannedUnit> units = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < d.getUnitsCount(); i++) {
            String f = field + ".units[" + i + "]";
            PlannedUnit u = unit(d.getUnits(i), f, stations);
            if (!ids.add(u.id())) {
                throw BluelampException.invalid(f + ".id", f + ".id " + Echo.quote(u.id()) + " is listed twice");
            }
            units.add(u);
        }
        OptionalDouble q = d.hasBusyFraction()
                ? OptionalDouble.of(busyFraction(d.getBusyFraction(), field + ".busy_fraction"))
                : OptionalDouble.empty();
        return new Deployment(units, stations, q);
    }

    private static Station station(PlannedStation s, String field) {
        String id = Ids.check(field + ".id", s.getId());
        String name = s.getName().isEmpty() ? id : text(s.getName(), field + ".name");
        GeoPoint at = Requests.point(s.hasPosition(), s.getPosition(), field + ".position");
        return new Station(id, name, at);
    }

    private static PlannedUnit unit(org.bluelamp.proto.v1.PlannedUnit u, String field, Map<String, Station> stations) {
        String id = Ids.check(field + ".id", u.getId());
        UnitKind kind =
                u.getKindValue() == 0 ? UnitKind.CAR : ContractEnums.unitKind(u.getKindValue(), field + ".kind");
        String stationId = u.getStation();
        Station station = null;
        if (!stationId.isEmpty()) {
            Ids.check(field + ".station", stationId);
            station = stations.get(stationId);
            if (station == null) {
                throw BluelampException.invalid(
                        field + ".station",
                        field + ".station " + Echo.quote(stationId) + " is not listed in the stations; stations are "
                                + stations.keySet());
            }
        }
        UnitStatus status = u.getStatusValue() != 0
                ? ContractEnums.unitStatus(u.getStatusValue(), field + ".status")
                : station != null ? UnitStatus.AT_STATION : UnitStatus.AVAILABLE;
        GeoPoint at;
        if (u.hasPosition()) {
            at = Requests.point(true, u.getPosition(), field + ".position");
        } else if (station != null) {
            at = station.position();
        } else {
            throw BluelampException.invalid(
                    field + ".position",
                    field + ".position is missing: give lat_deg and lon_deg, or a station the unit waits at");
        }
        return new PlannedUnit(id, kind, status, at, stationId, Double.NaN);
    }

    // ------------------------------------------------------------------ what-ifs

    /**
     * A what-if, its changes checked in order against the units and stations the changes before
     * them leave.
     */
    private static Scenario scenario(org.bluelamp.proto.v1.Scenario s, String field, Deployment baseline) {
        if (s.getName().isEmpty()) {
            throw BluelampException.invalid(field + ".name", field + ".name is missing: give the what-if a name");
        }
        String name = text(s.getName(), field + ".name");
        if (s.getChangesCount() > MAX_CHANGES) {
            throw BluelampException.invalid(
                    field + ".changes",
                    field + ".changes: " + s.getChangesCount() + " changes, more than the limit of " + MAX_CHANGES);
        }
        Set<String> units = new HashSet<>();
        Map<String, String> unitStation = new HashMap<>();
        for (PlannedUnit u : baseline.units()) {
            units.add(u.id());
            unitStation.put(u.id(), u.station());
        }
        Map<String, Station> stations = new LinkedHashMap<>(baseline.stations());
        List<ScenarioChange> changes = new ArrayList<>();
        for (int j = 0; j < s.getChangesCount(); j++) {
            String f = field + ".changes[" + j + "]";
            org.bluelamp.proto.v1.ScenarioChange c = s.getChanges(j);
            switch (c.getChangeCase()) {
                case MOVE_UNIT -> {
                    var m = c.getMoveUnit();
                    String unit = known(units, m.getUnitId(), f + ".move_unit.unit_id");
                    if (!m.getToStation().isEmpty() && m.hasToPosition()) {
                        throw BluelampException.invalid(
                                f + ".move_unit.to_station",
                                f + ".move_unit: give to_station or to_position, not both");
                    }
                    if (!m.getToStation().isEmpty()) {
                        Station to = listed(stations, m.getToStation(), f + ".move_unit.to_station");
                        changes.add(new ScenarioChange.MoveUnit(f + ".move_unit", unit, to.id(), null));
                        unitStation.put(unit, to.id());
                    } else if (m.hasToPosition()) {
                        GeoPoint to = Requests.point(true, m.getToPosition(), f + ".move_unit.to_position");
                        changes.add(new ScenarioChange.MoveUnit(f + ".move_unit", unit, "", to));
                        unitStation.put(unit, "");
                    } else {
                        throw BluelampException.invalid(
                                f + ".move_unit.to_station",
                                f + ".move_unit needs a destination: give to_station or to_position");
                    }
                }
                case ADD_UNIT -> {
                    PlannedUnit u = unit(c.getAddUnit(), f + ".add_unit", stations);
                    if (!units.add(u.id())) {
                        throw BluelampException.invalid(
                                f + ".add_unit.id",
                                f + ".add_unit.id " + Echo.quote(u.id()) + " is already in the deployment");
                    }
                    unitStation.put(u.id(), u.station());
                    changes.add(new ScenarioChange.AddUnit(f + ".add_unit", u));
                }
                case REMOVE_UNIT -> {
                    String unit = known(units, c.getRemoveUnit(), f + ".remove_unit");
                    units.remove(unit);
                    unitStation.remove(unit);
                    changes.add(new ScenarioChange.RemoveUnit(f + ".remove_unit", unit));
                }
                case CLOSE_STATION -> {
                    var cs = c.getCloseStation();
                    Station closing = listed(stations, cs.getStationId(), f + ".close_station.station_id");
                    String to = cs.getMoveUnitsTo();
                    if (!to.isEmpty()) {
                        if (to.equals(closing.id())) {
                            throw BluelampException.invalid(
                                    f + ".close_station.move_units_to",
                                    f + ".close_station.move_units_to " + Echo.quote(to)
                                            + " is the station that closes");
                        }
                        listed(stations, to, f + ".close_station.move_units_to");
                    }
                    for (var e : new ArrayList<>(unitStation.entrySet())) {
                        if (e.getValue().equals(closing.id())) {
                            if (to.isEmpty()) {
                                units.remove(e.getKey());
                                unitStation.remove(e.getKey());
                            } else {
                                unitStation.put(e.getKey(), to);
                            }
                        }
                    }
                    stations.remove(closing.id());
                    changes.add(new ScenarioChange.CloseStation(f + ".close_station", closing.id(), to));
                }
                case BUSY_FRACTION -> {
                    double q = busyFraction(c.getBusyFraction(), f + ".busy_fraction");
                    changes.add(new ScenarioChange.BusyFraction(f, q));
                }
                case CLOSE_ROADS -> {
                    String pre = f + ".close_roads.";
                    var rc = c.getCloseRoads();
                    if (rc.getId().isEmpty()) {
                        rc = rc.toBuilder().setId("close_roads-" + j).build();
                    }
                    changes.add(new ScenarioChange.RoadChange(
                            f + ".close_roads", ConditionRequests.closure(rc, pre, 0), ConditionRequests.names(pre)));
                }
                case SLOW_ROADS -> {
                    String pre = f + ".slow_roads.";
                    var rs = c.getSlowRoads();
                    if (rs.getId().isEmpty()) {
                        rs = rs.toBuilder().setId("slow_roads-" + j).build();
                    }
                    changes.add(new ScenarioChange.RoadChange(
                            f + ".slow_roads", ConditionRequests.slowdown(rs, pre, 0), ConditionRequests.names(pre)));
                }
                case CHANGE_NOT_SET ->
                    throw BluelampException.invalid(
                            f,
                            f + " is empty: give move_unit, add_unit, remove_unit, close_station, busy_fraction, "
                                    + "close_roads or slow_roads");
            }
        }
        return new Scenario(name, changes, RoadConditions.NONE, List.of());
    }

    private static String known(Set<String> units, String id, String field) {
        Ids.check(field, id);
        if (!units.contains(id)) {
            throw BluelampException.invalid(
                    field, field + " " + Echo.quote(id) + " is not in the deployment (or a change before removed it)");
        }
        return id;
    }

    private static Station listed(Map<String, Station> stations, String id, String field) {
        Ids.check(field, id);
        Station s = stations.get(id);
        if (s == null) {
            throw BluelampException.invalid(
                    field,
                    field + " " + Echo.quote(id) + " is not a listed station (or a change before closed it); stations"
                            + " are " + stations.keySet());
        }
        return s;
    }

    private static double busyFraction(double q, String field) {
        if (!(q >= 0 && q < 1)) {
            throw BluelampException.invalid(field, field + " must be at least 0 and below 1, got " + q);
        }
        return q;
    }

    /** A free-text name, at most 200 characters. */
    private static String text(String value, String field) {
        if (value.length() > 200) {
            throw BluelampException.invalid(field, field + " " + Echo.quote(value) + " is longer than 200 characters");
        }
        return value;
    }
}
