package org.bluelamp.api;

import com.google.protobuf.Empty;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.transcoding.MethodTranscodingOptions;
import io.vertx.grpc.transcoding.TranscodingServiceMethod;
import java.util.Locale;
import org.bluelamp.input.Echo;

/**
 * What the HTTP/JSON side of the service answers before and beside the contract's own rules:
 * which paths are JSON calls ({@code /v1/...}), which content types they may carry, and the answer
 * to a path or HTTP method that no {@code google.api.http} rule of the contract matches (404 with
 * a JSON body, instead of Vert.x's empty 500). The routes themselves are the contract's rules,
 * generated into the service classes by Vert.x's protoc plugin; nothing here names an RPC.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonRoutes {
    /** Every JSON path of the contract starts with this. */
    static final String PREFIX = "/v1/";

    /**
     * A catch-all under {@code /v1/} for every HTTP method: Vert.x tries the most specific path
     * first ({@code /v1/units} before {@code /v1}), so this is reached only when no rule of the
     * contract matched.
     */
    static final TranscodingServiceMethod<Empty, Empty> NOT_FOUND = TranscodingServiceMethod.server(
            ServiceName.create("bluelamp.http", "Routes"),
            "NotFound",
            GrpcMessageEncoder.encoder(),
            GrpcMessageDecoder.decoder(Empty.newBuilder()),
            catchAll());

    /**
     * Any path under /v1/. Not {@code /v1/**}: Vert.x 5.0.7 mounts a rule at the literal part of
     * its path before the first {@code *} segment, and takes {@code **} for a literal.
     */
    private static final String ANY = "/v1/*/**";

    private JsonRoutes() {}

    private static MethodTranscodingOptions catchAll() {
        MethodTranscodingOptions o =
                new MethodTranscodingOptions().setHttpMethod(HttpMethod.GET).setPath(ANY);
        for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            o.addAdditionalBinding(
                    new MethodTranscodingOptions().setHttpMethod(m).setPath(ANY));
        }
        return o;
    }

    /** Whether {@code path} is one of the contract's HTTP/JSON paths. */
    static boolean isJsonPath(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /** The HTTP methods of the contract's rules (and of {@link #NOT_FOUND}). */
    private static final java.util.Set<HttpMethod> METHODS =
            java.util.Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /**
     * Whether Vert.x's transcoding can take {@code req} at all: one of {@link #METHODS}, on a path
     * with something after {@code /v1/}. Vert.x answers anything else (HEAD, an unknown method,
     * {@code /v1/} itself) with an empty 500, as if the server had failed.
     */
    static boolean routable(HttpServerRequest req) {
        return METHODS.contains(req.method()) && req.path().length() > PREFIX.length();
    }

    /** 405 (with {@code allow}) for a method no rule has, 404 for {@code /v1/} itself. */
    static void unroutable(HttpServerRequest req) {
        boolean method = !METHODS.contains(req.method());
        String message = method
                ? "HTTP method " + Echo.quote(req.method().name()) + " is not served under " + PREFIX
                        + ": the contract's calls are GET, POST, PUT, PATCH and DELETE (see the README for the paths)"
                : "no call of the contract is " + req.method().name() + " " + Echo.quote(req.path())
                        + ": see the README for the HTTP paths (e.g. GET /v1/units, POST /v1/recommendations)";
        GrpcStatus status = method ? GrpcStatus.UNIMPLEMENTED : GrpcStatus.NOT_FOUND;
        if (method) {
            req.response().putHeader("allow", "GET, POST, PUT, PATCH, DELETE");
        }
        String body = ErrorMapping.statusJson(new ErrorMapping.Mapped(status, message, "")) + "\n";
        req.response()
                .setStatusCode(method ? 405 : 404)
                .putHeader(HttpHeaders.CONTENT_TYPE, JsonCall.JSON)
                .putHeader("grpc-status", Integer.toString(status.code));
        if (req.method() == HttpMethod.HEAD) {
            req.response().end(); // a HEAD answer has no body
        } else {
            req.response().end(body);
        }
    }

    /** A JSON call may carry no content type (a GET) or {@code application/json} with any parameters. */
    static boolean acceptsContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.toLowerCase(Locale.ROOT).equals(JsonCall.JSON);
    }

    /** 415 for a body in another type. */
    static void unsupportedType(HttpServerRequest req, String contentType) {
        String message = "content-type " + Echo.quote(contentType) + " is not served under " + PREFIX
                + ": send JSON as application/json (or application/grpc for gRPC)";
        contentTypeRefused(req, message);
    }

    /** 415 with a google.rpc.Status body: INVALID_ARGUMENT naming {@code content-type}, saying {@code message}. */
    private static void contentTypeRefused(HttpServerRequest req, String message) {
        req.response()
                .setStatusCode(415)
                .putHeader(HttpHeaders.CONTENT_TYPE, JsonCall.JSON)
                .putHeader("grpc-status", Integer.toString(GrpcStatus.INVALID_ARGUMENT.code))
                .end(ErrorMapping.statusJson(
                                new ErrorMapping.Mapped(GrpcStatus.INVALID_ARGUMENT, message, "content-type"))
                        + "\n");
    }

    /**
     * 415 for gRPC ({@code application/grpc}) over HTTP/1.x, which gRPC does not define: Vert.x
     * answered it with an empty 415 that told the caller nothing.
     */
    static void grpcNeedsHttp2(HttpServerRequest req, String contentType) {
        String message = "content-type " + Echo.quote(contentType) + " needs HTTP/2 (h2c, or TLS with ALPN h2), and "
                + "this request came over " + req.version().alpnName() + ": over HTTP/1.1 send gRPC-Web "
                + "(application/grpc-web+proto) or JSON (application/json) to the contract's " + PREFIX + " paths";
        contentTypeRefused(req, message);
    }

    /** The answer when no rule of the contract matches the path and HTTP method. */
    static void notFound(GrpcServerRequest<Empty, Empty> request) {
        JsonCall call = JsonCall.claim();
        if (call == null) {
            request.response().status(GrpcStatus.UNIMPLEMENTED).end();
            return;
        }
        call.fail(new ErrorMapping.Mapped(
                GrpcStatus.NOT_FOUND,
                "no call of the contract is " + call.method() + " " + Echo.quote(call.path())
                        + ": see the README for the HTTP paths (e.g. GET /v1/units, POST /v1/recommendations)",
                ""));
    }
}
