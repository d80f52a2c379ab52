package org.bluelamp.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two sides of a race test: a thread that changes shared state over and over until the test is
 * done ({@link #inBackground}), and the test's own loop, which checks each answer meanwhile and goes
 * on for {@link #RUN_NANOS}, then until it has done its minimum ({@link #goOn}). A slow machine
 * runs longer rather than failing a count; a test stops at its first wrong answer.
 *
 * <p>Thread-safety: {@link #failure} and {@link #close} from the test's thread.
 */
public final class Race implements AutoCloseable {
    /** How long a race loop runs at least: two seconds. */
    public static final long RUN_NANOS = 2_000_000_000L;

    private static final long MAX_NANOS = 60_000_000_000L;

    /** One change of the background side; {@code i} counts from 0. */
    @FunctionalInterface
    public interface Step {
        void run(long i) throws Exception;
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private Race(String name, Step step) {
        thread = new Thread(
                () -> {
                    try {
                        for (long i = 0; !stop.get(); i++) {
                            step.run(i);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                },
                name);
    }

    /** Starts a thread that runs {@code step} over and over until {@link #close}, or until it throws. */
    public static Race inBackground(String name, Step step) {
        Race race = new Race(name, step);
        race.thread.start();
        return race;
    }

    /** What the background side threw (it then stopped), or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops the background side and waits for it. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }

    /**
     * Whether a race loop goes on: for {@link #RUN_NANOS} from {@code startNanos}, then until it has
     * done {@code enough}, at most a minute (the test's own count then fails it).
     */
    public static boolean goOn(long startNanos, boolean enough) {
        long ran = System.nanoTime() - startNanos;
        return ran < RUN_NANOS || (!enough && ran < MAX_NANOS);
    }
}
