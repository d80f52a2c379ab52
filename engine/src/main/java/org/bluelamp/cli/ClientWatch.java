package org.bluelamp.cli;

import io.vertx.core.Promise;
import io.vertx.grpc.common.GrpcStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.api.client.RemoteCallException;
import org.bluelamp.error.BluelampException;
import org.bluelamp.proto.v1.FleetGrpcClient;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.WatchFleetRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code client watch}: follows the live fleet feed (Fleet.WatchFleet) until Ctrl-C, the service
 * ends it, or {@code --count} updates have arrived; one JSON line (or table) per update, printed as
 * it arrives.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Follow live fleet updates (Fleet.WatchFleet) until Ctrl-C, printing each as it arrives.",
            "The first update lists every unit (unless --no-snapshot); later ones the units that changed."
        })
final class ClientWatch implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(
            names = "--count",
            paramLabel = "<n>",
            description = "Stop after this many updates (default: follow until Ctrl-C or the service ends the feed).")
    Long count;

    @Option(
            names = "--interval-millis",
            paramLabel = "<ms>",
            description = "Shortest time between two updates, 100 to 60000 ms (default: the service's, 1000).")
    Integer intervalMillis;

    @Option(names = "--no-snapshot", description = "Do not start with every unit: only changes from now on.")
    boolean noSnapshot;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    AreaOptions area;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw BluelampException.invalid("--count", "--count must be at least 1, got " + count);
        }
        if (intervalMillis != null && (intervalMillis < 100 || intervalMillis > 60_000)) {
            throw BluelampException.invalid(
                    "--interval-millis", "--interval-millis must be between 100 and 60000, got " + intervalMillis);
        }
        WatchFleetRequest.Builder b = WatchFleetRequest.newBuilder()
                .setIncludeSnapshot(!noSnapshot)
                .setMinIntervalMillis(intervalMillis == null ? 0 : intervalMillis);
        RequestFields fields = RequestFields.of().field("min_interval_millis", "--interval-millis", intervalMillis);
        if (area != null) {
            b.setArea(area.toProto());
            fields.field("area", area.optionName(), area.value());
        }
        WatchFleetRequest req = b.build();
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong seen = new AtomicLong();
        client.follow(fields, c -> {
            Promise<Void> done = Promise.promise();
            c.stream(FleetGrpcClient.WatchFleet, req, (FleetUpdate u) -> {
                        if (done.future().isComplete()) {
                            return;
                        }
                        synchronized (out) {
                            client.print(out, u, ClientTables::fleetUpdate);
                        }
                        if (count != null && seen.incrementAndGet() >= count) {
                            done.tryComplete(); // closing the client afterwards cancels the call
                        }
                    })
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            done.tryComplete();
                        } else if (ar.cause() instanceof RemoteCallException r && r.status() == GrpcStatus.CANCELLED) {
                            done.tryComplete();
                        } else {
                            done.tryFail(ar.cause());
                        }
                    });
            return done.future();
        });
        return 0;
    }
}
