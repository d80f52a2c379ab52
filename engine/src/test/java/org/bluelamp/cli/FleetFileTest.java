package org.bluelamp.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.input.ClientTimeRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet files: what is read, and bad input refused with the JSON path and the value. */
class FleetFileTest {
    static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    static final List<String> GRADES = List.of("1", "2", "3", "4");

    static List<FleetFile.Entry> parse(String json) throws Exception {
        return FleetFile.parse(
                Json.MAPPER.readTree(json), CapabilityRegistry.defaults(), GRADES, NOW, ClientTimeRule.defaults());
    }

    static String units(String... units) {
        return "{\"units\":[" + String.join(",", units) + "]}";
    }

    @Test
    void readsEveryField() throws Exception {
        List<FleetFile.Entry> e = parse(units(
                "{\"id\":\"A1\",\"callsign\":\"AR21\",\"kind\":\"Van\",\"status\":\"en-route\","
                        + "\"committedGrade\":\"2\","
                        + "\"capabilities\":[\"Dog\",\"first_aid\"],\"crewSize\":3,\"homeStation\":\"Oakham\","
                        + "\"lat\":52.67,\"lon\":-0.73,\"accuracyMetres\":8,\"positionTime\":\"2026-11-22T11:59:00Z\"}",
                "{\"id\":\"A2\",\"lat\":52.6,\"lon\":-0.7,\"fixAgeSeconds\":90}",
                "{\"id\":\"A3\"}"));
        assertEquals(3, e.size());
        FleetFile.Entry a1 = e.get(0);
        assertEquals("units[0]", a1.path());
        assertEquals("AR21", a1.spec().callsign());
        assertEquals(UnitStatus.EN_ROUTE, a1.status().status());
        assertEquals("2", a1.status().committedGrade());
        assertEquals(java.util.Set.of("dog", "first_aid"), a1.spec().capabilities(), "codes in lower case");
        assertEquals(3, a1.spec().crewSize());
        assertEquals(8, a1.accuracyMetres());
        assertEquals(NOW - 60_000, a1.positionTimeMillis());
        assertEquals(NOW - 90_000, e.get(1).positionTimeMillis());
        assertEquals("A2", e.get(1).spec().callsign(), "call sign defaults to the id");
        assertEquals(null, e.get(2).position());
    }

    @Test
    void badInputIsRefusedNamingTheJsonPathAndTheValue() {
        String ok = "\"lat\":52.6,\"lon\":-0.7";
        record Case(String json, String field, String message) {}
        List<Case> cases = List.of(
                new Case("{\"vehicles\":[]}", "units", "the file must hold {\"units\":["),
                new Case(units("42"), "units[0]", "units[0] must be an object"),
                new Case(units("{\"kind\":\"car\"," + ok + "}"), "units[0].id", "units[0].id is missing"),
                new Case(units("{\"id\":7," + ok + "}"), "units[0].id", "units[0].id must be a string, got 7"),
                new Case(
                        units("{\"id\":\"T-1\\u0000\\n\\u001b[31m\"," + ok + "}"),
                        "units[0].id",
                        "units[0].id 'T-1\\u0000\\u000a\\u001b[31m' is not a valid id"),
                new Case(units("{\"id\":\"" + "x".repeat(70) + "\"}"), "units[0].id", "more than the 64 allowed"),
                new Case(
                        units("{\"id\":\"A\"}", "{\"id\":\"A\"}"),
                        "units[1].id",
                        "units[1].id 'A' is listed twice (first at units[0])"),
                new Case(
                        units("{\"id\":\"A\",\"kind\":\"tank\"}"),
                        "units[0].kind",
                        "units[0].kind: unknown value 'tank'"),
                new Case(
                        units("{\"id\":\"A\",\"lng\":1}"),
                        "units[0].lng",
                        "'lng' is not a field here; did you mean 'lon'?"),
                new Case(
                        units("{\"id\":\"A\",\"status\":\"committed\"}"),
                        "units[0].committedGrade",
                        "units[0].committedGrade is required for status committed"),
                new Case(
                        units("{\"id\":\"A\",\"committedGrade\":\"1\"}"),
                        "units[0].committedGrade",
                        "units[0].committedGrade '1' is not allowed for status available"),
                new Case(
                        units("{\"id\":\"A\",\"status\":\"committed\",\"committedGrade\":\"9\"}"),
                        "units[0].committedGrade",
                        "'9' is not a grade of the policy"),
                new Case(
                        units("{\"id\":\"A\",\"capabilities\":[\"telepathy\"]}"),
                        "units[0].capabilities[0]",
                        "units[0].capabilities[0]: unknown capability 'telepathy'"),
                new Case(
                        units("{\"id\":\"A\",\"capabilities\":\"dog\"}"),
                        "units[0].capabilities",
                        "must be a list of strings"),
                new Case(
                        units("{\"id\":\"A\",\"crewSize\":2.5}"),
                        "units[0].crewSize",
                        "must be a whole number from 1 to 100, got 2.5"),
                new Case(units("{\"id\":\"A\",\"crewSize\":0}"), "units[0].crewSize", "got 0"),
                new Case(
                        units("{\"id\":\"A\",\"lat\":\"x\",\"lon\":1}"),
                        "units[0].lat",
                        "units[0].lat must be a number (decimal degrees), got 'x'"),
                new Case(
                        units("{\"id\":\"A\",\"lat\":152.6,\"lon\":1}"),
                        "units[0].lat",
                        "units[0].lat must be a latitude"),
                new Case(units("{\"id\":\"A\",\"lat\":52.6}"), "units[0].lon", "units[0].lon is missing"),
                new Case(
                        units("{\"id\":\"A\",\"fixAgeSeconds\":5}"),
                        "units[0].fixAgeSeconds",
                        "is given without a position"),
                new Case(
                        units("{\"id\":\"A\"," + ok + ",\"positionTime\":\"yesterday\"}"),
                        "units[0].positionTime",
                        "units[0].positionTime 'yesterday' must be an ISO-8601 instant"),
                new Case(
                        units("{\"id\":\"A\"," + ok + ",\"positionTime\":\"9999-01-01T00:00:00Z\"}"),
                        "units[0].positionTime",
                        "is after 2026-11-22T12:00:00Z (the time the fleet is evaluated at)"),
                new Case(
                        units("{\"id\":\"A\"," + ok + ",\"fixAgeSeconds\":-60}"),
                        "units[0].fixAgeSeconds",
                        "units[0].fixAgeSeconds must be between 0 and 1000000000, got -60"),
                new Case(
                        units("{\"id\":\"A\"," + ok
                                + ",\"positionTime\":\"2026-11-22T11:00:00Z\",\"fixAgeSeconds\":1}"),
                        "units[0].fixAgeSeconds",
                        "give positionTime or fixAgeSeconds, not both"),
                new Case(
                        units("{\"id\":\"A\"," + ok + ",\"accuracyMetres\":-1}"),
                        "units[0].accuracyMetres",
                        "units[0].accuracyMetres must be between 0 and 100000, got -1"));
        for (Case c : cases) {
            BluelampException e = assertThrows(BluelampException.class, () -> parse(c.json()), c.json());
            assertEquals(c.field(), e.field(), c.json() + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(c.message()), c.message() + " in: " + e.getMessage());
            assertFalse(e.getMessage().contains("\u001b"), "no control character echoed: " + e.getMessage());
        }
    }

    @Test
    void readNamesTheOptionAndTheFileAndExplainsBrokenJson(@TempDir Path tmp) throws Exception {
        Path broken = Files.writeString(tmp.resolve("f.json"), "{\"units\": [\n  {\"id\": \"A\",}\n]}");
        BluelampException e = assertThrows(
                BluelampException.class,
                () -> FleetFile.read(broken, "--fleet", null, null, NOW, ClientTimeRule.defaults()));
        assertTrue(
                e.getMessage().startsWith("--fleet file " + broken + " is not valid JSON: line 2, column"),
                e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadFeature"), "no parser jargon: " + e.getMessage());
        assertFalse(e.getMessage().contains("Source:"), "no parser jargon: " + e.getMessage());
        Path bad = Files.writeString(tmp.resolve("g.json"), units("{\"id\":\"A\",\"kind\":\"tank\"}"));
        BluelampException e2 = assertThrows(
                BluelampException.class,
                () -> FleetFile.read(bad, "--fleet", null, null, NOW, ClientTimeRule.defaults()));
        assertTrue(
                e2.getMessage().startsWith("--fleet " + bad + ": units[0].kind: unknown value 'tank'"),
                e2.getMessage());
        BluelampException missing = assertThrows(
                BluelampException.class,
                () -> FleetFile.read(tmp.resolve("nope.json"), "--fleet", null, null, NOW, ClientTimeRule.defaults()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void theFileEntryPointsOnlyReadTheFileAndGiveTheInMemoryAnswer(@TempDir Path tmp) throws Exception {
        // the fuzz targets feed the in-memory entry points: the path ones must add nothing but reading
        String good = units("{\"id\":\"A\",\"lat\":52.6,\"lon\":-0.7,\"positionTime\":\"2026-11-22T11:59:00Z\"}");
        String bad = units("{\"id\":\"A\",\"lat\":52.6,\"lon\":-0.7}", "{\"id\":\"A\"}");
        Path goodFile = Files.writeString(tmp.resolve("good.json"), good);
        Path badFile = Files.writeString(tmp.resolve("bad.json"), bad);
        var t = ClientTimeRule.defaults();
        assertEquals(
                FleetFile.read(good.getBytes(UTF_8), goodFile.toString(), "--fleet", null, null, NOW, t),
                FleetFile.read(goodFile, "--fleet", null, null, NOW, t));
        String fromFile = assertThrows(
                        BluelampException.class, () -> FleetFile.read(badFile, "--fleet", null, null, NOW, t))
                .getMessage();
        String fromMemory = assertThrows(
                        BluelampException.class,
                        () -> FleetFile.read(bad.getBytes(UTF_8), badFile.toString(), "--fleet", null, null, NOW, t))
                .getMessage();
        assertEquals(fromFile, fromMemory);
        assertTrue(fromFile.startsWith("--fleet " + badFile + ": units[1].id 'A' is listed twice"), fromFile);
        String incidents = "{\"incidents\":[{\"lat\":52.6,\"lon\":-0.7,\"grade\":\"1\"},{\"lat\":91,\"lon\":0}]}";
        Path incidentsFile = Files.writeString(tmp.resolve("i.json"), incidents);
        assertEquals(
                assertThrows(BluelampException.class, () -> IncidentsFile.read(incidentsFile, "--incidents"))
                        .getMessage(),
                assertThrows(
                                BluelampException.class,
                                () -> IncidentsFile.read(
                                        incidents.getBytes(UTF_8), incidentsFile.toString(), "--incidents"))
                        .getMessage());
        // what only the path entry points do: a missing file, a folder, an empty file
        for (Path notAFile : List.of(tmp.resolve("none.json"), tmp)) {
            BluelampException e =
                    assertThrows(BluelampException.class, () -> IncidentsFile.read(notAFile, "--incidents"));
            assertEquals("--incidents file '" + notAFile + "' does not exist or is not a file", e.getMessage());
            assertEquals("--incidents", e.field());
        }
        Path empty = Files.writeString(tmp.resolve("empty.json"), "");
        assertEquals(
                "--fleet file " + empty + " is empty",
                assertThrows(BluelampException.class, () -> FleetFile.read(empty, "--fleet", null, null, NOW, t))
                        .getMessage());
    }

    @Test
    void aPositionOutsideTheMapIsNotUsedAndTheUnitIsNamed() throws Exception {
        List<FleetFile.Entry> e = parse(units(
                "{\"id\":\"IN\",\"lat\":52.6,\"lon\":-0.7}",
                "{\"id\":\"NULL-ISLAND\",\"lat\":0,\"lon\":0}",
                "{\"id\":\"NONE\"}"));
        FleetState fleet = new FleetState(FleetOptions.defaults());
        StringWriter warnings = new StringWriter();
        GeoBounds rutland = new GeoBounds(52.52, -0.83, 52.77, -0.42);
        int outside = FleetFile.register(e, fleet, rutland, "--fleet", new PrintWriter(warnings));
        assertEquals(1, outside);
        assertEquals(3, fleet.unitCount(), "every unit is registered");
        assertTrue(fleet.getSnapshot("IN").hasFix());
        assertFalse(fleet.getSnapshot("NULL-ISLAND").hasFix(), "the position at 0,0 is not used");
        assertTrue(
                warnings.toString()
                        .startsWith("warning: --fleet: units[1] (unit 'NULL-ISLAND'): position 0.0,0.0 is "
                                + "outside the map (latitude 52.52000 to 52.77000"),
                warnings.toString());
        assertEquals(1, warnings.toString().lines().count(), "one line per unit");
    }
}
