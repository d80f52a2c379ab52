package org.bluelamp.fleet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spatial index: a uniform grid of cells in latitude/longitude, hashed into a fixed number of
 * buckets, each bucket an {@code int[]} of unit indexes. See {@link SpatialSearch} for the queries
 * and {@code docs/fleet-state.md} for why this structure.
 *
 * <p>Cells are {@code cellLatDeg} high and {@code cellLonDeg} wide (square on the ground at the
 * reference latitude). Cell (x, y) lives in bucket {@code hash(x, y) & (buckets - 1)}: the grid
 * covers the whole Earth in fixed memory, and a bucket may hold units of several far-apart cells,
 * which queries filter by exact position.
 *
 * <p>Concurrency: one writer (the intake thread). Each bucket has a version word bumped around
 * every change (a sequence lock), so a reader copies a bucket's members and retries if it moved. A
 * unit that changes bucket is added to the new bucket before it is removed from the old one, and
 * then appended to a move log (a ring of unit indexes with a published sequence number). A query
 * that scans buckets one after another can miss a unit that moved from a bucket not yet scanned to
 * one already scanned; it therefore also considers every unit in the move log written while it
 * ran, and starts again (falls back to a scan of all units) if the log wrapped meanwhile.
 */
final class UnitGrid {
  static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  static final int MOVE_LOG_SIZE = 1 << 13;

  final double cellLatDeg;
  final double cellLonDeg;
  final int bucketMask;
  final int[][] members;
  final int[] counts;
  final int[] versions;
  final int[] moveLog = new int[MOVE_LOG_SIZE];
  final AtomicLong moveSeq = new AtomicLong();

  // Writer-private: where each unit is.
  private int[] unitBucket = new int[0];
  private int[] unitSlot = new int[0];

  UnitGrid(double cellMetres, int buckets, double referenceLatDeg) {
    this.cellLatDeg = cellMetres / GeoDistance.METRES_PER_DEGREE;
    this.cellLonDeg = cellLatDeg / Math.cos(Math.toRadians(referenceLatDeg));
    this.bucketMask = buckets - 1;
    this.members = new int[buckets][];
    this.counts = new int[buckets];
    this.versions = new int[buckets];
  }

  int bucketCount() {
    return bucketMask + 1;
  }

  int cellX(double lonDeg) {
    return (int) Math.floor(lonDeg / cellLonDeg);
  }

  int cellY(double latDeg) {
    return (int) Math.floor(latDeg / cellLatDeg);
  }

  int bucket(int cellX, int cellY) {
    int h = cellX * 0x9E3779B1 + cellY * 0x85EBCA77;
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    h ^= h >>> 13;
    return h & bucketMask;
  }

  /** Puts the unit in the bucket of its new position. Writer only. */
  void move(int unitIndex, double latDeg, double lonDeg) {
    if (unitIndex >= unitBucket.length) {
      int n = Math.max(unitIndex + 1, unitBucket.length * 2);
      int old = unitBucket.length;
      unitBucket = Arrays.copyOf(unitBucket, n);
      Arrays.fill(unitBucket, old, n, -1);
      unitSlot = Arrays.copyOf(unitSlot, n);
    }
    int b = bucket(cellX(lonDeg), cellY(latDeg));
    int old = unitBucket[unitIndex];
    if (old == b) {
      return;
    }
    int oldSlot = unitSlot[unitIndex];
    int newSlot = add(unitIndex, b);
    if (old >= 0) {
      remove(old, oldSlot);
    }
    unitBucket[unitIndex] = b;
    unitSlot[unitIndex] = newSlot;
    long seq = moveSeq.getPlain();
    moveLog[(int) seq & (MOVE_LOG_SIZE - 1)] = unitIndex;
    moveSeq.setRelease(seq + 1);
  }

  private int beginWrite(int b) {
    int v = versions[b];
    INTS.setOpaque(versions, b, v + 1);
    VarHandle.storeStoreFence();
    return v;
  }

  /** Appends the unit to bucket b; returns its slot there. */
  private int add(int unitIndex, int b) {
    int v = beginWrite(b);
    int[] arr = members[b];
    int n = counts[b];
    if (arr == null) {
      arr = new int[4];
      members[b] = arr;
    } else if (n == arr.length) {
      arr = Arrays.copyOf(arr, n * 2);
      members[b] = arr;
    }
    arr[n] = unitIndex;
    counts[b] = n + 1;
    INTS.setRelease(versions, b, v + 2);
    return n;
  }

  /** Removes the unit at {@code slot} of bucket b, moving the bucket's last unit into its place. */
  private void remove(int b, int slot) {
    int v = beginWrite(b);
    int[] arr = members[b];
    int last = counts[b] - 1;
    int moved = arr[last];
    arr[slot] = moved;
    unitSlot[moved] = slot;
    counts[b] = last;
    INTS.setRelease(versions, b, v + 2);
  }

  /**
   * Copies bucket {@code b}'s members into {@code into} (grown as needed, returned in
   * {@code holder[0]}); returns how many. Safe from any thread.
   */
  int copyBucket(int b, int[][] holder) {
    for (;;) {
      int v = (int) INTS.getAcquire(versions, b);
      if ((v & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      int[] arr = members[b];
      int n = arr == null ? 0 : Math.min(counts[b], arr.length);
      int[] into = holder[0];
      if (n > into.length) {
        into = new int[Math.max(n, into.length * 2)];
        holder[0] = into;
      }
      if (n > 0) {
        System.arraycopy(arr, 0, into, 0, n);
      }
      VarHandle.loadLoadFence();
      if ((int) INTS.getOpaque(versions, b) == v) {
        return n;
      }
    }
  }
}
