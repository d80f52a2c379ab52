package org.bluelamp.api;

import static org.bluelamp.api.CallLifecycleTest.awaitValue;
import static org.bluelamp.api.GrpcWeb.concat;
import static org.bluelamp.api.GrpcWeb.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies no stock client sends, built by hand (gRPC-Web over HTTP/1.1, and the stock
 * grpc-java client cancelling a stream it never read): every call ends with a status, and the
 * active-call gauge returns to 0 once the clients are gone.
 */
class MalformedRequestTest {
    private static final String GET_UNIT = "dispatch.v1.Fleet/GetUnit";
    private static final String LIST_UNITS = "dispatch.v1.Fleet/ListUnits";
    private static final String STREAM_FIXES = "dispatch.v1.Tracking/StreamFixes";
    private static ServiceFixture fx;

    @BeforeAll
    static void start() {
        fx = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @AfterEach
    void everyCallEnded() throws InterruptedException {
        assertEquals(0, awaitValue(() -> fx.service.health().getInteger("activeCalls"), 0), "calls in flight");
    }

    private static GrpcWeb.Answer call(String method, String contentType, byte[] body, String... headers)
            throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "authorization";
        all[headers.length + 1] = "Bearer " + ServiceFixture.ADMIN_TOKEN;
        return GrpcWeb.call(fx.service.grpcPort(), method, contentType, body, all);
    }

    private static byte[] getU1() {
        return GetUnitRequest.newBuilder().setUnitId("U1").build().toByteArray();
    }

    @Test
    void invalidBase64InGrpcWebTextIsInvalidArgument() throws Exception {
        GrpcWeb.Answer a =
                call(GET_UNIT, "application/grpc-web-text", "AAAA*not base64*".getBytes(StandardCharsets.US_ASCII));
        assertEquals("3", a.grpcStatus(), a.status().toString());
        assertTrue(a.grpcMessage().contains("not valid base64: character '*' at offset 4"), a.grpcMessage());

        GrpcWeb.Answer cut = call(
                GET_UNIT,
                "application/grpc-web-text",
                Arrays.copyOf(Base64.getEncoder().encode(frame(0, getU1())), 10));
        assertEquals("3", cut.grpcStatus(), cut.status().toString());
        assertTrue(cut.grpcMessage().contains("ends inside a base64 group"), cut.grpcMessage());

        // and a good one still works, sent as two padded base64 chunks
        byte[] f = frame(0, getU1());
        byte[] twoChunks = concat(
                Base64.getEncoder().encode(Arrays.copyOf(f, 4)),
                Base64.getEncoder().encode(Arrays.copyOfRange(f, 4, f.length)));
        GrpcWeb.Answer ok = call(GET_UNIT, "application/grpc-web-text", twoChunks);
        assertEquals("0", ok.grpcStatus(), ok.status().toString());
        assertEquals(1, ok.messages().size());
    }

    @Test
    void compressedFlagWithoutGrpcEncodingIsInvalidArgument() throws Exception {
        GrpcWeb.Answer a = call(GET_UNIT, "application/grpc-web+proto", frame(1, getU1()));
        assertEquals("3", a.grpcStatus(), a.status().toString());
        assertEquals("grpc-encoding", a.status().get(Rpc.FIELD_TRAILER));
        assertTrue(
                a.grpcMessage().contains("compressed flag set but the call declares no grpc-encoding"),
                a.grpcMessage());

        GrpcWeb.Answer flags = call(GET_UNIT, "application/grpc-web+proto", frame(0x80, getU1()));
        assertEquals("3", flags.grpcStatus(), flags.status().toString());
        assertTrue(flags.grpcMessage().contains("frame flags 0x80"), flags.grpcMessage());
    }

    @Test
    void aLengthPrefixLongerThanItsDataIsATruncatedMessageNotAnEmptyRequest() throws Exception {
        byte[] lying = Arrays.copyOf(frame(0, new byte[100]), 5 + 3);
        GrpcWeb.Answer a = call(LIST_UNITS, "application/grpc-web+proto", lying);
        assertEquals("3", a.grpcStatus(), "ListUnits must not answer a cut request with every unit: " + a.status());
        assertTrue(a.messages().isEmpty());
        assertTrue(
                a.grpcMessage()
                        .contains(
                                "truncated message: the length prefix of request 0 says 100 bytes but only 3 arrived"),
                a.grpcMessage());

        GrpcWeb.Answer headerOnly = call(LIST_UNITS, "application/grpc-web+proto", new byte[] {0, 0});
        assertEquals("3", headerOnly.grpcStatus());
        assertTrue(headerOnly.grpcMessage().contains("ends inside its 5-byte frame header"), headerOnly.grpcMessage());

        GrpcWeb.Answer none = call(LIST_UNITS, "application/grpc-web+proto", new byte[0]);
        assertEquals("3", none.grpcStatus());
        assertTrue(none.grpcMessage().contains("carries no request message"), none.grpcMessage());

        GrpcWeb.Answer two = call(
                LIST_UNITS,
                "application/grpc-web+proto",
                concat(frame(0, ListUnitsRequest.getDefaultInstance().toByteArray()), frame(0, new byte[0])));
        assertEquals("3", two.grpcStatus());
    }

    @Test
    void inAFixStreamATruncatedMessageIsARejectedBatchAndTheStreamEndsNormally() throws Exception {
        byte[] batch = FixBatch.newBuilder()
                .setBatchId(7)
                .addFixes(GpsFix.newBuilder()
                        .setUnitId("U1")
                        .setPosition(LatLon.newBuilder().setLatDeg(43.7393).setLonDeg(7.4278))
                        .setPositionTimeEpochMillis(System.currentTimeMillis() - 1000))
                .build()
                .toByteArray();
        byte[] body = concat(frame(0, batch), frame(1, batch), Arrays.copyOf(frame(0, batch), 5 + batch.length - 2));
        GrpcWeb.Answer a = call(STREAM_FIXES, "application/grpc-web+proto", body);
        assertEquals("0", a.grpcStatus(), a.status().toString());
        assertEquals(3, a.messages().size());
        FixBatchAck first = FixBatchAck.parseFrom(a.messages().get(0));
        assertEquals(7, first.getBatchId());
        assertEquals(1, first.getAcceptedCount());
        FixBatchAck second = FixBatchAck.parseFrom(a.messages().get(1));
        assertEquals(1, second.getMessageIndex());
        assertEquals(RejectReason.REJECT_REASON_MALFORMED_MESSAGE, second.getBatchError());
        assertTrue(second.getBatchErrorMessage().contains("compressed flag"), second.getBatchErrorMessage());
        FixBatchAck third = FixBatchAck.parseFrom(a.messages().get(2));
        assertEquals(2, third.getMessageIndex());
        assertEquals(RejectReason.REJECT_REASON_MALFORMED_MESSAGE, third.getBatchError());
        assertTrue(third.getBatchErrorMessage().contains("truncated message"), third.getBatchErrorMessage());
    }

    @Test
    void aFixStreamNeverReadAndThenCancelledEnds() throws Exception {
        FixBatch batch = FixBatch.newBuilder()
                .addFixes(GpsFix.newBuilder()
                        .setUnitId("U2")
                        .setPosition(LatLon.newBuilder().setLatDeg(43.7311).setLonDeg(7.4197))
                        .setPositionTimeEpochMillis(System.currentTimeMillis() - 1000))
                .build();
        CallOptions auth = CallOptions.DEFAULT.withCallCredentials(ServiceFixture.bearer(ServiceFixture.GATEWAY_TOKEN));
        // one that sends batches but never asks for an acknowledgement, one that never sends anything
        ClientCall<FixBatch, FixBatchAck> unread = fx.channel.newCall(TrackingGrpc.getStreamFixesMethod(), auth);
        unread.start(new ClientCall.Listener<>() {}, new Metadata());
        for (int i = 0; i < 20; i++) {
            unread.sendMessage(batch);
        }
        ClientCall<FixBatch, FixBatchAck> silent = fx.channel.newCall(TrackingGrpc.getStreamFixesMethod(), auth);
        silent.start(new ClientCall.Listener<>() {}, new Metadata());
        silent.request(1);
        assertEquals(2, awaitValue(() -> fx.service.health().getInteger("activeCalls"), 2));
        unread.cancel("the gateway went away", null);
        silent.cancel("the gateway went away", null);
        // @AfterEach checks that both ended
    }
}
