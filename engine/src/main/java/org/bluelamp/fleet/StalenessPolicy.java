package org.bluelamp.fleet;

/**
 * When a unit's latest fix is too old to trust.
 *
 * <p>A unit learns its usual reporting interval: the median of the intervals between its newest
 * (up to {@value FleetState#INTERVAL_SAMPLES} + 1) fixes in history, once at least
 * {@code minIntervalSamples} intervals are known; until then {@code defaultIntervalMillis} stands
 * in. The unit is stale when its fix age exceeds
 *
 * <pre>min(maxAgeMillis, max(minAgeMillis, intervalMultiple * usualInterval))</pre>
 *
 * <p>so a radio that reports every 10 s is stale after 30 s of silence (multiple 3), a radio on a
 * 60 s cycle after 3 minutes, and none is trusted beyond {@code maxAgeMillis}. A unit that has
 * never reported is always stale. Stale units stay visible: ranking weighs the flag and the age.
 *
 * @param intervalMultiple how many usual intervals of silence make a unit stale, at least 1
 * @param minAgeMillis never stale before this age (absorbs radio shadow of fast reporters), &ge; 0
 * @param maxAgeMillis always stale after this age, &ge; minAgeMillis
 * @param defaultIntervalMillis interval assumed until one is learned, positive
 * @param minIntervalSamples intervals needed before the learned interval is used, 1 to
 *     {@value FleetState#INTERVAL_SAMPLES}
 *
 * <p>Thread-safety: immutable.
 */
public record StalenessPolicy(
        double intervalMultiple,
        long minAgeMillis,
        long maxAgeMillis,
        long defaultIntervalMillis,
        int minIntervalSamples) {

    /** Checks the bounds. */
    public StalenessPolicy {
        if (!(intervalMultiple >= 1) || Double.isInfinite(intervalMultiple)) {
            throw new IllegalArgumentException(
                    "intervalMultiple " + intervalMultiple + " must be a finite number >= 1");
        }
        if (minAgeMillis < 0 || maxAgeMillis < minAgeMillis) {
            throw new IllegalArgumentException(
                    "need 0 <= minAgeMillis (" + minAgeMillis + ") <= maxAgeMillis (" + maxAgeMillis + ")");
        }
        if (defaultIntervalMillis <= 0) {
            throw new IllegalArgumentException("defaultIntervalMillis " + defaultIntervalMillis + " must be positive");
        }
        if (minIntervalSamples < 1 || minIntervalSamples > FleetState.INTERVAL_SAMPLES) {
            throw new IllegalArgumentException("minIntervalSamples " + minIntervalSamples + " must be between 1 and "
                    + FleetState.INTERVAL_SAMPLES);
        }
    }

    /** Three usual intervals, never before 15 s, always after 5 minutes; 30 s assumed; 3 samples. */
    public static StalenessPolicy defaults() {
        return new StalenessPolicy(3.0, 15_000L, 300_000L, 30_000L, 3);
    }

    /**
     * The fix age beyond which a unit is stale.
     *
     * @param usualIntervalMillis the unit's learned interval, or 0 when not yet learned
     */
    public long staleAfterMillis(long usualIntervalMillis) {
        long interval = usualIntervalMillis > 0 ? usualIntervalMillis : defaultIntervalMillis;
        long byInterval = (long) Math.min(Long.MAX_VALUE / 2.0, intervalMultiple * interval);
        return Math.min(maxAgeMillis, Math.max(minAgeMillis, byInterval));
    }
}
