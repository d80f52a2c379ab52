package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.tracking.AutoRegistration;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.FixRules;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link FixBatchDecoder} with {@link IntakeMapping#apply(FixIntake, FixBatchDecoder, byte[], long,
 * int)} answers every message exactly as the path of protobuf's generated classes did
 * ({@link ReferenceFixBatches}): seeded random batches (odd ids, odd values, unknown fields,
 * repeated and merged positions, wrong wire types, deep groups) and byte mutations of them
 * (truncated, flipped, inserted, huge lengths), each applied to two identical fleets, one per path:
 * the acknowledgements are equal, and so are the fleets.
 */
class FixBatchDecoderTest {
    private static final long T0 = 1_764_300_000_000L;
    private static final int LIMIT = 24;
    private static final int UNITS = 20;
    private static final int CASES = 6_000;

    private static final String[] ODD_IDS = {
        "",
        "X-unknown",
        "x".repeat(65),
        "y".repeat(64),
        "A\u0001B",
        " lead",
        "trail ",
        "Ünit-ß",
        "\uD83D\uDE93 car",
        "tab\tin",
        "z".repeat(300),
    };

    private static final double[] ODD_DEGREES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 91, -90.5, 181, -180.5, 0, -0.0, 90, -180
    };

    private static final double[] ODD_VALUES = {
        0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e9, 359.99, 360, 361, 3.5, 55
    };

    private final RequestRules rules = new RequestRules(
            PolicyBook.loadDefault(CapabilityRegistry.defaults()),
            CapabilityRegistry.defaults(),
            ClientTimeRule.defaults(),
            new FixRules(IntakeOptions.defaults()),
            LIMIT,
            InstantSource.system());

    @Test
    void answersAndFleetsEqualTheGeneratedParsersPath() throws IOException {
        long seed = Long.getLong("bluelamp.test.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        long[] now = {T0};
        InstantSource clock = new InstantSource() {
            @Override
            public long millis() {
                return now[0];
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        boolean auto = random.nextBoolean();
        FleetState referenceFleet = fleet();
        FleetState decodedFleet = fleet();
        FixIntake reference = intake(referenceFleet, clock, auto);
        FixIntake decoded = intake(decodedFleet, clock, auto);
        FixBatchDecoder decoder = new FixBatchDecoder();
        int[] kinds = new int[4]; // applied, malformed, too large, mutated
        for (int c = 0; c < CASES; c++) {
            now[0] += random.nextInt(2_000);
            byte[] payload = batch(random);
            boolean mutated = random.nextInt(3) == 0;
            if (mutated) {
                payload = mutate(payload, random);
                kinds[3]++;
            }
            String where = "seed " + seed + " (-Dbluelamp.test.seed=" + seed + "), case " + c + ", auto-registration "
                    + auto + ", bytes " + Arrays.toString(payload);
            FixBatchAck expected = ReferenceFixBatches.ack(reference, payload, c, rules);
            FixBatchAck actual = IntakeMapping.apply(decoded, decoder, payload, c, LIMIT);
            assertEquals(expected, actual, where);
            kinds[expected.getBatchErrorValue() == 0 ? 0 : expected.getBatchErrorValue() == 11 ? 1 : 2]++;
            // the overload path's scan (nothing kept) refuses exactly the same messages
            FixBatchAck expectedRefusal = ReferenceFixBatches.refusal(payload, c, rules);
            FixBatchDecoder scan = new FixBatchDecoder();
            assertEquals(expectedRefusal, IntakeMapping.refusal(scan, payload, c, LIMIT, 0), where);
            if (expectedRefusal == null) {
                assertEquals(ReferenceFixBatches.parse(payload).getBatchId(), scan.batchId(), where);
            }
            assertSameFleet(referenceFleet, decodedFleet, where);
        }
        System.out.printf(
                "FixBatchDecoderTest seed %d: %d applied, %d malformed, %d too large, %d mutated%n",
                seed, kinds[0], kinds[1], kinds[2], kinds[3]);
        assertTrue(kinds[0] > CASES / 3 && kinds[1] > CASES / 10 && kinds[2] > 20, Arrays.toString(kinds));
    }

    @Test
    void aRegisteredAsciiIdIsTheUnitsOwnStringAndOthersAreRead() throws IOException {
        FleetState fleet = fleet();
        FixIntake intake = intake(fleet, InstantSource.system(), false);
        String[] sent = {"U3", "U19", "U1", "U190", "X-unknown", "Ünit-ß", "", "u3"};
        org.bluelamp.proto.v1.FixBatch.Builder b = org.bluelamp.proto.v1.FixBatch.newBuilder();
        for (String id : sent) {
            b.addFixes(GpsFix.newBuilder().setUnitId(id));
        }
        byte[] bytes = b.build().toByteArray();
        FixBatchDecoder decoder = new FixBatchDecoder();
        decoder.decode(bytes, 0, bytes.length, 100, intake);
        for (int i = 0; i < sent.length; i++) {
            assertEquals(sent[i], decoder.unitId(i));
            boolean registered = fleet.indexOf(sent[i]) >= 0;
            assertEquals(
                    registered,
                    registered
                            && decoder.unitId(i)
                                    == fleet.getUnit(sent[i]).spec().id(),
                    sent[i]);
        }
        // the first fix cut to 3 bytes (tag, length 2, 'U'): the id runs past its fix: protobuf's error
        byte[] cut = Arrays.copyOf(bytes, 5);
        cut[1] = 3;
        org.junit.jupiter.api.Assertions.assertThrows(
                com.google.protobuf.InvalidProtocolBufferException.class,
                () -> decoder.decode(cut, 0, cut.length, 100, intake));
    }

    private static FleetState fleet() {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int u = 0; u < UNITS; u++) {
            fleet.register(UnitSpec.minimal("U" + u, UnitKind.CAR), UnitStatus.AVAILABLE, T0 - 1);
        }
        return fleet;
    }

    private static FixIntake intake(FleetState fleet, InstantSource clock, boolean auto) {
        IntakeOptions options = IntakeOptions.defaults();
        if (auto) {
            options = options.withAutoRegistration(AutoRegistration.offDutyCars());
        }
        return new FixIntake(fleet, options, clock);
    }

    private static void assertSameFleet(FleetState a, FleetState b, String where) {
        assertEquals(a.unitCount(), b.unitCount(), where);
        for (int u = 0; u < a.unitCount(); u++) {
            assertEquals(a.snapshot(u), b.snapshot(u), where);
        }
        assertEquals(a.changeCount(), b.changeCount(), where);
        assertEquals(a.conflictingFixCount(), b.conflictingFixCount(), where);
        assertEquals(a.historyNotRetainedCount(), b.historyNotRetainedCount(), where);
    }

    // ------------------------------------------------------------------ generated batches

    private static byte[] batch(SplittableRandom r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        if (r.nextInt(4) != 0) {
            out.writeUInt64(1, r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(1000));
        }
        int n = r.nextInt(40) == 0 ? LIMIT + 1 + r.nextInt(10) : r.nextInt(r.nextBoolean() ? 4 : LIMIT + 1);
        for (int i = 0; i < n; i++) {
            out.writeByteArray(2, fix(r));
            if (r.nextInt(30) == 0) {
                unknownField(out, r);
            }
            if (r.nextInt(40) == 0) {
                out.writeUInt64(1, r.nextInt(1000)); // batch_id again: the last wins
            }
        }
        if (r.nextInt(20) == 0) {
            out.writeFixed64(1, 7); // batch_id's number with another wire type: an unknown field
        }
        if (r.nextInt(20) == 0) {
            wrongWireType(out, r, new int[] {0, 2});
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] fix(SplittableRandom r) throws IOException {
        GpsFix.Builder f = GpsFix.newBuilder();
        int pick = r.nextInt(10);
        f.setUnitId(pick < 7 ? "U" + r.nextInt(UNITS) : ODD_IDS[r.nextInt(ODD_IDS.length)]);
        if (r.nextInt(10) != 0) {
            LatLon.Builder p = LatLon.newBuilder();
            p.setLatDeg(
                    r.nextInt(8) == 0 ? ODD_DEGREES[r.nextInt(ODD_DEGREES.length)] : 52.6 + r.nextDouble(-0.2, 0.2));
            p.setLonDeg(
                    r.nextInt(8) == 0 ? ODD_DEGREES[r.nextInt(ODD_DEGREES.length)] : -0.6 + r.nextDouble(-0.2, 0.2));
            f.setPosition(p);
        }
        long time = switch (r.nextInt(12)) {
            case 0 -> 0;
            case 1 -> T0 + 3_600_000; // future
            case 2 -> T0 - 30L * 24 * 3_600_000; // too old
            case 3 -> -5;
            case 4 -> Long.MAX_VALUE;
            default -> T0 - r.nextInt(60_000); // many repeat: duplicates and history
        };
        f.setPositionTimeEpochMillis(time);
        if (r.nextBoolean()) {
            f.setAccuracyMetres(r.nextInt(4) == 0 ? ODD_VALUES[r.nextInt(ODD_VALUES.length)] : r.nextInt(50));
        }
        if (r.nextBoolean()) {
            f.setSpeedMetresPerSecond(r.nextInt(4) == 0 ? ODD_VALUES[r.nextInt(ODD_VALUES.length)] : r.nextInt(40));
        }
        if (r.nextBoolean()) {
            f.setHeadingDeg(r.nextInt(4) == 0 ? ODD_VALUES[r.nextInt(ODD_VALUES.length)] : r.nextInt(360));
        }
        if (r.nextBoolean()) {
            f.setReasonValue(r.nextInt(5) == 0 ? r.nextInt(-3, 200) : r.nextInt(7));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        f.build().writeTo(out);
        for (int extra = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 0; extra > 0; extra--) {
            switch (r.nextInt(8)) {
                case 7 -> wrongWireType(out, r, new int[] {2, 2, 0, 1, 1, 1, 0});
                case 0 -> { // a second position: merged with the first
                    LatLon.Builder p = LatLon.newBuilder();
                    if (r.nextBoolean()) {
                        p.setLatDeg(52.5 + r.nextDouble(0.1));
                    }
                    if (r.nextBoolean()) {
                        p.setLonDeg(-0.5 - r.nextDouble(0.1));
                    }
                    out.writeMessage(2, p.build());
                }
                case 1 -> out.writeString(1, r.nextBoolean() ? "U" + r.nextInt(UNITS) : ""); // unit_id again
                case 2 -> out.writeUInt64(1, 5); // unit_id's number as a varint: unknown
                case 3 -> out.writeFixed32(3, 9); // position time as fixed32: unknown
                case 4 -> out.writeDouble(5, r.nextInt(30)); // speed again: the last wins
                case 5 -> unknownField(out, r);
                default -> { // a position with unknown fields and a wrong wire type inside
                    ByteArrayOutputStream inner = new ByteArrayOutputStream();
                    CodedOutputStream p = CodedOutputStream.newInstance(inner);
                    p.writeDouble(1, 52.55);
                    p.writeUInt64(2, 3); // lon_deg as a varint: unknown
                    unknownField(p, r);
                    wrongWireType(p, r, new int[] {1, 1});
                    p.flush();
                    out.writeByteArray(2, inner.toByteArray());
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** A known field (number i + 1 has wire type {@code wireTypes[i]}) written with another wire type. */
    private static void wrongWireType(CodedOutputStream out, SplittableRandom r, int[] wireTypes) throws IOException {
        int number = 1 + r.nextInt(wireTypes.length);
        int[] all = {0, 1, 2, 5};
        int type;
        do {
            type = all[r.nextInt(all.length)];
        } while (type == wireTypes[number - 1]);
        switch (type) {
            case 0 -> out.writeUInt64(number, r.nextInt(1 << 20));
            case 1 -> out.writeFixed64(number, r.nextLong());
            case 2 -> out.writeByteArray(number, new byte[] {0x0A, 0x01, 0x41});
            default -> out.writeFixed32(number, r.nextInt());
        }
    }

    private static void unknownField(CodedOutputStream out, SplittableRandom r) throws IOException {
        int number = 8 + r.nextInt(40);
        switch (r.nextInt(5)) {
            case 0 -> out.writeUInt64(number, r.nextLong());
            case 1 -> out.writeFixed64(number, r.nextLong());
            case 2 -> out.writeFixed32(number, r.nextInt());
            case 3 -> out.writeString(number, "junk");
            default -> { // nested groups, sometimes near protobuf's recursion limit
                int depth = r.nextInt(3) == 0 ? 96 + r.nextInt(6) : 1 + r.nextInt(3);
                for (int d = 0; d < depth; d++) {
                    out.writeTag(number, 3);
                }
                out.writeUInt32(number, 1);
                for (int d = 0; d < depth; d++) {
                    out.writeTag(number, 4);
                }
            }
        }
    }

    // ------------------------------------------------------------------ mutations

    private static byte[] mutate(byte[] b, SplittableRandom r) {
        switch (r.nextInt(8)) {
            case 0: // truncated
                return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            case 1: { // a flipped byte
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            case 2: { // an inserted byte
                int at = r.nextInt(b.length + 1);
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, c, at + 1, b.length - at);
                return c;
            }
            case 3: { // a byte set to a UTF-8 continuation or lead byte (bad ids)
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[r.nextInt(c.length)] = (byte) (0x80 + r.nextInt(128));
                }
                return c;
            }
            case 4: { // a huge or negative length spliced in
                byte[][] lengths = {
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
                    {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
                    {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
                    {0x7F}
                };
                byte[] len = lengths[r.nextInt(lengths.length)];
                int at = r.nextInt(b.length + 1);
                byte[] c = new byte[b.length + 1 + len.length];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) (r.nextBoolean() ? 0x12 : 0x0A);
                System.arraycopy(len, 0, c, at + 1, len.length);
                System.arraycopy(b, at, c, at + 1 + len.length, b.length - at);
                return c;
            }
            case 5: { // a deep group at the top level, or an end-group tag alone
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                CodedOutputStream out = CodedOutputStream.newInstance(bytes);
                try {
                    out.writeRawBytes(b);
                    int depth = r.nextInt(4) == 0 ? 0 : 95 + r.nextInt(8);
                    for (int d = 0; d < depth; d++) {
                        out.writeTag(9, 3);
                    }
                    for (int d = 0; d < depth + (r.nextInt(3) == 0 ? 1 : 0); d++) {
                        out.writeTag(9, 4);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return bytes.toByteArray();
            }
            case 6: { // several changes
                byte[] c = b;
                for (int k = 0; k < 3; k++) {
                    c = mutate(c, r);
                }
                return c;
            }
            default: { // a random byte replaced
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[r.nextInt(c.length)] = (byte) r.nextInt(256);
                }
                return c;
            }
        }
    }
}
