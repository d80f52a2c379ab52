package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.Route;
import org.bluelamp.road.SnappedPoint;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ranking against brute force: for seeded random fleets and incidents on real extracts, every
 * returned unit's road time equals GraphHopper's own route time for the same profile and points
 * (within one second), and the top K equal the top K of routing every eligible unit with
 * GraphHopper and sorting (ETA = mobilisation + off-road leg + road time + the incident's access
 * leg from its road). The reference applies the policy rules independently of the product
 * code. Prints the seed on failure.
 */
class DispatcherExactnessTest {
    static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();

    @ParameterizedTest(name = "{0}, {1} units, seed {2}, buckets {3}")
    @CsvSource({
        "rutland, 120, 11, AUTO",
        "rutland, 40, 12, AUTO",
        "rutland, 300, 13, AUTO",
        "monaco, 60, 14, AUTO",
        "leeds, 50, 15, AUTO",
        "london, 30, 16, AUTO",
        "andorra, 80, 17, AUTO",
        "rutland, 2000, 18, AUTO",
        "monaco, 1500, 19, AUTO",
        "rutland, 120, 11, ALWAYS",
        "monaco, 60, 14, ALWAYS",
        "andorra, 80, 17, ALWAYS",
    })
    void topKEqualsBruteForceAndEveryEtaAgreesWithGraphHopper(
            String map, int units, long seed, Dispatcher.BucketUse bucketUse) {
        RoadNetwork net = TestMaps.network(
                switch (map) {
                    case "rutland" -> TestMaps.shared(TestMaps.RUTLAND);
                    case "monaco" -> TestMaps.monaco();
                    case "leeds" -> TestMaps.shared(TestMaps.LEEDS_CITY_CENTRE);
                    case "london" -> TestMaps.shared(TestMaps.LONDON_ST_GEORGES);
                    case "andorra" -> TestMaps.shared(TestMaps.ANDORRA);
                    default -> throw new IllegalArgumentException(map);
                });
        FleetState fleet = RandomFleet.create(net, units, seed, NOW, true);
        PolicyBook policies = PolicyBook.loadDefault(fleet.options().capabilities());
        Dispatcher dispatcher = Dispatcher.create(
                net, fleet, policies, UrbanAreas.loadDefault(), InstantSource.fixed(Instant.ofEpochMilli(NOW)));
        dispatcher.setBucketUse(bucketUse);
        int compared = 0;
        List<GeoPoint> incidents = RandomFleet.incidents(net, 8, seed * 31);
        for (int i = 0; i < incidents.size(); i++) {
            String grade = i % 3 == 0 ? "2" : "1";
            String type = i % 4 == 3 ? "firearms" : "";
            IncidentRequest req = new IncidentRequest("I" + i, incidents.get(i), grade, type, Set.of(), 5);
            Recommendation rec;
            try {
                rec = dispatcher.recommend(req);
            } catch (BluelampException e) {
                assertEquals("location", e.field(), "seed " + seed + ": " + e.getMessage());
                continue;
            }
            List<Ref> reference = bruteForce(net, fleet, policies, req);
            String ctx = "seed " + seed + ", incident " + i + " at " + req.location() + " grade " + grade;
            int k = Math.min(5, reference.size());
            assertEquals(k, rec.candidates().size(), ctx + ": candidates " + rec.candidates() + " vs " + reference);
            for (int r = 0; r < k; r++) {
                Candidate c = rec.candidates().get(r);
                Ref ref = reference.get(r);
                // the same ranking times; the same units except where two tie within a second
                assertEquals(ref.rankingSeconds, c.rankingSeconds(), 1.0, ctx + ", rank " + (r + 1));
                if (!ref.unitId.equals(c.unitId())) {
                    Ref same = reference.stream()
                            .filter(x -> x.unitId.equals(c.unitId()))
                            .findFirst()
                            .orElseThrow(() ->
                                    new AssertionError(ctx + ": " + c.unitId() + " is not eligible in the reference"));
                    assertEquals(
                            ref.rankingSeconds,
                            same.rankingSeconds,
                            1.0,
                            ctx + ": " + c.unitId() + " vs " + ref.unitId);
                }
                Ref own = reference.stream()
                        .filter(x -> x.unitId.equals(c.unitId()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(own.roadSeconds, c.roadSeconds(), 1.0, ctx + ": road time of " + c.unitId());
                assertEquals(own.etaSeconds, c.etaSeconds(), 1.0, ctx + ": ETA of " + c.unitId());
                assertEquals(
                        rec.targetSeconds().isPresent()
                                && c.etaSeconds() <= rec.targetSeconds().getAsDouble(),
                        c.meetsTarget());
                compared++;
            }
            // the response plan: the fastest armed units fill it
            if (!type.isEmpty()) {
                List<Ref> armed = reference.stream().filter(x -> x.armed).toList();
                assertEquals(Math.min(2, armed.size()), rec.responsePlan().size(), ctx + " plan " + rec.responsePlan());
                for (int r = 0; r < rec.responsePlan().size(); r++) {
                    assertEquals(
                            armed.get(r).rankingSeconds,
                            rec.responsePlan().get(r).rankingSeconds(),
                            1.0,
                            ctx + " plan");
                }
                assertEquals(armed.size() >= 2, rec.planFulfilled());
            }
            int excluded =
                    rec.excluded().values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(
                    fleet.unitCount(),
                    excluded
                            + rec.candidates().size()
                            + rec.responsePlan().stream()
                                    .filter(p -> rec.candidates().stream()
                                            .noneMatch(c -> c.unitId().equals(p.unitId())))
                                    .count(),
                    ctx + ": every unit is either listed or counted as excluded: " + rec.excluded());
        }
        assertTrue(compared >= 20, "seed " + seed + ": only " + compared + " candidates compared");
    }

    record Ref(String unitId, double roadSeconds, double etaSeconds, double rankingSeconds, boolean armed) {}

    /** Routes every eligible unit with GraphHopper and sorts: the naive method, written from the policy rules. */
    static List<Ref> bruteForce(RoadNetwork net, FleetState fleet, PolicyBook policies, IncidentRequest req) {
        GradePolicy grade = policies.getGrade(req.grade());
        List<Ref> out = new ArrayList<>();
        UnitReading r = new UnitReading();
        for (int i = 0; i < fleet.unitCount(); i++) {
            fleet.readUnit(i, r);
            UnitStatus st = r.status().status();
            boolean eligible = grade.eligibleStatuses().contains(st);
            if (!eligible
                    && grade.divertibleStatuses().contains(st)
                    && r.status().committedGrade() != null) {
                GradePolicy current =
                        policies.findGrade(r.status().committedGrade()).orElse(null);
                eligible = current != null && current.priority() > grade.priority();
            }
            if (!eligible || !r.hasFix() || NOW - r.positionTimeEpochMillis() > policies.maxFixAgeMillis()) {
                continue;
            }
            TravelProfile profile = Dispatcher.profileFor(r.kind(), grade);
            GeoPoint pos = new GeoPoint(r.latDeg(), r.lonDeg());
            Route route;
            SnappedPoint snapped;
            try {
                snapped = net.snap(profile, "unit", pos);
                route = net.route(profile, pos, req.location());
            } catch (BluelampException e) {
                continue;
            }
            double accuracy = Double.isNaN(r.accuracyMetres()) ? 0 : r.accuracyMetres();
            double offRoad = Math.round(Math.max(0, snapped.distanceMetres() - accuracy)
                            / policies.offRoadMetresPerSecond(r.kind())
                            * 1000)
                    / 1000.0;
            // the incident's access leg: from its road to it, at this unit's off-road speed
            double access =
                    Math.round(net.snap(profile, "incident", req.location()).distanceMetres()
                                    / policies.offRoadMetresPerSecond(r.kind())
                                    * 1000)
                            / 1000.0;
            double eta = route.timeSeconds() + policies.mobilisationMillis(st) / 1000.0 + offRoad + access;
            long age = NOW - r.positionTimeEpochMillis();
            double ranking = eta + policies.stalePenaltyMillis(age, r.isStale(NOW)) / 1000.0;
            boolean armed = r.unit().spec().capabilities().contains("armed_response");
            out.add(new Ref(r.unit().id(), route.timeSeconds(), eta, ranking, armed));
        }
        out.sort(Comparator.comparingDouble(Ref::rankingSeconds));
        return out;
    }
}
