package org.bluelamp.cli;

import com.google.protobuf.MessageOrBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every {@code client} command: the target ({@link TargetOptions}), how long to
 * wait for an answer and how to print it; and the one way a client command makes its calls, with
 * every failure turned into an error that names what the user wrote ({@link RemoteErrors}).
 *
 * <p>A picocli mixin; one instance per invocation, not thread-safe.
 */
final class ClientOptions {
    /** How answers are printed. */
    enum OutputFormat {
        /** One JSON object per answer, the contract's field names (the default). */
        json,
        /** A table for people. */
        table
    }

    @Mixin
    TargetOptions target;

    @Option(
            names = "--timeout-seconds",
            defaultValue = "30",
            paramLabel = "<s>",
            description = "Give up when the service has not answered after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "json",
            paramLabel = "<format>",
            description = "json (one object per answer, the default) or table (for reading).")
    OutputFormat output;

    boolean table() {
        return output == OutputFormat.table;
    }

    /**
     * Prints an answer: one JSON line in the project's one schema ({@link Json#print}), or with
     * {@code --output table} as {@code table} lays it out.
     */
    <M extends MessageOrBuilder> void print(PrintWriter out, M answer, BiConsumer<PrintWriter, ? super M> table) {
        if (table()) {
            table.accept(out, answer);
        } else {
            Json.print(out, answer);
        }
    }

    /** As {@link #print(PrintWriter, MessageOrBuilder, BiConsumer)}; the table lists the answer's fields. */
    void print(PrintWriter out, MessageOrBuilder answer) {
        print(out, answer, (o, m) -> TextTable.keyValues(o, TextTable.pairs(Json.tree(m))));
    }

    /**
     * Connects, runs {@code body}, waits for it at most {@code --timeout-seconds}, closes. A failed
     * call becomes a {@link BluelampException} naming the option or argument the user wrote.
     */
    <T> T call(RequestFields fields, Function<BluelampClient, Future<T>> body) {
        return run(fields, timeoutSeconds, body);
    }

    /** As {@link #call} without a time limit (for streams that follow until stopped). */
    <T> T follow(RequestFields fields, Function<BluelampClient, Future<T>> body) {
        return run(fields, 0, body);
    }

    private <T> T run(RequestFields fields, int timeout, Function<BluelampClient, Future<T>> body) {
        if (timeout < 0) {
            throw BluelampException.invalid(
                    "--timeout-seconds", "--timeout-seconds must be 0 or more, got " + timeoutSeconds);
        }
        target.hostPort(); // a bad --target fails before anything starts
        Vertx vertx = Vertx.vertx();
        try {
            BluelampClient client = target.connect(vertx);
            try {
                var future = body.apply(client).toCompletionStage().toCompletableFuture();
                return timeout > 0 ? future.get(timeout, TimeUnit.SECONDS) : future.get();
            } finally {
                client.close();
            }
        } catch (TimeoutException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "--timeout-seconds",
                    "no answer from " + target.hostPort() + " within " + timeout
                            + " s: is the service busy or blocked? (--timeout-seconds)");
        } catch (ExecutionException e) {
            throw RemoteErrors.describe(e.getCause(), target.hostPort().toString(), fields);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BluelampException(ErrorKind.UNAVAILABLE, "", "interrupted");
        } finally {
            vertx.close();
        }
    }
}
