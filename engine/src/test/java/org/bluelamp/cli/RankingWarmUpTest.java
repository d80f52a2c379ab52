package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * The ranking warm-up of {@code serve}: it ranks units of its own on the real network, leaves the real fleet and its
 * answers as they were, runs at least its query count, and {@code serve} runs it before its ready line.
 */
class RankingWarmUpTest {
    private static final long NOW = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();

    @Test
    void ranksItsOwnUnitsAndLeavesTheRealFleetAlone() {
        RoadNetwork net = TestMaps.monacoNetwork();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        int unit = fleet.register(UnitSpec.minimal("IR11", UnitKind.CAR), StatusChange.of(UnitStatus.AVAILABLE, NOW))
                .unitIndex();
        fleet.recordFix(unit, 43.7393, 7.4278, NOW, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
        Dispatcher real = Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(NOW)));
        IncidentRequest palace = IncidentRequest.of("palace", new GeoPoint(43.7311, 7.4197), "1");
        String before = answer(real.recommend(palace));
        long changes = fleet.changeCount();

        RankingWarmUp.Outcome outcome =
                RankingWarmUp.warm(real, InstantSource.fixed(Instant.ofEpochMilli(NOW)), Duration.ofSeconds(20), 300);

        assertTrue(outcome.queries() >= 300, outcome.describe()); // then on until the JIT is idle (or 20 s)
        assertTrue(outcome.refused() < outcome.queries() / 2, "most queries ranked: " + outcome.describe());
        assertEquals(RankingWarmUp.MIN_UNITS, outcome.units(), "Monaco is small: the fewest units");
        assertEquals(1, fleet.unitCount(), "no unit added to the real fleet");
        assertEquals(changes, fleet.changeCount(), "the real fleet not changed");
        assertEquals(before, answer(real.recommend(palace)), "the real answer unchanged");
        assertTrue(outcome.describe().startsWith("ranking warmed up: "), outcome.describe());
    }

    /** The answer without its measurements (search size and time). */
    private static String answer(Recommendation r) {
        return r.candidates() + " " + r.excluded() + " " + r.incidentOffRoadMetres();
    }

    @Test
    void theDefaultTimeGrowsWithTheNetwork() {
        assertEquals(
                Duration.ZERO,
                RankingWarmUp.defaultBudget(TestMaps.monacoNetwork().nodeCount()));
        assertEquals(Duration.ofSeconds(2), RankingWarmUp.defaultBudget(264_000)); // New York
        assertEquals(Duration.ofSeconds(20), RankingWarmUp.defaultBudget(2_000_000)); // the national network
        assertEquals(Duration.ofSeconds(20), RankingWarmUp.defaultBudget(Integer.MAX_VALUE));
    }

    @Test
    void zeroBudgetDoesNothing() {
        RoadNetwork net = TestMaps.monacoNetwork();
        FleetState fleet = new FleetState(FleetOptions.defaults());
        Dispatcher real = Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.none(),
                InstantSource.system());
        assertEquals(
                0,
                RankingWarmUp.run(real, InstantSource.system(), Duration.ZERO, 100)
                        .queries());
    }

    @Test
    void serveWarmsUpBeforeItsReadyLine() throws Exception {
        // the tests' child services compile with C1 only (no warm-up); this one with C2, as in production
        try (ServeProcess serve =
                ServeProcess.startWithJvm(List.of("-XX:TieredStopAtLevel=4"), "--warm-up-seconds", "2")) {
            String log = Files.readString(serve.log);
            assertTrue(log.contains("ranking warmed up: "), log); // logged before the ready line was read
        }
        try (ServeProcess serve = ServeProcess.start("--warm-up-seconds", "2")) {
            assertTrue(
                    Files.readString(serve.log).contains("ranking not warmed up: this JVM does not compile with C2"));
        }
        try (ServeProcess serve = ServeProcess.startWithJvm(List.of("-XX:TieredStopAtLevel=4"))) {
            String log = Files.readString(serve.log);
            assertTrue(log.contains("ranking not warmed up: no time for it"), log); // Monaco: none by default
        }
    }
}
