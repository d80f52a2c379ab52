package org.bluelamp.tracking;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bluelamp.fleet.DuplicateUnitException;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StagedFixes;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitSpec;

/**
 * The single entry point for GPS fixes: validates each fix at the boundary, counts and explains
 * every rejection, and records the rest into the {@link FleetState}, which keeps them in order
 * (never moving a unit back in time) and drops duplicates.
 *
 * <p>Checks ({@link FixRules}, the first failure is reported): unit id well-formed; latitude and
 * longitude in range; inside the service area (if configured); position time within the client
 * time window; accuracy, speed and heading, when reported, finite and plausible; finally the unit
 * is registered (or registered now, if auto-registration is on — last, so that garbage never
 * registers a unit).
 *
 * <p>Threading: <b>single writer</b>. All fixes go through one thread (the gRPC handlers hand
 * batches to it; the LIP decoder runs on it), which owns the fleet's history and spatial index.
 * One core takes 1 to 5 million fixes a second depending on fleet size (see
 * {@code benchmarks/RESULTS.md}); a national fleet of 50,000 radios reporting every 5 s makes
 * 10,000, so striping by unit was not worth its cost (an index per stripe, queries merging
 * stripes). Readers of the fleet are never blocked.
 *
 * <p>Allocation: none per accepted or duplicate fix; a rejection allocates its message.
 */
public final class FixIntake {
    private final FleetState fleet;
    private final IntakeOptions options;
    private final InstantSource clock;
    private final FixRules rules;
    private final IntakeCounters counters = new IntakeCounters();
    private final AcceptedFixSink sink;
    /**
     * Fixes staged ahead of taking them ({@link #stage}): enough that the read-ahead's first
     * levels (read before the first fix is taken) are a small part of the batch.
     */
    public static final int STAGE_FIXES = StagedFixes.CAPACITY;

    /** The staged batch (intake thread only). */
    private final StagedFixes staged;

    private RejectReason lastReason;
    private String lastMessage;

    /**
     * @param fleet where accepted fixes go
     * @param options what to accept
     * @param clock the engine clock: future and age limits are measured against it
     */
    public FixIntake(FleetState fleet, IntakeOptions options, InstantSource clock) {
        this(fleet, options, clock, AcceptedFixSink.NONE);
    }

    /**
     * An intake that reports every accepted fix to {@code sink} (a journal), on its writer thread.
     *
     * @param fleet where accepted fixes go
     * @param options what to accept
     * @param clock the engine clock: future and age limits are measured against it
     * @param sink told of every accepted fix, after the fleet took it
     */
    public FixIntake(FleetState fleet, IntakeOptions options, InstantSource clock, AcceptedFixSink sink) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = new FixRules(options);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.staged = new StagedFixes(fleet);
    }

    /** What this intake accepts (its client time rule and service area are the service's too). */
    public IntakeOptions options() {
        return options;
    }

    /** The rules every fix is checked with (the service checks a registration's position with them too). */
    public FixRules rules() {
        return rules;
    }

    /**
     * The registered unit id whose characters are the ASCII bytes {@code bytes[from, from +
     * length)}, or null ({@link FleetState#registeredAsciiId}): a fix decoder's way to an id
     * without a {@code String} per fix. Any thread; no allocation.
     */
    public String registeredAsciiId(byte[] bytes, int from, int length) {
        return fleet.registeredAsciiId(bytes, from, length);
    }

    /** Totals per outcome and reason; readable from any thread. */
    public IntakeCounters counters() {
        return counters;
    }

    /** Takes one fix. */
    public IntakeResult apply(Fix fix) {
        return apply(
                fix.unitId(),
                fix.latDeg(),
                fix.lonDeg(),
                fix.positionTimeEpochMillis(),
                fix.accuracyMetres(),
                fix.speedMetresPerSecond(),
                fix.headingDeg(),
                fix.reason());
    }

    /**
     * Takes one fix given field by field (what a decoder calls without building a {@link Fix}).
     * Absent optional values are {@code NaN}; a {@code null} reason is {@link FixReason#UNSPECIFIED}.
     */
    public IntakeResult apply(
            String unitId,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason) {
        FixOutcome outcome = take(
                unitId,
                latDeg,
                lonDeg,
                positionTimeEpochMillis,
                accuracyMetres,
                speedMetresPerSecond,
                headingDeg,
                reason,
                clock.millis());
        return outcome == FixOutcome.REJECTED
                ? new IntakeResult(FixOutcome.REJECTED, lastReason, lastMessage)
                : IntakeResult.of(outcome);
    }

    /**
     * Stage one of the staged batch path: notes the fix's unit and position ({@link StagedFixes});
     * while the staged fixes are then taken by {@link #apply}, in order, each take reads ahead, a
     * level at a time, the memory of the fixes a few places after it (the id's hash, the unit
     * index, the state line, the history slot and grid buckets), so that their cache misses are
     * in flight while the current fix is recorded. Call it for up to {@link #STAGE_FIXES} fixes of
     * a batch (more are not staged), then {@link #apply} each of them in order: at 100,000 units
     * nearly every fix misses the cache several times. Results are exactly those of applying
     * without staging: staging only reads, and a unit's index never changes once registered. A
     * stage after an apply starts a new batch. Intake thread only; allocates nothing.
     */
    public void stage(String unitId, double latDeg, double lonDeg) {
        staged.stage(unitId, latDeg, lonDeg);
    }

    /** Takes a batch in order, reading the clock once; returns the counts and every rejection. */
    public BatchResult applyBatch(List<Fix> fixes) {
        long now = clock.millis();
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        List<Rejection> rejections = new ArrayList<>();
        Map<RejectReason, Integer> byReason = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < fixes.size(); i++) {
            if (i % STAGE_FIXES == 0) {
                for (int j = i, end = Math.min(fixes.size(), i + STAGE_FIXES); j < end; j++) {
                    Fix f = fixes.get(j);
                    stage(f.unitId(), f.latDeg(), f.lonDeg());
                }
            }
            Fix f = fixes.get(i);
            FixOutcome outcome = take(
                    f.unitId(),
                    f.latDeg(),
                    f.lonDeg(),
                    f.positionTimeEpochMillis(),
                    f.accuracyMetres(),
                    f.speedMetresPerSecond(),
                    f.headingDeg(),
                    f.reason(),
                    now);
            switch (outcome) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejections.add(new Rejection(i, f.unitId(), lastReason, lastMessage));
                    byReason.merge(lastReason, 1, Integer::sum);
                }
            }
        }
        return new BatchResult(latest, historyOnly, duplicates, rejections.size(), byReason, rejections);
    }

    private FixOutcome take(
            String unitId,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            FixReason reason,
            long now) {
        int index = staged.take(unitId);
        if (index < 0) {
            index = fleet.indexOf(unitId);
        }
        RejectReason r = check(unitId, index >= 0, lat, lon, time, accuracy, speed, heading, now);
        if (r != null) {
            return reject(r);
        }
        if (index < 0) {
            AutoRegistration auto = options.autoRegistration();
            if (auto == null) {
                return reject(
                        RejectReason.UNKNOWN_UNIT,
                        "unit_id '" + unitId
                                + "' is not a registered unit: register it first or enable auto-registration");
            }
            try {
                index = fleet.register(
                                UnitSpec.minimal(unitId, auto.kind()), StatusChange.of(auto.initialStatus(), now))
                        .unitIndex();
            } catch (DuplicateUnitException raced) {
                index = fleet.indexOf(unitId); // registered meanwhile by another thread
            }
        }
        FixReason why = reason == null ? FixReason.UNSPECIFIED : reason;
        FixOutcome outcome = fleet.recordFix(index, lat, lon, time, accuracy, speed, heading, why);
        counters.increment(outcome);
        if (outcome == FixOutcome.ACCEPTED_LATEST || outcome == FixOutcome.ACCEPTED_HISTORY_ONLY) {
            sink.accepted(index, unitId, lat, lon, time, accuracy, speed, heading, why);
        }
        return outcome;
    }

    /** The first rule the fix breaks, with {@link #lastMessage} set; {@code null} when valid. */
    private RejectReason check(
            String unitId,
            boolean registered,
            double lat,
            double lon,
            long time,
            double accuracy,
            double speed,
            double heading,
            long now) {
        RejectReason r = rules.firstBroken(unitId, registered, lat, lon, time, accuracy, speed, heading, now);
        if (r != null) {
            lastMessage = rules.explain(r, unitId, lat, lon, time, accuracy, speed, heading, now);
        }
        return r;
    }

    private FixOutcome reject(RejectReason reason) {
        lastReason = reason;
        counters.increment(reason);
        return FixOutcome.REJECTED;
    }

    private FixOutcome reject(RejectReason reason, String message) {
        lastMessage = message;
        return reject(reason);
    }
}
