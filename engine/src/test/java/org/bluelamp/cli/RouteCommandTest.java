package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.Polyline;
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

class RouteCommandTest {

    @Test
    void routePrintsOneJsonObjectThatAgreesWithTheLibrary() throws Exception {
        String rutland = TestMaps.shared(TestMaps.RUTLAND).toString();
        CliRunner r = CliRunner.run(
                "route",
                "--map",
                rutland,
                "--profile",
                "car_emergency",
                "--from",
                "52.6702,-0.7296",
                "--to",
                "52.5870,-0.7245");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        Route lib = TestMaps.rutland()
                .route(TravelProfile.CAR_EMERGENCY, new GeoPoint(52.6702, -0.7296), new GeoPoint(52.5870, -0.7245));
        assertEquals("car_emergency", json.get("profile").asText());
        assertEquals(
                Math.round(lib.timeSeconds() * 10) / 10.0,
                json.get("timeSeconds").asDouble(),
                0.0,
                "0.1 s");
        assertEquals(Math.rint(lib.distanceMetres()), json.get("distanceMetres").asDouble(), 0.0, "1 m");
        assertEquals("LineString", json.at("/geometry/type").asText());
        JsonNode first = json.at("/geometry/coordinates/0");
        assertEquals(-0.7296, first.get(0).asDouble(), 0.005, "GeoJSON is [lon, lat]");
        double[][] decoded = Polyline.decode(json.get("encodedPolyline").asText(), 1e5);
        assertEquals(json.at("/geometry/coordinates").size(), decoded[0].length);
        assertTrue(json.get("attribution").asText().contains("OpenStreetMap"));
        assertEquals(1, r.out().strip().lines().count(), "exactly one line of JSON");
    }

    @Test
    void theEmbeddedMapIsTheDefault() throws Exception {
        CliRunner r = CliRunner.run("route", "--from", "43.7393,7.4278", "--to", "43.7311,7.4197", "--no-geometry");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertTrue(json.get("timeSeconds").asDouble() > 60);
        assertNull(json.get("geometry"));
    }

    @Test
    void badArgumentsGiveOneLineErrorsAndNonZeroExits() {
        String rutland = TestMaps.shared(TestMaps.RUTLAND).toString();
        record Case(int exit, String errorContains, String[] args) {}
        Case[] cases = {
            new Case(2, "--profile 'tank' is not a profile", new String[] {
                "route", "--map", rutland, "--profile", "tank", "--from", "52.67,-0.73", "--to", "52.58,-0.72"
            }),
            new Case(2, "--from must be a latitude", new String[] {
                "route", "--map", rutland, "--from", "95,-0.73", "--to", "52.58,-0.72"
            }),
            new Case(2, "--to must be lat,lon", new String[] {
                "route", "--map", rutland, "--from", "52.67,-0.73", "--to", "oakham"
            }),
            new Case(2, "--to 52.652,-0.62 is 535 m from the nearest road", new String[] {
                "route", "--map", rutland, "--from", "52.67,-0.73", "--to", "52.6520,-0.6200"
            }),
            new Case(2, "--to 51.5,-0.12 is outside the area of this map", new String[] {
                "route", "--map", rutland, "--from", "52.67,-0.73", "--to", "51.5,-0.12"
            }),
            new Case(2, "does not exist", new String[] {
                "route", "--map", "/no/such/map.osm.pbf", "--from", "52.67,-0.73", "--to", "52.58,-0.72"
            }),
            new Case(2, "Missing required option", new String[] {"route", "--map", rutland, "--from", "52.67,-0.73"}),
            new Case(2, "unknown option '--bogus' for 'dispatch route'", new String[] {
                "route", "--bogus", "--from", "52.67,-0.73", "--to", "52.58,-0.72"
            }),
            new Case(2, "unknown command 'fly' for 'dispatch'", new String[] {"fly"}),
        };
        for (Case c : cases) {
            CliRunner r = CliRunner.run(c.args());
            assertEquals(c.exit(), r.exitCode(), String.join(" ", c.args()) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertTrue(r.err().contains(c.errorContains()), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"import", "route"}) {
            CliRunner r = CliRunner.run(cmd, "--help");
            assertEquals(0, r.exitCode());
            assertTrue(r.out().contains("Usage: dispatch " + cmd), r.out());
        }
        assertTrue(CliRunner.run("--help").out().contains("route"));
    }

    @Test
    void importReportsWhatItDid() throws Exception {
        CliRunner r = CliRunner.run(
                "import", "--map", TestMaps.shared(TestMaps.LONDON_ST_GEORGES).toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertTrue(json.get("nodes").asInt() > 200);
        assertTrue(json.has("importSeconds") && json.has("loadSeconds") && json.has("imported"));
        assertEquals(4, json.get("profiles").size());
    }
}
