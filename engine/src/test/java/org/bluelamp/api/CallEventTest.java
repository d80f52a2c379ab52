package org.bluelamp.api;

import static org.bluelamp.api.ServiceFixture.CONSOLE_TOKEN;
import static org.bluelamp.api.ServiceFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.bluelamp.proto.v1.DispatchGrpc;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RecommendRequest;
import org.junit.jupiter.api.Test;

/**
 * The service's calls as flight-recorder events ({@link CallEvent}): nothing is measured without
 * a recording; with one, each recommendation's parts (queued, run, the run's CPU, the answer)
 * are measured and fit inside the call, and a call refused on the event loop has no search parts.
 */
class CallEventTest {

    private static RecommendRequest at(double lat, double lon) {
        return RecommendRequest.newBuilder()
                .setIncident(Incident.newBuilder()
                        .setLocation(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon))
                        .setGrade("1"))
                .setMaxCandidates(3)
                .build();
    }

    @Test
    void noEventWithoutARecording() {
        assertNull(CallEvent.ifRecorded(), "no recording runs, so nothing is to be measured");
    }

    @Test
    void recommendationsAreSplitIntoQueueRunCpuAndAnswer() throws Exception {
        Path file = Files.createTempFile("calls", ".jfr");
        List<RecordedEvent> events = new ArrayList<>();
        try (ServiceFixture fx = ServiceFixture.start();
                Recording recording = new Recording()) {
            recording.enable("org.bluelamp.Call");
            recording.start();
            DispatchGrpc.DispatchBlockingStub dispatch =
                    as(DispatchGrpc.newBlockingStub(fx.channel), CONSOLE_TOKEN).withDeadlineAfter(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                assertTrue(dispatch.recommend(at(43.7370, 7.4250)).getCandidatesCount() >= 1);
            }
            // refused by the request's check on the event loop: no search
            assertThrows(StatusRuntimeException.class, () -> dispatch.recommend(at(95, 7.4250)));
            recording.stop();
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals("org.bluelamp.Call")
                        && e.getString("method").equals("dispatch.v1.Dispatch/Recommend")) {
                    events.add(e);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(4, events.size(), "one event per call");
        int ok = 0;
        for (RecordedEvent e : events) {
            long call = e.getLong("callNanos");
            long queued = e.getLong("queuedNanos");
            long run = e.getLong("runNanos");
            long cpu = e.getLong("runCpuNanos");
            long answer = e.getLong("answerNanos");
            if (e.getString("status").equals("OK")) {
                ok++;
                assertTrue(queued >= 0 && run > 0 && answer >= 0, e.toString());
                assertTrue(cpu > 0, "the ranking used some CPU: " + e);
                // the thread's CPU clock ticks coarser than the wall clock on some kernels
                assertTrue(cpu <= run + TimeUnit.MILLISECONDS.toNanos(1), "CPU within the run: " + e);
                assertTrue(queued + run + answer <= call, "the parts fit inside the call: " + e);
            } else {
                assertEquals("INVALID_ARGUMENT", e.getString("status"));
                assertTrue(call > 0, e.toString());
                assertEquals(-1, run, "refused before any search: " + e);
                assertEquals(-1, cpu, e.toString());
            }
        }
        assertEquals(3, ok);
    }
}
