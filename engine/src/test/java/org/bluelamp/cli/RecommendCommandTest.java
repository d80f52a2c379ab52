package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendCommandTest {
    static final Path EXAMPLES = Path.of("..", "map-data", "examples");

    /** {@code recommend} on Rutland for the example fleet and incidents, with {@code more} options. */
    private static CliRunner recommendExamples(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "recommend",
                "--map",
                TestMaps.shared(TestMaps.RUTLAND).toString(),
                "--fleet",
                EXAMPLES.resolve("rutland-fleet.json").toString(),
                "--incidents",
                EXAMPLES.resolve("rutland-incidents.json").toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void ranksTheExampleFleetForTheExampleIncidents() throws Exception {
        CliRunner r = recommendExamples("--k", "3", "--at", "2026-11-22T12:00:00Z");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size(), "one JSON object per incident");
        JsonNode first = Json.MAPPER.readTree(lines.get(0));
        assertEquals("INC-0001", first.get("incidentId").asText());
        assertTrue(first.get("urban").asBoolean(), "Uppingham market place is urban");
        assertEquals(900, first.get("targetSeconds").asDouble(), "grade 1 urban target: 15 minutes");
        JsonNode c = first.at("/candidates/0");
        for (String field : List.of(
                "unitId",
                "callsign",
                "etaSeconds",
                "distanceMetres",
                "meetsTarget",
                "fixAgeSeconds",
                "stale",
                "status",
                "reasons",
                "encodedPolyline",
                "straightLineRank")) {
            assertTrue(c.has(field), "candidate has " + field + ": " + c);
        }
        assertEquals(3, first.get("candidates").size());
        assertEquals(
                1,
                excluded(first, "EXCLUSION_REASON_WRONG_STATUS"),
                "the off-duty unit is left out: " + first.get("excluded"));
        double previous = 0;
        for (JsonNode cand : first.get("candidates")) {
            assertTrue(cand.get("rankingSeconds").asDouble() >= previous, "ranked fastest first");
            previous = cand.get("rankingSeconds").asDouble();
        }
        JsonNode firearms = Json.MAPPER.readTree(lines.get(1));
        assertEquals(2, firearms.get("responsePlan").size(), "two armed response units for a firearms incident");
        assertTrue(firearms.get("planFulfilled").asBoolean());
        for (JsonNode p : firearms.get("responsePlan")) {
            assertEquals("2 x armed_response", p.get("inResponsePlan").asText());
        }
        assertTrue(
                firearms.at("/responsePlan/1/divertedFromGrade").asText().equals("3"),
                "the second armed unit is diverted from grade 3 work: " + firearms.get("responsePlan"));
    }

    @Test
    void closuresFromAGeoJsonFileAreInForce(@TempDir Path tmp) throws Exception {
        Path closures = Files.writeString(tmp.resolve("closures.geojson"), """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-0.7245, 52.5870]},
                   "properties": {"id": "C12", "reason": "market", "radiusMetres": 200,
                                  "profiles": ["car", "car_emergency"]}},
                  {"type": "Feature", "geometry": null,
                   "properties": {"kind": "slowdown", "id": "S1", "roadClasses": ["primary"], "speedFactor": 0.5}}
                ]}
                """);
        CliRunner r = recommendExamples("--closures", closures.toString(), "--at", "2026-11-24T17:30:00Z");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode first = Json.MAPPER.readTree(r.out().strip().lines().toList().get(0));
        String inForce = first.get("conditionsInForce").toString();
        assertTrue(inForce.contains("C12 (market)") && inForce.contains("S1"), inForce);
        assertTrue(inForce.contains("weekday evening peak"), "the shipped congestion profile: " + inForce);

        Path bad = Files.writeString(tmp.resolve("bad.geojson"), """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": null,
                   "properties": {"kind": "slowdown", "id": "S1", "roadClasses": ["primary"], "speedFactor": 0}}]}
                """);
        CliRunner e = recommendExamples("--closures", bad.toString());
        assertEquals(2, e.exitCode(), e.err());
        assertTrue(e.err().contains("features[0].properties.speedFactor 0.0 is outside 0.05 to 1"), e.err());
    }

    @Test
    void badFilesAreOneLineErrorsNamingTheField(@TempDir Path tmp) throws Exception {
        String rutland = TestMaps.shared(TestMaps.RUTLAND).toString();
        Path incidents = EXAMPLES.resolve("rutland-incidents.json");
        record Case(String fleet, String incidents, String expected) {}
        List<Case> cases = List.of(
                new Case(
                        "{\"units\":[{\"id\":\"A\",\"kind\":\"tank\",\"lat\":52.6,\"lon\":-0.7}]}",
                        null,
                        "units[0].kind: unknown value 'tank'"),
                new Case(
                        "{\"units\":[{\"id\":\"A\",\"kind\":\"car\",\"lat\":\"x\",\"lon\":-0.7}]}",
                        null,
                        "units[0].lat must be a number"),
                new Case(
                        "{\"units\":[{\"id\":\"A\",\"lat\":152.6,\"lon\":-0.7}]}",
                        null,
                        "units[0].lat must be a latitude"),
                new Case(
                        "{\"units\":[{\"id\":\"A\",\"capabilities\":[\"telepathy\"],\"lat\":52.6,\"lon\":-0.7}]}",
                        null,
                        "unknown capability 'telepathy'"),
                new Case(
                        "{\"units\":[{\"id\":\"A\",\"status\":\"committed\",\"lat\":52.6,\"lon\":-0.7}]}",
                        null,
                        "committedGrade is required"),
                new Case("{\"vehicles\":[]}", null, "the file must hold {\"units\":["),
                new Case("{not json", null, "is not valid JSON"),
                new Case(
                        "{\"units\":[]}",
                        "{\"incidents\":[{\"id\":\"X\",\"lat\":52.6,\"lon\":-0.7,\"grade\":\"9\"}]}",
                        "incidents[0].grade: unknown grade '9'"),
                new Case(
                        "{\"units\":[]}",
                        "{\"incidents\":[{\"id\":\"X\",\"lat\":52.6,\"lon\":-0.7,\"grade\":\"1\",\"type\":\"alien\"}]}",
                        "unknown incident type 'alien'"),
                new Case(
                        "{\"units\":[]}",
                        "{\"incidents\":[{\"id\":\"X\",\"lon\":-0.7,\"grade\":\"1\"}]}",
                        "incidents[0].lat is missing"));
        int n = 0;
        for (Case c : cases) {
            Path fleet = Files.writeString(tmp.resolve("fleet" + n + ".json"), c.fleet());
            Path inc = c.incidents() == null
                    ? incidents
                    : Files.writeString(tmp.resolve("inc" + n + ".json"), c.incidents());
            n++;
            CliRunner r = CliRunner.run(
                    "recommend", "--map", rutland, "--fleet", fleet.toString(), "--incidents", inc.toString());
            assertEquals(2, r.exitCode(), c + " -> " + r.err());
            assertTrue(
                    r.err().startsWith("error: ") && r.err().contains(c.expected()), c.expected() + " in: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
        CliRunner missing = CliRunner.run(
                "recommend",
                "--map",
                rutland,
                "--fleet",
                tmp.resolve("nope.json").toString(),
                "--incidents",
                incidents.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void unitsAndIncidentsOutsideTheMapAreFlaggedOrRefusedNeverSilently(@TempDir Path tmp) throws Exception {
        String rutland = TestMaps.shared(TestMaps.RUTLAND).toString();
        Path fleet = Files.writeString(
                tmp.resolve("fleet.json"),
                "{\"units\":[{\"id\":\"IN\",\"lat\":52.6689,\"lon\":-0.7321},"
                        + "{\"id\":\"NO-GPS\",\"lat\":0,\"lon\":0}]}");
        Path inside = Files.writeString(
                tmp.resolve("in.json"),
                "{\"incidents\":[{\"id\":\"I1\",\"lat\":52.5870,\"lon\":-0.7245,\"grade\":\"1\"}]}");
        CliRunner r = CliRunner.run(
                "recommend", "--map", rutland, "--fleet", fleet.toString(), "--incidents", inside.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(
                r.err().contains("warning: --fleet: units[1] (unit 'NO-GPS'): position 0.0,0.0 is outside the map"),
                r.err());
        JsonNode rec = Json.MAPPER.readTree(r.out());
        assertEquals("IN", rec.at("/candidates/0/unitId").asText());
        assertEquals(
                1,
                excluded(rec, "EXCLUSION_REASON_NO_POSITION"),
                "the unit without a usable position is counted: " + rec);

        Path outside = Files.writeString(
                tmp.resolve("out.json"),
                "{\"incidents\":[{\"id\":\"I1\",\"lat\":52.5870,\"lon\":-0.7245,\"grade\":\"1\"},"
                        + "{\"id\":\"SEA\",\"lat\":-0.7245,\"lon\":52.5870,\"grade\":\"1\"}]}");
        CliRunner refused = CliRunner.run(
                "recommend", "--map", rutland, "--fleet", fleet.toString(), "--incidents", outside.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(
                refused.err().contains("incidents[1]: lat, lon -0.7245,52.587 is outside the map (latitude"),
                refused.err());
        assertTrue(refused.err().contains("latitude first"), "says what to check: " + refused.err());
        assertEquals("", refused.out(), "nothing is ranked when an incident is refused");

        Path badId = Files.writeString(
                tmp.resolve("id.json"),
                "{\"incidents\":[{\"id\":\" I1\",\"lat\":52.5870,\"lon\":-0.7245,\"grade\":\"1\"}]}");
        CliRunner id = CliRunner.run(
                "recommend", "--map", rutland, "--fleet", fleet.toString(), "--incidents", badId.toString());
        assertEquals(2, id.exitCode(), id.err());
        assertTrue(
                id.err().contains("incidents[0].id ' I1' is not a valid id: it starts or ends with white space"),
                id.err());
        CliRunner k = CliRunner.run(
                "recommend",
                "--map",
                rutland,
                "--fleet",
                fleet.toString(),
                "--incidents",
                inside.toString(),
                "--k",
                "0");
        assertEquals(2, k.exitCode(), k.err());
        assertTrue(k.err().startsWith("error: --k must be between 1 and 100, got 0"), k.err());
    }

    @Test
    void serveReadsTheSameFleetFilesAndRefusesBadOnesBeforeListening(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("fleet.json"), "{\"units\":[{\"id\":\"A\",\"kind\":\"hovercraft\"}]}");
        CliRunner r = CliRunner.run("serve", "--fleet", bad.toString(), "--port", "0", "--http-port", "-1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("units[0].kind: unknown value 'hovercraft'"), r.err());
    }

    @Test
    void serveRefusesABadStationsFileBeforeLoadingTheMap(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(
                tmp.resolve("posts.json"),
                "{\"stations\":[{\"id\":\"OAKHAM\",\"lat\":52.67,\"lon\":\"west\"}],"
                        + "\"units\":[{\"id\":\"A\",\"station\":\"OAKHAM\"}]}");
        CliRunner r = CliRunner.run("serve", "--stations", bad.toString(), "--port", "0", "--http-port", "-1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--stations") && r.err().contains("stations[0].lon"), r.err());
    }

    /** The count of units left out for {@code reason} (an ExclusionReason name), 0 if none. */
    private static int excluded(JsonNode recommendation, String reason) {
        for (JsonNode e : recommendation.get("excluded")) {
            if (e.get("reason").asText().equals(reason)) {
                return e.get("count").asInt();
            }
        }
        return 0;
    }
}
