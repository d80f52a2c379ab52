package org.bluelamp.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.HistoryPolicy;
import org.bluelamp.fleet.SpatialSearch;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.fleet.UnitFilter;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staged batch path ({@link FixIntake#stage} then {@link FixIntake#apply}, and
 * {@link FixIntake#applyBatch}) leaves exactly the state the one-fix path leaves for the same fixes:
 * per-fix outcomes with their reasons and messages, every unit's newest fix and learned interval,
 * every history, the grid (box and nearest queries), the counters, and what the journal hook was
 * told. Seeded random streams with hostile fixes mixed in (unknown and malformed ids, NaN and
 * out-of-range values, duplicates and conflicting duplicates, future and too-old times, out-of-order
 * backlog, units that cross cells), in batches of random sizes across the staging limit; the seed is
 * printed on failure ({@code -Dbluelamp.seed=} repeats one).
 */
class StagedIntakeTest {
    private static final long T0 = 1_700_000_000_000L;

    /** How a batch is given to the intake. */
    private enum Way {
        ONE_AT_A_TIME,
        APPLY_BATCH,
        STAGE_SOME_THEN_APPLY
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stagedBatchesLeaveTheStateOfOneFixAtATime(boolean autoRegistration) {
        long seed = Long.getLong("bluelamp.seed", System.nanoTime());
        try {
            compare(seed, autoRegistration);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (autoRegistration " + autoRegistration + "): " + e, e);
        }
    }

    private static void compare(long seed, boolean autoRegistration) {
        SplittableRandom random = new SplittableRandom(seed);
        int units = 40 + random.nextInt(400);
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            ids.add(Integer.toString(2_340_000 + u));
        }
        List<List<Fix>> batches = stream(random, ids);

        Run one = new Run(ids, autoRegistration);
        Run applyBatch = new Run(ids, autoRegistration);
        Run stageSome = new Run(ids, autoRegistration);
        SplittableRandom skips = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (List<Fix> batch : batches) {
            long now = batch.get(batch.size() - 1).positionTimeEpochMillis() + 1_500;
            List<String> a = one.take(batch, now, Way.ONE_AT_A_TIME, skips);
            List<String> b = applyBatch.take(batch, now, Way.APPLY_BATCH, skips);
            List<String> c = stageSome.take(batch, now, Way.STAGE_SOME_THEN_APPLY, skips);
            assertEquals(batchShape(a), b, "outcomes of a batch, applyBatch against one at a time");
            assertEquals(a, c, "outcomes of a batch, partly staged against one at a time");
        }
        String expected = one.state();
        assertEquals(expected, applyBatch.state(), "state after applyBatch");
        assertEquals(expected, stageSome.state(), "state after partly staged batches");
        assertEquals(one.journal, applyBatch.journal, "journal after applyBatch");
        assertEquals(one.journal, stageSome.journal, "journal after partly staged batches");
    }

    /** Batches of 1 to 300 fixes: moving units, with hostile fixes mixed in. */
    private static List<List<Fix>> stream(SplittableRandom random, List<String> ids) {
        int units = ids.size();
        double[] lat = new double[units];
        double[] lon = new double[units];
        long[] time = new long[units];
        for (int u = 0; u < units; u++) {
            lat[u] = 53.8 + random.nextDouble(-0.2, 0.2);
            lon[u] = -1.55 + random.nextDouble(-0.3, 0.3);
            time[u] = T0 + random.nextInt(30_000);
        }
        List<Fix> sent = new ArrayList<>();
        List<List<Fix>> batches = new ArrayList<>();
        for (int b = 0, count = 30 + random.nextInt(30); b < count; b++) {
            int size = 1 + random.nextInt(random.nextInt(4) == 0 ? 300 : 80);
            List<Fix> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int u = random.nextInt(units);
                // a fresh String per fix, as a decoder makes, and sometimes the pooled one
                String id = random.nextBoolean() ? ids.get(u) : new String(ids.get(u));
                int kind = random.nextInt(100);
                if (kind < 70) { // a unit moves: up to 1.5 km, crossing cells
                    time[u] += 1_000 + random.nextInt(20_000);
                    lat[u] += random.nextDouble(-0.01, 0.01);
                    lon[u] += random.nextDouble(-0.015, 0.015);
                    batch.add(fix(id, lat[u], lon[u], time[u], random));
                } else if (kind < 78 && !sent.isEmpty()) { // a duplicate of an earlier fix
                    batch.add(sent.get(random.nextInt(sent.size())));
                } else if (kind < 82 && !sent.isEmpty()) { // same unit and time, another position
                    Fix f = sent.get(random.nextInt(sent.size()));
                    batch.add(new Fix(
                            f.unitId(),
                            f.latDeg() + random.nextDouble(-0.001, 0.001),
                            f.lonDeg(),
                            f.positionTimeEpochMillis(),
                            random.nextInt(3) == 0 ? Double.NaN : random.nextInt(40),
                            Double.NaN,
                            Double.NaN,
                            FixReason.PERIODIC));
                } else if (kind < 87) { // backlog: older than the unit's newest
                    batch.add(fix(id, lat[u], lon[u], time[u] - 1 - random.nextInt(600_000), random));
                } else {
                    batch.add(hostile(random, id, lat[u], lon[u], time[u]));
                }
            }
            sent.addAll(batch);
            batches.add(batch);
        }
        return batches;
    }

    private static Fix fix(String id, double lat, double lon, long time, SplittableRandom random) {
        return new Fix(
                id,
                lat,
                lon,
                time,
                random.nextInt(10) == 0 ? Double.NaN : 2 + random.nextInt(30),
                random.nextDouble(0, 20),
                random.nextDouble(0, 360),
                FixReason.PERIODIC);
    }

    private static Fix hostile(SplittableRandom random, String id, double lat, double lon, long time) {
        return switch (random.nextInt(9)) {
            case 0 -> new Fix("9" + random.nextInt(1_000_000), lat, lon, time, 5, 1, 1, FixReason.PERIODIC);
            case 1 -> new Fix(" bad id ", lat, lon, time, 5, 1, 1, FixReason.PERIODIC);
            case 2 -> new Fix(id, Double.NaN, lon, time, 5, 1, 1, FixReason.PERIODIC);
            case 3 -> new Fix(id, lat, Double.POSITIVE_INFINITY, time, 5, 1, 1, FixReason.PERIODIC);
            case 4 -> new Fix(id, lat, lon, time + 3_600_000, 5, 1, 1, FixReason.PERIODIC); // far in the future
            case 5 -> new Fix(id, lat, lon, time - 7_200_000, 5, 1, 1, FixReason.PERIODIC); // too old
            case 6 -> new Fix(id, lat, lon, time + 1, -3, 1, 1, FixReason.PERIODIC);
            case 7 -> new Fix(id, lat, lon, time + 1, 5, Double.NaN, 400, FixReason.PERIODIC);
            default -> new Fix(id, 91, lon, time + 1, 5, 1, 1, FixReason.PERIODIC);
        };
    }

    /** One fleet and intake, and what its journal hook was told. */
    private static final class Run {
        final FleetState fleet;
        final FixIntake intake;
        final long[] now = {T0};
        final List<String> journal = new ArrayList<>();

        Run(List<String> ids, boolean autoRegistration) {
            // a short history, so that eviction and the full-ring paths run
            fleet = new FleetState(FleetOptions.defaults().withHistory(new HistoryPolicy(12, 900_000L)));
            for (String id : ids) {
                fleet.register(UnitSpec.minimal(id, UnitKind.CAR), UnitStatus.AVAILABLE, T0 - 1);
            }
            IntakeOptions options = IntakeOptions.defaults();
            if (autoRegistration) {
                options = options.withAutoRegistration(new AutoRegistration(UnitKind.CAR, UnitStatus.AVAILABLE));
            }
            InstantSource clock = new InstantSource() {
                @Override
                public long millis() {
                    return now[0];
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now[0]);
                }
            };
            intake = new FixIntake(
                    fleet,
                    options,
                    clock,
                    (index, id, lat, lon, time, acc, speed, heading, reason) -> journal.add(index + " " + id + " " + lat
                            + " " + lon + " " + time + " " + acc + " " + speed + " " + heading + " " + reason));
        }

        /** Takes a batch one way; each fix's outcome, reason and message. */
        List<String> take(List<Fix> batch, long nowMillis, Way way, SplittableRandom skips) {
            now[0] = nowMillis;
            List<String> outcomes = new ArrayList<>();
            switch (way) {
                case ONE_AT_A_TIME -> batch.forEach(f -> outcomes.add(describe(intake.apply(f))));
                case APPLY_BATCH -> {
                    BatchResult r = intake.applyBatch(batch);
                    // rebuild the per-fix list from the batch result: rejections by index, the rest by count
                    String[] each = new String[batch.size()];
                    r.rejections().forEach(x -> each[x.index()] = "REJECTED " + x.reason() + " " + x.message());
                    outcomes.addAll(outcomesFromCounts(each, r));
                }
                case STAGE_SOME_THEN_APPLY -> {
                    for (int i = 0; i < batch.size(); i += FixIntake.STAGE_FIXES) {
                        int end = Math.min(batch.size(), i + FixIntake.STAGE_FIXES);
                        for (int j = i; j < end; j++) {
                            Fix f = batch.get(j);
                            if (skips.nextInt(8) != 0) { // as the service: fixes without a position are not staged
                                intake.stage(f.unitId(), f.latDeg(), f.lonDeg());
                            }
                        }
                        for (int j = i; j < end; j++) {
                            outcomes.add(describe(intake.apply(batch.get(j))));
                        }
                    }
                }
            }
            return outcomes;
        }

        private List<String> outcomesFromCounts(String[] each, BatchResult r) {
            // applyBatch gives counts, not each accepted fix's outcome: list the rejections in place
            // and the counts at the end, and compare with the same shape built from the one-fix run.
            List<String> out = new ArrayList<>();
            for (String s : each) {
                out.add(s == null ? "ACCEPTED_OR_DUPLICATE" : s);
            }
            out.add("counts " + r.acceptedLatest() + " " + r.acceptedHistoryOnly() + " " + r.duplicates());
            return out;
        }

        /** Everything a reader can see of the fleet, as text. */
        String state() {
            StringBuilder b = new StringBuilder();
            TrackBuffer track = new TrackBuffer();
            for (int u = 0; u < fleet.unitCount(); u++) {
                b.append(fleet.snapshot(u)).append('\n');
                fleet.readTrack(u, Long.MIN_VALUE, Long.MAX_VALUE, track);
                for (int i = 0; i < track.size(); i++) {
                    b.append(' ')
                            .append(track.positionTimeEpochMillis(i))
                            .append(':')
                            .append(track.latDeg(i))
                            .append(',')
                            .append(track.lonDeg(i))
                            .append(',')
                            .append(track.accuracyMetres(i));
                }
                b.append('\n');
            }
            SpatialSearch search = fleet.newSpatialSearch();
            int n = search.withinBox(-90, -180, 90, 180, UnitFilter.ALL);
            b.append("box");
            for (int i = 0; i < n; i++) {
                b.append(' ').append(search.resultUnitIndex(i));
            }
            for (double lat = 53.5; lat <= 54.1; lat += 0.1) {
                n = search.nearest(lat, -1.55, 7, UnitFilter.ALL);
                b.append("\nnearest");
                for (int i = 0; i < n; i++) {
                    b.append(' ').append(search.resultUnitIndex(i)).append('@').append(search.resultDistanceMetres(i));
                }
            }
            b.append("\ncounters ")
                    .append(intake.counters())
                    .append(" conflicting ")
                    .append(fleet.conflictingFixCount())
                    .append(" notRetained ")
                    .append(fleet.historyNotRetainedCount())
                    .append(" changes ")
                    .append(fleet.changeCount());
            return b.toString();
        }
    }

    /** Per-fix outcomes in the shape {@link Run#outcomesFromCounts} gives for a batch. */
    private static List<String> batchShape(List<String> outcomes) {
        List<String> out = new ArrayList<>();
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        for (String o : outcomes) {
            out.add(o.startsWith("REJECTED") ? o : "ACCEPTED_OR_DUPLICATE");
            latest += o.equals("ACCEPTED_LATEST") ? 1 : 0;
            historyOnly += o.equals("ACCEPTED_HISTORY_ONLY") ? 1 : 0;
            duplicates += o.equals("DUPLICATE") ? 1 : 0;
        }
        out.add("counts " + latest + " " + historyOnly + " " + duplicates);
        return out;
    }

    /** A one-fix result: outcome, and reason and message of a rejection. */
    private static String describe(IntakeResult r) {
        return r.outcome().name() + (r.reason() == null ? "" : " " + r.reason() + " " + r.message());
    }
}
