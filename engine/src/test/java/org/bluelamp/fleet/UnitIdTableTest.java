package org.bluelamp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UnitIdTableTest {

    @Test
    void drawnCases() {
        UnitIdTable t = new UnitIdTable();
        assertEquals(-1, t.indexOf("A"));
        assertEquals(-1, t.indexOf(null));
        assertEquals(-1, t.indexOf(""));
        t.put("A", 0);
        t.put("B", 1);
        assertEquals(0, t.indexOf("A"));
        assertEquals(1, t.indexOf("B"));
        assertEquals(0, t.indexOf(new String("A"))); // equal but not the same object
        assertEquals(-1, t.indexOf("C"));
        assertThrows(IllegalStateException.class, () -> t.put("A", 2));
        assertEquals(2, t.size());
        // "Aa" and "BB" share a hash code: both found, each with its own index
        t.put("Aa", 7);
        t.put("BB", 8);
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertEquals(7, t.indexOf("Aa"));
        assertEquals(8, t.indexOf("BB"));
        assertEquals("Aa".hashCode(), "C#".hashCode());
        assertEquals(-1, t.indexOf("C#")); // same hash as two held ids, not held itself
        // index 0 and large indexes survive packing
        t.put("big", Integer.MAX_VALUE - 1);
        assertEquals(Integer.MAX_VALUE - 1, t.indexOf("big"));
        assertThrows(IllegalArgumentException.class, () -> t.put("neg", -1));
    }

    @Test
    void manyIdsWithOneHashCodeAreAllFound() {
        // strings built from "Aa"/"BB" blocks all share one hash code: the worst case for probing
        UnitIdTable t = new UnitIdTable();
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < 256; m++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 8; bit++) {
                b.append((m >> bit & 1) == 0 ? "Aa" : "BB");
            }
            ids.add(b.toString());
        }
        for (int i = 0; i < ids.size(); i++) {
            t.put(ids.get(i), i);
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, t.indexOf(ids.get(i)));
            assertEquals(ids.getFirst().hashCode(), ids.get(i).hashCode());
        }
        assertEquals(-1, t.indexOf("AaAaAaAaAaAaAaAaAa"));
    }

    @Test
    void seededComparisonWithAHashMap() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String why = "seed " + seed;
        UnitIdTable t = new UnitIdTable();
        Map<String, Integer> reference = new HashMap<>();
        List<String> held = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 200_000; step++) {
            String id = randomId(random);
            if (random.nextInt(3) == 0) {
                Integer expected = reference.get(id);
                assertEquals(expected == null ? -1 : expected, t.indexOf(id), why + ", id " + id);
            } else if (reference.containsKey(id)) {
                assertThrows(IllegalStateException.class, () -> t.put(id, 0), why);
            } else {
                t.put(id, next);
                reference.put(id, next);
                held.add(id);
                next++;
            }
            if (!held.isEmpty() && random.nextInt(4) == 0) {
                String known = held.get(random.nextInt(held.size()));
                assertEquals((int) reference.get(known), t.indexOf(known), why + ", id " + known);
                assertEquals((int) reference.get(known), t.indexOf(new String(known)), why + ", id " + known);
            }
        }
        assertEquals(reference.size(), t.size(), why);
        assertTrue(t.capacity() >= 2 * t.size(), why);
        for (Map.Entry<String, Integer> e : reference.entrySet()) {
            assertEquals((int) e.getValue(), t.indexOf(e.getKey()), why + ", id " + e.getKey());
        }
    }

    /** Short ids from a small alphabet, so that repeats and shared prefixes are common. */
    private static String randomId(SplittableRandom random) {
        int n = 1 + random.nextInt(6);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = "AB0a1-_".charAt(random.nextInt(7));
        }
        return new String(c);
    }

    @Test
    void readersFindEveryIdPutBeforeTheyLookWhileTheTableGrows() throws Exception {
        UnitIdTable t = new UnitIdTable();
        int n = 100_000;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "unit-" + i;
        }
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long seed = 17 + r;
            Thread reader = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (!done.get() && failure.get() == null) {
                    int upTo = published.get();
                    if (upTo == 0) {
                        continue;
                    }
                    int i = random.nextInt(upTo);
                    int found = t.indexOf(ids[i]);
                    if (found != i) {
                        failure.set("id " + ids[i] + " gave " + found + " (seed " + seed + ")");
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int i = 0; i < n; i++) {
            t.put(ids[i], i);
            published.set(i + 1);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(null, failure.get());
        for (int i = 0; i < n; i++) {
            assertEquals(i, t.indexOf(ids[i]));
        }
    }

    @Test
    void readingAheadReadsOnlyFromALargeTableAndChangesNoLookUp() {
        UnitIdTable t = new UnitIdTable();
        int[] hashes = new int[64];
        String[] ids = new String[40_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "U" + i;
            t.put(ids[i], i);
            if (i == 100) { // a small table: nothing read
                for (int j = 0; j < hashes.length; j++) {
                    hashes[j] = ids[j].hashCode();
                }
                assertEquals(0, t.readAhead(hashes, hashes.length));
            }
        }
        assertTrue(t.capacity() >= UnitIdTable.READ_AHEAD_MIN_SLOTS);
        for (int from = 0; from + hashes.length <= ids.length; from += 997) {
            for (int j = 0; j < hashes.length; j++) {
                hashes[j] = ids[from + j].hashCode();
            }
            assertNotEquals(0, t.readAhead(hashes, hashes.length)); // a held id's slot word is never 0
            for (int j = 0; j < hashes.length; j++) {
                assertEquals(from + j, t.indexOf(ids[from + j]));
            }
        }
    }

    @Test
    void findsAnAsciiIdFromItsBytesAsItsOwnString() {
        UnitIdTable t = new UnitIdTable();
        String aa = new String("Aa"); // "Aa" and "BB" share a hash code
        t.put(aa, 0);
        t.put("LOAD-12", 1);
        byte[] b = "xxAaBBLOAD-12LOAD-1\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(t.findAscii(b, 2, 2) == aa);
        assertEquals(null, t.findAscii(b, 4, 2)); // BB: same hash, other id
        assertEquals("LOAD-12", t.findAscii(b, 6, 7));
        assertEquals(null, t.findAscii(b, 13, 6)); // LOAD-1: a prefix
        assertEquals(null, t.findAscii(b, 13, 8)); // LOAD-1 and a non-ASCII byte
        assertEquals(null, t.findAscii(b, 0, 0));
    }
}
