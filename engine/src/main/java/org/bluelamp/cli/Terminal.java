package org.bluelamp.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether standard error is a terminal, for progress that only people should see. Java cannot ask
 * about standard error alone, so {@code ./dispatch} tells it ({@code -Dbluelamp.stderr.terminal=true}
 * when {@code [ -t 2 ]}); without that property, a console on which Java 22+ reports a terminal
 * (standard input and output interactive) counts as one.
 *
 * <p>Stateless and thread-safe.
 */
final class Terminal {
    /** The system property set by {@code ./dispatch}: {@code true} or {@code false}. */
    static final String STDERR_PROPERTY = "bluelamp.stderr.terminal";

    private Terminal() {}

    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal"); // Java 22+
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only when input and output are interactive
        }
    }
}
