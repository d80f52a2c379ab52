package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each policy rule of the ranking, on units placed by hand in Rutland. */
class DispatcherRulesTest {
    static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    static final GeoPoint UPPINGHAM = new GeoPoint(52.5870, -0.7245);
    static final GeoPoint NEAR_UPPINGHAM = new GeoPoint(52.5900, -0.7200);
    static final GeoPoint OAKHAM = new GeoPoint(52.6702, -0.7296);
    static final GeoPoint RUTLAND_WATER = new GeoPoint(52.6520, -0.6200);
    static final GeoPoint COUNTRYSIDE = new GeoPoint(52.6300, -0.6700); // between villages: rural

    final RoadNetwork net = TestMaps.rutland();
    final FleetState fleet = new FleetState(FleetOptions.defaults());
    final PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
    final Dispatcher dispatcher = Dispatcher.create(
            net, fleet, policies, UrbanAreas.loadDefault(), InstantSource.fixed(Instant.ofEpochMilli(NOW)));

    void unit(String id, UnitKind kind, StatusChange status, GeoPoint at, long ageMillis, String... caps) {
        var u = fleet.register(new UnitSpec(id, "CS-" + id, kind, Set.of(caps), 2, "Oakham"), status);
        if (at != null) {
            fleet.recordFix(
                    u.unitIndex(),
                    at.latDeg(),
                    at.lonDeg(),
                    NOW - ageMillis,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
    }

    static StatusChange st(UnitStatus s) {
        return StatusChange.of(s, NOW - 60_000);
    }

    List<String> ids(List<Candidate> cs) {
        List<String> out = new ArrayList<>();
        cs.forEach(c -> out.add(c.unitId()));
        return out;
    }

    @Test
    void statusesFollowTheGradeAndLowerGradeWorkMayBeDiverted() {
        unit("avail", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 1000);
        unit("offduty", UnitKind.CAR, st(UnitStatus.OFF_DUTY), NEAR_UPPINGHAM, 1000);
        unit("refresh", UnitKind.CAR, st(UnitStatus.REFRESHMENT), NEAR_UPPINGHAM, 1000);
        unit("busy-g3", UnitKind.CAR, new StatusChange(UnitStatus.COMMITTED, "3", NOW), NEAR_UPPINGHAM, 1000);
        unit("busy-g1", UnitKind.CAR, new StatusChange(UnitStatus.COMMITTED, "1", NOW), NEAR_UPPINGHAM, 1000);
        Recommendation g1 = dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "1", "", Set.of(), 10));
        assertEquals(Set.of("avail", "refresh", "busy-g3"), Set.copyOf(ids(g1.candidates())));
        assertEquals(Map.of(ExclusionReason.WRONG_STATUS, 2), g1.excluded(), "off duty and grade-1 work are left out");
        Candidate diverted = g1.candidates().stream()
                .filter(c -> c.unitId().equals("busy-g3"))
                .findFirst()
                .orElseThrow();
        assertEquals("3", diverted.divertedFromGrade());
        assertTrue(
                diverted.reasons().get(0).contains("diverted from a grade 3 task"),
                diverted.reasons().toString());
        assertEquals(120, diverted.mobilisationSeconds(), 1e-9, "a committed unit needs 2 min to disengage");
        Candidate refresh = g1.candidates().stream()
                .filter(c -> c.unitId().equals("refresh"))
                .findFirst()
                .orElseThrow();
        assertEquals(180, refresh.mobilisationSeconds(), 1e-9);
        assertEquals(TravelProfileName.CAR_EMERGENCY, refresh.profile().profileName());
        // grade 2: refreshment is not eligible, and driving is at normal speeds
        Recommendation g2 = dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "2", "", Set.of(), 10));
        assertEquals(Set.of("avail", "busy-g3"), Set.copyOf(ids(g2.candidates())));
        assertEquals("car", g2.candidates().get(0).profile().profileName());
        Candidate avail1 = g1.candidates().stream()
                .filter(c -> c.unitId().equals("avail"))
                .findFirst()
                .orElseThrow();
        Candidate avail2 = g2.candidates().stream()
                .filter(c -> c.unitId().equals("avail"))
                .findFirst()
                .orElseThrow();
        assertTrue(avail1.roadSeconds() < avail2.roadSeconds(), "blue lights are faster");
    }

    interface TravelProfileName {
        String CAR_EMERGENCY = "car_emergency";
    }

    @Test
    void capabilitiesPositionsAndStalenessExcludeOrWeigh() {
        unit("armed", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 1000, "armed_response");
        unit("plain", UnitKind.CAR, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 1000);
        unit("never", UnitKind.CAR, st(UnitStatus.AVAILABLE), null, 0, "armed_response");
        unit("ancient", UnitKind.CAR, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 45 * 60_000, "armed_response");
        unit("wet", UnitKind.CAR, st(UnitStatus.AVAILABLE), RUTLAND_WATER, 1000, "armed_response");
        Recommendation armed =
                dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "1", "", Set.of("armed_response"), 5));
        assertEquals(List.of("armed"), ids(armed.candidates()));
        assertEquals(
                Map.of(
                        ExclusionReason.MISSING_CAPABILITY,
                        1,
                        ExclusionReason.NO_POSITION,
                        1,
                        ExclusionReason.STALE_BEYOND_LIMIT,
                        1,
                        ExclusionReason.OFF_ROAD_NETWORK,
                        1),
                armed.excluded());
        BluelampException unknown = assertThrows(
                BluelampException.class,
                () -> dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "1", "", Set.of("telepathy"), 5)));
        assertEquals("requiredCapabilities", unknown.field());
    }

    @Test
    void aStalePositionRanksBehindAFreshOneAtTheSamePlace() {
        unit("fresh", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 5_000);
        unit("stale", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 10 * 60_000);
        Recommendation r = dispatcher.recommend(IncidentRequest.of("i", UPPINGHAM, "1"));
        assertEquals(List.of("fresh", "stale"), ids(r.candidates()));
        Candidate stale = r.candidates().get(1);
        assertTrue(stale.stale());
        assertEquals(600, stale.fixAgeSeconds(), 1);
        assertEquals(r.candidates().get(0).etaSeconds(), stale.etaSeconds(), 0.01, "the same ETA...");
        assertEquals(stale.etaSeconds() + 300, stale.rankingSeconds(), 0.01, "...ranked 30 s per minute of age later");
        assertTrue(
                stale.reasons().stream().anyMatch(s -> s.contains("stale")),
                stale.reasons().toString());
    }

    @Test
    void urbanAndRuralTargetsAndTheirVerdicts() {
        unit("oakham", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 1000);
        Recommendation urban = dispatcher.recommend(IncidentRequest.of("i", UPPINGHAM, "1"));
        assertTrue(urban.urban());
        assertEquals(900, urban.targetSeconds().getAsDouble());
        assertTrue(urban.candidates().get(0).meetsTarget(), urban.candidates().toString());
        Recommendation rural = dispatcher.recommend(IncidentRequest.of("i", COUNTRYSIDE, "1"));
        assertFalse(rural.urban());
        assertEquals(1200, rural.targetSeconds().getAsDouble());
        Recommendation g3 = dispatcher.recommend(IncidentRequest.of("i", COUNTRYSIDE, "3"));
        assertTrue(g3.targetSeconds().isEmpty());
        assertFalse(g3.candidates().get(0).meetsTarget(), "no target, nothing to meet");
    }

    @Test
    void aResponsePlanTheFleetCannotFulfilSaysWhatIsMissing() {
        unit("dog1", UnitKind.VAN, st(UnitStatus.AVAILABLE), OAKHAM, 1000, "dog");
        unit("armed1", UnitKind.CAR, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 1000, "armed_response");
        Recommendation r =
                dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "1", "armed_with_dog", Set.of(), 5));
        assertFalse(r.planFulfilled());
        assertEquals(List.of("1 x armed_response"), r.unmetRequirements());
        assertEquals(Set.of("dog1", "armed1"), Set.copyOf(ids(r.responsePlan())));
        BluelampException e = assertThrows(
                BluelampException.class,
                () -> dispatcher.recommend(new IncidentRequest("i", UPPINGHAM, "1", "alien_landing", Set.of(), 5)));
        assertEquals("incidentType", e.field());
        BluelampException g = assertThrows(
                BluelampException.class, () -> dispatcher.recommend(IncidentRequest.of("i", UPPINGHAM, "9")));
        assertEquals("grade", g.field());
        assertTrue(g.getMessage().contains("[1, 2, 3, 4]"), g.getMessage());
    }

    @Test
    void footAndCyclePatrolsTravelOnTheirOwnNetworks() {
        unit("foot", UnitKind.FOOT, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 1000);
        unit("bike", UnitKind.BICYCLE, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 1000);
        unit("car", UnitKind.CAR, st(UnitStatus.AVAILABLE), NEAR_UPPINGHAM, 1000);
        Recommendation r = dispatcher.recommend(IncidentRequest.of("i", UPPINGHAM, "1"));
        assertEquals(
                List.of("car", "bike", "foot"),
                ids(r.candidates()),
                r.candidates().toString());
        assertEquals(
                List.of("car_emergency", "bike", "foot"),
                r.candidates().stream().map(c -> c.profile().profileName()).toList());
    }

    @Test
    void anIncidentOffTheMapIsRefusedNamingTheLocation() {
        unit("car", UnitKind.CAR, st(UnitStatus.AVAILABLE), OAKHAM, 1000);
        BluelampException e = assertThrows(
                BluelampException.class,
                () -> dispatcher.recommend(IncidentRequest.of("i", new GeoPoint(51.5, -0.12), "1")));
        assertEquals("location", e.field());
        assertTrue(e.getMessage().contains("outside the area of this map"), e.getMessage());
    }

    @Test
    void concurrentQueriesWhileUnitsMoveNeverFail() throws Exception {
        FleetState big = RandomFleet.create(net, 500, 99, NOW, true);
        Dispatcher d = Dispatcher.create(
                net,
                big,
                PolicyBook.loadDefault(big.options().capabilities()),
                UrbanAreas.loadDefault(),
                InstantSource.fixed(Instant.ofEpochMilli(NOW)));
        List<GeoPoint> incidents = RandomFleet.incidents(net, 40, 5);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> mover = pool.submit(() -> {
                java.util.Random rnd = new java.util.Random(1);
                long t = NOW - 10_000;
                while (!stop.get()) {
                    GeoPoint p = RandomFleet.nearRandomNode(net, rnd);
                    big.recordFix(
                            rnd.nextInt(big.unitCount()),
                            p.latDeg(),
                            p.lonDeg(),
                            t++,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            FixReason.PERIODIC);
                }
            });
            List<Future<Integer>> askers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                askers.add(pool.submit(() -> {
                    int answered = 0;
                    for (GeoPoint p : incidents) {
                        try {
                            Recommendation r = d.recommend(IncidentRequest.of("i", p, "1"));
                            for (int i = 1; i < r.candidates().size(); i++) {
                                assertTrue(r.candidates().get(i).rankingSeconds()
                                        >= r.candidates().get(i - 1).rankingSeconds());
                            }
                            answered++;
                        } catch (BluelampException e) {
                            assertEquals("location", e.field());
                        }
                    }
                    return answered;
                }));
            }
            for (Future<Integer> f : askers) {
                assertTrue(f.get() > 30);
            }
            stop.set(true);
            mover.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void policyFilesAreCheckedWithTheirJsonPath(@TempDir Path tmp) throws Exception {
        var caps = fleet.options().capabilities();
        String good = new String(
                getClass().getResourceAsStream(PolicyBook.DEFAULT_RESOURCE).readAllBytes());
        Map<String, String> breakages = Map.of(
                good.replace("\"urbanTargetMinutes\": 15", "\"urbanTargetMinutes\": -15"),
                "grades[0].urbanTargetMinutes must be between",
                good.replace("\"carProfile\": \"car_emergency\"", "\"carProfile\": \"hovercraft\""),
                "grades[0].carProfile must be car or car_emergency",
                good.replace(
                        "\"eligibleStatuses\": [\"AVAILABLE\", \"AT_STATION\", \"REFRESHMENT\"]",
                        "\"eligibleStatuses\": [\"OFF_DUTY\"]"),
                "may not contain OFF_DUTY",
                good.replace(
                        "\"capabilities\": [\"armed_response\"], \"units\": 2",
                        "\"capabilities\": [\"jetpack\"], \"units\": 2"),
                "unknown capability 'jetpack'",
                good.replace("\"AT_SCENE\": 180", "\"SLEEPING\": 180"),
                "mobilisationSeconds.SLEEPING is not a unit status",
                "{\"name\": \"x\", \"grades\": []}",
                "grades must list at least one grade");
        int i = 0;
        for (var e : breakages.entrySet()) {
            Path f = Files.writeString(tmp.resolve("p" + i++ + ".json"), e.getKey());
            BluelampException ex = assertThrows(BluelampException.class, () -> PolicyBook.load(f, caps), e.getValue());
            assertTrue(ex.getMessage().contains(e.getValue()), ex.getMessage());
            assertTrue(ex.getMessage().contains(f.toString()), "names the file: " + ex.getMessage());
        }
        assertEquals(
                4,
                PolicyBook.load(Files.writeString(tmp.resolve("ok.json"), good), caps)
                        .grades()
                        .size());
    }

    @Test
    void urbanAreasComeFromOpenStreetMapBuiltUpLand() {
        UrbanAreas areas = UrbanAreas.loadDefault();
        assertTrue(areas.isUrban(OAKHAM));
        assertTrue(areas.isUrban(UPPINGHAM));
        assertTrue(areas.isUrban(new GeoPoint(43.7384, 7.4246)), "Monaco");
        assertFalse(areas.isUrban(COUNTRYSIDE));
        assertFalse(areas.isUrban(RUTLAND_WATER));
        assertFalse(UrbanAreas.none().isUrban(OAKHAM));
    }
}
