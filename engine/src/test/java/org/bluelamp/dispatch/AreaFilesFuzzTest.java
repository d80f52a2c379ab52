package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.testing.Fuzzing;
import org.bluelamp.tracking.ServiceArea;

/**
 * Fuzz targets of the policy, urban-area and service-area files (docs/fuzzing.md): any bytes, read
 * as the content of the file named on the command line, in memory (the path entry points only read
 * the file and call the same code; a missing or unreadable file is a unit test:
 * {@code PolicyAndAreaFilesTest}). The only error allowed is {@link BluelampException}
 * INVALID_ARGUMENT; a policy that loads has valid grade codes, positive targets, speeds and ages,
 * and areas that load answer point queries without failing.
 */
class AreaFilesFuzzTest {
    private static final String FILE = "fuzz.json";

    private static void typed(BluelampException e) {
        assertTrue(e.kind() == ErrorKind.INVALID_ARGUMENT, "refused as " + e.kind() + ": " + e.getMessage());
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void policyFile(byte[] data) {
        PolicyBook p;
        try {
            p = PolicyBook.parse(data, FILE, CapabilityRegistry.defaults());
        } catch (BluelampException e) {
            typed(e);
            return;
        }
        assertTrue(!p.grades().isEmpty(), "a policy without grades");
        for (GradePolicy g : p.grades()) {
            Fuzzing.id(g.code(), g);
            assertTrue(positiveOrNone(g.urbanTargetSeconds()) && positiveOrNone(g.ruralTargetSeconds()), "target " + g);
        }
        for (UnitStatus s : UnitStatus.values()) {
            assertTrue(p.mobilisationMillis(s) >= 0, "mobilisation of " + s);
        }
        for (UnitKind k : UnitKind.values()) {
            double v = p.offRoadMetresPerSecond(k);
            assertTrue(v > 0 && Double.isFinite(v), "off-road speed of " + k + ": " + v);
        }
        assertTrue(p.maxFixAgeMillis() > 0, "max fix age " + p.maxFixAgeMillis());
        int penalty = p.stalePenaltyMillis(Long.MAX_VALUE / 2, true);
        assertTrue(penalty >= 0, "stale penalty " + penalty);
        for (String type : p.incidentTypes()) {
            Fuzzing.id(type, p);
        }
    }

    private static boolean positiveOrNone(double seconds) {
        return Double.isNaN(seconds) || (seconds > 0 && Double.isFinite(seconds));
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void urbanAreasFile(byte[] data) {
        UrbanAreas areas;
        try {
            areas = UrbanAreas.parse(data, FILE);
        } catch (BluelampException e) {
            typed(e);
            return;
        }
        assertTrue(areas.size() >= 0);
        areas.isUrban(new GeoPoint(43.7384, 7.4246));
        areas.isUrban(new GeoPoint(-90, 180));
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void serviceAreaFile(byte[] data) {
        ServiceArea area;
        try {
            area = ServiceArea.parse(data, FILE);
        } catch (BluelampException e) {
            typed(e);
            return;
        }
        area.contains(43.7384, 7.4246);
        area.contains(90, -180);
        area.contains(0, 0);
    }
}
