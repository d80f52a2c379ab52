package org.bluelamp.cli;

import io.vertx.core.http.StreamResetException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.bluelamp.api.client.RemoteCallException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * Turns a failed call into the command line's error: the service's status becomes an exit code
 * (through the {@link ErrorKind}), the field it named becomes the option the user wrote
 * ({@link RequestFields}), and a transport failure is said in words (connection refused, unknown
 * host, TLS) without the class names of the libraries underneath.
 *
 * <p>Stateless and thread-safe.
 */
final class RemoteErrors {
    private RemoteErrors() {}

    /**
     * The error for {@code failure}, a call to {@code target} described by {@code fields}.
     *
     * @param failure what the call failed with
     * @param target the service's address as the user gave it
     * @param fields what the user wrote for each request field
     */
    static BluelampException describe(Throwable failure, String target, RequestFields fields) {
        if (failure instanceof BluelampException be) {
            return be;
        }
        if (failure instanceof RemoteCallException r) {
            return remote(r, fields);
        }
        return transport(failure, target);
    }

    private static BluelampException remote(RemoteCallException r, RequestFields fields) {
        GrpcStatus status = r.status();
        String serviceText = serviceMessage(r);
        String replacement = fields.replacement(status);
        ErrorKind kind = switch (status) {
            case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorKind.INVALID_ARGUMENT;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case ALREADY_EXISTS -> ErrorKind.ALREADY_EXISTS;
            case FAILED_PRECONDITION, UNAUTHENTICATED, PERMISSION_DENIED -> ErrorKind.FAILED_PRECONDITION;
            default -> ErrorKind.UNAVAILABLE;
        };
        if (replacement != null) {
            return new BluelampException(kind, r.field(), replacement);
        }
        String written = fields.describe(r.field());
        String what = switch (status) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> "refused by the service: ";
            case NOT_FOUND -> "not found by the service: ";
            case ALREADY_EXISTS -> "already exists on the service: ";
            case UNAUTHENTICATED -> "the service needs a valid token (give --token or set $BLUELAMP_TOKEN): ";
            case PERMISSION_DENIED -> "this token's role may not make this call: ";
            case RESOURCE_EXHAUSTED -> "the service is overloaded; try again: ";
            case UNAVAILABLE -> "the service is unavailable: ";
            case DEADLINE_EXCEEDED -> "the service ran out of time: ";
            case UNIMPLEMENTED -> "the service does not offer this call (is it a Bluelamp service?): ";
            default -> "the service failed (" + status + "): ";
        };
        String field = written != null ? fieldName(written) : r.field();
        return new BluelampException(kind, field, (written != null ? written + ": " : "") + what + serviceText);
    }

    /** The option's name from a description such as {@code --k '500'}. */
    private static String fieldName(String written) {
        int space = written.indexOf(' ');
        return space < 0 ? written : written.substring(0, space);
    }

    /** The service's own message, without the status name the client exception puts first. */
    private static String serviceMessage(RemoteCallException r) {
        String m = r.getMessage() == null ? "" : r.getMessage();
        String prefix = r.status().name() + ": ";
        m = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        return m.isBlank() ? "(no message)" : m;
    }

    private static BluelampException transport(Throwable failure, String target) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return unavailable("cannot reach the service at " + target + ": the host is not known (--target)");
            }
            if (t instanceof ConnectException) {
                String why = firstLine(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (why.contains("refused")) {
                    return unavailable("cannot reach the service at " + target
                            + ": connection refused; is 'dispatch serve' running there? (--target)");
                }
                return unavailable(
                        "cannot reach the service at " + target + ": " + firstLine(t.getMessage()) + " (--target)");
            }
            if (t instanceof SSLException) {
                return unavailable("TLS with " + target + " failed: " + firstLine(t.getMessage())
                        + " (check --tls-trust, or that the service uses TLS)");
            }
            if (t instanceof StreamResetException reset) {
                return unavailable(
                        "the service at " + target + " reset the call (HTTP/2 error code " + reset.getCode() + ")");
            }
        }
        String message = firstLine(failure.getMessage());
        return unavailable("the call to " + target + " failed: "
                + (message.isEmpty() ? "the connection was lost" : message)
                + " (is --target a Bluelamp gRPC port, with TLS only when the service has it?)");
    }

    private static BluelampException unavailable(String message) {
        return new BluelampException(ErrorKind.UNAVAILABLE, "--target", message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().findFirst().orElse("").strip();
    }
}
