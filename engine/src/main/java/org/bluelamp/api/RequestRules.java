package org.bluelamp.api;

import java.time.InstantSource;
import java.util.Objects;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.input.ClientTimeRule;
import org.bluelamp.tracking.FixRules;
import org.bluelamp.tracking.ServiceArea;

/**
 * What the boundary checks requests against: the force's grades and incident types (its policy
 * book), its capability codes, and the service's limits. Built once per service.
 *
 * @param policies grade codes and incident types ({@link PolicyBook#findGrade},
 *     {@link PolicyBook#findResponsePlan})
 * @param capabilities the capability codes units and incidents may name
 * @param clientTimes the window every time a client supplies must lie in (the fix intake's own
 *     rule, one instance: {@code FixIntake.options().clientTimes()})
 * @param fixRules what makes a position acceptable, with the service area ({@code FixIntake.rules()}:
 *     the intake's own, so a position given at registration or an incident meets the same area)
 * @param maxFixesPerBatch the most fixes one {@code FixBatch} may carry
 * @param clock the engine clock ("now" for times a request leaves out)
 *
 * <p>Thread-safety: immutable.
 */
record RequestRules(
        PolicyBook policies,
        CapabilityRegistry capabilities,
        ClientTimeRule clientTimes,
        FixRules fixRules,
        int maxFixesPerBatch,
        InstantSource clock) {

    RequestRules {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(clientTimes, "clientTimes");
        Objects.requireNonNull(fixRules, "fixRules");
        Objects.requireNonNull(clock, "clock");
    }

    /** The service area, or null when the service takes positions anywhere. */
    ServiceArea serviceArea() {
        return fixRules.serviceArea();
    }

    long nowMillis() {
        return clock.millis();
    }

    /**
     * A time a client supplied, checked with the client time rule; 0 (the contract's "not given")
     * means now.
     *
     * @throws org.bluelamp.error.BluelampException INVALID_ARGUMENT naming {@code field}
     */
    long clientTime(String field, long epochMillis) {
        long now = nowMillis();
        return epochMillis == 0 ? now : clientTimes.check(field, epochMillis, now);
    }
}
