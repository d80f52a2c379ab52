package org.bluelamp.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadClass;
import org.bluelamp.road.TravelProfile;
import org.junit.jupiter.api.Test;

/** Conditions as a store keeps them: read back exactly, every kind of place and scope. */
class ConditionFieldsTest {
    @Test
    void everyKindOfConditionReadsBackExactly() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            double lat = 52.5 + r.nextDouble() * 0.3;
            double lon = -0.8 + r.nextDouble() * 0.3;
            // an irregular 7-gon with coordinates that need all 64 bits
            StringBuilder ring = new StringBuilder("[");
            double[][] pts = new double[7][];
            for (int k = 0; k < 7; k++) {
                double a = 2 * Math.PI * k / 7;
                double rad = 0.005 + r.nextDouble() * 0.01;
                pts[k] = new double[] {lon + rad * Math.cos(a), lat + rad * Math.sin(a)};
                ring.append('[').append(pts[k][0]).append(',').append(pts[k][1]).append("],");
            }
            ring.append('[').append(pts[0][0]).append(',').append(pts[0][1]).append("]]");
            ConditionArea area = ConditionArea.parse("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}", "a");
            long start = r.nextBoolean() ? 0 : 1_700_000_000_000L + r.nextInt(1_000_000);
            long end = r.nextBoolean() ? Condition.NO_END : start + 1 + r.nextInt(10_000_000);
            EnumSet<TravelProfile> profiles = EnumSet.of(TravelProfile.values()[r.nextInt(4)]);
            Condition c = switch (i % 5) {
                case 0 -> new Closure("A" + i, "flood", new Closure.Area(area), start, end, profiles);
                case 1 ->
                    new Closure(
                            "C" + i,
                            "",
                            Closure.Circle.of(new GeoPoint(lat, lon), 1 + r.nextDouble() * 5000, "r"),
                            start,
                            end,
                            profiles);
                case 2 ->
                    new Closure(
                            "R" + i,
                            "bridge, \"shut\"",
                            new Closure.Road(new GeoPoint(lat, lon), new GeoPoint(lat + 0.001, lon - 0.002)),
                            start,
                            end,
                            EnumSet.allOf(TravelProfile.class));
                case 3 ->
                    new Slowdown(
                            "S" + i,
                            "fair",
                            new Slowdown.Area(area),
                            0.05 + r.nextDouble() * 0.95,
                            start,
                            end,
                            profiles);
                default ->
                    new Slowdown(
                            "K" + i,
                            "rush",
                            new Slowdown.RoadClasses(EnumSet.of(RoadClass.PRIMARY, RoadClass.RESIDENTIAL)),
                            0.5,
                            start,
                            end,
                            profiles);
            };
            Map<String, String> fields = new HashMap<>(ConditionFields.write(c));
            fields.put("version", "7"); // a store's own fields are ignored
            assertEquals(c, ConditionFields.read(fields), "seed " + seed + ": " + fields);
        }
    }

    @Test
    void aDamagedRecordNamesWhatIsWrong() {
        Map<String, String> f = new HashMap<>(ConditionFields.write(new Closure(
                "X1",
                "",
                Closure.Circle.of(new GeoPoint(52.6, -0.7), 100, "r"),
                0,
                Condition.NO_END,
                EnumSet.of(TravelProfile.CAR))));
        f.remove("circle");
        assertEquals(
                "closure X1 has no areaWkb, circle or road",
                assertThrows(IllegalArgumentException.class, () -> ConditionFields.read(f))
                        .getMessage());
        f.put("circle", "1,2,3");
        f.put("profiles", "lorry");
        assertEquals(
                "condition X1: unknown profile lorry",
                assertThrows(IllegalArgumentException.class, () -> ConditionFields.read(f))
                        .getMessage());
    }
}
