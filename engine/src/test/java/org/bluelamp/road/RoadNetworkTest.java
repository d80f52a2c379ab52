package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import and routing on real extracts: known journeys, the ordering of profiles, snapping limits
 * and the graph cache.
 */
class RoadNetworkTest {
    // Town centres: Oakham market place and Uppingham market place, Rutland.
    static final GeoPoint OAKHAM = new GeoPoint(52.6702, -0.7296);
    static final GeoPoint UPPINGHAM = new GeoPoint(52.5870, -0.7245);
    // Monaco: Place du Casino (Monte-Carlo) and Place du Palais (Monaco-Ville).
    static final GeoPoint MONTE_CARLO_CASINO = new GeoPoint(43.7393, 7.4278);
    static final GeoPoint PRINCES_PALACE = new GeoPoint(43.7311, 7.4197);

    @Test
    void oakhamToUppinghamByCarTakesAboutTenMinutesOverAboutTenKilometres() {
        Route r = TestMaps.rutland().route(TravelProfile.CAR, OAKHAM, UPPINGHAM);
        // The road between the two market places is the A6003, about 6.5 miles (10.5 km); the
        // straight line is 9.3 km. Tolerance: 9.5-12 km. The A6003 is a national-speed-limit
        // (60 mph) road with 30 mph through the towns and villages; GraphHopper's car model
        // drives at about 90% of the limit, so 8-14 minutes bounds every plausible mix.
        double straight = OAKHAM.distanceMetresTo(UPPINGHAM);
        assertEquals(9260, straight, 100, "straight-line distance");
        assertTrue(r.distanceMetres() > 9_500 && r.distanceMetres() < 12_000, "road distance " + r.distanceMetres());
        assertTrue(r.timeSeconds() > 8 * 60 && r.timeSeconds() < 14 * 60, "car time " + r.timeSeconds());
        double avgKmh = r.distanceMetres() / r.timeSeconds() * 3.6;
        assertTrue(avgKmh > 45 && avgKmh < 90, "average speed " + avgKmh);
        assertTrue(r.latsDeg().length > 10, "route has a geometry");
        assertEquals(OAKHAM.latDeg(), r.latsDeg()[0], 0.005);
        assertEquals(UPPINGHAM.latDeg(), r.latsDeg()[r.latsDeg().length - 1], 0.005);
    }

    @Test
    void footIsSlowerThanBikeIsSlowerThanCarIsSlowerThanEmergencyOnTheSameJourney() {
        RoadNetwork net = TestMaps.rutland();
        double car = net.route(TravelProfile.CAR, OAKHAM, UPPINGHAM).timeSeconds();
        double emergency =
                net.route(TravelProfile.CAR_EMERGENCY, OAKHAM, UPPINGHAM).timeSeconds();
        double bike = net.route(TravelProfile.BIKE, OAKHAM, UPPINGHAM).timeSeconds();
        double foot = net.route(TravelProfile.FOOT, OAKHAM, UPPINGHAM).timeSeconds();
        assertTrue(emergency < car, "emergency " + emergency + " vs car " + car);
        // blue lights save time but not absurdly: between 5% and 30% on an A-road journey
        assertTrue(emergency > 0.7 * car && emergency < 0.95 * car, "emergency " + emergency + " vs car " + car);
        assertTrue(car < bike && bike < foot, "car " + car + " bike " + bike + " foot " + foot);
        // walking 10 km at GraphHopper's 5 km/h takes about two hours
        assertEquals(2.0, foot / 3600, 0.3, "foot hours");
    }

    @Test
    void monacoCasinoToPalaceOnTheEmbeddedMap() {
        RoadNetwork net = TestMaps.monacoNetwork();
        Route car = net.route(TravelProfile.CAR, MONTE_CARLO_CASINO, PRINCES_PALACE);
        Route foot = net.route(TravelProfile.FOOT, MONTE_CARLO_CASINO, PRINCES_PALACE);
        // 1.4 km apart in a straight line across the harbour; by road round Port Hercule 2-4 km,
        // a few minutes by car in town traffic speeds; on foot 20-40 minutes.
        assertTrue(
                car.distanceMetres() > 1_500 && car.distanceMetres() < 4_500, "car distance " + car.distanceMetres());
        assertTrue(car.timeSeconds() > 120 && car.timeSeconds() < 600, "car time " + car.timeSeconds());
        assertTrue(foot.timeSeconds() > 15 * 60 && foot.timeSeconds() < 45 * 60, "foot time " + foot.timeSeconds());
        assertTrue(foot.timeSeconds() > car.timeSeconds());
    }

    @Test
    void aPointBeyondTheMaximumSnapDistanceIsRefusedNamingThePointAndTheDistance() {
        // On Rutland Water, 535 m from the nearest car road (measured on this extract).
        GeoPoint onTheWater = new GeoPoint(52.6520, -0.6200);
        Path extract = TestMaps.rutland().loadReport().extract();
        try (RoadNetwork strict = RoadNetwork.open(
                extract, RoadNetworkOptions.defaults(TestMaps.cacheRoot()).withMaxSnapDistanceMetres(300))) {
            BluelampException e =
                    assertThrows(BluelampException.class, () -> strict.route(TravelProfile.CAR, onTheWater, UPPINGHAM));
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
            assertEquals("from", e.field());
            assertEquals(
                    "from 52.652,-0.62 is 535 m from the nearest road usable by profile car; "
                            + "the maximum snap distance is 300 m",
                    e.getMessage());
            BluelampException to =
                    assertThrows(BluelampException.class, () -> strict.route(TravelProfile.CAR, UPPINGHAM, onTheWater));
            assertEquals("to", to.field());
        }
        // the default limit (500 m) refuses it too; a wider one snaps it
        assertThrows(BluelampException.class, () -> TestMaps.rutland().snap(TravelProfile.CAR, "p", onTheWater));
        try (RoadNetwork wide = RoadNetwork.open(
                extract, RoadNetworkOptions.defaults(TestMaps.cacheRoot()).withMaxSnapDistanceMetres(1_000))) {
            assertEquals(535, wide.snap(TravelProfile.CAR, "p", onTheWater).distanceMetres(), 1);
        }
        // far outside the extract: refused without a distance
        BluelampException far = assertThrows(
                BluelampException.class,
                () -> TestMaps.rutland().snap(TravelProfile.CAR, "incident", new GeoPoint(51.5, -0.12)));
        assertEquals("incident", far.field());
    }

    @Test
    void snappingUsesOnlyRoadsTheProfileMayUseOnTheMainNetwork() {
        RoadNetwork net = TestMaps.rutland();
        var bounds = net.graphHopper().getBaseGraph().getBounds();
        java.util.Random rnd = new java.util.Random(7);
        for (TravelProfile p : TravelProfile.values()) {
            var weighting = net.weighting(p);
            var subnetwork = net.graphHopper()
                    .getEncodingManager()
                    .getBooleanEncodedValue(com.graphhopper.routing.ev.Subnetwork.key(p.profileName()));
            int snapped = 0;
            for (int i = 0; i < 300; i++) {
                GeoPoint q = new GeoPoint(
                        bounds.minLat + rnd.nextDouble() * (bounds.maxLat - bounds.minLat),
                        bounds.minLon + rnd.nextDouble() * (bounds.maxLon - bounds.minLon));
                SnappedPoint sp;
                try {
                    sp = net.snap(p, "p", q);
                } catch (BluelampException e) {
                    continue;
                }
                snapped++;
                var edge = net.graphHopper().getBaseGraph().getEdgeIteratorState(sp.edgeId(), sp.adjNode());
                boolean usable = Double.isFinite(weighting.calcEdgeWeight(edge, false))
                        || Double.isFinite(weighting.calcEdgeWeight(edge, true));
                assertTrue(usable, p + ": snapped to an edge it may not use: " + sp);
                assertFalse(edge.get(subnetwork), p + ": snapped onto an island: " + sp);
                assertTrue(sp.distanceMetres() <= 500);
            }
            assertTrue(snapped > 100, p + " snapped only " + snapped);
        }
    }

    @Test
    void theCacheIsReusedAndRebuiltWhenTheProfilesChange(@TempDir Path tmp) throws Exception {
        Path extract = TestMaps.shared(TestMaps.LEEDS_ITS);
        RoadNetworkOptions all = RoadNetworkOptions.defaults(tmp);
        LoadReport first;
        try (RoadNetwork net = RoadNetwork.open(extract, all)) {
            first = net.loadReport();
        }
        assertTrue(first.imported());
        assertTrue(first.importMillis() > 0);
        assertEquals(
                TestMaps.sharedMapDir().resolve(TestMaps.LEEDS_ITS),
                first.extract().toAbsolutePath().normalize());
        try (RoadNetwork net = RoadNetwork.open(extract, all)) {
            assertFalse(net.loadReport().imported(), "unchanged extract and profiles reuse the cache");
            assertEquals(first.cacheDir(), net.loadReport().cacheDir());
        }
        RoadNetworkOptions carOnly = new RoadNetworkOptions(tmp, 500, EnumSet.of(TravelProfile.CAR));
        try (RoadNetwork net = RoadNetwork.open(extract, carOnly)) {
            assertTrue(net.loadReport().imported(), "another profile set builds another cache");
            assertNotEquals(first.cacheDir(), net.loadReport().cacheDir());
        }
        // a changed extract (same name, other content) gets a new cache too
        Path copy = tmp.resolve("copy").resolve(TestMaps.LEEDS_ITS);
        Files.createDirectories(copy.getParent());
        Files.copy(TestMaps.shared(TestMaps.ANDORRA), copy);
        try (RoadNetwork net = RoadNetwork.open(copy, all)) {
            assertTrue(net.loadReport().imported());
            assertNotEquals(first.cacheDir(), net.loadReport().cacheDir());
        }
        try (var s = Files.list(tmp)) {
            assertTrue(
                    s.noneMatch(p -> p.getFileName().toString().contains(".importing-")), "no temporary folders left");
        }
    }

    @Test
    void osmXmlExtractsImportToo() {
        RoadNetwork net = TestMaps.network(TestMaps.shared(TestMaps.LEEDS_CITY_CENTRE));
        assertTrue(net.loadReport().nodes() > 400, "nodes " + net.loadReport().nodes());
        var b = net.graphHopper().getBaseGraph().getBounds();
        assertEquals(53.80, (b.minLat + b.maxLat) / 2, 0.05, "it is Leeds");
        // across the middle of the extract on foot: at least the straight line, at most three times it
        GeoPoint west = new GeoPoint((b.minLat + b.maxLat) / 2, b.minLon + 0.3 * (b.maxLon - b.minLon));
        GeoPoint east = new GeoPoint((b.minLat + b.maxLat) / 2, b.minLon + 0.7 * (b.maxLon - b.minLon));
        Route r = net.route(TravelProfile.FOOT, west, east);
        double straight = west.distanceMetresTo(east);
        assertTrue(
                r.distanceMetres() > straight - 2 * 50 && r.distanceMetres() < 3 * straight,
                "distance " + r.distanceMetres() + " vs straight " + straight);
    }

    @Test
    void missingOrWrongExtractsAreClearErrors(@TempDir Path tmp) throws Exception {
        RoadNetworkOptions o = RoadNetworkOptions.defaults(tmp);
        BluelampException missing =
                assertThrows(BluelampException.class, () -> RoadNetwork.open(tmp.resolve("nowhere.osm.pbf"), o));
        assertEquals("map", missing.field());
        assertTrue(missing.getMessage().contains("does not exist"));
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertTrue(assertThrows(BluelampException.class, () -> RoadNetwork.open(txt, o))
                .getMessage()
                .contains(".osm.pbf"));
        Path garbage = Files.writeString(tmp.resolve("garbage.osm.pbf"), "this is not protobuf");
        BluelampException bad = assertThrows(BluelampException.class, () -> RoadNetwork.open(garbage, o));
        assertEquals(ErrorKind.UNAVAILABLE, bad.kind());
        try (var s = Files.list(tmp)) {
            assertTrue(
                    s.noneMatch(p -> p.getFileName().toString().contains(".importing-")), "failed import cleaned up");
        }
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(
                BluelampException.class,
                () -> RoadNetworkOptions.defaults(Path.of("x")).withMaxSnapDistanceMetres(-1));
        assertThrows(
                BluelampException.class,
                () -> RoadNetworkOptions.defaults(Path.of("x")).withMaxSnapDistanceMetres(Double.NaN));
        assertThrows(
                BluelampException.class,
                () -> new RoadNetworkOptions(Path.of("x"), 10, EnumSet.noneOf(TravelProfile.class)));
    }
}
