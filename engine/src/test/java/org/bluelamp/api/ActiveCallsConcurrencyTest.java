package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bluelamp.testing.Race;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call begins or is refused: never accepted after a drain found the server idle.
 * {@link ActiveCalls#begin} looked at {@code draining} and counted the call after: a drain started
 * in between ({@link ActiveCalls#startDraining} then {@link ActiveCalls#awaitIdle}) counted no call
 * in flight and let the shutdown close the servers, the search pool and the intake under a call
 * it had just accepted, which could then end without a status.
 *
 * <p>Each round: a fresh set of calls; one thread begins a call while this one drains (a little
 * later each round, so the drain falls before, across and after the call's begin) and asks whether
 * it is idle. The test stops at the first round where the drain said idle and the call
 * was accepted all the same.
 */
class ActiveCallsConcurrencyTest {

    @Test
    @Timeout(120)
    void aCallIsRefusedOrCountedByTheDrain() throws Exception {
        AtomicReference<ActiveCalls> current = new AtomicReference<>();
        AtomicInteger round = new AtomicInteger(-1); // the round the caller should play
        AtomicInteger played = new AtomicInteger(-1); // the round the caller has played
        AtomicReference<ActiveCalls.Call> accepted = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().daemon(true).start(() -> {
            int r = 0;
            for (; ; ) {
                while (round.get() < r) {
                    if (round.get() == Integer.MIN_VALUE) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                ActiveCalls.Call c;
                try {
                    c = current.get().begin();
                } catch (CallRefused e) {
                    c = null;
                }
                accepted.set(c);
                played.set(r);
                r++;
            }
        });
        long rounds = 0;
        long acceptedCount = 0;
        long refusedCount = 0;
        String wrong = null;
        long start = System.nanoTime();
        try {
            while (wrong == null
                    && Race.goOn(start, rounds >= 20_000 && acceptedCount >= 1_000 && refusedCount >= 1_000)) {
                ActiveCalls calls = new ActiveCalls();
                current.set(calls);
                int r = (int) rounds;
                round.set(r); // the caller begins its call now
                for (int i = (int) (rounds % 200); i > 0; i--) {
                    Thread.onSpinWait(); // the drain a little later each round: before, across and after the call's
                    // begin
                }
                calls.startDraining();
                boolean idle = calls.awaitIdle(0);
                while (played.get() < r) {
                    Thread.onSpinWait();
                }
                ActiveCalls.Call c = accepted.get();
                if (c == null) {
                    refusedCount++;
                } else {
                    acceptedCount++;
                    if (idle) {
                        wrong = "round " + rounds + ": the drain found no call in flight, then the call it raced with"
                                + " was accepted (" + calls.count() + " in flight now)";
                    }
                }
                rounds++;
            }
        } finally {
            round.set(Integer.MIN_VALUE);
            caller.join(5_000);
        }
        assertNull(wrong, wrong + " (" + acceptedCount + " accepted, " + refusedCount + " refused)");
    }
}
