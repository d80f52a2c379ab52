package org.bluelamp.cli;

import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.input.Echo;
import org.bluelamp.proto.v1.FixStreamSummary;
import org.bluelamp.proto.v1.GpsFix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client fixes}: streams fixes from a file or standard input to the service
 * (Tracking.StreamFixes, gateway role), CSV or JSON lines ({@link FixLines}). A bad line is
 * reported with its number and field and skipped; a fix the service refuses is reported against
 * its line; the acknowledgement counts are printed at the end. Batches leave when full or when the
 * input pauses, so a live feed piped in is sent as it comes.
 */
@Command(
        name = "fixes",
        mixinStandardHelpOptions = true,
        description = {
            "Stream GPS fixes to the service (Tracking.StreamFixes; gateway role) from a file or standard input,",
            "one fix per line, CSV (unit_id,lat,lon[,time,accuracy_metres,speed_metres_per_second,heading_deg,reason])",
            "or JSON lines (the contract's GpsFix). Prints the acknowledgement counts; exit 2 when a line was refused."
        })
final class ClientFixes implements Callable<Integer> {
    /** Most invalid lines listed one by one; the rest are counted. */
    static final int MAX_LISTED_LINES = 100;

    @Mixin
    ClientOptions client;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<file>",
            description = "The file to read, or - for standard input (default: standard input).")
    String file;

    @Option(
            names = "--format",
            paramLabel = "<format>",
            description = "csv or jsonl (default: from the file's extension, .csv or .jsonl/.ndjson; on standard input "
                    + "jsonl when the first line starts with '{', else csv).")
    FixLines.Format format;

    @Option(
            names = "--batch",
            defaultValue = "500",
            paramLabel = "<n>",
            description = "Most fixes per batch, 1 to 10000 (default: ${DEFAULT-VALUE}); keep it within the service's "
                    + "--max-fixes-per-batch.")
    int batch;

    @Option(
            names = "--window",
            defaultValue = "8",
            paramLabel = "<n>",
            description = "Most batches sent and not yet acknowledged, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 10_000) {
            throw BluelampException.invalid("--batch", "--batch must be between 1 and 10000, got " + batch);
        }
        if (window < 1 || window > 64) {
            throw BluelampException.invalid("--window", "--window must be between 1 and 64, got " + window);
        }
        boolean stdin = file == null || file.equals("-");
        String source = stdin ? "standard input" : file;
        BufferedReader reader =
                stdin ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : open(file);
        PrintWriter err = spec.commandLine().getErr();
        long[] lines = new long[2]; // read, invalid
        FixSender.Summary summary;
        try (reader) {
            summary = client.follow(RequestFields.of(), c -> {
                try {
                    FixSender sender = FixSender.open(c, err, source, window);
                    stream(reader, sender, source, err, lines, stdin);
                    return Future.succeededFuture(sender.finish());
                } catch (Exception e) {
                    return Future.failedFuture(e);
                }
            });
        }
        if (lines[1] > MAX_LISTED_LINES) {
            err.println("error: " + source + ": " + (lines[1] - MAX_LISTED_LINES) + " more invalid lines not listed");
            err.flush();
        }
        FixStreamSummary o = summary.toProto()
                .setSource(source)
                .setLines((int) lines[0])
                .setInvalidLines((int) lines[1])
                .build();
        PrintWriter out = spec.commandLine().getOut();
        client.print(out, o);
        return lines[1] == 0 && summary.allAccepted() ? 0 : Main.EXIT_BAD_INPUT;
    }

    private static BufferedReader open(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw BluelampException.invalid(
                    "<file>", "<file> " + Echo.quote(file) + " does not exist or is not a file");
        }
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BluelampException(ErrorKind.UNAVAILABLE, "<file>", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads every line, sends the fixes in batches, reports bad lines. */
    private void stream(
            BufferedReader reader, FixSender sender, String source, PrintWriter err, long[] lines, boolean stdin)
            throws Exception {
        FixLines parser = null;
        List<GpsFix> fixes = new ArrayList<>(batch);
        List<String> where = new ArrayList<>(batch);
        long number = 0;
        for (String line; (line = readLine(reader, source)) != null; ) {
            number++;
            lines[0]++;
            if (parser == null) {
                if (line.isBlank()) {
                    continue;
                }
                parser = new FixLines(formatFor(line, stdin), System::currentTimeMillis);
            }
            try {
                GpsFix f = parser.parse(line, number);
                if (f != null) {
                    fixes.add(f);
                    where.add("line " + number);
                }
            } catch (BluelampException e) {
                lines[1]++;
                if (lines[1] <= MAX_LISTED_LINES) {
                    err.println("error: " + source + ": " + e.getMessage());
                    err.flush();
                }
            }
            if (fixes.size() >= batch || (!fixes.isEmpty() && !reader.ready())) {
                sender.send(fixes, where); // full, or the input paused: send what there is
                fixes = new ArrayList<>(batch);
                where = new ArrayList<>(batch);
            }
        }
        sender.send(fixes, where);
    }

    private static String readLine(BufferedReader reader, String source) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE, "<file>", "cannot read " + source + ": " + e.getMessage());
        }
    }

    private FixLines.Format formatFor(String firstLine, boolean stdin) {
        if (format != null) {
            return format;
        }
        if (!stdin) {
            String name = file.toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return FixLines.Format.csv;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                return FixLines.Format.jsonl;
            }
        }
        return firstLine.strip().startsWith("{") ? FixLines.Format.jsonl : FixLines.Format.csv;
    }
}
