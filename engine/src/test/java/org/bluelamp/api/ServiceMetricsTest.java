package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Timer;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

/** Each call is counted in the timer of its own method and status, and in no other. */
class ServiceMetricsTest {
    @Test
    void callsAreTimedByMethodAndStatus() {
        ServiceMetrics m = new ServiceMetrics();
        for (int i = 0; i < 3; i++) {
            m.recordCall("dispatch.v1.Dispatch/Recommend", GrpcStatus.OK, 1_000_000);
        }
        m.recordCall("dispatch.v1.Dispatch/Recommend", GrpcStatus.INVALID_ARGUMENT, 2_000_000);
        m.recordCall("dispatch.v1.Fleet/GetUnit", GrpcStatus.OK, 3_000_000);
        m.recordCall("dispatch.v1.Fleet/GetUnit", GrpcStatus.OK, 5_000_000);
        assertEquals(3, timer(m, "dispatch.v1.Dispatch/Recommend", "OK").count());
        assertEquals(
                1,
                timer(m, "dispatch.v1.Dispatch/Recommend", "INVALID_ARGUMENT").count());
        Timer getUnit = timer(m, "dispatch.v1.Fleet/GetUnit", "OK");
        assertEquals(2, getUnit.count());
        assertEquals(8.0, getUnit.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
        assertNull(m.registry()
                .find("bluelamp.grpc.server.call.duration")
                .tag("method", "dispatch.v1.Fleet/GetUnit")
                .tag("status", "INVALID_ARGUMENT")
                .timer());
        assertEquals(
                3,
                m.registry().find("bluelamp.grpc.server.call.duration").timers().size());
    }

    private static Timer timer(ServiceMetrics m, String method, String status) {
        return m.registry()
                .find("bluelamp.grpc.server.call.duration")
                .tag("method", method)
                .tag("status", status)
                .timer();
    }
}
