package org.bluelamp.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in flight, for draining on shutdown: once {@link #startDraining()} is called new
 * calls are refused with UNAVAILABLE, long-lived streams are asked to finish (their
 * {@code onDrain} hooks), and {@link #awaitIdle} waits until every call has ended.
 *
 * <p>A call is counted before {@link #begin} looks whether the server drains, so a drain never
 * finds the server idle while a call it did not refuse is on its way in.
 *
 * <p>Thread-safety: safe from any thread.
 */
final class ActiveCalls {
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** One call in flight. {@link #end()} is idempotent. */
    final class Call {
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Runnable onDrain;

        /** Registers what to do when the server starts draining (streams: finish and end). */
        void onDrain(Runnable r) {
            onDrain = r;
            if (draining) {
                r.run();
            }
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                calls.remove(this);
                active.decrementAndGet();
            }
        }
    }

    /**
     * Starts tracking a call.
     *
     * @throws CallRefused SHUTTING_DOWN once draining
     */
    Call begin() {
        // Counted first, then the drain looked at: a drain starting meanwhile (draining set, then
        // the count read by awaitIdle) either sees this call counted or is seen here, and the call
        // is then refused and uncounted. Looked at first, a drain in between found no call in
        // flight and let the shutdown close the servers under a call accepted right after.
        Call c = new Call();
        active.incrementAndGet();
        calls.add(c);
        if (draining) {
            c.end();
            throw new CallRefused(
                    CallRefused.Why.SHUTTING_DOWN, "", "the server is shutting down; call another instance");
        }
        return c;
    }

    int count() {
        return active.get();
    }

    boolean isDraining() {
        return draining;
    }

    /** Refuses new calls and asks the streams in flight to finish. */
    void startDraining() {
        draining = true;
        for (Call c : calls) {
            Runnable r = c.onDrain;
            if (r != null) {
                r.run();
            }
        }
    }

    /** Waits until no call is in flight or {@code timeoutMillis} passed; returns whether idle. */
    boolean awaitIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (active.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
