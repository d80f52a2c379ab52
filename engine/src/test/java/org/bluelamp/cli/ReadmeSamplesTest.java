package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's sample outputs of the offline commands are what the commands print (issue 9 point
 * 13): each documented command is run as written (on the shared Rutland extract) and the sample
 * under it must have the printed shape (`coverage` writes its files to a folder of the test's
 * instead of the README's /tmp one). The client commands' samples are checked against a real
 * service in {@link ClientCommandsTest}.
 */
class ReadmeSamplesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "./dispatch import --map ../shared",
                "./dispatch route --map ../shared",
                "./dispatch recommend --map ../shared",
                "./dispatch lip-decode ",
                "./dispatch coverage --map ../shared"
            })
    void theSampleUnderTheCommandHasTheShapeItPrints(String command) throws IOException {
        String[] args = ReadmeSamples.command(command);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--out")) { // the README writes to /tmp; the test to its own folder
                args[i + 1] = Files.createTempDirectory("readme-sample").toString();
            }
        }
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.err());
        String first = r.out().strip().lines().findFirst().orElseThrow();
        ReadmeSamples.assertShape(ReadmeSamples.sampleAfter(command), first);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"incident_id\":\"I1\"}", // the old snake_case schema
                "{\"kind\":\"car\"}", // enums in lower case
                "{\"searchedNodes\":8386}", // a 64-bit integer as a number
                "{\"excluded\":{\"wrong_status\":1}}" // a map where the contract has a list
            })
    void aSampleInAnotherSchemaIsCaught(String stale) {
        String printed = "{\"incidentId\":\"I1\",\"kind\":\"UNIT_KIND_CAR\",\"searchedNodes\":\"8386\","
                + "\"excluded\":[{\"reason\":\"EXCLUSION_REASON_WRONG_STATUS\",\"count\":1}]}";
        ReadmeSamples.assertShape(printed, printed);
        assertThrows(AssertionError.class, () -> ReadmeSamples.assertShape(stale, printed));
    }
}
