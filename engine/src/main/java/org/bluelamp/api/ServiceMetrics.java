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
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.bluelamp.fleet.FixOutcome;
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
 *       {@code bluelamp_fleet_units}, {@code bluelamp_active_calls}, {@code bluelamp_watchers}.
 * </ul>
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter fixBatches = Counter.builder("bluelamp.fix.batches")
            .description("fix batches applied")
            .register(registry);

    /** The registry, for further meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Records one call. */
    public void recordCall(String method, GrpcStatus status, long nanos) {
        String key = method + '|' + status.name();
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(
                    key,
                    k -> Timer.builder("bluelamp.grpc.server.call.duration")
                            .description("gRPC calls from request headers to status, by method and status")
                            .tag("method", method)
                            .tag("status", status.name())
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                            .maximumExpectedValue(Duration.ofSeconds(30))
                            .register(registry));
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
