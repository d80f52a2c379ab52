package org.bluelamp.road;

import java.util.Arrays;

/**
 * A min-heap of labels for searches that carry a source with every entry: a primitive long key
 * ({@code millis << 32 | node}, see {@link LongMinHeap#pack}) and an int payload (the source).
 * Four-ary (half the depth of a binary heap), with each entry's key and payload side by side in
 * one {@code long[]} and an entry's four children next to each other, so that a level costs one
 * run of memory, not two arrays' worth: the heap of a many-to-all search holds hundreds of
 * thousands of entries, far beyond the caches. Grows when full, never shrinks; {@link #clear} is
 * O(1). Not thread-safe: one per search.
 */
final class LabelHeap {
    // entry j: key at 2j, payload at 2j + 1
    private long[] data;
    private int size;
    private long polledKey;
    private int polledPayload;

    LabelHeap(int initialCapacity) {
        data = new long[2 * Math.max(16, initialCapacity)];
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void push(long key, int payload) {
        if (2 * size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        long[] d = data;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long p = d[2 * parent];
            if (p <= key) {
                break;
            }
            d[2 * i] = p;
            d[2 * i + 1] = d[2 * parent + 1];
            i = parent;
        }
        d[2 * i] = key;
        d[2 * i + 1] = payload;
    }

    /** Removes the smallest entry; read it with {@link #polledKey} and {@link #polledPayload}. */
    void poll() {
        long[] d = data;
        polledKey = d[0];
        polledPayload = (int) d[1];
        int n = --size;
        long lastKey = d[2 * n];
        long lastPayload = d[2 * n + 1];
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= n) {
                break;
            }
            int child = first;
            long c = d[2 * first];
            int last = Math.min(first + 4, n);
            for (int j = first + 1; j < last; j++) {
                long x = d[2 * j];
                if (x < c) {
                    c = x;
                    child = j;
                }
            }
            if (lastKey <= c) {
                break;
            }
            d[2 * i] = c;
            d[2 * i + 1] = d[2 * child + 1];
            i = child;
        }
        d[2 * i] = lastKey;
        d[2 * i + 1] = lastPayload;
    }

    long polledKey() {
        return polledKey;
    }

    int polledPayload() {
        return polledPayload;
    }
}
