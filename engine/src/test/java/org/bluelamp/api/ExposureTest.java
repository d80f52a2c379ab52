package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the service shows without a token: liveness and readiness only. The metrics and the
 * detailed health need the admin role or a metrics token; browser pages of other origins than the
 * configured ones are refused, their origin never reflected.
 */
class ExposureTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            r.header("authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAreOpenAndSayNoMoreThanLiveAndReady() throws Exception {
        for (int port : new int[] {fx.service.httpPort(), fx.service.grpcPort()}) {
            HttpResponse<String> live = get(port, "/health/live", null);
            assertEquals(200, live.statusCode());
            HttpResponse<String> ready = get(port, "/health/ready", null);
            assertEquals(200, ready.statusCode());
            assertEquals(new JsonObject().put("ready", true), new JsonObject(ready.body()));
        }
    }

    @Test
    void metricsAndDetailedHealthNeedTheAdminRoleOrAMetricsToken() throws Exception {
        for (String path : new String[] {"/metrics", "/health"}) {
            for (int port : new int[] {fx.service.httpPort(), fx.service.grpcPort()}) {
                HttpResponse<String> none = get(port, path, null);
                assertEquals(401, none.statusCode(), path);
                assertTrue(
                        none.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
                assertFalse(none.body().contains("bluelamp_"), "no figure leaks: " + none.body());
                assertEquals(401, get(port, path, "not-a-known-token-at-all").statusCode());
                assertEquals(403, get(port, path, ServiceFixture.CONSOLE_TOKEN).statusCode(), path);
                assertEquals(403, get(port, path, ServiceFixture.GATEWAY_TOKEN).statusCode(), path);
                assertEquals(200, get(port, path, ServiceFixture.METRICS_TOKEN).statusCode(), path);
                assertEquals(200, get(port, path, ServiceFixture.ADMIN_TOKEN).statusCode(), path);
            }
        }
    }

    @Test
    void corsAllowsOnlyTheConfiguredOriginsAndTheServicesOwn() throws Exception {
        int port = fx.service.grpcPort();
        HttpResponse<String> allowed = preflight(port, ServiceFixture.CONSOLE_ORIGIN);
        assertEquals(204, allowed.statusCode());
        assertEquals(
                ServiceFixture.CONSOLE_ORIGIN,
                allowed.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<String> other = preflight(port, "http://evil.example");
        assertEquals(403, other.statusCode());
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty(), "the origin is not reflected");

        byte[] req = GrpcWeb.frame(
                0, GetUnitRequest.newBuilder().setUnitId("U1").build().toByteArray());
        GrpcWeb.Answer refused = GrpcWeb.call(
                port,
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                req,
                "origin",
                "http://evil.example",
                "authorization",
                "Bearer " + ServiceFixture.CONSOLE_TOKEN);
        assertEquals(403, refused.httpStatus());
        assertTrue(refused.messages().isEmpty());
        GrpcWeb.Answer own = GrpcWeb.call(
                port,
                "dispatch.v1.Fleet/GetUnit",
                "application/grpc-web+proto",
                req,
                "origin",
                "http://127.0.0.1:" + port,
                "authorization",
                "Bearer " + ServiceFixture.CONSOLE_TOKEN);
        assertEquals("0", own.grpcStatus(), own.status().toString());
    }

    private static HttpResponse<String> preflight(int port, String origin) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dispatch.v1.Fleet/GetUnit"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("origin", origin)
                        .header("access-control-request-method", "POST")
                        .header("access-control-request-headers", "authorization,content-type,x-grpc-web")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
