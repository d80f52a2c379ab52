package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands end to end against a real {@code serve} (a child process on the Monaco map,
 * started with a fleet file): populating it (register, update, fixes from a file and from standard
 * input, a LIP report), querying it (units in a circle or a box, unit, track, recommend), changing
 * it (status, assign), following it (watch), tables beside JSON, and errors that name what the
 * user wrote.
 */
class ClientCommandsTest {
    /** The Prince's Palace as a LIP short report (time elapsed under 5 s, error under 200 m). */
    static final String PALACE_LIP_HEX = "00546B71F19012000000";

    static ServeProcess serve;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startServe() throws Exception {
        Path fleet = Files.writeString(tmp.resolve("fleet.json"), """
                {"units": [
                  {"id": "U1", "callsign": "IR11", "kind": "car", "capabilities": ["first_aid"], "crewSize": 2,
                   "lat": 43.7393, "lon": 7.4278, "accuracyMetres": 5},
                  {"id": "U2", "callsign": "AR21", "kind": "car", "capabilities": ["armed_response"],
                   "lat": 43.7311, "lon": 7.4197},
                  {"id": "U3", "callsign": "FT31", "kind": "foot", "status": "at_station"}
                ]}
                """);
        serve = ServeProcess.start("--fleet", fleet.toString());
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    static JsonNode json(CliRunner r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        return Json.MAPPER.readTree(r.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    static void assertOneLineError(CliRunner r, int exitCode, String expected) {
        assertEquals(exitCode, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), expected + " in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(
                r.err().matches("(?s).*\\b(io\\.netty|io\\.vertx|com\\.fasterxml)\\..*"), "no class names: " + r.err());
    }

    @Test
    void closuresAndSlowdownsAreAddedListedAndRemovedOnTheService() throws Exception {
        JsonNode c = json(serve.client(
                "closures", "add", "CL1", "--circle", "43.7311,7.4197,80", "--reason", "parade", "--profile", "car"));
        assertTrue(c.get("edgeCount").asInt() > 0, c.toString());
        assertEquals("parade", c.at("/closure/reason").asText());
        Path area = Files.writeString(tmp.resolve("area.geojson"), """
                {"type":"Polygon","coordinates":[[[7.420,43.735],[7.424,43.735],[7.424,43.738],[7.421,43.739],
                [7.420,43.735]]]}""");
        JsonNode a = json(
                serve.client("closures", "add", "CL2", "--area", area.toString(), "--until", "2099-01-01T00:00:00Z"));
        assertTrue(a.get("inForce").asBoolean());
        JsonNode s = json(serve.client("slowdowns", "add", "SL1", "--road-class", "residential", "--factor", "0.5"));
        assertEquals(0.5, s.at("/slowdown/speedFactor").asDouble());
        JsonNode list = json(serve.client("closures", "list"));
        assertEquals(3, list.get("conditions").size(), list.toString());
        CliRunner table = serve.client("closures", "list", "--output", "table");
        assertTrue(table.out().contains("CL1") && table.out().contains("slowdown"), table.out());
        assertOneLineError(serve.client("closures", "add", "CL1", "--circle", "43.7311,7.4197,80"), 2, "<id> 'CL1'");
        assertOneLineError(
                serve.client("slowdowns", "add", "SL2", "--road-class", "primary", "--factor", "3"),
                2,
                "--factor '3.0': refused by the service: speed_factor 3.0 is outside 0.05 to 1");
        assertOneLineError(
                serve.client("closures", "add", "CL3", "--circle", "43.7311,7.4197,80", "--profile", "tractor"),
                2,
                "--profile 'tractor': refused by the service");
        assertOneLineError(
                serve.client(
                        "closures",
                        "add",
                        "CL4",
                        "--circle",
                        "43.7311,7.4197,80",
                        "--from",
                        "2099-01-02T00:00:00Z",
                        "--until",
                        "2099-01-01T00:00:00Z"),
                2,
                "must end after it starts");
        for (String id : List.of("CL1", "CL2", "SL1")) {
            json(serve.client("closures", "remove", id));
        }
        assertOneLineError(serve.client("closures", "remove", "CL1"), 3, "<id> 'CL1'");
        assertEquals(
                0, json(serve.client("closures", "list")).path("conditions").size());
        // the audit trail of one condition: CL1's addition and removal, nothing of CL2 or SL1
        CliRunner trail = serve.client("audit", "--condition", "CL1");
        assertEquals(0, trail.exitCode(), trail.err());
        List<JsonNode> entries = new java.util.ArrayList<>();
        for (String line : trail.out().strip().split("\n")) {
            entries.add(Json.MAPPER.readTree(line));
        }
        assertEquals(2, entries.size(), trail.out());
        for (JsonNode e : entries) {
            assertEquals("CL1", e.path("conditionId").asText(), e.toString());
        }
        assertTrue(entries.get(0).path("kind").asText().contains("ADDED"), entries.toString());
        assertTrue(entries.get(1).path("kind").asText().contains("REMOVED"), entries.toString());
        assertOneLineError(serve.client("audit", "--condition", "CL\u0007"), 2, "--condition");
    }

    @Test
    void registerUpdateAndListUnitsInACircleOrABox() throws Exception {
        JsonNode r1 = json(serve.client(
                "register",
                "R1",
                "--callsign",
                "RP51",
                "--kind",
                "van",
                "--capability",
                "public_order",
                "--crew",
                "6"));
        assertEquals("RP51", r1.get("callsign").asText());
        assertEquals("UNIT_KIND_VAN", r1.get("kind").asText());

        assertOneLineError(
                serve.client("register", "R1", "--kind", "car"),
                2,
                "<unit-id> 'R1' is already registered: change it with 'dispatch client update R1");
        assertOneLineError(
                serve.client("register", "R2", "--capability", "telepathy"),
                2,
                "--capability 'telepathy': refused by the service");
        assertOneLineError(serve.client("register", "R2", "--kind", "tank"), 2, "--kind 'tank' is not a unit kind");
        assertOneLineError(serve.client("register", "R\u001b[31m"), 2, "<unit-id> 'R\\u001b[31m' is not a valid id");

        JsonNode updated = json(serve.client("update", "R1", "--callsign", "RP52"));
        assertEquals("RP52", updated.get("callsign").asText());
        assertEquals(
                List.of("public_order"),
                List.of(updated.get("capabilities").get(0).asText()),
                "kept");
        assertEquals(6, updated.get("crewSize").asInt(), "kept");
        assertOneLineError(serve.client("update", "NOPE", "--callsign", "X"), 3, "<unit-id> 'NOPE'");

        // R1 is the only unit this class places by the harbour
        Path fix = Files.writeString(tmp.resolve("r1.csv"), "R1,43.7347,7.4206\n");
        assertEquals(0, serve.client("fixes", fix.toString()).exitCode());
        JsonNode nearHarbour = json(serve.client("units", "--circle", "43.7347,7.4206,100"));
        assertEquals(1, nearHarbour.get("matchedCount").asInt(), nearHarbour.toString());
        assertEquals("R1", nearHarbour.at("/units/0/id").asText());
        JsonNode harbourBox = json(serve.client("units", "--box", "43.7345,7.4204,43.7349,7.4208"));
        assertEquals("R1", harbourBox.at("/units/0/id").asText(), harbourBox.toString());
        assertEquals(1, harbourBox.get("matchedCount").asInt());
        JsonNode elsewhere = json(serve.client("units", "--box", "43.7345,7.4210,43.7349,7.4212"));
        assertEquals(0, elsewhere.get("matchedCount").asInt(), "every field is printed, 0 too: " + elsewhere);
        assertOneLineError(
                serve.client("units", "--circle", "43.7,7.4"), 2, "--circle '43.7,7.4' must be lat,lon,metres");
        assertOneLineError(serve.client("units", "--circle", "1,2,3", "--box", "1,2,3,4"), 2, "mutually exclusive");

        CliRunner table = serve.client("units", "--status", "available", "--output", "table");
        assertEquals(0, table.exitCode(), table.err());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).startsWith("UNIT ") && lines.get(0).contains("CALLSIGN"), table.out());
        assertTrue(table.out().contains("U1 ") && table.out().contains("first_aid"), table.out());
        assertFalse(table.out().contains("U3 "), "at_station is filtered out: " + table.out());
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ of \\d+ matching units"), table.out());
    }

    @Test
    void registerFromAFleetFileSendsItsPositions() throws Exception {
        Path file = Files.writeString(tmp.resolve("more.json"), """
                {"units": [
                  {"id": "F1", "kind": "bicycle", "lat": 43.7393, "lon": 7.4278, "fixAgeSeconds": 20},
                  {"id": "F2", "kind": "motorcycle"}
                ]}
                """);
        JsonNode summary = json(serve.client("register", "--fleet", file.toString()));
        assertEquals(2, summary.get("registered").asInt(), summary.toString());
        assertEquals(1, summary.at("/positions/accepted").asInt(), summary.toString());
        JsonNode f1 = json(serve.client("unit", "F1"));
        assertEquals(43.7393, f1.at("/lastFix/position/latDeg").asDouble(), 1e-9);

        CliRunner again = serve.client("register", "--fleet", file.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("units[0] (unit 'F1') is already registered"), again.err());
        assertEquals(
                2, Json.MAPPER.readTree(again.out()).get("alreadyRegistered").asInt());

        assertOneLineError(
                serve.client("register", "--fleet", file.toString(), "--kind", "car"),
                2,
                "--kind describes one unit; with --fleet the file describes every unit");
    }

    @Test
    void fixesFromACsvFileReportBadLinesAndTheAcknowledgementCounts() throws Exception {
        long t = Instant.now().toEpochMilli() - 1_000;
        Path csv = Files.writeString(
                tmp.resolve("fixes.csv"),
                "# a comment\n"
                        + "unit_id,lat,lon,time,accuracy_metres\n"
                        + "U3,43.7390,7.4270," + t + ",4\n"
                        + "U3,abc,7.4270,,\n"
                        + "NOPE,43.7390,7.4270,,\n"
                        + "\n"
                        + "U3,43.7391,7.4271," + Instant.ofEpochMilli(t + 500) + ",\n"
                        + "U3,43.7392,7.4272,,-1\n");
        CliRunner r = serve.client("fixes", csv.toString());
        assertEquals(2, r.exitCode(), "bad lines give exit 2: " + r.err());
        JsonNode s = Json.MAPPER.readTree(r.out());
        assertEquals(8, s.get("lines").asInt(), s.toString());
        assertEquals(2, s.get("invalidLines").asInt(), s.toString());
        assertEquals(3, s.get("fixesSent").asInt(), s.toString());
        assertEquals(2, s.get("accepted").asInt(), s.toString());
        assertEquals(1, s.get("rejected").asInt(), s.toString());
        assertEquals(1, s.get("rejectedByReason").size(), s.toString());
        assertEquals(
                "REJECT_REASON_UNKNOWN_UNIT", s.at("/rejectedByReason/0/reason").asText(), s.toString());
        assertEquals(1, s.at("/rejectedByReason/0/count").asInt(), s.toString());
        ReadmeSamples.assertShape(ReadmeSamples.sample("{\"source\":"), r.out().strip());
        assertTrue(r.err().contains("line 4: lat 'abc' is not a number"), r.err());
        assertTrue(r.err().contains("line 8: accuracy_metres '-1' must be 0 or more"), r.err());
        assertTrue(r.err().contains("line 5: unit_id 'NOPE' refused (unknown_unit)"), r.err());
        JsonNode u3 = json(serve.client("unit", "U3"));
        assertEquals(43.7391, u3.at("/lastFix/position/latDeg").asDouble(), 1e-9, "the newest good line");

        CliRunner track = serve.client("track", "U3", "--output", "table");
        assertEquals(0, track.exitCode(), track.err());
        assertTrue(track.out().contains("Track of U3: 2 points"), track.out());
    }

    @Test
    void fixesFromStandardInputAsJsonLines() throws Exception {
        String lines = "{\"unit_id\":\"U2\",\"position\":{\"lat_deg\":43.7312,\"lon_deg\":7.4198}}\n"
                + "{\"unitId\":\"U2\",\"position\":{\"latDeg\":43.7313,\"lonDeg\":7.4199},\"accuracyMetres\":3}\n"
                + "{\"unit_id\":\"U2\",\"positon\":{}}\n";
        InputStream stdin = System.in;
        CliRunner r;
        try {
            System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
            r = serve.client("fixes", "-", "--output", "table");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(
                r.err().contains("standard input: line 3: 'positon' is not a field of a fix; did you mean 'position'?"),
                r.err());
        assertTrue(r.out().contains("accepted:") && r.out().matches("(?s).*accepted: +2\\b.*"), r.out());
    }

    @Test
    void lipReportMovesItsUnit() throws Exception {
        JsonNode r = json(serve.client("lip", "U1", PALACE_LIP_HEX));
        assertEquals("FIX_OUTCOME_ACCEPTED_LATEST", r.get("outcome").asText(), r.toString());
        assertEquals(43.7311, r.at("/fix/position/latDeg").asDouble(), 1e-4);
        JsonNode u1 = json(serve.client("unit", "U1"));
        assertEquals(43.7311, u1.at("/lastFix/position/latDeg").asDouble(), 1e-4, "the report moved U1");

        CliRunner unknown = serve.client("lip", "NOBODY", PALACE_LIP_HEX);
        assertOneLineError(unknown, 2, "the report from <issi> 'NOBODY' was refused (unknown_unit)");
        assertOneLineError(serve.client("lip", "U1", "zz"), 2, "<hex> 'zz' is not a PDU in hex");
        assertOneLineError(serve.client("lip", "U1", "0F"), 2, "<hex> '0F': refused by the service");
    }

    @Test
    void theReadmeSampleOfClientRecommendHasThePrintedShape() throws Exception {
        String command = "./dispatch client recommend --at 43.7384,7.4246";
        String[] args = ReadmeSamples.command(command);
        CliRunner r = serve.client(java.util.Arrays.copyOfRange(args, 1, args.length));
        ReadmeSamples.assertShape(ReadmeSamples.sampleAfter(command), json(r).toString());
    }

    @Test
    void recommendStatusAndAssignNameWhatTheUserWrote() throws Exception {
        JsonNode rec = json(serve.client("recommend", "--at", ServeProcess.CASINO, "--k", "2"));
        assertEquals(2, rec.get("candidates").size(), rec.toString());
        CliRunner table = serve.client("recommend", "--at", ServeProcess.CASINO, "--output", "table");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().startsWith("Grade 1 (Emergency)"), table.out());
        assertTrue(table.out().contains("RANK") && table.out().contains("ETA"), table.out());

        assertOneLineError(
                serve.client("recommend", "--at", ServeProcess.CASINO, "--grade", "9"),
                2,
                "--grade '9': refused by the service");
        assertOneLineError(
                serve.client("recommend", "--at", ServeProcess.CASINO, "--k", "500"),
                2,
                "--k must be between 1 and 100, got 500");
        assertOneLineError(serve.client("recommend", "--at", "43.7,181"), 2, "--at must be a longitude");

        JsonNode assigned = json(serve.client("assign", "U2", "--incident-id", "INC-7", "--grade", "2"));
        assertEquals("UNIT_STATUS_EN_ROUTE", assigned.at("/unit/status").asText());
        assertEquals("INC-7", assigned.at("/unit/assignedIncidentId").asText());
        // taken to another incident: the table says what INC-7 is left with
        CliRunner diverted =
                serve.client("assign", "U2", "--incident-id", "INC-8", "--grade", "3", "--output", "table");
        assertEquals(0, diverted.exitCode(), diverted.out() + diverted.err());
        assertTrue(
                diverted.out().contains("warning: U2 was taken from INC-7 (grade 2), which now has no unit assigned"),
                diverted.out());
        JsonNode back7 = json(serve.client("assign", "U2", "--incident-id", "INC-7", "--grade", "2"));
        assertEquals("INC-8", back7.at("/takenFrom/id").asText(), back7.toString());
        // a unit on a task keeps its grade and incident without --grade (issue 9 point 19) ...
        JsonNode committed = json(serve.client("status", "U2", "committed"));
        assertEquals("2", committed.get("committedGrade").asText(), committed.toString());
        assertEquals("INC-7", committed.get("assignedIncidentId").asText(), committed.toString());
        JsonNode back = json(serve.client("status", "U2", "available"));
        assertEquals("UNIT_STATUS_AVAILABLE", back.get("status").asText());
        // ... a released one has none to keep, and the error names the option
        assertOneLineError(serve.client("status", "U2", "committed"), 2, "--grade");
        assertOneLineError(serve.client("status", "U2", "asleep"), 2, "<status> 'asleep' is not a status");
        assertOneLineError(serve.client("unit", "NOPE"), 3, "<unit-id> 'NOPE': not found by the service");
    }

    @Test
    void watchFollowsUntilStoppedAndCountStopsEarly() throws Exception {
        AtomicReference<CliRunner> counted = new AtomicReference<>();
        Thread countedWatcher =
                new Thread(() -> counted.set(serve.client("watch", "--count", "2", "--interval-millis", "100")));
        countedWatcher.start();
        // the snapshot comes at once; the second update needs a change
        for (int i = 0; i < 30 && countedWatcher.isAlive(); i++) {
            Thread.sleep(300);
            serve.client("status", "U3", i % 2 == 0 ? "refreshment" : "at_station");
        }
        countedWatcher.join(10_000);
        assertFalse(countedWatcher.isAlive(), "--count 2 stops after two updates");
        assertEquals(0, counted.get().exitCode(), counted.get().err());
        assertEquals(2, counted.get().out().lines().count(), counted.get().out());
        JsonNode first =
                Json.MAPPER.readTree(counted.get().out().lines().findFirst().orElseThrow());
        assertTrue(first.get("fullSnapshot").asBoolean(), first.toString());

        // follow: read the watcher's output while it runs, and change the fleet only once it listens
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicReference<Integer> exit = new AtomicReference<>();
        Thread watcher = new Thread(() -> exit.set(Main.run(
                new String[] {"client", "watch", "--interval-millis", "100", "--target", "127.0.0.1:" + serve.port},
                new PrintWriter(out),
                new PrintWriter(err))));
        watcher.start();
        awaitLines(out, 1); // the snapshot
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    0,
                    serve.client("status", "U3", i % 2 == 0 ? "refreshment" : "at_station")
                            .exitCode());
            awaitLines(out, i + 2); // each change in an update of its own
        }
        assertTrue(watcher.isAlive(), "watch follows until stopped, past any old default of 3 updates");
        watcher.interrupt(); // as Ctrl-C would stop it
        watcher.join(10_000);
        assertFalse(watcher.isAlive());
        assertEquals(6, out.toString().lines().count(), "a snapshot and five changes: " + out);
    }

    /** Waits until {@code out} holds at least {@code lines} lines (at most 20 s). */
    private static void awaitLines(StringWriter out, long lines) throws InterruptedException {
        for (int i = 0; i < 200 && out.toString().lines().count() < lines; i++) {
            Thread.sleep(100);
        }
        assertTrue(out.toString().lines().count() >= lines, "expected " + lines + " updates: " + out);
    }

    @Test
    void aServiceThatIsNotThereOrABadTargetIsOneLine() {
        CliRunner refused = CliRunner.run("client", "units", "--target", "127.0.0.1:1");
        assertOneLineError(refused, 4, "cannot reach the service at 127.0.0.1:1: connection refused");
        assertOneLineError(CliRunner.run("client", "units", "--target", "foo"), 2, "--target 'foo' must be host:port");
        assertOneLineError(
                CliRunner.run("client", "units", "--target", "localhost:99999"),
                2,
                "the port 99999 is not between 1 and 65535");
        assertOneLineError(
                CliRunner.run("load", "--target", "foo", "--seconds", "1"), 2, "--target 'foo' must be host:port");
        assertOneLineError(
                CliRunner.run("load", "--target", "[::1", "--seconds", "1"), 2, "an IPv6 host is written in brackets");
    }
}
