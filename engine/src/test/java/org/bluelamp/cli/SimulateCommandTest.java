package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} end to end on the real Rutland extract with the shipped Rutland scenario: the
 * results file, the timing file and readable PNG charts; and bad input as one-line errors naming
 * the option or the scenario's JSON path and the value.
 */
class SimulateCommandTest {
    static final Path SCENARIO = Path.of("..", "map-data", "simulation", "rutland.json");

    @Test
    void simulatesTheShippedRutlandScenarioAndWritesResultsAndCharts(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.run(
                "simulate",
                "--map",
                TestMaps.shared(TestMaps.RUTLAND).toString(),
                "--scenario",
                SCENARIO.toString(),
                "--policies",
                "straight-line,road-time,station",
                "--seeds",
                "2",
                "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = Json.MAPPER.readTree(r.out().strip());
        assertEquals(2, summary.get("seeds").asInt());
        for (String p : List.of("straight-line", "road-time", "station")) {
            double c = summary.at("/grade1Compliance/" + p + "/mean").asDouble();
            assertTrue(c >= 0 && c <= 1, p + ": " + summary);
        }
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertEquals(3, results.get("policies").size());
        assertEquals(15.0, results.at("/scenario/targetMinutes/1/urban").asDouble());
        JsonNode g1 = results.at("/policies/1/grades/1");
        assertEquals("road-time", results.at("/policies/1/policy").asText());
        for (String measure : List.of("compliance", "meanMinutes", "medianMinutes", "p90Minutes", "latePerDay")) {
            assertEquals(2, g1.at("/" + measure + "/n").asInt(), measure + ": " + g1);
        }
        assertEquals(6, results.get("runs").size(), "3 policies x 2 seeds");
        // common random numbers: every policy of a seed faced the same incidents
        for (int s = 0; s < 2; s++) {
            int incidents = -1;
            for (JsonNode run : results.get("runs")) {
                if (run.get("seed").asInt() == s + 1) {
                    int n = 0;
                    for (JsonNode g : run.get("grades")) {
                        n += g.get("incidents").asInt();
                    }
                    assertTrue(incidents < 0 || incidents == n, "seed " + (s + 1) + ": " + incidents + " vs " + n);
                    incidents = n;
                }
            }
            assertTrue(incidents > 0);
        }
        JsonNode timing = Json.MAPPER.readTree(out.resolve("timing.json").toFile());
        assertTrue(timing.get("simulatedHoursPerSecond").asDouble() > 0);
        for (String png : List.of(
                "response-times-grade-1.png",
                "compliance-by-hour-grade-1.png",
                "response-times-grade-2.png",
                "compliance-by-hour-grade-2.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png + " is a readable image");
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 500, png);
        }
    }

    @Test
    void badInputIsOneLineNamingTheFieldAndTheValue(@TempDir Path tmp) throws Exception {
        String rutland = TestMaps.shared(TestMaps.RUTLAND).toString();
        String good = Files.readString(SCENARIO);
        record Case(List<String> extra, String scenario, String expected) {}
        List<Case> cases = List.of(
                new Case(List.of("--policies", "nearest"), good, "--policies 'nearest' is not a policy"),
                new Case(
                        List.of("--policies", "move_up"),
                        good,
                        "--policies 'move_up' is not a policy; known: straight-line, road-time, move-up, station"),
                new Case(List.of("--days", "0"), good, "--days must be from 1 to 14, got 0"),
                new Case(List.of("--threads", "0"), good, "--threads must be from 1 to 64, got 0"),
                new Case(List.of(), good.replace("\"rate\": 0.037", "\"rate\": -1"), "scenario.demand.rate"),
                new Case(List.of(), good.replace("\"drainHours\"", "\"drainHour\""), "drainHour"),
                new Case(
                        List.of(),
                        good.replace("\"drainHours\": 6,", "\"drainHours\": 6, \"warmUpHours\": 60,"),
                        "scenario.warmUpHours must be between 0 and 48, got 60"),
                new Case(
                        List.of(),
                        good.replace(
                                "\"station\": \"Oakham\", \"shift\": \"early\"",
                                "\"station\": \"Okham\", \"shift\": \"early\""),
                        "Okham"),
                new Case(List.of(), good.replace("\"07:00\"", "\"7 o'clock\""), "7 o'clock"),
                new Case(List.of(), "[1, 2]", "one JSON object"));
        for (Case c : cases) {
            Path file = tmp.resolve("scenario.json");
            Files.writeString(file, c.scenario());
            List<String> args = new java.util.ArrayList<>(List.of(
                    "simulate",
                    "--map",
                    rutland,
                    "--scenario",
                    file.toString(),
                    "--seeds",
                    "1",
                    "--out",
                    tmp.resolve("out").toString()));
            args.addAll(c.extra());
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), c + ": " + r.err());
            assertTrue(r.err().contains(c.expected()), c.expected() + " in: " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
    }
}
