package org.bluelamp.conditions;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitReading;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * The documented rules of closures in ranking, on the real Rutland network: an incident on a
 * closed road is reached at the nearest open point (and the answer says so, with times that agree
 * with GraphHopper's route to that point); a request's own closures rank exactly as the same
 * closures in force; the cost a reason gives is the difference against the time without them; a
 * road between two points closes the edges of its route.
 */
class ClosureRulesTest {
    static final long NOW = ConditionsExactnessTest.NOW;
    static final Set<TravelProfile> CARS = EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY);

    private static Dispatcher dispatcher(RoadNetwork net, FleetState fleet, RoadConditions rc) {
        return Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(NOW)),
                rc);
    }

    @Test
    void anIncidentOnAClosedRoadIsReachedAtTheNearestOpenPoint() {
        RoadNetwork net = TestMaps.rutland();
        GeoPoint oakham = new GeoPoint(52.6702, -0.7296);
        RoadConditions rc = RoadConditions.none(net);
        rc.add(new Closure("C12", "flood", Closure.Circle.of(oakham, 150, "r"), 0, Condition.NO_END, CARS));
        FleetState fleet = RandomFleet.create(net, 60, 3, NOW, false);
        Recommendation rec = dispatcher(net, fleet, rc).recommend(IncidentRequest.of("I", oakham, "1"));
        assertEquals(1, rec.conditionNotes().size(), rec.conditionNotes().toString());
        assertTrue(
                rec.conditionNotes().get(0).contains("closed by C12 (flood)"),
                rec.conditionNotes().toString());
        EdgeConditions ec = rc.at(TravelProfile.CAR_EMERGENCY, NOW);
        EdgePlacement open = net.place(TravelProfile.CAR_EMERGENCY, "at", oakham, ec.closedEdges());
        assertFalse(ec.isClosed(open.edgeId()));
        String model = GraphHopperConditions.model(rc, TravelProfile.CAR_EMERGENCY, NOW);
        UnitReading r = new UnitReading();
        assertFalse(rec.candidates().isEmpty());
        for (Candidate c : rec.candidates()) {
            fleet.readUnit(fleet.getUnit(c.unitId()).unitIndex(), r);
            GeoPoint pos = new GeoPoint(r.latDeg(), r.lonDeg());
            double gh = GraphHopperConditions.routeSeconds(net, c.profile(), pos, open.snapped(), model);
            assertEquals(gh, c.roadSeconds(), 1.0, c.unitId());
            assertEquals(open.snapDistanceMetres() / 1.4, c.accessSeconds(), 60, c.unitId() + " walks further");
            assertTrue(
                    c.reasons().stream().noneMatch(x -> x.contains("road conditions: +") && !x.contains("nearest")),
                    c.reasons().toString());
        }
        assertTrue(
                rec.conditionsInForce().stream().anyMatch(x -> x.contains("C12")),
                rec.conditionsInForce().toString());
    }

    @Test
    void aRequestsOwnClosuresRankAsTheSameClosuresInForce() {
        RoadNetwork net = TestMaps.rutland();
        Random rnd = new Random(77);
        FleetState fleet = RandomFleet.create(net, 80, 4, NOW, false);
        RoadConditions none = RoadConditions.none(net);
        RoadConditions inForce = RoadConditions.none(net);
        List<GeoPoint> incidents = RandomFleet.incidents(net, 6, 99);
        int changed = 0;
        for (int i = 0; i < incidents.size(); i++) {
            GeoPoint at = incidents.get(i);
            Recommendation plain = dispatcher(net, fleet, none).recommend(IncidentRequest.of("I", at, "1"));
            if (plain.candidates().isEmpty()) {
                continue;
            }
            // close a disc on the fastest unit's route, a third of the way from the incident
            GeoPoint mid = pointOnRoute(plain.candidates().get(0).encodedPolyline(), 0.66);
            Closure w = new Closure("W" + i, "what if", Closure.Circle.of(mid, 60, "r"), 0, Condition.NO_END, CARS);
            if (ConditionsExactnessTest.onClosedRoad(net, withOne(net, w), TravelProfile.CAR_EMERGENCY, at)) {
                continue;
            }
            IncidentRequest whatIf = new IncidentRequest("I", at, "1", "", Set.of(), 5, List.of(w));
            Recommendation asked = dispatcher(net, fleet, none).recommend(whatIf);
            inForce.add(w);
            Recommendation forced = dispatcher(net, fleet, inForce).recommend(IncidentRequest.of("I", at, "1"));
            inForce.remove(w.id(), "id");
            assertEquals(forced.candidates().size(), asked.candidates().size());
            for (int k = 0; k < asked.candidates().size(); k++) {
                assertEquals(
                        forced.candidates().get(k).etaSeconds(),
                        asked.candidates().get(k).etaSeconds(),
                        1e-9);
            }
            Candidate first = plain.candidates().get(0);
            Candidate again = asked.candidates().stream()
                    .filter(c -> c.unitId().equals(first.unitId()))
                    .findFirst()
                    .orElse(null);
            if (again != null && again.etaSeconds() - first.etaSeconds() >= 1) {
                changed++;
                String wid = w.id();
                String reason = again.reasons().stream()
                        .filter(x -> x.startsWith("avoids closure " + wid))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(again.reasons().toString()));
                assertTrue(reason.contains("(this request)"), reason);
                assertEquals(again.etaSeconds() - first.etaSeconds(), seconds(reason), 1.0, reason);
            }
        }
        assertTrue(changed >= 1, "no what-if closure changed the fastest unit's time");
    }

    @Test
    void aRoadBetweenTwoPointsClosesTheEdgesOfItsRoute() {
        RoadNetwork net = TestMaps.rutland();
        RoadConditions rc = RoadConditions.none(net);
        GeoPoint a = new GeoPoint(52.6702, -0.7296);
        GeoPoint b = new GeoPoint(52.6550, -0.7200);
        RoadConditions.Entry e =
                rc.add(new Closure("R1", "resurfacing", new Closure.Road(a, b), 0, Condition.NO_END, CARS));
        EdgePlacement from = net.place(TravelProfile.CAR, "a", a);
        EdgePlacement to = net.place(TravelProfile.CAR, "b", b);
        assertTrue(e.touches(from.edgeId()) && e.touches(to.edgeId()));
        ManyToOneSearch plain = new ManyToOneSearch(net.travelTimeGraph(TravelProfile.CAR));
        plain.start(to);
        int s = plain.addSource(from, 0);
        plain.run((x, y) -> true, Integer.MAX_VALUE);
        for (int edge : plain.path(s).edges()) {
            assertTrue(e.touches(edge), "edge " + edge + " of the route is closed");
        }
        assertEquals(plain.path(s).edges().length + 2, e.edgeCount(), 1);
    }

    private static RoadConditions withOne(RoadNetwork net, Closure c) {
        RoadConditions rc = RoadConditions.none(net);
        rc.add(c);
        return rc;
    }

    /** The point a fraction of the way along an encoded polyline's points. */
    static GeoPoint pointOnRoute(String polyline, double fraction) {
        List<double[]> pts = new java.util.ArrayList<>();
        int index = 0;
        int lat = 0;
        int lon = 0;
        while (index < polyline.length()) {
            int[] res = new int[2];
            for (int k = 0; k < 2; k++) {
                int shift = 0;
                int result = 0;
                int b;
                do {
                    b = polyline.charAt(index++) - 63;
                    result |= (b & 0x1f) << shift;
                    shift += 5;
                } while (b >= 0x20);
                res[k] = (result & 1) != 0 ? ~(result >> 1) : (result >> 1);
            }
            lat += res[0];
            lon += res[1];
            pts.add(new double[] {lat / 1e5, lon / 1e5});
        }
        double[] p = pts.get(Math.min(pts.size() - 1, (int) (pts.size() * fraction)));
        return new GeoPoint(p[0], p[1]);
    }

    /** Seconds in a reason's "+2 min 5 s". */
    static double seconds(String reason) {
        String d = reason.substring(reason.lastIndexOf('+') + 1)
                .replaceAll("\\(.*", "")
                .trim();
        double total = 0;
        String[] parts = d.split(" ");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            double v = Double.parseDouble(parts[i]);
            total += switch (parts[i + 1]) {
                case "h" -> v * 3600;
                case "min" -> v * 60;
                default -> v;
            };
        }
        return total;
    }
}
