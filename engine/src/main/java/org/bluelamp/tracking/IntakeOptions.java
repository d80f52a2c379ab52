package org.bluelamp.tracking;

import java.util.Objects;
import org.bluelamp.input.ClientTimeRule;

/**
 * What the intake accepts.
 *
 * @param clientTimes how far a position time may be ahead of the engine clock (radio or gateway
 *     clock skew) and how old it may be (backlog from radios out of coverage): the one rule for
 *     every time a client supplies, shared with the service's other boundaries
 * @param maxSpeedMetresPerSecond the fastest plausible reported speed, &gt; 0
 * @param maxAccuracyMetres the largest plausible accuracy radius, &gt; 0
 * @param serviceArea the area fixes must lie in, or {@code null} for the whole Earth
 * @param autoRegistration how unknown radios are registered, or {@code null} to reject their fixes
 *
 * <p>Thread-safety: immutable.
 */
public record IntakeOptions(
        ClientTimeRule clientTimes,
        double maxSpeedMetresPerSecond,
        double maxAccuracyMetres,
        ServiceArea serviceArea,
        AutoRegistration autoRegistration) {

    /** Checks the bounds. */
    public IntakeOptions {
        Objects.requireNonNull(clientTimes, "clientTimes");
        if (!(maxSpeedMetresPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "maxSpeedMetresPerSecond " + maxSpeedMetresPerSecond + " must be positive");
        }
        if (!(maxAccuracyMetres > 0)) {
            throw new IllegalArgumentException("maxAccuracyMetres " + maxAccuracyMetres + " must be positive");
        }
    }

    /**
     * The default client time rule ({@link ClientTimeRule#defaults()}: 30 s of clock skew, times up
     * to one hour old), speeds up to 120 m/s, accuracy up to 100 km, no service area, no
     * auto-registration.
     */
    public static IntakeOptions defaults() {
        return new IntakeOptions(ClientTimeRule.defaults(), 120.0, 100_000.0, null, null);
    }

    /** These options with another client time rule. */
    public IntakeOptions withClientTimes(ClientTimeRule rule) {
        return new IntakeOptions(rule, maxSpeedMetresPerSecond, maxAccuracyMetres, serviceArea, autoRegistration);
    }

    /** These options with a service area ({@code null} for none). */
    public IntakeOptions withServiceArea(ServiceArea area) {
        return new IntakeOptions(clientTimes, maxSpeedMetresPerSecond, maxAccuracyMetres, area, autoRegistration);
    }

    /** These options with auto-registration ({@code null} for none). */
    public IntakeOptions withAutoRegistration(AutoRegistration registration) {
        return new IntakeOptions(clientTimes, maxSpeedMetresPerSecond, maxAccuracyMetres, serviceArea, registration);
    }
}
