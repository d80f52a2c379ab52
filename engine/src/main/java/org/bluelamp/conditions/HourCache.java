package org.bluelamp.conditions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.TravelProfile;

/**
 * {@link EdgeConditions} computed for an hour of the week and a profile (and, for the conditions in
 * force, the interval between their start and end instants), keeping those of the few hours last
 * asked for. A value with congestion holds arrays sized to the graph (about 66 MB on the synthetic
 * national network of 2.75 million edges), so a service that runs through a day must not keep
 * every hour's: when a new hour is asked for, the values of the least recently added hour go.
 *
 * <p>Thread-safety: any number of threads; a value is computed once per key while others asking
 * for it wait ({@link ConcurrentHashMap#computeIfAbsent}).
 */
final class HourCache {
    /** Hours kept: the current one, the next one prepared ahead, and one a planner asked for. */
    static final int HOURS_KEPT = 3;

    private final ConcurrentHashMap<Long, EdgeConditions> values = new ConcurrentHashMap<>();
    /** The hours whose values are kept, least recently added first; guarded by {@code this}. */
    private final int[] hours = new int[HOURS_KEPT];

    private int hourCount;

    /** The key of a value: its hour of the week, profile and a further number (0 or more). */
    static long key(int hourOfWeek, TravelProfile profile, long more) {
        return (more << 12) | ((long) hourOfWeek << 4) | profile.ordinal();
    }

    private static int hourOf(long key) {
        return (int) ((key >>> 4) & 0xFF);
    }

    EdgeConditions get(long key, Supplier<EdgeConditions> make) {
        EdgeConditions c = values.get(key);
        if (c != null) {
            return c;
        }
        int hour = hourOf(key);
        admit(hour);
        c = values.computeIfAbsent(key, k -> make.get());
        if (!kept(hour)) { // dropped by another thread's newer hour while this one computed
            values.remove(key, c);
        }
        return c;
    }

    /** Number of values held. */
    int size() {
        return values.size();
    }

    private synchronized boolean kept(int hour) {
        for (int i = 0; i < hourCount; i++) {
            if (hours[i] == hour) {
                return true;
            }
        }
        return false;
    }

    private synchronized void admit(int hour) {
        if (kept(hour)) {
            return;
        }
        if (hourCount == HOURS_KEPT) {
            int dropped = hours[0];
            System.arraycopy(hours, 1, hours, 0, HOURS_KEPT - 1);
            hourCount--;
            values.keySet().removeIf(k -> hourOf(k) == dropped);
        }
        hours[hourCount++] = hour;
    }
}
