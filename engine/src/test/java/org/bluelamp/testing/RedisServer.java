package org.bluelamp.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} from the PATH (Debian's package; {@code .ci/run} installs it) on a free
 * loopback port, with its files in a temporary folder that {@link #close()} removes. Never a mock:
 * the store's promises (atomic scripts, streams, reconnects) are Redis's own behaviour.
 *
 * <p>{@link #stop()} and {@link #start()} stop and restart the same server (same port, same folder,
 * so with {@code appendonly yes} it comes back with its data): faults during a run.
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /** Starts a server with {@code appendonly yes}, {@code appendfsync everysec} and the given extra settings. */
    public static RedisServer launch(String... extra) throws IOException {
        Path dir = Files.createTempDirectory("bluelamp-redis-");
        RedisServer s = new RedisServer(dir, freePort(), List.of(extra));
        s.start();
        return s;
    }

    /** Starts a server on a given port in a given folder (cluster nodes). */
    public static RedisServer launchAt(Path dir, int port, String... extra) throws IOException {
        RedisServer s = new RedisServer(dir, port, List.of(extra));
        s.start();
        return s;
    }

    /** (Re)starts the process and waits until it answers. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--daemonize",
                "no",
                "--logfile",
                dir.resolve("redis.log").toString()));
        cmd.addAll(extra);
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "redis-server is not on the PATH: install Debian's package (apt-get install -y redis-server); "
                            + e.getMessage(),
                    e);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (answersPing()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            sleep(20);
        }
        throw new IOException("redis-server did not answer on port " + port + ": " + log());
    }

    private boolean answersPing() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] b = new byte[64];
            int n = s.getInputStream().read(b);
            return n > 0 && new String(b, 0, n).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process (SIGTERM; with appendonly its data stays in the folder). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's folder. */
    public Path dir() {
        return dir;
    }

    /** Runs {@code redis-cli -p <port> args...} and returns its output. */
    public String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the server and removes its folder. */
    @Override
    public void close() {
        stop();
        deleteTree(dir);
    }

    /** Removes a folder and everything in it. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
