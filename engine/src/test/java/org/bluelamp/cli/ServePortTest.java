package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code serve} on a port that is taken: one line naming the port and what to do, exit 4. */
class ServePortTest {

    @Test
    void aPortInUseIsOneLineNamingThePortAndWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRunner grpc =
                    CliRunner.run("serve", "--port", String.valueOf(port), "--http-port", "-1", "--demo-units", "0");
            assertEquals(Main.EXIT_UNAVAILABLE, grpc.exitCode(), grpc.err());
            assertEquals(
                    "error: port " + port
                            + " on 127.0.0.1 is already in use (--port): stop the program using it, or give "
                            + "another port with --port <n> (0 picks a free one)",
                    grpc.err().strip());

            CliRunner http =
                    CliRunner.run("serve", "--port", "0", "--http-port", String.valueOf(port), "--demo-units", "0");
            assertEquals(Main.EXIT_UNAVAILABLE, http.exitCode(), http.err());
            assertEquals(1, http.err().strip().lines().count(), http.err());
            assertTrue(
                    http.err().contains("port " + port + " on 127.0.0.1 is already in use (--http-port)"), http.err());
            assertTrue(http.err().contains("-1 serves health and metrics on the gRPC port only"), http.err());
            assertFalse(http.err().contains("Exception"), http.err());
        }
    }

    @Test
    void portsOutOfRangeOrTheSameAreBadArguments() {
        CliRunner big = CliRunner.run("serve", "--port", "70000");
        assertEquals(2, big.exitCode(), big.err());
        assertTrue(big.err().startsWith("error: --port must be between 0 and 65535, got 70000"), big.err());
        CliRunner same = CliRunner.run("serve", "--port", "50999", "--http-port", "50999");
        assertEquals(2, same.exitCode(), same.err());
        assertTrue(same.err().contains("--http-port 50999 is the gRPC port too"), same.err());
        CliRunner cell = CliRunner.run("serve", "--port", "0", "--http-port", "-1", "--grid-cell-metres", "5");
        assertEquals(2, cell.exitCode(), cell.err());
        assertTrue(
                cell.err().startsWith("error: --grid-cell-metres must be between 10 and 100000, got 5.0"), cell.err());
    }

    @Test
    void aBindFailureIsRecognisedThroughItsCauses() {
        assertTrue(Ports.isBindFailure(new RuntimeException(new java.net.BindException("Address already in use"))));
        assertFalse(Ports.isBindFailure(new RuntimeException("other")));
    }
}
