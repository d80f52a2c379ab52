package org.bluelamp.store;

import org.bluelamp.fleet.FleetState;

/**
 * The fleet's unit indexes by id, looked up by a span of characters inside a longer text (a
 * journal entry) without cutting the id out: an open-addressing table of the ids' hash codes, the
 * ids and their indexes, built once from the units registered when it is made. Used by the
 * replay at start, where every fix would otherwise allocate its unit id.
 *
 * <p>Thread-safety: immutable after construction; safe to read from any thread.
 */
final class UnitIdLookup {
    private final int[] hashes;
    private final String[] ids;
    private final int[] indexes;
    private final int mask;

    /** A table of every unit the fleet holds now (units registered later are not found). */
    UnitIdLookup(FleetState fleet) {
        int n = fleet.unitCount();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        hashes = new int[capacity];
        ids = new String[capacity];
        indexes = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < n; i++) {
            String id = fleet.unit(i).spec().id();
            int h = id.hashCode();
            int slot = spread(h) & mask;
            while (ids[slot] != null) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = h;
            ids[slot] = id;
            indexes[slot] = i;
        }
    }

    /** The index of the unit whose id is {@code text[from, to)}, or -1 when none is. No allocation. */
    int indexOf(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int len = to - from;
        int slot = spread(h) & mask;
        String id;
        while ((id = ids[slot]) != null) {
            if (hashes[slot] == h && id.length() == len && id.regionMatches(0, text, from, len)) {
                return indexes[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
