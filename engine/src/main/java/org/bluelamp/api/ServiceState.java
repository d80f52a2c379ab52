package org.bluelamp.api;

import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.LiveCoverage;
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
    /** The grade whose coverage the live fleet is measured for. */
    static final String LIVE_GRADE = "1";
    /** The least time between two evaluations of the live fleet's coverage, ms. */
    static final long LIVE_INTERVAL_MILLIS = 1_000;

    final Backend backend;
    final ServiceOptions options;
    final RequestRules rules;
    final ServiceMetrics metrics;
    final Rpc rpc;
    final IntakeWorker intake;
    final FleetFeed feed;
    final ActiveCalls calls;
    /** Coverage for the Planning service, or null when the service does not offer it. */
    final CoveragePlanner planner;
    /** The live fleet's Grade 1 coverage, or null when Planning is not served or Grade 1 has no target. */
    final LiveCoverage live;
    /** The live coverage as a stream to consoles, or null when {@link #live} is. */
    final LiveCoverageFeed liveFeed;

    ServiceState(
            Backend backend,
            ServiceOptions options,
            RequestRules rules,
            ServiceMetrics metrics,
            Rpc rpc,
            IntakeWorker intake,
            ActiveCalls calls,
            CoveragePlanner planner) {
        this.backend = backend;
        this.options = options;
        this.rules = rules;
        this.metrics = metrics;
        this.rpc = rpc;
        this.intake = intake;
        this.calls = calls;
        this.planner = planner;
        this.live = planner != null && planner.hasTarget(LIVE_GRADE)
                ? new LiveCoverage(planner, backend.fleet(), backend.clock(), LIVE_GRADE, LIVE_INTERVAL_MILLIS)
                : null;
        // a watch on a quiet area still sends something well within the idle timeout
        long heartbeat = Math.max(
                100, Math.min(60_000, options.connections().idleTimeout().toMillis() / 3));
        this.feed = new FleetFeed(backend.fleet(), this::unitMessage, heartbeat);
        this.liveFeed = live == null ? null : new LiveCoverageFeed(live, heartbeat);
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
