package org.bluelamp.conditions;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bluelamp.road.TravelProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the road conditions of the next minute computed before a query needs them. When the hour
 * of the congestion profile changes, or a condition starts or ends, the first query of each profile
 * would compute the new per-edge times (about 0.1 s per profile on the synthetic national network)
 * while other queries of that profile waited behind it. One daemon thread computes them
 * {@code ahead} of time instead, every {@code every}, for the profiles the service ranks with.
 *
 * <p>Thread-safety: {@link #close} from any thread.
 */
public final class ConditionsAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionsAhead.class);

    private final ScheduledExecutorService thread;

    private ConditionsAhead(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /**
     * Starts computing, every {@code every}, the conditions at the clock's now and at now plus
     * {@code ahead} for each of {@code profiles}.
     *
     * @throws IllegalArgumentException unless {@code every} and {@code ahead} are positive and
     *     {@code every} is shorter than {@code ahead} (so that no change slips between two rounds)
     */
    public static ConditionsAhead start(
            RoadConditions conditions,
            List<TravelProfile> profiles,
            InstantSource clock,
            Duration every,
            Duration ahead) {
        if (every.isNegative() || every.isZero() || every.compareTo(ahead) >= 0) {
            throw new IllegalArgumentException("every " + every + " must be positive and shorter than ahead " + ahead);
        }
        List<TravelProfile> kept = List.copyOf(profiles);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conditions-ahead");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long aheadMillis = ahead.toMillis();
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        long now = clock.millis();
                        conditions.prepareAt(kept, now);
                        conditions.prepareAt(kept, now + aheadMillis);
                    } catch (RuntimeException e) { // a failed round must not end the schedule
                        LOG.warn("road conditions not prepared ahead: {}", e.toString());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ConditionsAhead(thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
