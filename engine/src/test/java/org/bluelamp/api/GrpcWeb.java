package org.bluelamp.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gRPC-Web calls built by hand over HTTP/1.1 (the JDK's client), so that a test can send bodies
 * no stock gRPC client would: bad flags, lying length prefixes, broken base64. Each call has a
 * 10 s timeout, so a server that never answers fails the test instead of hanging it.
 */
final class GrpcWeb {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GrpcWeb() {}

    /** A frame: flags, 4-byte length, payload. */
    static byte[] frame(int flags, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length)
                .put((byte) flags)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    /** Frames one after another. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** What came back: HTTP status and headers, the messages, and the gRPC status and trailers. */
    record Answer(int httpStatus, List<byte[]> messages, Map<String, String> status) {
        String grpcStatus() {
            return status.get("grpc-status");
        }

        String grpcMessage() {
            String m = status.get("grpc-message");
            return m == null ? null : java.net.URLDecoder.decode(m.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /** POSTs {@code body} to {@code method} on the service's port with the given content type and headers. */
    static Answer call(int port, String method, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + method))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", contentType)
                .header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> resp = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = resp.body();
        if (!resp.headers().firstValue("content-type").orElse("").startsWith("application/grpc-web")) {
            bytes = new byte[0]; // not a gRPC-Web answer (e.g. a refusal in plain HTTP)
        } else if (contentType.startsWith("application/grpc-web-text")) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            String text = new String(bytes, StandardCharsets.US_ASCII);
            for (String chunk : text.split("(?<==)(?=[^=])")) {
                if (!chunk.isEmpty()) {
                    decoded.writeBytes(Base64.getDecoder().decode(chunk));
                }
            }
            bytes = decoded.toByteArray();
        }
        List<byte[]> messages = new ArrayList<>();
        Map<String, String> status = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 5) {
            byte flags = b.get();
            byte[] payload = new byte[b.getInt()];
            b.get(payload);
            if ((flags & 0x80) != 0) {
                for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        status.put(
                                line.substring(0, colon).trim().toLowerCase(),
                                line.substring(colon + 1).trim());
                    }
                }
            } else {
                messages.add(payload);
            }
        }
        for (String h : List.of("grpc-status", "grpc-message", Rpc.FIELD_TRAILER)) {
            resp.headers().firstValue(h).ifPresent(v -> status.putIfAbsent(h, v));
        }
        return new Answer(resp.statusCode(), messages, status);
    }
}
