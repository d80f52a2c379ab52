package org.bluelamp.fleet;

/**
 * Bounds of each unit's breadcrumb history.
 *
 * <p>A unit's history holds at most {@code capacity} fixes, and none older than {@code maxAgeMillis}
 * before the unit's newest position time. Memory: about {@code 32 * capacity} bytes per unit, held
 * in slabs of up to 1,024 neighbouring units made when the first of them reports, e.g. 64 fixes for
 * 100,000 units is 205 MB.
 *
 * @param capacity fixes kept per unit, 2 to 65,536
 * @param maxAgeMillis how far back before the unit's newest fix history reaches, positive
 *
 * <p>Thread-safety: immutable.
 */
public record HistoryPolicy(int capacity, long maxAgeMillis) {

    /** Checks the bounds. */
    public HistoryPolicy {
        if (capacity < 2 || capacity > 65_536) {
            throw new IllegalArgumentException("history capacity " + capacity + " must be between 2 and 65536");
        }
        if (maxAgeMillis <= 0) {
            throw new IllegalArgumentException("history maxAgeMillis " + maxAgeMillis + " must be positive");
        }
    }

    /** 64 fixes, at most one hour. */
    public static HistoryPolicy defaults() {
        return new HistoryPolicy(64, 3_600_000L);
    }
}
