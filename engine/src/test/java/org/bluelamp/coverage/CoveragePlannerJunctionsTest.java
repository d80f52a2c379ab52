package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * Placement over every junction of the real Monaco map: the covering matrix, which depends only on
 * the map, the grade and the status, is built by the first placement and kept, so a planner's
 * later placements (other unit counts, objectives, kept units) answer from it with the same result
 * a freshly built matrix gives; a placement over the caller's own candidates builds its own.
 */
class CoveragePlannerJunctionsTest {
    @Test
    void theJunctionMatrixIsBuiltOnceAndGivesWhatAFreshOneGives() {
        RoadNetwork net = TestMaps.monacoNetwork();
        PolicyBook policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        CoverageArea area = CoverageArea.build(net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromMap(net));
        Deployment none = new Deployment(java.util.List.of(), Map.of(), OptionalDouble.empty());
        CoveragePlanner planner = new CoveragePlanner(area, policies);

        var first = planner.place("1", 3, null, Double.NaN, UnitStatus.AVAILABLE, none);
        assertEquals(1, planner.matricesBuilt());
        assertTrue(first.candidates() > 10, "Monaco's junctions: " + first.candidates());
        var again = planner.place("1", 3, null, Double.NaN, UnitStatus.AVAILABLE, none);
        var expected = planner.place("1", 2, null, 0.3, UnitStatus.AVAILABLE, none);
        assertEquals(1, planner.matricesBuilt(), "later placements over every junction reuse the matrix");
        assertEquals(first.result(), again.result());

        // another status has another mobilisation: its own matrix
        planner.place("1", 2, null, 0.3, UnitStatus.AT_STATION, none);
        assertEquals(2, planner.matricesBuilt());

        // the same placements from a planner that builds afresh give the same answers
        CoveragePlanner fresh = new CoveragePlanner(area, policies);
        assertEquals(
                expected.result(),
                fresh.place("1", 2, null, 0.3, UnitStatus.AVAILABLE, none).result());
        var own = fresh.place("1", 2, CoverageMatrix.junctions(area), 0.3, UnitStatus.AVAILABLE, none);
        assertEquals(expected.result(), own.result(), "the caller's own list of every junction: same answer");
        assertEquals(2, fresh.matricesBuilt(), "a caller's own candidates build their own matrix");

        // prepared at start: the first placement finds it
        CoveragePlanner prepared = new CoveragePlanner(area, policies);
        assertTrue(prepared.prepareJunctionMatrix("1"));
        assertEquals(1, prepared.matricesBuilt());
        assertEquals(
                expected.result(),
                prepared.place("1", 2, null, 0.3, UnitStatus.AVAILABLE, none).result());
        assertEquals(1, prepared.matricesBuilt());
    }
}
