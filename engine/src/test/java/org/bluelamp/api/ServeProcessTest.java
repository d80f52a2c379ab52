package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * {@code dispatch serve} as a separate process: it prints its ports when ready, serves health with
 * the demonstration fleet moving, and on SIGTERM drains and exits 0.
 */
class ServeProcessTest {

    @Test
    void serveStartsReportsHealthAndExitsZeroOnSigterm() throws Exception {
        TestMaps.monacoNetwork(); // the graph cache exists, so the child only loads it
        Path recording = Files.createTempFile("serve-", ".jfr");
        Files.delete(recording);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                // another shutdown hook (the JDK's own): serve's drain must let it finish
                "-XX:StartFlightRecording=dumponexit=true,filename=" + recording,
                "-cp",
                System.getProperty("java.class.path"),
                "org.bluelamp.cli.Main",
                "serve",
                "--port",
                "0",
                "--http-port",
                "0",
                "--demo-units",
                "6",
                "--cache-dir",
                TestMaps.cacheRoot().toAbsolutePath().toString(),
                "--event-loops",
                "1",
                "--search-threads",
                "1"));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && line.startsWith("[")) { // the flight recorder's banner comes first
                line = out.readLine();
            }
            assertTrue(line != null && line.startsWith("{"), "ready line: " + line);
            JsonObject ready = new JsonObject(line);
            assertEquals(6, ready.getInteger("units"));
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + ready.getInteger("httpPort") + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals(6, new JsonObject(health.body()).getInteger("units"));
            assertTrue(
                    new JsonObject(health.body()).getString("serviceArea").startsWith("latitude 43."),
                    "the default service area is Monaco's bounds with a margin: " + health.body());

            // a radio without a GPS fix reports 0,0: refused and counted, not moved into the sea
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", ready.getInteger("grpcPort"))
                    .usePlaintext()
                    .build();
            try {
                FixBatchAck ack = ClientCalls.blockingServerStreamingCall(
                                channel,
                                TrackingGrpc.getStreamFixesMethod(),
                                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                                FixBatch.newBuilder()
                                        .addFixes(GpsFix.newBuilder()
                                                .setUnitId("DEMO-01")
                                                .setPosition(LatLon.getDefaultInstance())
                                                .setPositionTimeEpochMillis(System.currentTimeMillis()))
                                        .build())
                        .next();
                assertEquals(1, ack.getRejectedCount());
                assertEquals(
                        RejectReason.REJECT_REASON_OUTSIDE_SERVICE_AREA,
                        ack.getRejections(0).getReason());
            } finally {
                channel.shutdownNow();
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + ready.getInteger("httpPort") + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertTrue(
                    metrics.body().contains("bluelamp_fixes_rejected_total{reason=\"outside_service_area\"} 1.0"),
                    "counted by reason");

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve stops after SIGTERM");
            assertEquals(0, p.exitValue(), "a drained stop exits 0");
            // the flight recorder's own hook wrote its whole file: nothing cut the JVM short
            assertTrue(Files.size(recording) > 0, "recording written at exit");
            assertTrue(
                    RecordingFile.readAllEvents(recording).stream()
                            .anyMatch(e -> e.getEventType().getName().equals("jdk.Shutdown")),
                    "the recording is complete up to the JVM's shutdown event");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(recording);
        }
    }
}
