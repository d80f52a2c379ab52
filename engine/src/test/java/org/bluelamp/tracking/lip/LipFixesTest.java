package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.FixReason;
import org.junit.jupiter.api.Test;

/** LIP reports into fixes, on the hand-worked PDUs of the decoder tests. */
class LipFixesTest {

    @Test
    void aShortReportBecomesAFixTimedInTheMiddleOfItsElapsedTime() throws Exception {
        long received = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        // Oakham, time elapsed < 5 s, position error < 20 m, 47.2 km/h heading east, push-to-talk
        Fix fix = LipFixes.toFix("2201", LipDecoder.decodeHex("0FF7B1BA574481548030"), received)
                .orElseThrow();
        assertEquals("2201", fix.unitId());
        assertEquals(52.67, fix.latDeg(), 1e-4);
        assertEquals(-0.73, fix.lonDeg(), 1e-4);
        assertEquals(received - 2_500, fix.positionTimeEpochMillis(), 1, "middle of 0-5 s before reception");
        assertEquals(20, fix.accuracyMetres(), 1e-9);
        assertEquals(47.189 / 3.6, fix.speedMetresPerSecond(), 1e-3);
        assertEquals(90, fix.headingDeg(), 1e-9);
        assertEquals(FixReason.OTHER, fix.reason());
    }

    @Test
    void aLongReportWithTimeOfPositionGivesThatExactTime() throws Exception {
        long received = Instant.parse("2026-11-17T14:05:33Z").toEpochMilli();
        // Westminster, 17th 14:05:30 UTC, position error < 200 m, 99.5 km/h at 281.25 deg, emergency
        Fix fix = LipFixes.toFix("9001", LipDecoder.decodeHex("4E8B857ABFFA544927DAAABEC88080"), received)
                .orElseThrow();
        assertEquals(Instant.parse("2026-11-17T14:05:30Z").toEpochMilli(), fix.positionTimeEpochMillis());
        assertEquals(51.5007, fix.latDeg(), 1e-3);
        assertEquals(-0.1246, fix.lonDeg(), 1e-3);
        assertEquals(200, fix.accuracyMetres(), 1e-9);
        assertEquals(281.25, fix.headingDeg(), 1e-9);
        assertEquals(FixReason.EMERGENCY, fix.reason());
    }

    @Test
    void reasonsMapToTheEnginesReasons() {
        assertEquals(FixReason.EMERGENCY, LipFixes.reason(ReasonForSending.EMERGENCY_CONDITION_DETECTED));
        assertEquals(FixReason.PERIODIC, LipFixes.reason(ReasonForSending.MAXIMUM_REPORTING_INTERVAL_EXCEEDED));
        assertEquals(FixReason.DISTANCE, LipFixes.reason(ReasonForSending.MAXIMUM_REPORTING_DISTANCE_TRAVELLED));
        assertEquals(
                FixReason.RESPONSE_TO_QUERY, LipFixes.reason(ReasonForSending.RESPONSE_TO_IMMEDIATE_LOCATION_REQUEST));
    }
}
