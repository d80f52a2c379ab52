package org.bluelamp.cli;

import java.io.PrintWriter;
import org.bluelamp.error.BluelampException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code dispatch <command> [options]}. Every failure a user can fix prints one
 * line {@code error: <what and why>} to standard error and exits non-zero; stack traces are only
 * printed for bugs.
 *
 * <p>Exit codes: 0 success; 2 bad argument or input; 3 not found or no route; 4 unavailable
 * (e.g. unreadable file, failed import); 1 internal error.
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
            LipDecodeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BluelampException be) {
                err.println("error: " + be.getMessage());
                err.flush();
                return switch (be.kind()) {
                    case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS -> 2;
                    case NOT_FOUND, NO_ROUTE -> 3;
                    case UNAVAILABLE -> 4;
                };
            }
            err.println("error: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            err.println("error: " + ex.getMessage());
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        return cl.execute(args);
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
