package org.bluelamp.api;

import io.vertx.grpc.common.GrpcStatus;
import java.util.Objects;

/**
 * A call the service refuses for a reason that belongs to the network boundary, not to the
 * engine: a missing or wrong token, a role without the right, an overloaded server, a server
 * shutting down. Engine failures are {@link org.bluelamp.error.BluelampException}s; both become
 * gRPC statuses in {@link ErrorMapping}, the one place that does so.
 *
 * <p>Thread-safety: immutable.
 */
public final class CallRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Why {
        /** No token, or a token the server does not know: UNAUTHENTICATED. */
        UNAUTHENTICATED,
        /** A known token whose role may not make this call: PERMISSION_DENIED. */
        PERMISSION_DENIED,
        /** Too much work queued: RESOURCE_EXHAUSTED; retry later. */
        OVERLOADED,
        /** The server is shutting down: UNAVAILABLE; retry on another instance. */
        SHUTTING_DOWN,
        /** An id that already exists: ALREADY_EXISTS. */
        ALREADY_EXISTS
    }

    private final Why why;
    private final String field;

    public CallRefused(Why why, String field, String message) {
        super(message);
        this.why = Objects.requireNonNull(why, "why");
        this.field = Objects.requireNonNull(field, "field");
    }

    public Why why() {
        return why;
    }

    /** The field at fault, or "". */
    public String field() {
        return field;
    }

    GrpcStatus status() {
        return switch (why) {
            case UNAUTHENTICATED -> GrpcStatus.UNAUTHENTICATED;
            case PERMISSION_DENIED -> GrpcStatus.PERMISSION_DENIED;
            case OVERLOADED -> GrpcStatus.RESOURCE_EXHAUSTED;
            case SHUTTING_DOWN -> GrpcStatus.UNAVAILABLE;
            case ALREADY_EXISTS -> GrpcStatus.ALREADY_EXISTS;
        };
    }
}
