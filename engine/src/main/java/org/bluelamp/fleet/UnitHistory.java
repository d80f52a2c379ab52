package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One unit's breadcrumb history: a ring buffer of fixes in ascending position time, in a single
 * {@code long[]} (header, then {time, lat bits, lon bits, accuracy bits} per entry).
 *
 * <p>Concurrency: one writer (the intake thread) bumps a version word around every change
 * (a sequence lock); readers copy what they need and retry if the version moved. Static methods
 * over the array keep the per-unit cost to one array object.
 */
final class UnitHistory {
  static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private static final int VERSION = 0;
  private static final int HEAD = 1;
  private static final int SIZE = 2;
  private static final int CAPACITY = 3;
  private static final int HEADER = 4;
  private static final int STRIDE = 4;

  private UnitHistory() {}

  static long[] create(int capacity) {
    long[] h = new long[HEADER + capacity * STRIDE];
    h[CAPACITY] = capacity;
    return h;
  }

  static int size(long[] h) {
    return (int) h[SIZE];
  }

  private static int slot(long[] h, int logical) {
    int cap = (int) h[CAPACITY];
    int p = (int) h[HEAD] + logical;
    if (p >= cap) {
      p -= cap;
    }
    return HEADER + p * STRIDE;
  }

  static long time(long[] h, int logical) {
    return h[slot(h, logical)];
  }

  static double lat(long[] h, int logical) {
    return Double.longBitsToDouble(h[slot(h, logical) + 1]);
  }

  static double lon(long[] h, int logical) {
    return Double.longBitsToDouble(h[slot(h, logical) + 2]);
  }

  static double accuracy(long[] h, int logical) {
    return Double.longBitsToDouble(h[slot(h, logical) + 3]);
  }

  /** Index of the entry with exactly this time, or {@code -(insertionPoint + 1)}. Writer only. */
  static int find(long[] h, long time) {
    int lo = 0;
    int hi = (int) h[SIZE] - 1;
    // Fast path: most fixes are the newest.
    if (hi < 0 || time > time(h, hi)) {
      return -(hi + 2);
    }
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long t = time(h, mid);
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

  private static long beginWrite(long[] h) {
    long v = h[VERSION];
    LONGS.setOpaque(h, VERSION, v + 1);
    VarHandle.storeStoreFence();
    return v;
  }

  private static void endWrite(long[] h, long v) {
    LONGS.setRelease(h, VERSION, v + 2);
  }

  /**
   * Inserts a fix whose time is not yet held. Entries older than {@code maxAgeMillis} before the
   * newest are evicted; when full, the oldest is evicted, unless the new fix would be the oldest.
   * Writer only.
   *
   * @return whether the fix is now held
   */
  static boolean insert(long[] h, long time, double lat, double lon, double accuracy, long maxAgeMillis) {
    int size = (int) h[SIZE];
    int cap = (int) h[CAPACITY];
    long newest = size > 0 ? Math.max(time(h, size - 1), time) : time;
    long cutoff = newest - maxAgeMillis;
    if (time < cutoff) {
      return false;
    }
    int at = -(find(h, time) + 1);
    int evictByAge = 0;
    while (evictByAge < size && time(h, evictByAge) < cutoff) {
      evictByAge++;
    }
    if (evictByAge == 0 && size == cap && at == 0) {
      return false;
    }
    long v = beginWrite(h);
    if (evictByAge > 0) {
      dropOldest(h, evictByAge);
      size -= evictByAge;
      at -= evictByAge;
    }
    if (size == cap) {
      dropOldest(h, 1);
      size--;
      at--;
    }
    for (int i = size; i > at; i--) {
      int to = slot(h, i);
      int from = slot(h, i - 1);
      h[to] = h[from];
      h[to + 1] = h[from + 1];
      h[to + 2] = h[from + 2];
      h[to + 3] = h[from + 3];
    }
    h[SIZE] = size + 1;
    writeEntry(h, at, time, lat, lon, accuracy);
    endWrite(h, v);
    return true;
  }

  /** Replaces the position of the entry at {@code logical} (a same-time fix that won). Writer only. */
  static void replace(long[] h, int logical, double lat, double lon, double accuracy) {
    long v = beginWrite(h);
    writeEntry(h, logical, time(h, logical), lat, lon, accuracy);
    endWrite(h, v);
  }

  private static void writeEntry(long[] h, int logical, long time, double lat, double lon, double accuracy) {
    int s = slot(h, logical);
    h[s] = time;
    h[s + 1] = Double.doubleToRawLongBits(lat);
    h[s + 2] = Double.doubleToRawLongBits(lon);
    h[s + 3] = Double.doubleToRawLongBits(accuracy);
  }

  private static void dropOldest(long[] h, int n) {
    int cap = (int) h[CAPACITY];
    int head = (int) h[HEAD] + n;
    h[HEAD] = head >= cap ? head - cap : head;
    h[SIZE] = h[SIZE] - n;
  }

  /**
   * The median interval between the newest {@code samples + 1} entries, and the number of
   * intervals used, packed as {@code (samples << 32) | intervalMillis}. Writer only.
   */
  static long learnInterval(long[] h, long[] scratch) {
    int size = (int) h[SIZE];
    int n = Math.min(size - 1, scratch.length);
    if (n < 1) {
      return 0;
    }
    for (int i = 0; i < n; i++) {
      long d = time(h, size - 1 - i) - time(h, size - 2 - i);
      int j = i;
      while (j > 0 && scratch[j - 1] > d) {
        scratch[j] = scratch[j - 1];
        j--;
      }
      scratch[j] = d;
    }
    long median = Math.min(Integer.MAX_VALUE, scratch[(n - 1) / 2]);
    return ((long) n << 32) | median;
  }

  /** Copies the entries with time in [from, to] into {@code out}; safe from any thread. */
  static void read(long[] h, long fromMillis, long toMillis, TrackBuffer out) {
    for (;;) {
      out.clear();
      long v = (long) LONGS.getAcquire(h, VERSION);
      if ((v & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      int size = (int) h[SIZE];
      int cap = (int) h[CAPACITY];
      int head = (int) h[HEAD];
      if (size > cap || head >= cap || size < 0 || head < 0) {
        continue; // torn header; the version check would fail anyway
      }
      for (int i = 0; i < size; i++) {
        int p = head + i;
        int s = HEADER + (p >= cap ? p - cap : p) * STRIDE;
        long t = h[s];
        if (t >= fromMillis && t <= toMillis) {
          out.add(t, Double.longBitsToDouble(h[s + 1]), Double.longBitsToDouble(h[s + 2]),
              Double.longBitsToDouble(h[s + 3]));
        }
      }
      VarHandle.loadLoadFence();
      if ((long) LONGS.getOpaque(h, VERSION) == v) {
        return;
      }
    }
  }
}
