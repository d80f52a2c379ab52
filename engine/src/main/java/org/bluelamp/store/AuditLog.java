package org.bluelamp.store;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The memory store's audit trail: the newest entries, each kept encoded in one circular byte
 * arena instead of as a graph of objects. A recommendation's entry as objects is about a dozen
 * (the record, its lists, an offer per candidate, the id and the request's strings) and lives as
 * long as the trail keeps it: at 2,000 recommendations a second, 100,000 entries were 1.2 million
 * objects that every young collection traced and copied while they aged, the largest part of the
 * service's collection work under load. Encoded, an entry is about 150 bytes in an array the
 * collector never looks into, and appending allocates only a small encoder.
 *
 * <p>Bounds: at most {@code capacity} entries and at most {@code maxBytes} of encoded entries; the
 * oldest go first when either is reached. The arena grows by doubling up to {@code maxBytes}, so an
 * idle engine holds a few kilobytes.
 *
 * <p>Encoding: protobuf's varints and fixed doubles ({@link CodedOutputStream}), fields in a fixed
 * order; strings as their length and UTF-16 code units (one byte each below 128), so that any Java
 * string, unpaired surrogates included, reads back equal. The format never leaves the process.
 *
 * <p>Thread-safety: none; the memory store calls it under its lock.
 */
final class AuditLog {
    private static final AuditEntry.Kind[] KINDS = AuditEntry.Kind.values();
    private static final int FIRST_ARENA_BYTES = 64 * 1024;
    private static final int FIRST_SLOTS = 1024;

    private final int capacity;
    private final int maxBytes;
    private byte[] arena = new byte[0];
    /** Per slot (a ring of entries, oldest at {@code first}): where its bytes start, how many, when. */
    private int[] starts = new int[0];

    private int[] lengths = new int[0];
    private long[] atMillis = new long[0];
    private int first;
    private int count;
    /** Where the next entry's bytes go, and the bytes held (both modulo the arena's length). */
    private int writeAt;

    private int usedBytes;
    private byte[] scratch = new byte[256];

    /**
     * @param capacity the most entries kept, at least 1
     * @param maxBytes the most encoded bytes kept, at least 64 KiB (an entry larger than this is
     *     kept alone)
     */
    AuditLog(int capacity, int maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        if (maxBytes < FIRST_ARENA_BYTES) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " must be at least " + FIRST_ARENA_BYTES);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /** Entries held. */
    int size() {
        return count;
    }

    /** Encoded bytes held. */
    int bytes() {
        return usedBytes;
    }

    /**
     * Appends an entry, its stream id being {@code idMillis-idSeq} (the entry's own id is not
     * kept); drops the oldest entries as needed.
     */
    void append(AuditEntry e, long idMillis, long idSeq) {
        int length = encode(e, idMillis, idSeq);
        while (count >= capacity) {
            dropOldest();
        }
        while (usedBytes + length > arena.length) {
            if (arena.length < maxBytes) {
                grow(Math.min(maxBytes, Math.max(FIRST_ARENA_BYTES, arena.length * 2)));
            } else if (count > 0) {
                dropOldest();
            } else { // one entry larger than the bound: kept alone, in an arena of its size
                arena = new byte[length];
                writeAt = 0;
            }
        }
        if (count == starts.length) {
            growSlots();
        }
        int slot = (first + count) % starts.length;
        starts[slot] = writeAt;
        lengths[slot] = length;
        atMillis[slot] = e.atMillis();
        int tail = Math.min(length, arena.length - writeAt);
        System.arraycopy(scratch, 0, arena, writeAt, tail);
        System.arraycopy(scratch, tail, arena, 0, length - tail);
        writeAt = (writeAt + length) % arena.length;
        usedBytes += length;
        count++;
    }

    /** The entries of the window matching the query's filters, oldest first, at most {@code q.max()}. */
    List<AuditEntry> read(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = 0; i < count && out.size() < q.max(); i++) {
            int slot = (first + i) % starts.length;
            long at = atMillis[slot];
            if (at < q.fromMillis() || at > q.toMillis()) {
                continue;
            }
            AuditEntry e = decode(slot);
            if (q.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private void dropOldest() {
        usedBytes -= lengths[first];
        first = (first + 1) % starts.length;
        count--;
        if (count == 0) {
            writeAt = 0;
        }
    }

    /** A larger arena holding the same entries, oldest first from byte 0. */
    private void grow(int newLength) {
        byte[] next = new byte[newLength];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % starts.length;
            copyOut(slot, next, at);
            starts[slot] = at;
            at += lengths[slot];
        }
        arena = next;
        writeAt = at % newLength;
    }

    private void growSlots() {
        int n = Math.min(capacity, Math.max(FIRST_SLOTS, starts.length * 2));
        int[] s = new int[n];
        int[] l = new int[n];
        long[] a = new long[n];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % starts.length;
            s[i] = starts[slot];
            l[i] = lengths[slot];
            a[i] = atMillis[slot];
        }
        starts = s;
        lengths = l;
        atMillis = a;
        first = 0;
    }

    private void copyOut(int slot, byte[] to, int at) {
        int start = starts[slot];
        int length = lengths[slot];
        int tail = Math.min(length, arena.length - start);
        System.arraycopy(arena, start, to, at, tail);
        System.arraycopy(arena, 0, to, at + tail, length - tail);
    }

    // ---- the encoding

    private int encode(AuditEntry e, long idMillis, long idSeq) {
        int size = CodedOutputStream.computeUInt32SizeNoTag(e.kind().ordinal())
                + CodedOutputStream.computeInt64SizeNoTag(idMillis)
                + CodedOutputStream.computeInt64SizeNoTag(idSeq)
                + CodedOutputStream.computeInt64SizeNoTag(e.atMillis())
                + size(e.role())
                + size(e.caller())
                + size(e.incidentId())
                + CodedOutputStream.computeUInt32SizeNoTag(e.unitIds().size())
                + size(e.fromStatus())
                + size(e.toStatus())
                + size(e.grade())
                + size(e.incidentType())
                + 16
                + CodedOutputStream.computeUInt32SizeNoTag(e.offers().size())
                + size(e.conditionId())
                + size(e.conditionKind());
        for (String id : e.unitIds()) {
            size += size(id);
        }
        for (AuditEntry.Offer o : e.offers()) {
            size += size(o.unitId()) + 9;
        }
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        CodedOutputStream out = CodedOutputStream.newInstance(scratch, 0, size);
        try {
            out.writeUInt32NoTag(e.kind().ordinal());
            out.writeInt64NoTag(idMillis);
            out.writeInt64NoTag(idSeq);
            out.writeInt64NoTag(e.atMillis());
            write(out, e.role());
            write(out, e.caller());
            write(out, e.incidentId());
            out.writeUInt32NoTag(e.unitIds().size());
            for (String id : e.unitIds()) {
                write(out, id);
            }
            write(out, e.fromStatus());
            write(out, e.toStatus());
            write(out, e.grade());
            write(out, e.incidentType());
            out.writeDoubleNoTag(e.latDeg());
            out.writeDoubleNoTag(e.lonDeg());
            out.writeUInt32NoTag(e.offers().size());
            for (AuditEntry.Offer o : e.offers()) {
                write(out, o.unitId());
                out.writeDoubleNoTag(o.etaSeconds());
                out.writeBoolNoTag(o.meetsTarget());
            }
            write(out, e.conditionId());
            write(out, e.conditionKind());
            out.checkNoSpaceLeft();
        } catch (IOException ex) {
            throw new IllegalStateException("audit entry encoding miscounted its size", ex);
        }
        return size;
    }

    private static int size(String s) {
        int n = CodedOutputStream.computeUInt32SizeNoTag(s.length());
        for (int i = 0; i < s.length(); i++) {
            n += CodedOutputStream.computeUInt32SizeNoTag(s.charAt(i));
        }
        return n;
    }

    private static void write(CodedOutputStream out, String s) throws IOException {
        out.writeUInt32NoTag(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.writeUInt32NoTag(s.charAt(i));
        }
    }

    private AuditEntry decode(int slot) {
        byte[] bytes = new byte[lengths[slot]];
        copyOut(slot, bytes, 0);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            AuditEntry.Kind kind = KINDS[in.readUInt32()];
            long idMillis = in.readInt64();
            long idSeq = in.readInt64();
            long at = in.readInt64();
            String role = read(in);
            String caller = read(in);
            String incidentId = read(in);
            String[] unitIds = new String[in.readUInt32()];
            for (int i = 0; i < unitIds.length; i++) {
                unitIds[i] = read(in);
            }
            String fromStatus = read(in);
            String toStatus = read(in);
            String grade = read(in);
            String incidentType = read(in);
            double lat = in.readDouble();
            double lon = in.readDouble();
            AuditEntry.Offer[] offers = new AuditEntry.Offer[in.readUInt32()];
            for (int i = 0; i < offers.length; i++) {
                offers[i] = new AuditEntry.Offer(read(in), in.readDouble(), in.readBool());
            }
            String conditionId = read(in);
            String conditionKind = read(in);
            return new AuditEntry(
                    idMillis + "-" + idSeq,
                    kind,
                    at,
                    role,
                    caller,
                    incidentId,
                    Arrays.asList(unitIds),
                    fromStatus,
                    toStatus,
                    grade,
                    incidentType,
                    lat,
                    lon,
                    Arrays.asList(offers),
                    conditionId,
                    conditionKind);
        } catch (IOException ex) {
            throw new UncheckedIOException("audit entry " + slot + " does not decode: a bug", ex);
        }
    }

    private static String read(CodedInputStream in) throws IOException {
        char[] chars = new char[in.readUInt32()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) in.readUInt32();
        }
        return new String(chars);
    }
}
