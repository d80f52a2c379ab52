package org.bluelamp.fleet;

/**
 * One unit's breadcrumb history: a ring of fixes in ascending position time, {time, lat bits, lon
 * bits, accuracy bits} per entry, in a stretch of a slab shared with neighbouring units
 * ({@link UnitLines}: the ring starts at the unit's ring base). The ring's head and size
 * live in the unit's state line ({@link FleetState}), so that appending a fix touches one line of
 * the ring; every change happens under the unit's sequence lock, which readers validate.
 *
 * <p>The writer binds this object (one per fleet, used by the fix writer only) to a unit's ring,
 * works on it, and writes {@link #headAndSize()} back.
 */
final class UnitHistory {
    static final int STRIDE = 4;

    private long[] ring;
    private int ringBase;
    private int cap;
    private int head;
    private int size;
    /** No later than the time of the ring's oldest entry (or {@link Long#MIN_VALUE}). */
    private long oldestBound;

    static long pack(int head, int size) {
        return ((long) head << 32) | (size & 0xFFFF_FFFFL);
    }

    /**
     * Binds to the ring of {@code capacity} fixes at {@code ringBase} of {@code slab}, with
     * {@code oldestBound} a time no later than its oldest entry's (the unit's
     * {@code UnitLines.OLDEST_BOUND} word; {@link Long#MIN_VALUE} when nothing better is known).
     */
    void bind(long[] slab, int ringBase, int capacity, long headAndSize, long oldestBound) {
        this.ring = slab;
        this.ringBase = ringBase;
        this.cap = capacity;
        this.head = (int) (headAndSize >>> 32);
        this.size = (int) headAndSize;
        this.oldestBound = oldestBound;
    }

    long headAndSize() {
        return pack(head, size);
    }

    /** A time no later than the oldest entry's, kept current by every change: write it back with the ring's head. */
    long oldestBound() {
        return oldestBound;
    }

    int size() {
        return size;
    }

    private int slot(int logical) {
        int p = head + logical;
        return ringBase + (p >= cap ? p - cap : p) * STRIDE;
    }

    long time(int logical) {
        return ring[slot(logical)];
    }

    double lat(int logical) {
        return Double.longBitsToDouble(ring[slot(logical) + 1]);
    }

    double lon(int logical) {
        return Double.longBitsToDouble(ring[slot(logical) + 2]);
    }

    double accuracy(int logical) {
        return Double.longBitsToDouble(ring[slot(logical) + 3]);
    }

    /** Index of the entry with exactly this time, or {@code -(insertionPoint + 1)}. */
    int find(long time) {
        int lo = 0;
        int hi = size - 1;
        if (hi < 0 || time > time(hi)) {
            return -(size + 1);
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = time(mid);
            if (t < time) {
                lo = mid + 1;
            } else if (t > time) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * Whether {@link #insert} would keep a fix of this time (not yet held): not older than
     * {@code maxAgeMillis} before the newest, and not older than everything in a full ring.
     */
    boolean wouldKeep(long time, long maxAgeMillis) {
        if (size == 0) {
            return true;
        }
        long newest = Math.max(time(size - 1), time);
        if (time < newest - maxAgeMillis) {
            return false;
        }
        return size < cap || time > time(0) || time(0) < newest - maxAgeMillis;
    }

    /**
     * Inserts a fix whose time is not held and which {@link #wouldKeep}: evicts entries older than
     * {@code maxAgeMillis} before the newest, then the oldest if still full. Caller holds the lock.
     *
     * @return whether the fix was appended as the newest with nothing evicted below
     *     {@link FleetState#INTERVAL_SAMPLES} + 1 entries (so the learned intervals can be updated
     *     incrementally)
     */
    boolean insert(long time, double lat, double lon, double accuracy, long maxAgeMillis) {
        int at = -(find(time) + 1);
        boolean append = at == size;
        long newest = size > 0 ? Math.max(time(size - 1), time) : time;
        long cutoff = newest - maxAgeMillis;
        int evict = 0;
        while (evict < size && time(evict) < cutoff) {
            evict++;
        }
        if (evict == 0 && size == cap) {
            evict = 1;
        }
        if (evict > 0) {
            head += evict;
            if (head >= cap) {
                head -= cap;
            }
            size -= evict;
            at -= evict;
        }
        for (int i = size; i > at; i--) {
            int to = slot(i);
            int from = slot(i - 1);
            ring[to] = ring[from];
            ring[to + 1] = ring[from + 1];
            ring[to + 2] = ring[from + 2];
            ring[to + 3] = ring[from + 3];
        }
        size++;
        write(at, time, lat, lon, accuracy);
        oldestBound = time(0);
        return append && size > FleetState.INTERVAL_SAMPLES;
    }

    /**
     * {@link #insert} for a fix newer than every entry (the caller knows: its time is after the
     * unit's newest position time, which is the newest entry's), the usual case, which reads
     * nothing of the ring while {@link #oldestBound()} shows no entry can be older than
     * {@code maxAgeMillis} before the fix: then only the slot written is touched. The same
     * evictions and result as {@link #insert}. Caller holds the lock.
     */
    boolean append(long time, double lat, double lon, double accuracy, long maxAgeMillis) {
        long cutoff = time - maxAgeMillis;
        int evict = 0;
        if (size > 0 && oldestBound < cutoff) { // an entry may be too old: look (rare once bounded)
            while (evict < size && time(evict) < cutoff) {
                evict++;
            }
            oldestBound = evict < size ? time(evict) : time; // what is left is no older
        } else if (size == 0) {
            oldestBound = time;
        }
        if (evict == 0 && size == cap) {
            evict = 1; // the bound stays valid: what is left is no older than what went
        }
        if (evict > 0) {
            head += evict;
            if (head >= cap) {
                head -= cap;
            }
            size -= evict;
        }
        write(size, time, lat, lon, accuracy);
        size++;
        return size > FleetState.INTERVAL_SAMPLES;
    }

    /** Replaces the position of the entry at {@code logical}. Caller holds the lock. */
    void replace(int logical, double lat, double lon, double accuracy) {
        write(logical, time(logical), lat, lon, accuracy);
    }

    private void write(int logical, long time, double lat, double lon, double accuracy) {
        int s = slot(logical);
        ring[s] = time;
        ring[s + 1] = Double.doubleToRawLongBits(lat);
        ring[s + 2] = Double.doubleToRawLongBits(lon);
        ring[s + 3] = Double.doubleToRawLongBits(accuracy);
    }

    /** The intervals between the newest (up to) 9 entries, newest first, into {@code out}; returns how many. */
    int intervals(long[] out) {
        int n = Math.min(size - 1, out.length);
        for (int i = 0; i < n; i++) {
            out[i] = time(size - 1 - i) - time(size - 2 - i);
        }
        return Math.max(0, n);
    }

    /**
     * Copies the entries with time in [from, to] into {@code out}; any thread. The caller validates
     * the unit's sequence word afterwards and retries if it moved; torn values are harmless here.
     */
    static void read(
            long[] slab, int ringBase, int cap, long headAndSize, long fromMillis, long toMillis, TrackBuffer out) {
        out.clear();
        int head = (int) (headAndSize >>> 32);
        int size = (int) headAndSize;
        if (head < 0 || head >= cap || size < 0 || size > cap) {
            return;
        }
        for (int i = 0; i < size; i++) {
            int p = head + i;
            int s = ringBase + (p >= cap ? p - cap : p) * STRIDE;
            long t = slab[s];
            if (t >= fromMillis && t <= toMillis) {
                out.add(
                        t,
                        Double.longBitsToDouble(slab[s + 1]),
                        Double.longBitsToDouble(slab[s + 2]),
                        Double.longBitsToDouble(slab[s + 3]));
            }
        }
    }
}
