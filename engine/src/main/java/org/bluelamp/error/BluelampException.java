package org.bluelamp.error;

import java.util.Objects;

/**
 * The engine's one exception type for failures a caller can act on. Every instance names the
 * input field at fault (empty when none applies) and says why, so that a dispatcher, a gateway
 * engineer or a script sees exactly what to fix. Unchecked, immutable, thread-safe.
 */
public class BluelampException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String field;

    /**
     * @param kind what kind of failure this is
     * @param field the name of the input field at fault, e.g. {@code "from"}, or "" when none
     * @param message a one-line explanation naming the value and what to do instead
     */
    public BluelampException(ErrorKind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** As {@link #BluelampException(ErrorKind, String, String)} with an underlying cause. */
    public BluelampException(ErrorKind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** A shorthand for an {@link ErrorKind#INVALID_ARGUMENT} naming {@code field}. */
    public static BluelampException invalid(String field, String message) {
        return new BluelampException(ErrorKind.INVALID_ARGUMENT, field, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The input field at fault, or "" when the failure is not tied to one field. */
    public String field() {
        return field;
    }
}
