package org.bluelamp.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The memory store's audit trail: the newest entries, each kept encoded in one circular byte
 * arena instead of as a graph of objects. A recommendation's entry as objects is about a dozen
 * (the record, its lists, an offer per candidate, the id and the request's strings) and lives as
 * long as the trail keeps it: at 2,000 recommendations a second, 100,000 entries were 1.2 million
 * objects that every young collection traced and copied while they aged, the largest part of the
 * service's collection work under load. Encoded, an entry is about 300 bytes in an array the
 * collector never looks into; appending allocates next to nothing (32 bytes an append, measured).
 *
 * <p>Bounds: at most {@code capacity} entries and at most {@code maxBytes} of encoded entries; the
 * oldest go first when either is reached. The arena grows by doubling up to {@code maxBytes}, from
 * 64 KiB at the first entry (an engine that has audited nothing holds none).
 *
 * <p>Encoding ({@link ByteBuffer}'s big-endian fields, in a fixed order): the fields a read filters
 * on first (incident, condition, units), so that a read compares them in place and decodes only
 * the entries it returns; strings as a header ({@code length << 1 | wide}) and either one byte a
 * character (all below 256, the usual case) or the UTF-16 code units, so that any Java string,
 * unpaired surrogates included, reads back equal. The format never leaves the process.
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
    private ByteBuffer out = ByteBuffer.wrap(scratch);

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
        return window(q.fromMillis(), q.toMillis()).read(q);
    }

    /**
     * The encoded entries written in [{@code fromMillis}, {@code toMillis}], copied out: a plain
     * copy (about 5 ms for a full trail of 100,000), so that the owner's lock is not held while
     * they are decoded and filtered ({@link Window#read}).
     */
    Window window(long fromMillis, long toMillis) {
        int n = 0;
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % starts.length;
            if (atMillis[slot] >= fromMillis && atMillis[slot] <= toMillis) {
                n++;
                bytes += lengths[slot];
            }
        }
        byte[] copy = new byte[bytes];
        int[] offsets = new int[n + 1];
        int k = 0;
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % starts.length;
            if (atMillis[slot] >= fromMillis && atMillis[slot] <= toMillis) {
                copyOut(slot, copy, offsets[k]);
                offsets[k + 1] = offsets[k] + lengths[slot];
                k++;
            }
        }
        return new Window(copy, offsets);
    }

    /**
     * Encoded entries copied out of the log, oldest first: entry {@code i} is
     * {@code bytes[offsets[i], offsets[i + 1])}. Thread-safety: read-only once made.
     */
    record Window(byte[] bytes, int[] offsets) {
        /** The entries matching the query's filters (not its window: that chose the copy), at most its max. */
        List<AuditEntry> read(AuditQuery q) {
            List<AuditEntry> out = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(bytes);
            for (int i = 0; i + 1 < offsets.length && out.size() < q.max(); i++) {
                if (matches(in, offsets[i], q)) {
                    out.add(decode(in, offsets[i]));
                }
            }
            return out;
        }
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

    /** Bytes before the filtered fields: kind, stream id (ms, seq), time. */
    private static final int HEAD = 1 + 8 + 8 + 8;

    private int encode(AuditEntry e, long idMillis, long idSeq) {
        int size = HEAD
                + size(e.incidentId())
                + size(e.conditionId())
                + 4
                + size(e.role())
                + size(e.caller())
                + size(e.fromStatus())
                + size(e.toStatus())
                + size(e.grade())
                + size(e.incidentType())
                + 16
                + 4
                + size(e.conditionKind());
        for (String id : e.unitIds()) {
            size += size(id);
        }
        for (AuditEntry.Offer o : e.offers()) {
            size += size(o.unitId()) + 9;
        }
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
            out = ByteBuffer.wrap(scratch);
        }
        out.clear();
        out.put((byte) e.kind().ordinal()).putLong(idMillis).putLong(idSeq).putLong(e.atMillis());
        put(e.incidentId());
        put(e.conditionId());
        out.putInt(e.unitIds().size());
        for (String id : e.unitIds()) {
            put(id);
        }
        put(e.role());
        put(e.caller());
        put(e.fromStatus());
        put(e.toStatus());
        put(e.grade());
        put(e.incidentType());
        out.putDouble(e.latDeg()).putDouble(e.lonDeg());
        out.putInt(e.offers().size());
        for (AuditEntry.Offer o : e.offers()) {
            put(o.unitId());
            out.putDouble(o.etaSeconds()).put((byte) (o.meetsTarget() ? 1 : 0));
        }
        put(e.conditionKind());
        if (out.position() != size) {
            throw new IllegalStateException("audit entry of " + out.position() + " bytes, counted " + size + ": a bug");
        }
        return size;
    }

    private static int size(String s) {
        return 4 + (wide(s) ? 2 * s.length() : s.length());
    }

    private static boolean wide(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return true;
            }
        }
        return false;
    }

    private void put(String s) {
        boolean wide = wide(s);
        out.putInt(s.length() << 1 | (wide ? 1 : 0));
        for (int i = 0; i < s.length(); i++) {
            if (wide) {
                out.putChar(s.charAt(i));
            } else {
                out.put((byte) s.charAt(i));
            }
        }
    }

    /** Whether the entry at {@code at} passes the query's incident, condition and unit filters. */
    private static boolean matches(ByteBuffer in, int at, AuditQuery q) {
        in.position(at + HEAD);
        if (!skipOrEquals(in, q.incidentId()) || !skipOrEquals(in, q.conditionId())) {
            return false;
        }
        if (q.unitId().isEmpty()) {
            return true;
        }
        int units = in.getInt();
        for (int i = 0; i < units; i++) {
            if (skipOrEquals(in, q.unitId())) {
                return true;
            }
        }
        return false;
    }

    /** Reads past the string at the buffer's position; true when {@code wanted} is empty or equal to it. */
    private static boolean skipOrEquals(ByteBuffer in, String wanted) {
        int header = in.getInt();
        int length = header >>> 1;
        boolean wide = (header & 1) != 0;
        int start = in.position();
        in.position(start + (wide ? 2 * length : length));
        if (wanted.isEmpty()) {
            return true;
        }
        if (wanted.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = wide ? in.getChar(start + 2 * i) : (char) (in.get(start + i) & 0xFF);
            if (c != wanted.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static AuditEntry decode(ByteBuffer in, int at) {
        in.position(at);
        AuditEntry.Kind kind = KINDS[in.get()];
        long idMillis = in.getLong();
        long idSeq = in.getLong();
        long atMillis = in.getLong();
        String incidentId = get(in);
        String conditionId = get(in);
        String[] unitIds = new String[in.getInt()];
        for (int i = 0; i < unitIds.length; i++) {
            unitIds[i] = get(in);
        }
        String role = get(in);
        String caller = get(in);
        String fromStatus = get(in);
        String toStatus = get(in);
        String grade = get(in);
        String incidentType = get(in);
        double lat = in.getDouble();
        double lon = in.getDouble();
        AuditEntry.Offer[] offers = new AuditEntry.Offer[in.getInt()];
        for (int i = 0; i < offers.length; i++) {
            offers[i] = new AuditEntry.Offer(get(in), in.getDouble(), in.get() != 0);
        }
        String conditionKind = get(in);
        return new AuditEntry(
                idMillis + "-" + idSeq,
                kind,
                atMillis,
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
    }

    private static String get(ByteBuffer in) {
        int header = in.getInt();
        int length = header >>> 1;
        int start = in.position();
        if ((header & 1) == 0) {
            in.position(start + length);
            return new String(in.array(), start, length, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.getChar(start + 2 * i);
        }
        in.position(start + 2 * length);
        return new String(chars);
    }
}
