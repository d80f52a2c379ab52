package org.bluelamp.fleet;

import java.util.Arrays;

/**
 * A unit's track over a time window, filled by {@link FleetState#readTrack}: fixes in ascending
 * position time, as primitive columns. Reuse one buffer per reading thread to avoid allocation.
 *
 * <p>Thread-safety: not thread-safe; one per thread.
 */
public final class TrackBuffer {
    private long[] times = new long[16];
    private double[] lats = new double[16];
    private double[] lons = new double[16];
    private double[] accuracies = new double[16];
    private int size;
    private final TrackReader reader = new TrackReader();

    /** Copies a unit's history entries of a time window into this buffer (inside {@link UnitLines#read}). */
    private final class TrackReader extends UnitLines.Reader {
        long[] slab;
        int ringBase;
        int capacity;
        long fromMillis;
        long toMillis;

        @Override
        void copy(UnitLines.Chunk chunk, int offset, long[] state, int base) {
            UnitHistory.read(
                    slab,
                    ringBase,
                    capacity,
                    UnitLines.historyWord(state, base),
                    fromMillis,
                    toMillis,
                    TrackBuffer.this);
        }
    }

    /**
     * The reader that fills this buffer with the entries of [from, to] of the ring of
     * {@code capacity} fixes at {@code ringBase} in {@code slab}.
     */
    UnitLines.Reader lineReader(long[] slab, int ringBase, int capacity, long fromMillis, long toMillis) {
        reader.slab = slab;
        reader.ringBase = ringBase;
        reader.capacity = capacity;
        reader.fromMillis = fromMillis;
        reader.toMillis = toMillis;
        return reader;
    }

    /** Number of fixes in the track. */
    public int size() {
        return size;
    }

    /** Position time of fix {@code i}, epoch millis. */
    public long positionTimeEpochMillis(int i) {
        checkIndex(i);
        return times[i];
    }

    /** Latitude of fix {@code i}, degrees. */
    public double latDeg(int i) {
        checkIndex(i);
        return lats[i];
    }

    /** Longitude of fix {@code i}, degrees. */
    public double lonDeg(int i) {
        checkIndex(i);
        return lons[i];
    }

    /** Accuracy of fix {@code i}, metres, or {@code NaN} when not reported. */
    public double accuracyMetres(int i) {
        checkIndex(i);
        return accuracies[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("fix " + i + " of a track of " + size);
        }
    }

    void clear() {
        size = 0;
    }

    void add(long time, double lat, double lon, double accuracy) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            lats = Arrays.copyOf(lats, n);
            lons = Arrays.copyOf(lons, n);
            accuracies = Arrays.copyOf(accuracies, n);
        }
        times[size] = time;
        lats[size] = lat;
        lons[size] = lon;
        accuracies[size] = accuracy;
        size++;
    }
}
