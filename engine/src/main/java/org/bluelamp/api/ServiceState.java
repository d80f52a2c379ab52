package org.bluelamp.api;

import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitSnapshot;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.store.AuditEntry;
import org.bluelamp.store.DurableFleet;

/**
 * What the endpoints share: the backend (with its durable state: assignments, incidents, audit),
 * the rules requests are checked against, the intake thread, the live feed, the metrics and the
 * call plumbing.
 *
 * <p>Thread-safety: every part is thread-safe.
 */
final class ServiceState {
    final Backend backend;
    final ServiceOptions options;
    final RequestRules rules;
    final ServiceMetrics metrics;
    final Rpc rpc;
    final IntakeWorker intake;
    final FleetFeed feed;
    final ActiveCalls calls;

    ServiceState(
            Backend backend,
            ServiceOptions options,
            RequestRules rules,
            ServiceMetrics metrics,
            Rpc rpc,
            IntakeWorker intake,
            ActiveCalls calls) {
        this.backend = backend;
        this.options = options;
        this.rules = rules;
        this.metrics = metrics;
        this.rpc = rpc;
        this.intake = intake;
        this.calls = calls;
        // a watch on a quiet area still sends something well within the idle timeout
        long heartbeat = Math.max(
                100, Math.min(60_000, options.connections().idleTimeout().toMillis() / 3));
        this.feed = new FleetFeed(backend.fleet(), this::unitMessage, heartbeat);
    }

    FleetState fleet() {
        return backend.fleet();
    }

    DurableFleet durable() {
        return backend.durable();
    }

    long nowMillis() {
        return backend.clock().millis();
    }

    /** The Unit message of the unit with this index, now. */
    Unit unitMessage(int unitIndex) {
        return unitMessage(fleet().snapshot(unitIndex));
    }

    /** The audit trail's name for a caller. */
    static AuditEntry.Actor actor(AccessPolicy.Caller caller) {
        return new AuditEntry.Actor(caller.role().code(), caller.name());
    }

    Unit unitMessage(UnitSnapshot s) {
        return ProtoMapping.toProto(
                s, nowMillis(), durable().assignedIncident(s.unit().id()));
    }
}
