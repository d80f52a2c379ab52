package org.bluelamp.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * The listening ports of {@code serve}: checked before the map is loaded (so a port in use fails in
 * a second, not after an import), and a failure to listen said in one line naming the port, the
 * option and what to do. A port in use is {@link ErrorKind#UNAVAILABLE}: exit code 4.
 *
 * <p>Stateless and thread-safe.
 */
final class Ports {
    private Ports() {}

    /**
     * Fails when {@code port} (not 0) cannot be listened on at {@code host} now.
     *
     * @param option the option that gave the port, e.g. {@code --port}
     * @param howToChange what to tell the user about choosing another port
     */
    static void requireFree(String host, int port, String option, String howToChange) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the server's own sockets: a port in TIME_WAIT is free
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw inUse(host, port, option, howToChange, e);
        } catch (IOException e) {
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    option,
                    "cannot listen on " + host + ":" + port + " (" + option + "): " + e.getMessage());
        }
    }

    /** Whether {@code failure} (or a cause) is a failure to bind a listening socket. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    static BluelampException inUse(String host, int port, String option, String howToChange, Throwable cause) {
        return new BluelampException(
                ErrorKind.UNAVAILABLE,
                option,
                "port " + port + " on " + host + " is already in use (" + option + "): stop the program using it, "
                        + "or " + howToChange,
                cause);
    }

    /** Checks a port option's range. */
    static void checkRange(String option, int port, int min) {
        if (port < min || port > 65535) {
            throw BluelampException.invalid(option, option + " must be between " + min + " and 65535, got " + port);
        }
    }
}
