package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.testing.TestMaps;

/**
 * A real {@code dispatch serve} in a child JVM on the embedded Monaco map, on a free loopback port,
 * for end-to-end tests of the command line's client commands. Its log goes to a file under
 * {@code target/}; {@link #close()} stops it with SIGTERM.
 */
final class ServeProcess implements AutoCloseable {
    /** Casino square and the Prince's Palace: both on roads of the Monaco extract. */
    static final String CASINO = "43.7393,7.4278";

    static final String PALACE = "43.7311,7.4197";

    final Process process;
    final int port;
    final Path log;

    private ServeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code serve} with the given extra arguments and waits for its ready line. */
    static ServeProcess start(String... extra) throws Exception {
        return startWithJvm(List.of(), extra);
    }

    /** As {@link #start}, with extra options for the child JVM (e.g. its JMX agent). */
    static ServeProcess startWithJvm(List<String> jvmOptions, String... extra) throws Exception {
        TestMaps.monacoNetwork(); // the graph cache exists, so the child only loads it
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            // starts faster than G1 (one GC thread, no regions to set up); a second collector
            // chosen by the caller would stop the JVM ("multiple garbage collectors selected")
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "org.bluelamp.cli.Main",
                "serve",
                "--port",
                "0",
                "--http-port",
                "-1",
                "--cache-dir",
                TestMaps.cacheRoot().toAbsolutePath().toString(),
                "--event-loops",
                "1",
                "--search-threads",
                "1",
                "--map",
                TestMaps.monaco().toAbsolutePath().toString()));
        cmd.addAll(List.of(extra));
        Path log = Files.createTempFile(Path.of("target"), "serve-", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("{")) {
            p.destroyForcibly();
            throw new AssertionError("serve did not start: " + line + "\n" + Files.readString(log));
        }
        JsonNode ready = Json.MAPPER.readTree(line);
        return new ServeProcess(p, ready.get("grpcPort").asInt(), log);
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, nothing flushed) and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** {@code --target 127.0.0.1:<port>}. */
    String[] target() {
        return new String[] {"--target", "127.0.0.1:" + port};
    }

    /** Runs a client command against this service. */
    CliRunner client(String... args) {
        List<String> all = new ArrayList<>(List.of("client"));
        all.addAll(List.of(args));
        all.addAll(List.of(target()));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: drains and exits 0
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "serve stopped");
    }
}
