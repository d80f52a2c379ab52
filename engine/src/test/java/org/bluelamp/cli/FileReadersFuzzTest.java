package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.testing.Fuzzing;

/**
 * Fuzz targets of the command line's fleet and incidents files (docs/fuzzing.md): any bytes, read
 * as the content of the file the user named, in memory (the readers' path entry points only read
 * the file and call the same code; their own checks, a missing or unreadable file, are unit tests:
 * {@code FleetFileTest}, {@code IncidentsFileTest}). The only error allowed is {@link BluelampException}
 * INVALID_ARGUMENT; a unit or incident the reader accepts has valid ids, coordinates in range, a
 * crew in range and a position time no later than the clock allows.
 */
class FileReadersFuzzTest {
    private static final CapabilityRegistry CAPABILITIES = CapabilityRegistry.defaults();
    private static final PolicyBook POLICIES = PolicyBook.loadDefault(CAPABILITIES);
    private static final List<String> GRADES =
            POLICIES.grades().stream().map(g -> g.code()).toList();
    private static final String FILE = "fuzz.json";

    private static void typed(BluelampException e) {
        assertTrue(e.kind() == ErrorKind.INVALID_ARGUMENT, "refused as " + e.kind() + ": " + e.getMessage());
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void fleetFile(byte[] data) {
        long now = Fuzzing.CLOCK.millis();
        List<FleetFile.Entry> units;
        try {
            units = FleetFile.read(data, FILE, "--fleet", CAPABILITIES, GRADES, now, ClientTimeRule.defaults());
        } catch (BluelampException e) {
            typed(e);
            return;
        }
        for (FleetFile.Entry u : units) {
            Fuzzing.id(u.spec().id(), u);
            Fuzzing.id(u.spec().callsign(), u);
            assertTrue(u.spec().crewSize() >= 1 && u.spec().crewSize() <= FleetFile.MAX_CREW, "crew " + u);
            if (u.position() != null) {
                Fuzzing.latitude(u.position().latDeg(), u);
                Fuzzing.longitude(u.position().lonDeg(), u);
                assertTrue(
                        u.positionTimeMillis()
                                <= now + ClientTimeRule.defaults().maxFutureSkewMillis(),
                        "position time after the clock: " + u);
            }
            assertTrue(Double.isNaN(u.accuracyMetres()) || u.accuracyMetres() >= 0, "accuracy " + u);
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void incidentsFile(byte[] data) {
        List<IncidentsFile.Entry> incidents;
        try {
            incidents = IncidentsFile.read(data, FILE, "--incidents");
            IncidentsFile.check(
                    incidents, POLICIES, CAPABILITIES, new GeoBounds(43.7, 7.39, 43.76, 7.45), "--incidents", FILE);
        } catch (BluelampException e) {
            typed(e);
            return;
        }
        for (IncidentsFile.Entry i : incidents) {
            Fuzzing.id(i.id(), i);
            Fuzzing.latitude(i.location().latDeg(), i);
            Fuzzing.longitude(i.location().lonDeg(), i);
            assertTrue(POLICIES.findGrade(i.grade()).isPresent(), "grade " + i);
            i.capabilities().forEach(c -> assertTrue(CAPABILITIES.isKnown(c), "capability " + c));
        }
    }
}
