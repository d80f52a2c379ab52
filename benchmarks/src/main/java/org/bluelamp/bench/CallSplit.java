package org.bluelamp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's recommendation time goes, from a flight recording of the server
 * ({@code BLUELAMP_LOAD_JFR=rec.jfr benchmarks/service/run-load.sh ...}): reads its
 * {@code org.bluelamp.Call} events (the engine's {@code api.CallEvent}) for one method with status
 * OK and prints the percentiles of each part of a call: the whole call (first byte to status),
 * the wait for a search thread, the run on it, the run's own CPU time, the run's time off a core
 * (run − CPU: waiting for a core, or blocked), the answer on the event loop (run's end to status),
 * and the rest (reading and checking the request, the hand-over). Each part's percentile is taken
 * over its own values, so the rows do not add up; the last line gives the mean parts of the
 * slowest 1% of calls, which do.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.bluelamp.bench.CallSplit rec.jfr [skipSeconds]
 * [method]}: calls beginning in the first {@code skipSeconds} after the first such call are left
 * out (the load tool's warm-up); method defaults to {@code dispatch.v1.Dispatch/Recommend}.
 *
 * <p>Not thread-safe (a command-line tool).
 */
public final class CallSplit {
    private static final String[] PARTS = {"call", "queued", "run", "run CPU", "run off CPU", "answer", "rest"};

    private CallSplit() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: CallSplit rec.jfr [skipSeconds] [method]");
            System.exit(2);
        }
        double skipSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        String method = args.length > 2 ? args[2] : "dispatch.v1.Dispatch/Recommend";
        List<RecordedEvent> calls = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (e.getEventType().getName().equals("org.bluelamp.Call")
                    && method.equals(e.getString("method"))
                    && "OK".equals(e.getString("status"))) {
                calls.add(e);
            }
        }
        if (calls.isEmpty()) {
            System.err.println("no OK org.bluelamp.Call events of " + method + " in " + args[0]
                    + " (was the server recorded with -XX:StartFlightRecording?)");
            System.exit(1);
        }
        calls.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        Instant from = calls.get(0).getStartTime().plus(Duration.ofMillis((long) (skipSeconds * 1000)));
        List<double[]> rows = new ArrayList<>();
        for (RecordedEvent e : calls) {
            if (e.getStartTime().isBefore(from)) {
                continue;
            }
            double call = e.getLong("callNanos") / 1e6;
            double queued = e.getLong("queuedNanos") / 1e6;
            double run = e.getLong("runNanos") / 1e6;
            double cpu = e.getLong("runCpuNanos") / 1e6;
            double answer = e.getLong("answerNanos") / 1e6;
            if (run < 0) {
                continue; // answered on the event loop: nothing to split
            }
            rows.add(new double[] {call, queued, run, cpu, run - cpu, answer, call - queued - run - answer});
        }
        System.out.printf(
                Locale.ROOT, "%s: %d calls after the first %.0f s, milliseconds%n", method, rows.size(), skipSeconds);
        double[] ps = {0.5, 0.9, 0.99, 0.999, 1.0};
        System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s%n", "", "p50", "p90", "p99", "p99.9", "max");
        for (int c = 0; c < PARTS.length; c++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            Arrays.sort(v);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", PARTS[c]));
            for (double p : ps) {
                line.append(String.format(Locale.ROOT, " %9.2f", v[Math.min(v.length - 1, (int) (p * v.length))]));
            }
            System.out.println(line);
        }
        rows.sort((a, b) -> Double.compare(b[0], a[0]));
        int top = Math.max(1, rows.size() / 100);
        StringBuilder mean = new StringBuilder("slowest 1% (" + top + " calls), mean:");
        for (int c = 0; c < PARTS.length; c++) {
            double s = 0;
            for (int i = 0; i < top; i++) {
                s += rows.get(i)[c];
            }
            mean.append(String.format(Locale.ROOT, " %s %.2f;", PARTS[c], s / top));
        }
        System.out.println(mean);
    }
}
