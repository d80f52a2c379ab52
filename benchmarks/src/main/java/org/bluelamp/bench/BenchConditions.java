package org.bluelamp.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionArea;
import org.bluelamp.conditions.CongestionProfile;
import org.bluelamp.conditions.InMemoryConditionsStore;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Road conditions for benchmarks, seeded and repeatable: random closures (circles of 100 to 400 m
 * and irregular polygons of 150 to 800 m around random junctions), random slowdowns, and the
 * shipped England congestion profile with the whole map urban (so that every road is slowed at a
 * peak hour, the heaviest case). {@link #PEAK} is a weekday evening peak.
 */
public final class BenchConditions {
    /** Tuesday 2026-11-24 17:30 in London: the weekday evening peak of the shipped profile. */
    public static final long PEAK =
            java.time.Instant.parse("2026-11-24T17:30:00Z").toEpochMilli();

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private BenchConditions() {}

    /** The network's bounding box as a polygon: everything urban. */
    public static Geometry wholeMap(RoadNetwork net) {
        GeoBounds b = net.bounds();
        return FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(b.minLonDeg() - 0.1, b.minLatDeg() - 0.1),
            new Coordinate(b.maxLonDeg() + 0.1, b.minLatDeg() - 0.1),
            new Coordinate(b.maxLonDeg() + 0.1, b.maxLatDeg() + 0.1),
            new Coordinate(b.minLonDeg() - 0.1, b.maxLatDeg() + 0.1),
            new Coordinate(b.minLonDeg() - 0.1, b.minLatDeg() - 0.1)
        });
    }

    /** The shipped congestion profile with the whole map urban, and {@code closures} random closures. */
    public static RoadConditions create(RoadNetwork net, int closures, int slowdowns, long seed) {
        RoadConditions rc = RoadConditions.create(
                net, CongestionProfile.loadDefault(), List.of(wholeMap(net)), new InMemoryConditionsStore());
        addRandom(net, rc, closures, slowdowns, seed);
        return rc;
    }

    /**
     * Adds {@code closures} random closures (circles of 100 to 400 m, irregular polygons of 150 to
     * 800 m, ids C0...) and {@code slowdowns} random area slowdowns (400 m to 2.5 km, speed factors
     * 0.3 to 0.9, ids S0...) around random junctions, for the car profiles.
     */
    public static void addRandom(RoadNetwork net, RoadConditions rc, int closures, int slowdowns, long seed) {
        Random rnd = new Random(seed);
        EnumSet<TravelProfile> cars = EnumSet.of(TravelProfile.CAR, TravelProfile.CAR_EMERGENCY);
        for (int i = 0; i < closures; i++) {
            GeoPoint c = net.nodePoint(rnd.nextInt(net.nodeCount()));
            Closure.Place place = rnd.nextBoolean()
                    ? Closure.Circle.of(c, 100 + rnd.nextDouble() * 300, "radius")
                    : new Closure.Area(star(c, rnd, 150, 800));
            rc.add(new Closure("C" + i, "bench", place, 0, Condition.NO_END, cars));
        }
        for (int i = 0; i < slowdowns; i++) {
            GeoPoint c = net.nodePoint(rnd.nextInt(net.nodeCount()));
            rc.add(new Slowdown(
                    "S" + i,
                    "bench",
                    new Slowdown.Area(star(c, rnd, 400, 2500)),
                    0.3 + rnd.nextDouble() * 0.6,
                    0,
                    Condition.NO_END,
                    cars));
        }
    }

    /** An irregular star-shaped polygon around a point. */
    public static ConditionArea star(GeoPoint c, Random rnd, double minMetres, double maxMetres) {
        int corners = 5 + rnd.nextInt(5);
        Coordinate[] ring = new Coordinate[corners + 1];
        double turn = rnd.nextDouble() * Math.PI;
        double perDegree = 6_371_008.8 * Math.PI / 180;
        for (int k = 0; k < corners; k++) {
            double a = turn + 2 * Math.PI * k / corners;
            double r = minMetres + rnd.nextDouble() * (maxMetres - minMetres);
            double dLat = r * Math.cos(a) / perDegree;
            double dLon = r * Math.sin(a) / (perDegree * Math.cos(Math.toRadians(c.latDeg())));
            ring[k] = new Coordinate(c.lonDeg() + dLon, c.latDeg() + dLat);
        }
        ring[corners] = ring[0];
        return new ConditionArea(FACTORY.createPolygon(ring));
    }
}
