package org.bluelamp.simulation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.bluelamp.simulation.report.RunMetrics;
import org.junit.jupiter.api.Test;

/**
 * The scenario's warm-up on Rutland: the hours before the first counted day are simulated (their
 * incidents are drawn and dispatched, the fleet deployed and busy) but not counted; the counted
 * incidents are the same with or without a warm-up and for every policy (common random numbers);
 * and a run with a warm-up is as deterministic as one without.
 */
class WarmUpTest {
    private static final List<String> GRADES = List.of("1", "2");
    private static final double WARM_UP_HOURS = 6;

    @Test
    void warmUpIncidentsAreSimulatedButNotCounted() {
        SimulationWorld cold = TestScenarios.world(TestScenarios.rutland(120, 1, TestScenarios.realisticReporting()));
        SimulationWorld warm =
                TestScenarios.world(TestScenarios.rutland(120, 1, TestScenarios.realisticReporting(), WARM_UP_HOURS));
        long seed = 3;
        long start = warm.scenario().startEpochMillis();

        Incidents drawn = warm.incidents(1, seed);
        assertTrue(drawn.firstCounted > 0, "six hours at 120 a day should draw warm-up incidents");
        for (int i = 0; i < drawn.count; i++) {
            boolean inWarmUp = drawn.callMillis[i] < start;
            assertEquals(i < drawn.firstCounted, inWarmUp, "incident " + i);
            assertTrue(drawn.callMillis[i] >= start - 6 * 3_600_000L, "incident " + i + " before the warm-up");
        }
        Incidents coldDrawn = cold.incidents(1, seed);
        assertEquals(0, coldDrawn.firstCounted);

        RunResult r = TestScenarios.runOneDay(warm, RoadTimePolicy.NAME, seed);
        RunResult c = TestScenarios.runOneDay(cold, RoadTimePolicy.NAME, seed);
        // only the counted incidents are in the result, and they are the ones drawn without a warm-up
        assertEquals(drawn.count - drawn.firstCounted, r.incidentCount());
        assertEquals(coldDrawn.count, r.incidentCount());
        for (int i = 0; i < r.incidentCount(); i++) {
            assertTrue(r.callMillis(i) >= start, "incident " + i + " called in the warm-up was counted");
            assertEquals(c.callMillis(i), r.callMillis(i), "incident " + i);
            assertEquals(c.grade(i), r.grade(i), "incident " + i);
            assertEquals(c.incidents().location(i), r.incidents().location(i), "incident " + i);
        }
        RunMetrics m = RunMetrics.of(r, GRADES);
        int counted = 0;
        for (RunMetrics.GradeMetrics g : m.grades()) {
            counted += g.incidents();
        }
        assertEquals(r.incidentCount(), counted, "every counted incident in the measures, once");
        for (RunResult.Assignment a : r.assignments()) {
            assertTrue(a.incident() >= 0 && a.incident() < r.incidentCount(), "assignment " + a);
            assertTrue(a.atMillis() >= r.readyMillis(a.incident()), "sent before ready: " + a);
        }
        // ... but the warm-up's incidents were decided on too: the counted day starts with the fleet at work
        assertTrue(
                r.counts().recommendations() >= drawn.count,
                r.counts().recommendations() + " decisions for " + drawn.count + " incidents");
        assertFalse(
                java.util.Arrays.equals(c.arrivalMillis(), r.arrivalMillis()),
                "a deployed, busy fleet at the start should change some arrivals");
    }

    @Test
    void aRunWithAWarmUpIsDeterministicAndEveryPolicyFacesTheSameIncidents() {
        SimulationWorld warm =
                TestScenarios.world(TestScenarios.rutland(120, 1, TestScenarios.realisticReporting(), WARM_UP_HOURS));
        long seed = 8;
        RunResult a = TestScenarios.runOneDay(warm, RoadTimePolicy.NAME, seed);
        RunResult b = TestScenarios.runOneDay(warm, RoadTimePolicy.NAME, seed);
        assertArrayEquals(a.assignMillis(), b.assignMillis(), "seed " + seed);
        assertArrayEquals(a.arrivalMillis(), b.arrivalMillis(), "seed " + seed);
        assertEquals(a.assignments(), b.assignments(), "seed " + seed);
        assertEquals(a.counts(), b.counts(), "seed " + seed);
        assertEquals(a.busyMillis(), b.busyMillis());
        assertEquals(a.onDutyMillis(), b.onDutyMillis());

        RunResult s = TestScenarios.runOneDay(warm, StationPolicy.NAME, seed);
        assertEquals(a.incidentCount(), s.incidentCount());
        for (int i = 0; i < a.incidentCount(); i++) {
            assertEquals(a.readyMillis(i), s.readyMillis(i), "incident " + i);
            assertEquals(a.incidents().location(i), s.incidents().location(i), "incident " + i);
        }
    }
}
