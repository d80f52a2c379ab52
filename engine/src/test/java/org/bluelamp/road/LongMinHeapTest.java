package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.*;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The search queue against java.util.PriorityQueue, and its packing of keys and ids. */
class LongMinHeapTest {

    @Test
    void pollsInAscendingOrderThroughGrowthAndClear() {
        Random rnd = new Random(3);
        LongMinHeap heap = new LongMinHeap(1);
        PriorityQueue<Long> reference = new PriorityQueue<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5_000; i++) {
                if (reference.isEmpty() || rnd.nextInt(3) > 0) {
                    long v = LongMinHeap.pack(rnd.nextInt(1_000_000), rnd.nextInt(100_000));
                    heap.push(v);
                    reference.add(v);
                } else {
                    assertEquals((long) reference.peek(), heap.peek());
                    assertEquals((long) reference.poll(), heap.poll());
                }
                assertEquals(reference.size(), heap.size());
            }
            heap.clear();
            reference.clear();
            assertTrue(heap.isEmpty());
        }
    }

    @Test
    void pollsEverySmallHeapAndDuplicatesInOrder() {
        // every size across the first levels of the heap (children 4i+1..4i+4), with repeated values
        Random rnd = new Random(11);
        for (int size = 1; size <= 90; size++) {
            for (int trial = 0; trial < 20; trial++) {
                LongMinHeap heap = new LongMinHeap(2);
                PriorityQueue<Long> reference = new PriorityQueue<>();
                for (int i = 0; i < size; i++) {
                    long v = LongMinHeap.pack(rnd.nextInt(8), rnd.nextInt(3));
                    heap.push(v);
                    reference.add(v);
                }
                while (!reference.isEmpty()) {
                    assertEquals((long) reference.peek(), heap.peek(), "size " + size);
                    assertEquals((long) reference.poll(), heap.poll(), "size " + size);
                    if (rnd.nextInt(4) == 0) {
                        long v = LongMinHeap.pack(rnd.nextInt(8), rnd.nextInt(3));
                        heap.push(v);
                        reference.add(v);
                    }
                }
                assertTrue(heap.isEmpty());
            }
        }
    }

    @Test
    void packsKeyAboveIdSoThatKeysOrderFirst() {
        long a = LongMinHeap.pack(5, Integer.MAX_VALUE);
        long b = LongMinHeap.pack(6, 0);
        assertTrue(a < b);
        assertEquals(5, LongMinHeap.key(a));
        assertEquals(Integer.MAX_VALUE, LongMinHeap.id(a));
        assertEquals(0, LongMinHeap.id(b));
        assertEquals(Integer.MAX_VALUE - 1, LongMinHeap.key(LongMinHeap.pack(Integer.MAX_VALUE - 1, 7)));
        LongMinHeap heap = new LongMinHeap(4);
        heap.push(LongMinHeap.pack(9, 1));
        heap.push(LongMinHeap.pack(9, 0));
        heap.push(LongMinHeap.pack(2, 5));
        assertEquals(5, LongMinHeap.id(heap.poll()));
        assertEquals(0, LongMinHeap.id(heap.poll()), "equal keys: smaller id first");
        assertEquals(1, LongMinHeap.id(heap.poll()));
    }
}
