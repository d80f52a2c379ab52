package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bluelamp.api.ServiceOptions.ConnectionLimits;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients cannot hold the server: silent connections, idle keep-alive connections
 * and connections that trickle their headers are closed; HTTP/2 connections are told how many
 * calls they may open; a watch on a quiet fleet survives the idle timeout on heartbeats. Raw
 * sockets on loopback with a 1 s idle and header timeout.
 */
class ConnectionLimitsTest {
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = new ServiceFixture(ServiceOptions.loopbackEphemeral()
                .withThreads(1, 1)
                .withDrainTimeout(Duration.ofSeconds(2))
                .withConnectionLimits(new ConnectionLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 3)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** Reads until the server closes the connection; fails if it is still open after 10 s of silence. */
    private static String readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                got.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; got: " + got);
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
        return got.toString();
    }

    @Test
    void silentConnectionsAreClosed() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                sockets.add(new Socket("127.0.0.1", fx.service.grpcPort()));
            }
            for (Socket s : sockets) {
                readUntilClosed(s);
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.service.httpPort())) {
            s.getOutputStream()
                    .write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(s);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void aClientTricklingItsHeadersIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.service.grpcPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) { // a byte every 200 ms: never idle for the idle timeout
                        Thread.sleep(200);
                        out.write('a');
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed it: what the test waits for
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            String answer = readUntilClosed(s);
            assertTrue(answer.isEmpty() || !answer.startsWith("HTTP/1.1 200"), answer);
            trickle.interrupt();
        }
    }

    @Test
    void http2ConnectionsAreToldTheirStreamLimit() {
        var client = fx.vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            long streams = client.request(HttpMethod.GET, fx.service.grpcPort(), "127.0.0.1", "/health/live")
                    .compose(req -> req.send())
                    .map(resp -> resp.request().connection().remoteSettings().getMaxConcurrentStreams())
                    .await(10, TimeUnit.SECONDS);
            assertEquals(3, streams);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }

    @Test
    void aWatchOnAQuietFleetOutlivesTheIdleTimeoutOnHeartbeats() {
        Iterator<FleetUpdate> watch = ServiceFixture.as(
                        FleetGrpc.newBlockingStub(fx.channel), ServiceFixture.CONSOLE_TOKEN)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .watchFleet(
                        WatchFleetRequest.newBuilder().setMinIntervalMillis(100).build());
        watch.next(); // the fleet as the feed first saw it
        long start = System.nanoTime();
        int heartbeats = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
            FleetUpdate u = watch.next(); // the fixture's fleet does not move: these are heartbeats
            assertEquals(0, u.getChangesCount());
            heartbeats++;
        }
        assertTrue(heartbeats >= 2, "heartbeats: " + heartbeats);
    }
}
