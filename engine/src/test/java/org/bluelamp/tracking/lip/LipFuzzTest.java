package org.bluelamp.tracking.lip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bluelamp.fleet.Fix;
import org.bluelamp.testing.Fuzzing;

/**
 * Fuzz targets of the LIP decoder and of {@link LipFixes} (docs/fuzzing.md). The decoder may only
 * throw {@link LipDecodeException}; a report it returns is consistent (its constructor checks
 * ranges) and its fix, for any reception time whatever, has a position time that is unknown or
 * within its documented window of the reception time.
 */
class LipFuzzTest {
    /** Longest a resolved time of position may lie before reception: 12 months back, with margin. */
    private static final long MAX_BACK_MILLIS = 400L * 24 * 3_600_000;

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
        try {
            LipReport report = switch (data[0] & 3) {
                case 0 -> LipDecoder.decode(rest);
                case 1 -> LipDecoder.decodeWithProtocolIdentifier(rest);
                case 2 -> LipDecoder.decodeHex(new String(rest, StandardCharsets.ISO_8859_1));
                default -> {
                    if (rest.length < 2) {
                        yield LipDecoder.decode(rest);
                    }
                    byte[] octets = java.util.Arrays.copyOfRange(rest, 2, rest.length);
                    int bitLength = ((rest[0] & 0xff) << 8 | (rest[1] & 0xff)) - 1000;
                    if (bitLength < 0 || bitLength > octets.length * 8) {
                        // a caller's own mistake (the length the PEI gave never exceeds what it
                        // delivered): documented as IllegalArgumentException, and nothing else
                        org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> LipDecoder.decode(octets, bitLength));
                        yield null;
                    }
                    yield LipDecoder.decode(octets, bitLength);
                }
            };
            if (report == null) {
                return;
            }
            check(report);
        } catch (LipDecodeException expected) {
            // the typed error
        }
    }

    @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
    void toFix(FuzzedDataProvider in) {
        long received = switch (in.consumeInt(0, 5)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> Fuzzing.CLOCK.millis();
            default -> in.consumeLong();
        };
        // not consumeLong(0, Long.MAX_VALUE): that range has Long.MAX_VALUE + 1 values, and Jazzer's
        // replay of it overflowed into a negative skew (finding 3 of docs/fuzzing.md)
        long skew = in.consumeBoolean() ? LipFixes.DEFAULT_CLOCK_SKEW_MILLIS : in.consumeLong() & Long.MAX_VALUE;
        LipReport report;
        try {
            report = LipDecoder.decode(in.consumeRemainingAsBytes());
        } catch (LipDecodeException notAReport) {
            return;
        }
        Optional<Fix> fix = LipFixes.toFix("ISSI-1", report, received, skew);
        assertEquals(report.hasPosition(), fix.isPresent(), "a fix exactly when the report has a position");
        if (fix.isEmpty()) {
            return;
        }
        Fix f = fix.get();
        Fuzzing.latitude(f.latDeg(), report);
        Fuzzing.longitude(f.lonDeg(), report);
        long t = f.positionTimeEpochMillis();
        if (t != LipFixes.NO_POSITION_TIME) {
            // compared in doubles, without overflow: the time lies in (received - MAX_BACK, received + skew]
            double after = (double) t - (double) received;
            assertTrue(
                    after <= (double) skew + 10_000 && after >= -MAX_BACK_MILLIS - 10_000,
                    "position time " + t + " outside its window of reception time " + received + " (skew " + skew
                            + "): " + report.time());
        }
    }

    private static void check(LipReport r) {
        if (r.hasPosition()) {
            Fuzzing.latitude(r.latitudeDeg().getAsDouble(), r);
            Fuzzing.longitude(r.longitudeDeg().getAsDouble(), r);
        }
        r.horizontalErrorBoundMetres().ifPresent(m -> assertTrue(m >= 0 && Double.isFinite(m), "error bound " + m));
        r.horizontalSpeedKmh().ifPresent(v -> assertTrue(v >= 0 && Double.isFinite(v), "speed " + v));
    }
}
