package org.bluelamp.api;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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

    /**
     * The most bytes a status message takes on the wire, percent-encoded as gRPC sends it
     * ({@code grpc-message}). A status travels in an HTTP/2 header block, which every client
     * limits (grpc-java to 8 KiB for all headers, nghttp2 to 64 KiB per field); a block over the
     * limit is a stream or connection error on the client's side, so the caller gets no status
     * and, with some clients, the connection's later calls hang. Capping the message keeps every
     * reply complete whatever the error says; echoes of input are capped separately
     * ({@link org.bluelamp.input.Echo}).
     */
    public static final int MAX_STATUS_MESSAGE_BYTES = 1024;

    /** A status, its message (capped, see {@link #MAX_STATUS_MESSAGE_BYTES}) and the field at fault ("" when none). */
    public record Mapped(GrpcStatus status, String message, String field) {
        public Mapped {
            message = fit(message);
        }
    }

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
                case RESOURCE_EXHAUSTED -> GrpcStatus.RESOURCE_EXHAUSTED;
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

    /**
     * {@code message} cut so that its percent-encoded form (bytes outside printable ASCII, and
     * '%', take three characters per UTF-8 byte) is at most {@link #MAX_STATUS_MESSAGE_BYTES},
     * with "... (n more characters)" when cut.
     */
    static String fit(String message) {
        if (message == null) {
            return "";
        }
        int budget = MAX_STATUS_MESSAGE_BYTES - 40; // room for the suffix
        int size = 0;
        int i = 0;
        while (i < message.length()) {
            int cp = message.codePointAt(i);
            int bytes = cp >= 0x20 && cp < 0x7F && cp != '%' ? 1 : 3 * utf8Length(cp);
            if (size + bytes > budget) {
                break;
            }
            size += bytes;
            i += Character.charCount(cp);
        }
        if (i == message.length()) {
            return message;
        }
        return message.substring(0, i) + "... (" + message.codePointCount(i, message.length()) + " more characters)";
    }

    /**
     * {@code message} percent-encoded as the gRPC protocol writes {@code grpc-message}
     * (PROTOCOL-HTTP2.md: printable ASCII other than '%' as it is, every other UTF-8 byte as
     * {@code %XX}). Vert.x 5.0.7 encodes it as a URL query component instead (space, ':', ',',
     * '\'', '+' ... all encoded), which the spec allows but grpc-js, the Node.js client, reads
     * with {@code decodeURI} and so shows its callers "%3A" and "%2C"; it also made the wire size
     * three times what {@link #fit} counts. This is the form every gRPC client decodes.
     */
    public static String grpcMessage(String message) {
        StringBuilder out = new StringBuilder(message.length() + 16);
        for (byte b : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7F && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * The HTTP status of a gRPC status, for calls over HTTP/JSON: the mapping of
     * {@code google/rpc/code.proto} (the one gRPC transcoding gateways use).
     */
    public static int httpStatus(GrpcStatus status) {
        return switch (status) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }

    /**
     * The error as the body of an HTTP/JSON answer: a {@code google.rpc.Status} in the contract's
     * JSON ({@link ContractJson}) with the gRPC code, the message and, when a field is at fault, a
     * {@code google.rpc.BadRequest} detail naming it, e.g. {@code {"code":3,"message":"...",
     * "details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":
     * "incident.grade","description":"..."}]}]}}.
     */
    public static String statusJson(Mapped m) {
        Status.Builder s = Status.newBuilder().setCode(m.status().code).setMessage(m.message());
        if (!m.field().isEmpty()) {
            s.addDetails(Any.pack(BadRequest.newBuilder()
                    .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(m.field())
                            .setDescription(m.message()))
                    .build()));
        }
        return ContractJson.print(s);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
