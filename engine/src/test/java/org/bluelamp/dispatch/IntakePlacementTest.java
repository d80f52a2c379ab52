package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.Test;

/**
 * Placement at intake ({@link Dispatcher#setPlacementAtIntake}): two identical seeded fleets on
 * Rutland take the same fixes (near roads, and anywhere in the map's box, some of them too far from
 * any road to be placed) while two dispatchers rank the same incidents, one placing positions as
 * fixes arrive and one only when queries examine units: every answer is the same, queries after a
 * round of fixes snap nothing the intake placed, nothing is placed for a profile no query reads, and
 * turning it off stops it. Prints the seed on failure.
 */
class IntakePlacementTest {

    @Test
    void answersAreTheSameAndQueriesSnapNothingTheIntakePlaced() {
        long seed = 61;
        RoadNetwork net = DispatcherBucketsTest.network("rutland");
        FleetState plainFleet = RandomFleet.create(net, 60, seed, DispatcherBucketsTest.NOW, true);
        FleetState intakeFleet = RandomFleet.create(net, 60, seed, DispatcherBucketsTest.NOW, true);
        // the clock two minutes after the fleets' fixes, so that the new fixes (from NOW on) are newest
        Dispatcher plain = dispatcher(net, plainFleet);
        Dispatcher atIntake = dispatcher(net, intakeFleet);
        plain.setBucketUse(Dispatcher.BucketUse.NEVER);
        atIntake.setBucketUse(Dispatcher.BucketUse.NEVER);
        atIntake.setPlacementAtIntake(true);
        assertTrue(atIntake.placementAtIntake());
        List<GeoPoint> incidents = RandomFleet.incidents(net, 8, seed * 31);
        Random rnd = new Random(seed);
        GeoBounds box = net.bounds();
        long t = DispatcherBucketsTest.NOW;

        // no query has read any placement yet: fixes place nothing
        t = moveEveryUnit(plainFleet, intakeFleet, net, box, rnd, t);
        assertEquals(0, atIntake.intakeSnapCount(), "seed " + seed + ": placed for profiles no query reads");

        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < incidents.size(); i++) {
                IncidentRequest req =
                        new IncidentRequest("R" + round + "-" + i, incidents.get(i), "1", "", Set.of(), 5);
                String ctx = "seed " + seed + ", round " + round + ", incident " + i;
                long querySnaps = atIntake.snapCount() - atIntake.intakeSnapCount();
                String expected = DispatcherBucketsTest.strip(plain.recommend(req));
                assertEquals(expected, DispatcherBucketsTest.strip(atIntake.recommend(req)), ctx);
                if (round >= 2) {
                    // every profile was read in round 0, and every unit moved since: all placed at intake
                    assertEquals(
                            querySnaps,
                            atIntake.snapCount() - atIntake.intakeSnapCount(),
                            ctx + ": the query snapped a position the intake had placed");
                }
            }
            long before = atIntake.intakeSnapCount();
            t = moveEveryUnit(plainFleet, intakeFleet, net, box, rnd, t);
            assertTrue(atIntake.intakeSnapCount() - before >= intakeFleet.unitCount() / 2, "seed " + seed);
        }

        atIntake.setPlacementAtIntake(false);
        assertFalse(atIntake.placementAtIntake());
        long before = atIntake.intakeSnapCount();
        moveEveryUnit(plainFleet, intakeFleet, net, box, rnd, t);
        assertEquals(before, atIntake.intakeSnapCount(), "turned off");
        IncidentRequest req = new IncidentRequest("off", incidents.get(0), "1", "", Set.of(), 5);
        assertEquals(
                DispatcherBucketsTest.strip(plain.recommend(req)),
                DispatcherBucketsTest.strip(atIntake.recommend(req)));
    }

    private static Dispatcher dispatcher(RoadNetwork net, FleetState fleet) {
        return Dispatcher.create(
                net,
                fleet,
                PolicyBook.loadDefault(fleet.options().capabilities()),
                UrbanAreas.loadDefault(),
                InstantSource.fixed(Instant.ofEpochMilli(DispatcherBucketsTest.NOW + 120_000)));
    }

    /** The same new position for every unit of both fleets: near a road mostly, anywhere in the box sometimes. */
    private static long moveEveryUnit(FleetState a, FleetState b, RoadNetwork net, GeoBounds box, Random rnd, long t) {
        for (int u = 0; u < a.unitCount(); u++) {
            GeoPoint at = rnd.nextInt(5) == 0
                    ? new GeoPoint(
                            box.minLatDeg() + rnd.nextDouble() * (box.maxLatDeg() - box.minLatDeg()),
                            box.minLonDeg() + rnd.nextDouble() * (box.maxLonDeg() - box.minLonDeg()))
                    : RandomFleet.nearRandomNode(net, rnd);
            t++;
            a.recordFix(u, at.latDeg(), at.lonDeg(), t, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
            b.recordFix(u, at.latDeg(), at.lonDeg(), t, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        return t;
    }
}
