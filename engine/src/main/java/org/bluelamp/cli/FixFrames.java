package org.bluelamp.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load tool's fix batches written straight to protobuf's wire format: the bytes of a {@code
 * FixBatch} of {@code GpsFix}es with a unit id, a position, a time and an accuracy, exactly as
 * {@code FixBatch.newBuilder()...build().toByteArray()} writes them (fields in number order, a field
 * at its proto3 default left out), without a builder, a message or a unit id string per fix. Each
 * unit's id field (tag, length and UTF-8 bytes) is encoded once, when the frame is made.
 *
 * <p>Used as {@link #begin}, {@link #add} for each fix, then {@link #finish} for the batch's bytes;
 * the buffer is reused from batch to batch. Not thread-safe: one per gateway (event-loop) thread.
 */
final class FixFrames {
    private static final int FIX_TAG = (2 << 3) | 2; // FixBatch.fixes, length-delimited
    private static final int UNIT_ID_TAG = (1 << 3) | 2; // GpsFix.unit_id
    private static final int POSITION_TAG = (2 << 3) | 2; // GpsFix.position (LatLon)
    private static final int TIME_TAG = 3 << 3; // GpsFix.position_time_epoch_millis, varint
    private static final int ACCURACY_TAG = (4 << 3) | 1; // GpsFix.accuracy_metres, fixed64
    private static final int LAT_TAG = (1 << 3) | 1; // LatLon.lat_deg
    private static final int LON_TAG = (2 << 3) | 1; // LatLon.lon_deg

    /** Per unit: its GpsFix.unit_id field, tag to last byte. */
    private final byte[][] unitIdField;

    private byte[] buffer = new byte[1 << 16];
    private int length;

    /**
     * @param unitIds each unit's id by its index (the index {@link #add} takes)
     */
    FixFrames(String[] unitIds) {
        unitIdField = new byte[unitIds.length][];
        for (int u = 0; u < unitIds.length; u++) {
            byte[] id = unitIds[u].getBytes(StandardCharsets.UTF_8);
            if (id.length == 0) {
                unitIdField[u] = new byte[0]; // the default, left out
                continue;
            }
            byte[] field = new byte[1 + varintSize(id.length) + id.length];
            int at = putVarint(field, 0, UNIT_ID_TAG);
            at = putVarint(field, at, id.length);
            System.arraycopy(id, 0, field, at, id.length);
            unitIdField[u] = field;
        }
    }

    /** Starts a batch: its {@code batch_id}. */
    void begin(long batchId) {
        length = 0;
        if (batchId != 0) {
            ensure(11);
            length = putVarint(buffer, putVarint(buffer, 0, 1 << 3), batchId);
        }
    }

    /**
     * Adds one fix of unit {@code unit} to the batch.
     *
     * @param timeEpochMillis the fix's position time
     * @param accuracyMetres its accuracy
     */
    void add(int unit, double latDeg, double lonDeg, long timeEpochMillis, double accuracyMetres) {
        byte[] id = unitIdField[unit];
        long lat = Double.doubleToRawLongBits(latDeg);
        long lon = Double.doubleToRawLongBits(lonDeg);
        long accuracy = Double.doubleToRawLongBits(accuracyMetres);
        int latLon = (lat != 0 ? 9 : 0) + (lon != 0 ? 9 : 0);
        int body = id.length
                + 2
                + latLon // position: its tag, a one-byte length and the doubles present
                + (timeEpochMillis != 0 ? 1 + varintSize(timeEpochMillis) : 0)
                + (accuracy != 0 ? 9 : 0);
        ensure(1 + 5 + body);
        byte[] b = buffer;
        int at = length;
        b[at++] = (byte) FIX_TAG;
        at = putVarint(b, at, body);
        System.arraycopy(id, 0, b, at, id.length);
        at += id.length;
        b[at++] = (byte) POSITION_TAG;
        b[at++] = (byte) latLon;
        if (lat != 0) {
            b[at++] = (byte) LAT_TAG;
            at = putFixed64(b, at, lat);
        }
        if (lon != 0) {
            b[at++] = (byte) LON_TAG;
            at = putFixed64(b, at, lon);
        }
        if (timeEpochMillis != 0) {
            b[at++] = (byte) TIME_TAG;
            at = putVarint(b, at, timeEpochMillis);
        }
        if (accuracy != 0) {
            b[at++] = (byte) ACCURACY_TAG;
            at = putFixed64(b, at, accuracy);
        }
        length = at;
    }

    /** The batch's bytes (a copy; the frame's buffer is reused). */
    byte[] finish() {
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** Bytes of a base-128 varint (a negative value takes ten, as protobuf writes an int64). */
    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] b, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    private static int putFixed64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at++] = (byte) (v >>> (8 * i));
        }
        return at;
    }
}
