package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's sample outputs of the offline commands are what the commands print (issue 9 point
 * 13): each documented command is run as written (on the shared Rutland extract) and the sample
 * under it must have the printed shape. The client commands' samples are checked against a real
 * service in {@link ClientCommandsTest}.
 */
class ReadmeSamplesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "./dispatch import --map ../shared",
                "./dispatch route --map ../shared",
                "./dispatch recommend --map ../shared",
                "./dispatch lip-decode "
            })
    void theSampleUnderTheCommandHasTheShapeItPrints(String command) {
        CliRunner r = CliRunner.run(ReadmeSamples.command(command));
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
