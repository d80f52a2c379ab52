package org.bluelamp.api;

import java.time.InstantSource;
import java.util.Objects;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.CapabilityRegistry;

/**
 * What the boundary checks requests against: the force's grades and incident types (its policy
 * book), its capability codes, and the service's limits. Built once per service.
 *
 * @param policies grade codes and incident types ({@link PolicyBook#findGrade},
 *     {@link PolicyBook#findResponsePlan})
 * @param capabilities the capability codes units and incidents may name
 * @param maxFixesPerBatch the most fixes one {@code FixBatch} may carry
 * @param clock the engine clock ("now" for times a request leaves out)
 *
 * <p>Thread-safety: immutable.
 */
record RequestRules(PolicyBook policies, CapabilityRegistry capabilities, int maxFixesPerBatch, InstantSource clock) {

    RequestRules {
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(clock, "clock");
    }

    long nowMillis() {
        return clock.millis();
    }
}
