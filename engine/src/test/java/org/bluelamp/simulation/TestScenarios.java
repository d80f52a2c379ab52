package org.bluelamp.simulation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;

/** Scenarios built in code for the simulator's tests, on the real Rutland extract. */
final class TestScenarios {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final long START =
            LocalDate.of(2026, 3, 2).atStartOfDay(LONDON).toInstant().toEpochMilli();
    static final GeoPoint OAKHAM = new GeoPoint(52.6702, -0.7296);
    static final GeoPoint UPPINGHAM = new GeoPoint(52.5870, -0.7245);

    private TestScenarios() {}

    static double[] flatHours() {
        double[] w = new double[24];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    static Scenario.Demand demand(double perDay) {
        return new Scenario.Demand(
                perDay,
                flatHours(),
                List.of(
                        new Scenario.GradeDemand("1", 0.3, 60, 30, 90),
                        new Scenario.GradeDemand("2", 0.7, 120, 30, 90)),
                new Scenario.Placement(Scenario.PlacementKind.BUILDINGS, List.of(), "extract"));
    }

    /** Rutland: two stations, three shifts, {@code perShiftPerStation} cars each. */
    static Scenario rutland(double incidentsPerDay, int perShiftPerStation, Scenario.Reporting reporting) {
        return rutland(incidentsPerDay, perShiftPerStation, reporting, 0, Scenario.MoveUp.UNBOUNDED);
    }

    /** As {@link #rutland(double, int, Scenario.Reporting)}, after a warm-up of {@code warmUpHours}. */
    static Scenario rutland(
            double incidentsPerDay, int perShiftPerStation, Scenario.Reporting reporting, double warmUpHours) {
        return rutland(incidentsPerDay, perShiftPerStation, reporting, warmUpHours, Scenario.MoveUp.UNBOUNDED);
    }

    /** As {@link #rutland(double, int, Scenario.Reporting, double)}, with bounds on move-up. */
    static Scenario rutland(
            double incidentsPerDay,
            int perShiftPerStation,
            Scenario.Reporting reporting,
            double warmUpHours,
            Scenario.MoveUp moveUp) {
        List<Scenario.UnitGroup> units = new ArrayList<>();
        for (String shift : List.of("early", "late", "night")) {
            units.add(new Scenario.UnitGroup(
                    "OK-" + shift, perShiftPerStation, UnitKind.CAR, "Oakham", shift, 6000, Set.of()));
            units.add(new Scenario.UnitGroup(
                    "UP-" + shift, perShiftPerStation, UnitKind.CAR, "Uppingham", shift, 6000, Set.of()));
        }
        return new Scenario(
                "Rutland test",
                START,
                LONDON,
                4,
                warmUpHours,
                demand(incidentsPerDay),
                List.of(new Scenario.Station("Oakham", OAKHAM), new Scenario.Station("Uppingham", UPPINGHAM)),
                List.of(
                        new Scenario.Shift("early", 7 * 60, 600),
                        new Scenario.Shift("late", 15 * 60, 600),
                        new Scenario.Shift("night", 22 * 60, 600)),
                units,
                reporting,
                new Scenario.Patrol(0.8),
                moveUp,
                null);
    }

    static Scenario.Reporting realisticReporting() {
        return new Scenario.Reporting(15, 5, 0.02, 0.03, 5, 60);
    }

    static Scenario.Reporting perfectReporting() {
        return new Scenario.Reporting(0, 0, 0, 0, 0, 0);
    }

    static SimulationWorld world(Scenario scenario) {
        var net = TestMaps.rutland();
        var policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        return new SimulationWorld(
                net, TestMaps.shared(TestMaps.RUTLAND), scenario, policies, UrbanAreas.loadDefault());
    }

    /** One counted day of {@code world} under the named policy, with the recorded detail the tests compare. */
    static RunResult runOneDay(SimulationWorld world, String policy, long seed) {
        return new Simulation(
                        world,
                        DispatchPolicies.factory(policy, "p", world).get(),
                        seed,
                        1,
                        new Simulation.Options(true))
                .run();
    }
}
