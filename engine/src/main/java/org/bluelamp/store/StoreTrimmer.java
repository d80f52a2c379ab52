package org.bluelamp.store;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XTrimArgs;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trims what the audit's retention ({@link StoreOptions#auditRetention()}) no longer keeps, on a
 * schedule while the engine runs (the commits' own {@code XADD MINID ~} trims only when something
 * is written, and only whole stream nodes; {@link StoreLoader} trims removed condition records
 * only at start). Each pass, at a bounded cost:
 *
 * <ul>
 *   <li>the audit stream: {@code XTRIM MINID ~ <now - retention> LIMIT} {@value #AUDIT_LIMIT}
 *       (whole nodes, at most that many entries a pass, so a backlog after a long stop goes in
 *       steps), then, once caught up, an exact {@code XTRIM MINID} for the entries left in the
 *       oldest node (at most one node's worth): afterwards no entry older than the retention is
 *       left;
 *   <li>the road condition records: the next {@code batch} ids of the index (a cursor that goes
 *       round), three fields of each read ({@code HMGET}, pipelined), and each removed longer ago
 *       than the retention deleted with its index entry, only if still that removed version
 *       ({@link StoreLoader#TRIM_SCRIPT}: another instance may have added the id again); the
 *       engine's own tombstone of it is dropped too.
 * </ul>
 *
 * <p>A pass that fails (Redis away) is logged once and tried again at the next period.
 *
 * <p>Thread-safety: passes run on one daemon thread of its own; {@link #pass} and {@link #close}
 * may be called from any thread.
 */
public final class StoreTrimmer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTrimmer.class);
    /** Audit entries removed at most per pass by the approximate trim. */
    static final int AUDIT_LIMIT = 10_000;
    /** The period in service. */
    static final Duration PERIOD = Duration.ofMinutes(1);
    /** Condition records looked at per pass in service. */
    static final int CONDITION_BATCH = 500;

    /**
     * What one pass removed.
     *
     * @param auditEntries audit entries removed
     * @param conditionRecords removed condition records deleted
     * @param conditionsChecked condition records looked at
     */
    public record Pass(long auditEntries, int conditionRecords, int conditionsChecked) {}

    private final RedisLink link;
    private final DurableConditions conditions;
    private final InstantSource clock;
    private final int batch;
    private final ScheduledExecutorService timer;
    private long conditionCursor;
    private boolean failing;

    /**
     * Starts trimming every {@code period}, the first pass one period from now.
     *
     * @param conditions the engine's road conditions (their tombstones of deleted records go)
     * @param batch condition records looked at per pass, at least 1
     */
    StoreTrimmer(RedisLink link, DurableConditions conditions, InstantSource clock, Duration period, int batch) {
        this.link = Objects.requireNonNull(link, "link");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batch < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period " + period + " and batch " + batch + " must be positive");
        }
        this.batch = batch;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bluelamp-store-trim");
            t.setDaemon(true);
            return t;
        });
        long ms = period.toMillis();
        timer.scheduleWithFixedDelay(this::scheduledPass, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The trimmer of a running engine: every minute, {@value #CONDITION_BATCH} condition records a pass. */
    static StoreTrimmer start(RedisLink link, DurableFleet durable, InstantSource clock) {
        return new StoreTrimmer(link, durable.conditions(), clock, PERIOD, CONDITION_BATCH);
    }

    private void scheduledPass() {
        try {
            Pass p = pass();
            if (failing) {
                LOG.info("trimming to the audit's retention works again");
                failing = false;
            }
            if (p.auditEntries() > 0 || p.conditionRecords() > 0) {
                LOG.info(
                        "trimmed to the audit's retention: {} audit entries, {} removed road condition record(s)",
                        p.auditEntries(),
                        p.conditionRecords());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn(
                        "trimming to the audit's retention failed, tried again in a period: {}",
                        RedisLink.rootMessage(e));
                failing = true;
            }
        }
    }

    /** One pass (see the class comment); blocking. */
    synchronized Pass pass() {
        long cutoff = clock.millis() - link.options().auditRetention().toMillis();
        long audit = trimAudit(Long.toString(Math.max(0, cutoff)));
        int[] c = trimConditions(cutoff);
        return new Pass(audit, c[0], c[1]);
    }

    private long trimAudit(String minId) {
        String key = link.keys().audit();
        var redis = link.async();
        long removed = redis.xtrim(
                        key,
                        XTrimArgs.Builder.minId(minId).approximateTrimming().limit(AUDIT_LIMIT))
                .toCompletableFuture()
                .join();
        if (removed < AUDIT_LIMIT) {
            removed += redis.xtrim(key, XTrimArgs.Builder.minId(minId).exactTrimming())
                    .toCompletableFuture()
                    .join();
        }
        return removed;
    }

    /** {deleted, looked at}. */
    private int[] trimConditions(long removedBeforeMillis) {
        Keys k = link.keys();
        var redis = link.async();
        List<String> ids = redis.zrange(k.conditions(), conditionCursor, conditionCursor + batch - 1)
                .toCompletableFuture()
                .join();
        List<CompletableFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>(ids.size());
        for (String id : ids) {
            reads.add(redis.hmget(k.record(Keys.conditionRecord(id)), "removed", "removedAt", "version")
                    .toCompletableFuture());
        }
        List<CompletableFuture<Long>> trims = new ArrayList<>();
        List<String> trimmedIds = new ArrayList<>();
        List<Long> trimmedVersions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> fields = new HashMap<>(4);
            for (KeyValue<String, String> kv : reads.get(i).join()) {
                if (kv.hasValue()) {
                    fields.put(kv.getKey(), kv.getValue());
                }
            }
            if (StoreLoader.removedBefore(fields, removedBeforeMillis)) {
                String id = ids.get(i);
                String version = fields.getOrDefault("version", "");
                trims.add(link.eval(
                        StoreLoader.TRIM_SCRIPT,
                        ScriptOutputType.INTEGER,
                        new String[] {k.record(Keys.conditionRecord(id)), k.conditions()},
                        version,
                        id));
                trimmedIds.add(id);
                trimmedVersions.add(parseOrZero(version));
            }
        }
        int deleted = 0;
        for (int i = 0; i < trims.size(); i++) {
            if (trims.get(i).join() == 1) {
                deleted++;
                conditions.forgetRemoved(trimmedIds.get(i), trimmedVersions.get(i));
            }
        }
        // the index lost what was deleted: the next pass starts after what this one kept
        conditionCursor = ids.size() < batch ? 0 : conditionCursor + ids.size() - deleted;
        return new int[] {deleted, ids.size()};
    }

    private static long parseOrZero(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Stops the schedule (a pass running finishes). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
