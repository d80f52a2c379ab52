package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lip-decode} run through picocli as the CLI will run it. */
class LipDecodeCommandTest {

    private static final String OAKHAM_SHORT = "0FF7B1BA574481548030";
    private static final String WESTMINSTER_LONG = "4E8B857ABFFA544927DAAABEC88080";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new LipDecodeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsAShortReportAsOneJsonObject() throws Exception {
        assertEquals(0, run(OAKHAM_SHORT));
        assertEquals("", err.toString());
        String text = out.toString();
        assertEquals(1, text.strip().lines().count());
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("SHORT", json.get("pduKind").asText());
        assertEquals(52.67, json.get("latitude").asDouble(), 1e-5);
        assertEquals(-0.73, json.get("longitude").asDouble(), 1e-5);
        assertEquals(20.0, json.get("positionErrorMetres").asDouble(), 0.0);
        assertEquals("LESS_THAN_20_M", json.get("positionError").asText());
        assertEquals("PUSH_TO_TALK_DETECTED", json.get("reasonForSending").asText());
        assertEquals(3, json.get("reasonForSendingCode").asInt());
        assertEquals("TIME_ELAPSED", json.get("timeType").asText());
        assertEquals("LESS_THAN_5_S", json.get("timeElapsed").asText());
        assertEquals(5, json.get("timeElapsedMaxSeconds").asInt());
        assertEquals(47.19, json.get("horizontalSpeedKmh").asDouble(), 0.01);
        assertEquals(90.0, json.get("directionDeg").asDouble(), 0.0);
        assertEquals("POINT_AND_POSITION_ERROR", json.get("locationShape").asText());
        assertFalse(json.get("ackRequested").asBoolean());
        assertFalse(json.has("velocityType"));
        assertFalse(json.has("altitudeMetres"));
    }

    @Test
    void printsALongReportWithTimeOfPositionAndResolvesItGivenAReceptionTime() throws Exception {
        assertEquals(0, run("--received-at=2025-06-17T14:05:41Z", WESTMINSTER_LONG));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("LONG", json.get("pduKind").asText());
        assertEquals("TIME_OF_POSITION", json.get("timeType").asText());
        assertEquals(17, json.get("dayOfMonthUtc").asInt());
        assertEquals(14, json.get("hourUtc").asInt());
        assertEquals(5, json.get("minuteUtc").asInt());
        assertEquals(30, json.get("secondUtc").asInt());
        assertEquals("2025-06-17T14:05:30Z", json.get("positionTimeEarliest").asText());
        assertEquals("2025-06-17T14:05:30Z", json.get("positionTimeLatest").asText());
        assertEquals(200.0, json.get("positionErrorMetres").asDouble(), 0.0);
        assertEquals("HORIZONTAL_WITH_DIRECTION", json.get("velocityType").asText());
        assertEquals(281.25, json.get("directionDeg").asDouble(), 0.0);
        assertTrue(json.get("ackRequested").asBoolean());
        assertEquals(
                "EMERGENCY_CONDITION_DETECTED", json.get("reasonForSending").asText());
    }

    @Test
    void acceptsSpacedHexPrefixAndProtocolIdentifier() throws Exception {
        assertEquals(0, run("--with-protocol-id", "0x0A", "00 88 BD 42 47 F7 37 FF E8 10"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(51.3251, json.get("latitude").asDouble(), 1e-4);
        assertEquals(
                "MAXIMUM_REPORTING_INTERVAL_EXCEEDED",
                json.get("reasonForSending").asText());
        assertFalse(json.has("positionErrorMetres")); // code 7: not known
        assertEquals("NOT_KNOWN", json.get("positionError").asText());
        assertFalse(json.has("horizontalSpeedKmh")); // code 127: not known
    }

    @Test
    void printsUserDefinedDataInsteadOfAReason() throws Exception {
        // Oakham with type of additional data 1 and octet 0xA5: bit 67 set, last octets 1A5 << 4
        assertEquals(0, run("0FF7B1BA57448154 9A 50"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("USER_DEFINED_DATA", json.get("additionalDataType").asText());
        assertEquals(0xA5, json.get("userDefinedData").asInt());
        assertFalse(json.has("reasonForSending"));
        assertFalse(json.has("reasonForSendingCode"));
    }

    @Test
    void badPduPrintsOneErrorLineAndExitsWithTwo() {
        assertEquals(2, run("0FF7"));
        assertEquals("", out.toString());
        assertEquals(
                "error: truncated PDU: needs 25 bits for longitude at bit 4, only 12 left",
                err.toString().strip());
        assertEquals(1, err.toString().strip().lines().count());
    }

    @Test
    void badHexAndReservedValuesPrintOneErrorLine() {
        assertEquals(2, run("0FF7B1BA57448154803"));
        assertEquals(
                "error: odd number of hex digits (19): a PDU is whole octets, two digits each",
                err.toString().strip());
    }

    @Test
    void reservedPduTypeAndUnknownShape() {
        assertEquals(2, run("C000000000"));
        assertEquals("error: reserved PDU type 3 at bit 0", err.toString().strip());
        err.getBuffer().setLength(0);
        // long report, time none, shape 13
        assertEquals(2, run("4C D0 00 00 00 00 00 00 00 00 00 00 00 00"));
        assertEquals(
                "error: unknown location shape 13 (reserved) at bit 8",
                err.toString().strip());
    }

    @Test
    void badReceptionTimeIsAUsageErrorOnOneLine() {
        assertEquals(2, run("--received-at=yesterday", OAKHAM_SHORT));
        assertEquals(
                "error: --received-at 'yesterday' is not an ISO-8601 instant such as 2025-03-01T12:00:00Z",
                err.toString().strip());
    }

    @Test
    void helpAndName() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("lip-decode"));
        assertTrue(out.toString().contains("<hex>"));
    }
}
