package org.bluelamp.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.bluelamp.error.BluelampException;

/**
 * How the network service runs: addresses, TLS, limits and pools. Bad values are refused at once,
 * naming the option.
 *
 * @param host address the gRPC and HTTP servers bind to, e.g. {@code 127.0.0.1}
 * @param grpcPort gRPC (and gRPC-Web) port; 0 picks a free one
 * @param httpPort health and metrics port; 0 picks a free one, -1 serves them on the gRPC port only
 * @param tlsCertPath PEM certificate chain to serve TLS with, or null for plaintext (h2c)
 * @param tlsKeyPath PEM private key (PKCS#8 or PKCS#1) of the certificate, or null
 * @param maxMessageBytes largest request message taken, bytes (1 KiB to 64 MiB); larger ones get
 *     INVALID_ARGUMENT (a fix stream rejects just that message)
 * @param maxFixesPerBatch most fixes in one FixBatch (1 to 1,000,000)
 * @param maxInFlightBatchesPerStream unacknowledged batches one fix stream may have before the
 *     server stops reading it (HTTP/2 flow control pushes back to the gateway), 1 to 1,024
 * @param intakeQueueCapacity batches waiting for the intake thread across all streams; when full,
 *     further batches are acknowledged as OVERLOADED (nothing applied), 16 to 1,048,576
 * @param searchThreads threads that run recommendations and fleet area queries, 1 to 256
 * @param maxQueuedSearches searches waiting or running before RESOURCE_EXHAUSTED, 1 to 100,000
 * @param eventLoopInstances gRPC server instances (one event loop each), 1 to 64
 * @param drainTimeout how long shutdown waits for calls in flight
 *
 * <p>Thread-safety: immutable.
 */
public record ServiceOptions(
        String host,
        int grpcPort,
        int httpPort,
        Path tlsCertPath,
        Path tlsKeyPath,
        int maxMessageBytes,
        int maxFixesPerBatch,
        int maxInFlightBatchesPerStream,
        int intakeQueueCapacity,
        int searchThreads,
        int maxQueuedSearches,
        int eventLoopInstances,
        Duration drainTimeout) {

    public ServiceOptions {
        Objects.requireNonNull(host, "host");
        check("port", grpcPort, 0, 65535);
        check("http-port", httpPort, -1, 65535);
        if ((tlsCertPath == null) != (tlsKeyPath == null)) {
            throw BluelampException.invalid(
                    tlsCertPath == null ? "tls-cert" : "tls-key", "give both --tls-cert and --tls-key, or neither");
        }
        check("max-message-bytes", maxMessageBytes, 1024, 64 << 20);
        check("max-fixes-per-batch", maxFixesPerBatch, 1, 1_000_000);
        check("max-in-flight-batches", maxInFlightBatchesPerStream, 1, 1024);
        check("intake-queue", intakeQueueCapacity, 16, 1 << 20);
        check("search-threads", searchThreads, 1, 256);
        check("max-queued-searches", maxQueuedSearches, 1, 100_000);
        check("event-loops", eventLoopInstances, 1, 64);
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw BluelampException.invalid("drain-seconds", "the drain timeout must not be negative");
        }
    }

    /**
     * Loopback, gRPC on 50051, health on 8080, plaintext, 4 MiB messages, 10,000 fixes a batch,
     * 8 batches in flight per stream, 4,096 queued batches, one search thread and one event loop
     * per core, 1,024 queued searches, 10 s drain.
     */
    public static ServiceOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServiceOptions(
                "127.0.0.1",
                50051,
                8080,
                null,
                null,
                4 << 20,
                10_000,
                8,
                4096,
                Math.max(1, cores),
                1024,
                Math.max(1, cores),
                Duration.ofSeconds(10));
    }

    /** For tests: free ports on loopback. */
    public static ServiceOptions loopbackEphemeral() {
        return defaults().withPorts(0, 0);
    }

    public ServiceOptions withHost(String h) {
        return new ServiceOptions(
                h,
                grpcPort,
                httpPort,
                tlsCertPath,
                tlsKeyPath,
                maxMessageBytes,
                maxFixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searchThreads,
                maxQueuedSearches,
                eventLoopInstances,
                drainTimeout);
    }

    public ServiceOptions withPorts(int grpc, int http) {
        return new ServiceOptions(
                host,
                grpc,
                http,
                tlsCertPath,
                tlsKeyPath,
                maxMessageBytes,
                maxFixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searchThreads,
                maxQueuedSearches,
                eventLoopInstances,
                drainTimeout);
    }

    public ServiceOptions withTls(Path cert, Path key) {
        return new ServiceOptions(
                host,
                grpcPort,
                httpPort,
                cert,
                key,
                maxMessageBytes,
                maxFixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searchThreads,
                maxQueuedSearches,
                eventLoopInstances,
                drainTimeout);
    }

    public ServiceOptions withLimits(int messageBytes, int fixesPerBatch) {
        return new ServiceOptions(
                host,
                grpcPort,
                httpPort,
                tlsCertPath,
                tlsKeyPath,
                messageBytes,
                fixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searchThreads,
                maxQueuedSearches,
                eventLoopInstances,
                drainTimeout);
    }

    public ServiceOptions withThreads(int searches, int eventLoops) {
        return new ServiceOptions(
                host,
                grpcPort,
                httpPort,
                tlsCertPath,
                tlsKeyPath,
                maxMessageBytes,
                maxFixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searches,
                maxQueuedSearches,
                eventLoops,
                drainTimeout);
    }

    public ServiceOptions withDrainTimeout(Duration d) {
        return new ServiceOptions(
                host,
                grpcPort,
                httpPort,
                tlsCertPath,
                tlsKeyPath,
                maxMessageBytes,
                maxFixesPerBatch,
                maxInFlightBatchesPerStream,
                intakeQueueCapacity,
                searchThreads,
                maxQueuedSearches,
                eventLoopInstances,
                d);
    }

    /** Whether TLS is on. */
    public boolean tls() {
        return tlsCertPath != null;
    }

    private static void check(String option, int v, int min, int max) {
        if (v < min || v > max) {
            throw BluelampException.invalid(option, option + " must be between " + min + " and " + max + ", got " + v);
        }
    }
}
