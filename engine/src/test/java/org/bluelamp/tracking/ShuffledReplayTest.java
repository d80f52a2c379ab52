package org.bluelamp.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.HistoryPolicy;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSnapshot;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * Real radio traffic arrives shuffled, duplicated and late. Replaying such a stream must leave the
 * fleet exactly as the clean, ordered stream does: same newest fix per unit, same learned interval,
 * same bounded history, same spatial answers. The clean stream is taken one fix at a time, the
 * shuffled one through the staged batch path ({@link FixIntake#stage}), which must change nothing.
 */
class ShuffledReplayTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final int UNITS = 40;

    @Test
    void shuffledDuplicatedStreamEndsInTheSameStateAsTheCleanStream() {
        long base = Long.getLong("bluelamp.test.seed", System.nanoTime());
        for (int i = 0; i < 25; i++) {
            long seed = base + i;
            try {
                replay(seed);
            } catch (AssertionError e) {
                throw new AssertionError(
                        "seed " + seed + " (rerun with -Dbluelamp.test.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private static void replay(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean conflicts = random.nextBoolean();
        List<Fix> clean = new ArrayList<>();
        for (int u = 0; u < UNITS; u++) {
            String id = "unit-" + u;
            long interval = 2_000 + random.nextInt(30_000);
            long t = NOW - 1_800_000 + random.nextInt(60_000);
            double lat = 53.8 + random.nextDouble(-0.1, 0.1);
            double lon = -1.55 + random.nextDouble(-0.1, 0.1);
            int n = 5 + random.nextInt(80);
            for (int k = 0; k < n && t <= NOW; k++) {
                lat += random.nextDouble(-0.002, 0.002);
                lon += random.nextDouble(-0.003, 0.003);
                double acc = random.nextInt(4) == 0 ? Double.NaN : 1 + random.nextInt(50);
                clean.add(new Fix(
                        id,
                        lat,
                        lon,
                        t,
                        acc,
                        random.nextDouble(0, 30),
                        random.nextDouble(0, 360),
                        random.nextInt(10) == 0 ? FixReason.EMERGENCY : FixReason.PERIODIC));
                if (conflicts && random.nextInt(15) == 0) { // a faulty gateway: same time, another place
                    clean.add(new Fix(id, lat + 0.01, lon, t, 1 + random.nextInt(50), 0, 0, FixReason.OTHER));
                }
                if (random.nextInt(25) == 0) { // garbage is rejected in both streams
                    clean.add(new Fix(id, Double.NaN, lon, t, acc, 0, 0, FixReason.OTHER));
                }
                t += random.nextInt(8) == 0 ? 1_000 : interval + random.nextInt(2_000) - 1_000;
            }
        }
        clean.sort((a, b) -> Long.compare(a.positionTimeEpochMillis(), b.positionTimeEpochMillis()));

        // Arrival order: duplicates, small jitter, and backlogs delivered minutes late.
        List<Fix> arrivals = new ArrayList<>();
        List<Long> arrivalTimes = new ArrayList<>();
        for (Fix f : clean) {
            int copies = random.nextInt(10) == 0 ? 2 + random.nextInt(2) : 1;
            for (int c = 0; c < copies; c++) {
                long delay = random.nextInt(20) == 0 ? random.nextInt(900_000) : random.nextInt(5_000);
                arrivals.add(f);
                arrivalTimes.add(f.positionTimeEpochMillis() + delay);
            }
        }
        Integer[] order = new Integer[arrivals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(arrivalTimes.get(a), arrivalTimes.get(b)));
        List<Fix> shuffled = new ArrayList<>();
        for (Integer i : order) {
            shuffled.add(arrivals.get(i));
        }
        if (random.nextBoolean()) {
            Collections.shuffle(shuffled, new Random(seed)); // and sometimes no order at all
        }

        HistoryPolicy history = new HistoryPolicy(4 + random.nextInt(40), 120_000 + random.nextInt(900_000));
        FleetState expected = load(clean, history, 1); // one fix at a time: no staging
        FleetState actual = load(shuffled, history, 2 + random.nextInt(120));

        TrackBuffer te = new TrackBuffer();
        TrackBuffer ta = new TrackBuffer();
        for (int u = 0; u < UNITS; u++) {
            UnitSnapshot e = expected.snapshot(u);
            assertEquals(e, actual.snapshot(u), "unit " + u);
            expected.readTrack(u, Long.MIN_VALUE, Long.MAX_VALUE, te);
            actual.readTrack(u, Long.MIN_VALUE, Long.MAX_VALUE, ta);
            assertEquals(te.size(), ta.size(), "history size of unit " + u);
            for (int i = 0; i < te.size(); i++) {
                assertEquals(te.positionTimeEpochMillis(i), ta.positionTimeEpochMillis(i), "history time, unit " + u);
                assertEquals(te.latDeg(i), ta.latDeg(i), "history lat, unit " + u);
                assertEquals(te.lonDeg(i), ta.lonDeg(i), "history lon, unit " + u);
                assertEquals(te.accuracyMetres(i), ta.accuracyMetres(i), "history accuracy, unit " + u);
            }
        }
        var se = expected.newSpatialSearch();
        var sa = actual.newSpatialSearch();
        int n = se.nearest(53.8, -1.55, 10, u -> true);
        assertEquals(n, sa.nearest(53.8, -1.55, 10, u -> true));
        for (int i = 0; i < n; i++) {
            assertEquals(se.resultUnitIndex(i), sa.resultUnitIndex(i), "nearest rank " + i);
        }
    }

    private static FleetState load(List<Fix> stream, HistoryPolicy history, int batchSize) {
        FleetState fleet =
                new FleetState(FleetOptions.defaults().withHistory(history).withGrid(300, 256));
        for (int u = 0; u < UNITS; u++) {
            fleet.register(UnitSpec.minimal("unit-" + u, UnitKind.CAR), UnitStatus.AVAILABLE, NOW - 3_600_000);
        }
        FixIntake intake =
                new FixIntake(fleet, IntakeOptions.defaults(), InstantSource.fixed(Instant.ofEpochMilli(NOW)));
        for (int i = 0; i < stream.size(); i += batchSize) {
            if (batchSize == 1) {
                intake.apply(stream.get(i));
            } else { // the staged batch path (FixIntake.stage), which must change nothing
                intake.applyBatch(stream.subList(i, Math.min(stream.size(), i + batchSize)));
            }
        }
        long distinctValid = stream.stream()
                .filter(f -> !Double.isNaN(f.latDeg()))
                .distinct()
                .count();
        long seen = intake.counters().total() - intake.counters().count(FixOutcome.REJECTED);
        assertEquals(
                stream.stream().filter(f -> !Double.isNaN(f.latDeg())).count(), seen, "every valid fix has an outcome");
        // Duplicates of fixes the bounded history no longer holds cannot be recognised (they change
        // nothing, but count as accepted again); conflicting fixes count by arrival order.
        if (fleet.conflictingFixCount() == 0 && fleet.historyNotRetainedCount() == 0) {
            long accepted = intake.counters().count(FixOutcome.ACCEPTED_LATEST)
                    + intake.counters().count(FixOutcome.ACCEPTED_HISTORY_ONLY);
            assertEquals(distinctValid, accepted, "every distinct valid fix accepted exactly once");
        }
        return fleet;
    }
}
