package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.util.List;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * {@code load} against a real {@code serve} (Monaco, child JVM with its JMX agent on loopback):
 * units reporting at an interval, recommendations and status changes at their rates, offered and
 * achieved rates, and the service's heap after the full collection the tool asks for.
 */
class LoadCommandTest {
    @Test
    void drivesFixesRecommendationsAndStatusChangesAndReadsTheHeapAfterAFullCollection() throws Exception {
        int jmxPort;
        try (ServerSocket s = new ServerSocket(0)) {
            jmxPort = s.getLocalPort();
        }
        List<String> jmx = List.of(
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-XX:+UseParallelGC");
        try (ServeProcess serve = ServeProcess.startWithJvm(jmx, "--demo-units", "0")) {
            CliRunner r = CliRunner.run(
                    "load",
                    "--target",
                    "127.0.0.1:" + serve.port,
                    "--jmx",
                    "127.0.0.1:" + jmxPort,
                    "--units",
                    "200",
                    "--report-every-seconds",
                    "1",
                    "--gateways",
                    "2",
                    "--batch",
                    "20",
                    "--step-metres",
                    "50",
                    "--moving-share",
                    "0.5",
                    "--consoles",
                    "1",
                    "--recommendations-per-second",
                    "20",
                    "--status-changes-per-second",
                    "10",
                    "--warmup-seconds",
                    "2",
                    "--seconds",
                    "5",
                    "--incidents",
                    "roads",
                    "--cache-dir",
                    TestMaps.cacheRoot().toAbsolutePath().toString());
            assertEquals(0, r.exitCode(), r.err());
            JsonNode o = Json.MAPPER.readTree(r.out().strip());
            // 200 units every second: 200 fixes/s offered, and acknowledged
            assertEquals(200, o.get("targetFixesPerSecond").asInt());
            assertTrue(o.get("fixesOfferedPerSecond").asLong() >= 100, o.toString());
            assertTrue(o.get("fixesAcknowledgedPerSecond").asLong() >= 100, o.toString());
            assertTrue(o.get("recommendationsOfferedPerSecond").asLong() >= 10, o.toString());
            assertTrue(
                    o.get("recommendationsOfferedPerSecond").asLong()
                            >= o.get("recommendationsPerSecond").asLong(),
                    o.toString());
            assertTrue(o.get("statusChangesPerSecond").asLong() >= 3, o.toString());
            assertEquals(0, o.path("statusChangesFailed").asLong(), o.toString());
            assertTrue(o.get("statusChangeLatencyMillis").get("count").asLong() > 0, o.toString());
            JsonNode minutes = o.get("minutes");
            assertEquals(1, minutes.size(), o.toString());
            JsonNode m = minutes.get(0);
            assertTrue(m.get("recommendations").asLong() > 0, o.toString());
            // the heap the forced full collection left: a Monaco service holds at least a few MB
            assertTrue(m.get("heapAfterFullGcMb").asDouble() > 5, o.toString());
            assertTrue(m.get("heapAfterFullGcMb").asDouble() < 512, o.toString());
            assertTrue(m.get("fullGcs").asLong() >= 1, o.toString());
            // incidents beside the roads: every one placeable, none refused
            assertEquals("roads", o.get("incidents").asText(), o.toString());
            assertEquals(0, o.path("recommendationsFailed").asLong(), o.toString());
            // the CPU each side spent while measuring, and the tool's share of the two
            assertTrue(o.get("loadToolCpuSeconds").asDouble() > 0, o.toString());
            assertTrue(o.get("serviceCpuSeconds").asDouble() > 0, o.toString());
            double share = o.get("loadToolCpuShare").asDouble();
            assertTrue(share > 0 && share < 1, o.toString());

            // --no-heap: the service's CPU still read over JMX, no collection asked for, no heap figure
            CliRunner latencyRun = CliRunner.run(
                    "load",
                    "--target",
                    "127.0.0.1:" + serve.port,
                    "--jmx",
                    "127.0.0.1:" + jmxPort,
                    "--no-heap",
                    "--units",
                    "50",
                    "--report-every-seconds",
                    "1",
                    "--gateways",
                    "1",
                    "--batch",
                    "10",
                    "--consoles",
                    "1",
                    "--recommendations-per-second",
                    "10",
                    "--warmup-seconds",
                    "1",
                    "--seconds",
                    "2");
            assertEquals(0, latencyRun.exitCode(), latencyRun.err());
            JsonNode l = Json.MAPPER.readTree(latencyRun.out().strip());
            assertTrue(l.get("serviceCpuSeconds").asDouble() > 0, l.toString());
            JsonNode minute = l.get("minutes").get(0);
            assertTrue(minute.get("recommendations").asLong() > 0, l.toString());
            assertEquals(0.0, minute.get("heapAfterFullGcMb").asDouble(), l.toString());
            assertEquals(0, minute.get("fullGcs").asLong(), l.toString());
        }
    }

    @Test
    void incidentsInTheSeaAreRefusedAndCountedApart() throws Exception {
        try (ServeProcess serve = ServeProcess.start("--demo-units", "0")) {
            // off Monaco's coast: more than 500 m from any road
            CliRunner r = CliRunner.run(
                    "load",
                    "--target",
                    "127.0.0.1:" + serve.port,
                    "--box",
                    "43.715,7.435,43.719,7.440",
                    "--units",
                    "20",
                    "--fixes-per-second",
                    "20",
                    "--gateways",
                    "1",
                    "--batch",
                    "10",
                    "--consoles",
                    "1",
                    "--recommendations-per-second",
                    "10",
                    "--warmup-seconds",
                    "0",
                    "--seconds",
                    "2");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode o = Json.MAPPER.readTree(r.out().strip());
            assertEquals("box", o.get("incidents").asText(), o.toString());
            long failed = o.path("recommendationsFailed").asLong();
            assertTrue(failed > 0, o.toString());
            assertEquals(failed, o.path("recommendationsFailedInvalidArgument").asLong(), o.toString());
            assertEquals(0, o.path("recommendationsFailedOther").asLong(), o.toString());
            assertTrue(o.get("loadToolCpuSeconds").asDouble() > 0, o.toString());
            assertTrue(o.path("loadToolCpuShare").isMissingNode(), "no --jmx, no service CPU: " + o);
        }
    }

    @Test
    void badOptionsNameTheirField() {
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--report-every-seconds", "0"),
                2,
                "--report-every-seconds must be more than 0 and at most 86400, got 0.0");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--status-changes-per-second", "-1"),
                2,
                "--status-changes-per-second must be 0 or more, got -1");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--step-metres", "-5"),
                2,
                "--step-metres must be between 0 and 1000000, got -5.0");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--spread", "fields"),
                2,
                "--spread must be box or roads, got fields");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--incidents", "sea"),
                2,
                "--incidents must be box or roads, got sea");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--incident-offset-metres", "-1"),
                2,
                "--incident-offset-metres must be between 0 and 1000, got -1.0");
        ClientCommandsTest.assertOneLineError(
                CliRunner.run("load", "--target", "127.0.0.1:1", "--jmx", "localhost"),
                2,
                "--jmx 'localhost' must be host:port with a port from 1 to 65535");
    }
}
