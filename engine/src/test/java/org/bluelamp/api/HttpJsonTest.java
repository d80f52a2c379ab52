package org.bluelamp.api;

import static org.bluelamp.api.ServiceFixture.ADMIN_TOKEN;
import static org.bluelamp.api.ServiceFixture.CASINO_LAT;
import static org.bluelamp.api.ServiceFixture.CASINO_LON;
import static org.bluelamp.api.ServiceFixture.CONSOLE_TOKEN;
import static org.bluelamp.api.ServiceFixture.GATEWAY_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every RPC as plain HTTP with JSON (gRPC transcoding from the contract's google.api.http rules),
 * called with the JDK's own HTTP client: the same checks, roles, limits and errors as gRPC, the
 * HTTP status from the gRPC code and a body naming the field; WatchFleet as newline-delimited JSON.
 */
class HttpJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceFixture fx;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.grpcPort() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return http.send(
                request(path, token)
                        .header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The field a google.rpc.Status body names in its BadRequest detail. */
    /**
     * A listing's units without their fix ages: two listings a few milliseconds apart may round
     * the same fix's age to different tenths of a second.
     */
    private static JsonNode unitsWithoutAges(HttpResponse<String> r) throws Exception {
        JsonNode units = json(r).path("units");
        for (JsonNode u : units) {
            ((ObjectNode) u).remove("fixAgeSeconds");
        }
        return units;
    }

    private static String field(JsonNode status) {
        return status.path("details")
                .path(0)
                .path("fieldViolations")
                .path(0)
                .path("field")
                .asText();
    }

    private static int watchers() {
        return fx.service.health().getInteger("watchers");
    }

    private static int calls() {
        return fx.service.health().getInteger("activeCalls");
    }

    @Test
    void getUnitAnswersTheContractsJson() throws Exception {
        HttpResponse<String> r = get("/v1/units/U1", CONSOLE_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode u = json(r);
        assertEquals("U1", u.path("id").asText());
        assertEquals("IR11", u.path("callsign").asText());
        assertEquals("UNIT_KIND_CAR", u.path("kind").asText());
        assertEquals("UNIT_STATUS_AVAILABLE", u.path("status").asText());
        assertEquals(
                CASINO_LAT, u.path("lastFix").path("position").path("latDeg").asDouble(), 1e-9);
        assertTrue(u.path("lastFix").path("positionTimeEpochMillis").isTextual(), "int64 as a string: " + u);
        assertTrue(u.has("assignedIncidentId"), "default values are printed too: " + u);
    }

    @Test
    void recommendOverHttp() throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/v1/recommendations",
                CONSOLE_TOKEN,
                "{\"incident\":{\"id\":\"INC-1\",\"location\":{\"latDeg\":" + CASINO_LAT + ",\"lonDeg\":" + CASINO_LON
                        + "},\"grade\":\"1\"},\"maxCandidates\":2}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rec = json(r);
        assertEquals("INC-1", rec.path("incidentId").asText());
        assertEquals(2, rec.path("candidates").size(), r.body());
        JsonNode first = rec.path("candidates").path(0);
        assertEquals(1, first.path("rank").asInt());
        double eta = first.path("etaSeconds").asDouble();
        assertEquals(Math.round(eta * 10) / 10.0, eta, 0.0, "ETA rounded to 0.1 s: " + eta);
        double metres = first.path("distanceMetres").asDouble();
        assertEquals(Math.rint(metres), metres, 0.0, "distance rounded to 1 m: " + metres);
    }

    @Test
    void roadConditionsOverHttpAddListAndRemove() throws Exception {
        HttpResponse<String> added = send(
                "POST",
                "/v1/conditions/closures",
                CONSOLE_TOKEN,
                "{\"id\":\"C-HTTP\",\"reason\":\"burst main\",\"circle\":{\"centre\":{\"latDeg\":" + CASINO_LAT
                        + ",\"lonDeg\":" + CASINO_LON + "},\"radiusMetres\":60}}");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals("C-HTTP", json(added).path("closure").path("id").asText(), added.body());
        assertTrue(json(added).path("edgeCount").asInt() > 0, added.body());

        HttpResponse<String> listed = get("/v1/conditions", CONSOLE_TOKEN);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(1, json(listed).path("conditions").size(), listed.body());

        HttpResponse<String> again = send(
                "POST",
                "/v1/conditions/closures",
                CONSOLE_TOKEN,
                "{\"id\":\"C-HTTP\",\"circle\":{\"centre\":{\"latDeg\":" + CASINO_LAT + ",\"lonDeg\":" + CASINO_LON
                        + "},\"radiusMetres\":60}}");
        assertEquals(409, again.statusCode(), again.body());

        HttpResponse<String> removed = http.send(
                request("/v1/conditions/C-HTTP", CONSOLE_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals("C-HTTP", json(removed).path("closure").path("id").asText(), removed.body());
        HttpResponse<String> gone = http.send(
                request("/v1/conditions/C-HTTP", CONSOLE_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals(
                0, json(get("/v1/conditions", CONSOLE_TOKEN)).path("conditions").size());
    }

    @Test
    void incidentsAndTheAuditTrailOverHttp() throws Exception {
        HttpResponse<String> list = get("/v1/incidents", CONSOLE_TOKEN);
        assertEquals(200, list.statusCode(), list.body());
        HttpResponse<String> unknown = get("/v1/incidents/NO-SUCH", CONSOLE_TOKEN);
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> close = send("POST", "/v1/incidents/NO-SUCH/close", CONSOLE_TOKEN, "{}");
        assertEquals(404, close.statusCode(), close.body());
        assertEquals(403, get("/v1/audit", CONSOLE_TOKEN).statusCode());
        HttpResponse<String> audit = get("/v1/audit", ADMIN_TOKEN);
        assertEquals(200, audit.statusCode(), audit.body());
    }

    @Test
    void errorsCarryTheHttpStatusOfTheirCodeAndNameTheField() throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/v1/recommendations",
                CONSOLE_TOKEN,
                "{\"incident\":{\"location\":{\"latDeg\":43.7,\"lonDeg\":7.42},\"grade\":\"9\"}}");
        assertEquals(400, r.statusCode(), r.body());
        JsonNode s = json(r);
        assertEquals(3, s.path("code").asInt());
        assertEquals("incident.grade", field(s), r.body());
        assertTrue(s.path("message").asText().contains("'9' is unknown"), r.body());
        assertEquals("incident.grade", r.headers().firstValue(Rpc.FIELD_TRAILER).orElse(""));

        HttpResponse<String> lat = send(
                "POST",
                "/v1/recommendations",
                CONSOLE_TOKEN,
                "{\"incident\":{\"location\":{\"latDeg\":91,\"lonDeg\":7.42},\"grade\":\"1\"}}");
        assertEquals(400, lat.statusCode());
        assertEquals("incident.location.lat_deg", field(json(lat)), lat.body());

        HttpResponse<String> missing = get("/v1/units/NOPE", CONSOLE_TOKEN);
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals(5, json(missing).path("code").asInt());

        HttpResponse<String> illegal =
                send("POST", "/v1/units/U3/status", CONSOLE_TOKEN, "{\"status\":\"UNIT_STATUS_COMMITTED\"}");
        assertEquals(400, illegal.statusCode(), illegal.body());
    }

    @Test
    void badJsonIsInvalidArgumentNamingWhatWasWrong() throws Exception {
        HttpResponse<String> unknownField =
                send("POST", "/v1/recommendations", CONSOLE_TOKEN, "{\"incident\":{\"grde\":\"1\"}}");
        assertEquals(400, unknownField.statusCode(), unknownField.body());
        assertTrue(json(unknownField).path("message").asText().contains("grde"), unknownField.body());

        HttpResponse<String> notJson = send("POST", "/v1/recommendations", CONSOLE_TOKEN, "{not json");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertEquals(3, json(notJson).path("code").asInt());

        HttpResponse<String> wrongType = http.send(
                request("/v1/recommendations", CONSOLE_TOKEN)
                        .header("content-type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, wrongType.statusCode(), wrongType.body());
    }

    /**
     * What a hostile or careless HTTP client sends that is not JSON of the call's message: each a
     * 400 naming what was wrong in the caller's words, with no parser internals (Java class names,
     * Jackson settings) and no value echoed beyond 64 characters.
     */
    @Test
    void bodiesThatAreNotTheMessageAreRefusedWithoutTheParsersInternals() throws Exception {
        String longValue = "v".repeat(10_000);
        String[][] cases = {
            {"{\"incident\":", "request", "not valid JSON at line 1, column 13"},
            {"[1,2]", "request", "must be one JSON object"},
            {"{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "request", "nested more than 1000 levels"},
            {"{\"bogus\":1}", "bogus", "'bogus' is not a field of dispatch.v1.RecommendRequest"},
            {
                "{\"incident\":{\"location\":{\"latDeg\":\"" + longValue + "\"}}}",
                "incident.location.lat_deg",
                "incident.location.lat_deg is not a valid double: '\"vvvv"
            },
            {"{\"maxCandidates\":99999999999}", "max_candidates", "max_candidates is not a valid int32: '99999999999'"},
            {
                "{\"incident\":{\"grade\":1,\"location\":[]}}",
                "incident.location",
                "incident.location: Expect message object"
            },
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send("POST", "/v1/recommendations", CONSOLE_TOKEN, c[0]);
            assertEquals(400, r.statusCode(), r.body());
            JsonNode s = json(r);
            String message = s.path("message").asText();
            assertEquals(c[1], field(s), r.body());
            assertTrue(message.contains(c[2]), message);
            for (String internal : new String[] {"java.", "Jackson", "StreamRead", "`", "Failed to decode"}) {
                assertFalse(message.contains(internal), "no parser internals: " + message);
            }
            assertTrue(message.length() < 400, "value echo capped: " + message.length() + " chars");
        }
        HttpResponse<String> badEnum =
                send("POST", "/v1/units/U1/status", CONSOLE_TOKEN, "{\"status\":\"UNIT_STATUS_FLYING\"}");
        assertEquals(400, badEnum.statusCode(), badEnum.body());
        assertTrue(
                json(badEnum)
                        .path("message")
                        .asText()
                        .contains("'UNIT_STATUS_FLYING' is not a value of dispatch.v1.UnitStatus"),
                badEnum.body());
        assertEquals("status", field(json(badEnum)), badEnum.body());
        assertTrue(
                json(badEnum).path("message").asText().contains("UNIT_STATUS_AVAILABLE, UNIT_STATUS_EN_ROUTE"),
                "the enum's own values listed: " + badEnum.body());
        HttpResponse<String> badKind =
                send("POST", "/v1/units", ADMIN_TOKEN, "{\"id\":\"X1\",\"kind\":\"UNIT_KIND_TANK\"}");
        assertEquals(400, badKind.statusCode(), badKind.body());
        String kindMessage = json(badKind).path("message").asText();
        assertTrue(
                kindMessage.contains("UNIT_KIND_CAR") && !kindMessage.contains("UNIT_STATUS"),
                "a kind's error lists kinds, not statuses: " + badKind.body());
        HttpResponse<String> query = get("/v1/units?statuses=BOGUS", CONSOLE_TOKEN);
        assertEquals(400, query.statusCode(), query.body());
        assertEquals("statuses", field(json(query)), query.body());
        HttpResponse<String> number = get("/v1/incidents?max_incidents=abc", CONSOLE_TOKEN);
        assertEquals(400, number.statusCode(), number.body());
        assertEquals("max_incidents", field(json(number)), number.body());
        assertTrue(
                json(number).path("message").asText().contains("max_incidents is not a valid int32")
                        && json(number).path("message").asText().contains("abc"),
                number.body());
        HttpResponse<String> track = get("/v1/units/U1/track?from_epoch_millis=1.5", CONSOLE_TOKEN);
        assertEquals(400, track.statusCode(), track.body());
        assertEquals("from_epoch_millis", field(json(track)), track.body());
    }

    @Test
    void rolesAreTheSameAsOverGrpc() throws Exception {
        assertEquals(401, get("/v1/units/U1", null).statusCode());
        assertEquals(401, get("/v1/units/U1", "not-a-token-at-all-xyz").statusCode());
        HttpResponse<String> denied = get("/v1/units/U1", GATEWAY_TOKEN);
        assertEquals(403, denied.statusCode(), denied.body());
        assertEquals(7, json(denied).path("code").asInt());
        HttpResponse<String> register = send(
                "POST", "/v1/units", CONSOLE_TOKEN, "{\"id\":\"H9\",\"callsign\":\"H9\",\"kind\":\"UNIT_KIND_CAR\"}");
        assertEquals(403, register.statusCode(), "registering needs admin: " + register.body());
    }

    @Test
    void grpcOverHttp1IsRefusedSayingWhatToSendInstead() throws Exception {
        // a gRPC frame (uncompressed, empty message) sent as plain gRPC over HTTP/1.1
        HttpResponse<String> r = http.send(
                request("/dispatch.v1.Dispatch/Recommend", CONSOLE_TOKEN)
                        .header("content-type", "application/grpc")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, r.statusCode(), r.body());
        assertEquals("3", r.headers().firstValue("grpc-status").orElse(""), r.body());
        String message = json(r).path("message").asText();
        assertTrue(message.contains("needs HTTP/2") && message.contains("http/1.1"), r.body());
        assertTrue(message.contains("application/grpc-web+proto"), r.body());
        assertEquals("content-type", field(json(r)), r.body());
        assertEquals(0, calls(), "no call stays open");
    }

    @Test
    void bodiesOverTheSizeLimitAreRefused() throws Exception {
        String big = "{\"incident\":{\"id\":\"" + "x".repeat(70 * 1024) + "\"}}";
        HttpResponse<String> r = send("POST", "/v1/recommendations", CONSOLE_TOKEN, big);
        assertEquals(
                400,
                r.statusCode(),
                r.body().substring(0, Math.min(300, r.body().length())));
        assertTrue(json(r).path("message").asText().contains("limit"), r.body());
    }

    @Test
    void unknownPathsAndMethodsAreNotFoundWithAJsonBody() throws Exception {
        HttpResponse<String> r = get("/v1/nothing/here", CONSOLE_TOKEN);
        assertEquals(404, r.statusCode(), r.body());
        assertEquals(5, json(r).path("code").asInt());
        HttpResponse<String> wrongMethod = send("DELETE", "/v1/units/U1", ADMIN_TOKEN, "");
        assertEquals(404, wrongMethod.statusCode(), wrongMethod.body());
        HttpResponse<String> verbLike = get("/v1/units/U1/bogus", CONSOLE_TOKEN);
        assertEquals(404, verbLike.statusCode(), verbLike.body());
        // the health and metrics endpoints read only: a POST there was answered as if a GET
        for (String path : new String[] {"/health", "/health/ready", "/metrics"}) {
            HttpResponse<String> post = send("POST", path, ADMIN_TOKEN, "{}");
            assertEquals(405, post.statusCode(), path + ": " + post.body());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""), path);
        }
        // Vert.x's transcoding answers these with an empty 500, as if the server had failed
        HttpResponse<String> root = get("/v1/", CONSOLE_TOKEN);
        assertEquals(404, root.statusCode(), root.body());
        assertEquals(5, json(root).path("code").asInt());
        for (String method : new String[] {"HEAD", "TRACE", "BREW"}) {
            HttpResponse<String> m = http.send(
                    request("/v1/units/U1", CONSOLE_TOKEN)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, m.statusCode(), method + ": " + m.body());
            assertEquals(
                    "GET, POST, PUT, PATCH, DELETE",
                    m.headers().firstValue("allow").orElse(""),
                    method);
            if (!method.equals("HEAD")) {
                assertTrue(json(m).path("message").asText().contains("'" + method + "' is not served"), m.body());
            }
        }
    }

    @Test
    void fleetCallsOverHttp() throws Exception {
        HttpResponse<String> reg = send(
                "POST",
                "/v1/units",
                ADMIN_TOKEN,
                "{\"id\":\"H1\",\"callsign\":\"HC1\",\"kind\":\"UNIT_KIND_VAN\",\"capabilities\":[\"public_order\"]}");
        assertEquals(200, reg.statusCode(), reg.body());
        assertEquals("H1", json(reg).path("id").asText());

        HttpResponse<String> upd = send(
                "PUT", "/v1/units", ADMIN_TOKEN, "{\"id\":\"H1\",\"callsign\":\"HC2\",\"kind\":\"UNIT_KIND_VAN\"}");
        assertEquals(200, upd.statusCode(), upd.body());
        assertEquals("HC2", json(upd).path("callsign").asText());

        HttpResponse<String> status =
                send("POST", "/v1/units/H1/status", CONSOLE_TOKEN, "{\"status\":\"UNIT_STATUS_REFRESHMENT\"}");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("UNIT_STATUS_REFRESHMENT", json(status).path("status").asText());

        HttpResponse<String> list = get("/v1/units?maxUnits=2", CONSOLE_TOKEN);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(2, json(list).path("units").size());
        assertTrue(json(list).path("matchedCount").asInt() >= 4, list.body());

        HttpResponse<String> search = send(
                "POST",
                "/v1/units/search",
                CONSOLE_TOKEN,
                "{\"statuses\":[\"UNIT_STATUS_REFRESHMENT\"],\"maxUnits\":5}");
        assertEquals(200, search.statusCode(), search.body());
        assertEquals(1, json(search).path("matchedCount").asInt(), search.body());

        // a repeated field in the query, once per value (google.api.http), as the POST's array
        HttpResponse<String> byQuery = get("/v1/units?statuses=UNIT_STATUS_REFRESHMENT&maxUnits=5", CONSOLE_TOKEN);
        assertEquals(200, byQuery.statusCode(), byQuery.body());
        assertEquals(unitsWithoutAges(search), unitsWithoutAges(byQuery), byQuery.body());
        HttpResponse<String> two = get(
                "/v1/units?statuses=UNIT_STATUS_REFRESHMENT&max_units=50&statuses=UNIT_STATUS_AVAILABLE",
                CONSOLE_TOKEN);
        HttpResponse<String> twoPosted = send(
                "POST",
                "/v1/units/search",
                CONSOLE_TOKEN,
                "{\"statuses\":[\"UNIT_STATUS_REFRESHMENT\",\"UNIT_STATUS_AVAILABLE\"],\"maxUnits\":50}");
        assertEquals(200, two.statusCode(), two.body());
        assertTrue(json(two).path("matchedCount").asInt() >= 2, two.body());
        assertEquals(unitsWithoutAges(twoPosted), unitsWithoutAges(two), two.body());
        HttpResponse<String> armed = get("/v1/units?capabilities=armed_response", CONSOLE_TOKEN);
        assertEquals(200, armed.statusCode(), armed.body());
        assertTrue(armed.body().contains("\"U2\""), armed.body());
        assertFalse(armed.body().contains("\"U1\""), armed.body());

        HttpResponse<String> badQuery = get("/v1/units?maxUnits=99999", CONSOLE_TOKEN);
        assertEquals(400, badQuery.statusCode(), badQuery.body());
        assertEquals("max_units", field(json(badQuery)));
        // a field that takes one value, given twice: refused, not one of them kept silently
        HttpResponse<String> twice =
                get("/v1/units?max_units=2&statuses=UNIT_STATUS_AVAILABLE&max_units=3", CONSOLE_TOKEN);
        assertEquals(400, twice.statusCode(), twice.body());
        assertEquals("max_units", field(json(twice)), twice.body());
        assertTrue(twice.body().contains("given more than once"), twice.body());

        HttpResponse<String> track = get("/v1/units/U1/track", CONSOLE_TOKEN);
        assertEquals(200, track.statusCode(), track.body());
        assertEquals(1, json(track).path("points").size(), track.body());

        HttpResponse<String> assign = send(
                "POST",
                "/v1/assignments",
                CONSOLE_TOKEN,
                "{\"incidentId\":\"INC-7\",\"unitId\":\"U2\",\"grade\":\"1\"}");
        assertEquals(200, assign.statusCode(), assign.body());
        assertEquals(
                "INC-7", json(assign).path("unit").path("assignedIncidentId").asText());
    }

    @Test
    void fixesAndLipOverHttp() throws Exception {
        long now = System.currentTimeMillis();
        HttpResponse<String> ack = send(
                "POST",
                "/v1/fixes",
                GATEWAY_TOKEN,
                "{\"batchId\":\"7\",\"fixes\":[{\"unitId\":\"U3\",\"position\":{\"latDeg\":43.7311,\"lonDeg\":7.4197},"
                        + "\"positionTimeEpochMillis\":\"" + now + "\"},{\"unitId\":\"NOPE\",\"position\":"
                        + "{\"latDeg\":43.73,\"lonDeg\":7.42},\"positionTimeEpochMillis\":\"" + now + "\"}]}");
        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode a = json(ack);
        assertEquals("7", a.path("batchId").asText());
        assertEquals(1, a.path("acceptedCount").asInt(), ack.body());
        assertEquals(1, a.path("rejectedCount").asInt(), ack.body());
        assertEquals(
                "REJECT_REASON_UNKNOWN_UNIT",
                a.path("rejections").path(0).path("reason").asText());

        // an id that breaks the id rule comes back capped and escaped, as every echo
        String hostileId = "\\u001b[31m" + "x".repeat(5_000);
        HttpResponse<String> hostile = send(
                "POST",
                "/v1/fixes",
                GATEWAY_TOKEN,
                "{\"fixes\":[{\"unitId\":\"" + hostileId + "\",\"position\":{\"latDeg\":43.73,\"lonDeg\":7.42},"
                        + "\"positionTimeEpochMillis\":\"" + now + "\"}]}");
        assertEquals(200, hostile.statusCode(), hostile.body());
        JsonNode rejected = json(hostile).path("rejections").path(0);
        assertEquals("REJECT_REASON_INVALID_UNIT_ID", rejected.path("reason").asText(), hostile.body());
        assertEquals(
                "\\u001b[31m" + "x".repeat(59) + "... (4941 more)",
                rejected.path("unitId").asText(),
                "a 5,000-character id is not sent back whole, nor its escape raw");

        String pdu = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("00546B71F19012000000"));
        HttpResponse<String> lip = send("POST", "/v1/lip", GATEWAY_TOKEN, "{\"issi\":\"U3\",\"pdu\":\"" + pdu + "\"}");
        assertEquals(200, lip.statusCode(), lip.body());
        assertFalse(json(lip).path("outcome").asText().isEmpty(), lip.body());

        HttpResponse<String> badPdu = send("POST", "/v1/lip", GATEWAY_TOKEN, "{\"issi\":\"U3\",\"pdu\":\"AA==\"}");
        assertEquals(400, badPdu.statusCode(), badPdu.body());
        assertEquals("pdu", field(json(badPdu)), badPdu.body());

        HttpResponse<String> notBase64 =
                send("POST", "/v1/lip", GATEWAY_TOKEN, "{\"issi\":\"U3\",\"pdu\":\"!!!notbase64\"}");
        assertEquals(400, notBase64.statusCode(), notBase64.body());
        assertEquals("pdu", field(json(notBase64)), notBase64.body());
        String said = json(notBase64).path("message").asText();
        assertTrue(said.contains("pdu is not valid base64"), notBase64.body());
        assertFalse(said.contains("com.google") || said.contains("Exception"), "no parser internals: " + said);
    }

    @Test
    void watchFleetStreamsNewlineDelimitedJsonAndEndsWhenTheClientGoes() throws Exception {
        HttpResponse<InputStream> r = http.send(
                request("/v1/fleet/updates?includeSnapshot=true&minIntervalMillis=100", CONSOLE_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals(
                "application/x-ndjson", r.headers().firstValue("content-type").orElse(""));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            JsonNode first = JSON.readTree(lines.readLine());
            assertTrue(first.path("fullSnapshot").asBoolean(), first.toString());
            assertEquals("1", first.path("sequence").asText());
            assertTrue(first.path("changes").size() >= 3, first.toString());
            assertTrue(watchers() >= 1);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((watchers() > 0 || calls() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, watchers(), "the watcher goes with its client");
        assertEquals(0, calls(), "and its call ends");
    }
}
