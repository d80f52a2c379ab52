package org.bluelamp.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    @Test
    void theFileEntryPointsOnlyReadTheFileAndGiveTheInMemoryAnswer(@TempDir Path tmp) throws Exception {
        // the fuzz targets feed the in-memory entry points: the path ones must add nothing but reading
        CapabilityRegistry caps = CapabilityRegistry.defaults();
        String policy = "{\"name\":\"x\",\"grades\":[{\"code\":\"1\"},{\"code\":\"1\"}]}";
        Path policyFile = Files.writeString(tmp.resolve("policy.json"), policy);
        assertEquals(
                assertThrows(BluelampException.class, () -> PolicyBook.load(policyFile, caps))
                        .getMessage(),
                assertThrows(
                                BluelampException.class,
                                () -> PolicyBook.parse(policy.getBytes(UTF_8), policyFile.toString(), caps))
                        .getMessage());
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[-1,52],[0,52],[0,53],[-1,53],[-1,52]]]}";
        Path urbanFile = Files.writeString(tmp.resolve("u.geojson"), square);
        assertEquals(1, UrbanAreas.load(urbanFile).size());
        assertEquals(
                1,
                UrbanAreas.parse(square.getBytes(UTF_8), urbanFile.toString()).size());
        // bytes that are not UTF-8 are refused by name, in memory as from a file
        byte[] latin1 = "{\"type\":\"Polygon\",\"name\":\"K\u00f6ln\"}".getBytes(StandardCharsets.ISO_8859_1);
        Path latin1File = Files.write(tmp.resolve("latin1.geojson"), latin1);
        BluelampException notUtf8 = assertThrows(BluelampException.class, () -> UrbanAreas.load(latin1File));
        assertTrue(
                notUtf8.getMessage().startsWith("urban areas file " + latin1File + " is not UTF-8 text"),
                notUtf8.getMessage());
        assertEquals(
                notUtf8.getMessage(),
                assertThrows(BluelampException.class, () -> UrbanAreas.parse(latin1, latin1File.toString()))
                        .getMessage());
        // what only the path entry points do: a missing file, a folder
        for (Path notAFile : List.of(tmp.resolve("none.json"), tmp)) {
            assertEquals(
                    "policy file " + notAFile + " does not exist",
                    assertThrows(BluelampException.class, () -> PolicyBook.load(notAFile, caps))
                            .getMessage());
            assertEquals(
                    "urban areas file " + notAFile + " does not exist or is not a file",
                    assertThrows(BluelampException.class, () -> UrbanAreas.load(notAFile))
                            .getMessage());
        }
    }
}
