package org.bluelamp.simulation;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.simulation.report.ResultsJson;
import org.bluelamp.simulation.report.RunMetrics;
import org.junit.jupiter.api.Test;

/**
 * The checks that make the simulator's numbers trustworthy (issue 15, point 5), on the real Rutland
 * extract: a unit's simulated drive takes exactly the engine's time for it (and GraphHopper's route
 * agrees); every incident is attended or counted unattended; the same seed gives the same results
 * byte for byte; a unit is never in two places or on two incidents; perfect reporting lets the
 * ranking see true positions (and realistic reporting does not).
 */
class SimulationTrustTest {
    private static final List<String> GRADES = List.of("1", "2");

    /** A road-time policy that also keeps what the engine said about the unit it chose. */
    static final class RecordingPolicy implements DispatchPolicy {
        final List<Candidate> chosen = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public IdleMode idleMode() {
            return IdleMode.PATROL;
        }

        @Override
        public int choose(IncidentCall call, PolicyContext context) {
            Recommendation rec = context.dispatcher()
                    .recommend(new IncidentRequest(call.incidentId(), call.location(), call.grade(), "", Set.of(), 1));
            if (rec.candidates().isEmpty()) {
                return -1;
            }
            chosen.add(rec.candidates().get(0));
            return context.fleet().indexOf(rec.candidates().get(0).unitId());
        }
    }

    private static Scenario oneUnit(Scenario.Reporting reporting, double incidentsPerDay) {
        return new Scenario(
                "one unit",
                TestScenarios.START,
                TestScenarios.LONDON,
                12,
                0,
                TestScenarios.demand(incidentsPerDay),
                List.of(new Scenario.Station("Oakham", TestScenarios.OAKHAM)),
                List.of(new Scenario.Shift("all-day", 0, 1440)),
                List.of(new Scenario.UnitGroup("U", 1, UnitKind.CAR, "Oakham", "all-day", 8000, Set.of())),
                reporting,
                new Scenario.Patrol(0.8),
                Scenario.MoveUp.UNBOUNDED,
                null);
    }

    @Test
    void oneUnitsDriveTakesExactlyTheEnginesRouteTimeAndGraphHoppersRouteAgrees() {
        SimulationWorld world = TestScenarios.world(oneUnit(TestScenarios.perfectReporting(), 6));
        RecordingPolicy policy = new RecordingPolicy();
        RunResult r = new Simulation(world, policy, 7, 1, new Simulation.Options(true)).run();
        assertFalse(r.assignments().isEmpty(), "no incident was sent a unit");
        assertEquals(policy.chosen.size(), r.assignments().size());
        int checked = 0;
        for (int k = 0; k < r.assignments().size(); k++) {
            RunResult.Assignment a = r.assignments().get(k);
            Candidate c = policy.chosen.get(k);
            String ctx = "seed 7, assignment " + k + " (incident " + a.incident() + ")";
            // the engine ranked the unit at its true position: its ETA is the simulated journey
            long simulated = a.mobilisationMillis() + a.roadMillis() + a.accessMillis();
            assertEquals(c.etaSeconds() * 1000, simulated, 1e-6, ctx + ": engine ETA vs simulated journey");
            assertEquals(c.roadSeconds() * 1000, a.roadMillis(), 1e-6, ctx + ": road time");
            // and the unit arrives exactly then
            if (!a.diverted() && r.arrivalMillis()[a.incident()] >= 0) {
                assertEquals(a.atMillis() + simulated, r.arrivalMillis()[a.incident()], ctx + ": arrival");
            }
            // GraphHopper's own route for the same profile and points agrees (within a second)
            TravelProfile profile = c.profile();
            Route gh = world.network()
                    .route(
                            profile,
                            new GeoPoint(a.trueLatDeg(), a.trueLonDeg()),
                            r.incidents().location(a.incident()));
            assertEquals(gh.timeMillis() / 1000.0, a.roadMillis() / 1000.0, 1.0, ctx + ": GraphHopper's route");
            checked++;
        }
        // the first incident: one free unit, one incident: response = dispatch delay + the engine's ETA
        RunResult.Assignment first = r.assignments().get(0);
        long delay = r.readyMillis(first.incident()) - r.callMillis(first.incident());
        assertEquals(
                delay + first.mobilisationMillis() + first.roadMillis() + first.accessMillis(),
                r.responseMillis(first.incident()));
        assertTrue(checked > 0);
    }

    @Test
    void aUnitsTrueStartMatchesAFleetRankedFromScratch() {
        // the same check without the simulation's fleet: a fresh fleet holding only the unit at the
        // recorded true position, ranked by a fresh dispatcher, gives the same road time
        SimulationWorld world = TestScenarios.world(oneUnit(TestScenarios.perfectReporting(), 6));
        RunResult r = new Simulation(world, new RoadTimePolicy(), 11, 1, new Simulation.Options(true)).run();
        PolicyBook policies = PolicyBook.loadDefault(CapabilityRegistry.defaults());
        for (RunResult.Assignment a : r.assignments()) {
            if (a.mobilisationMillis() != 0) {
                continue; // sent from the station or a scene: a status a fresh AVAILABLE unit lacks
            }
            FleetState fleet = new FleetState(FleetOptions.defaults());
            fleet.register(UnitSpec.minimal("U", UnitKind.CAR), UnitStatus.AVAILABLE, a.atMillis());
            fleet.recordFix(
                    0,
                    a.trueLatDeg(),
                    a.trueLonDeg(),
                    a.atMillis(),
                    0,
                    Double.NaN,
                    Double.NaN,
                    org.bluelamp.fleet.FixReason.PERIODIC);
            Dispatcher d = Dispatcher.create(
                    world.network(),
                    fleet,
                    policies,
                    UrbanAreas.loadDefault(),
                    InstantSource.fixed(Instant.ofEpochMilli(a.atMillis())));
            String grade = GRADES.get(r.grade(a.incident()));
            Recommendation rec =
                    d.recommend(IncidentRequest.of("x", r.incidents().location(a.incident()), grade));
            assertEquals(1, rec.candidates().size());
            assertEquals(
                    rec.candidates().get(0).roadSeconds() * 1000, a.roadMillis(), 1e-6, "incident " + a.incident());
        }
    }

    @Test
    void everyIncidentIsAttendedOrCountedUnattended() {
        // heavy load: 300 incidents a day for 6 cars on duty, so that some wait and some are never reached
        SimulationWorld world = TestScenarios.world(TestScenarios.rutland(300, 1, TestScenarios.realisticReporting()));
        for (String name : List.of("road-time", "straight-line", "station")) {
            RunResult r = TestScenarios.runOneDay(world, name, 3);
            RunMetrics m = RunMetrics.of(r, GRADES);
            int counted = 0;
            int unattended = 0;
            for (RunMetrics.GradeMetrics g : m.grades()) {
                counted += g.incidents();
                unattended += g.unattended();
                assertEquals(g.incidents() - g.unattended(), g.responseMinutes().length, name);
            }
            assertEquals(r.incidentCount(), counted, name + ": every incident counted once");
            int attended = 0;
            for (int i = 0; i < r.incidentCount(); i++) {
                if (r.arrivalMillis()[i] >= 0) {
                    attended++;
                    assertTrue(r.assignMillis()[i] >= r.readyMillis(i), name + ": sent before it was ready");
                    assertTrue(r.arrivalMillis()[i] >= r.assignMillis()[i], name + ": arrived before sent");
                }
            }
            assertEquals(r.incidentCount(), attended + unattended, name);
            assertTrue(m.grade("2").queued() > 0, name + ": the load was meant to make incidents wait");
        }
    }

    @Test
    void theSameSeedGivesTheSameResultsByteForByte() {
        SimulationWorld world = TestScenarios.world(TestScenarios.rutland(60, 2, TestScenarios.realisticReporting()));
        String a = json(world, 5);
        String b = json(world, 5);
        assertEquals(a, b);
        assertNotEquals(a, json(world, 6), "another seed should give other results");
    }

    private static String json(SimulationWorld world, long seed) {
        List<org.bluelamp.simulation.report.PolicySummary> summaries = new ArrayList<>();
        for (String name : List.of("road-time", "straight-line")) {
            RunResult r = new Simulation(
                            world,
                            DispatchPolicies.factory(name, "p", world).get(),
                            seed,
                            1,
                            Simulation.Options.defaults())
                    .run();
            summaries.add(org.bluelamp.simulation.report.PolicySummary.of(
                    name, List.of(RunMetrics.of(r, GRADES)), GRADES, 1));
        }
        var c = new org.bluelamp.simulation.report.Comparison(
                "t",
                "rutland",
                1,
                List.of(seed),
                world.demandDescription(),
                60,
                12,
                GRADES,
                List.of(new double[] {15, 20}, new double[] {60, 60}),
                summaries);
        return ResultsJson.toJson(c).toString();
    }

    @Test
    void bucketsAndTheDijkstraGiveTheSameRun() {
        SimulationWorld world = TestScenarios.world(TestScenarios.rutland(60, 2, TestScenarios.realisticReporting()));
        RunResult b = new Simulation(
                        world,
                        new RoadTimePolicy(),
                        5,
                        1,
                        new Simulation.Options(true, null, Dispatcher.BucketUse.ALWAYS))
                .run();
        RunResult d = new Simulation(
                        world,
                        new RoadTimePolicy(),
                        5,
                        1,
                        new Simulation.Options(true, null, Dispatcher.BucketUse.NEVER))
                .run();
        assertArrayEquals(b.arrivalMillis(), d.arrivalMillis());
        assertEquals(b.assignments(), d.assignments());
        assertEquals(b.counts(), d.counts());
    }

    @Test
    void aUnitIsNeverInTwoPlacesNorOnTwoIncidents() {
        // the audit checks every new plan starts where the unit is, and every assignment's bookkeeping;
        // here under a load that makes units be diverted, pulled off breaks and re-sent
        SimulationWorld world = TestScenarios.world(TestScenarios.rutland(200, 1, TestScenarios.realisticReporting()));
        for (String name : List.of("road-time", "straight-line", "station")) {
            RunResult r = TestScenarios.runOneDay(world, name, 9);
            assertTrue(r.counts().diversions() > 0, name + ": the load was meant to divert units");
            int[] sends = new int[r.incidentCount()];
            long[] lastSent = new long[world.units().size()];
            java.util.Arrays.fill(lastSent, Long.MIN_VALUE);
            for (RunResult.Assignment a : r.assignments()) {
                sends[a.incident()]++;
                assertTrue(a.atMillis() >= lastSent[a.unit()], name + ": assignments out of order");
                lastSent[a.unit()] = a.atMillis();
            }
            for (int i = 0; i < r.incidentCount(); i++) {
                // each incident is sent one unit, plus one more each time its unit was diverted away on the way
                if (r.arrivalMillis()[i] >= 0) {
                    assertEquals(1 + r.requeued()[i], sends[i], name + ": incident " + i);
                }
            }
        }
    }

    @Test
    void perfectReportingLetsTheRankingSeeTruePositionsAndRealisticReportingDoesNot() {
        SimulationWorld perfect = TestScenarios.world(TestScenarios.rutland(40, 2, TestScenarios.perfectReporting()));
        RunResult p = new Simulation(perfect, new RoadTimePolicy(), 2, 1, new Simulation.Options(true)).run();
        assertFalse(p.assignments().isEmpty());
        for (RunResult.Assignment a : p.assignments()) {
            assertEquals(0.0, a.fixErrorMetres(), 1e-6, "incident " + a.incident());
        }
        SimulationWorld real = TestScenarios.world(TestScenarios.rutland(40, 2, TestScenarios.realisticReporting()));
        RunResult q = new Simulation(real, new RoadTimePolicy(), 2, 1, new Simulation.Options(true)).run();
        double worst = 0;
        for (RunResult.Assignment a : q.assignments()) {
            worst = Math.max(worst, a.fixErrorMetres());
        }
        assertTrue(worst > 1, "reports every 15 s with 5 m error should leave the ranking behind the truth");
    }
}
