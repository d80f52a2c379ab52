package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * Move-up advice on a road drawn by hand: a straight road of twelve equal stretches, 0 - 1 - ... -
 * 12, each taking 5 minutes, so an available car reaches four stretches either way within Grade 1's
 * rural target of 20 minutes (no urban areas); demand is road length (node 0 and node 12 weigh half
 * a stretch, the others one). Car W waits at node 0 (reaches 0 to 4), car M at node 5 (1 to 9) and
 * car B at node 11 (7 to 12). Posts: P-A at node 4, P-B at node 9, P-C at node 12.
 *
 * <p>Worked on paper, once B is committed nodes 10, 11 and 12 (2.5 stretches) are left uncovered.
 * Moving M to P-B covers them and loses nothing (W keeps 0 to 4, M at 9 keeps 5 to 12): +2.5.
 * Moving W to P-B or P-C also covers them but loses node 0, only W's: +2. Moving M to P-C loses
 * 5 to 7: −0.5. So the advice is M to P-B, 4 stretches (20 minutes) away, then nothing.
 */
class MoveUpPlannerDrawnTest {
    private static final int FIVE_MINUTES = 300_000;
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());

    private final DrawnRoads road = new DrawnRoads();
    private final CoverageArea area;

    MoveUpPlannerDrawnTest() {
        for (int n = 0; n <= 12; n++) {
            road.node(n, 52.6, -0.9 + n * 0.05);
        }
        for (int i = 0; i < 12; i++) {
            road.both(i, i + 1, FIVE_MINUTES);
        }
        area = CoverageArea.build(road, UrbanAreas.none(), Beats.none(), DemandPoints.roadLength("test"));
    }

    private CandidateSite post(String id, int node) {
        return new CandidateSite(id, "post " + id, road.point(node));
    }

    private PlannedUnit car(String id, UnitStatus status, int node) {
        return PlannedUnit.at(id, UnitKind.CAR, status, road.point(node));
    }

    private static Deployment fleet(PlannedUnit... units) {
        return new Deployment(List.of(units), Map.of(), OptionalDouble.empty());
    }

    private MoveUpPlanner planner(CandidateSite... posts) {
        return MoveUpPlanner.prepare(area, POLICY, "1", List.of(posts), 1);
    }

    @Test
    void committingTheEasternCarMovesTheCentralCarToTheRightPost() {
        MoveUpPlanner planner = planner(post("P-A", 4), post("P-B", 9), post("P-C", 12));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment before = fleet(
                car("W", UnitStatus.AVAILABLE, 0),
                car("M", UnitStatus.AVAILABLE, 5),
                car("B", UnitStatus.AVAILABLE, 11));
        MoveUpPlanner.Advice calm = planner.advise(ev, before, 3);
        assertEquals(1.0, calm.shareNow(), 1e-9);
        assertTrue(calm.moves().isEmpty(), "nothing to restore: " + calm.moves());

        Deployment committed = fleet(
                car("W", UnitStatus.AVAILABLE, 0),
                car("M", UnitStatus.AVAILABLE, 5),
                car("B", UnitStatus.EN_ROUTE, 11));
        MoveUpPlanner.Advice advice = planner.advise(ev, committed, 3);
        assertEquals(9.5 / 12, advice.shareNow(), 1e-9);
        assertEquals(1, advice.moves().size(), advice.moves().toString());
        MoveUpPlanner.Move m = advice.moves().get(0);
        assertEquals("M", m.unitId());
        assertEquals(1, m.unitIndex());
        assertEquals("P-B", m.post().id());
        assertEquals(1, m.postIndex());
        assertEquals(4L * FIVE_MINUTES, m.travelMillis());
        assertEquals(4 * road.edgeMetres(0), m.travelMetres(), 1e-6);
        assertEquals(1.0, m.shareAfter(), 1e-9);
        assertEquals(2.5 / 12, m.gainShare(), 1e-9);
        assertEquals(UnitPlacement.Objective.COVERAGE, advice.objective());
    }

    @Test
    void aUnitWhoseDepartureLosesMoreThanTheMoveGainsStays() {
        // only P-C: M there would cover 10 to 12 (+2.5) but leave 1 to 7 (−7, W is committed too)
        MoveUpPlanner planner = planner(post("P-C", 12));
        Deployment committed = fleet(
                car("W", UnitStatus.EN_ROUTE, 0), car("M", UnitStatus.AVAILABLE, 5), car("B", UnitStatus.AT_SCENE, 11));
        MoveUpPlanner.Advice advice = planner.advise(new CoverageEvaluator(area, POLICY), committed, 10);
        assertTrue(advice.moves().isEmpty(), advice.moves().toString());
        assertEquals(advice.shareNow(), advice.shareAfter());
    }

    @Test
    void anEmptyFleetOrNoPostsGiveEmptyAdvice() {
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        assertTrue(planner(post("P-B", 9)).advise(ev, fleet(), 3).moves().isEmpty());
        assertEquals(0, planner(post("P-B", 9)).advise(ev, fleet(), 3).shareNow());
        Deployment committed = fleet(car("M", UnitStatus.AVAILABLE, 5), car("B", UnitStatus.EN_ROUTE, 11));
        assertTrue(planner().advise(ev, committed, 3).moves().isEmpty());
    }

    @Test
    void withABusyFractionTheExpectedShareNeverFalls() {
        MoveUpPlanner planner = planner(post("P-A", 4), post("P-B", 9), post("P-C", 12));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        Deployment committed = new Deployment(
                List.of(
                        car("W", UnitStatus.AVAILABLE, 0),
                        car("M", UnitStatus.AT_STATION, 5),
                        car("B", UnitStatus.EN_ROUTE, 11)),
                Map.of(),
                OptionalDouble.of(0.3));
        MoveUpPlanner.Advice advice = planner.advise(ev, committed, 3);
        assertEquals(UnitPlacement.Objective.EXPECTED, advice.objective());
        assertFalse(advice.moves().isEmpty());
        double share = advice.shareNow();
        for (MoveUpPlanner.Move m : advice.moves()) {
            assertTrue(m.gainShare() > 0, m.toString());
            assertEquals(share + m.gainShare(), m.shareAfter(), 1e-12);
            share = m.shareAfter();
        }
        // the first move is M to P-B, as without q: it fills the hole and its departure loses nothing covered
        assertEquals("M", advice.moves().get(0).unitId());
        assertEquals("P-B", advice.moves().get(0).post().id());
    }

    @Test
    void maxMovesOutsideZeroToTenNamesTheField() {
        MoveUpPlanner planner = planner(post("P-B", 9));
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        BluelampException e = assertThrows(BluelampException.class, () -> planner.advise(ev, fleet(), 11));
        assertEquals("max_moves", e.field());
        assertTrue(e.getMessage().contains("11"), e.getMessage());
    }
}
