package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.TrackBuffer;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.TrackingGrpc;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.junit.jupiter.api.Test;

/**
 * Shutdown drains: a fix stream gets every batch it sent acknowledged (and applied) before it is
 * ended with UNAVAILABLE; a watcher is ended with UNAVAILABLE; nothing acknowledged is lost.
 */
class DrainTest {

    @Test
    void shutdownAcknowledgesWhatWasReadEndsStreamsAndLosesNothing() throws Exception {
        ServiceFixture fx = ServiceFixture.start();
        long now = System.currentTimeMillis();
        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        StreamObserver<FixBatch> out = ServiceFixture.as(TrackingGrpc.newStub(fx.channel), ServiceFixture.GATEWAY_TOKEN)
                .streamFixes(new StreamObserver<>() {
                    @Override
                    public void onNext(FixBatchAck ack) {
                        received.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        received.add("completed");
                    }
                });
        Iterator<FleetUpdate> watch = ServiceFixture.as(
                        FleetGrpc.newBlockingStub(fx.channel), ServiceFixture.CONSOLE_TOKEN)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchFleet(WatchFleetRequest.newBuilder()
                        .setIncludeSnapshot(true)
                        .setMinIntervalMillis(100)
                        .build());
        assertTrue(watch.next().getFullSnapshot());

        int batches = 50;
        for (int b = 0; b < batches; b++) {
            FixBatch.Builder batch = FixBatch.newBuilder().setBatchId(b);
            for (int i = 0; i < 20; i++) {
                long t = now - 60_000 + b * 20L + i;
                batch.addFixes(GpsFix.newBuilder()
                        .setUnitId("U1")
                        .setPositionTimeEpochMillis(t)
                        .setPosition(
                                LatLon.newBuilder().setLatDeg(43.73 + i * 1e-5).setLonDeg(7.42)));
            }
            out.onNext(batch.build());
        }
        // shut down while batches are still arriving
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(fx.service::shutdown);

        List<FixBatchAck> acks = new ArrayList<>();
        Object end;
        while ((end = received.poll(20, TimeUnit.SECONDS)) instanceof FixBatchAck a) {
            acks.add(a);
        }
        assertTrue(end instanceof Throwable, "the stream ends with a status, got " + end);
        Status status = Status.fromThrowable((Throwable) end);
        assertTrue(
                status.getCode() == Status.Code.UNAVAILABLE || acks.size() == batches && end.equals("completed"),
                status.toString());
        assertTrue(stopped.get(20, TimeUnit.SECONDS), "every call finished within the drain timeout");

        long acknowledgedFixes = 0;
        for (int i = 0; i < acks.size(); i++) {
            assertEquals(i, acks.get(i).getMessageIndex());
            acknowledgedFixes += acks.get(i).getAcceptedCount() + acks.get(i).getDuplicateCount();
        }
        TrackBuffer track = new TrackBuffer();
        int held = fx.fleet.readTrack(fx.fleet.getUnit("U1").unitIndex(), now - 61_000, now, track);
        long kept = Math.min(acknowledgedFixes, fx.fleet.options().history().capacity());
        assertTrue(held >= kept, "acknowledged fixes are applied: " + held + " held, " + acknowledgedFixes + " acked");
        assertTrue(fx.intake.counters().total() >= acknowledgedFixes + 2);

        // the watcher was ended too
        Throwable watchEnd = null;
        try {
            while (watch.hasNext()) {
                watch.next();
            }
        } catch (RuntimeException e) {
            watchEnd = e;
        }
        assertTrue(
                watchEnd != null && Status.fromThrowable(watchEnd).getCode() == Status.Code.UNAVAILABLE,
                String.valueOf(watchEnd));
        fx.close();
    }
}
