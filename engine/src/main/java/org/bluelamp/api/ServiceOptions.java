package org.bluelamp.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

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
 * @param connections what one connection may hold on to: {@link ConnectionLimits}
 * @param corsOrigins origins (e.g. {@code https://console.example}) whose browser pages may call
 *     the service (gRPC-Web with CORS); empty: the service's own origin only. A request carrying
 *     another {@code Origin} is refused (HTTP 403)
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
        Duration drainTimeout,
        ConnectionLimits connections,
        List<String> corsOrigins) {

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
        Objects.requireNonNull(connections, "connections");
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw BluelampException.invalid(
                        "cors-origin",
                        "--cors-origin " + Echo.quote(origin)
                                + " is not an origin: give scheme://host[:port], e.g. https://console.example");
            }
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw BluelampException.invalid("drain-seconds", "the drain timeout must not be negative");
        }
    }

    /**
     * Loopback, gRPC on 50051, health on 8080, plaintext, 4 MiB messages, 10,000 fixes a batch,
     * 8 batches in flight per stream, 4,096 queued batches, one search thread and one event loop
     * per core, 1,024 queued searches, 10 s drain, {@link ConnectionLimits#defaults()}, no CORS
     * origins beyond the service's own.
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
                Duration.ofSeconds(10),
                ConnectionLimits.defaults(),
                List.of());
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
                drainTimeout,
                connections,
                corsOrigins);
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
                drainTimeout,
                connections,
                corsOrigins);
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
                drainTimeout,
                connections,
                corsOrigins);
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
                drainTimeout,
                connections,
                corsOrigins);
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
                drainTimeout,
                connections,
                corsOrigins);
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
                d,
                connections,
                corsOrigins);
    }

    public ServiceOptions withConnectionLimits(ConnectionLimits limits) {
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
                drainTimeout,
                limits,
                corsOrigins);
    }

    public ServiceOptions withCorsOrigins(List<String> origins) {
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
                drainTimeout,
                connections,
                origins);
    }

    /**
     * What one connection may hold on to, so that slow or idle clients cannot exhaust the server.
     *
     * @param idleTimeout a connection on which no byte moves either way for this long is closed
     *     (calls and all; the live feed sends a heartbeat update well within it), 1 s to 1 day
     * @param headerReadTimeout a new connection that has not sent a complete first request
     *     within this long is closed (slow-header clients), 1 s to 10 min
     * @param maxStreamsPerConnection calls one HTTP/2 connection may have open at once (its
     *     {@code SETTINGS_MAX_CONCURRENT_STREAMS}; clients queue the rest), 1 to 10,000
     */
    public record ConnectionLimits(Duration idleTimeout, Duration headerReadTimeout, int maxStreamsPerConnection) {
        public ConnectionLimits {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(headerReadTimeout, "headerReadTimeout");
            checkDuration("idle-timeout-seconds", idleTimeout, Duration.ofSeconds(1), Duration.ofDays(1));
            checkDuration("header-timeout-seconds", headerReadTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
            check("max-streams-per-connection", maxStreamsPerConnection, 1, 10_000);
        }

        /** 5 minutes idle, 10 s for the first request, 100 calls per connection. */
        public static ConnectionLimits defaults() {
            return new ConnectionLimits(Duration.ofMinutes(5), Duration.ofSeconds(10), 100);
        }

        private static void checkDuration(String option, Duration d, Duration min, Duration max) {
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw BluelampException.invalid(
                        option,
                        option + " must be between " + min.toSeconds() + " and " + max.toSeconds() + " s, got "
                                + d.toMillis() / 1000.0);
            }
        }
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
