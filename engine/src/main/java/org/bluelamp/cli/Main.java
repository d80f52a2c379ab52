package org.bluelamp.cli;

import java.io.PrintWriter;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code dispatch <command> [options]}. Every failure a user can fix prints one
 * line {@code error: <what and why>} to standard error, naming the option, argument or JSON path
 * they wrote, and exits non-zero; stack traces are only printed for bugs. A misspelt command or
 * option gets the nearest one suggested.
 *
 * <p>Exit codes: 0 success; 1 internal error (a bug); 2 bad argument or input (including a request
 * the service refused, and {@code client fixes} with lines refused); 3 not found or no route; 4
 * unavailable (an unreadable map, a failed import, a port already in use, a service that cannot be
 * reached or does not answer).
 */
@Command(
        name = "dispatch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Bluelamp: nearest-unit dispatch engine for police control rooms.",
        subcommands = {
            ImportCommand.class,
            RouteCommand.class,
            ServeCommand.class,
            ClientCommand.class,
            LoadCommand.class,
            RecommendCommand.class,
            CoverageCommand.class,
            PlaceCommand.class,
            SimulateCommand.class,
            LipDecodeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** A bug: an exception nobody expected; printed with its stack trace. */
    public static final int EXIT_INTERNAL = 1;
    /** A bad argument or input, or a request the service refused. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Something named does not exist (a unit), or no road route. */
    public static final int EXIT_NOT_FOUND = 3;
    /** Something outside the caller's input failed: a file, an import, a port in use, the service. */
    public static final int EXIT_UNAVAILABLE = 4;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The command line, as {@link #run} uses it (for tests that walk its model). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BluelampException be) {
                err.println("error: " + be.getMessage());
                err.flush();
                return exitCode(be.kind());
            }
            err.println("error: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("error: " + UsageErrors.describe(ex));
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** The exit code of an error kind. */
    static int exitCode(ErrorKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, RESOURCE_EXHAUSTED -> EXIT_BAD_INPUT;
            case NOT_FOUND, NO_ROUTE -> EXIT_NOT_FOUND;
            case UNAVAILABLE -> EXIT_UNAVAILABLE;
        };
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"bluelamp " + (v != null ? v : "development build")};
        }
    }
}
