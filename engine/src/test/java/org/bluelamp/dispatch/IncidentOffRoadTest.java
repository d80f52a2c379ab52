package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
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
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * An incident off the road network (out at sea off Monaco, in a field in Rutland) is never ranked
 * as if it were on the road: its own distance to the road is in the answer, each candidate's ETA
 * and target verdict include the access leg from the road to it at the unit's off-road speed, a
 * reason says so; beyond the snap limit from every road the incident is refused with its distance.
 */
class IncidentOffRoadTest {
    static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    static final GeoPoint CASINO = new GeoPoint(43.7384, 7.4246);
    /** About 420 m out at sea, east of the Casino (every profile's nearest road is about as far). */
    static final GeoPoint OFF_LARVOTTO = new GeoPoint(43.7384, 7.435795);
    /** Over 1 km out at sea, still inside the map's box. */
    static final GeoPoint FAR_OUT = new GeoPoint(43.7384, 7.4380);

    static final GeoPoint OAKHAM = new GeoPoint(52.6702, -0.7296);
    /** In a field between Rutland villages, about 340 m from any road. */
    static final GeoPoint FIELD = new GeoPoint(52.6300, -0.6700);

    static Dispatcher dispatcher(RoadNetwork net, FleetState fleet) {
        return Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.loadDefault(),
                InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    }

    static FleetState fleet(GeoPoint... carsAt) {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int i = 0; i < carsAt.length; i++) {
            UnitKind kind = i % 2 == 0 ? UnitKind.CAR : UnitKind.FOOT;
            var u = fleet.register(
                    new UnitSpec("U" + i, "CS" + i, kind, Set.of(), 2, "station"),
                    StatusChange.of(UnitStatus.AVAILABLE, NOW - 60_000));
            fleet.recordFix(
                    u.unitIndex(),
                    carsAt[i].latDeg(),
                    carsAt[i].lonDeg(),
                    NOW - 1_000,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        return fleet;
    }

    @Test
    void anIncidentOutAtSeaCarriesItsAccessLegInEveryEta() {
        RoadNetwork net = TestMaps.monacoNetwork();
        FleetState fleet = fleet(CASINO, CASINO);
        Dispatcher d = dispatcher(net, fleet);
        checkAccessLegs(net, d, OFF_LARVOTTO, 350, 480);
    }

    @Test
    void anIncidentInAFieldCarriesItsAccessLegInEveryEta() {
        RoadNetwork net = TestMaps.rutland();
        FleetState fleet = fleet(OAKHAM, OAKHAM);
        Dispatcher d = dispatcher(net, fleet);
        checkAccessLegs(net, d, FIELD, 250, 450);
    }

    private static void checkAccessLegs(RoadNetwork net, Dispatcher d, GeoPoint incident, double min, double max) {
        PolicyBook policies = d.policies();
        Recommendation rec = d.recommend(new IncidentRequest("sea", incident, "1", "", Set.of(), 5));
        double nearest = Double.MAX_VALUE;
        for (TravelProfile p :
                new TravelProfile[] {TravelProfile.CAR_EMERGENCY, TravelProfile.FOOT, TravelProfile.BIKE}) {
            nearest = Math.min(nearest, net.snap(p, "location", incident).distanceMetres());
        }
        assertEquals(nearest, rec.incidentOffRoadMetres(), 1e-6, "the incident's own distance to the road");
        assertTrue(nearest > min && nearest < max, "the incident is off the road: " + nearest + " m");
        assertEquals(2, rec.candidates().size(), rec.toString());
        for (Candidate c : rec.candidates()) {
            double offRoadSpeed = policies.offRoadMetresPerSecond(c.kind());
            double toRoad = net.snap(c.profile(), "location", incident).distanceMetres();
            assertEquals(Math.round(toRoad / offRoadSpeed * 1000) / 1000.0, c.accessSeconds(), 1e-9, c.unitId());
            assertTrue(c.accessSeconds() > 60, "hundreds of metres off road take minutes: " + c);
            assertEquals(
                    c.roadSeconds() + c.mobilisationSeconds() + c.offRoadSeconds() + c.accessSeconds(),
                    c.etaSeconds(),
                    1e-6,
                    "the access leg is part of the ETA: " + c);
            assertEquals(
                    rec.targetSeconds().isPresent()
                            && c.etaSeconds() <= rec.targetSeconds().getAsDouble(),
                    c.meetsTarget());
            assertTrue(
                    c.reasons().stream().anyMatch(r -> r.contains("from the road to the incident")),
                    c.reasons().toString());
            String distance =
                    String.format(java.util.Locale.ROOT, "the incident is %.0f m from the nearest road", toRoad);
            assertTrue(c.reasons().stream().anyMatch(r -> r.startsWith(distance)), distance + " in " + c.reasons());
            // the road part is still GraphHopper's own route between the snapped points
            Route oracle = net.route(c.profile(), positionOf(d, c.unitId()), incident);
            assertEquals(oracle.timeSeconds(), c.roadSeconds(), 1.0, c.unitId());
        }
    }

    private static GeoPoint positionOf(Dispatcher d, String unitId) {
        var s = d.fleet().getSnapshot(unitId);
        return new GeoPoint(s.latDeg(), s.lonDeg());
    }

    @Test
    void beyondTheSnapLimitFromEveryRoadTheIncidentIsRefusedWithItsDistance() {
        RoadNetwork net = TestMaps.monacoNetwork();
        Dispatcher d = dispatcher(net, fleet(CASINO));
        BluelampException e =
                assertThrows(BluelampException.class, () -> d.recommend(IncidentRequest.of("far", FAR_OUT, "1")));
        assertEquals("location", e.field());
        assertTrue(
                e.getMessage()
                        .matches(".* is \\d+ m from the nearest road usable by profile car_emergency; "
                                + "the maximum snap distance is 500 m"),
                e.getMessage());
        // refused even when no unit is eligible: the answer does not depend on the fleet
        Dispatcher empty = dispatcher(net, fleet());
        assertThrows(BluelampException.class, () -> empty.recommend(IncidentRequest.of("far", FAR_OUT, "1")));
        assertEquals(
                0,
                empty.recommend(IncidentRequest.of("sea", OFF_LARVOTTO, "1"))
                        .candidates()
                        .size());
    }

    @Test
    void anIncidentOnTheRoadHasNoAccessLeg() {
        RoadNetwork net = TestMaps.monacoNetwork();
        Dispatcher d = dispatcher(net, fleet(CASINO));
        GeoPoint onRoad =
                net.snap(TravelProfile.CAR_EMERGENCY, "location", OFF_LARVOTTO).snapped();
        Recommendation atRoad = d.recommend(IncidentRequest.of("road", onRoad, "1"));
        Recommendation atSea = d.recommend(IncidentRequest.of("sea", OFF_LARVOTTO, "1"));
        Candidate road = atRoad.candidates().get(0);
        Candidate sea = atSea.candidates().get(0);
        assertTrue(road.accessSeconds() < 1, road.toString());
        assertTrue(road.reasons().stream().noneMatch(r -> r.contains("from the road to the incident")));
        assertEquals(sea.accessSeconds(), sea.etaSeconds() - road.etaSeconds(), 1.5, "the sea adds its access leg");
    }
}
