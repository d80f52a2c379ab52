package org.bluelamp.api.client;

import io.vertx.grpc.common.GrpcStatus;

/**
 * A call the server ended with a status other than OK.
 *
 * <p>Thread-safety: immutable.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GrpcStatus status;
    private final String field;

    public RemoteCallException(GrpcStatus status, String message, String field) {
        super(status.name() + ": " + message);
        this.status = status;
        this.field = field == null ? "" : field;
    }

    /** The status the server sent. */
    public GrpcStatus status() {
        return status;
    }

    /** The request field the server named as at fault, or "". */
    public String field() {
        return field;
    }
}
