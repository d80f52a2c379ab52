package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/**
 * Every task given to the intake thread answers its submitter, whether it succeeds or throws, and
 * whether or not the worker is closing meanwhile.
 */
class IntakeWorkerTest {
    @Test
    void aTaskThatFailsAnswersWithItsExceptionAndTheThreadGoesOn() throws Exception {
        FixIntake intake = new FixIntake(
                new FleetState(FleetOptions.defaults()), IntakeOptions.defaults(), InstantSource.system());
        try (IntakeWorker worker = new IntakeWorker(intake, 16)) {
            CompletableFuture<Object> failed = new CompletableFuture<>();
            assertTrue(worker.submit(
                    () -> {
                        throw new ArithmeticException("long overflow");
                    },
                    (r, e) -> failed.complete(e)));
            assertTrue(failed.get(10, TimeUnit.SECONDS) instanceof ArithmeticException);
            CompletableFuture<Object> next = new CompletableFuture<>();
            assertTrue(worker.submit(() -> "applied", (r, e) -> next.complete(r)));
            assertEquals("applied", next.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * An offer that looked at the closed flag just before {@code close} set it, and reached the
     * queue only after: {@code close} must not let the thread end and drain the queue without it.
     * The queue here stalls the offer until {@code close} has set the flag (the caller's thread
     * descheduled at the worst moment). The worker that did not wait for such offers ended (its
     * 100-ms poll found the queue empty), drained nothing, and the task never ran: its caller was
     * never answered.
     */
    @Test
    void aTaskOfferedAsTheWorkerClosesStillRunsAndAnswers() throws Exception {
        FixIntake intake = new FixIntake(
                new FleetState(FleetOptions.defaults()), IntakeOptions.defaults(), InstantSource.system());
        CountDownLatch offerStalled = new CountDownLatch(1);
        CountDownLatch closeStarted = new CountDownLatch(1);
        ArrayBlockingQueue<Runnable> stalling = new ArrayBlockingQueue<>(16) {
            @Override
            public boolean offer(Runnable task) {
                offerStalled.countDown();
                try {
                    closeStarted.await(10, TimeUnit.SECONDS);
                    Thread.sleep(300); // past the worker's 100-ms poll: it has seen the flag by now
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.offer(task);
            }
        };
        IntakeWorker worker = new IntakeWorker(intake, stalling);
        CompletableFuture<Object> answered = new CompletableFuture<>();
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(
                () -> worker.submit(() -> "applied", (r, e) -> answered.complete(e == null ? r : e)));
        assertTrue(offerStalled.await(10, TimeUnit.SECONDS), "the offer reached the queue");
        Thread closer = Thread.ofPlatform().start(() -> worker.close(5_000));
        while (closer.getState() == Thread.State.NEW) {
            Thread.onSpinWait();
        }
        Thread.sleep(50); // close has set the flag
        closeStarted.countDown();
        closer.join(10_000);
        assertTrue(queued.get(10, TimeUnit.SECONDS), "the task was accepted");
        assertEquals("applied", answered.get(10, TimeUnit.SECONDS), "an accepted task runs and answers");
    }
}
