package org.bluelamp.coverage;

import java.util.Arrays;

/**
 * Units' placements on a profile's road graph, keyed by (profile, latitude, longitude) held as
 * primitives: an open-addressing table over parallel arrays, so that looking up a unit that was
 * placed before allocates nothing (no key object, no boxing), whatever the number of units. A
 * value is the placement, or the reason a position could not be placed (a message string), so that
 * a position off the road network is not searched for again either. When full past
 * {@link #MAX_ENTRIES} the table is emptied (positions of a live fleet keep moving; the cache only
 * needs to hold one deployment's worth).
 *
 * <p>Not thread-safe: one per evaluator.
 */
final class PlacementCache {
    /** The most entries kept before the table is emptied. */
    static final int MAX_ENTRIES = 100_000;

    private long[] latBits;
    private long[] lonBits;
    private byte[] profile; // ordinal + 1; 0 = empty slot
    private Object[] value;
    private int size;
    private int mask;

    PlacementCache() {
        allocate(256);
    }

    private void allocate(int capacity) {
        latBits = new long[capacity];
        lonBits = new long[capacity];
        profile = new byte[capacity];
        value = new Object[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Entries held. */
    int size() {
        return size;
    }

    /** The value held for a position on a profile (by its ordinal), or null. */
    Object get(int profileOrdinal, double latDeg, double lonDeg) {
        long la = Double.doubleToLongBits(latDeg);
        long lo = Double.doubleToLongBits(lonDeg);
        byte p = (byte) (profileOrdinal + 1);
        for (int i = slot(p, la, lo); ; i = (i + 1) & mask) {
            byte q = profile[i];
            if (q == 0) {
                return null;
            }
            if (q == p && latBits[i] == la && lonBits[i] == lo) {
                return value[i];
            }
        }
    }

    /** Holds {@code v} (non-null) for a position on a profile, replacing any value it had. */
    void put(int profileOrdinal, double latDeg, double lonDeg, Object v) {
        if (v == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (size >= MAX_ENTRIES) {
            clear();
        }
        if ((size + 1) * 2 > profile.length) {
            grow();
        }
        insert((byte) (profileOrdinal + 1), Double.doubleToLongBits(latDeg), Double.doubleToLongBits(lonDeg), v);
    }

    private void insert(byte p, long la, long lo, Object v) {
        for (int i = slot(p, la, lo); ; i = (i + 1) & mask) {
            byte q = profile[i];
            if (q == 0) {
                profile[i] = p;
                latBits[i] = la;
                lonBits[i] = lo;
                value[i] = v;
                size++;
                return;
            }
            if (q == p && latBits[i] == la && lonBits[i] == lo) {
                value[i] = v;
                return;
            }
        }
    }

    /** Forgets every entry (keeps the table's size). */
    void clear() {
        Arrays.fill(profile, (byte) 0);
        Arrays.fill(value, null);
        size = 0;
    }

    private void grow() {
        long[] la = latBits;
        long[] lo = lonBits;
        byte[] p = profile;
        Object[] v = value;
        allocate(p.length * 2);
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0) {
                insert(p[i], la[i], lo[i], v[i]);
            }
        }
    }

    private int slot(byte p, long la, long lo) {
        long h = la * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(lo * 0xC2B2AE3D27D4EB4FL, 29) ^ p;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
