package org.bluelamp.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluelamp.api.client.BluelampClient;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import picocli.CommandLine.Option;

/**
 * Where the service is and who is calling: the options every command that talks to a running
 * {@code serve} shares ({@code client ...} and {@code load}). {@code --target} is checked when
 * first used, so a bad value is one {@code error:} line naming the option and what was written.
 *
 * <p>A picocli mixin; one instance per invocation, not thread-safe.
 */
final class TargetOptions {
    /** The default service address, {@code serve}'s default port on loopback. */
    static final String DEFAULT_TARGET = "127.0.0.1:50051";

    @Option(
            names = "--target",
            defaultValue = DEFAULT_TARGET,
            paramLabel = "<host:port>",
            description = "The service's address: host:port, an IPv6 host in brackets ([::1]:50051) "
                    + "(default: ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--token",
            paramLabel = "<token>",
            description = "Bearer token (default: $BLUELAMP_TOKEN; none when the server runs without --auth).")
    String token;

    @Option(names = "--tls-trust", paramLabel = "<pem>", description = "Use TLS, trusting this PEM certificate.")
    Path tlsTrust;

    @Option(names = "--insecure", description = "Use TLS and trust any certificate (testing only).")
    boolean insecure;

    private HostPort parsed;

    /** A host and a port, parsed from {@code --target}. */
    record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * {@code --target} parsed.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code --target} and quoting its value
     */
    HostPort hostPort() {
        if (parsed == null) {
            parsed = parse(target);
        }
        return parsed;
    }

    static HostPort parse(String text) {
        String t = text == null ? "" : text.strip();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw bad(text, "an IPv6 host is written in brackets, then :port, e.g. [::1]:50051");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "the port is missing");
            }
            if (t.indexOf(':') != colon) {
                throw bad(text, "write an IPv6 host in brackets, e.g. [::1]:50051");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw bad(text, "the host is missing");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(text, "the port " + Echo.quote(port) + " is not a number");
        }
        if (p < 1 || p > 65535) {
            throw bad(text, "the port " + p + " is not between 1 and 65535");
        }
        return new HostPort(host, p);
    }

    private static BluelampException bad(String text, String why) {
        return BluelampException.invalid(
                "--target", "--target " + Echo.quote(text) + " must be host:port, e.g. " + DEFAULT_TARGET + ": " + why);
    }

    /** {@code --token}, else {@code $BLUELAMP_TOKEN}, else null. */
    String tokenOrEnv() {
        String t = token != null ? token : System.getenv("BLUELAMP_TOKEN");
        return t == null || t.isBlank() ? null : t;
    }

    /**
     * A client of the target on {@code vertx}.
     *
     * @throws BluelampException INVALID_ARGUMENT for a bad {@code --target} or a missing {@code --tls-trust} file
     */
    BluelampClient connect(Vertx vertx) {
        HostPort hp = hostPort();
        if (tlsTrust != null && !Files.isRegularFile(tlsTrust)) {
            throw BluelampException.invalid(
                    "--tls-trust", "--tls-trust " + Echo.quote(tlsTrust.toString()) + " is not a readable file");
        }
        return BluelampClient.connect(vertx, hp.host(), hp.port(), tokenOrEnv(), tlsTrust, insecure);
    }
}
