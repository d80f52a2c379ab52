package org.bluelamp.api;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One finished call as a Java Flight Recorder event ({@code org.bluelamp.Call}), for finding where a
 * call's time goes under load: from its first byte to its status, and for a call run on the search
 * pool, how long it waited for a search thread, how long it ran there and how much of that run was
 * the thread's own CPU (the rest is the thread waiting for a core: other threads of the service,
 * the collector, other processes). Written only while a recording that enables it runs (e.g.
 * {@code -XX:StartFlightRecording}, on by default in its settings); otherwise nothing is measured.
 * Read with {@code jfr print --events org.bluelamp.Call rec.jfr} (benchmarks/RESULTS.md, issue 13
 * point 4, seventh round).
 *
 * <p>Thread-safety: one event per call, filled by the threads the call passes through in turn
 * (each hand-over is a happens-before edge) and committed once, on the call's event loop.
 */
@Name("org.bluelamp.Call")
@Label("Bluelamp call")
@Category("Bluelamp")
@Description("A gRPC call from its first byte to its status, with its search-pool queueing, run and CPU")
@StackTrace(false)
final class CallEvent extends jdk.jfr.Event {
    @Label("Method")
    String method;

    @Label("Status")
    String status;

    @Label("Call")
    @Description("From the call's first byte to its status")
    @Timespan(Timespan.NANOSECONDS)
    long callNanos;

    @Label("Queued for a search thread")
    @Description("From the body's hand-over to the search pool to a search thread taking it; -1 on the event loop")
    @Timespan(Timespan.NANOSECONDS)
    long queuedNanos = -1;

    @Label("Run on a search thread")
    @Description("Wall time of the body on its search thread; -1 on the event loop")
    @Timespan(Timespan.NANOSECONDS)
    long runNanos = -1;

    @Label("CPU of the run")
    @Description("The search thread's own CPU time during the run; -1 on the event loop")
    @Timespan(Timespan.NANOSECONDS)
    long runCpuNanos = -1;

    @Label("Answered on the event loop")
    @Description(
            "From the run's end to the status written (event loop hand-back, encoding, write); -1 on the event loop")
    @Timespan(Timespan.NANOSECONDS)
    long answerNanos = -1;

    /** A new event when a running recording asks for it, else null (so nothing is measured). */
    static CallEvent ifRecorded() {
        CallEvent e = new CallEvent();
        return e.isEnabled() ? e : null;
    }
}
