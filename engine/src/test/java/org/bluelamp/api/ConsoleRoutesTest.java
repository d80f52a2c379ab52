package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bluelamp.proto.v1.ConsoleSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's plain HTTP routes on the HTTP port, with {@code --auth}: the page, its libraries
 * and tiles are open, the session tells each role what it may do and refuses unknown tokens,
 * unknown paths and tiles get 404.
 */
class ConsoleRoutesTest {
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

    private static HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.httpPort() + path));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageItsLibrariesAndTheContractAreServedFromTheJar() throws Exception {
        HttpResponse<byte[]> page = get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body()).contains("<script type=\"module\" src=\"/js/main.js\">"));
        assertEquals(200, get("/js/main.js", null).statusCode());
        assertEquals(
                200, get("/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js", null).statusCode());
        assertEquals(
                200, get("/webjars/protobufjs/7.4.0/dist/protobuf.min.js", null).statusCode());
        assertTrue(new String(get("/proto/dispatch/v1/fleet.proto", null).body()).contains("rpc WatchFleet"));
    }

    @Test
    void tilesArePngsAndTilesThatCannotExistAre404() throws Exception {
        HttpResponse<byte[]> tile = get("/tiles/16/34120/23896.png", null);
        assertEquals(200, tile.statusCode());
        assertEquals("image/png", tile.headers().firstValue("content-type").orElse(""));
        assertEquals(404, get("/tiles/16/99999/0.png", null).statusCode());
        assertEquals(404, get("/tiles/a/b/c.png", null).statusCode());
        assertEquals(404, get("/tiles/1/0/0.jpg", null).statusCode());
        HttpResponse<byte[]> unknown = get("/no-such-page", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(new String(unknown.body()).contains("the console is at /"));
    }

    @Test
    void theSessionSaysWhatEachRoleMayDo() throws Exception {
        HttpResponse<byte[]> none = get("/console/session", null);
        assertEquals(401, none.statusCode());
        assertEquals(true, new JsonObject(new String(none.body())).getBoolean("tokenRequired"));
        assertEquals(401, get("/console/session", "unknown-token-0123456789").statusCode());
        JsonObject console = new JsonObject(
                new String(get("/console/session", ServiceFixture.CONSOLE_TOKEN).body()));
        assertEquals("console", console.getString("role"));
        assertEquals(
                "[\"fleet\",\"recommend\",\"assign\",\"roads\"]",
                console.getJsonArray("may").encode());
        assertTrue(console.getJsonArray("grades").encode().contains("\"Emergency\""));
        JsonObject planner = new JsonObject(
                new String(get("/console/session", ServiceFixture.PLANNER_TOKEN).body()));
        assertEquals("planner", planner.getString("role"));
        assertEquals("[]", planner.getJsonArray("may").encode());
        JsonObject admin = new JsonObject(
                new String(get("/console/session", ServiceFixture.ADMIN_TOKEN).body()));
        assertEquals(4, admin.getJsonArray("may").size());
    }

    @Test
    void theSessionIsTheContractMessageInTheContractJson() throws Exception {
        // every answer, 401 included, reads back as a ConsoleSession (unknown fields refused) and
        // is exactly what ContractJson prints for it
        for (String token : new String[] {null, "unknown-token-0123456789", ServiceFixture.CONSOLE_TOKEN}) {
            String body = new String(get("/console/session", token).body());
            ConsoleSession.Builder parsed = ConsoleSession.newBuilder();
            JsonFormat.parser().merge(body, parsed);
            assertEquals(ContractJson.print(parsed), body);
        }
        ConsoleSession console = parse(get("/console/session", ServiceFixture.CONSOLE_TOKEN));
        assertTrue(console.getTokenRequired());
        assertEquals("", console.getError());
        assertTrue(console.getGradesList().stream().anyMatch(g -> g.getName().equals("Emergency")), console.toString());
        assertTrue(console.getMap().getNorth() > console.getMap().getSouth(), console.toString());
        assertFalse(console.getCapabilitiesList().isEmpty(), console.toString());
        ConsoleSession refused = parse(get("/console/session", "unknown-token-0123456789"));
        assertTrue(refused.getTokenRequired());
        assertFalse(refused.getError().isEmpty(), refused.toString());
        assertEquals("", refused.getRole());
        // the planner may do nothing in the console: its answer still lists "may", empty
        assertTrue(
                new String(get("/console/session", ServiceFixture.PLANNER_TOKEN).body()).contains("\"may\":[]"));
    }

    private static ConsoleSession parse(HttpResponse<byte[]> response) throws Exception {
        ConsoleSession.Builder b = ConsoleSession.newBuilder();
        JsonFormat.parser().merge(new String(response.body()), b);
        return b.build();
    }
}
