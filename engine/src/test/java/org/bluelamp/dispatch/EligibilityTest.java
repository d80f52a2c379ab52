package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.junit.jupiter.api.Test;

/** The policy rules of ranking, without a road graph: status and diversion, capabilities, position and its age. */
class EligibilityTest {
    static final long NOW = 1_800_000_000_000L;

    final FleetState fleet = new FleetState(FleetOptions.defaults());
    final PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
    final Eligibility eligibility = new Eligibility(policies);
    final UnitReading reading = new UnitReading();

    UnitReading unit(StatusChange status, long fixAgeMillis, String... caps) {
        var u = fleet.register(
                new UnitSpec("U" + fleet.unitCount(), "CS", UnitKind.CAR, Set.of(caps), 2, "station"), status);
        if (fixAgeMillis >= 0) {
            fleet.recordFix(
                    u.unitIndex(),
                    52.6,
                    -0.7,
                    NOW - fixAgeMillis,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        fleet.readUnit(u.unitIndex(), reading);
        return reading;
    }

    long mask(String... caps) {
        return fleet.options().capabilities().maskOf(Set.of(caps));
    }

    void reset(String grade, long required, long... slots) {
        eligibility.reset(policies.getGrade(grade), required, slots, slots.length);
    }

    @Test
    void statusFollowsTheGradeAndLowerGradeWorkMayBeDiverted() {
        reset("1", 0);
        assertEquals(
                Eligibility.LISTABLE, eligibility.check(unit(StatusChange.of(UnitStatus.AVAILABLE, NOW), 1_000), NOW));
        assertNull(eligibility.divertedFromGrade());
        assertEquals(1_000, eligibility.fixAgeMillis());
        assertEquals(0, eligibility.check(unit(StatusChange.of(UnitStatus.OFF_DUTY, NOW), 1_000), NOW));
        assertEquals(ExclusionReason.WRONG_STATUS, eligibility.exclusion());
        // committed to grade 3 work: diverted to grade 1, not to grade 3
        UnitReading busy = unit(new StatusChange(UnitStatus.COMMITTED, "3", NOW), 1_000);
        assertEquals(Eligibility.LISTABLE, eligibility.check(busy, NOW));
        assertEquals("3", eligibility.divertedFromGrade());
        reset("3", 0);
        assertEquals(0, eligibility.check(busy, NOW));
        assertEquals(ExclusionReason.WRONG_STATUS, eligibility.exclusion());
        assertNull(eligibility.divertedFromGrade());
        // committed to grade 1 work is never diverted
        reset("1", 0);
        assertEquals(0, eligibility.check(unit(new StatusChange(UnitStatus.COMMITTED, "1", NOW), 1_000), NOW));
    }

    @Test
    void capabilitiesDecideWhatAUnitIsFor() {
        long armed = mask("armed_response");
        long dog = mask("dog");
        reset("1", armed, armed, dog);
        StatusChange available = StatusChange.of(UnitStatus.AVAILABLE, NOW);
        assertEquals(
                Eligibility.LISTABLE | Eligibility.PLAN_FILLER,
                eligibility.check(unit(available, 0, "armed_response"), NOW));
        assertEquals(Eligibility.PLAN_FILLER, eligibility.check(unit(available, 0, "dog"), NOW));
        assertEquals(0, eligibility.check(unit(available, 0, "first_aid"), NOW));
        assertEquals(ExclusionReason.MISSING_CAPABILITY, eligibility.exclusion());
        reset("1", 0);
        assertEquals(Eligibility.LISTABLE, eligibility.check(unit(available, 0, "first_aid"), NOW));
    }

    @Test
    void aUnitNeedsAPositionYoungerThanThePolicysLimit() {
        reset("1", 0);
        StatusChange available = StatusChange.of(UnitStatus.AVAILABLE, NOW);
        assertEquals(0, eligibility.check(unit(available, -1), NOW));
        assertEquals(ExclusionReason.NO_POSITION, eligibility.exclusion());
        assertEquals(0, eligibility.check(unit(available, policies.maxFixAgeMillis() + 1), NOW));
        assertEquals(ExclusionReason.STALE_BEYOND_LIMIT, eligibility.exclusion());
        assertEquals(Eligibility.LISTABLE, eligibility.check(unit(available, policies.maxFixAgeMillis()), NOW));
        // a position from the future (clock skew) counts as brand new
        assertEquals(Eligibility.LISTABLE, eligibility.check(unit(available, -0), NOW - 5_000));
        assertEquals(0, eligibility.fixAgeMillis());
    }
}
