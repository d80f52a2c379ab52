package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.Unit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gRPC-Web as a browser sends it: an HTTP/1.1 POST from another origin with a length-prefixed
 * frame, binary and base64 text; the answer's data frame and trailers frame parsed by hand. Also
 * the CORS preflight, and /health and /metrics over plain HTTP.
 */
class GrpcWebTest {
    private static ServiceFixture fx;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static byte[] frame(byte flags, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length)
                .put(flags)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    /** The frames of a gRPC-Web body: message payloads in order, then the trailers as a map. */
    private record Frames(java.util.List<byte[]> messages, Map<String, String> trailers) {
        static Frames parse(byte[] body) {
            java.util.List<byte[]> messages = new java.util.ArrayList<>();
            Map<String, String> trailers = new LinkedHashMap<>();
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.remaining() >= 5) {
                byte flags = b.get();
                byte[] payload = new byte[b.getInt()];
                b.get(payload);
                if ((flags & 0x80) != 0) {
                    for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            trailers.put(
                                    line.substring(0, colon).trim().toLowerCase(),
                                    line.substring(colon + 1).trim());
                        }
                    }
                } else {
                    messages.add(payload);
                }
            }
            return new Frames(messages, trailers);
        }
    }

    private HttpResponse<byte[]> post(String method, String contentType, byte[] body, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fx.service.grpcPort() + "/" + method))
                .header("content-type", contentType)
                .header("accept", contentType)
                .header("x-grpc-web", "1")
                .header("x-user-agent", "grpc-web-javascript/0.1")
                .header("origin", "http://console.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            r.header("authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void binaryGrpcWebCallFromABrowser() throws Exception {
        byte[] req = frame(
                (byte) 0, GetUnitRequest.newBuilder().setUnitId("U1").build().toByteArray());
        HttpResponse<byte[]> resp =
                post("dispatch.v1.Fleet/GetUnit", "application/grpc-web+proto", req, ServiceFixture.CONSOLE_TOKEN);
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("application/grpc-web"));
        assertEquals(
                "http://console.example",
                resp.headers().firstValue("access-control-allow-origin").orElse(""));
        Frames f = Frames.parse(resp.body());
        assertEquals(1, f.messages().size());
        assertEquals("IR11", Unit.parseFrom(f.messages().get(0)).getCallsign());
        assertEquals("0", f.trailers().get("grpc-status"));
    }

    @Test
    void textGrpcWebCallAndErrorsInTrailers() throws Exception {
        byte[] req = Base64.getEncoder()
                .encode(frame(
                        (byte) 0,
                        GetUnitRequest.newBuilder().setUnitId("U2").build().toByteArray()));
        HttpResponse<byte[]> resp =
                post("dispatch.v1.Fleet/GetUnit", "application/grpc-web-text", req, ServiceFixture.CONSOLE_TOKEN);
        assertEquals(200, resp.statusCode());
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        // the body may be several base64 chunks, one per frame, each padded
        String text = new String(resp.body(), StandardCharsets.US_ASCII);
        for (String chunk : text.split("(?<==)(?=[^=])")) {
            decoded.write(Base64.getDecoder().decode(chunk));
        }
        Frames f = Frames.parse(decoded.toByteArray());
        assertEquals("AR21", Unit.parseFrom(f.messages().get(0)).getCallsign());
        assertEquals("0", f.trailers().get("grpc-status"));

        HttpResponse<byte[]> missing = post(
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                frame(
                        (byte) 0,
                        GetUnitRequest.newBuilder().setUnitId("NOPE").build().toByteArray()),
                ServiceFixture.CONSOLE_TOKEN);
        Map<String, String> status = statusOf(missing);
        assertEquals("5", status.get("grpc-status")); // NOT_FOUND
        assertTrue(java.net.URLDecoder.decode(status.get("grpc-message"), StandardCharsets.UTF_8)
                .contains("'NOPE'"));
        // as the gRPC protocol encodes it (Vert.x's own encoding gave "unitId%20%27NOPE%27%20is...",
        // which grpc-js shows its callers with "%3A" and "%2C" left in)
        assertEquals("unit_id 'NOPE' is not a registered unit: register it first", status.get("grpc-message"));
        HttpResponse<byte[]> hostile = post(
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                frame(
                        (byte) 0,
                        GetUnitRequest.newBuilder().setUnitId("\u202eé").build().toByteArray()),
                ServiceFixture.CONSOLE_TOKEN);
        assertEquals(
                "unit_id '\\u202eé' is not a valid id: character 1 is U+202E, a control or non-printing character"
                        .replace("é", "%C3%A9"),
                statusOf(hostile).get("grpc-message"));

        HttpResponse<byte[]> noToken = post(
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                frame(
                        (byte) 0,
                        GetUnitRequest.newBuilder().setUnitId("U1").build().toByteArray()),
                null);
        assertEquals("16", statusOf(noToken).get("grpc-status")); // UNAUTHENTICATED
    }

    /** grpc-status may come in the trailers frame or, for a trailers-only answer, in the headers. */
    private static Map<String, String> statusOf(HttpResponse<byte[]> resp) {
        Map<String, String> m = new LinkedHashMap<>(Frames.parse(resp.body()).trailers());
        resp.headers().firstValue("grpc-status").ifPresent(v -> m.putIfAbsent("grpc-status", v));
        resp.headers().firstValue("grpc-message").ifPresent(v -> m.putIfAbsent("grpc-message", v));
        return m;
    }

    @Test
    void corsPreflightHealthAndMetrics() throws Exception {
        HttpResponse<String> pre = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + fx.service.grpcPort() + "/dispatch.v1.Fleet/GetUnit"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("origin", "http://console.example")
                        .header("access-control-request-method", "POST")
                        .header("access-control-request-headers", "authorization,content-type,x-grpc-web")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, pre.statusCode());
        assertTrue(pre.headers()
                .firstValue("access-control-allow-headers")
                .orElse("")
                .contains("authorization"));

        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.httpPort() + "/health"))
                        .header("authorization", "Bearer " + ServiceFixture.METRICS_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        io.vertx.core.json.JsonObject h = new io.vertx.core.json.JsonObject(health.body());
        assertEquals(true, h.getBoolean("live"));
        assertEquals(true, h.getBoolean("ready"));
        assertEquals(true, h.getJsonObject("map").getBoolean("loaded"));
        assertTrue(h.getInteger("units") >= 3);
        assertTrue(h.getJsonObject("intake").containsKey("fixesPerSecond"));

        // one call so that a latency histogram exists
        post(
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                frame(
                        (byte) 0,
                        GetUnitRequest.newBuilder().setUnitId("U1").build().toByteArray()),
                ServiceFixture.CONSOLE_TOKEN);
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.httpPort() + "/metrics"))
                        .header("authorization", "Bearer " + ServiceFixture.METRICS_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        String m = metrics.body();
        assertTrue(
                m.contains("bluelamp_grpc_server_call_duration_seconds_bucket{method=\"dispatch.v1.Fleet/GetUnit\""),
                m);
        assertTrue(m.contains("bluelamp_fixes_rejected_total{reason=\"unknown_unit\"}"), m);
        assertTrue(m.contains("bluelamp_fixes_total{outcome=\"accepted_latest\"}"), m);
        // and on the gRPC port too
        HttpResponse<String> same = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.grpcPort() + "/health/live"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, same.statusCode());
    }
}
