package org.bluelamp.api;

import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.RejectedExecutionException;
import org.bluelamp.error.BluelampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become gRPC statuses. Every handler of the service ends a failed
 * call through {@link #map}; nothing else chooses a status code.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>exception</th><th>status</th></tr>
 *   <tr><td>{@link BluelampException} INVALID_ARGUMENT</td><td>INVALID_ARGUMENT</td></tr>
 *   <tr><td>{@link BluelampException} NOT_FOUND (e.g. an unknown unit)</td><td>NOT_FOUND</td></tr>
 *   <tr><td>{@link BluelampException} FAILED_PRECONDITION (e.g. an illegal status
 *       transition), NO_ROUTE</td><td>FAILED_PRECONDITION</td></tr>
 *   <tr><td>{@link BluelampException} UNAVAILABLE</td><td>UNAVAILABLE</td></tr>
 *   <tr><td>{@link BluelampException} ALREADY_EXISTS (a unit id registered twice)</td><td>ALREADY_EXISTS</td></tr>
 *   <tr><td>{@link CallRefused}</td><td>its own: UNAUTHENTICATED, PERMISSION_DENIED,
 *       RESOURCE_EXHAUSTED, UNAVAILABLE, ALREADY_EXISTS</td></tr>
 *   <tr><td>{@link RejectedExecutionException}</td><td>RESOURCE_EXHAUSTED</td></tr>
 *   <tr><td>anything else (a bug: every input is validated at the boundary, so even an
 *       {@code IllegalArgumentException} from deeper down is the server's fault)</td>
 *       <td>INTERNAL, logged once with its stack trace; the caller sees no internals</td></tr>
 * </table>
 *
 * <p>Thread-safety: stateless.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    /** A status, its message and the field at fault ("" when none). */
    public record Mapped(GrpcStatus status, String message, String field) {}

    private ErrorMapping() {}

    /** The status for {@code error}, thrown while serving {@code method}. */
    public static Mapped map(Throwable error, String method) {
        Throwable e = unwrap(error);
        if (e instanceof BluelampException be) {
            GrpcStatus s = switch (be.kind()) {
                case INVALID_ARGUMENT -> GrpcStatus.INVALID_ARGUMENT;
                case NOT_FOUND -> GrpcStatus.NOT_FOUND;
                case ALREADY_EXISTS -> GrpcStatus.ALREADY_EXISTS;
                case FAILED_PRECONDITION, NO_ROUTE -> GrpcStatus.FAILED_PRECONDITION;
                case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
            };
            return new Mapped(s, be.getMessage(), be.field());
        }
        if (e instanceof CallRefused cr) {
            return new Mapped(cr.status(), cr.getMessage(), cr.field());
        }
        if (e instanceof RejectedExecutionException) {
            return new Mapped(
                    GrpcStatus.RESOURCE_EXHAUSTED, "the server is too busy to take this call now; retry shortly", "");
        }
        LOG.error("internal error in {}", method, e);
        return new Mapped(GrpcStatus.INTERNAL, "internal error in " + method + " (logged on the server)", "");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
