package org.bluelamp.api;

import java.time.InstantSource;
import java.util.Objects;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.input.ClientTimeRule;

/**
 * What the boundary checks requests against: the force's grades and incident types (its policy
 * book), its capability codes, and the service's limits. Built once per service.
 *
 * @param policies grade codes and incident types ({@link PolicyBook#findGrade},
 *     {@link PolicyBook#findResponsePlan})
 * @param capabilities the capability codes units and incidents may name
 * @param clientTimes the window every time a client supplies must lie in (the fix intake's own
 *     rule, one instance: {@code FixIntake.options().clientTimes()})
 * @param maxFixesPerBatch the most fixes one {@code FixBatch} may carry
 * @param clock the engine clock ("now" for times a request leaves out)
 *
 * <p>Thread-safety: immutable.
 */
record RequestRules(
        PolicyBook policies,
        CapabilityRegistry capabilities,
        ClientTimeRule clientTimes,
        int maxFixesPerBatch,
        InstantSource clock) {

    RequestRules {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(clientTimes, "clientTimes");
        Objects.requireNonNull(clock, "clock");
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
