package org.bluelamp.api.client;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Our own Vert.x client of the service, for the command line ({@code client}, {@code load}): the
 * bearer token on every call, unary calls as futures, server streams as callbacks. The stubs are
 * the generated {@code *GrpcClient} method constants (e.g. {@code FleetGrpcClient.GetUnit}).
 *
 * <p>Thread-safety: safe from any thread; callbacks run on Vert.x event loops.
 */
public final class BluelampClient implements AutoCloseable {
    /** Trailer in which the server names the request field at fault. */
    public static final String FIELD_TRAILER = "bluelamp-error-field";

    private final GrpcClient client;
    private final SocketAddress address;
    private final String authorization;

    private BluelampClient(GrpcClient client, SocketAddress address, String token) {
        this.client = client;
        this.address = address;
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token.trim();
    }

    /**
     * A client of the server at {@code host:port}.
     *
     * @param token bearer token, or null for none
     * @param tlsTrust PEM certificate(s) to trust for TLS, or null for plaintext (h2c)
     * @param trustAll with TLS, trust any certificate (testing only)
     */
    public static BluelampClient connect(
            Vertx vertx, String host, int port, String token, Path tlsTrust, boolean trustAll) {
        HttpClientOptions http =
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
        if (tlsTrust != null || trustAll) {
            http.setSsl(true).setUseAlpn(true);
            if (trustAll) {
                http.setTrustAll(true).setVerifyHost(false);
            } else {
                http.setTrustOptions(new PemTrustOptions().addCertPath(tlsTrust.toString()));
            }
        }
        GrpcClient c = GrpcClient.client(vertx, new GrpcClientOptions(), http);
        return new BluelampClient(c, SocketAddress.inetSocketAddress(port, host), token);
    }

    /** One unary call; fails with {@link RemoteCallException} on a non-OK status. */
    public <Req extends Message, Resp extends Message> Future<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
        return client.request(address, method)
                .compose(req -> {
                    authorize(req);
                    return req.send(request);
                })
                .compose(BluelampClient::single);
    }

    /** A server-streaming call: {@code onMessage} for each message; the future ends with the stream. */
    public <Req extends Message, Resp extends Message> Future<Void> stream(
            ServiceMethod<Resp, Req> method, Req request, Consumer<Resp> onMessage) {
        return client.request(address, method)
                .compose(req -> {
                    authorize(req);
                    return req.send(request);
                })
                .compose(resp -> {
                    Promise<Void> done = Promise.promise();
                    resp.handler(onMessage::accept);
                    resp.exceptionHandler(done::tryFail);
                    resp.endHandler(v -> {
                        if (resp.status() == GrpcStatus.OK) {
                            done.tryComplete();
                        } else {
                            done.tryFail(error(resp));
                        }
                    });
                    return done.future();
                });
    }

    /** Opens a (client- or bidirectional-) streaming call with the token set; the caller writes. */
    public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> open(ServiceMethod<Resp, Req> method) {
        return client.request(address, method).map(req -> {
            authorize(req);
            return req;
        });
    }

    private void authorize(GrpcClientRequest<?, ?> req) {
        if (authorization != null) {
            req.headers().set("authorization", authorization);
        }
    }

    private static <Resp> Future<Resp> single(GrpcClientResponse<?, Resp> resp) {
        Promise<Resp> p = Promise.promise();
        Object[] last = new Object[1];
        resp.handler(m -> last[0] = m);
        resp.exceptionHandler(p::tryFail);
        resp.endHandler(v -> {
            if (resp.status() == GrpcStatus.OK) {
                @SuppressWarnings("unchecked")
                Resp r = (Resp) last[0];
                p.tryComplete(r);
            } else {
                p.tryFail(error(resp));
            }
        });
        return p.future();
    }

    /**
     * The error of a response ended with a non-OK status. The field trailer is looked for in the
     * trailers and, for an error sent without any message ("trailers-only", one header block), in
     * the headers.
     */
    public static RemoteCallException error(GrpcClientResponse<?, ?> resp) {
        String field = resp.trailers() == null ? null : resp.trailers().get(FIELD_TRAILER);
        if ((field == null || field.isEmpty()) && resp.headers() != null) {
            field = resp.headers().get(FIELD_TRAILER);
        }
        // the message as sent (Vert.x's own decoding takes '+' for a space, as in a URL query)
        String wire = resp.trailers() == null ? null : resp.trailers().get("grpc-message");
        if (wire == null && resp.headers() != null) {
            wire = resp.headers().get("grpc-message");
        }
        String message =
                wire != null ? StatusMessages.decode(wire) : resp.statusMessage() == null ? "" : resp.statusMessage();
        return new RemoteCallException(resp.status(), message, field);
    }

    @Override
    public void close() {
        client.close();
    }
}
