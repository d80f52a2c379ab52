package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/** The load tool's {@code --spread roads} points on a real map (Rutland): on the roads, in the box, hops stay near. */
class RoadPointsTest {
    // central Rutland: Oakham and the country around it
    private static final double SOUTH = 52.62;
    private static final double WEST = -0.80;
    private static final double NORTH = 52.72;
    private static final double EAST = -0.65;

    @Test
    void pointsLieOnCarRoadsInsideTheBoxAndHopsStayNear() {
        RoadNetwork net = TestMaps.rutland();
        RoadPoints points = new RoadPoints(net, SOUTH, WEST, NORTH, EAST, 4_000, 150, 42);
        assertEquals(4_000, points.size());
        SplittableRandom random = new SplittableRandom(1);
        double[] onRoad = new double[500];
        double[] uniform = new double[500];
        for (int i = 0; i < onRoad.length; i++) {
            int p = points.any(random);
            double lat = points.latDeg(p);
            double lon = points.lonDeg(p);
            assertTrue(lat >= SOUTH && lat <= NORTH && lon >= WEST && lon <= EAST, lat + "," + lon);
            onRoad[i] =
                    net.place(TravelProfile.CAR, "unit", new GeoPoint(lat, lon)).snapDistanceMetres();
            GeoPoint anywhere = new GeoPoint(
                    SOUTH + random.nextDouble() * (NORTH - SOUTH), WEST + random.nextDouble() * (EAST - WEST));
            try {
                uniform[i] = net.place(TravelProfile.CAR, "unit", anywhere).snapDistanceMetres();
            } catch (BluelampException e) {
                uniform[i] = Double.MAX_VALUE; // further than the snap limit from any car road
            }
            int q = points.near(lat, lon, random);
            assertTrue(q >= 0, "a point always has itself near");
            double hop = new GeoPoint(lat, lon).distanceMetresTo(new GeoPoint(points.latDeg(q), points.lonDeg(q)));
            assertTrue(hop <= 2 * 150 * Math.sqrt(2) + 1, "hop of " + hop + " m");
        }
        Arrays.sort(onRoad);
        Arrays.sort(uniform);
        // on the straight line between an edge's junctions: on the road where the edge is straight
        assertTrue(onRoad[onRoad.length / 2] < 1, "median distance to a car road " + onRoad[onRoad.length / 2]);
        assertTrue(onRoad[onRoad.length * 9 / 10] < 30, "90th percentile " + onRoad[onRoad.length * 9 / 10]);
        assertTrue(
                uniform[uniform.length / 2] > 20 * Math.max(0.5, onRoad[onRoad.length / 2]),
                "uniform points are further from roads: median " + uniform[uniform.length / 2]);
    }

    @Test
    void aBoxWithoutRoadsIsRefusedNamingTheBox() {
        BluelampException e = assertThrows(
                BluelampException.class,
                () -> new RoadPoints(TestMaps.rutland(), 10.0, 10.0, 10.1, 10.1, 100, 150, 42));
        assertTrue(e.getMessage().contains("--box"), e.getMessage());
    }
}
