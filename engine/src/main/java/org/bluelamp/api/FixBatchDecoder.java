package org.bluelamp.api;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.util.Arrays;
import org.bluelamp.tracking.FixIntake;

/**
 * Reads a {@code dispatch.v1.FixBatch} from its wire format straight into reusable columns (one
 * primitive array per field of {@code GpsFix}), without a message, a builder or a list per fix: the
 * only object a fix can cost is its unit id's {@code String}, and not even that when the id is a
 * registered unit's, looked up from its bytes ({@link #decode(byte[], int, int, int, FixIntake)}).
 *
 * <p>It means exactly what protobuf's generated parser means, for every input, because it makes
 * the same calls on protobuf's own {@link CodedInputStream} in the same order as the generated
 * {@code mergeFrom} methods of {@code FixBatch}, {@code GpsFix} and {@code LatLon} (protobuf-java
 * 3.25): a switch on the whole tag (a known field number with another wire type is an unknown
 * field), unknown fields and groups read by {@link UnknownFieldSet.Builder#mergeFieldFrom} as the
 * generated builders read them (then dropped), the last occurrence of a scalar wins, a
 * {@code position} given twice is merged field by field, {@code optional} presence for speed and
 * heading, open enums (an unknown {@code reason} number is kept), ids read with
 * {@link CodedInputStream#readStringRequireUtf8}, and embedded messages read as
 * {@code CodedInputStream.readMessage} reads them (length, recursion check, {@code pushLimit}, the
 * fields, end tag check, the limit reached, {@code popLimit}). The recursion limit counts the two
 * levels of nesting the generated code counts (the stream's limit is lowered while inside a fix
 * and a position). A malformed batch throws the {@link InvalidProtocolBufferException} protobuf
 * throws, with its text.
 *
 * <p>A batch with more fixes than the limit is read to its end (so that a malformed one is still
 * malformed, and its {@code batch_id} and fix count are known, as with the generated parser), but
 * fixes past the limit are not kept.
 *
 * <p>Thread-safety: not thread-safe; one owner thread (the intake thread) reuses one decoder
 * batch after batch. The columns are valid until the next {@link #decode}.
 */
final class FixBatchDecoder {
    private static final int BATCH_ID = (1 << 3); // FixBatch.batch_id, varint
    private static final int FIXES = (2 << 3) | 2; // FixBatch.fixes, length-delimited
    private static final int UNIT_ID = (1 << 3) | 2; // GpsFix.unit_id
    private static final int POSITION = (2 << 3) | 2; // GpsFix.position
    private static final int TIME = 3 << 3; // GpsFix.position_time_epoch_millis, varint
    private static final int ACCURACY = (4 << 3) | 1; // GpsFix.accuracy_metres, fixed64
    private static final int SPEED = (5 << 3) | 1; // GpsFix.speed_metres_per_second, fixed64
    private static final int HEADING = (6 << 3) | 1; // GpsFix.heading_deg, fixed64
    private static final int REASON = 7 << 3; // GpsFix.reason, varint
    private static final int LAT = (1 << 3) | 1; // LatLon.lat_deg, fixed64
    private static final int LON = (2 << 3) | 1; // LatLon.lon_deg, fixed64

    /** Protobuf's text for an embedded message that ends before its length says. */
    private static final String TRUNCATED = truncatedText();

    /** Unknown fields are read into this (as the generated builders do), then dropped. */
    private final UnknownFieldSet.Builder unknown = UnknownFieldSet.newBuilder();

    private boolean unknownUsed;

    // the message being read
    private byte[] bytes;
    private int offset;
    /** Where registered ids are looked up from their bytes, or null (a String per id). */
    private FixIntake known;

    // the batch
    private long batchId;
    private int count;
    private int kept;

    // the columns: fix i of the batch at index i, for i < kept
    private String[] unitId = new String[0];
    private double[] latDeg = new double[0];
    private double[] lonDeg = new double[0];
    private boolean[] hasPosition = new boolean[0];
    private long[] timeEpochMillis = new long[0];
    private double[] accuracyMetres = new double[0];
    private double[] speed = new double[0];
    private boolean[] hasSpeed = new boolean[0];
    private double[] heading = new double[0];
    private boolean[] hasHeading = new boolean[0];
    private int[] reason = new int[0];

    // the fix being read
    private String fId;
    private double fLat;
    private double fLon;
    private boolean fHasPosition;
    private long fTime;
    private double fAccuracy;
    private double fSpeed;
    private boolean fHasSpeed;
    private double fHeading;
    private boolean fHasHeading;
    private int fReason;

    /**
     * Reads one {@code FixBatch} message: {@code length} bytes of {@code bytes} from {@code offset}
     * (not copied). Keeps at most {@code maxKept} fixes; {@link #count()} says how many there were.
     *
     * @throws InvalidProtocolBufferException exactly when {@code FixBatch.parser().parseFrom} would,
     *     with its message
     */
    void decode(byte[] bytes, int offset, int length, int maxKept) throws InvalidProtocolBufferException {
        decode(bytes, offset, length, maxKept, null);
    }

    /**
     * As {@link #decode(byte[], int, int, int)}; a unit id that is a registered unit's (ASCII, at
     * most 127 bytes) is that unit's own {@code String} ({@link FixIntake#registeredAsciiId}), not
     * a new one: what protobuf would read, as every such id is valid UTF-8 and equal to it.
     *
     * @param known the intake whose fleet's ids are looked up, or null
     */
    void decode(byte[] bytes, int offset, int length, int maxKept, FixIntake known)
            throws InvalidProtocolBufferException {
        this.bytes = bytes;
        this.offset = offset;
        this.known = known;
        try {
            read(length, maxKept);
        } finally {
            this.bytes = null;
            this.known = null;
        }
    }

    private void read(int length, int maxKept) throws InvalidProtocolBufferException {
        batchId = 0;
        count = 0;
        kept = 0;
        if (unknownUsed) {
            unknown.clear();
            unknownUsed = false;
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
        try {
            readBatch(in, maxKept);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) { // not thrown by an array decoder; as the generated parser wraps it
            throw new InvalidProtocolBufferException(e);
        }
    }

    private void readBatch(CodedInputStream in, int maxKept) throws IOException {
        for (; ; ) {
            int tag = in.readTag();
            switch (tag) {
                case 0:
                    return;
                case BATCH_ID:
                    batchId = in.readUInt64();
                    break;
                case FIXES:
                    readFix(in);
                    if (kept < maxKept) {
                        keep(kept++);
                    }
                    count++;
                    break;
                default:
                    if (!skipUnknown(tag, in)) {
                        return; // an end-group tag: checked by the caller
                    }
            }
        }
    }

    /** As {@code input.readMessage(GpsFix.parser(), registry)}: the fix into the f* fields. */
    private void readFix(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        in.checkRecursionLimit();
        int oldLimit = in.pushLimit(length);
        int outerRecursion = in.setRecursionLimit(0); // inside one more message: one level less left
        in.setRecursionLimit(outerRecursion - 1);
        fId = "";
        fLat = 0;
        fLon = 0;
        fHasPosition = false;
        fTime = 0;
        fAccuracy = 0;
        fSpeed = 0;
        fHasSpeed = false;
        fHeading = 0;
        fHasHeading = false;
        fReason = 0;
        fields:
        for (; ; ) {
            int tag = in.readTag();
            switch (tag) {
                case 0:
                    break fields;
                case UNIT_ID:
                    fId = readUnitId(in);
                    break;
                case POSITION:
                    readPosition(in);
                    fHasPosition = true;
                    break;
                case TIME:
                    fTime = in.readInt64();
                    break;
                case ACCURACY:
                    fAccuracy = in.readDouble();
                    break;
                case SPEED:
                    fSpeed = in.readDouble();
                    fHasSpeed = true;
                    break;
                case HEADING:
                    fHeading = in.readDouble();
                    fHasHeading = true;
                    break;
                case REASON:
                    fReason = in.readEnum();
                    break;
                default:
                    if (!skipUnknown(tag, in)) {
                        break fields;
                    }
            }
        }
        in.setRecursionLimit(outerRecursion);
        endMessage(in, oldLimit);
    }

    /**
     * As {@code in.readStringRequireUtf8()}. When the length is one byte (1 to 127) and the bytes,
     * within the fix, are a registered unit's ASCII id, that id's {@code String} is returned and
     * the field passed over ({@code skipRawBytes}: the same bytes protobuf would read); otherwise
     * protobuf reads it.
     */
    private String readUnitId(CodedInputStream in) throws IOException {
        if (known != null && in.getBytesUntilLimit() >= 2) {
            int at = offset + in.getTotalBytesRead();
            int size = bytes[at];
            if (size > 0 && 1 + size <= in.getBytesUntilLimit()) {
                String id = known.registeredAsciiId(bytes, at + 1, size);
                if (id != null) {
                    in.skipRawBytes(1 + size);
                    return id;
                }
            }
        }
        return in.readStringRequireUtf8();
    }

    /** As {@code input.readMessage(positionBuilder, registry)}: merged into the fix's lat and lon. */
    private void readPosition(CodedInputStream in) throws IOException {
        int length = in.readRawVarint32();
        in.checkRecursionLimit();
        int oldLimit = in.pushLimit(length);
        int outerRecursion = in.setRecursionLimit(0);
        in.setRecursionLimit(outerRecursion - 1);
        fields:
        for (; ; ) {
            int tag = in.readTag();
            switch (tag) {
                case 0:
                    break fields;
                case LAT:
                    fLat = in.readDouble();
                    break;
                case LON:
                    fLon = in.readDouble();
                    break;
                default:
                    if (!skipUnknown(tag, in)) {
                        break fields;
                    }
            }
        }
        in.setRecursionLimit(outerRecursion);
        endMessage(in, oldLimit);
    }

    /** The end of an embedded message as {@code CodedInputStream.readMessage} checks it. */
    private static void endMessage(CodedInputStream in, int oldLimit) throws InvalidProtocolBufferException {
        in.checkLastTagWas(0);
        if (in.getBytesUntilLimit() != 0) {
            throw new InvalidProtocolBufferException(TRUNCATED);
        }
        in.popLimit(oldLimit);
    }

    /** As the generated {@code parseUnknownField}: false for an end-group tag. */
    private boolean skipUnknown(int tag, CodedInputStream in) throws IOException {
        unknownUsed = true;
        return unknown.mergeFieldFrom(tag, in);
    }

    private void keep(int i) {
        if (i == unitId.length) {
            grow();
        }
        unitId[i] = fId;
        latDeg[i] = fLat;
        lonDeg[i] = fLon;
        hasPosition[i] = fHasPosition;
        timeEpochMillis[i] = fTime;
        accuracyMetres[i] = fAccuracy;
        speed[i] = fSpeed;
        hasSpeed[i] = fHasSpeed;
        heading[i] = fHeading;
        hasHeading[i] = fHasHeading;
        reason[i] = fReason;
    }

    private void grow() {
        int n = Math.max(16, unitId.length * 2);
        unitId = Arrays.copyOf(unitId, n);
        latDeg = Arrays.copyOf(latDeg, n);
        lonDeg = Arrays.copyOf(lonDeg, n);
        hasPosition = Arrays.copyOf(hasPosition, n);
        timeEpochMillis = Arrays.copyOf(timeEpochMillis, n);
        accuracyMetres = Arrays.copyOf(accuracyMetres, n);
        speed = Arrays.copyOf(speed, n);
        hasSpeed = Arrays.copyOf(hasSpeed, n);
        heading = Arrays.copyOf(heading, n);
        hasHeading = Arrays.copyOf(hasHeading, n);
        reason = Arrays.copyOf(reason, n);
    }

    private static String truncatedText() {
        try {
            CodedInputStream.newInstance(new byte[0]).readRawByte();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("protobuf read past the end of an empty array");
    }

    /** The batch's {@code batch_id}. */
    long batchId() {
        return batchId;
    }

    /** Fixes in the batch (kept or not). */
    int count() {
        return count;
    }

    /** Fixes kept in the columns (the first ones, up to the limit given). */
    int kept() {
        return kept;
    }

    String unitId(int i) {
        return unitId[i];
    }

    boolean hasPosition(int i) {
        return hasPosition[i];
    }

    /** Latitude in degrees (0 when the position or its field is absent, as protobuf's getter). */
    double latDeg(int i) {
        return latDeg[i];
    }

    double lonDeg(int i) {
        return lonDeg[i];
    }

    long positionTimeEpochMillis(int i) {
        return timeEpochMillis[i];
    }

    /** Accuracy in metres as sent (0 when absent). */
    double accuracyMetres(int i) {
        return accuracyMetres[i];
    }

    boolean hasSpeed(int i) {
        return hasSpeed[i];
    }

    double speedMetresPerSecond(int i) {
        return speed[i];
    }

    boolean hasHeading(int i) {
        return hasHeading[i];
    }

    double headingDeg(int i) {
        return heading[i];
    }

    /** The {@code reason} enum's number as sent (an unknown number kept). */
    int reasonNumber(int i) {
        return reason[i];
    }
}
