package org.bluelamp.simulation;

import java.util.Arrays;

/**
 * The simulation's future events in time order, over primitive arrays: a binary heap of keys
 * {@code (time relative to the start) << 32 | sequence number}, so events at the same millisecond
 * come out in the order they were scheduled (a run is deterministic), and per-event fields in
 * slots reused through a free list. A day of a large fleet schedules millions of events (mostly
 * position reports) without allocating per event.
 *
 * <p>Not thread-safe: one per simulation run.
 */
final class EventQueue {
    private final long originMillis;
    private long[] heapKey = new long[1024];
    private int[] heapSlot = new int[1024];
    private int size;
    private int sequence;

    // per slot
    private int[] type = new int[1024];
    private int[] unit = new int[1024];
    private int[] incident = new int[1024];
    private int[] token = new int[1024];
    private double[] latDeg = new double[1024];
    private double[] lonDeg = new double[1024];
    private long[] fixMillis = new long[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount;
    private int slotCount;

    /** A queue for events from {@code originMillis} on (up to about 24 days later). */
    EventQueue(long originMillis) {
        this.originMillis = originMillis;
    }

    /** The latest time an event may have. */
    long horizonMillis() {
        return originMillis + Integer.MAX_VALUE;
    }

    /** Schedules an event; returns its slot (valid until it is polled and released). */
    int schedule(long atMillis, int eventType, int unitIndex, int incidentIndex, int planToken) {
        long rel = atMillis - originMillis;
        if (rel < 0 || rel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("event at " + atMillis + " is outside the queue's range");
        }
        int slot = freeCount > 0 ? freeSlots[--freeCount] : newSlot();
        type[slot] = eventType;
        unit[slot] = unitIndex;
        incident[slot] = incidentIndex;
        token[slot] = planToken;
        if (size == heapKey.length) {
            heapKey = Arrays.copyOf(heapKey, size * 2);
            heapSlot = Arrays.copyOf(heapSlot, size * 2);
        }
        long key = (rel << 32) | (sequence++ & 0xFFFF_FFFFL);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapKey[parent] <= key) {
                break;
            }
            heapKey[i] = heapKey[parent];
            heapSlot[i] = heapSlot[parent];
            i = parent;
        }
        heapKey[i] = key;
        heapSlot[i] = slot;
        return slot;
    }

    /** Attaches a position report to a scheduled event (a report delivered late). */
    void setFix(int slot, double lat, double lon, long positionMillis) {
        latDeg[slot] = lat;
        lonDeg[slot] = lon;
        fixMillis[slot] = positionMillis;
    }

    private int newSlot() {
        if (slotCount == type.length) {
            int len = slotCount * 2;
            type = Arrays.copyOf(type, len);
            unit = Arrays.copyOf(unit, len);
            incident = Arrays.copyOf(incident, len);
            token = Arrays.copyOf(token, len);
            latDeg = Arrays.copyOf(latDeg, len);
            lonDeg = Arrays.copyOf(lonDeg, len);
            fixMillis = Arrays.copyOf(fixMillis, len);
            freeSlots = Arrays.copyOf(freeSlots, len);
        }
        return slotCount++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the next event. */
    long peekMillis() {
        return originMillis + (heapKey[0] >>> 32);
    }

    /** Removes the next event and returns its slot; {@link #release} it once read. */
    int poll() {
        int top = heapSlot[0];
        size--;
        if (size > 0) {
            long key = heapKey[size];
            int slot = heapSlot[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heapKey[child + 1] < heapKey[child]) {
                    child++;
                }
                if (heapKey[child] >= key) {
                    break;
                }
                heapKey[i] = heapKey[child];
                heapSlot[i] = heapSlot[child];
                i = child;
            }
            heapKey[i] = key;
            heapSlot[i] = slot;
        }
        return top;
    }

    void release(int slot) {
        freeSlots[freeCount++] = slot;
    }

    int type(int slot) {
        return type[slot];
    }

    int unit(int slot) {
        return unit[slot];
    }

    int incident(int slot) {
        return incident[slot];
    }

    int token(int slot) {
        return token[slot];
    }

    double latDeg(int slot) {
        return latDeg[slot];
    }

    double lonDeg(int slot) {
        return lonDeg[slot];
    }

    long fixMillis(int slot) {
        return fixMillis[slot];
    }

    /** Events still queued. */
    int size() {
        return size;
    }
}
