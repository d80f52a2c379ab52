package org.bluelamp.simulation;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The simulation's clock: the time of the event being processed, in milliseconds since the Unix
 * epoch. The engine's {@code Dispatcher} reads it as its {@link InstantSource}, so fix ages and
 * staleness are measured in simulated time. Not thread-safe: one simulation thread sets and reads it.
 */
final class SimClock implements InstantSource {
    private long nowMillis;

    SimClock(long startMillis) {
        this.nowMillis = startMillis;
    }

    /** Moves the clock to {@code millis}; time never goes backwards. */
    void advanceTo(long millis) {
        if (millis < nowMillis) {
            throw new IllegalStateException("time would go back from " + nowMillis + " to " + millis);
        }
        nowMillis = millis;
    }

    @Override
    public long millis() {
        return nowMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMillis);
    }
}
