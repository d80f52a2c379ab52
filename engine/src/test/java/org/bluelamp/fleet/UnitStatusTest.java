package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitStatusTest {

    private static FleetState fleetWith(UnitStatus initial) {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        fleet.register(
                new UnitSpec("AR21", "AR21", UnitKind.CAR, Set.of("armed_response"), 2, "Leeds"),
                initial == UnitStatus.COMMITTED
                        ? new StatusChange(initial, "2", 1_000)
                        : StatusChange.of(initial, 1_000));
        return fleet;
    }

    @Test
    void theTableMatchesTheDocumentedPractice() {
        assertEquals(EnumSet.of(UnitStatus.AVAILABLE, UnitStatus.AT_STATION), UnitStatus.OFF_DUTY.allowedNext());
        assertEquals(EnumSet.complementOf(EnumSet.of(UnitStatus.AVAILABLE)), UnitStatus.AVAILABLE.allowedNext());
        assertEquals(
                EnumSet.of(UnitStatus.AVAILABLE, UnitStatus.EN_ROUTE, UnitStatus.AT_SCENE, UnitStatus.COMMITTED),
                UnitStatus.EN_ROUTE.allowedNext());
        assertEquals(
                EnumSet.of(UnitStatus.AVAILABLE, UnitStatus.EN_ROUTE, UnitStatus.AT_STATION, UnitStatus.OFF_DUTY),
                UnitStatus.REFRESHMENT.allowedNext());
        assertTrue(UnitStatus.COMMITTED.canChangeTo(UnitStatus.AT_STATION));
        assertFalse(UnitStatus.COMMITTED.canChangeTo(UnitStatus.OFF_DUTY));
        assertFalse(UnitStatus.AT_SCENE.canChangeTo(UnitStatus.REFRESHMENT));
    }

    @Test
    void offDutyUnitCannotGoEnRouteAndTheMessageNamesBothStatuses() {
        FleetState fleet = fleetWith(UnitStatus.OFF_DUTY);
        IllegalStatusTransitionException e = assertThrows(
                IllegalStatusTransitionException.class, () -> fleet.setStatus("AR21", UnitStatus.EN_ROUTE, "1", 2_000));
        assertTrue(e.getMessage().contains("OFF_DUTY"), e.getMessage());
        assertTrue(e.getMessage().contains("EN_ROUTE"), e.getMessage());
        assertEquals(UnitStatus.OFF_DUTY, e.from());
        assertEquals(UnitStatus.EN_ROUTE, e.to());
        assertEquals(UnitStatus.OFF_DUTY, fleet.getStatus("AR21").status(), "refused change leaves the status alone");
    }

    @Test
    void everyIllegalPairIsRefusedAndEveryLegalPairIsTimestamped() {
        for (UnitStatus from : UnitStatus.values()) {
            for (UnitStatus to : UnitStatus.values()) {
                FleetState fleet = fleetWith(from);
                String grade = to.gradeRule() == UnitStatus.GradeRule.NONE ? null : "3";
                if (from.canChangeTo(to)) {
                    StatusChange c = fleet.setStatus("AR21", to, grade, 5_000);
                    assertEquals(to, c.status());
                    assertEquals(5_000, c.timeEpochMillis(), from + " -> " + to);
                    assertEquals(c, fleet.getSnapshot("AR21").status());
                } else if (from != to) {
                    IllegalStatusTransitionException e = assertThrows(
                            IllegalStatusTransitionException.class,
                            () -> fleet.setStatus("AR21", to, grade, 5_000),
                            from + " -> " + to);
                    assertTrue(
                            e.getMessage().contains(from.name())
                                    && e.getMessage().contains(to.name()),
                            e.getMessage());
                }
            }
        }
    }

    @Test
    void committedCarriesItsGradeAndRegradingIsAllowed() {
        FleetState fleet = fleetWith(UnitStatus.AVAILABLE);
        assertThrows(IllegalArgumentException.class, () -> fleet.setStatus("AR21", UnitStatus.COMMITTED, null, 2_000));
        assertThrows(IllegalArgumentException.class, () -> fleet.setStatus("AR21", UnitStatus.AVAILABLE, "1", 2_000));
        fleet.setStatus("AR21", UnitStatus.COMMITTED, "3", 2_000);
        StatusChange regraded = fleet.setStatus("AR21", UnitStatus.COMMITTED, "2", 3_000);
        assertEquals("2", regraded.committedGrade());
        assertEquals(3_000, regraded.timeEpochMillis());
    }

    @Test
    void reassertingTheSameStatusKeepsItsTime() {
        FleetState fleet = fleetWith(UnitStatus.AVAILABLE);
        StatusChange before = fleet.getStatus("AR21");
        assertSame(before, fleet.setStatus("AR21", UnitStatus.AVAILABLE, null, 9_000));
    }

    @Test
    void anOlderStatusChangeIsRefused() {
        FleetState fleet = fleetWith(UnitStatus.AVAILABLE);
        IllegalStatusTransitionException e = assertThrows(
                IllegalStatusTransitionException.class, () -> fleet.setStatus("AR21", UnitStatus.EN_ROUTE, "1", 999));
        assertTrue(e.getMessage().contains("AVAILABLE") && e.getMessage().contains("EN_ROUTE"), e.getMessage());
    }

    @Test
    void unknownUnitIsATypedError() {
        FleetState fleet = fleetWith(UnitStatus.AVAILABLE);
        UnknownUnitException e = assertThrows(
                UnknownUnitException.class, () -> fleet.setStatus("nope", UnitStatus.AVAILABLE, null, 2_000));
        assertEquals("nope", e.unitId());
    }

    @Test
    void aUnitKeepsItsTaskGradeUntilReleased() {
        for (UnitStatus from : UnitStatus.values()) {
            for (UnitStatus to : UnitStatus.values()) {
                assertEquals(from.isDeployed() && to.isDeployed(), from.keepsTaskTo(to), from + " -> " + to);
            }
        }
        FleetState fleet = fleetWith(UnitStatus.AVAILABLE);
        fleet.setStatus("AR21", UnitStatus.EN_ROUTE, "1", 2_000);
        StatusChange arrived = fleet.setStatus("AR21", UnitStatus.AT_SCENE, null, 3_000);
        assertEquals(UnitStatus.AT_SCENE, arrived.status());
        assertEquals("1", arrived.committedGrade(), "arriving does not forget the grade it was sent to");
        StatusChange committed = fleet.setStatus("AR21", UnitStatus.COMMITTED, null, 4_000);
        assertEquals("1", committed.committedGrade(), "committing to the same task needs no grade again");
        assertEquals(
                "2", fleet.setStatus("AR21", UnitStatus.AT_SCENE, "2", 5_000).committedGrade(), "re-graded");
        StatusChange released = fleet.setStatus("AR21", UnitStatus.AVAILABLE, null, 6_000);
        assertEquals(null, released.committedGrade());
        assertThrows(
                IllegalArgumentException.class,
                () -> fleet.setStatus("AR21", UnitStatus.COMMITTED, null, 7_000),
                "a released unit has no task to keep: COMMITTED needs its grade");
    }
}
