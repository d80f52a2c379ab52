package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy and urban-area files: errors name the file and the place, never the parser's jargon. */
class PolicyAndAreaFilesTest {

    @Test
    void policyErrorsNameTheJsonPathAndCheckIds(@TempDir Path tmp) throws Exception {
        record Case(String json, String message) {}
        List<Case> cases = List.of(
                new Case("{\"name\": \"x\",\n \"grades\": [}", "is not valid JSON: line 2, column 13"),
                new Case(
                        "{\"name\":\"x\",\"grades\":[{\"code\":\"1\\u001b[2J\"}]}",
                        "grades[0].code '1\\u001b[2J' is not a valid id"),
                new Case("{\"name\":\"x\",\"grades\":[7]}", "grades[0] must be an object"),
                new Case(
                        "{\"name\":\"x\",\"grades\":[{\"code\":\"1\"}],"
                                + "\"responsePlans\":{\"fire arms \":[{\"capabilities\":"
                                + "[\"dog\"],\"units\":1}]}}",
                        "responsePlans key 'fire arms ' is not a valid id: it starts or ends with white space"),
                new Case(
                        "{\"name\":\"x\",\"grades\":[{\"code\":\"1\"}],\"responsePlans\":{\"k9\":[{\"capabilities\":"
                                + "[{\"a\":1}],\"units\":1}]}}",
                        "responsePlans.k9[0].capabilities must be a list of capability codes"));
        int i = 0;
        for (Case c : cases) {
            Path f = Files.writeString(tmp.resolve("p" + i++ + ".json"), c.json());
            BluelampException e = assertThrows(
                    BluelampException.class, () -> PolicyBook.load(f, CapabilityRegistry.defaults()), c.json());
            assertTrue(e.getMessage().contains(c.message()), c.message() + " in: " + e.getMessage());
            assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
            assertFalse(
                    e.getMessage().contains("Source:") || e.getMessage().contains("StreamReadFeature"), e.getMessage());
        }
    }

    @Test
    void urbanAreaErrorsNameTheFile(@TempDir Path tmp) throws Exception {
        Path broken =
                Files.writeString(tmp.resolve("u.geojson"), "{\"type\": \"FeatureCollection\",\n \"features\": [");
        BluelampException e = assertThrows(BluelampException.class, () -> UrbanAreas.load(broken));
        assertTrue(e.getMessage().startsWith(broken + " is not valid JSON: line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("Source:") || e.getMessage().contains("StreamReadFeature"), e.getMessage());
        Path point = Files.writeString(tmp.resolve("p.geojson"), "{\"type\":\"Point\",\"coordinates\":[1,2]}");
        BluelampException e2 = assertThrows(BluelampException.class, () -> UrbanAreas.load(point));
        assertTrue(e2.getMessage().contains("feature 0 is a Point; urban areas must be Polygons"), e2.getMessage());
        Path shapeless = Files.writeString(tmp.resolve("s.geojson"), "{\"type\":\"Feature\"}");
        BluelampException e3 = assertThrows(BluelampException.class, () -> UrbanAreas.load(shapeless));
        assertTrue(e3.getMessage().contains("is not valid GeoJSON"), e3.getMessage());
        assertFalse(e3.getMessage().contains("Exception") || e3.getMessage().contains("because"), e3.getMessage());
        BluelampException missing = assertThrows(BluelampException.class, () -> UrbanAreas.load(tmp.resolve("none")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
