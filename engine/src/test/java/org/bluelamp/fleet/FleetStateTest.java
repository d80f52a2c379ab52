package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FleetStateTest {
    private static final long T0 = 1_700_000_000_000L;

    private static FleetState fleet(HistoryPolicy history) {
        FleetState fleet = new FleetState(FleetOptions.defaults().withHistory(history));
        fleet.register(UnitSpec.minimal("A", UnitKind.CAR), UnitStatus.AVAILABLE, T0);
        return fleet;
    }

    private static FixOutcome fix(FleetState fleet, long time, double lat, double lon) {
        return fleet.recordFix(0, lat, lon, time, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
    }

    private static FixOutcome fix(FleetState fleet, long time, double lat, double lon, double accuracy) {
        return fleet.recordFix(0, lat, lon, time, accuracy, Double.NaN, Double.NaN, FixReason.PERIODIC);
    }

    private static long[] trackTimes(FleetState fleet) {
        TrackBuffer t = new TrackBuffer();
        fleet.readTrack(0, Long.MIN_VALUE, Long.MAX_VALUE, t);
        long[] times = new long[t.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = t.positionTimeEpochMillis(i) - T0;
        }
        return times;
    }

    /**
     * The learned interval, kept incrementally while fixes are appended (the window shifted in the
     * state line) and recomputed from history otherwise, is always the lower median of the newest
     * (up to) eight intervals of the unit's track: seeded streams of in-order fixes with one in ten
     * out of order, gaps from 1 ms to 2 h (so the one-hour age limit evicts whole histories).
     */
    @Test
    void theLearnedIntervalIsTheLowerMedianOfTheNewestEightIntervalsOfTheTrack() {
        long seed = System.nanoTime();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int run = 0; run < 20; run++) {
            FleetState fleet = fleet(new HistoryPolicy(2 + random.nextInt(69), 3_600_000L));
            long newest = T0;
            for (int i = 0; i < 2_000; i++) {
                long time;
                if (i > 0 && random.nextInt(10) == 0) {
                    time = newest - 1 - random.nextLong(600_000); // out of order: history only, or too old
                } else {
                    long gap = random.nextInt(20) == 0
                            ? 1 + random.nextLong(7_200_000)
                            : 1 + random.nextLong(random.nextBoolean() ? 1_000 : 60_000);
                    newest += gap;
                    time = newest;
                }
                fix(fleet, time, 53.8 + random.nextDouble(0.01), -1.55);
                long[] times = trackTimes(fleet);
                int n = Math.min(FleetState.INTERVAL_SAMPLES, times.length - 1);
                long[] intervals = new long[Math.max(0, n)];
                for (int k = 0; k < n; k++) {
                    intervals[k] = times[times.length - 1 - k] - times[times.length - 2 - k];
                }
                java.util.Arrays.sort(intervals);
                long expected =
                        n >= fleet.options().staleness().minIntervalSamples() && n > 0 ? intervals[(n - 1) / 2] : 0;
                int step = i;
                int r = run;
                assertEquals(
                        expected,
                        fleet.snapshot(0).usualReportIntervalMillis(),
                        () -> "seed " + seed + ", run " + r + ", fix " + step);
            }
        }
    }

    @Test
    void aUnitWithoutFixHasNoPositionAndIsStale() {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        UnitSnapshot s = fleet.snapshot(0);
        assertFalse(s.hasFix());
        assertTrue(Double.isNaN(s.latDeg()));
        assertTrue(s.isStale(T0));
        assertEquals(Long.MAX_VALUE, s.fixAgeMillis(T0));
        assertEquals(0, fleet.readTrack(0, 0, Long.MAX_VALUE, new TrackBuffer()));
    }

    @Test
    void newerFixesMoveTheUnitOlderOnesOnlyGoToHistory() {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        assertEquals(FixOutcome.ACCEPTED_LATEST, fix(fleet, T0 + 10_000, 53.80, -1.55));
        assertEquals(FixOutcome.ACCEPTED_LATEST, fix(fleet, T0 + 20_000, 53.81, -1.55));
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 15_000, 53.805, -1.55));
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 1_000, 53.79, -1.55)); // backlog
        UnitSnapshot s = fleet.snapshot(0);
        assertEquals(53.81, s.latDeg());
        assertEquals(T0 + 20_000, s.positionTimeEpochMillis());
        assertEquals(FixReason.PERIODIC, s.reason());
        assertEquals(5_000, s.fixAgeMillis(T0 + 25_000));
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new long[] {1_000, 10_000, 15_000, 20_000}, trackTimes(fleet));
    }

    @Test
    void positionListenersHearOnlyNewNewestPositionsUntilRemoved() {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        java.util.List<String> heard = new java.util.ArrayList<>();
        PositionListener listener = (unit, lat, lon) -> heard.add(unit + " " + lat + " " + lon);
        fleet.addPositionListener(listener);
        assertEquals(FixOutcome.ACCEPTED_LATEST, fix(fleet, T0 + 10_000, 53.80, -1.55));
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 5_000, 53.79, -1.55));
        assertEquals(FixOutcome.DUPLICATE, fix(fleet, T0 + 10_000, 53.80, -1.55));
        // same time, another position that wins on accuracy: the unit moves, so listeners hear it
        assertEquals(FixOutcome.ACCEPTED_LATEST, fix(fleet, T0 + 10_000, 53.81, -1.55, 5));
        assertEquals(java.util.List.of("0 53.8 -1.55", "0 53.81 -1.55"), heard);
        fleet.removePositionListener(listener);
        fleet.removePositionListener(listener); // not added: nothing
        assertEquals(FixOutcome.ACCEPTED_LATEST, fix(fleet, T0 + 20_000, 53.82, -1.55));
        assertEquals(2, heard.size(), "removed");
    }

    @Test
    void duplicatesAreIgnoredWhetherNewestOrInHistory() {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        fix(fleet, T0 + 10_000, 53.80, -1.55);
        fix(fleet, T0 + 20_000, 53.81, -1.55);
        assertEquals(FixOutcome.DUPLICATE, fix(fleet, T0 + 20_000, 53.81, -1.55));
        assertEquals(FixOutcome.DUPLICATE, fix(fleet, T0 + 10_000, 53.80, -1.55));
        assertEquals(2, trackTimes(fleet).length);
        assertEquals(0, fleet.conflictingFixCount());
    }

    @Test
    void sameTimeDifferentPositionKeepsTheMoreAccurateWhateverTheOrder() {
        for (boolean accurateFirst : new boolean[] {true, false}) {
            FleetState fleet = fleet(HistoryPolicy.defaults());
            FixOutcome first = accurateFirst ? fix(fleet, T0, 53.80, -1.55, 5) : fix(fleet, T0, 53.90, -1.55, 50);
            FixOutcome second = accurateFirst ? fix(fleet, T0, 53.90, -1.55, 50) : fix(fleet, T0, 53.80, -1.55, 5);
            assertEquals(FixOutcome.ACCEPTED_LATEST, first);
            assertEquals(accurateFirst ? FixOutcome.DUPLICATE : FixOutcome.ACCEPTED_LATEST, second);
            assertEquals(53.80, fleet.snapshot(0).latDeg());
            assertEquals(5.0, fleet.snapshot(0).accuracyMetres());
            TrackBuffer t = new TrackBuffer();
            fleet.readTrack(0, T0, T0, t);
            assertEquals(1, t.size());
            assertEquals(53.80, t.latDeg(0));
            assertEquals(1, fleet.conflictingFixCount());
        }
    }

    @Test
    void historyIsBoundedByCountKeepingTheNewest() {
        FleetState fleet = fleet(new HistoryPolicy(4, 3_600_000));
        for (int i = 1; i <= 6; i++) {
            fix(fleet, T0 + i * 1_000L, 53.8, -1.5);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {3_000, 4_000, 5_000, 6_000}, trackTimes(fleet));
        // Older than everything a full history holds: accepted but not retained.
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 500, 53.8, -1.5));
        assertEquals(1, fleet.historyNotRetainedCount());
        // Fits between: the oldest goes.
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 4_500, 53.8, -1.5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {4_000, 4_500, 5_000, 6_000}, trackTimes(fleet));
    }

    @Test
    void historyIsBoundedByAgeBeforeTheNewestFix() {
        FleetState fleet = fleet(new HistoryPolicy(100, 60_000));
        fix(fleet, T0, 53.8, -1.5);
        fix(fleet, T0 + 30_000, 53.8, -1.5);
        fix(fleet, T0 + 70_000, 53.8, -1.5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {30_000, 70_000}, trackTimes(fleet));
        assertEquals(FixOutcome.ACCEPTED_HISTORY_ONLY, fix(fleet, T0 + 5_000, 53.8, -1.5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {30_000, 70_000}, trackTimes(fleet));
    }

    @Test
    void trackQueryReturnsTheWindowInTimeOrder() {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        for (int i = 10; i >= 1; i--) {
            fix(fleet, T0 + i * 10_000L, 53.8 + i * 0.001, -1.5, i);
        }
        TrackBuffer t = new TrackBuffer();
        assertEquals(3, fleet.readTrack(0, T0 + 35_000, T0 + 60_000, t));
        assertEquals(T0 + 40_000, t.positionTimeEpochMillis(0));
        assertEquals(T0 + 60_000, t.positionTimeEpochMillis(2));
        assertEquals(53.806, t.latDeg(2), 1e-12);
        assertEquals(6.0, t.accuracyMetres(2));
    }

    @Test
    void stalenessUsesTheLearnedIntervalThenTheMaximumAge() {
        FleetState fleet =
                fleet(HistoryPolicy.defaults()); // defaults: x3, min 15 s, max 5 min, 30 s assumed, 3 samples
        fix(fleet, T0, 53.8, -1.5);
        UnitReading r = new UnitReading();
        fleet.readUnit(0, r);
        assertEquals(0, r.usualReportIntervalMillis(), "not learned from one fix");
        assertEquals(90_000, r.staleAfterMillis());
        assertFalse(r.isStale(T0 + 90_000));
        assertTrue(r.isStale(T0 + 90_001));

        for (int i = 1; i <= 5; i++) {
            fix(fleet, T0 + i * 10_000L, 53.8, -1.5);
        }
        fix(fleet, T0 + 51_000, 53.8, -1.5); // one emergency burst does not move the median
        fleet.readUnit(0, r);
        assertEquals(10_000, r.usualReportIntervalMillis());
        assertEquals(30_000, r.staleAfterMillis());
        assertEquals(29_000, r.fixAgeMillis(T0 + 80_000));
        assertFalse(r.isStale(T0 + 81_000));
        assertTrue(r.isStale(T0 + 81_001));

        // A slow reporter is capped by the maximum age.
        FleetState slow = fleet(HistoryPolicy.defaults());
        for (int i = 0; i < 5; i++) {
            slow.recordFix(0, 53.8, -1.5, T0 + i * 600_000L, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        UnitSnapshot s = slow.snapshot(0);
        assertEquals(600_000, s.usualReportIntervalMillis());
        assertEquals(300_000, s.staleAfterMillis());

        // A fast reporter is floored by the minimum age.
        FleetState fast = fleet(HistoryPolicy.defaults());
        for (int i = 0; i < 5; i++) {
            fast.recordFix(0, 53.8, -1.5, T0 + i * 1_000L, Double.NaN, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        assertEquals(15_000, fast.snapshot(0).staleAfterMillis());
    }

    @Test
    void readersAlwaysSeeAConsistentUnitWhileItIsWritten() throws Exception {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            UnitReading r = new UnitReading();
            TrackBuffer t = new TrackBuffer();
            while (!stop.get()) {
                fleet.readUnit(0, r);
                if (r.hasFix()) {
                    // The writer keeps lat = 50 + k/1e6, lon = -k/1e6, time = T0 + k, speed = k.
                    long k = r.positionTimeEpochMillis() - T0;
                    if (r.latDeg() != 50 + k / 1e6 || r.lonDeg() != -k / 1e6 || r.speedMetresPerSecond() != k % 100) {
                        failure.compareAndSet(null, "torn read at k=" + k + ": " + r.toSnapshot());
                    }
                }
                fleet.readTrack(0, Long.MIN_VALUE, Long.MAX_VALUE, t);
                for (int i = 1; i < t.size(); i++) {
                    if (t.positionTimeEpochMillis(i) <= t.positionTimeEpochMillis(i - 1)) {
                        failure.compareAndSet(null, "track out of order");
                    }
                }
            }
        });
        reader.start();
        for (int k = 1; k <= 2_000_000; k++) {
            fleet.recordFix(0, 50 + k / 1e6, -k / 1e6, T0 + k, Double.NaN, k % 100, Double.NaN, FixReason.PERIODIC);
            if (k % 1000 == 0) {
                fleet.setStatus("A", (k / 1000) % 2 == 0 ? UnitStatus.AVAILABLE : UnitStatus.EN_ROUTE, null, T0 + k);
            }
        }
        stop.set(true);
        reader.join();
        assertEquals(null, failure.get());
    }

    /**
     * Status changes on another thread than the fix writer (they take their own lock word; the fix
     * writer writes its sequence word with plain stores): the two writers go in lockstep, status k
     * then fix k, so every true moment has a status time 0 or 1 ms after the fix time; a reader on a
     * third thread must only ever see such moments, fix fields of one fix, and times that never go
     * back.
     */
    @Test
    void snapshotsStayConsistentWhileStatusChangesRaceFixesFromAnotherThread() throws Exception {
        FleetState fleet = fleet(HistoryPolicy.defaults());
        int steps = 30_000;
        java.util.concurrent.atomic.AtomicInteger statusDone = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger fixDone = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread status = new Thread(() -> {
            for (int k = 1; k <= steps && failure.get() == null; k++) {
                while (fixDone.get() < k - 1) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                fleet.setStatus("A", k % 2 == 1 ? UnitStatus.EN_ROUTE : UnitStatus.AVAILABLE, null, T0 + k);
                statusDone.set(k);
            }
        });
        Thread reader = new Thread(() -> {
            UnitReading r = new UnitReading();
            long lastFix = Long.MIN_VALUE;
            long lastStatus = Long.MIN_VALUE;
            long reads = 0;
            while (!stop.get() || reads == 0) {
                fleet.readUnit(0, r);
                reads++;
                long statusTime = r.status().timeEpochMillis();
                boolean odd = (statusTime - T0) % 2 == 1;
                if (r.status().status() != (odd ? UnitStatus.EN_ROUTE : UnitStatus.AVAILABLE)) {
                    failure.compareAndSet(null, "status " + r.status() + " does not match its time");
                }
                if (statusTime < lastStatus) {
                    failure.compareAndSet(null, "status went back from " + lastStatus + " to " + statusTime);
                }
                lastStatus = statusTime;
                if (!r.hasFix()) {
                    continue;
                }
                long k = r.positionTimeEpochMillis() - T0;
                if (r.latDeg() != 50 + k / 1e6 || r.lonDeg() != -k / 1e6 || r.speedMetresPerSecond() != k % 100) {
                    failure.compareAndSet(null, "torn fix at k=" + k + ": " + r.toSnapshot());
                }
                long gap = statusTime - r.positionTimeEpochMillis();
                if (gap != 0 && gap != 1) {
                    failure.compareAndSet(
                            null, "status at +" + gap + " ms of the fix: not one moment: " + r.toSnapshot());
                }
                if (k < lastFix) {
                    failure.compareAndSet(null, "fix went back from " + lastFix + " to " + k);
                }
                lastFix = k;
            }
        });
        status.start();
        reader.start();
        for (int k = 1; k <= steps && failure.get() == null; k++) {
            while (statusDone.get() < k) {
                Thread.onSpinWait();
                Thread.yield();
            }
            fleet.recordFix(0, 50 + k / 1e6, -k / 1e6, T0 + k, Double.NaN, k % 100, Double.NaN, FixReason.PERIODIC);
            fixDone.set(k);
        }
        status.join();
        stop.set(true);
        reader.join();
        assertEquals(null, failure.get());
        UnitSnapshot last = fleet.snapshot(0);
        assertEquals(T0 + steps, last.positionTimeEpochMillis());
        assertEquals(T0 + steps, fleet.getStatus("A").timeEpochMillis());
    }
}
