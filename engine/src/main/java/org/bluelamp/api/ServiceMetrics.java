package org.bluelamp.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.bluelamp.fleet.FixOutcome;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.store.FixJournal;
import org.bluelamp.store.StoreFollower;
import org.bluelamp.tracking.IntakeCounters;
import org.bluelamp.tracking.RejectReason;

/**
 * The service's metrics in a Micrometer Prometheus registry, scraped as Prometheus text at
 * {@code /metrics}:
 *
 * <ul>
 *   <li>{@code bluelamp_grpc_server_call_duration_seconds} (histogram; tags {@code method},
 *       {@code status}): every call from its first byte to its status, streams included;
 *   <li>{@code bluelamp_fixes_total} (tag {@code outcome}) and {@code bluelamp_fixes_rejected_total}
 *       (tag {@code reason}): the intake's counters;
 *   <li>{@code bluelamp_fix_batches_total}, {@code bluelamp_intake_queue_depth},
 *       {@code bluelamp_fleet_units}, {@code bluelamp_active_calls}, {@code bluelamp_watchers};
 *   <li>the durable state: {@code bluelamp_store_up} (1 reachable, 0 degraded),
 *       {@code bluelamp_store_commits_total}, {@code bluelamp_store_commits_refused_total},
 *       {@code bluelamp_store_conflicts_total}, {@code bluelamp_audit_dropped_total},
 *       {@code bluelamp_journal_fixes_total}, {@code bluelamp_journal_pending_fixes},
 *       {@code bluelamp_journal_dropped_fixes_total}, {@code bluelamp_replica_behind_seconds}.
 * </ul>
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Call timers by method, each an array by the status's ordinal (filled as statuses occur). */
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

    private final Counter fixBatches = Counter.builder("bluelamp.fix.batches")
            .description("fix batches applied")
            .register(registry);

    /** The registry, for further meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Records one call. */
    public void recordCall(String method, GrpcStatus status, long nanos) {
        // by method, then by the status's ordinal: no key string built per call (the event loops
        // record every call, thousands a second under load)
        AtomicReferenceArray<Timer> byStatus = timers.get(method);
        if (byStatus == null) {
            byStatus = timers.computeIfAbsent(method, k -> new AtomicReferenceArray<>(GrpcStatus.values().length));
        }
        Timer t = byStatus.get(status.ordinal());
        if (t == null) {
            // the registry returns the one timer of a name and tags, so a race registers it once
            t = Timer.builder("bluelamp.grpc.server.call.duration")
                    .description("gRPC calls from request headers to status, by method and status")
                    .tag("method", method)
                    .tag("status", status.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
            byStatus.set(status.ordinal(), t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one fix batch applied (from the intake thread). */
    void fixBatchApplied() {
        fixBatches.increment();
    }

    /** Binds the intake's counters (read at scrape time). */
    void bindIntake(IntakeCounters counters, IntakeWorker worker) {
        for (FixOutcome o : FixOutcome.values()) {
            FunctionCounter.builder("bluelamp.fixes", counters, c -> c.count(o))
                    .description("fixes taken by the intake, by outcome")
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (RejectReason r : RejectReason.values()) {
            FunctionCounter.builder("bluelamp.fixes.rejected", counters, c -> c.rejected(r))
                    .description("fixes refused by the intake, by reason")
                    .tag("reason", r.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        gauge("bluelamp.intake.queue.depth", "tasks waiting for the intake thread", worker, w -> w.queueDepth());
    }

    /** Binds the durable state's figures (read at scrape time; the journal and follower may come later). */
    void bindStore(DurableFleet durable) {
        gauge(
                "bluelamp.store.up",
                "1 when the state store can be reached, 0 when degraded",
                durable,
                d -> d.degraded() ? 0 : 1);
        FunctionCounter.builder(
                        "bluelamp.store.commits",
                        durable,
                        d -> d.store().status().commits())
                .description("changes of state made durable")
                .register(registry);
        FunctionCounter.builder(
                        "bluelamp.store.commits.refused",
                        durable,
                        d -> d.store().status().commitsRefused())
                .description("changes of state refused because the store could not be reached in time")
                .register(registry);
        FunctionCounter.builder("bluelamp.store.conflicts", durable, d -> d.conflictCount())
                .description("changes planned again because another instance changed a record first")
                .register(registry);
        FunctionCounter.builder(
                        "bluelamp.audit.dropped",
                        durable,
                        d -> d.store().status().auditDropped())
                .description("audit entries dropped because their backlog was full while the store was away")
                .register(registry);
        FunctionCounter.builder("bluelamp.journal.fixes", durable, d -> journalValue(d, FixJournal::journaledCount))
                .description("fixes written to the journal")
                .register(registry);
        gauge(
                "bluelamp.journal.pending.fixes",
                "fixes waiting for the journal",
                durable,
                d -> journalValue(d, FixJournal::pendingCount));
        FunctionCounter.builder(
                        "bluelamp.journal.dropped.fixes", durable, d -> journalValue(d, FixJournal::droppedCount))
                .description("fixes dropped because the journal's backlog was full while the store was away")
                .register(registry);
        gauge("bluelamp.replica.behind.seconds", "how far this replica is behind the shared streams", durable, d -> {
            StoreFollower f = d.follower();
            return f == null ? 0 : f.behindMillis() / 1000.0;
        });
    }

    private static double journalValue(DurableFleet d, java.util.function.ToLongFunction<FixJournal> f) {
        FixJournal j = d.journal();
        return j == null ? 0 : f.applyAsLong(j);
    }

    /** Registers a gauge read at scrape time. */
    <T> void gauge(String name, String description, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    /** Registers a gauge of a supplier. */
    void gauge(String name, String description, Supplier<Number> f) {
        Gauge.builder(name, f).description(description).strongReference(true).register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
