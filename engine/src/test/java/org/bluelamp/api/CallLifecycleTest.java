package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.junit.jupiter.api.Test;

/**
 * Every call ends, however its client goes away: a watcher cancelled by its client (RST_STREAM),
 * one whose deadline passes, and one whose connection closes are all removed, the active-call
 * gauge returns to 0, and shutdown then drains at once instead of waiting out its timeout.
 */
class CallLifecycleTest {

    /** Waits (at most 10 s, polling) until {@code value} reads {@code expected}; returns the last value read. */
    static int awaitValue(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int v = value.getAsInt();
        while (v != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = value.getAsInt();
        }
        return v;
    }

    private static WatchFleetRequest snapshotEvery100ms() {
        return WatchFleetRequest.newBuilder()
                .setIncludeSnapshot(true)
                .setMinIntervalMillis(100)
                .build();
    }

    /** Starts a watch with the stock client and waits for its first update (so it is subscribed). */
    private static ClientCall<WatchFleetRequest, FleetUpdate> watch(ManagedChannel channel, CallOptions options)
            throws InterruptedException {
        ClientCall<WatchFleetRequest, FleetUpdate> call = channel.newCall(
                FleetGrpc.getWatchFleetMethod(),
                options.withCallCredentials(ServiceFixture.bearer(ServiceFixture.CONSOLE_TOKEN)));
        CountDownLatch first = new CountDownLatch(1);
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(FleetUpdate message) {
                        first.countDown();
                        call.request(1);
                    }
                },
                new Metadata());
        call.request(1);
        call.sendMessage(snapshotEvery100ms());
        call.halfClose();
        assertTrue(first.await(10, TimeUnit.SECONDS), "the watch got its snapshot");
        return call;
    }

    @Test
    void watchersGoWhenTheirCallsEndHoweverTheyEnd() throws Exception {
        ServiceFixture fx = ServiceFixture.start();
        try {
            // cancelled by the client: RST_STREAM(CANCEL)
            ClientCall<WatchFleetRequest, FleetUpdate> cancelled = watch(fx.channel, CallOptions.DEFAULT);
            // a deadline that passes: the client resets the stream
            Iterator<FleetUpdate> timed = ServiceFixture.as(
                            FleetGrpc.newBlockingStub(fx.channel), ServiceFixture.CONSOLE_TOKEN)
                    .withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                    .watchFleet(snapshotEvery100ms());
            timed.next();
            // a connection that closes under its watchers
            ManagedChannel doomed = ManagedChannelBuilder.forAddress("127.0.0.1", fx.service.grpcPort())
                    .usePlaintext()
                    .build();
            watch(doomed, CallOptions.DEFAULT);
            watch(doomed, CallOptions.DEFAULT);
            assertEquals(4, fx.service.health().getInteger("watchers"));

            cancelled.cancel("the console closed its map", null);
            doomed.shutdownNow();
            LinkedBlockingQueue<Object> timedEnd = new LinkedBlockingQueue<>();
            Thread drainer = new Thread(() -> {
                try {
                    while (timed.hasNext()) {
                        timed.next();
                    }
                    timedEnd.add("completed");
                } catch (StatusRuntimeException e) {
                    timedEnd.add(e.getStatus().getCode());
                }
            });
            drainer.start();
            assertEquals(Status.Code.DEADLINE_EXCEEDED, timedEnd.poll(10, TimeUnit.SECONDS));

            assertEquals(0, awaitValue(() -> fx.service.health().getInteger("watchers"), 0), "watchers left");
            assertEquals(0, awaitValue(() -> fx.service.health().getInteger("activeCalls"), 0), "calls in flight");
            assertTrue(fx.service.shutdown(), "shutdown drained: no dead call kept it waiting");
        } finally {
            fx.close();
        }
    }
}
