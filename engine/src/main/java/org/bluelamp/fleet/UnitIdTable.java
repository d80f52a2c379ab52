package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Unit id to dense unit index: an open-addressing hash table with linear probing, the id's hash
 * code and the index packed in one {@code long} per slot ({@code hashCode << 32 | index + 1}, 0 for
 * an empty slot) beside an array of the ids themselves.
 *
 * <p>Why not {@code ConcurrentHashMap<String, Unit>}: at 100,000 units every fix's look-up missed
 * the cache three times there (table slot, node, then the unit record for its index). Here a probe
 * reads one {@code long} and, when its stored hash equals the id's, the key slot, compared by
 * identity first (gateways and benchmarks hand the same pooled {@code String}) and then by
 * {@code equals}; the index comes out of the {@code long} itself. The table is at most half full,
 * so probes are short.
 *
 * <p>Thread-safety: one writer at a time ({@link #put} under the fleet's registration lock); any
 * number of readers ({@link #indexOf}) never blocked and allocation-free. A slot's key is written
 * before its word is published with release ordering, and a reader reads the word with acquire
 * ordering, so a reader that sees a word sees its key. Growth builds a new table and publishes it
 * through a volatile field; readers holding the old one still find every id it held. Ids are never
 * removed (units are not unregistered).
 */
final class UnitIdTable {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int MIN_CAPACITY = 16;
    /**
     * Slots from which {@link #readAhead} reads (more than 16,384 ids: 512 KB of words and 256 KB
     * of keys, about what one core's L2 holds); a smaller table is left to the look-up itself.
     */
    static final int READ_AHEAD_MIN_SLOTS = 1 << 16;

    /** One generation of the table: slots and keys of the same length, a power of two. */
    private record Slots(long[] words, String[] keys) {}

    private volatile Slots slots = new Slots(new long[MIN_CAPACITY], new String[MIN_CAPACITY]);
    private int size;

    /** The index stored for {@code id}, or -1 when it is not held (or null). Any thread; no allocation. */
    int indexOf(String id) {
        if (id == null) {
            return -1;
        }
        Slots t = slots;
        long[] words = t.words;
        int mask = words.length - 1;
        int h = id.hashCode();
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            long w = (long) WORDS.getAcquire(words, i);
            if (w == 0) {
                return -1;
            }
            if ((int) (w >>> 32) == h) {
                String k = t.keys[i];
                if (k == id || k.equals(id)) {
                    return (int) w - 1;
                }
            }
        }
    }

    /**
     * The held id whose characters are the ASCII bytes {@code bytes[from, from + length)}, or null
     * when none is (or a byte is not ASCII): the id's own {@code String}, found without making one
     * (its hash is {@link String#hashCode}'s, computed from the bytes). Any thread; no allocation.
     */
    String findAscii(byte[] bytes, int from, int length) {
        int h = 0;
        for (int j = from, end = from + length; j < end; j++) {
            int b = bytes[j];
            if (b < 0) {
                return null;
            }
            h = 31 * h + b;
        }
        Slots t = slots;
        long[] words = t.words;
        int mask = words.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            long w = (long) WORDS.getAcquire(words, i);
            if (w == 0) {
                return null;
            }
            if ((int) (w >>> 32) == h) {
                String k = t.keys[i];
                if (sameAscii(k, bytes, from, length)) {
                    return k;
                }
            }
        }
    }

    private static boolean sameAscii(String k, byte[] bytes, int from, int length) {
        if (k.length() != length) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            if (k.charAt(j) != bytes[from + j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads ahead, for ids whose hash codes are {@code hashes[0..n)}, the word and the key of the
     * slot each probe starts at (one pass of independent loads, so that their misses are in flight
     * together; {@link #indexOf} then finds them in the cache), when the table has at least
     * {@link #READ_AHEAD_MIN_SLOTS} slots; returns what was read, for the caller to keep. Only
     * reads. Any thread; no allocation.
     */
    long readAhead(int[] hashes, int n) {
        Slots t = slots;
        long[] words = t.words;
        if (words.length < READ_AHEAD_MIN_SLOTS) {
            return 0; // the table sits in the core's cache: the pass would cost more than it saves
        }
        String[] keys = t.keys;
        int mask = words.length - 1;
        long sum = 0;
        for (int j = 0; j < n; j++) {
            int i = spread(hashes[j]) & mask;
            sum += words[i] + (keys[i] == null ? 0 : 1);
        }
        return sum;
    }

    /**
     * Adds {@code id} with {@code index} (0 or more). Writer only (the caller serialises puts).
     *
     * @throws IllegalStateException if {@code id} is already held: the caller checks first
     */
    void put(String id, int index) {
        if (index < 0 || index == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unit index " + index + " out of range");
        }
        if (indexOf(id) >= 0) {
            throw new IllegalStateException("unit id already held: " + id);
        }
        Slots t = slots;
        if ((size + 1) * 2 > t.words.length) {
            t = grown(t);
            slots = t;
        }
        insert(t, id, index);
        size++;
    }

    /** Ids held. Writer only (or under the writer's lock). */
    int size() {
        return size;
    }

    /** Slots of the current table (a power of two, at least twice {@link #size}). */
    int capacity() {
        return slots.words.length;
    }

    private static Slots grown(Slots old) {
        int n = old.words.length * 2;
        Slots t = new Slots(new long[n], new String[n]);
        for (int i = 0; i < old.words.length; i++) {
            long w = old.words[i];
            if (w != 0) {
                insert(t, old.keys[i], (int) w - 1);
            }
        }
        return t;
    }

    private static void insert(Slots t, String id, int index) {
        long[] words = t.words;
        int mask = words.length - 1;
        int h = id.hashCode();
        int i = spread(h) & mask;
        while (words[i] != 0) {
            i = (i + 1) & mask;
        }
        t.keys[i] = id;
        WORDS.setRelease(words, i, ((long) h << 32) | (index + 1L));
    }

    /** Mixes the hash code so that ids with sequential hash codes (numeric ids) spread over the table. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
