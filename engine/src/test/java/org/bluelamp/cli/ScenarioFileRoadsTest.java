package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.coverage.ScenarioChange;
import org.bluelamp.error.BluelampException;
import org.junit.jupiter.api.Test;

/**
 * The scenario file's road what-ifs: {@code closeRoads} and {@code slowRoads} are read as the
 * {@code --closures} GeoJSON is, and bad ones are refused naming the JSON path of the change.
 */
class ScenarioFileRoadsTest {
    private static final String BASE = "{\"name\":\"b\",\"stations\":[{\"id\":\"OAKHAM\",\"lat\":52.67317,"
            + "\"lon\":-0.72874}],\"units\":[{\"id\":\"RR11\",\"station\":\"OAKHAM\"}],\"scenarios\":[{\"name\":\"s\","
            + "\"changes\":[{\"removeUnit\":\"RR11\"},%s]}]}";
    private static final String BOX = "{\"type\":\"Polygon\",\"coordinates\":[[[-0.733,52.6668],[-0.7215,52.6668],"
            + "[-0.7215,52.6718],[-0.733,52.6718],[-0.733,52.6668]]]}";

    private static ScenarioFile.Parsed parse(String change) throws Exception {
        JsonNode root = new ObjectMapper().readTree(BASE.formatted(change));
        return ScenarioFile.parse(root, Path.of("."));
    }

    private static BluelampException refused(String change) {
        return assertThrows(BluelampException.class, () -> parse(change));
    }

    @Test
    void closeAndSlowRoadsAreReadAsConditions() throws Exception {
        ScenarioFile.Parsed p = parse("{\"closeRoads\":{\"type\":\"Feature\",\"properties\":{\"profiles\":[\"car\"]},"
                + "\"geometry\":" + BOX + "}},{\"slowRoads\":{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"speedFactor\":0.5,\"roadClasses\":[\"primary\"]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"speedFactor\":0.8},\"geometry\":" + BOX + "}]}}");
        var changes = p.scenarios().get(0).changes();
        assertEquals(4, changes.size(), changes.toString());
        var close = assertInstanceOf(ScenarioChange.RoadChange.class, changes.get(1));
        assertInstanceOf(Closure.class, close.condition());
        assertEquals("scenarios[0].changes[1].closeRoads", close.path());
        var slow = assertInstanceOf(ScenarioChange.RoadChange.class, changes.get(3));
        assertEquals(0.8, assertInstanceOf(Slowdown.class, slow.condition()).speedFactor());
        assertEquals("scenarios[0].changes[2].slowRoads.features[1]", slow.path());
    }

    @Test
    void badRoadChangesAreRefusedNamingTheChange() {
        BluelampException e = refused("{\"slowRoads\":{\"type\":\"Feature\",\"properties\":{\"speedFactor\":2},"
                + "\"geometry\":" + BOX + "}}");
        assertEquals("scenarios[0].changes[1].slowRoads", e.field());
        assertTrue(e.getMessage().contains("properties.speedFactor"), e.getMessage());
        e = refused("{\"closeRoads\":{\"type\":\"Feature\",\"properties\":{\"kind\":\"slowdown\",\"speedFactor\":0.5},"
                + "\"geometry\":" + BOX + "}}");
        assertEquals("scenarios[0].changes[1].closeRoads.properties.kind", e.field(), e.getMessage());
        e = refused("{\"closeRoads\":{\"type\":\"Feature\",\"properties\":{\"profiles\":[\"hovercraft\"]},"
                + "\"geometry\":" + BOX + "}}");
        assertEquals("scenarios[0].changes[1].closeRoads", e.field());
        assertTrue(e.getMessage().contains("hovercraft"), e.getMessage());
        e = refused("{\"closeRoads\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}}");
        assertEquals("scenarios[0].changes[1].closeRoads", e.field());
        e = refused("{\"closeRoads\":[1,2]}");
        assertEquals("scenarios[0].changes[1].closeRoads", e.field());
        assertTrue(e.getMessage().contains("Feature"), e.getMessage());
    }
}
