package org.bluelamp.api;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.bluelamp.tracking.FixIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes fixes: every fix stream, every LIP report and the demonstration
 * fleet hand their work to it through one bounded queue, and it runs it in arrival order (the
 * {@link FixIntake} and the fleet's history and index are single-writer). A submitter learns the
 * result of its task, or the exception it failed with, through its callback: every task answers,
 * so every call waiting on one ends. When the queue is full the submitter is told at once.
 *
 * <p>Callbacks run on the intake thread: they must only hand the result over (e.g.
 * {@code context.runOnContext}), never block.
 *
 * <p>Thread-safety: {@link #submit}, {@link #offer} and {@link #close} from any thread. A task
 * accepted while the worker closes still runs: {@link #close} waits for offers already past their
 * look at the closed flag before it lets the thread end ({@code IntakeWorkerTest}).
 */
public final class IntakeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeWorker.class);

    private final FixIntake intake;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean closed;
    /**
     * Offers between their look at {@link #closed} and the end of their {@code queue.offer}: counted
     * before the look, so that {@link #close}, which sets {@code closed} and then waits for this to
     * be 0, never lets the thread end and the queue be drained with an offer still on its way in
     * (that task would never run, and its caller never be answered).
     */
    private final AtomicInteger offering = new AtomicInteger();

    /** Starts the intake thread. */
    public IntakeWorker(FixIntake intake, int queueCapacity) {
        this(intake, new ArrayBlockingQueue<>(queueCapacity));
    }

    /** Starts the intake thread on this queue (tests: a queue that stalls an offer). */
    IntakeWorker(FixIntake intake, BlockingQueue<Runnable> queue) {
        this.intake = intake;
        this.queue = queue;
        this.thread =
                Thread.ofPlatform().name("bluelamp-fix-intake").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The intake being fed (for its counters; apply fixes to it only from a task). */
    public FixIntake intake() {
        return intake;
    }

    /** Tasks waiting. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * Queues a task; {@code done} receives its result, or the exception it threw (then logged as a
     * bug unless it is a caller error the task chose to throw), on the intake thread.
     *
     * @return false when the queue is full or the worker is closed (nothing was queued)
     */
    public <T> boolean submit(Callable<T> task, BiConsumer<T, Throwable> done) {
        return offer(() -> {
            T result;
            try {
                result = task.call();
            } catch (Exception | Error e) {
                done.accept(null, e);
                return;
            }
            done.accept(result, null);
        });
    }

    /** Queues work that answers nobody (e.g. the demonstration fleet's fixes). */
    public boolean offer(Runnable task) {
        if (closed) {
            return false; // not counted: once closed, offers leave `offering` alone and it drains to 0
        }
        offering.incrementAndGet();
        try {
            if (closed) {
                return false;
            }
            return queue.offer(task);
        } finally {
            offering.decrementAndGet();
        }
    }

    /** Stops taking work, applies what is queued, and ends the thread (waits at most 5 s). */
    @Override
    public void close() {
        close(5_000);
    }

    /** As {@link #close()} with a bound. */
    public void close(long millis) {
        closed = true;
        // An offer that looked at `closed` before it was set is counted (see `offering`): wait for it
        // to be in the queue, where the thread (or the drain below) finds it.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (offering.get() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            // A task offered while the thread was ending: apply it here (the writer has ended, so
            // this thread is now the single writer).
            for (Runnable t; (t = queue.poll()) != null; ) {
                runSafely(t);
            }
        }
    }

    private void run() {
        for (; ; ) {
            Runnable task;
            try {
                task = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            runSafely(task);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("intake task failed", e);
        }
    }
}
