package org.bluelamp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;

/**
 * Seeded random fleets on a real road network, for tests and benchmarks: units of every kind
 * with a realistic mix of statuses and capabilities, placed near random road junctions, with
 * positions of varied age (a few stale, a few beyond any policy's limit, a few never reported).
 */
public final class RandomFleet {
    private RandomFleet() {}

    /** A random point within about 100 m of a random junction of the network. */
    public static GeoPoint nearRandomNode(RoadNetwork net, Random rnd) {
        GeoPoint node = net.nodePoint(rnd.nextInt(net.nodeCount()));
        double lat = node.latDeg() + (rnd.nextDouble() - 0.5) * 0.0018;
        double lon = node.lonDeg() + (rnd.nextDouble() - 0.5) * 0.0027;
        return new GeoPoint(Math.max(-90, Math.min(90, lat)), lon);
    }

    /**
     * A fleet of {@code units} units.
     *
     * @param nowEpochMillis the time the fixes are relative to
     * @param mixed true for a realistic mix of kinds, statuses, capabilities and fix ages; false
     *     for available cars with fresh fixes only (benchmarks of the search itself)
     */
    public static FleetState create(RoadNetwork net, int units, long seed, long nowEpochMillis, boolean mixed) {
        Random rnd = new Random(seed);
        FleetState fleet = new FleetState(FleetOptions.defaults());
        List<String> caps =
                List.of("armed_response", "dog", "roads_policing", "public_order", "advanced_driver", "first_aid");
        for (int i = 0; i < units; i++) {
            UnitKind kind = UnitKind.CAR;
            Set<String> unitCaps = new TreeSet<>();
            StatusChange status = StatusChange.of(UnitStatus.AVAILABLE, nowEpochMillis - 3_600_000);
            if (mixed) {
                double k = rnd.nextDouble();
                kind = k < 0.55
                        ? UnitKind.CAR
                        : k < 0.65
                                ? UnitKind.VAN
                                : k < 0.7 ? UnitKind.MOTORCYCLE : k < 0.88 ? UnitKind.FOOT : UnitKind.BICYCLE;
                for (String c : caps) {
                    if (rnd.nextDouble() < 0.15) {
                        unitCaps.add(c);
                    }
                }
                double s = rnd.nextDouble();
                long t = nowEpochMillis - 600_000;
                status = s < 0.5
                        ? StatusChange.of(UnitStatus.AVAILABLE, t)
                        : s < 0.6
                                ? StatusChange.of(UnitStatus.AT_STATION, t)
                                : s < 0.65
                                        ? StatusChange.of(UnitStatus.REFRESHMENT, t)
                                        : s < 0.75
                                                ? new StatusChange(
                                                        UnitStatus.COMMITTED, rnd.nextBoolean() ? "3" : "1", t)
                                                : s < 0.82
                                                        ? new StatusChange(
                                                                UnitStatus.EN_ROUTE, rnd.nextBoolean() ? "2" : "1", t)
                                                        : s < 0.88
                                                                ? new StatusChange(UnitStatus.AT_SCENE, "2", t)
                                                                : StatusChange.of(UnitStatus.OFF_DUTY, t);
            }
            var unit = fleet.register(
                    new UnitSpec("U" + i, "CS" + i, kind, unitCaps, 1 + rnd.nextInt(2), "station"), status);
            double f = mixed ? rnd.nextDouble() : 1;
            if (mixed && f < 0.03) {
                continue; // never reported
            }
            GeoPoint p = nearRandomNode(net, rnd);
            long age = !mixed || f > 0.15
                    ? rnd.nextInt(20_000) // fresh
                    : f > 0.07
                            ? 400_000 + rnd.nextInt(600_000) // stale
                            : 40 * 60_000; // beyond the policy's limit
            double accuracy = rnd.nextDouble() < 0.5 ? Double.NaN : 5 + rnd.nextInt(30);
            fleet.recordFix(
                    unit.unitIndex(),
                    p.latDeg(),
                    p.lonDeg(),
                    nowEpochMillis - age,
                    accuracy,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        return fleet;
    }

    /** Random incident locations near the network's junctions. */
    public static List<GeoPoint> incidents(RoadNetwork net, int count, long seed) {
        Random rnd = new Random(seed);
        List<GeoPoint> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(nearRandomNode(net, rnd));
        }
        return out;
    }
}
