package org.bluelamp.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bluelamp.api.ServiceOptions.ConnectionLimits;

/**
 * What one connection may hold on to ({@link ConnectionLimits}), applied to an HTTP server so that
 * slow or idle clients cannot exhaust it: Vert.x's idle timeout (no byte either way for the idle
 * timeout closes the connection), the HTTP/2 {@code SETTINGS_MAX_CONCURRENT_STREAMS} (calls per
 * connection), and, because Vert.x has no header-read timeout, a timer per new connection that
 * closes it unless a complete first request arrives in time (a client trickling its headers keeps
 * bytes moving, so the idle timeout alone would never fire).
 *
 * <p>Thread-safety: safe from the event loops of the server's connections.
 */
final class ConnectionGuard {
    private final Vertx vertx;
    private final ConnectionLimits limits;
    /** Connections still waiting for their first request, with the timer that closes them. */
    private final Map<HttpConnection, Long> awaitingFirstRequest = new ConcurrentHashMap<>();

    ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** The server options with the idle timeout and the per-connection stream limit set. */
    HttpServerOptions apply(HttpServerOptions options) {
        Http2Settings settings =
                options.getInitialSettings() == null ? new Http2Settings() : options.getInitialSettings();
        return options.setIdleTimeout(
                        (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setInitialSettings(settings.setMaxConcurrentStreams(limits.maxStreamsPerConnection()));
    }

    /** A new connection (the server's connection handler): its first request is now awaited. */
    void opened(HttpConnection connection) {
        long timer = vertx.setTimer(limits.headerReadTimeout().toMillis(), id -> {
            if (awaitingFirstRequest.remove(connection) != null) {
                connection.close();
            }
        });
        awaitingFirstRequest.put(connection, timer);
        connection.closeHandler(v -> {
            Long t = awaitingFirstRequest.remove(connection);
            if (t != null) {
                vertx.cancelTimer(t);
            }
        });
    }

    /** A request whose head is complete (every request handler calls this first). */
    void requestArrived(HttpServerRequest request) {
        Long t = awaitingFirstRequest.remove(request.connection());
        if (t != null) {
            vertx.cancelTimer(t);
        }
    }
}
