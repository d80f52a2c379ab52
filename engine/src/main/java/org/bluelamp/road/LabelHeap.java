package org.bluelamp.road;

import java.util.Arrays;

/**
 * A binary min-heap of labels for searches that carry a source with every entry: a primitive long
 * key ({@code millis << 32 | node}, see {@link LongMinHeap#pack}) and an int payload (the source)
 * moved together. Grows when full, never shrinks; {@link #clear} is O(1). Not thread-safe: one per
 * search.
 */
final class LabelHeap {
    private long[] keys;
    private int[] payloads;
    private int size;
    private long polledKey;
    private int polledPayload;

    LabelHeap(int initialCapacity) {
        keys = new long[Math.max(16, initialCapacity)];
        payloads = new int[keys.length];
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
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        int i = size++;
        long[] k = keys;
        int[] v = payloads;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = k[parent];
            if (p <= key) {
                break;
            }
            k[i] = p;
            v[i] = v[parent];
            i = parent;
        }
        k[i] = key;
        v[i] = payload;
    }

    /** Removes the smallest entry; read it with {@link #polledKey} and {@link #polledPayload}. */
    void poll() {
        long[] k = keys;
        int[] v = payloads;
        polledKey = k[0];
        polledPayload = v[0];
        int n = --size;
        long lastKey = k[n];
        int lastPayload = v[n];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            long c = k[child];
            if (child + 1 < n && k[child + 1] < c) {
                child++;
                c = k[child];
            }
            if (lastKey <= c) {
                break;
            }
            k[i] = c;
            v[i] = v[child];
            i = child;
        }
        k[i] = lastKey;
        v[i] = lastPayload;
    }

    long polledKey() {
        return polledKey;
    }

    int polledPayload() {
        return polledPayload;
    }
}
