package org.bluelamp.api;

import java.util.concurrent.ConcurrentHashMap;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitSnapshot;

/**
 * What the endpoints share: the backend, the intake thread, the live feed, the current
 * assignments (unit id to incident id) and the call plumbing.
 *
 * <p>Thread-safety: every part is thread-safe.
 */
final class ServiceState {
    final Backend backend;
    final ServiceOptions options;
    final Rpc rpc;
    final IntakeWorker intake;
    final FleetFeed feed;
    final ActiveCalls calls;
    final ConcurrentHashMap<String, String> assignments = new ConcurrentHashMap<>();

    ServiceState(Backend backend, ServiceOptions options, Rpc rpc, IntakeWorker intake, ActiveCalls calls) {
        this.backend = backend;
        this.options = options;
        this.rpc = rpc;
        this.intake = intake;
        this.calls = calls;
        this.feed = new FleetFeed(backend.fleet(), this::unitMessage);
    }

    FleetState fleet() {
        return backend.fleet();
    }

    long nowMillis() {
        return backend.clock().millis();
    }

    /** The Unit message of the unit with this index, now. */
    org.bluelamp.proto.v1.Unit unitMessage(int unitIndex) {
        return unitMessage(fleet().snapshot(unitIndex));
    }

    org.bluelamp.proto.v1.Unit unitMessage(UnitSnapshot s) {
        return ProtoMapping.toProto(s, nowMillis(), assignments.get(s.unit().id()));
    }
}
