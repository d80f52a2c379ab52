package org.bluelamp.simulation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.bluelamp.simulation.report.RunMetrics;
import org.junit.jupiter.api.Test;

/**
 * The move-up policy on Rutland: road-time dispatch with coverage's move-up advice to the two
 * stations. It runs with the audit on (no unit jumps or is on two incidents), moves units, counts
 * every incident, faces the same incidents as road-time (common random numbers) and gives the same
 * result for the same seed.
 */
class MoveUpSimulationTest {
    private static final List<String> GRADES = List.of("1", "2");

    @Test
    void moveUpRunsDeterministicallyAndEveryIncidentIsAttendedOrCounted() {
        SimulationWorld world = TestScenarios.world(TestScenarios.rutland(120, 1, TestScenarios.realisticReporting()));
        long seed = 4;
        RunResult a = TestScenarios.runOneDay(world, MoveUpPolicy.NAME, seed);
        RunResult b = TestScenarios.runOneDay(world, MoveUpPolicy.NAME, seed);
        assertArrayEquals(a.assignMillis(), b.assignMillis(), "seed " + seed);
        assertArrayEquals(a.arrivalMillis(), b.arrivalMillis(), "seed " + seed);
        assertEquals(a.assignments(), b.assignments(), "seed " + seed);
        assertEquals(a.counts(), b.counts(), "seed " + seed);
        assertTrue(a.counts().moveUps() > 0, "units were meant to be moved up: " + a.counts());

        RunMetrics m = RunMetrics.of(a, GRADES);
        int counted = 0;
        int unattended = 0;
        for (RunMetrics.GradeMetrics g : m.grades()) {
            counted += g.incidents();
            unattended += g.unattended();
        }
        assertEquals(a.incidentCount(), counted, "every incident counted once");
        int attended = 0;
        for (int i = 0; i < a.incidentCount(); i++) {
            if (a.arrivalMillis()[i] >= 0) {
                attended++;
                assertTrue(a.arrivalMillis()[i] >= a.assignMillis()[i], "arrived before sent: " + i);
            }
        }
        assertEquals(a.incidentCount(), attended + unattended);

        // common random numbers: the same incidents as road-time's run of the seed
        RunResult road = TestScenarios.runOneDay(world, RoadTimePolicy.NAME, seed);
        assertEquals(road.incidentCount(), a.incidentCount());
        for (int i = 0; i < a.incidentCount(); i++) {
            assertEquals(road.readyMillis(i), a.readyMillis(i), "incident " + i);
            assertEquals(road.incidents().location(i), a.incidents().location(i), "incident " + i);
        }
    }

    @Test
    void boundedAdviceIsAskedAtMostOncePerIntervalOverASampleOfTheDemand() {
        // a day-long interval: one advice in the whole run (at most its 3 moves); every 50th building
        SimulationWorld world = TestScenarios.world(
                TestScenarios.rutland(120, 1, TestScenarios.realisticReporting(), 0, new Scenario.MoveUp(86_400, 200)));
        RunResult a = TestScenarios.runOneDay(world, MoveUpPolicy.NAME, 4);
        assertTrue(
                a.counts().moveUps() <= CoverageMoveUpAdvisor.MAX_MOVES,
                "one advice, at most its moves: " + a.counts());
        var demand = world.moveUpPlanner().area().demand();
        assertTrue(demand.size() <= 200, demand.size() + " demand points");
        assertTrue(demand.description().startsWith("every "), demand.description());
        SimulationWorld unbounded =
                TestScenarios.world(TestScenarios.rutland(120, 1, TestScenarios.realisticReporting()));
        assertTrue(
                TestScenarios.runOneDay(unbounded, MoveUpPolicy.NAME, 4)
                                .counts()
                                .moveUps()
                        > a.counts().moveUps(),
                "advice after every change should move more");
    }
}
