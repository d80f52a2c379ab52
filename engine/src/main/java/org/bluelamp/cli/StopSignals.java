package org.bluelamp.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes SIGTERM and SIGINT an orderly exit with status 0: the JVM's own handlers exit with
 * 128 + the signal, and the only way to change that from a shutdown hook is {@code halt}, which
 * cuts short every other hook still running (the flight recorder's dump at exit, for one). With
 * these handlers the signal calls {@code System.exit(0)}, and every shutdown hook, the service's
 * drain among them, runs to its end.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept by the JDK for exactly this);
 * where the JVM refuses a handler (e.g. run with {@code -Xrs}) the JVM's default stays and a stop by
 * signal exits with 128 + the signal after the same drain.
 */
@SuppressWarnings("sunapi")
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    /** Installs the handlers for TERM and INT; call once, after the shutdown hook is registered. */
    static void exitZeroOnStop() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
            } catch (IllegalArgumentException e) {
                LOG.debug("SIG{} keeps the JVM's handler: {}", name, e.getMessage());
            }
        }
    }
}
