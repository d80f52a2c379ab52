package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.grpc.common.GrpcStatus;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.UnknownUnitException;
import org.junit.jupiter.api.Test;

/** The one mapping from exceptions to gRPC statuses. */
class ErrorMappingTest {
    @Test
    void callerErrorsKeepTheirKindAndFieldWhileServerBugsBecomeInternal() {
        var invalid = ErrorMapping.map(BluelampException.invalid("incident.location", "bad"), "Recommend");
        assertEquals(GrpcStatus.INVALID_ARGUMENT, invalid.status());
        assertEquals("incident.location", invalid.field());
        assertEquals(
                GrpcStatus.NOT_FOUND,
                ErrorMapping.map(new UnknownUnitException("X"), "GetUnit").status());
        assertEquals(
                GrpcStatus.ALREADY_EXISTS,
                ErrorMapping.map(new BluelampException(ErrorKind.ALREADY_EXISTS, "unit.id", "twice"), "RegisterUnit")
                        .status());
        // an IllegalArgumentException from inside the engine is the server's fault, not the caller's
        var bug = ErrorMapping.map(new IllegalArgumentException("No enum constant X"), "Recommend");
        assertEquals(GrpcStatus.INTERNAL, bug.status());
        assertFalse(bug.message().contains("No enum constant"), "no internals leak to the caller: " + bug.message());
    }

    @Test
    void everyStatusMessageFitsInAHeaderBlockWhateverItSays() {
        String huge = "unit_id '" + "x".repeat(100_000) + "' is wrong";
        var m = ErrorMapping.map(BluelampException.invalid("unit_id", huge), "GetUnit");
        assertTrue(
                encodedBytes(m.message()) <= ErrorMapping.MAX_STATUS_MESSAGE_BYTES,
                m.message().length() + " chars");
        assertTrue(m.message().endsWith(" more characters)"), m.message());
        assertTrue(m.message().startsWith("unit_id 'xxx"));
        // characters that percent-encode to 9 or 12 bytes each are counted as sent
        String wide = "€😀".repeat(10_000);
        assertTrue(encodedBytes(ErrorMapping.fit(wide)) <= ErrorMapping.MAX_STATUS_MESSAGE_BYTES);
        assertEquals("short", ErrorMapping.fit("short"));
    }

    @Test
    void statusMessagesArePercentEncodedAsTheGrpcProtocolSaysAndDecodeBack() {
        // printable ASCII other than '%' as it is: grpc-js reads grpc-message with decodeURI, which
        // leaves a URL-style %3A, %2C or %2B as it is, so those must not be encoded
        String m = "unit_id 'a+b' is not a valid id: character 1 is U+202E, 100% sure";
        assertEquals(
                "unit_id 'a+b' is not a valid id: character 1 is U+202E, 100%25 sure", ErrorMapping.grpcMessage(m));
        assertEquals("caf%C3%A9 %E2%80%AE %0A", ErrorMapping.grpcMessage("café \u202e \n"));
        for (String s : new String[] {m, "café \u202e \n 😀", "%", "%%41", "a+b"}) {
            assertEquals(s, org.bluelamp.api.client.StatusMessages.decode(ErrorMapping.grpcMessage(s)), s);
        }
        // a stray '%' on the wire is kept, not an error
        assertEquals("50% off %zz", org.bluelamp.api.client.StatusMessages.decode("50% off %zz"));
        assertEquals(encodedBytes(m), ErrorMapping.grpcMessage(m).length());
    }

    /** The size of {@code s} percent-encoded as gRPC sends grpc-message. */
    private static int encodedBytes(String s) {
        int n = 0;
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            n += b >= 0x20 && b < 0x7F && b != '%' ? 1 : 3;
        }
        return n;
    }
}
