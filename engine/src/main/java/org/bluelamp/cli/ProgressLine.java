package org.bluelamp.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bluelamp.road.ImportPhase;
import org.bluelamp.road.ImportProgress;

/**
 * Import progress on a terminal: one line on standard error, rewritten in place as the phase, its
 * percentage (where known) and the elapsed time change, e.g.
 * {@code rutland-2022-07-20.osm.pbf: preparing travel profiles car_emergency (2 of 4) 25%, 14 s}.
 * A ticker refreshes the elapsed time every second while a phase runs; {@link #finished()} clears
 * the line, so the logs and answers that follow start on a clean line.
 *
 * <p>Thread-safety: updates come from the importing thread, ticks from a daemon thread; both
 * render under this object's lock.
 */
final class ProgressLine implements ImportProgress {
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter err;
    private final String subject;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final ScheduledExecutorService ticker;
    private ImportPhase phase;
    private String detail = "";
    private double fraction = Double.NaN;
    private boolean done;

    /**
     * @param err where to draw (a terminal)
     * @param subject what is being opened, e.g. the extract's file name
     * @param nanoClock a monotonic clock in nanoseconds
     * @param tick whether to refresh the elapsed time every second (false in tests)
     */
    ProgressLine(PrintWriter err, String subject, LongSupplier nanoClock, boolean tick) {
        this.err = err;
        this.subject = subject;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bluelamp-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::render, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void update(ImportPhase phase, String detail, double fraction) {
        this.phase = phase;
        this.detail = detail == null ? "" : detail;
        this.fraction = fraction;
        render();
    }

    @Override
    public synchronized void finished() {
        if (done) {
            return;
        }
        done = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (phase != null) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }

    /** The text of the line as it stands (without the terminal's control characters). */
    synchronized String text() {
        StringBuilder sb = new StringBuilder(subject).append(": ").append(phase.description());
        if (!detail.isEmpty()) {
            sb.append(' ').append(detail);
        }
        if (fraction >= 0 && fraction <= 1) {
            sb.append(' ').append((int) Math.floor(fraction * 100)).append('%');
        }
        long seconds = (nanoClock.getAsLong() - startNanos) / 1_000_000_000L;
        sb.append(", ")
                .append(
                        seconds < 60
                                ? seconds + " s"
                                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60));
        return sb.toString();
    }

    private synchronized void render() {
        if (done || phase == null) {
            return;
        }
        err.print(CLEAR_LINE + text());
        err.flush();
    }
}
