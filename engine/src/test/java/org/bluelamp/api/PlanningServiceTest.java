package org.bluelamp.api;

import static org.bluelamp.api.RutlandPlanningService.CONSOLE_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.PLANNER_TOKEN;
import static org.bluelamp.api.RutlandPlanningService.STATIONS;
import static org.bluelamp.api.RutlandPlanningService.STATION_IDS;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.*;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageMatrix;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.RoadConditions;
import org.bluelamp.coverage.Scenario;
import org.bluelamp.coverage.ScenarioChange;
import org.bluelamp.coverage.Station;
import org.bluelamp.coverage.UnitPlacement;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.CloseStation;
import org.bluelamp.proto.v1.CoverageComparison;
import org.bluelamp.proto.v1.EvaluateCoverageRequest;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.MoveUnit;
import org.bluelamp.proto.v1.PlaceUnitsRequest;
import org.bluelamp.proto.v1.PlannedStation;
import org.bluelamp.proto.v1.PlanningGrpc;
import org.bluelamp.proto.v1.ScenarioChange.Builder;
import org.bluelamp.tracking.FixIntake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dispatch.v1.Planning} over gRPC on the real Rutland extract: the answer of
 * {@code EvaluateCoverage} (a baseline at Rutland's stations and what-ifs: a station closing, a unit
 * moving, one removed, the busy fraction changing) and of {@code PlaceUnits} equal the library's own
 * for the same deployment ({@link CoveragePlanner}, mapped by {@link PlanningMapping}), apart from
 * the time the computation took; bad input is refused naming the contract's field and echoing the
 * value; oversized requests are refused; the console role may not call it.
 */
class PlanningServiceTest {
    private static final Metadata.Key<String> FIELD =
            Metadata.Key.of(Rpc.FIELD_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    private static RutlandPlanningService rutland;
    private static BluelampService service;
    private static ManagedChannel channel;
    private static CoveragePlanner planner;
    private static FleetState fleet;
    private static FixIntake intake;

    @BeforeAll
    static void start() {
        rutland = RutlandPlanningService.builder()
                .demand(12, 300, true)
                .rutlandBeats()
                .options(o -> o.withThreads(2, 1)
                        .withLimits(64 * 1024, 100)
                        .withDrainTimeout(java.time.Duration.ofSeconds(5)))
                .start();
        service = rutland.service;
        channel = rutland.channel;
        planner = rutland.planner;
        fleet = rutland.fleet;
        intake = rutland.intake;
    }

    @AfterAll
    static void stop() throws Exception {
        if (rutland != null) {
            rutland.close();
        }
    }

    private static PlanningGrpc.PlanningBlockingStub planning(String token) {
        return as(PlanningGrpc.newBlockingStub(channel), token).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static LatLon at(double lat, double lon) {
        return LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon).build();
    }

    private static EvaluateCoverageRequest request() {
        org.bluelamp.proto.v1.Deployment.Builder d =
                org.bluelamp.proto.v1.Deployment.newBuilder().setBusyFraction(0.3);
        for (int i = 0; i < STATIONS.length; i++) {
            d.addStations(
                    PlannedStation.newBuilder().setId(STATION_IDS[i]).setPosition(at(STATIONS[i][0], STATIONS[i][1])));
        }
        d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder().setId("RR11").setStation("OAKHAM"));
        d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder().setId("RR12").setStation("OAKHAM"));
        d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder().setId("RR21").setStation("UPPINGHAM"));
        d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder()
                .setId("RR31")
                .setKind(org.bluelamp.proto.v1.UnitKind.UNIT_KIND_CAR)
                .setStatus(org.bluelamp.proto.v1.UnitStatus.UNIT_STATUS_AVAILABLE)
                .setPosition(at(52.71294, -0.65958)));
        d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder()
                .setId("FT1")
                .setKind(org.bluelamp.proto.v1.UnitKind.UNIT_KIND_FOOT)
                .setStation("COTTESMORE"));
        return EvaluateCoverageRequest.newBuilder()
                .setName("Rutland night")
                .setGrade("1")
                .setBaseline(d)
                .addScenarios(org.bluelamp.proto.v1.Scenario.newBuilder()
                        .setName("Uppingham closes")
                        .addChanges(change().setCloseStation(CloseStation.newBuilder()
                                .setStationId("UPPINGHAM")
                                .setMoveUnitsTo("KETTON"))))
                .addScenarios(org.bluelamp.proto.v1.Scenario.newBuilder()
                        .setName("one car less, busier")
                        .addChanges(change().setRemoveUnit("RR12"))
                        .addChanges(change().setMoveUnit(
                                        MoveUnit.newBuilder().setUnitId("RR31").setToPosition(at(52.62772, -0.55216))))
                        .addChanges(change().setBusyFraction(0.5)))
                .build();
    }

    private static Builder change() {
        return org.bluelamp.proto.v1.ScenarioChange.newBuilder();
    }

    /** The same request as engine values, written by hand (not through the mapping under test). */
    private static Deployment libraryBaseline() {
        Map<String, Station> stations = new LinkedHashMap<>();
        for (int i = 0; i < STATIONS.length; i++) {
            stations.put(
                    STATION_IDS[i],
                    new Station(STATION_IDS[i], STATION_IDS[i], new GeoPoint(STATIONS[i][0], STATIONS[i][1])));
        }
        List<PlannedUnit> units = new ArrayList<>();
        units.add(atStation("RR11", UnitKind.CAR, stations.get("OAKHAM")));
        units.add(atStation("RR12", UnitKind.CAR, stations.get("OAKHAM")));
        units.add(atStation("RR21", UnitKind.CAR, stations.get("UPPINGHAM")));
        units.add(PlannedUnit.at("RR31", UnitKind.CAR, UnitStatus.AVAILABLE, new GeoPoint(52.71294, -0.65958)));
        units.add(atStation("FT1", UnitKind.FOOT, stations.get("COTTESMORE")));
        return new Deployment(units, stations, OptionalDouble.of(0.3));
    }

    private static PlannedUnit atStation(String id, UnitKind kind, Station s) {
        return new PlannedUnit(id, kind, UnitStatus.AT_STATION, s.position(), s.id(), Double.NaN);
    }

    private static List<Scenario> libraryScenarios() {
        return List.of(
                new Scenario(
                        "Uppingham closes",
                        List.of(new ScenarioChange.CloseStation("c", "UPPINGHAM", "KETTON")),
                        RoadConditions.NONE,
                        List.of()),
                new Scenario(
                        "one car less, busier",
                        List.of(
                                new ScenarioChange.RemoveUnit("r", "RR12"),
                                new ScenarioChange.MoveUnit("m", "RR31", "", new GeoPoint(52.62772, -0.55216)),
                                new ScenarioChange.BusyFraction("b", 0.5)),
                        RoadConditions.NONE,
                        List.of()));
    }

    /** The answer without the time each report took (the only part that differs between runs). */
    private static CoverageComparison withoutTimes(CoverageComparison c) {
        CoverageComparison.Builder b = c.toBuilder();
        b.getBaselineBuilder().clearComputeMillis();
        for (var s : b.getScenariosBuilderList()) {
            s.getReportBuilder().clearComputeMillis();
        }
        return b.build();
    }

    @Test
    void evaluateCoverageOverGrpcEqualsTheLibrarysReport() {
        CoverageComparison served = planning(PLANNER_TOKEN).evaluateCoverage(request());
        CoverageComparison library =
                PlanningMapping.toProto(planner.evaluate("Rutland night", "1", libraryBaseline(), libraryScenarios()));
        assertEquals(withoutTimes(library), withoutTimes(served));
        // and the answer says something: units counted, beats reported, what-ifs differ from the baseline
        assertEquals(5, served.getBaseline().getUnitsCount());
        assertTrue(served.getBaseline().getUnitsList().stream().allMatch(u -> u.getCounted()), served.toString());
        assertTrue(served.getBaseline().getBeatsCount() > 0);
        double base = served.getBaseline().getDemand().getShareWithinTarget();
        assertTrue(base > 0.05 && base <= 1, "baseline share " + base);
        assertEquals(2, served.getScenariosCount());
        // moving RR31 to Ketton: the what-if differs from the baseline, beat by beat too
        assertNotEquals(0, served.getScenarios(1).getDemandShareChange());
        assertEquals(
                served.getBaseline().getBeatsCount(), served.getScenarios(1).getBeatsCount());
        assertEquals(0.5, served.getScenarios(1).getReport().getDemand().getBusyFraction());
    }

    @Test
    void placeUnitsOverGrpcEqualsTheLibrarysPlacement() {
        PlaceUnitsRequest.Builder r =
                PlaceUnitsRequest.newBuilder().setUnits(2).setKeep(request().getBaseline());
        List<CandidateSite> sites = new ArrayList<>();
        for (int i = 0; i < STATIONS.length; i++) {
            r.addCandidates(
                    PlannedStation.newBuilder().setId(STATION_IDS[i]).setPosition(at(STATIONS[i][0], STATIONS[i][1])));
            sites.add(new CandidateSite(STATION_IDS[i], STATION_IDS[i], new GeoPoint(STATIONS[i][0], STATIONS[i][1])));
        }
        org.bluelamp.proto.v1.UnitPlacement served = planning(PLANNER_TOKEN).placeUnits(r.build());
        CoveragePlanner.Placement p = planner.place("1", 2, sites, Double.NaN, UnitStatus.AVAILABLE, libraryBaseline());
        org.bluelamp.proto.v1.UnitPlacement library =
                PlanningMapping.toProto(p.result(), p.candidates(), p.computeMillis());
        assertEquals(
                library.toBuilder().clearComputeMillis().build(),
                served.toBuilder().clearComputeMillis().build());
        assertEquals(2, served.getUnitsCount());
        assertEquals("coverage", served.getObjective());
        assertTrue(served.getShareAfter() >= served.getShareBefore());
        assertEquals(UnitPlacement.Objective.COVERAGE, p.result().objective());
        assertTrue(CoverageMatrix.junctions(planner.area()).size() > 100, "Rutland has junctions to place at");
    }

    private static StatusRuntimeException refused(Status.Code code, EvaluateCoverageRequest r, String token) {
        StatusRuntimeException e =
                assertThrows(StatusRuntimeException.class, () -> planning(token).evaluateCoverage(r));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e;
    }

    private static void refusedNaming(EvaluateCoverageRequest r, String field, String echoed) {
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, r, PLANNER_TOKEN);
        assertEquals(field, e.getTrailers().get(FIELD), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(field), e.getStatus().getDescription());
        assertTrue(
                e.getStatus().getDescription().contains(echoed), e.getStatus().getDescription());
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndValue() {
        EvaluateCoverageRequest ok = request();
        refusedNaming(ok.toBuilder().setGrade("9z").build(), "grade", "9z");
        var badQ = ok.toBuilder();
        badQ.getBaselineBuilder().setBusyFraction(1.5);
        refusedNaming(badQ.build(), "baseline.busy_fraction", "1.5");
        var badLat = ok.toBuilder();
        badLat.getBaselineBuilder().getUnitsBuilder(3).setPosition(at(91.5, -0.6));
        refusedNaming(badLat.build(), "baseline.units[3].position.lat_deg", "91.5");
        var badStation = ok.toBuilder();
        badStation.getBaselineBuilder().getUnitsBuilder(0).setStation("NOWHERE");
        refusedNaming(badStation.build(), "baseline.units[0].station", "NOWHERE");
        var badMove = ok.toBuilder();
        badMove.getScenariosBuilder(1)
                .addChanges(change().setMoveUnit(
                                MoveUnit.newBuilder().setUnitId("RR12").setToStation("KETTON")));
        refusedNaming(badMove.build(), "scenarios[1].changes[3].move_unit.unit_id", "RR12");
        var badClose = ok.toBuilder();
        badClose.getScenariosBuilder(0)
                .addChanges(change().setCloseStation(CloseStation.newBuilder().setStationId("UPPINGHAM")));
        refusedNaming(badClose.build(), "scenarios[0].changes[1].close_station.station_id", "UPPINGHAM");
        refusedNaming(ok.toBuilder().clearBaseline().build(), "baseline.units", "baseline.units");
        // a grade without an attendance target: checked by the evaluator, still naming the field
        StatusRuntimeException e = refused(
                Status.Code.INVALID_ARGUMENT, ok.toBuilder().setGrade("4").build(), PLANNER_TOKEN);
        assertEquals("grade", e.getTrailers().get(FIELD), e.getStatus().toString());
        var badPlace = PlaceUnitsRequest.newBuilder().setUnits(51);
        StatusRuntimeException p = assertThrows(
                StatusRuntimeException.class, () -> planning(PLANNER_TOKEN).placeUnits(badPlace.build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, p.getStatus().getCode());
        assertEquals("units", p.getTrailers().get(FIELD));
    }

    private static final String OAKHAM_CENTRE = "{\"type\":\"Polygon\",\"coordinates\":[[[-0.7330,52.6668],"
            + "[-0.7215,52.6668],[-0.7215,52.6718],[-0.7330,52.6718],[-0.7330,52.6668]]]}";

    @Test
    void roadWhatIfsCloseAndSlowRoadsAndBadOnesAreRefusedNamingTheField() {
        EvaluateCoverageRequest.Builder r = request().toBuilder().clearScenarios();
        r.addScenariosBuilder()
                .setName("Oakham centre closed to cars")
                .addChanges(change().setCloseRoads(org.bluelamp.proto.v1.RoadClosure.newBuilder()
                        .setReason("carnival")
                        .setAreaGeojson(OAKHAM_CENTRE)
                        .addProfiles("car")
                        .addProfiles("car_emergency")));
        r.addScenariosBuilder()
                .setName("Rutland crawls")
                .addChanges(change().setSlowRoads(org.bluelamp.proto.v1.RoadSlowdown.newBuilder()
                        .setSpeedFactor(0.5)
                        .setRoadClasses(org.bluelamp.proto.v1.RoadClasses.newBuilder()
                                .addClasses("primary")
                                .addClasses("secondary")
                                .addClasses("tertiary"))));
        CoverageComparison served = planning(PLANNER_TOKEN).evaluateCoverage(r.build());
        assertEquals(2, served.getScenariosCount());
        for (var o : served.getScenariosList()) {
            assertEquals(1, o.getRoadChangesCount(), o.toString());
            assertTrue(o.getRoadShareChange() <= 1e-12, o.getRoadChangesList() + ": " + o.getRoadShareChange());
            assertTrue(o.getDemandShareChange() <= 1e-12, o.getRoadChangesList() + ": " + o.getDemandShareChange());
        }
        assertTrue(
                served.getScenarios(0).getRoadShareChange() < 0,
                served.getScenarios(0).toString());
        assertTrue(
                served.getScenarios(1).getRoadShareChange() < 0,
                served.getScenarios(1).toString());
        assertTrue(
                served.getScenarios(0).getRoadChanges(0).contains("carnival"),
                served.getScenarios(0).toString());

        var badArea = r.clone();
        badArea.getScenariosBuilder(0)
                .addChanges(change().setCloseRoads(org.bluelamp.proto.v1.RoadClosure.newBuilder()
                        .setAreaGeojson("{\"type\":\"Polygon\"}")));
        refusedNaming(badArea.build(), "scenarios[0].changes[1].close_roads.area_geojson", "is empty");
        var badFactor = r.clone();
        badFactor
                .getScenariosBuilder(1)
                .getChangesBuilder(0)
                .getSlowRoadsBuilder()
                .setSpeedFactor(2);
        refusedNaming(badFactor.build(), "scenarios[1].changes[0].slow_roads.speed_factor", "2");
        var badProfile = r.clone();
        badProfile
                .getScenariosBuilder(0)
                .getChangesBuilder(0)
                .getCloseRoadsBuilder()
                .addProfiles("hovercraft");
        refusedNaming(badProfile.build(), "scenarios[0].changes[0].close_roads.profiles[2]", "hovercraft");
        var wholeMap = r.clone();
        wholeMap.getScenariosBuilder(0)
                .getChangesBuilder(0)
                .getCloseRoadsBuilder()
                .setAreaGeojson("{\"type\":\"Polygon\",\"coordinates\":[[[-2,51],[1,51],[1,54],[-2,54],[-2,51]]]}");
        refusedNaming(wholeMap.build(), "scenarios[0].changes[0].close_roads.area_geojson", "whole map");
    }

    @Test
    void oversizedRequestsAreRefused() {
        var many = request().toBuilder();
        for (int i = 0; i < PlanningRequests.MAX_SCENARIOS; i++) {
            many.addScenarios(org.bluelamp.proto.v1.Scenario.newBuilder().setName("s" + i));
        }
        refusedNaming(many.build(), "scenarios", String.valueOf(PlanningRequests.MAX_SCENARIOS));
        // beyond the service's message size limit (64 KiB here): refused before it is parsed
        var huge = request().toBuilder();
        for (int i = 0; i < 3_000; i++) {
            huge.getBaselineBuilder()
                    .addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder()
                            .setId("X" + i)
                            .setPosition(at(52.65, -0.7)));
        }
        refused(Status.Code.INVALID_ARGUMENT, huge.build(), PLANNER_TOKEN);
    }

    /**
     * GetLiveCoverage for consoles: the live fleet (three cars with fresh positions, one stale one
     * that must not count) has the coverage the library gives the same units as a planned
     * deployment; once a car is sent (EN_ROUTE) (after the one-second interval) it no longer counts and
     * coverage does not rise; with include_gaps the answer carries the gaps as a GeoJSON
     * MultiLineString of the same length as gaps_km (same evaluation); planners may not read it.
     */
    @Test
    void liveCoverageFollowsTheFleet() throws Exception {
        long now = System.currentTimeMillis();
        String[] ids = {"L1", "L2", "L3"};
        for (int i = 0; i < ids.length; i++) {
            fleet.register(
                    new UnitSpec(ids[i], "C" + i, UnitKind.CAR, Set.of(), 2, ""),
                    StatusChange.of(UnitStatus.AVAILABLE, now));
            intake.apply(
                    ids[i], STATIONS[i][0], STATIONS[i][1], now - 1_000, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        fleet.register(
                new UnitSpec("OLD", "C9", UnitKind.CAR, Set.of(), 2, ""), StatusChange.of(UnitStatus.AVAILABLE, now));
        intake.apply(
                "OLD", STATIONS[3][0], STATIONS[3][1], now - 3_600_000, 5, Double.NaN, Double.NaN, FixReason.PERIODIC);
        var console = as(PlanningGrpc.newBlockingStub(channel), CONSOLE_TOKEN).withDeadlineAfter(60, TimeUnit.SECONDS);
        org.bluelamp.proto.v1.LiveCoverage live =
                console.getLiveCoverage(org.bluelamp.proto.v1.LiveCoverageRequest.getDefaultInstance());
        List<PlannedUnit> same = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            same.add(new PlannedUnit(
                    ids[i], UnitKind.CAR, UnitStatus.AVAILABLE, new GeoPoint(STATIONS[i][0], STATIONS[i][1]), "", 5));
        }
        var library = planner.evaluateOne("same", "1", new Deployment(same, Map.of(), OptionalDouble.empty()));
        assertEquals(3, live.getUnitsCounted(), live.toString());
        assertEquals("1", live.getGrade());
        assertEquals(PlanningMapping.round(library.demand().share(), 5), live.getDemandShareWithinTarget());
        assertEquals(PlanningMapping.round(library.road().share(), 5), live.getRoadShareWithinTarget());
        assertTrue(live.getDemandShareWithinTarget() > 0);
        for (var u : live.getUnitsList()) {
            assertEquals(
                    PlanningMapping.round(live.getDemandShareWithinTarget() - u.getOnlyUnitShare(), 5),
                    u.getShareWithout(),
                    1e-4);
        }
        for (int i = 1; i < live.getUnitsCount(); i++) {
            assertTrue(
                    live.getUnits(i - 1).getOnlyUnitShare() >= live.getUnits(i).getOnlyUnitShare());
        }

        // Recommend with include_coverage_impact: each candidate carries the coverage left without it,
        // as the library computes it for the same units; without the flag, nothing
        var dispatch = as(org.bluelamp.proto.v1.DispatchGrpc.newBlockingStub(channel), CONSOLE_TOKEN)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        org.bluelamp.proto.v1.RecommendRequest.Builder ask = org.bluelamp.proto.v1.RecommendRequest.newBuilder()
                .setIncident(org.bluelamp.proto.v1.Incident.newBuilder()
                        .setLocation(at(52.6600, -0.7000))
                        .setGrade("1"))
                .setMaxCandidates(3);
        long before = System.currentTimeMillis();
        org.bluelamp.proto.v1.RecommendResponse rec =
                dispatch.recommend(ask.setIncludeCoverageImpact(true).build());
        assertTrue(rec.hasLiveCoverage(), rec.toString());
        assertEquals("1", rec.getLiveCoverage().getGrade());
        assertEquals(3, rec.getLiveCoverage().getUnitsCounted());
        assertEquals(
                PlanningMapping.round(library.demand().share(), 5),
                rec.getLiveCoverage().getDemandShareWithinTarget());
        assertTrue(rec.getLiveCoverage().getComputedAtEpochMillis() <= System.currentTimeMillis());
        assertTrue(rec.getLiveCoverage().getComputedAtEpochMillis()
                >= before - ServiceState.LIVE_INTERVAL_MILLIS - 60_000);
        assertTrue(rec.getLiveCoverage().getAgeSeconds() >= 0);
        int withImpact = 0;
        for (var c : rec.getCandidatesList()) {
            if (!List.of(ids).contains(c.getUnitId())) {
                continue;
            }
            var u = library.units().stream()
                    .filter(x -> x.id().equals(c.getUnitId()))
                    .findFirst()
                    .orElseThrow();
            double only = u.onlyUnitWeight() / library.demand().totalWeight();
            assertTrue(c.hasCoverageIfSent(), c.toString());
            assertTrue(c.getCoverageIfSent().getCounted());
            assertEquals(PlanningMapping.round(only, 5), c.getCoverageIfSent().getOnlyUnitShare(), 1e-9);
            assertEquals(
                    PlanningMapping.round(library.demand().share() - only, 5),
                    c.getCoverageIfSent().getShareWithout(),
                    1e-9);
            withImpact++;
        }
        assertEquals(3, withImpact, rec.toString());
        org.bluelamp.proto.v1.RecommendResponse plain =
                dispatch.recommend(ask.setIncludeCoverageImpact(false).build());
        assertFalse(plain.hasLiveCoverage());
        assertTrue(plain.getCandidatesList().stream().noneMatch(c -> c.hasCoverageIfSent()));

        fleet.setStatus("L1", UnitStatus.EN_ROUTE, "1", System.currentTimeMillis());
        Thread.sleep(ServiceState.LIVE_INTERVAL_MILLIS + 100);
        org.bluelamp.proto.v1.LiveCoverage after =
                console.getLiveCoverage(org.bluelamp.proto.v1.LiveCoverageRequest.getDefaultInstance());
        assertEquals(2, after.getUnitsCounted(), after.toString());
        assertTrue(after.getComputedAtEpochMillis() > live.getComputedAtEpochMillis());
        assertTrue(after.getDemandShareWithinTarget() <= live.getDemandShareWithinTarget());
        assertTrue(after.getUnitsList().stream().noneMatch(u -> u.getUnitId().equals("L1")));

        org.bluelamp.proto.v1.LiveCoverage withGaps =
                console.getLiveCoverage(org.bluelamp.proto.v1.LiveCoverageRequest.newBuilder()
                        .setIncludeGaps(true)
                        .build());
        var geo = new com.fasterxml.jackson.databind.ObjectMapper().readTree(withGaps.getGapsGeojson());
        var gapFeature = geo.get("features").get(0);
        assertEquals("MultiLineString", gapFeature.get("geometry").get("type").asText());
        assertTrue(gapFeature.get("geometry").get("coordinates").size() > 0);
        assertEquals(
                withGaps.getGapsKm(), gapFeature.get("properties").get("gapsKm").asDouble(), 0.0015);
        assertEquals(
                withGaps.getComputedAtEpochMillis(),
                gapFeature.get("properties").get("computedAtEpochMillis").asLong());
        assertTrue(after.getGapsGeojson().isEmpty(), "no geometry unless asked for");
        StatusRuntimeException notConsole = assertThrows(
                StatusRuntimeException.class,
                () -> planning(PLANNER_TOKEN)
                        .getLiveCoverage(org.bluelamp.proto.v1.LiveCoverageRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, notConsole.getStatus().getCode());
    }

    /** The answer without bands (what include_bands adds). */
    private static CoverageComparison withoutBands(CoverageComparison c) {
        CoverageComparison.Builder b = c.toBuilder();
        b.getBaselineBuilder().clearBandsGeojson();
        for (var s : b.getScenariosBuilderList()) {
            s.getReportBuilder().clearBandsGeojson();
        }
        return b.build();
    }

    @Test
    void bandsComeWithEachReportWhenAskedAndChangeNothingElse() throws Exception {
        CoverageComparison plain = planning(PLANNER_TOKEN).evaluateCoverage(request());
        CoverageComparison banded = planning(PLANNER_TOKEN)
                .evaluateCoverage(request().toBuilder().setIncludeBands(true).build());
        assertEquals("", plain.getBaseline().getBandsGeojson(), "no bands unless asked");
        assertEquals(withoutTimes(plain), withoutTimes(withoutBands(banded)));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<org.bluelamp.proto.v1.CoverageReport> reports = new ArrayList<>();
        reports.add(banded.getBaseline());
        banded.getScenariosList().forEach(o -> reports.add(o.getReport()));
        List<String> geo = new ArrayList<>();
        for (org.bluelamp.proto.v1.CoverageReport r : reports) {
            var features = json.readTree(r.getBandsGeojson()).get("features");
            assertEquals(r.getBandNamesCount(), features.size(), r.getName());
            for (int b = 0; b < features.size(); b++) {
                var p = features.get(b).get("properties");
                assertEquals(r.getBandNames(b), p.get("band").asText());
                assertEquals(r.getRoad().getBandKm(b), p.get("roadKm").asDouble(), 0.0006, r.getName() + " band " + b);
            }
            geo.add(r.getBandsGeojson());
        }
        // moving RR31 and removing RR12 changes the bands on the map, not only the figures
        assertNotEquals(geo.get(0), geo.get(2));
    }

    @Test
    void plannersReadTheBaselineAndConsolesMayNot() {
        org.bluelamp.proto.v1.PlanningBaseline b = planning(PLANNER_TOKEN)
                .getPlanningBaseline(org.bluelamp.proto.v1.PlanningBaselineRequest.getDefaultInstance());
        Deployment live = org.bluelamp.coverage.LiveCoverage.deployment(fleet, b.getReadAtEpochMillis());
        assertEquals(
                live.units().stream().map(PlannedUnit::id).sorted().toList(),
                b.getDeployment().getUnitsList().stream()
                        .map(org.bluelamp.proto.v1.PlannedUnit::getId)
                        .sorted()
                        .toList());
        assertEquals(0, b.getDeployment().getStationsCount(), "this service has no --stations");
        assertEquals(fleet.unitCount() - live.units().size(), b.getUnitsWithoutPosition());
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class,
                () -> planning(CONSOLE_TOKEN)
                        .getPlanningBaseline(org.bluelamp.proto.v1.PlanningBaselineRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void consolesMayNotPlan() {
        refused(Status.Code.PERMISSION_DENIED, request(), CONSOLE_TOKEN);
    }
}
