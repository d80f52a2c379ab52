package org.bluelamp.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FixIntakeTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(NOW));

    private static FleetState fleet() {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        fleet.register(UnitSpec.minimal("2340001", UnitKind.CAR), UnitStatus.AVAILABLE, NOW - 60_000);
        return fleet;
    }

    private static Fix fix(String id, double lat, double lon, long time, double acc, double speed, double heading) {
        return new Fix(id, lat, lon, time, acc, speed, heading, FixReason.PERIODIC);
    }

    private static Fix ok(long time) {
        return fix("2340001", 53.8, -1.55, time, 8, 12.5, 90);
    }

    static List<Arguments> rejections() {
        String id = "2340001";
        return List.of(
                Arguments.of(fix("", 53.8, -1.5, NOW, 5, 1, 1), RejectReason.INVALID_UNIT_ID, "unitId"),
                Arguments.of(fix(" 23 ", 53.8, -1.5, NOW, 5, 1, 1), RejectReason.INVALID_UNIT_ID, "unitId"),
                Arguments.of(fix(id, Double.NaN, -1.5, NOW, 5, 1, 1), RejectReason.INVALID_LATITUDE, "latDeg NaN"),
                Arguments.of(fix(id, 90.5, -1.5, NOW, 5, 1, 1), RejectReason.INVALID_LATITUDE, "latDeg 90.5"),
                Arguments.of(fix(id, 53.8, Double.NaN, NOW, 5, 1, 1), RejectReason.INVALID_LONGITUDE, "lonDeg NaN"),
                Arguments.of(fix(id, 53.8, -181, NOW, 5, 1, 1), RejectReason.INVALID_LONGITUDE, "lonDeg -181"),
                Arguments.of(
                        fix(id, 53.8, Double.POSITIVE_INFINITY, NOW, 5, 1, 1),
                        RejectReason.INVALID_LONGITUDE,
                        "lonDeg Infinity"),
                Arguments.of(
                        fix(id, 53.8, -1.5, NOW + 30_001, 5, 1, 1),
                        RejectReason.FUTURE_TIMESTAMP,
                        "positionTimeEpochMillis " + (NOW + 30_001)),
                Arguments.of(
                        fix(id, 53.8, -1.5, NOW - 3_600_001, 5, 1, 1),
                        RejectReason.TOO_OLD,
                        "positionTimeEpochMillis " + (NOW - 3_600_001)),
                Arguments.of(fix(id, 53.8, -1.5, 0, 5, 1, 1), RejectReason.TOO_OLD, "positionTimeEpochMillis 0"),
                Arguments.of(fix(id, 53.8, -1.5, NOW, -1, 1, 1), RejectReason.INVALID_ACCURACY, "accuracyMetres -1.0"),
                Arguments.of(
                        fix(id, 53.8, -1.5, NOW, Double.POSITIVE_INFINITY, 1, 1),
                        RejectReason.INVALID_ACCURACY,
                        "accuracyMetres Infinity"),
                Arguments.of(
                        fix(id, 53.8, -1.5, NOW, 5, -2, 1), RejectReason.INVALID_SPEED, "speedMetresPerSecond -2.0"),
                Arguments.of(
                        fix(id, 53.8, -1.5, NOW, 5, 500, 1), RejectReason.INVALID_SPEED, "speedMetresPerSecond 500.0"),
                Arguments.of(fix(id, 53.8, -1.5, NOW, 5, 1, 361), RejectReason.INVALID_HEADING, "headingDeg 361.0"),
                Arguments.of(fix(id, 53.8, -1.5, NOW, 5, 1, -0.5), RejectReason.INVALID_HEADING, "headingDeg -0.5"),
                Arguments.of(fix("9999", 53.8, -1.5, NOW, 5, 1, 1), RejectReason.UNKNOWN_UNIT, "unit_id '9999'"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void everyRejectionIsCountedByReasonWithAMessageNamingTheField(Fix bad, RejectReason reason, String naming) {
        FleetState fleet = fleet();
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), CLOCK);
        IntakeResult r = intake.apply(bad);
        assertEquals(FixOutcome.REJECTED, r.outcome());
        assertEquals(reason, r.reason());
        assertTrue(r.message().contains(naming), r.message());
        assertEquals(1, intake.counters().rejected(reason));
        assertEquals(1, intake.counters().count(FixOutcome.REJECTED));
        assertEquals(1, intake.counters().total());
        assertEquals(false, fleet.snapshot(0).hasFix(), "a rejected fix changes nothing");
    }

    @Test
    void serviceAreaRejectsNullIsland() {
        FixIntake intake =
                new FixIntake(fleet(), IntakeOptions.defaults().withServiceArea(ServiceArea.unitedKingdom()), CLOCK);
        IntakeResult r = intake.apply(fix("2340001", 0, 0, NOW, 5, 1, 1));
        assertEquals(RejectReason.OUTSIDE_SERVICE_AREA, r.reason());
        assertTrue(r.message().contains("latDeg/lonDeg (0.0, 0.0)"), r.message());
        assertTrue(intake.apply(ok(NOW)).isAccepted());
    }

    @Test
    void absentOptionalValuesAndBoundaryValuesAreValid() {
        FixIntake intake = new FixIntake(fleet(), IntakeOptions.defaults(), CLOCK);
        assertSame(IntakeResult.ACCEPTED_LATEST, intake.apply(Fix.of("2340001", 90, 180, NOW - 3_600_000)));
        assertSame(IntakeResult.ACCEPTED_LATEST, intake.apply(fix("2340001", -90, -180, NOW + 30_000, 0, 0, 360)));
        assertSame(
                IntakeResult.ACCEPTED_HISTORY_ONLY,
                intake.apply("2340001", 53.8, -1.5, NOW + 10_000, Double.NaN, Double.NaN, 0, null));
    }

    @Test
    void orderingAndDuplicatesThroughTheIntake() {
        FleetState fleet = fleet();
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), CLOCK);
        assertSame(IntakeResult.ACCEPTED_LATEST, intake.apply(ok(NOW - 10_000)));
        assertSame(IntakeResult.DUPLICATE, intake.apply(ok(NOW - 10_000)));
        assertSame(IntakeResult.ACCEPTED_LATEST, intake.apply(ok(NOW)));
        assertSame(IntakeResult.ACCEPTED_HISTORY_ONLY, intake.apply(ok(NOW - 5_000)));
        assertSame(IntakeResult.ACCEPTED_HISTORY_ONLY, intake.apply(ok(NOW - 1_800_000))); // backlog
        assertEquals(NOW, fleet.snapshot(0).positionTimeEpochMillis());
        assertEquals(12.5, fleet.snapshot(0).speedMetresPerSecond());
        assertEquals(90.0, fleet.snapshot(0).headingDeg());
        assertEquals(2, intake.counters().count(FixOutcome.ACCEPTED_LATEST));
        assertEquals(2, intake.counters().count(FixOutcome.ACCEPTED_HISTORY_ONLY));
        assertEquals(1, intake.counters().count(FixOutcome.DUPLICATE));
    }

    @Test
    void unknownUnitsAreRegisteredWhenConfigured() {
        FleetState fleet = fleet();
        FixIntake intake = new FixIntake(
                fleet, IntakeOptions.defaults().withAutoRegistration(AutoRegistration.offDutyCars()), CLOCK);
        assertTrue(intake.apply(fix("NEW1", 53.8, -1.5, NOW, 5, 1, 1)).isAccepted());
        assertEquals(UnitStatus.OFF_DUTY, fleet.getStatus("NEW1").status());
        assertEquals(UnitKind.CAR, fleet.getUnit("NEW1").kind());
        // Garbage never registers a unit.
        assertEquals(
                RejectReason.INVALID_LATITUDE,
                intake.apply(fix("NEW2", 91, -1.5, NOW, 5, 1, 1)).reason());
        assertTrue(fleet.findUnit("NEW2").isEmpty());
    }

    @Test
    void batchesReportCountsByReasonAndEachRejection() {
        FleetState fleet = fleet();
        FixIntake intake = new FixIntake(fleet, IntakeOptions.defaults(), CLOCK);
        BatchResult r = intake.applyBatch(List.of(
                ok(NOW - 2_000),
                ok(NOW),
                ok(NOW - 1_000),
                ok(NOW),
                fix("2340001", 95, 0, NOW, 1, 1, 1),
                fix("x", 53, 0, NOW, 1, 1, 1),
                fix("y", 53, 0, NOW, 1, 1, 1)));
        assertEquals(2, r.acceptedLatest());
        assertEquals(1, r.acceptedHistoryOnly());
        assertEquals(3, r.accepted());
        assertEquals(1, r.duplicates());
        assertEquals(3, r.rejected());
        assertEquals(Map.of(RejectReason.INVALID_LATITUDE, 1, RejectReason.UNKNOWN_UNIT, 2), r.rejectedByReason());
        assertEquals(4, r.rejections().get(0).index());
        assertEquals("y", r.rejections().get(2).unitId());
        assertNull(IntakeResult.ACCEPTED_LATEST.reason());
        assertEquals(2, intake.counters().rejected(RejectReason.UNKNOWN_UNIT));
    }
}
