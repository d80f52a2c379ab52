package org.bluelamp.road;

import java.util.Arrays;

/**
 * A binary min-heap of primitive longs, for search queues whose entries pack a key and an id
 * ({@code key << 32 | id}). Grows when full, never shrinks; {@link #clear} is O(1).
 * Not thread-safe: one per search.
 */
final class LongMinHeap {
    private long[] heap;
    private int size;

    LongMinHeap(int initialCapacity) {
        heap = new long[Math.max(16, initialCapacity)];
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

    long peek() {
        return heap[0];
    }

    void push(long value) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        long[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = h[parent];
            if (p <= value) {
                break;
            }
            h[i] = p;
            i = parent;
        }
        h[i] = value;
    }

    long poll() {
        long[] h = heap;
        long top = h[0];
        long last = h[--size];
        int n = size;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            long c = h[child];
            if (child + 1 < n && h[child + 1] < c) {
                child++;
                c = h[child];
            }
            if (last <= c) {
                break;
            }
            h[i] = c;
            i = child;
        }
        h[i] = last;
        return top;
    }

    static long pack(int key, int id) {
        return ((long) key << 32) | (id & 0xffffffffL);
    }

    static int key(long packed) {
        return (int) (packed >>> 32);
    }

    static int id(long packed) {
        return (int) packed;
    }
}
