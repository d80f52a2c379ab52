package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FixReason;
import org.bluelamp.proto.v1.GpsFix;
import org.junit.jupiter.api.Test;

/** The two fix-line formats of {@code client fixes}: what they read and how a bad line is named. */
class FixLinesTest {
    static final long NOW = 1_795_000_000_000L;

    static FixLines csv() {
        return new FixLines(FixLines.Format.csv, () -> NOW);
    }

    static FixLines jsonl() {
        return new FixLines(FixLines.Format.jsonl, () -> NOW);
    }

    @Test
    void csvWithoutAndWithAHeader() {
        FixLines plain = csv();
        GpsFix f = plain.parse("U1, 52.6 ,-0.7,2026-11-26T12:00:00Z,5,12.5,90,emergency", 1);
        assertEquals("U1", f.getUnitId());
        assertEquals(52.6, f.getPosition().getLatDeg());
        assertEquals(1_795_694_400_000L, f.getPositionTimeEpochMillis());
        assertEquals(5, f.getAccuracyMetres());
        assertEquals(12.5, f.getSpeedMetresPerSecond());
        assertEquals(90, f.getHeadingDeg());
        assertEquals(FixReason.FIX_REASON_EMERGENCY, f.getReason());
        GpsFix timedNow = plain.parse("\"U,2\",52.6,-0.7", 2);
        assertEquals("U,2", timedNow.getUnitId(), "quoted as RFC 4180");
        assertEquals(NOW, timedNow.getPositionTimeEpochMillis(), "no time: read now");
        assertTrue(!timedNow.hasSpeedMetresPerSecond() && !timedNow.hasHeadingDeg(), "absent stays absent");
        assertNull(plain.parse("   ", 3));
        assertNull(plain.parse("# comment", 4));

        FixLines headed = csv();
        assertNull(headed.parse("lon,unit_id,lat,time", 1));
        GpsFix h = headed.parse("-0.7,U3,52.6,1795000000123", 2);
        assertEquals("U3", h.getUnitId());
        assertEquals(-0.7, h.getPosition().getLonDeg());
        assertEquals(1_795_000_000_123L, h.getPositionTimeEpochMillis(), "milliseconds since 1970");
    }

    @Test
    void jsonLinesInTheContractsNamesOrLowerCamelCase() {
        FixLines j = jsonl();
        GpsFix f = j.parse(
                "{\"unit_id\":\"U1\",\"position\":{\"lat_deg\":52.6,\"lon_deg\":-0.7},"
                        + "\"position_time_epoch_millis\":\"1795000000000\",\"heading_deg\":45,"
                        + "\"reason\":\"FIX_REASON_PERIODIC\"}",
                1);
        assertEquals(1_795_000_000_000L, f.getPositionTimeEpochMillis());
        assertEquals(45, f.getHeadingDeg());
        assertEquals(FixReason.FIX_REASON_PERIODIC, f.getReason());
        GpsFix camel = j.parse(
                "{\"unitId\":\"U1\",\"position\":{\"latDeg\":52.6,\"lonDeg\":-0.7},"
                        + "\"positionTimeEpochMillis\":1795000000001,"
                        + "\"speedMetresPerSecond\":3}",
                2);
        assertEquals(1_795_000_000_001L, camel.getPositionTimeEpochMillis());
        assertEquals(3, camel.getSpeedMetresPerSecond());
    }

    @Test
    void aBadLineNamesItsNumberAndTheColumnOrField() {
        record Case(FixLines format, String line, String message) {}
        List<Case> cases = List.of(
                new Case(csv(), "U1,abc,-0.7", "line 9: lat 'abc' is not a number"),
                new Case(csv(), "U1,95,-0.7", "line 9: lat '95' must be between -90 and 90"),
                new Case(csv(), "U1,52,-0.7,yesterday", "line 9: time 'yesterday' must be an ISO-8601 instant"),
                new Case(csv(), "U1,52,-0.7,,-4", "line 9: accuracy_metres '-4' must be 0 or more"),
                new Case(csv(), "U1,52,-0.7,,,,400", "line 9: heading_deg '400' must be between 0 and 360"),
                new Case(csv(), "U1,52,-0.7,,,,,sneezed", "line 9: reason 'sneezed' is not a reason"),
                new Case(csv(), "U1,52", "line 9: lon is missing"),
                new Case(csv(), ",52,-0.7", "line 9: unit_id is missing"),
                new Case(csv(), "U1\u0007,52,-0.7", "line 9: unit_id 'U1\\u0007' is not a valid id"),
                new Case(csv(), "U1,52,-0.7,,,,,,extra", "line 9: has 9 values, more than the 8 columns"),
                new Case(csv(), "U1,\"52,-0.7", "line 9: not valid CSV"),
                new Case(csv(), "unit_id,lat,lng", "line 9: header: 'lng' is not a column; did you mean 'lon'?"),
                new Case(
                        jsonl(),
                        "{\"unit_id\":\"U1\",\"positon\":{}}",
                        "line 9: 'positon' is not a field of a fix; did you mean 'position'?"),
                new Case(jsonl(), "{\"unit_id\":\"U1\"}", "line 9: position is missing"),
                new Case(
                        jsonl(),
                        "{\"unit_id\":\"U1\",\"position\":{\"lat_deg\":\"52\",\"lon_deg\":1}}",
                        "line 9: position.lat_deg must be a number, got '52'"),
                new Case(
                        jsonl(),
                        "{\"unit_id\":\"U1\",\"position\":{\"lat\":52,\"lon_deg\":1}}",
                        "line 9: position: 'lat' is not a field of a fix; did you mean 'lat_deg'?"),
                new Case(
                        jsonl(),
                        "{\"unit_id\":\"U1\",\"position\":{\"lat_deg\":52,\"lon_deg\":1},"
                                + "\"position_time_epoch_millis\":1.5}",
                        "line 9: position_time_epoch_millis must be whole milliseconds since 1970, got 1.5"),
                new Case(jsonl(), "{\"unit_id\":7}", "line 9: unit_id must be a string, got 7"),
                new Case(jsonl(), "[1,2]", "line 9: must be one JSON object"),
                new Case(jsonl(), "{\"unit_id\":", "line 9: not valid JSON: column"));
        for (Case c : cases) {
            BluelampException e =
                    assertThrows(BluelampException.class, () -> c.format().parse(c.line(), 9), c.line());
            assertTrue(e.getMessage().startsWith(c.message()), c.message() + " <- " + e.getMessage());
            assertTrue(!e.getMessage().contains("Source:") && !e.getMessage().contains("jackson"), e.getMessage());
        }
    }
}
