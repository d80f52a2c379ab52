package org.bluelamp.tracking;

/**
 * What the intake accepts.
 *
 * @param maxFutureSkewMillis how far a position time may be ahead of the engine clock (radio or
 *     gateway clock skew), &ge; 0
 * @param maxFixAgeMillis how old a position time may be (backlog from radios out of coverage), &gt; 0
 * @param maxSpeedMetresPerSecond the fastest plausible reported speed, &gt; 0
 * @param maxAccuracyMetres the largest plausible accuracy radius, &gt; 0
 * @param serviceArea the box fixes must lie in, or {@code null} for the whole Earth
 * @param autoRegistration how unknown radios are registered, or {@code null} to reject their fixes
 *
 * <p>Thread-safety: immutable.
 */
public record IntakeOptions(
        long maxFutureSkewMillis,
        long maxFixAgeMillis,
        double maxSpeedMetresPerSecond,
        double maxAccuracyMetres,
        ServiceArea serviceArea,
        AutoRegistration autoRegistration) {

    /** Checks the bounds. */
    public IntakeOptions {
        if (maxFutureSkewMillis < 0) {
            throw new IllegalArgumentException("maxFutureSkewMillis " + maxFutureSkewMillis + " must be >= 0");
        }
        if (maxFixAgeMillis <= 0) {
            throw new IllegalArgumentException("maxFixAgeMillis " + maxFixAgeMillis + " must be positive");
        }
        if (!(maxSpeedMetresPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "maxSpeedMetresPerSecond " + maxSpeedMetresPerSecond + " must be positive");
        }
        if (!(maxAccuracyMetres > 0)) {
            throw new IllegalArgumentException("maxAccuracyMetres " + maxAccuracyMetres + " must be positive");
        }
    }

    /**
     * 30 s of clock skew, fixes up to one hour old, speeds up to 120 m/s, accuracy up to 100 km, no
     * service area, no auto-registration.
     */
    public static IntakeOptions defaults() {
        return new IntakeOptions(30_000L, 3_600_000L, 120.0, 100_000.0, null, null);
    }

    /** These options with another clock skew allowance. */
    public IntakeOptions withMaxFutureSkewMillis(long millis) {
        return new IntakeOptions(
                millis, maxFixAgeMillis, maxSpeedMetresPerSecond, maxAccuracyMetres, serviceArea, autoRegistration);
    }

    /** These options with another maximum fix age. */
    public IntakeOptions withMaxFixAgeMillis(long millis) {
        return new IntakeOptions(
                maxFutureSkewMillis, millis, maxSpeedMetresPerSecond, maxAccuracyMetres, serviceArea, autoRegistration);
    }

    /** These options with a service area ({@code null} for none). */
    public IntakeOptions withServiceArea(ServiceArea area) {
        return new IntakeOptions(
                maxFutureSkewMillis,
                maxFixAgeMillis,
                maxSpeedMetresPerSecond,
                maxAccuracyMetres,
                area,
                autoRegistration);
    }

    /** These options with auto-registration ({@code null} for none). */
    public IntakeOptions withAutoRegistration(AutoRegistration registration) {
        return new IntakeOptions(
                maxFutureSkewMillis,
                maxFixAgeMillis,
                maxSpeedMetresPerSecond,
                maxAccuracyMetres,
                serviceArea,
                registration);
    }
}
