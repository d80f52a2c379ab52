package org.bluelamp.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one-line text of a command-line usage error: picocli's own message, except that an unknown
 * command or option names what was written and suggests the nearest known one ("did you mean"),
 * and that whatever the user wrote is shown without control characters and at a bounded length.
 *
 * <p>Stateless and thread-safe.
 */
final class UsageErrors {
    /** The longest usage message printed, in characters. */
    static final int MAX_CHARS = 400;

    private UsageErrors() {}

    static String describe(ParameterException ex) {
        String text = ex instanceof UnmatchedArgumentException u ? unmatched(u) : ex.getMessage();
        if (!(ex instanceof UnmatchedArgumentException)) {
            String hint = unmatchedOf(ex);
            if (hint != null) {
                text = hint + " " + text;
            }
        }
        return bounded(text == null ? "invalid arguments" : text);
    }

    private static String unmatched(UnmatchedArgumentException u) {
        List<String> args = u.getUnmatched();
        String first = args.isEmpty() ? "" : args.get(0);
        String where = u.getCommandLine().getCommandSpec().qualifiedName();
        boolean option = first.startsWith("-");
        String kind = option ? "unknown option" : isCommandPosition(u) ? "unknown command" : "unexpected argument";
        StringBuilder sb = new StringBuilder(kind)
                .append(" '")
                .append(first)
                .append("' for '")
                .append(where)
                .append("'");
        String suggestion = nearest(u, first, option);
        if (suggestion != null) {
            sb.append("; did you mean '").append(suggestion).append("'?");
        }
        return sb.toString();
    }

    /** The nearest option or subcommand name by edit distance, else picocli's first suggestion. */
    private static String nearest(UnmatchedArgumentException u, String written, boolean option) {
        CommandLine cl = u.getCommandLine();
        List<String> names = new ArrayList<>();
        if (option) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                names.addAll(List.of(o.names()));
            }
        } else {
            names.addAll(cl.getSubcommands().keySet());
        }
        String key = written.contains("=") ? written.substring(0, written.indexOf('=')) : written;
        String mine = Suggestions.nearest(key, names);
        if (mine != null) {
            return mine;
        }
        List<String> theirs = u.getSuggestions();
        return theirs.isEmpty() ? null : theirs.get(0);
    }

    private static boolean isCommandPosition(UnmatchedArgumentException u) {
        return !u.getCommandLine().getSubcommands().isEmpty();
    }

    /** An unknown option that picocli met before reporting another error (e.g. a missing one). */
    private static String unmatchedOf(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        if (cl == null || cl.getParseResult() == null) {
            return null;
        }
        for (String arg : cl.getParseResult().unmatched()) {
            if (arg.startsWith("-")) {
                UnmatchedArgumentException u = new UnmatchedArgumentException(cl, List.of(arg));
                return unmatched(u);
            }
        }
        return null;
    }

    private static String bounded(String text) {
        String clean = TextTable.withoutControls(text);
        int n = clean.codePointCount(0, clean.length());
        if (n <= MAX_CHARS) {
            return clean;
        }
        int cut = clean.offsetByCodePoints(0, MAX_CHARS);
        return clean.substring(0, cut) + "... (" + (n - MAX_CHARS) + " more)";
    }
}
