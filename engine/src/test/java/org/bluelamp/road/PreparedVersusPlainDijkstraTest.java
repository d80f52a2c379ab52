package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random point pairs: the prepared (contraction hierarchy) travel time must equal the time
 * of a plain, unprepared Dijkstra search on the same profile. Prints the seed on failure.
 */
class PreparedVersusPlainDijkstraTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "rutland, car, 20221",
        "rutland, car_emergency, 20222",
        "rutland, foot, 20223",
        "rutland, bike, 20224",
        "monaco, car, 20211",
        "monaco, foot, 20212",
        "andorra, car_emergency, 20131",
    })
    void preparedTimesEqualPlainDijkstra(String map, String profileName, long seed) {
        RoadNetwork net = switch (map) {
            case "rutland" -> TestMaps.rutland();
            case "monaco" -> TestMaps.monacoNetwork();
            case "andorra" -> TestMaps.network(TestMaps.shared(TestMaps.ANDORRA));
            default -> throw new IllegalArgumentException(map);
        };
        TravelProfile profile = TravelProfile.find(profileName).orElseThrow();
        Random rnd = new Random(seed);
        int compared = 0;
        for (int attempt = 0; attempt < 400 && compared < 60; attempt++) {
            // points near the road network (a random junction, moved up to about 150 m), so that
            // rural and mountain extracts are sampled where people are, not in empty hills
            GeoPoint a = nearRandomNode(net, rnd);
            GeoPoint b = nearRandomNode(net, rnd);
            Route prepared;
            try {
                prepared = net.route(profile, a, b);
            } catch (BluelampException e) {
                assertTrue(
                        e.kind() == ErrorKind.INVALID_ARGUMENT || e.kind() == ErrorKind.NO_ROUTE,
                        "seed " + seed + ": " + e);
                continue; // off the road network or disconnected: both searches agree below
            }
            Route plain = net.routeUnprepared(profile, a, b);
            assertEquals(
                    plain.timeMillis(),
                    prepared.timeMillis(),
                    1,
                    () -> "seed " + seed + ", " + profile + " " + a + " -> " + b);
            assertEquals(
                    plain.distanceMetres(),
                    prepared.distanceMetres(),
                    1.0,
                    () -> "seed " + seed + ", " + profile + " " + a + " -> " + b);
            compared++;
        }
        assertTrue(compared >= 40, "seed " + seed + ": only " + compared + " routable pairs");
    }

    static GeoPoint nearRandomNode(RoadNetwork net, Random rnd) {
        var na = net.graphHopper().getBaseGraph().getNodeAccess();
        int node = rnd.nextInt(net.graphHopper().getBaseGraph().getNodes());
        return new GeoPoint(
                na.getLat(node) + (rnd.nextDouble() - 0.5) * 0.0027,
                na.getLon(node) + (rnd.nextDouble() - 0.5) * 0.004);
    }
}
