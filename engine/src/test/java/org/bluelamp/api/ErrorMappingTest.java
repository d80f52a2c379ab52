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
}
